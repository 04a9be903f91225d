import Domain
import Finance
import Foundation
import Testing

// CREDIT §C.1–§C.4 by hand. As-of 2026-06-30: M0 = 2026-06, M1 = 2026-07, M12 = 2027-06.

func makeFacilityLoan(
  _ id: String, _ facility: LoanFacility, commitment: Double, drawn: Double = 0,
  ratePct: Double, rateType: RateType = .fixed, amortization: Amortization = .interestOnly,
  start: String = "2026-01-01", maturity: String, availableUntil: String? = nil,
  collateral: String? = nil, minDSCR: Double? = nil
) -> Loan {
  Loan(
    id: id, providerID: "p1", lender: "Bank", principal: usd(drawn), balance: usd(drawn),
    annualRatePct: ratePct, rateType: rateType, amortization: amortization, paymentsPerYear: 12,
    startOn: day(start), maturityOn: day(maturity), collateralFleetID: collateral,
    minDSCR: minDSCR, facility: facility, commitment: usd(commitment),
    availableUntil: availableUntil.map(day))
}

@Suite("Credit model v3: facilities, figures, flags and grade (CREDIT §C.1–§C.4)")
struct CreditModelTests {
  @Test("a revolver is drawn to the floor, pays monthly interest and a balloon at maturity")
  func revolverToTheFloor() {
    // Cash 100,000, opex 10,000 a month, floor 50,000; an undrawn revolver of 1,000,000 at 12 %
    // maturing 2027-03 (M9). Cash(M5) = 50,000 is on the floor: no draw. M6: 40,000 → draw
    // 10,000. M7: interest 100; 50,000 − 10,000 − 100 = 39,900 → draw 10,100 (balance 20,100).
    // M8: interest 201 → draw 10,201 (30,301). M9 (maturity): interest 303.01 and the 30,301
    // repaid as a balloon: 50,000 − 10,000 − 303.01 − 30,301 = 9,395.99 → draw 40,604.01 in the
    // maturity month, repaid in M10 without interest: Cash(M10) = 50,000 − 10,000 − 40,604.01
    // = −604.01, and the revolver is no longer available.
    let revolver = makeFacilityLoan(
      "R1", .revolver, commitment: 1_000_000, ratePct: 12, maturity: "2027-03-15")
    let result = assess(
      makeBook(
        makeProvider(cash: 100_000, opex: 10_000, minLiquidity: 50_000), loans: [revolver]))
    #expect(close(projected(result, "2026-11").cash, 50_000))
    #expect(projected(result, "2026-11").draws == 0)
    #expect(close(projected(result, "2026-12").draws, 10_000))
    #expect(close(projected(result, "2026-12").cash, 50_000))
    #expect(close(projected(result, "2026-12").revolverBalance, 10_000))
    #expect(close(projected(result, "2027-01").debtService, 100))
    #expect(close(projected(result, "2027-01").draws, 10_100))
    #expect(close(projected(result, "2027-02").debtService, 201))
    #expect(close(projected(result, "2027-02").revolverBalance, 30_301))
    let maturity = projected(result, "2027-03")
    #expect(close(maturity.debtService, 303.01))
    #expect(close(maturity.balloon, 30_301))
    #expect(close(maturity.draws, 40_604.01))
    #expect(close(maturity.cash, 50_000))
    #expect(close(maturity.revolverBalance, 40_604.01))
    let after = projected(result, "2027-04")
    #expect(after.debtService == 0)
    #expect(close(after.balloon, 40_604.01))
    #expect(close(after.cash, -604.01))
    #expect(after.revolverBalance == 0)
    #expect(result.cashOutMonth == month("2027-04"))
    #expect(result.grade == .critical)
    #expect(result.credit.interest12m == 604.01)
    #expect(result.debtService12m == 604.01)
    #expect(result.balloon12m == 70_905.01)
    #expect(result.credit.liquidity == 1_100_000)
    #expect(result.credit.firstRevolverDrawMonth == month("2026-12"))
    #expect(result.credit.totalDebt == 0)
    #expect(result.credit.netDebt == -100_000)
    // −604.01 + the 30,301 and 40,604.01 repaid ≥ 0: rolling the revolver over would save it.
    // Net cash burning 10,000 a month: burning_cash names the condition beside the worse grade.
    #expect(
      result.flags == [
        .balloonWithin12m, .burningCash, .debtServiceExceedsCFADS, .minLiquidityBreach, .netCash,
        .refinancingDependent, .revenueBelowDebtService, .revolverDependent,
      ])
    #expect(result.credit.minCash12m == -20_604.01)  // Cash(M12)
    #expect(result.credit.minCash == -260_604.01)  // Cash(M36)
    #expect(result.credit.minCashMonth == month("2029-06"))
    let loan = result.loans[0]
    #expect(loan.facility == .revolver)
    #expect(loan.undrawn == usd(1_000_000))
    #expect(loan.isLive)
    #expect(loan.draws.map(\.month) == ["2026-12", "2027-01", "2027-02", "2027-03"].map(month))
    #expect(loan.allPayments.map(\.month) == ["2027-01", "2027-02", "2027-03", "2027-04"].map(month))
    #expect(loan.allPayments[2].interest == usd(303.01))
    #expect(loan.allPayments[2].principal == usd(30_301))
    #expect(loan.allPayments[2].balance == usd(40_604.01))
  }

  @Test("no floor: a revolver is drawn only when cash would go below 0, and lands on 0")
  func revolverWithoutFloor() {
    // Cash 25,000, opex 10,000: Cash(M3) = −5,000 → draw 5,000, Cash = 0 (not a cash-out).
    // Maturity 2030: interest 50 in M4, so M4 draws 10,050.
    let revolver = makeFacilityLoan(
      "R1", .revolver, commitment: 500_000, ratePct: 12, maturity: "2030-01-15")
    let result = assess(makeBook(makeProvider(cash: 25_000, opex: 10_000), loans: [revolver]))
    #expect(close(projected(result, "2026-09").draws, 5_000))
    #expect(projected(result, "2026-09").cash == 0)
    #expect(close(projected(result, "2026-10").debtService, 50))
    #expect(close(projected(result, "2026-10").draws, 10_050))
    #expect(result.cashOutMonth == nil)
    #expect(result.flags.contains(.revolverDependent))
  }

  @Test("spec conflict C.8 vs C.2: a revolver maturing inside the horizon can worsen the grade")
  func revolverMaturingInsideHorizonConflictsWithC8() {
    // CREDIT §C.8 says adding undrawn revolver commitment never lowers runway or worsens the
    // grade; §C.2's mechanics (draw to the floor, monthly interest, bullet repayment at
    // maturity) can, when the revolver matures inside the horizon. We follow §C.2; this pins
    // the counter-example (the cross-check's r3a/r3b). As of 2026-11-23, horizon 12 (M1 =
    // 2026-12 … M12 = 2027-11): cash 130,000, opex 10,000, floor 5,000,000, one GPU at 0.001 kW
    // (power 0.073 a month), no market price.
    let fleet = makeFleet(
      "a", model: "X9", gpus: 1, inService: "2026-01-01", capex: 3_000, life: 5, kW: 0.001,
      utilization: 90)
    let provider = makeProvider(
      id: "p1", cash: 130_000, opex: 10_000, asOf: "2026-10-31", minLiquidity: 5_000_000)
    let asOf = day("2026-11-23")
    let horizon12 = Assumptions(horizonMonths: 12)
    // Without a revolver: 130,000 − 12 × 10,000.073 = 9,999.12 at M12, never below 0; below the
    // floor from M1, so `elevated` (minimum-liquidity breach).
    let without = assess(
      makeBook(provider, fleets: [fleet], uptime: []), asOf: asOf, horizon12)
    #expect(without.grade == .elevated)
    #expect(without.cashOutMonth == nil)
    #expect(without.credit.minCash == 9_999.12)
    // With an undrawn revolver of 10,000,000 at 10 % maturing 2027-05: M1 draws 4,880,000.07
    // to the floor, each later month's interest (≈ 40,700) is drawn too, the balance is repaid
    // as a balloon in 2027-05 and redrawn to the floor in that month, and that last draw is
    // repaid in 2027-06 with nothing left to draw: cash out in 2027-06, `critical`.
    let revolver = Loan(
      id: "rv", providerID: "p1", lender: "L", principal: usd(0), balance: usd(0),
      annualRatePct: 10, rateType: .fixed, amortization: .interestOnly, paymentsPerYear: 12,
      startOn: day("2026-10-01"), maturityOn: day("2027-05-31"), facility: .revolver,
      commitment: usd(10_000_000))
    let with = assess(
      makeBook(provider, fleets: [fleet], loans: [revolver], uptime: []), asOf: asOf, horizon12)
    #expect(close(projected(with, "2026-12").draws, 4_880_000.07, 0.01))
    #expect(projected(with, "2027-05").balloon > 4_880_000)
    #expect(with.cashOutMonth == month("2027-06"))
    #expect(with.runwayMonths == 7)
    #expect(with.grade == .critical)
    #expect(with.grade < without.grade)
  }

  @Test("a delayed-draw tranche funds its collateral fleet's capex and amortizes")
  func delayedDrawTranche() {
    // Fleet fl2 (no facility in the book: no power) enters service 2026-09 (M3) costing
    // 600,000; the facility D1 (500,000 undrawn, 12 %, linear, monthly, maturity 2027-09)
    // funds 500,000 of it. Cash(M3) = 1,000,000 − 600,000 + 500,000 = 900,000.
    // Payments 2026-10…2027-09 (12): principal 41,666.67, the last 41,666.63; interest 1 % of
    // the balance: 5,000, 4,583.33, 4,166.67, 3,750, 3,333.33, 2,916.67, 2,500, 2,083.33,
    // 1,666.67 in M4…M12 = 30,000.00; principal in M4…M12 = 9 × 41,666.67 = 375,000.03.
    let facility = makeFacilityLoan(
      "D1", .delayedDraw, commitment: 500_000, ratePct: 12, amortization: .linear,
      maturity: "2027-09-30", collateral: "fl2")
    let fleet = makeFleet("fl2", utilization: 0)
    var future = fleet
    future.inServiceOn = day("2026-09-15")
    future.capex = usd(600_000)
    let result = assess(
      makeBook(makeProvider(cash: 1_000_000), facilities: [], fleets: [future], loans: [facility]))
    let draw = projected(result, "2026-09")
    #expect(draw.capex == 600_000)
    #expect(draw.draws == 500_000)
    #expect(close(draw.cash, 900_000))
    #expect(close(projected(result, "2026-10").debtService, 46_666.67))
    #expect(result.credit.interest12m == 30_000)
    #expect(result.debtService12m == 405_000.03)
    #expect(close(projected(result, "2027-06").cash, 494_999.97))
    #expect(close(projected(result, "2027-09").debtService, 41_666.63 + 416.67))
    #expect(result.credit.debtAtM12 == 124_999.97)
    // No CFADS: net leverage is n.m.; but the provider holds net cash (no debt at M0).
    #expect(result.credit.netLeverage == nil)
    #expect(result.credit.netLeverageM0 == nil)
    #expect(result.credit.totalDebt == 0)
    #expect(result.credit.liquidity == 1_000_000)  // undrawn delayed-draw is not liquidity
    let loan = result.loans[0]
    #expect(loan.draws == [LoanDraw(month: month("2026-09"), amount: 500_000)])
    #expect(loan.isLive)
    #expect(loan.allPayments.count == 12)
    #expect(loan.allPayments.map(\.principal.cents).reduce(0, +) == 50_000_000)
    #expect(loan.allPayments.last?.balance == .zero)
  }

  @Test("delayed draws: fleet-bound facilities first, then unbound ones, in loan_id order")
  func delayedDrawOrder() {
    // fl2 costs 600,000 and fl3 100,000, both in 2026-09. A (bound to fl3, 80,000), B (bound
    // to fl2, 450,000), C (unbound, 120,000): fl2 takes 450,000 from B, then 120,000 from C
    // (30,000 unfunded); fl3 takes 80,000 from A and nothing more (C is spent).
    var fl2 = makeFleet("fl2", utilization: 0)
    fl2.inServiceOn = day("2026-09-01")
    fl2.capex = usd(600_000)
    var fl3 = fl2
    fl3.id = "fl3"
    fl3.capex = usd(100_000)
    let loans = [
      makeFacilityLoan(
        "A", .delayedDraw, commitment: 80_000, ratePct: 0, maturity: "2029-01-01",
        collateral: "fl3"),
      makeFacilityLoan(
        "B", .delayedDraw, commitment: 450_000, ratePct: 0, maturity: "2029-01-01",
        collateral: "fl2"),
      makeFacilityLoan("C", .delayedDraw, commitment: 120_000, ratePct: 0, maturity: "2029-01-01"),
      // Not available any more in 2026-09: funds nothing.
      makeFacilityLoan(
        "D", .delayedDraw, commitment: 1_000_000, ratePct: 0, maturity: "2029-01-01",
        availableUntil: "2026-08-31"),
    ]
    let result = assess(
      makeBook(makeProvider(cash: 1_000_000), facilities: [], fleets: [fl2, fl3], loans: loans))
    #expect(result.loans.map { $0.draws.map(\.amount) } == [[80_000], [450_000], [120_000], []])
    #expect(projected(result, "2026-09").draws == 650_000)
    #expect(result.loans[3].isLive == false)
  }

  @Test("fixed rent is its own cost; variable opex follows the unstressed base revenue")
  func rentAndVariableOpex() {
    // 100 H100 at 100 %, $2.00 observed in M0, default decay: revenue(M1) = 100 × 2 ×
    // 0.8^(1/12) × 730. Opex = 1,000 + 10 % of that; rent 5,000; power 7,300.
    var provider = makeProvider(opex: 1_000)
    provider.variableOpexPct = 10
    var facility = makeFacility()
    facility.fixedRentPerMonth = usd(5_000)
    let book = makeBook(provider, facilities: [facility], fleets: [makeFleet()])
    let prices = [price(usdPerHour: 2)]
    let base = assess(book, prices: prices)
    let revenue = 100 * 2 * pow(0.8, 1.0 / 12) * 730
    let m1 = projected(base, "2026-07")
    #expect(close(m1.revenue, revenue))
    #expect(close(m1.opex, 1_000 + 0.1 * revenue))
    #expect(m1.fixedRent == 5_000)
    #expect(close(m1.cfads, revenue - 7_300 - (1_000 + 0.1 * revenue) - 5_000))
    // A price shock and a utilization override move revenue, never opex.
    let stressed = assess(
      book, prices: prices, Assumptions(utilizationPct: 50, priceShockPct: -50, priceDecayPct: 0))
    let s1 = projected(stressed, "2026-07")
    #expect(close(s1.revenue, 100 * 0.5 * 1 * 730))
    #expect(s1.opex == m1.opex)
    #expect(s1.fixedRent == 5_000)
    // Rent is paid without any fleet.
    let empty = assess(makeBook(makeProvider(), facilities: [facility]))
    #expect(projected(empty, "2026-07").cfads == -5_000)
  }

  @Test("net debt, interest cover, net leverage forward and at M0, covenant headroom")
  func leverageAndCoverage() {
    // CFADS 138,700 a month (1,664,400 over M1…M12); 1,000,000 interest-only at 12 % monthly:
    // interest 10,000 a month, 120,000 a year. Cash 500,000.
    let loan = makeLoan(
      principal: 1_000_000, ratePct: 12, amortization: .interestOnly, start: "2025-01-01",
      maturity: "2030-01-01", minDSCR: 3)
    let result = assess(earningBook(cash: 500_000, loans: [loan]), prices: h100Price)
    let credit = result.credit
    #expect(credit.totalDebt == 1_000_000)
    #expect(credit.netDebt == 500_000)
    #expect(credit.interest12m == 120_000)
    #expect(credit.interestCoverage == 13.87)
    #expect(result.dscr12m == 13.87)
    // Forward: (1,000,000 − Cash(M12) = 500,000 + 1,664,400 − 120,000) / 1,664,400.
    #expect(credit.netLeverage == roundedTo9((1_000_000 - 2_044_400) / 1_664_400.0))
    #expect(credit.netLeverageM0 == roundedTo9(500_000 / 1_664_400.0))
    #expect(credit.covenantDSCR == 3)
    #expect(credit.covenantHeadroomPct == roundedTo9((13.87 / 3 - 1) * 100))
    #expect(credit.minCash12m == 628_700)  // 500,000 + 138,700 − 10,000
    #expect(credit.minCash == 628_700)
    #expect(credit.minCashMonth == month("2026-07"))
    #expect(credit.liquidity == 500_000)
    #expect(credit.breakEvenBasis == .contracts)
    #expect(result.flags == [])
    #expect(result.grade == .low)
  }

  @Test("n.m. leverage: negative CFADS with debt is thin coverage, and elevated")
  func notMeaningfulLeverage() {
    // Opex 10,000, 1,000,000 at 12 % interest-only: CFADS −120,000, DS12 120,000; cash
    // 900,000 falls 20,000 a month and lasts past M36 (180,000 left).
    let loan = makeLoan(
      principal: 1_000_000, ratePct: 12, amortization: .interestOnly, start: "2025-01-01",
      maturity: "2030-01-01")
    let result = assess(makeBook(makeProvider(cash: 900_000, opex: 10_000), loans: [loan]))
    #expect(result.credit.netLeverage == nil)
    #expect(result.credit.netLeverageM0 == nil)
    #expect(result.credit.interestCoverage == -1)
    #expect(result.credit.covenantDSCR == nil)  // no min_dscr: no covenant (CREDIT §C.1)
    #expect(result.credit.covenantHeadroomPct == nil)
    #expect(result.credit.breakEvenBasis == .unreachable)
    #expect(result.cashOutMonth == nil)
    #expect(
      result.flags == [.debtServiceExceedsCFADS, .revenueBelowDebtService, .thinCoverage])
    #expect(result.grade == .elevated)
  }

  @Test("a covenant only where one is known: 0 or empty never breaches")
  func covenantOnlyWhenKnown() {
    let loan = makeLoan(
      principal: 1_000_000, ratePct: 12, amortization: .interestOnly, start: "2025-01-01",
      maturity: "2030-01-01", minDSCR: 0)
    let result = assess(makeBook(makeProvider(cash: 900_000, opex: 10_000), loans: [loan]))
    #expect(result.dscr12m == -1)
    #expect(result.credit.covenantDSCR == nil)
    #expect(!result.flags.contains(.covenantBreach))
    var covenanted = loan
    covenanted.minDSCR = 1.1
    let breached = assess(
      makeBook(makeProvider(cash: 900_000, opex: 10_000), loans: [covenanted]))
    #expect(breached.flags.contains(.covenantBreach))
    #expect(breached.credit.covenantHeadroomPct == roundedTo9((-1 / 1.1 - 1) * 100))
  }

  @Test("grade edges: DSCR 1.25, interest cover 2.0, net leverage 4.0 (CREDIT §C.4)")
  func ratioEdges() {
    // Not net cash (cash 1,000,000 below the debt). DS12 = 1,331,520: DSCR12 = 1.25 exactly.
    func dscrCase(_ principal: Double) -> RiskResult {
      assess(
        earningBook(cash: 1_000_000, loans: [twelveMonthLoan(principal: principal)]),
        prices: h100Price)
    }
    #expect(dscrCase(1_331_520).dscr12m == 1.25)
    #expect(dscrCase(1_331_520).grade == .low)
    #expect(dscrCase(1_331_532).grade == .elevated)
    #expect(dscrCase(1_331_532).flags.contains(.thinCoverage))

    // Interest-only at 12 %: 6,935,000 pays 832,200 a year, cover 1,664,400 / 832,200 = 2.0.
    func coverCase(_ balance: Double) -> RiskResult {
      let loan = makeLoan(
        principal: balance, ratePct: 12, amortization: .interestOnly, start: "2025-01-01",
        maturity: "2030-01-01")
      return assess(earningBook(cash: 1_000_000, loans: [loan]), prices: h100Price)
    }
    #expect(coverCase(6_935_000).credit.interestCoverage == 2)
    #expect(coverCase(6_935_000).grade == .low)
    #expect(coverCase(6_936_000).grade == .elevated)

    // 0 % interest-only: no interest, no debt service; net leverage (B − Cash(M12)) / CFADS12
    // with Cash(M12) = 1,000,000 + 1,664,400: B = 9,322,000 gives 4.0 exactly.
    func leverageCase(_ balance: Double) -> RiskResult {
      let loan = makeLoan(
        principal: balance, ratePct: 0, amortization: .interestOnly, start: "2025-01-01",
        maturity: "2030-01-01")
      return assess(earningBook(cash: 1_000_000, loans: [loan]), prices: h100Price)
    }
    #expect(leverageCase(9_322_000).credit.netLeverage == 4)
    #expect(leverageCase(9_322_000).credit.interestCoverage == nil)
    #expect(leverageCase(9_322_000).grade == .low)
    #expect(leverageCase(9_322_100).grade == .elevated)
    #expect(leverageCase(9_322_100).flags.contains(.thinCoverage))
  }

  @Test("grade edges: burning net cash, runway 12 and 13, past maturity with net cash")
  func burnAndRunwayEdges() {
    // No debt, opex 10,000: d = 10,000; Cash(M36) / d = 24 exactly is not a burn.
    let edge = assess(makeBook(makeProvider(cash: 600_000, opex: 10_000)))
    #expect(edge.flags == [.netCash])
    #expect(edge.grade == .low)
    let burning = assess(makeBook(makeProvider(cash: 599_999, opex: 10_000)))
    #expect(burning.flags == [.burningCash, .netCash])
    #expect(burning.grade == .elevated)
    // Runway 12 is critical, 13 high.
    #expect(assess(makeBook(makeProvider(cash: 115_000, opex: 10_000))).runwayMonths == 12)
    #expect(assess(makeBook(makeProvider(cash: 115_000, opex: 10_000))).grade == .critical)
    #expect(assess(makeBook(makeProvider(cash: 125_000, opex: 10_000))).runwayMonths == 13)
    #expect(assess(makeBook(makeProvider(cash: 125_000, opex: 10_000))).grade == .high)
    // A loan past maturity keeps `high` with net cash.
    let overdue = makeLoan(
      principal: 1_000, ratePct: 5, start: "2024-01-01", maturity: "2026-05-01")
    let result = assess(makeBook(makeProvider(cash: 10_000_000), loans: [overdue]))
    #expect(result.flags == [.balloonWithin12m, .netCash, .pastMaturity])
    #expect(result.grade == .high)
    #expect(result.credit.totalDebt == 1_000)
  }

  @Test("market LTV over a pool: the same collateral sums, a later fleet counts its full life")
  func marketLTV() {
    // fl1: 100 H100 in service 2025-01 (17 of 72 months gone: 55 left); fl2: 50 H100 from
    // 2026-12 (72 left). p(M0) = 2.00 (observed in M0). Margin 35 %:
    // 100 × 2 × 730 × 55 × 0.35 + 50 × 2 × 730 × 72 × 0.35 = 2,810,500 + 1,839,600 = 4,650,100.
    // Two loans on the same pool (in either order): 2 × 4,650,100 / 4,650,100 = 2.
    var fl1 = makeFleet("fl1")
    fl1.capex = usd(1_000_000)
    var fl2 = makeFleet("fl2", gpus: 50, inService: "2026-12-01")
    fl2.capex = usd(500_000)
    let loans = [
      makeLoan(
        "L1", principal: 4_650_100, ratePct: 0, amortization: .interestOnly, start: "2025-01-01",
        maturity: "2030-01-01", collateral: "fl1;fl2"),
      makeLoan(
        "L2", principal: 4_650_100, ratePct: 0, amortization: .interestOnly, start: "2025-01-01",
        maturity: "2030-01-01", collateral: "fl2;fl1"),
      makeLoan(
        "L3", principal: 2_810_500, ratePct: 0, amortization: .interestOnly, start: "2025-01-01",
        maturity: "2030-01-01", collateral: "fl1"),
    ]
    let book = makeBook(fleets: [fl1, fl2], loans: loans)
    let result = assess(book, prices: h100Price)
    #expect(result.loans.map(\.ltvMarket) == [2, 2, 1])
    // Book value of the pool: 1,000,000 × (1 − 17/72) + 500,000.
    let poolBook = 1_000_000 * (1 - 17.0 / 72) + 500_000
    #expect(result.loans[0].ltvBook == roundedTo9(9_300_200 / poolBook))
    #expect(result.flags.contains(.ltvAbove100))
    // A 70 % margin halves it; with no price there is no market value.
    let margined = assess(book, prices: h100Price, Assumptions(collateralMarginPct: 70))
    #expect(margined.loans.map(\.ltvMarket) == [1, 1, 0.5])
    #expect(!margined.flags.contains(.ltvAbove100))
    #expect(assess(book).loans.map(\.ltvMarket) == [nil, nil, nil])
  }

  @Test("risk order: a net-cash provider's DSCR counts as +∞, null last (CREDIT §C.4)")
  func riskOrderNetCash() {
    func result(_ id: String, dscr: Double?, netCash: Bool) -> RiskResult {
      RiskResult(
        providerID: id, name: id, grade: .low, dscr12m: dscr, revenue12m: 0, cfads12m: 0,
        debtService12m: 0, balloon12m: 0, topCustomerSharePct: nil, utilizationPct: nil,
        breakEvenUtilizationPct: nil, cashOutMonth: nil, runwayMonths: nil,
        flags: netCash ? [.netCash] : [], months: [], loans: [])
    }
    let results = [
      result("a", dscr: nil, netCash: false), result("b", dscr: -4, netCash: true),
      result("c", dscr: 9, netCash: false), result("d", dscr: 1.5, netCash: false),
      result("e", dscr: nil, netCash: true),
    ]
    #expect(results.sorted(by: riskOrder).map(\.providerID) == ["d", "c", "b", "e", "a"])
  }

  @Test("defaults reproduce DESIGN §4: a term loan with no new column moves no §4 figure")
  func defaultsReproduceDesign() {
    let loan = makeLoan(
      principal: 1_000_000, ratePct: 8, start: "2025-01-01", maturity: "2029-01-01")
    var explicit = loan
    explicit.facility = .term
    let a = assess(earningBook(loans: [loan]), prices: h100Price)
    let b = assess(earningBook(loans: [explicit]), prices: h100Price)
    #expect(a == b)
    #expect(a.months.allSatisfy { $0.fixedRent == 0 && $0.revolverBalance == 0 })
    #expect(creditModelVersion == 3)
  }
}
