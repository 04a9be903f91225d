import ArgumentParser
import Engine

/// `--simulate N` and its options on `risk`, `show` and `report` (CREDIT §C.6). Each help line
/// states its default once; the options other than `--simulate` need it.
struct SimulationOptions: ParsableArguments {
  @Option(
    parsing: .unconditional,
    help: ArgumentHelp(
      "Monte Carlo probability of default over this many paths, \(SimulationSettings.pathRange.lowerBound)–\(SimulationSettings.pathRange.upperBound) (default: none).",
      valueName: "n"))
  var simulate: Int?

  @Option(
    parsing: .unconditional,
    help: ArgumentHelp(
      "Seed of the simulation's draws, 0 or more (default: \(SimulationSettings.defaultSeed)).", valueName: "s"))
  var seed: Int?

  @Option(
    name: .customLong("price-vol"), parsing: .unconditional,
    help: ArgumentHelp(
      "Yearly market-price volatility in %, 0–500 (default: from the price history, else \(Int(SimulationSettings.fallbackPriceVolPct))).",
      valueName: "pct"))
  var priceVol: Double?

  @Option(
    name: .customLong("utilization-vol"), parsing: .unconditional,
    help: ArgumentHelp(
      "Standard deviation of each provider's utilization shift, 0–100 points (default: \(Int(SimulationSettings.defaultUtilizationVolPts))).",
      valueName: "points"))
  var utilizationVol: Double?

  @Option(
    name: .customLong("default-rates"), parsing: .unconditional,
    help: ArgumentHelp(
      "Yearly customer default rates in % for investment_grade,high_yield,unrated (default: 0.2,4,10).",
      valueName: "ig,hy,ur"))
  var defaultRates: String?

  func validate() throws {
    if let simulate, !SimulationSettings.pathRange.contains(simulate) {
      throw ValidationError(
        "--simulate must be from \(SimulationSettings.pathRange.lowerBound) to \(SimulationSettings.pathRange.upperBound) paths, got \(simulate)."
      )
    }
    if simulate == nil {
      let given = [
        (seed != nil, "--seed"), (priceVol != nil, "--price-vol"), (utilizationVol != nil, "--utilization-vol"),
        (defaultRates != nil, "--default-rates"),
      ].filter(\.0).map(\.1)
      if let first = given.first { throw ValidationError("\(first) only applies with --simulate N.") }
    }
    if let seed, seed < 0 { throw ValidationError("--seed must be 0 or more, got \(seed).") }
    if let priceVol, !(priceVol.isFinite && (0...500).contains(priceVol)) {
      throw ValidationError("--price-vol must be a percentage from 0 to 500, got \(priceVol).")
    }
    if let utilizationVol, !(utilizationVol.isFinite && (0...100).contains(utilizationVol)) {
      throw ValidationError("--utilization-vol must be from 0 to 100 points, got \(utilizationVol).")
    }
    if let defaultRates, parseRates(defaultRates) == nil {
      throw ValidationError(
        "--default-rates must be three percentages from 0 to 100 separated by commas (investment_grade,high_yield,unrated), got '\(defaultRates)'."
      )
    }
  }

  /// The simulation asked for; nil without `--simulate`.
  var settings: SimulationSettings? {
    guard let simulate else { return nil }
    return SimulationSettings(
      paths: simulate, seed: seed.map { UInt64($0) } ?? SimulationSettings.defaultSeed, priceVolOptionPct: priceVol,
      utilizationVolPts: utilizationVol ?? SimulationSettings.defaultUtilizationVolPts,
      defaultRates: defaultRates.flatMap(parseRates) ?? .standard)
  }

  /// The stress assumptions with this simulation.
  func applied(to assumptions: Assumptions) -> Assumptions {
    var result = assumptions
    result.simulation = settings
    return result
  }
}

/// `0.2,4,10` → investment grade, high yield, unrated; nil unless three numbers in 0–100.
private func parseRates(_ text: String) -> DefaultRates? {
  let parts = text.split(separator: ",", omittingEmptySubsequences: false).map {
    Double($0.trimmingCharacters(in: .whitespaces))
  }
  guard parts.count == 3 else { return nil }
  var values: [Double] = []
  for part in parts {
    guard let value = part, value.isFinite, (0...100).contains(value) else { return nil }
    values.append(value)
  }
  return DefaultRates(investmentGradePct: values[0], highYieldPct: values[1], unratedPct: values[2])
}
