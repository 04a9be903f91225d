import ArgumentParser
import Engine

/// The stress options of `risk`, `show` and `report` (§4, §5, §7 ranges). Every numeric
/// option accepts a negative value in the space form (`--price-shock -30`). Defaults are
/// applied here rather than declared, so each help line states its default once.
struct StressOptions: ParsableArguments {
  @Option(
    parsing: .unconditional,
    help: ArgumentHelp("One utilization for every fleet, 0–100 % (default: each fleet's own).", valueName: "pct"))
  var utilization: Double?

  @Option(
    name: .customLong("price-shock"), parsing: .unconditional,
    help: ArgumentHelp("Shift every market price by this %, ≥ −100 (default: 0).", valueName: "pct"))
  var priceShock: Double?

  @Option(
    name: .customLong("price-decay"), parsing: .unconditional,
    help: ArgumentHelp(
      "Yearly market-price decay in %, between −100 and 100 (default: \(formatDefault(Assumptions.defaultPriceDecayPct))).",
      valueName: "pct"))
  var priceDecay: Double?

  @Option(
    name: .customLong("rate-shock"), parsing: .unconditional,
    help: ArgumentHelp("Add this many basis points to floating rates, −10000…10000 (default: 0).", valueName: "bp"))
  var rateShock: Double?

  @Option(
    parsing: .unconditional,
    help: ArgumentHelp("Months to project, 12–120 (default: \(Assumptions.defaultHorizonMonths)).", valueName: "months")
  )
  var horizon: Int?

  @Option(
    name: .customLong("collateral-margin"), parsing: .unconditional,
    help: ArgumentHelp(
      "Share of a collateral fleet's remaining market earnings counted for market LTV, 0–100 % (default: \(formatDefault(Assumptions.defaultCollateralMarginPct))).",
      valueName: "pct"))
  var collateralMargin: Double?

  @OptionGroup var customers: CustomerDefaultOptions

  func validate() throws {
    let stress = assumptions
    if !(stress.collateralMarginPct.isFinite && (0...100).contains(stress.collateralMarginPct)) {
      throw ValidationError(
        "--collateral-margin must be a percentage from 0 to 100, got \(stress.collateralMarginPct).")
    }
    if let utilization, !(utilization.isFinite && (0...100).contains(utilization)) {
      throw ValidationError("--utilization must be a percentage from 0 to 100, got \(utilization).")
    }
    if !(stress.priceShockPct.isFinite && stress.priceShockPct >= -100) {
      throw ValidationError("--price-shock must be a percentage of at least -100, got \(stress.priceShockPct).")
    }
    if !(stress.priceDecayPct.isFinite && stress.priceDecayPct > -100 && stress.priceDecayPct < 100) {
      throw ValidationError(
        "--price-decay must be a percentage between -100 and 100 (exclusive), got \(stress.priceDecayPct).")
    }
    if !(stress.rateShockBP.isFinite && (-10000...10000).contains(stress.rateShockBP)) {
      throw ValidationError("--rate-shock must be between -10000 and 10000 basis points, got \(stress.rateShockBP).")
    }
    if !(12...120).contains(stress.horizonMonths) {
      throw ValidationError("--horizon must be from 12 to 120 months, got \(stress.horizonMonths).")
    }
  }

  var assumptions: Assumptions {
    var assumptions = Assumptions(
      horizonMonths: horizon ?? Assumptions.defaultHorizonMonths, utilizationPct: utilization,
      priceShockPct: priceShock ?? 0, priceDecayPct: priceDecay ?? Assumptions.defaultPriceDecayPct,
      rateShockBP: rateShock ?? 0,
      collateralMarginPct: collateralMargin ?? Assumptions.defaultCollateralMarginPct)
    assumptions.customerDefault = customers.customerDefault
    return assumptions
  }
}

/// `20` for 20.0, `12.5` for 12.5: a default as a person writes it.
private func formatDefault(_ value: Double) -> String {
  value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String(value)
}
