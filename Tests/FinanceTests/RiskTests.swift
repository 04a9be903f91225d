import Domain
import Finance
import Testing

// As-of 2026-06-30: M0 = 2026-06, M1 = 2026-07, M12 = 2027-06.
// The default fleet and a contract of 100 GPUs at $2.00 give CFADS = 146,000 − 7,300 = 138,700
// a month, 1,664,400 over M1…M12 (revenue 1,752,000).

/// A book earning 138,700 a month with H100 priced (no price flags) and two equal customers.
func earningBook(cash: Double = 10_000_000, loans: [Loan] = []) -> ProviderBook {
  makeBook(
    makeProvider(cash: cash), fleets: [makeFleet()], loans: loans,
    contracts: [
      makeContract("c1", customer: "A", gpus: 50, price: 2),
      makeContract("c2", customer: "B", gpus: 50, price: 2),
    ])
}

let h100Price = [price(usdPerHour: 2)]

/// A 0 % linear loan repaid in 12 equal parts over 2026-07…2027-06: DS12 = its principal.
func twelveMonthLoan(
  _ id: String = "L1", principal: Double, minDSCR: Double? = nil
) -> Loan {
  makeLoan(
    id, principal: principal, ratePct: 0, amortization: .linear, start: "2025-06-01",
    maturity: "2027-06-01", minDSCR: minDSCR)
}

@Suite("Risk: flags, grade, break-even, LTV, order (§4, §7)")
struct RiskTests {
  @Test("critical: cash runs out within M1…M12; no debt means DSCR12 is null")
  func critical() {
    // 100,000 − 10,000 a month: Cash(M10) = 0 is not below 0; Cash(M11 = 2027-05) = −10,000.
    let result = assess(makeBook(makeProvider(cash: 100_000, opex: 10_000)))
    #expect(result.dscr12m == nil)
    #expect(result.breakEvenUtilizationPct == nil)
    #expect(result.cashOutMonth == month("2027-05"))
    #expect(result.runwayMonths == 11)
    #expect(result.grade == .critical)
    #expect(result.debtService12m == 0)
    #expect(!result.flags.contains(.revenueBelowDebtService))
  }

  @Test("high: cash runs out after M12 but within the horizon")
  func highByRunway() {
    // 200,000 − 10,000 a month: Cash(M21 = 2028-03) = −10,000.
    let result = assess(makeBook(makeProvider(cash: 200_000, opex: 10_000)))
    #expect(result.cashOutMonth == month("2028-03"))
    #expect(result.runwayMonths == 21)
    #expect(result.grade == .high)
  }

  @Test("DSCR12 below 1: flagged, but no longer `high` by itself (CREDIT §C.4)")
  func dscrBelowOne() {
    // DS12 = 2,000,000: DSCR12 = 1,664,400 / 2,000,000 = 0.8322 < 1 and < 1.25;
    // revenue 1,752,000 < 2,000,000. Cash stays positive (10,000,000 + 1,664,400 − 2,000,000).
    // DESIGN §4 graded this `high` with a covenant breach against the default 1.25; CREDIT §C.1
    // drops that default (no min_dscr: no covenant) and §C.4 reads net cash (2,000,000 of debt
    // against 10,000,000 of cash, solvent through the horizon) as `low`.
    let result = assess(
      earningBook(loans: [twelveMonthLoan(principal: 2_000_000)]), prices: h100Price)
    #expect(result.dscr12m == 0.8322)
    #expect(result.revenue12m == 1_752_000)
    #expect(result.debtService12m == 2_000_000)
    #expect(result.cashOutMonth == nil)
    #expect(result.flags == [.debtServiceExceedsCFADS, .netCash, .revenueBelowDebtService])
    #expect(result.grade == .low)

    // With 1,000,000 of cash the provider owes more than it holds: thin coverage, `elevated`.
    // Cash(M12) = 1,000,000 + 1,664,400 − 2,000,000 = 664,400 > 0.
    let thin = assess(
      earningBook(cash: 1_000_000, loans: [twelveMonthLoan(principal: 2_000_000)]),
      prices: h100Price)
    #expect(thin.flags == [.debtServiceExceedsCFADS, .revenueBelowDebtService, .thinCoverage])
    #expect(thin.grade == .elevated)
    #expect(thin.credit.netDebt == 1_000_000)
    #expect(close(projected(thin, "2027-06").cash, 664_400))
  }

