import Domain

/// One projected month (§4, §5 `show`). Dollars, unrounded (§7: only the output rounds).
package struct MonthProjection: Hashable, Sendable {
  package var month: Month
  /// Contract revenue after the SLA factor: min(1, C/K) × Σ gpu_count × price × 730 × s.
  package var contractRevenue: Double
  package var onDemandRevenue: Double
  /// Contract revenue before the SLA factor − after it (§7); already out of `contractRevenue`.
  package var slaCredit: Double
  /// contractRevenue + onDemandRevenue.
  package var revenue: Double
  package var power: Double
  package var colocation: Double
  /// Fixed opex plus variable opex on the base revenue (CREDIT §C.1).
  package var opex: Double
  /// Fixed rent of the provider's facilities (CREDIT §C.1), its own field.
  package var fixedRent: Double
  /// Prepayments applied against invoices (CREDIT §C.1); 0 until prepayments are modelled.
  package var prepaymentApplied: Double
  /// revenue − power − colocation − opex − fixed rent − prepayment applied.
  package var cfads: Double
  /// Interest plus scheduled principal, balloons excluded.
  package var debtService: Double
  package var balloon: Double
  package var capex: Double
  /// Every draw of the month: later loans' first draws, delayed-draw tranches, revolver draws.
  package var draws: Double
  /// Outstanding revolver draws (CREDIT §C.2 step 5) at month end.
  package var revolverBalance: Double
  /// Cash(M) = Cash(M−1) + CFADS − debt service − balloons − capex + draws, after any revolver
  /// draw.
  package var cash: Double

  package init(
    month: Month, contractRevenue: Double = 0, onDemandRevenue: Double = 0, slaCredit: Double = 0,
    revenue: Double = 0, power: Double = 0, colocation: Double = 0, opex: Double = 0,
    fixedRent: Double = 0, prepaymentApplied: Double = 0,
    cfads: Double = 0, debtService: Double = 0, balloon: Double = 0, capex: Double = 0,
    draws: Double = 0, revolverBalance: Double = 0, cash: Double = 0
  ) {
    self.month = month
    self.contractRevenue = contractRevenue
    self.onDemandRevenue = onDemandRevenue
    self.slaCredit = slaCredit
    self.revenue = revenue
    self.power = power
    self.colocation = colocation
    self.opex = opex
    self.fixedRent = fixedRent
    self.prepaymentApplied = prepaymentApplied
    self.cfads = cfads
    self.debtService = debtService
    self.balloon = balloon
    self.capex = capex
    self.draws = draws
    self.revolverBalance = revolverBalance
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
package struct RiskResult: Hashable, Sendable {
  package var providerID: String
  package var name: String
  package var grade: RiskGrade
  /// Σ CFADS(M1…M12) / Σ debt service(M1…M12); nil when that debt service is 0.
  package var dscr12m: Double?
  package var revenue12m: Double
  package var cfads12m: Double
  package var debtService12m: Double
  package var balloon12m: Double
  /// The largest customer's share of contract revenue over M1…M12; nil when there is none.
  package var topCustomerSharePct: Double?
  /// GPU-weighted utilization of fleets active in M1 (the override when given); nil when no
  /// fleet is active in M1.
  package var utilizationPct: Double?
  package var breakEvenUtilizationPct: Double?
  /// The first month in M1…MH with Cash < 0.
  package var cashOutMonth: Month?
  /// cashOutMonth − M0.
  package var runwayMonths: Int?
  /// Sorted alphabetically by raw value, no duplicates.
  package var flags: [RiskFlag]
  /// M1…MH.
  package var months: [MonthProjection]
  /// Every loan of the provider, by loan id, payments cut at MH.
  package var loans: [LoanSchedule]
  /// The CREDIT §C.3 figures.
  package var credit: CreditFigures
  /// The customers defaulted in this projection (CREDIT §C.5, §C.7), sorted.
  package var defaultedCustomers: [String] = []
  /// The Monte Carlo result when `--simulate N` was asked for (CREDIT §C.6); nil otherwise.
  package var simulation: ProviderSimulation?

  package init(
    providerID: String, name: String, grade: RiskGrade, dscr12m: Double?, revenue12m: Double,
    cfads12m: Double, debtService12m: Double, balloon12m: Double, topCustomerSharePct: Double?,
    utilizationPct: Double?, breakEvenUtilizationPct: Double?, cashOutMonth: Month?,
    runwayMonths: Int?, flags: [RiskFlag], months: [MonthProjection], loans: [LoanSchedule],
    credit: CreditFigures = CreditFigures()
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
    self.credit = credit
  }

  package var isNetCash: Bool { flags.contains(.netCash) }
}

/// How break-even utilization reads (CREDIT §C.3).
package enum BreakEvenBasis: String, Sendable, Codable, CaseIterable {
  /// DSCR12 ≥ 1 at 0 % utilization: contracts alone cover debt service.
  case contracts
  /// A utilization between 0 and 100 % brings DSCR12 to 1.
  case utilization
  /// DSCR12 < 1 even at 100 %.
  case unreachable
  /// No debt service in M1…M12.
  case noDebtService = "no_debt_service"
}

/// The liquidity and leverage figures of CREDIT §C.3. Money in dollars rounded to cents; ratios
/// and percentages rounded to 9 decimals; nil where §C.3 says null (`n.m.` in tables).
package struct CreditFigures: Hashable, Sendable {
  /// Σ balance_usd at M0 of live existing loans (past-maturity balances included).
  package var totalDebt: Double
  /// totalDebt − cash_usd; ≤ 0 is net cash.
  package var netDebt: Double
  /// Interest of every payment in M1…M12 plus revolver interest.
  package var interest12m: Double
  /// cfads_12m / interest_12m; nil when interest_12m = 0.
  package var interestCoverage: Double?
  /// (debt at the end of M12 − Cash(M12)) / cfads_12m; nil when cfads_12m ≤ 0.
  package var netLeverage: Double?
  /// netDebt / cfads_12m; nil when cfads_12m ≤ 0.
  package var netLeverageM0: Double?
  /// Σ balance at the end of M12 of every loan, tranche and revolver draw.
  package var debtAtM12: Double
  /// cash_usd + the undrawn revolvers available in M1.
  package var liquidity: Double
  package var minCash12m: Double
  package var minCash: Double
  /// The earliest month holding minCash.
  package var minCashMonth: Month?
  /// The highest min_dscr > 0 of live loans; nil when none.
  package var covenantDSCR: Double?
  /// (dscr_12m / covenant_dscr − 1) × 100; nil when either is nil.
  package var covenantHeadroomPct: Double?
  package var breakEvenBasis: BreakEvenBasis
  /// The first month a revolver draw restores the floor, nil when none in M1…MH.
  package var firstRevolverDrawMonth: Month?
  /// For `refinancing_dependent`: the cash-out month and the largest balloon (month and amount)
  /// due in M1…that month.
  package var refinancingBalloon: Double?
  package var refinancingBalloonMonth: Month?

  package init(
    totalDebt: Double = 0, netDebt: Double = 0, interest12m: Double = 0,
    interestCoverage: Double? = nil, netLeverage: Double? = nil, netLeverageM0: Double? = nil,
    debtAtM12: Double = 0, liquidity: Double = 0, minCash12m: Double = 0, minCash: Double = 0,
    minCashMonth: Month? = nil, covenantDSCR: Double? = nil, covenantHeadroomPct: Double? = nil,
    breakEvenBasis: BreakEvenBasis = .noDebtService, firstRevolverDrawMonth: Month? = nil,
    refinancingBalloon: Double? = nil, refinancingBalloonMonth: Month? = nil
  ) {
    self.totalDebt = totalDebt
    self.netDebt = netDebt
    self.interest12m = interest12m
    self.interestCoverage = interestCoverage
    self.netLeverage = netLeverage
    self.netLeverageM0 = netLeverageM0
    self.debtAtM12 = debtAtM12
    self.liquidity = liquidity
    self.minCash12m = minCash12m
    self.minCash = minCash
    self.minCashMonth = minCashMonth
    self.covenantDSCR = covenantDSCR
    self.covenantHeadroomPct = covenantHeadroomPct
    self.breakEvenBasis = breakEvenBasis
    self.firstRevolverDrawMonth = firstRevolverDrawMonth
    self.refinancingBalloon = refinancingBalloon
    self.refinancingBalloonMonth = refinancingBalloonMonth
  }
}

/// CREDIT §C.4 risk order, riskiest first: grade (critical, high, elevated, low), then
/// pd_horizon descending when simulated, then runway_months ascending (none last), then
/// dscr_12m ascending with a `net_cash` provider's taken as +∞ and null last, then provider_id.
package func riskOrder(_ a: RiskResult, _ b: RiskResult) -> Bool {
  if a.grade != b.grade { return a.grade < b.grade }
  if let pdA = a.simulation?.pdHorizon.value, let pdB = b.simulation?.pdHorizon.value, pdA != pdB {
    return pdA > pdB
  }
  if a.runwayMonths != b.runwayMonths { return ascendingNullsLast(a.runwayMonths, b.runwayMonths) }
  let dscrA = a.isNetCash ? Double.infinity : a.dscr12m
  let dscrB = b.isNetCash ? Double.infinity : b.dscr12m
  if dscrA != dscrB { return ascendingNullsLast(dscrA, dscrB) }
  return a.providerID < b.providerID
}

private func ascendingNullsLast<T: Comparable>(_ a: T?, _ b: T?) -> Bool {
  switch (a, b) {
  case (let x?, let y?): return x < y
  case (.some, nil): return true
  default: return false
  }
}
