import Domain
import Finance
import Testing

// As-of 2026-06-30: M0 = 2026-06, the first payment month can be 2026-07.

@Suite("Loan schedules (§4 Loans, §7 cents)")
struct LoanScheduleTests {
  @Test("annuity: level payment from the closed form, rounded to cents")
  func annuityClosedForm() {
    // Existing loan, balance 10,000.00 at 12 %/yr monthly: r = 0.01. Start 2025-06, maturity
    // 2027-06, so the payment months in M1…maturity are 2026-07…2027-06: n = 12.
    // Level = B·r/(1−(1+r)^−n) = 100 / (1 − 1.01^−12) = 100 / (1 − 0.887449225)
    //       = 100 / 0.112550775 = 888.4878868 → 888.49.
    let loan = makeLoan(
      principal: 20_000, balance: 10_000, ratePct: 12, amortization: .annuity,
      start: "2025-06-15", maturity: "2027-06-15")
    let result = schedule(loan)
    #expect(result.paymentCount == 12)
    #expect(!result.isDraw)
    #expect(result.startingBalance == usd(10_000))
    let rows = cents(result.payments)
    #expect(rows.count == 12)
    // P1: interest 10,000.00 × 0.01 = 100.00; principal 888.49 − 100.00 = 788.49;
    //     balance 9,211.51.
    #expect(rows.first == row("2026-07", 10_000, 78_849, 921_151))
    // P2: interest 9,211.51 × 0.01 = 92.1151 → 92.12; principal 888.49 − 92.12 = 796.37;
    //     balance 8,415.14.
    #expect(rows.dropFirst().first == row("2026-08", 9_212, 79_637, 841_514))
    // Every payment but the last is the level 888.49.
    for payment in result.payments.dropLast() {
      #expect(payment.interest.cents + payment.principal.cents == 88_849)
    }
    // P12 (carrying the rounding of P1…P11, stepped by hand the same way): balance before it
    // 879.67, interest 8.7967 → 8.80, principal 879.67, so the last payment is 888.47.
    #expect(rows.last == row("2027-06", 880, 87_967, 0))
    #expect(result.payments.map(\.principal.cents).reduce(0, +) == 1_000_000)
    #expect(result.payments.allSatisfy { !$0.isBalloon })
  }

  @Test("annuity with r = 0 pays B/n")
  func annuityZeroRate() {
    // 1,200.00 over 2026-07…2027-06 (n = 12) at 0 %: 100.00 a month, no interest.
    let loan = makeLoan(
      principal: 1_200, ratePct: 0, start: "2025-06-01", maturity: "2027-06-01")
    let result = schedule(loan)
    #expect(result.payments.count == 12)
    #expect(result.payments.allSatisfy { $0.principal.cents == 10_000 && $0.interest == .zero })
  }