  @Test("elevated: covenant breach with DSCR12 ≥ 1; the highest min_dscr of live loans counts")
  func elevatedByCovenant() {
    // DS12 = 1,200,000: DSCR12 = 1,664,400 / 1,200,000 = 1.387 ≥ 1.25: low. (CREDIT §C.1: no
    // default covenant any more, so the 1.25 is the loan's own min_dscr here.)
    let loan = twelveMonthLoan(principal: 1_200_000, minDSCR: 1.25)
    let fine = assess(earningBook(loans: [loan]), prices: h100Price)
    #expect(fine.dscr12m == 1.387)
    #expect(fine.flags == [.netCash])
    #expect(fine.grade == .low)

    // A repaid loan (balance 0) demanding 3.0 is not live: still low.
    let repaid = makeLoan(
      "L2", principal: 10, balance: 0, ratePct: 0, start: "2025-01-01", maturity: "2029-01-01",
      minDSCR: 3)
    #expect(assess(earningBook(loans: [loan, repaid]), prices: h100Price).grade == .low)

    // A later draw (2028-01, outside M1…M12) demanding 1.5 is live: 1.387 < 1.5, elevated.
    let draw = makeLoan(
      "L3", principal: 1_000, balance: 0, ratePct: 0, start: "2028-01-01",
      maturity: "2029-01-01", minDSCR: 1.5)
    let breached = assess(earningBook(loans: [loan, repaid, draw]), prices: h100Price)
    #expect(breached.dscr12m == 1.387)
    #expect(breached.flags == [.covenantBreach, .netCash])
    #expect(breached.grade == .elevated)
  }

  @Test("elevated: cash below the minimum liquidity in M1…M12 only")
  func elevatedByLiquidity() {
    // Cash 100,000 held flat, covenant 150,000: breach every month.
    let flat = assess(makeBook(makeProvider(cash: 100_000, minLiquidity: 150_000)))
    #expect(flat.flags == [.minLiquidityBreach, .netCash])
    #expect(flat.grade == .elevated)

    // 1,000,000 − 10,000 a month: Cash(M12) = 880,000, Cash(M13) = 870,000.
    let atFloor = assess(
      makeBook(makeProvider(cash: 1_000_000, opex: 10_000, minLiquidity: 880_000)))
    #expect(!atFloor.flags.contains(.minLiquidityBreach))  // 880,000 is not below 880,000
    #expect(atFloor.grade == .low)  // cash lasts until M101, past the horizon
    let aboveFloor = assess(
      makeBook(makeProvider(cash: 1_000_000, opex: 10_000, minLiquidity: 880_000.01)))
    #expect(aboveFloor.flags.contains(.minLiquidityBreach))

    // 100,000 − 10,000 a month with a 50,000 floor: Cash(M5) = 50,000, Cash(M6) = 40,000.
    let draining = assess(
      makeBook(makeProvider(cash: 100_000, opex: 10_000, minLiquidity: 50_000)))
    #expect(draining.flags.contains(.minLiquidityBreach))
    #expect(draining.grade == .critical)  // Cash(M11) < 0 outranks it
  }

  @Test("low: nothing wrong")
  func low() {
    let result = assess(makeBook(makeProvider(cash: 100_000)))
    #expect(result.grade == .low)
    #expect(result.flags == [.netCash])  // no debt (CREDIT §C.4)
    #expect(result.cashOutMonth == nil)
    #expect(result.runwayMonths == nil)
  }

  @Test("break-even utilization: the §4 bisection lands within 0.025 pp of the analytic root")
  func breakEven() {
    // One fleet of 100 H100 at 50 %, no contracts, p0 = $2.00, no decay: on-demand
    // = 100 × u × 2 × 730 = 146,000 u a month. Costs: power 7,300 + opex 12,700 = 20,000.
    // Interest only 3,000,000 at 12 %: 30,000 a month until 2030, DS12 = 360,000.
    // DSCR12(u) = 12 × (146,000 u − 20,000) / 360,000 = 1  ⇔  u = 50,000 / 146,000
    //           = 34.2465753 %.
    // At 50 %: (73,000 − 20,000) / 30,000 = 1.766666667.
    let loan = makeLoan(
      principal: 3_000_000, ratePct: 12, amortization: .interestOnly, start: "2025-01-01",
      maturity: "2030-01-01")
    let book = makeBook(
      makeProvider(cash: 10_000_000, opex: 12_700), fleets: [makeFleet(utilization: 50)],
      loans: [loan])
    let flat = Assumptions(priceDecayPct: 0)
    let result = assess(book, prices: h100Price, flat)
    #expect(result.dscr12m == 1.766_666_667)
    let analytic = 50_000.0 / 146_000 * 100
    #expect(close(result.breakEvenUtilizationPct, analytic, 0.025))
    // The bisection itself: [0, 100] halves 11 times to [34.228515625, 34.27734375]
    // (width 0.048828125 ≤ 0.05); the result is its midpoint.
    #expect(result.breakEvenUtilizationPct == 34.252_929_688)
    // It ignores the utilization override (u = mid replaces it) but keeps the other stresses:
    // --utilization 10 changes nothing; a −50 % price shock halves the price, doubling the root
    // to 68.4931507 %.
    let overridden = assess(
      book, prices: h100Price, Assumptions(utilizationPct: 10, priceDecayPct: 0))
    #expect(overridden.breakEvenUtilizationPct == result.breakEvenUtilizationPct)
    #expect(overridden.dscr12m.map { $0 < 1 } == true)
    let shocked = assess(book, prices: h100Price, Assumptions(priceShockPct: -50, priceDecayPct: 0))
    #expect(close(shocked.breakEvenUtilizationPct, 2 * analytic, 0.025))
  }

