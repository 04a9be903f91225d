import Domain

/// The inputs of a projection that a user may stress (§4, §5 `risk`, §7 ranges).
///
/// All figures are percentages or basis points as typed on the command line; range checks
/// (§7: utilization 0–100, price shock ≥ −100, decay in (−100, 100), rate shock ±10000 bp,
/// horizon 12–120) belong to the command that builds them. Finance only guards against values
/// that would make a formula meaningless (see ``projectedMonthCount``).
package struct Assumptions: Hashable, Sendable {
  /// H: the projection covers M1…MH (12–120, default 36).
  package var horizonMonths: Int
  /// `--utilization`: one utilization for every fleet (0–100); nil keeps each fleet's own.
  package var utilizationPct: Double?
  /// `--price-shock`: applied to every market price, as `× (1 + shock/100)` (default 0).
  package var priceShockPct: Double
  /// `--price-decay`: yearly decay of market prices (default 20 %/yr).
  package var priceDecayPct: Double
  /// `--rate-shock`: added to the annual rate of floating loans only, the sum floored at 0.
  package var rateShockBP: Double
  /// `--collateral-margin` (CREDIT §C.3): the share of a collateral fleet's remaining market
  /// earnings counted as its value for `ltv_market` (0–100, default 35).
  package var collateralMarginPct: Double
  /// CREDIT §C.5: the customers whose contracts stop paying, and how their GPUs are re-let.
  package var customerDefault: CustomerDefault
  /// CREDIT §C.6: `--simulate N` and its settings; nil when no simulation is asked for. Not a
  /// stress: the deterministic figures stay those of the other assumptions.
  package var simulation: SimulationSettings? = nil

  /// An hour-month (§4).
  package static let hoursPerMonth = 730.0
  package static let defaultHorizonMonths = 36
  package static let defaultPriceDecayPct = 20.0
  package static let defaultCollateralMarginPct = 35.0

  /// The defaults: 36 months, fleets' own utilization, no shock, 20 %/yr decay.
  package static let base = Assumptions()

  package init(
    horizonMonths: Int = Assumptions.defaultHorizonMonths, utilizationPct: Double? = nil,
    priceShockPct: Double = 0, priceDecayPct: Double = Assumptions.defaultPriceDecayPct,
    rateShockBP: Double = 0, collateralMarginPct: Double = Assumptions.defaultCollateralMarginPct
  ) {
    self.horizonMonths = horizonMonths
    self.utilizationPct = utilizationPct
    self.priceShockPct = priceShockPct
    self.priceDecayPct = priceDecayPct
    self.rateShockBP = rateShockBP
    self.collateralMarginPct = collateralMarginPct
    self.customerDefault = CustomerDefault()
  }

  /// True when anything differs from ``base``, the horizon included: `risk` lists `--horizon`
  /// among its stress options (§5), and a longer or shorter horizon changes `cash_out_month`,
  /// `overcommitted` and so the grade, so a report under it must say `STRESSED`.
  /// The collateral margin is a valuation convention, not a stress: it moves `ltv_market` only.
  package var isStressed: Bool {
    var unmargined = self
    unmargined.collateralMarginPct = Assumptions.defaultCollateralMarginPct
    // Re-letting terms alone change nothing: only a named default is a stress.
    if !customerDefault.isActive { unmargined.customerDefault = CustomerDefault() }
    // A simulation adds probabilities beside the figures; it stresses nothing.
    unmargined.simulation = nil
    return unmargined != Assumptions.base
  }

  /// The assumptions of the base revenue that variable opex reads (CREDIT §C.7): the data's own
  /// utilization, no price shock, the default decay; horizon kept.
  var baseRevenueAssumptions: Assumptions {
    Assumptions(horizonMonths: horizonMonths)
  }

  /// The number of months projected: the horizon, but never fewer than the 12 months that
  /// DSCR12 and the other 12-month figures need (a horizon below 12 is refused by the CLI).
  package var projectedMonthCount: Int { max(12, horizonMonths) }
}

/// CREDIT §C.5: a customer default and the re-letting of the freed GPUs.
package struct CustomerDefault: Hashable, Sendable {
  /// `--customer-default` names, matched exactly to contracts.customer.
  package var names: Set<String>
  /// `--top-customer-default N`: each provider's N largest customers also default.
  package var topN: Int?
  /// `--default-from`: the first month the contracts pay nothing; nil (or ≤ M0) means M1.
  package var from: Month?
  package var reletDelayMonths: Int
  package var reletHaircutPct: Double
  package var reletUtilizationPct: Double

  package static let defaultReletDelayMonths = 6
  package static let defaultReletHaircutPct = 20.0
  package static let defaultReletUtilizationPct = 50.0

  package init(
    names: Set<String> = [], topN: Int? = nil, from: Month? = nil,
    reletDelayMonths: Int = CustomerDefault.defaultReletDelayMonths,
    reletHaircutPct: Double = CustomerDefault.defaultReletHaircutPct,
    reletUtilizationPct: Double = CustomerDefault.defaultReletUtilizationPct
  ) {
    self.names = names
    self.topN = topN
    self.from = from
    self.reletDelayMonths = reletDelayMonths
    self.reletHaircutPct = reletHaircutPct
    self.reletUtilizationPct = reletUtilizationPct
  }

  /// True when some customer is named or a top-N default is asked for.
  package var isActive: Bool { !names.isEmpty || (topN ?? 0) > 0 }

  /// The first month of the default for a provider whose M0 is `m0` (≤ M0 means M1).
  package func firstMonth(m0: Month) -> Month {
    guard let from, from > m0 else { return m0 + 1 }
    return from
  }
}
