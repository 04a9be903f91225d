import Domain

/// A share of paths with its 95 % Wilson interval (CREDIT §C.6, §C.7: z = 1.96).
package struct ProbabilityEstimate: Hashable, Sendable {
  /// The share of paths, 0…1.
  package var value: Double
  /// The Wilson interval's lower bound, 0…1.
  package var low: Double
  /// The Wilson interval's upper bound, 0…1.
  package var high: Double

  package init(value: Double, low: Double, high: Double) {
    self.value = value
    self.low = low
    self.high = high
  }
}

/// One month's cash across simulated paths (CREDIT §C.6: p5, p50, p95).
package struct CashPercentiles: Hashable, Sendable {
  package var month: Month
  package var p5: Double
  package var p50: Double
  package var p95: Double

  package init(month: Month, p5: Double, p50: Double, p95: Double) {
    self.month = month
    self.p5 = p5
    self.p50 = p50
    self.p95 = p95
  }
}

/// One provider's Monte Carlo result (`risk --simulate N`, CREDIT §C.6).
package struct ProviderSimulation: Hashable, Sendable {
  /// The number of paths simulated.
  package var paths: Int
  /// The share of paths whose cash runs out within M1…M12.
  package var pd12m: ProbabilityEstimate
  /// The share of paths whose cash runs out within M1…MH.
  package var pdHorizon: ProbabilityEstimate
  /// M1…MH, one entry a month.
  package var cash: [CashPercentiles]

  package init(
    paths: Int, pd12m: ProbabilityEstimate, pdHorizon: ProbabilityEstimate,
    cash: [CashPercentiles]
  ) {
    self.paths = paths
    self.pd12m = pd12m
    self.pdHorizon = pdHorizon
    self.cash = cash
  }
}

/// The portfolio view of a simulation: how many providers default within 12 months, across
/// paths (issue 12: the systemic question the market factor and shared customers make meaningful).
package struct PortfolioSimulation: Hashable, Sendable {
  package var paths: Int
  /// The number of providers simulated.
  package var providers: Int
  /// The mean over paths of the number of providers whose cash runs out within M1…M12.
  package var expectedDefaults12m: Double
  /// The median and 95th percentile of that count across paths.
  package var defaults12mP50: Int
  package var defaults12mP95: Int
  /// The same within M1…MH.
  package var expectedDefaultsHorizon: Double
  package var defaultsHorizonP50: Int
  package var defaultsHorizonP95: Int

  package init(
    paths: Int, providers: Int, expectedDefaults12m: Double, defaults12mP50: Int,
    defaults12mP95: Int, expectedDefaultsHorizon: Double, defaultsHorizonP50: Int,
    defaultsHorizonP95: Int
  ) {
    self.paths = paths
    self.providers = providers
    self.expectedDefaults12m = expectedDefaults12m
    self.defaults12mP50 = defaults12mP50
    self.defaults12mP95 = defaults12mP95
    self.expectedDefaultsHorizon = expectedDefaultsHorizon
    self.defaultsHorizonP50 = defaultsHorizonP50
    self.defaultsHorizonP95 = defaultsHorizonP95
  }
}