  @Test("break-even is null when even 100 % does not cover, 0 when 0 % already does")
  func breakEvenBounds() {
    // Interest 200,000 a month (20,000,000 at 12 %): DSCR12(100) = (146,000 − 20,000) / 200,000.
    let heavy = makeLoan(
      principal: 20_000_000, ratePct: 12, amortization: .interestOnly, start: "2025-01-01",
      maturity: "2030-01-01")
    let book = makeBook(
      makeProvider(cash: 10_000_000, opex: 12_700), fleets: [makeFleet(utilization: 50)],
      loans: [heavy])
    #expect(assess(book, prices: h100Price).breakEvenUtilizationPct == nil)

    // A contract on all 100 GPUs earns 146,000 whatever u: DSCR12(0) = 138,700 / 30,000 ≥ 1.
    let light = makeLoan(
      principal: 3_000_000, ratePct: 12, amortization: .interestOnly, start: "2025-01-01",
      maturity: "2030-01-01")
    let contracted = makeBook(
      fleets: [makeFleet(utilization: 50)], loans: [light],
      contracts: [makeContract(gpus: 100, price: 2)])
    #expect(assess(contracted, prices: h100Price).breakEvenUtilizationPct == 0)
  }

  @Test("book LTV per collateral fleet: Σ B of its live loans / depreciated capex")
  func bookLTV() {
    // Capex 1,200,000, in service 2024-06, life 6: age 24 of 72 months, value 800,000.
    // Live loans on it: balance 400,000 and a later draw of 200,000: LTV = 600,000 / 800,000.
    let fleets = [
      makeFleet("gpu", inService: "2024-06-10", capex: 1_200_000),
      makeFleet("old", inService: "2019-01-10", capex: 900_000),  // fully depreciated
      makeFleet("future", inService: "2026-09-01", capex: 500_000),  // not yet in service
    ]
    let loans = [
      makeLoan(
        "L1", principal: 500_000, balance: 400_000, ratePct: 5, start: "2024-06-01",
        maturity: "2029-06-01", collateral: "gpu"),
      makeLoan(
        "L2", principal: 200_000, balance: 0, ratePct: 5, start: "2026-09-01",
        maturity: "2029-06-01", collateral: "gpu"),
      makeLoan(
        "L3", principal: 100_000, balance: 0, ratePct: 5, start: "2024-06-01",
        maturity: "2029-06-01", collateral: "gpu"),
      makeLoan("L4", principal: 1_000, ratePct: 5, start: "2024-06-01", maturity: "2029-06-01"),
      makeLoan(
        "L5", principal: 1_000, ratePct: 5, start: "2024-06-01", maturity: "2029-06-01",
        collateral: "old"),
      makeLoan(
        "L6", principal: 250_000, ratePct: 5, start: "2024-06-01", maturity: "2029-06-01",
        collateral: "future"),
    ]
    let result = assess(makeBook(fleets: fleets, loans: loans.reversed()))
    #expect(result.loans.map(\.loanID) == ["L1", "L2", "L3", "L4", "L5", "L6"])
    #expect(result.loans.map(\.ltvBook) == [0.75, 0.75, 0.75, nil, nil, 0.5])
  }

