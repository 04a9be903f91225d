import Domain
import Foundation

/// Where the simulation's price volatility σ comes from (CREDIT §C.6 `price_vol_source`).
package enum PriceVolSource: String, Hashable, Sendable, CaseIterable {
  /// The median over GPU models of the annualised volatility of the price history.
  case history
  /// No model has six monthly changes in the 36 months before as-of: 40 %.
  case fallback
  /// `--price-vol`.
  case option
}

/// σ as the simulation uses it, in percent a year, and its source.
package struct PriceVolatility: Hashable, Sendable {
  package var pct: Double
  package var source: PriceVolSource

  package init(pct: Double, source: PriceVolSource) {
    self.pct = pct
    self.source = source
  }
}

/// Yearly default rates by customer rating, in percent (CREDIT §C.6 `--default-rates IG,HY,UR`).
package struct DefaultRates: Hashable, Sendable {
  package var investmentGradePct: Double
  package var highYieldPct: Double
  package var unratedPct: Double

  package static let standard = DefaultRates(investmentGradePct: 0.2, highYieldPct: 4, unratedPct: 10)

  package init(investmentGradePct: Double, highYieldPct: Double, unratedPct: Double) {
    self.investmentGradePct = investmentGradePct
    self.highYieldPct = highYieldPct
    self.unratedPct = unratedPct
  }

  package func pct(for rating: CustomerRating) -> Double {
    switch rating {
    case .investmentGrade: investmentGradePct
    case .highYield: highYieldPct
    case .unrated: unratedPct
    }
  }

  /// The probability that a customer of `rating` defaults within `horizonMonths`:
  /// 1 − (1 − a)^(H/12).
  package func probability(for rating: CustomerRating, horizonMonths: Int) -> Double {
    let annual = min(1, max(0, pct(for: rating) / 100))
    return 1 - pow(1 - annual, Double(horizonMonths) / 12)
  }
}

/// `risk --simulate N [--seed S]` and its options (CREDIT §C.6, §C.7).
package struct SimulationSettings: Hashable, Sendable {
  package static let pathRange = 100...100_000
  package static let defaultSeed: UInt64 = 1
  package static let defaultUtilizationVolPts = 10.0
  package static let fallbackPriceVolPct = 40.0

  /// N: the number of paths.
  package var paths: Int
  /// S: the seed of every draw.
  package var seed: UInt64
  /// `--price-vol`: σ in percent a year; nil derives it from the price history.
  package var priceVolOptionPct: Double?
  /// `--utilization-vol`: the standard deviation of the per-provider utilization shift, points.
  package var utilizationVolPts: Double
  package var defaultRates: DefaultRates
  /// σ as used, set by ``resolvingPriceVol(history:m0:)`` before simulating.
  package var priceVol: PriceVolatility?

  package init(
    paths: Int, seed: UInt64 = SimulationSettings.defaultSeed, priceVolOptionPct: Double? = nil,
    utilizationVolPts: Double = SimulationSettings.defaultUtilizationVolPts,
    defaultRates: DefaultRates = .standard, priceVol: PriceVolatility? = nil
  ) {
    self.paths = paths
    self.seed = seed
    self.priceVolOptionPct = priceVolOptionPct
    self.utilizationVolPts = utilizationVolPts
    self.defaultRates = defaultRates
    self.priceVol = priceVol
  }

  /// These settings with σ decided: the option when given, else the price history's, else 40 %.
  package func resolvingPriceVol(history: [MarketPrice], m0: Month) -> SimulationSettings {
    var resolved = self
    if let option = priceVolOptionPct {
      resolved.priceVol = PriceVolatility(pct: option, source: .option)
    } else if let pct = historicalPriceVolPct(history, m0: m0) {
      resolved.priceVol = PriceVolatility(pct: pct, source: .history)
    } else {
      resolved.priceVol = PriceVolatility(pct: SimulationSettings.fallbackPriceVolPct, source: .fallback)
    }
    return resolved
  }

  /// σ in percent a year as simulated.
  package var effectivePriceVolPct: Double {
    priceVol?.pct ?? priceVolOptionPct ?? SimulationSettings.fallbackPriceVolPct
  }
}

/// CREDIT §C.6, §C.7: per GPU model, the last observation in each calendar month of
/// M0−36…M0−1; log-changes between consecutive months that both have one; the sample standard
/// deviation (n − 1) × √12; models with fewer than 6 changes skipped. The median over the
/// remaining models (the mean of the middle two for an even count), in percent a year; nil when
/// no model qualifies. Prices that are not positive are skipped (no logarithm).
package func historicalPriceVolPct(_ prices: [MarketPrice], m0: Month) -> Double? {
  let first = (m0 - 36).index
  let last = (m0 - 1).index
  // Per model, per month index: the last observation (latest day; on one day, the last listed).
  var lastInMonth: [String: [Int: MarketPrice]] = [:]
  for price in prices where price.priceUSDPerGPUHour > 0 {
    let index = price.observedOn.month.index
    guard index >= first && index <= last else { continue }
    if let kept = lastInMonth[price.gpuModel]?[index], kept.observedOn > price.observedOn { continue }
    lastInMonth[price.gpuModel, default: [:]][index] = price
  }
  var vols: [Double] = []
  for model in lastInMonth.keys.sorted() {
    guard let months = lastInMonth[model] else { continue }
    var changes: [Double] = []
    for index in first + 1...last {
      guard let now = months[index], let before = months[index - 1] else { continue }
      changes.append(log(now.priceUSDPerGPUHour / before.priceUSDPerGPUHour))
    }
    guard changes.count >= 6 else { continue }
    var mean = 0.0
    for change in changes { mean += change }
    mean /= Double(changes.count)
    var squares = 0.0
    for change in changes { squares += (change - mean) * (change - mean) }
    vols.append((squares / Double(changes.count - 1)).squareRoot() * 12.0.squareRoot() * 100)
  }
  guard !vols.isEmpty else { return nil }
  vols.sort()
  let middle = vols.count / 2
  let median = vols.count % 2 == 1 ? vols[middle] : (vols[middle - 1] + vols[middle]) / 2
  return roundedTo9(median)
}

/// A share of `trials` with its 95 % Wilson score interval (CREDIT §C.7: z = 1.96), each rounded
/// to 9 decimals.
package func wilsonEstimate(successes: Int, trials: Int, z: Double = 1.96) -> ProbabilityEstimate {
  guard trials > 0 else { return ProbabilityEstimate(value: 0, low: 0, high: 1) }
  let n = Double(trials)
  let p = Double(successes) / n
  let z2 = z * z
  let denominator = 1 + z2 / n
  let center = (p + z2 / (2 * n)) / denominator
  let half = z * (p * (1 - p) / n + z2 / (4 * n * n)).squareRoot() / denominator
  return ProbabilityEstimate(
    value: roundedTo9(p), low: roundedTo9(max(0, center - half)), high: roundedTo9(min(1, center + half)))
}