  @Test("linear quarterly: B/n principal plus interest on the balance")
  func linearQuarterly() {
    // 12,000.00 at 6 %/yr, 4 payments a year: p = 3, r = 0.015. Calendar from 2025-06:
    // 2025-09, 2025-12, 2026-03, 2026-06 | 2026-09, 2026-12, 2027-03, 2027-06 (maturity, on the
    // calendar). After M0 = 2026-06: n = 4, principal 12,000 / 4 = 3,000.00 each.
    // Interest: 12,000 × 0.015 = 180; 9,000 × 0.015 = 135; 6,000 × 0.015 = 90; 3,000 × 0.015 = 45.
    let loan = makeLoan(
      principal: 12_000, ratePct: 6, amortization: .linear, perYear: 4, start: "2025-06-10",
      maturity: "2027-06-10")
    let result = schedule(loan)
    #expect(
      cents(result.payments) == [
        row("2026-09", 18_000, 300_000, 900_000),
        row("2026-12", 13_500, 300_000, 600_000),
        row("2027-03", 9_000, 300_000, 300_000),
        row("2027-06", 4_500, 300_000, 0),
      ])
    #expect(result.payments.map(\.debtService.cents) == [318_000, 313_500, 309_000, 304_500])
  }

  @Test("interest only: interest each month, the balance at maturity as a balloon")
  func interestOnlyBalloon() {
    // 50,000.00 at 8 %/yr monthly: r = 0.08 / 12; interest 50,000 × 0.0066667 = 333.333 → 333.33.
    // Maturity 2027-03: payments 2026-07…2027-03, n = 9; the last repays 50,000.00 as a balloon.
    let loan = makeLoan(
      principal: 50_000, ratePct: 8, amortization: .interestOnly, start: "2025-03-20",
      maturity: "2027-03-20")
    let result = schedule(loan)
    #expect(result.paymentCount == 9)
    #expect(result.payments.allSatisfy { $0.interest.cents == 33_333 })
    #expect(result.payments.dropLast().allSatisfy { $0.principal == .zero && !$0.isBalloon })
    let last = result.payments.last
    #expect(last?.month == month("2027-03"))
    #expect(last?.principal == usd(50_000))
    #expect(last?.isBalloon == true)
    #expect(last?.balloon == usd(50_000))
    #expect(last?.debtService.cents == 33_333)
  }

  @Test("quarterly loan maturing off its calendar pays a stub last period")
  func quarterlyStub() {
    // 9,000.00 at 8 %/yr quarterly: p = 3, r = 0.02. Start 2026-01: calendar 2026-04, 2026-07,
    // 2026-10, 2027-01; maturity 2027-02 is off it, the previous calendar month is 2027-01, so
    // the stub is s = 1 month. Payments after M0: 2026-07, 2026-10, 2027-01, 2027-02 (n = 4).
    // Linear principal 9,000 / 4 = 2,250.00. Interest: 9,000 × 0.02 = 180; 6,750 × 0.02 = 135;
    // 4,500 × 0.02 = 90; stub 2,250 × 0.02 × 1/3 = 15.00.
    let loan = makeLoan(
      principal: 9_000, ratePct: 8, amortization: .linear, perYear: 4, start: "2026-01-15",
      maturity: "2027-02-15")
    #expect(
      cents(schedule(loan).payments) == [
        row("2026-07", 18_000, 225_000, 675_000),
        row("2026-10", 13_500, 225_000, 450_000),
        row("2027-01", 9_000, 225_000, 225_000),
        row("2027-02", 1_500, 225_000, 0),
      ])
    // Interest only, same calendar, maturity 2027-03 (stub of 2): 9,000 × 0.02 = 180 three
    // times, then 9,000 × 0.02 × 2/3 = 120.00 plus the 9,000.00 balloon.
    let interestOnly = makeLoan(
      principal: 9_000, ratePct: 8, amortization: .interestOnly, perYear: 4,
      start: "2026-01-15", maturity: "2027-03-15")
    #expect(
      cents(schedule(interestOnly).payments) == [
        row("2026-07", 18_000, 0, 900_000),
        row("2026-10", 18_000, 0, 900_000),
        row("2027-01", 18_000, 0, 900_000),
        row("2027-03", 12_000, 900_000, 0),
      ])
  }

  @Test("a loan past maturity owes its balance in M1 without interest")
  func pastMaturity() {
    // Maturity 2026-05 ≤ M0 with 5,000.00 outstanding: one balloon of 5,000.00 in 2026-07.
    let loan = makeLoan(
      principal: 40_000, balance: 5_000, ratePct: 9, start: "2023-05-31",
      maturity: "2026-05-31")
    let result = schedule(loan)
    #expect(result.isPastMaturity)
    #expect(cents(result.payments) == [row("2026-07", 0, 500_000, 0)])
    #expect(result.payments.first?.isBalloon == true)
    // A repaid loan past maturity owes nothing and is not live.
    let repaid = schedule(
      makeLoan(
        principal: 40_000, balance: 0, ratePct: 9, start: "2023-05-31", maturity: "2026-05-31"))
    #expect(!repaid.isPastMaturity)
    #expect(!repaid.isLive)
    #expect(repaid.payments.isEmpty)
  }

  @Test("a later loan is a draw: principal arrives, then amortizes after its start")
  func futureDraw() {
    // Start 2026-09-10 after the provider's as_of: B = principal 24,000.00 arrives in 2026-09
    // and amortizes over 2026-10…2027-09 (n = 12) at 0 %: 2,000.00 a month.
    let loan = makeLoan(
      principal: 24_000, balance: 0, ratePct: 0, start: "2026-09-10", maturity: "2027-09-10")
    let result = schedule(loan)
    #expect(result.isDraw)
    #expect(result.isLive)
    #expect(result.drawMonth == month("2026-09"))
    #expect(result.startingBalance == usd(24_000))
    #expect(result.payments.count == 12)
    #expect(result.payments.first?.month == month("2026-10"))
    #expect(result.payments.allSatisfy { $0.principal == usd(2_000) && $0.interest == .zero })

    // A draw that started (2026-03) after stale financials (2026-01-15) but before M1 arrives in
    // M1 = 2026-07 and pays over the months after M0: 2026-07…2027-03, n = 9, 1,000.00 each.
    let early = makeLoan(
      principal: 9_000, balance: 0, ratePct: 0, amortization: .linear, start: "2026-03-01",
      maturity: "2027-03-01")
    let earlyResult = schedule(early, providerAsOf: "2026-01-15")
    #expect(earlyResult.drawMonth == month("2026-07"))
    #expect(earlyResult.payments.count == 9)
    #expect(earlyResult.payments.first?.month == month("2026-07"))
    #expect(earlyResult.payments.allSatisfy { $0.principal == usd(1_000) })
  }

  @Test("draws and payments enter cash; the draw month is M3")
  func drawInProjection() {
    // Cash 100,000; the draw of 24,000 arrives in 2026-09; 2,000 a month is repaid from 2026-10.
    let loan = makeLoan(
      principal: 24_000, balance: 0, ratePct: 0, start: "2026-09-10", maturity: "2027-09-10")
    let result = assess(makeBook(makeProvider(cash: 100_000), loans: [loan]))
    #expect(projected(result, "2026-08").cash == 100_000)
    #expect(projected(result, "2026-09").draws == 24_000)
    #expect(projected(result, "2026-09").cash == 124_000)
    #expect(projected(result, "2026-10").debtService == 2_000)
    #expect(projected(result, "2026-10").cash == 122_000)
    // DS12 = 2026-10…2027-06 = 9 × 2,000 = 18,000; CFADS 0: DSCR12 = 0.
    #expect(result.debtService12m == 18_000)
    #expect(result.dscr12m == 0)
  }

  @Test("floating rate shock, floored at 0; fixed loans unaffected")
  func floatingRateShock() {
    // 120,000.00 interest only, monthly. Floating 2 % − 300 bp = −1 % → 0 %: no interest.
    let floating = makeLoan(
      principal: 120_000, ratePct: 2, rateType: .floating, amortization: .interestOnly,
      start: "2026-01-01", maturity: "2028-01-01")
    let down = schedule(floating, rateShockBP: -300)
    #expect(down.annualRatePct == 0)
    #expect(down.payments.allSatisfy { $0.interest == .zero })
    // +100 bp: 3 %/yr, r = 0.0025, interest 300.00.
    let up = schedule(floating, rateShockBP: 100)
    #expect(up.payments.first?.interest == usd(300))
    // Fixed 2 %: 120,000 × 0.02 / 12 = 200.00 whatever the shock.
    var fixed = floating
    fixed.rateType = .fixed
    #expect(schedule(fixed, rateShockBP: 100).payments.first?.interest == usd(200))
    #expect(schedule(fixed, rateShockBP: -300).payments.first?.interest == usd(200))
  }

  @Test("the horizon cuts payments but not n")
  func horizonCut() {
    let loan = makeLoan(
      principal: 1_200, ratePct: 0, start: "2025-06-01", maturity: "2027-06-01")
    let cut = loanSchedule(
      loan, providerAsOf: asOfDay, asOf: asOfDay, horizonEnd: month("2026-09"), rateShockBP: 0)
    #expect(cut.paymentCount == 12)
    #expect(cut.payments.map(\.month) == [month("2026-07"), month("2026-08"), month("2026-09")])
  }
}