  @Test("data-quality flags: stale or future financials, overcommitment later in the horizon")
  func dataFlags() {
    // Provider as_of 2025-12: M0 − 2025-12 = 6 months, not stale; 2025-11: 7, stale.
    let six = assess(makeBook(makeProvider(asOf: "2025-12-31")))
    #expect(!six.flags.contains(.staleFinancials))
    let seven = assess(makeBook(makeProvider(asOf: "2025-11-30")))
    #expect(seven.flags == [.netCash, .staleFinancials])
    let future = assess(makeBook(makeProvider(asOf: "2026-07-01")))
    #expect(future.flags == [.financialsAfterAsOf, .netCash])

    // A contract from 2028-01 on 150 GPUs of a 100-GPU fleet: overcommitted (in M1…MH), but
    // u × C ≥ K in M1, so utilization is not below contracted; and it earns nothing in M1…M12,
    // so there is no customer share at all.
    let later = assess(
      makeBook(
        fleets: [makeFleet()],
        contracts: [makeContract(gpus: 150, price: 2, start: "2028-01-01")]),
      prices: h100Price)
    #expect(later.flags == [.netCash, .overcommitted])
    #expect(later.topCustomerSharePct == nil)
    // A 12-month horizon does not reach 2028-01.
    let short = assess(
      makeBook(
        fleets: [makeFleet()],
        contracts: [makeContract(gpus: 150, price: 2, start: "2028-01-01")]),
      prices: h100Price, Assumptions(horizonMonths: 12))
    #expect(short.flags == [.netCash])
  }

  @Test("risk order: grade, runway ascending, DSCR12 ascending (nulls last), provider id")
  func order() {
    func result(_ id: String, _ grade: RiskGrade, runway: Int?, dscr: Double?) -> RiskResult {
      RiskResult(
        providerID: id, name: id, grade: grade, dscr12m: dscr, revenue12m: 0, cfads12m: 0,
        debtService12m: 0, balloon12m: 0, topCustomerSharePct: nil, utilizationPct: nil,
        breakEvenUtilizationPct: nil, cashOutMonth: nil, runwayMonths: runway, flags: [],
        months: [], loans: [])
    }
    let results = [
      result("k", .low, runway: nil, dscr: nil),
      result("j", .low, runway: nil, dscr: 2),
      result("i", .elevated, runway: nil, dscr: 1.1),
      result("h", .high, runway: nil, dscr: 0.5),
      result("g", .high, runway: 30, dscr: nil),
      result("f", .high, runway: 30, dscr: 0.9),
      result("e", .high, runway: 20, dscr: 3),
      result("d", .critical, runway: 9, dscr: nil),
      result("c", .critical, runway: 9, dscr: 0.2),
      result("b", .critical, runway: 9, dscr: 0.2),
      result("a", .critical, runway: 10, dscr: 0.1),
    ]
    #expect(
      results.sorted(by: riskOrder).map(\.providerID) == [
        "b", "c", "d", "a", "e", "f", "g", "h", "i", "j", "k",
      ])
  }

  @Test("flags sort alphabetically by name")
  func flagOrder() {
    // DESIGN §4's 14 flags and CREDIT §C.4's 6.
    #expect(RiskFlag.allCases.count == 20)
    #expect(
      RiskFlag.allCases.sorted().map(\.rawValue) == [
        "balloon_within_12m", "burning_cash", "covenant_breach", "customer_concentration",
        "debt_service_exceeds_cfads", "financials_after_as_of", "ltv_above_100",
        "min_liquidity_breach", "net_cash", "no_market_price", "no_uptime_data", "overcommitted",
        "past_maturity", "refinancing_dependent", "revenue_below_debt_service",
        "revolver_dependent", "stale_financials", "stale_market_price", "thin_coverage",
        "utilization_below_contracted",
      ])
  }

  @Test("market prices: the latest observed on or before a day, by exact model name")
  func marketPriceIndex() {
    let index = MarketPriceIndex([
      price("H100", "2026-03-01", usdPerHour: 2.5), price("H100", "2026-06-30", usdPerHour: 2.2),
      price("H100", "2026-01-01", usdPerHour: 3), price("H100", "2026-07-01", usdPerHour: 1),
    ])
    #expect(index.latest("H100", onOrBefore: day("2026-06-30"))?.priceUSDPerGPUHour == 2.2)
    #expect(index.latest("H100", onOrBefore: day("2026-06-29"))?.priceUSDPerGPUHour == 2.5)
    #expect(index.latest("H100", onOrBefore: day("2026-01-01"))?.priceUSDPerGPUHour == 3)
    #expect(index.latest("H100", onOrBefore: day("2025-12-31")) == nil)
    #expect(index.latest("h100", onOrBefore: day("2026-06-30")) == nil)
  }

  @Test("assumptions: defaults, and any change (the horizon too) is a stress")
  func assumptions() {
    let base = Assumptions.base
    #expect(base.horizonMonths == 36)
    #expect(base.utilizationPct == nil)
    #expect(base.priceShockPct == 0)
    #expect(base.priceDecayPct == 20)
    #expect(base.rateShockBP == 0)
    #expect(Assumptions.hoursPerMonth == 730)
    #expect(!base.isStressed)
    #expect(Assumptions(horizonMonths: 60).isStressed)
    #expect(Assumptions(utilizationPct: 50).isStressed)
    #expect(Assumptions(rateShockBP: 1).isStressed)
  }
}
