import ArgumentParser
import Finance

/// The stress options of `risk`, `show` and `recompute` (§4, §5, §7 ranges). Every numeric
/// option accepts a negative value in the space form (`--price-shock -30`).
struct StressOptions: ParsableArguments {
  @Option(
    parsing: .unconditional,
    help: ArgumentHelp("One utilization for every fleet, 0–100 % (default: each fleet's own).", valueName: "pct"))
  var utilization: Double?

  @Option(
    name: .customLong("price-shock"), parsing: .unconditional,
    help: ArgumentHelp("Shift every market price by this %, ≥ −100 (default 0).", valueName: "pct"))
  var priceShock: Double = 0

  @Option(
    name: .customLong("price-decay"), parsing: .unconditional,
    help: ArgumentHelp("Yearly market-price decay in %, between −100 and 100 (default 20).", valueName: "pct"))
  var priceDecay: Double = Assumptions.defaultPriceDecayPct

  @Option(
    name: .customLong("rate-shock"), parsing: .unconditional,
    help: ArgumentHelp("Add this many basis points to floating rates, −10000…10000 (default 0).", valueName: "bp"))
  var rateShock: Double = 0

  @Option(
    parsing: .unconditional,
    help: ArgumentHelp("Months to project, 12–120 (default 36).", valueName: "months"))
  var horizon: Int = Assumptions.defaultHorizonMonths

  @Option(
    name: .customLong("collateral-margin"), parsing: .unconditional,
    help: ArgumentHelp(
      "Share of a collateral fleet's remaining market earnings counted for market LTV, 0–100 % (default 35).",
      valueName: "pct"))
  var collateralMargin: Double = Assumptions.defaultCollateralMarginPct

  func validate() throws {
    if !(collateralMargin.isFinite && (0...100).contains(collateralMargin)) {
      throw ValidationError("--collateral-margin must be a percentage from 0 to 100, got \(collateralMargin).")
    }
    if let utilization, !(utilization.isFinite && (0...100).contains(utilization)) {
      throw ValidationError("--utilization must be a percentage from 0 to 100, got \(utilization).")
    }
    if !(priceShock.isFinite && priceShock >= -100) {
      throw ValidationError("--price-shock must be a percentage of at least -100, got \(priceShock).")
    }
    if !(priceDecay.isFinite && priceDecay > -100 && priceDecay < 100) {
      throw ValidationError("--price-decay must be a percentage between -100 and 100 (exclusive), got \(priceDecay).")
    }
    if !(rateShock.isFinite && (-10000...10000).contains(rateShock)) {
      throw ValidationError("--rate-shock must be between -10000 and 10000 basis points, got \(rateShock).")
    }
    if !(12...120).contains(horizon) {
      throw ValidationError("--horizon must be from 12 to 120 months, got \(horizon).")
    }
  }

  var assumptions: Assumptions {
    Assumptions(
      horizonMonths: horizon, utilizationPct: utilization, priceShockPct: priceShock,
      priceDecayPct: priceDecay, rateShockBP: rateShock, collateralMarginPct: collateralMargin)
  }
}
