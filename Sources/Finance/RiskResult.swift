import Domain

/// One projected month (§4, §5 `show`). Dollars, unrounded (§7: only the output rounds).
public struct MonthProjection: Hashable, Sendable {
  public var month: Month
  /// Contract revenue after the SLA factor: min(1, C/K) × Σ gpu_count × price × 730 × s.
  public var contractRevenue: Double
  public var onDemandRevenue: Double
  /// Contract revenue before the SLA factor − after it (§7); already out of `contractRevenue`.
  public var slaCredit: Double
  /// contractRevenue + onDemandRevenue.
  public var revenue: Double
  public var power: Double
  public var colocation: Double
  public var opex: Double
  /// revenue − power − colocation − opex.
  public var cfads: Double
  /// Interest plus scheduled principal, balloons excluded.
  public var debtService: Double
  public var balloon: Double
  public var capex: Double
  public var draws: Double
  /// Cash(M) = Cash(M−1) + CFADS − debt service − balloons − capex + draws.
  public var cash: Double

  public init(
    month: Month, contractRevenue: Double = 0, onDemandRevenue: Double = 0, slaCredit: Double = 0,
    revenue: Double = 0, power: Double = 0, colocation: Double = 0, opex: Double = 0,
    cfads: Double = 0, debtService: Double = 0, balloon: Double = 0, capex: Double = 0,
    draws: Double = 0, cash: Double = 0
  ) {
    self.month = month
    self.contractRevenue = contractRevenue
    self.onDemandRevenue = onDemandRevenue
    self.slaCredit = slaCredit
    self.revenue = revenue
    self.power = power
    self.colocation = colocation
    self.opex = opex
    self.cfads = cfads
    self.debtService = debtService
    self.balloon = balloon
    self.capex = capex
    self.draws = draws
    self.cash = cash
  }
}

/// The risk of one provider under some assumptions (§4, §5 `risk` and `show`).
///
/// Rounding: the 12-month money totals are sums of the unrounded months rounded to cents at the
/// end (§7); ratios and percentages (`dscr12m`, `topCustomerSharePct`, `utilizationPct`,
/// `breakEvenUtilizationPct`) are rounded to 9 decimals. Flags and the grade are decided on these
/// rounded figures, so a report never shows a DSCR of 1.000000000 next to
/// `debt_service_exceeds_cfads`. `months` stay unrounded.
public struct RiskResult: Hashable, Sendable {
  public var providerID: String
  public var name: String
  public var grade: RiskGrade
  /// Σ CFADS(M1…M12) / Σ debt service(M1…M12); nil when that debt service is 0.
  public var dscr12m: Double?
  public var revenue12m: Double
  public var cfads12m: Double
  public var debtService12m: Double
  public var balloon12m: Double
  /// The largest customer's share of contract revenue over M1…M12; nil when there is none.
  public var topCustomerSharePct: Double?
  /// GPU-weighted utilization of fleets active in M1 (the override when given); nil when no
  /// fleet is active in M1.
  public var utilizationPct: Double?
  public var breakEvenUtilizationPct: Double?
  /// The first month in M1…MH with Cash < 0.
  public var cashOutMonth: Month?
  /// cashOutMonth − M0.
  public var runwayMonths: Int?
  /// Sorted alphabetically by raw value, no duplicates.
  public var flags: [RiskFlag]
  /// M1…MH.
  public var months: [MonthProjection]
  /// Every loan of the provider, by loan id, payments cut at MH.
  public var loans: [LoanSchedule]

  public init(
    providerID: String, name: String, grade: RiskGrade, dscr12m: Double?, revenue12m: Double,
    cfads12m: Double, debtService12m: Double, balloon12m: Double, topCustomerSharePct: Double?,
    utilizationPct: Double?, breakEvenUtilizationPct: Double?, cashOutMonth: Month?,
    runwayMonths: Int?, flags: [RiskFlag], months: [MonthProjection], loans: [LoanSchedule]
  ) {
    self.providerID = providerID
    self.name = name
    self.grade = grade
    self.dscr12m = dscr12m
    self.revenue12m = revenue12m
    self.cfads12m = cfads12m
    self.debtService12m = debtService12m
    self.balloon12m = balloon12m
    self.topCustomerSharePct = topCustomerSharePct
    self.utilizationPct = utilizationPct
    self.breakEvenUtilizationPct = breakEvenUtilizationPct
    self.cashOutMonth = cashOutMonth
    self.runwayMonths = runwayMonths
    self.flags = flags
    self.months = months
    self.loans = loans
  }
}

/// §7 risk order, riskiest first: grade (critical, high, elevated, low), then runway_months
/// ascending, then dscr_12m ascending (nulls last in both), then provider_id.
public func riskOrder(_ a: RiskResult, _ b: RiskResult) -> Bool {
  if a.grade != b.grade { return a.grade < b.grade }
  if a.runwayMonths != b.runwayMonths { return ascendingNullsLast(a.runwayMonths, b.runwayMonths) }
  if a.dscr12m != b.dscr12m { return ascendingNullsLast(a.dscr12m, b.dscr12m) }
  return a.providerID < b.providerID
}

private func ascendingNullsLast<T: Comparable>(_ a: T?, _ b: T?) -> Bool {
  switch (a, b) {
  case (let x?, let y?): return x < y
  case (.some, nil): return true
  default: return false
  }
}
