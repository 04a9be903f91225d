import Domain
import Finance
import TestSupport
import Testing

extension SplitMix64 {
  mutating func int(_ range: ClosedRange<Int>) -> Int { Int.random(in: range, using: &self) }
  mutating func double(_ range: ClosedRange<Double>) -> Double {
    Double.random(in: range, using: &self)
  }
  mutating func chance(_ probability: Double) -> Bool { double(0...1) < probability }
  mutating func pick<T>(_ items: [T]) -> T { items[int(0...(items.count - 1))] }
  /// A day between 2019-01-01 and 2029-12-31.
  mutating func day() -> Day {
    Day(daysSinceEpoch: int(17_897...21_914))
  }
  /// A rate with two decimals, like a CSV would carry.
  mutating func pct(_ range: ClosedRange<Int>) -> Double { Double(int(range)) / 100 }
}

/// A loan valid under §2 for a provider with financials of `providerAsOf`.
func randomLoan(_ rng: inout SplitMix64, id: String, providerAsOf: Day) -> Loan {
  let start = rng.day()
  let maturity = Day(daysSinceEpoch: start.daysSinceEpoch + rng.int(1...(15 * 366)))
  let principalCents = rng.chance(0.1) ? Int64(rng.int(1...500)) : Int64(rng.int(1...5_000_000_000))
  var balanceCents = rng.chance(0.1) ? 0 : Int64(rng.int(0...Int(principalCents)))
  if start > providerAsOf { balanceCents = 0 }
  return Loan(
    id: id, providerID: "p1", lender: "Bank", principal: Money(cents: principalCents),
    balance: Money(cents: balanceCents), annualRatePct: rng.chance(0.1) ? 0 : rng.pct(0...2_500),
    rateType: rng.pick([.fixed, .floating]), amortization: rng.pick(Amortization.allCases),
    paymentsPerYear: rng.pick([1, 2, 4, 12]), startOn: start, maturityOn: maturity,
    collateralFleetID: nil, minDSCR: rng.chance(0.5) ? nil : rng.pct(100...400))
}

/// A provider book with debt, fleets of two models, contracts, uptime and prices.
func randomBook(_ rng: inout SplitMix64) -> (ProviderBook, [MarketPrice]) {
  let providerAsOf = Day(daysSinceEpoch: asOfDay.daysSinceEpoch - rng.int(0...400))
  let provider = Provider(
    id: "p1", name: "P", segment: .neocloud, country: "US",
    cash: Money(cents: Int64(rng.int(0...2_000_000_000))),
    fixedOpexPerMonth: Money(cents: Int64(rng.int(0...20_000_000))), asOf: providerAsOf,
    minLiquidity: rng.chance(0.5) ? nil : Money(cents: Int64(rng.int(0...500_000_000))))
  let facility = Facility(
    id: "fac1", providerID: "p1", name: "F", region: "r", itCapacityMW: 10,
    pue: rng.double(1...2), powerUSDPerKWh: rng.double(0.03...0.2),
    colocationUSDPerKWMonth: rng.double(0...150), ownership: .colo)
  let models = ["A100", "H100"]
  let fleets = (0..<rng.int(1...4)).map { index in
    Fleet(
      id: "fl\(index)", providerID: "p1", facilityID: "fac1", gpuModel: rng.pick(models),
      gpuCount: rng.int(8...2_000), inServiceOn: rng.day(),
      capex: Money(cents: Int64(rng.int(0...3_000_000_000))),
      usefulLifeYears: rng.chance(0.5) ? nil : rng.int(1...8), gpuPowerKW: rng.double(0.3...1.5),
      utilizationPct: rng.pct(0...10_000), interconnect: .roce, fabricGbpsPerGPU: 400)
  }
  let contracts = (0..<rng.int(0...3)).map { index in
    let start = rng.day()
    return Contract(
      id: "c\(index)", providerID: "p1", customer: rng.pick(["A", "B"]),
      gpuModel: rng.pick(models), gpuCount: rng.int(1...1_500),
      priceUSDPerGPUHour: rng.double(0.8...4), startOn: start,
      endOn: Day(daysSinceEpoch: start.daysSinceEpoch + rng.int(0...1_500)),
      slaUptimePct: rng.chance(0.5) ? nil : 99.5)
  }
  let loans = (0..<rng.int(1...3)).map {
    randomLoan(&rng, id: "L\($0)", providerAsOf: providerAsOf)
  }
  let uptime = (0..<12).compactMap { offset -> UptimeMonth? in
    guard rng.chance(0.7) else { return nil }
    return UptimeMonth(
      providerID: "p1", month: month("2025-07") + offset, uptimePct: rng.double(98...100),
      incidents: 0, failuresPer1kGPUMonths: 0, mttrHours: 0)
  }
  let prices = models.compactMap { model -> MarketPrice? in
    guard rng.chance(0.8) else { return nil }
    return MarketPrice(
      gpuModel: model, observedOn: Day(daysSinceEpoch: asOfDay.daysSinceEpoch - rng.int(0...200)),
      priceUSDPerGPUHour: rng.double(1...4))
  }
  let book = ProviderBook(
    provider: provider, facilities: [facility], fleets: fleets, loans: loans,
    contracts: contracts, uptime: uptime)
  return (book, prices)
}

@Suite("Properties over generated loans and books")
struct PropertyTests {
  @Test("every schedule pays back exactly B, to the cent, on its calendar")
  func schedulesRepayExactly() {
    var rng = SplitMix64(seed: 42)
    let m1 = asOfDay.month + 1
    for index in 0..<3_000 {
      let providerAsOf = Day(daysSinceEpoch: asOfDay.daysSinceEpoch - rng.int(-30...900))
      let loan = randomLoan(&rng, id: "L\(index)", providerAsOf: providerAsOf)
      let result = loanSchedule(
        loan, providerAsOf: providerAsOf, asOf: asOfDay, horizonEnd: nil,
        rateShockBP: rng.pct(-50_000...50_000))
      let b = loan.startOn > providerAsOf ? loan.principal : loan.balance
      #expect(result.startingBalance == b)
      let payments = result.payments
      guard b.cents > 0 else {
        #expect(payments.isEmpty, "loan \(index)")
        continue
      }
      #expect(payments.map(\.principal.cents).reduce(0, +) == b.cents, "loan \(index): \(loan)")
      #expect(payments.last?.balance == .zero, "loan \(index)")
      #expect(payments.count == result.paymentCount)
      #expect(payments.allSatisfy { $0.interest.cents >= 0 && $0.principal.cents >= 0 })
      var previous = b.cents
      for payment in payments {
        #expect(payment.balance.cents == previous - payment.principal.cents)
        previous = payment.balance.cents
      }
      let months = payments.map(\.month)
      #expect(zip(months, months.dropFirst()).allSatisfy { $0 < $1 }, "loan \(index)")
      #expect(months.first.map { $0 >= m1 } == true)
      let period = 12 / loan.paymentsPerYear
      let maturity = loan.maturityOn.month
      if result.isPastMaturity {
        #expect(months == [m1])
        #expect(payments.first?.interest == .zero)
      } else {
        #expect(months.last == maturity)
        for month in months.dropLast() {
          #expect((month - loan.startOn.month) % period == 0 && month > loan.startOn.month)
        }
      }
      let balloons = payments.filter(\.isBalloon)
      if result.isPastMaturity || loan.amortization == .interestOnly {
        #expect(balloons.count == 1 && payments.last?.isBalloon == true)
      } else {
        #expect(balloons.isEmpty)
      }
    }
  }

  @Test("DSCR12 never decreases as utilization rises")
  func dscrMonotoneInUtilization() {
    var rng = SplitMix64(seed: 7)
    var checked = 0
    for index in 0..<150 {
      let (book, prices) = randomBook(&rng)
      let shock = rng.pct(-5_000...3_000)
      let decay = rng.pct(-2_000...6_000)
      var previous: Double?
      for step in 0...40 {
        let assumptions = Assumptions(
          utilizationPct: Double(step) * 2.5, priceShockPct: shock, priceDecayPct: decay)
        let dscr = assess(book, prices: prices, assumptions).dscr12m
        if let previous, let dscr {
          #expect(dscr >= previous, "book \(index) at \(Double(step) * 2.5) %")
          checked += 1
        }
        previous = dscr
      }
    }
    #expect(checked > 1_000)  // enough books carry debt service in M1…M12
  }

  @Test("the grade never improves under a harsher stress")
  func gradeMonotoneUnderStress() {
    var rng = SplitMix64(seed: 2_026)
    var grades: [RiskGrade: Int] = [:]
    var worsened = 0
    for index in 0..<300 {
      let (book, prices) = randomBook(&rng)
      let mild = Assumptions(
        utilizationPct: rng.chance(0.3) ? nil : rng.pct(3_000...10_000),
        priceShockPct: rng.pct(-3_000...2_000), priceDecayPct: rng.pct(0...4_000),
        rateShockBP: rng.pct(-30_000...30_000))
      let base = assess(book, prices: prices, mild)
      grades[base.grade, default: 0] += 1
      var lowerUtilization = mild
      lowerUtilization.utilizationPct = max(0, (mild.utilizationPct ?? 100) - rng.pct(1...10_000))
      if mild.utilizationPct != nil {
        let harsher = assess(book, prices: prices, lowerUtilization)
        #expect(harsher.grade <= base.grade, "book \(index): utilization")
      }
      var deeperShock = mild
      deeperShock.priceShockPct = max(-100, mild.priceShockPct - rng.pct(1...7_000))
      #expect(
        assess(book, prices: prices, deeperShock).grade <= base.grade, "book \(index): price")
      var higherRate = mild
      higherRate.rateShockBP = mild.rateShockBP + rng.pct(1...50_000)
      #expect(
        assess(book, prices: prices, higherRate).grade <= base.grade, "book \(index): rate")
      let allAtOnce = Assumptions(
        utilizationPct: lowerUtilization.utilizationPct, priceShockPct: deeperShock.priceShockPct,
        priceDecayPct: mild.priceDecayPct, rateShockBP: higherRate.rateShockBP)
      if mild.utilizationPct != nil {
        let harshest = assess(book, prices: prices, allAtOnce).grade
        #expect(harshest <= base.grade, "book \(index): all")
        if harshest < base.grade { worsened += 1 }
      }
    }
    // The generated books span every grade, and the stresses do move some of them.
    #expect(RiskGrade.allCases.allSatisfy { grades[$0, default: 0] >= 5 }, "\(grades)")
    #expect(worsened >= 10)
  }

  @Test("a larger revolver commitment never shortens runway nor worsens the grade")
  func revolverCommitmentMonotone() {
    var rng = SplitMix64(seed: 7)
    var helped = 0
    var drawn = 0
    for index in 0..<300 {
      var (book, prices) = randomBook(&rng)
      // A revolver maturing after the horizon (M36 = 2029-06), at most 25 %: rolled-over
      // liquidity, as a lender would add it. The property (CREDIT §C.8) holds only for such
      // revolvers: one maturing inside the horizon repays its draws as a bullet (§C.2) and can
      // worsen the grade, which we follow (see revolverMaturingInsideHorizonConflictsWithC8).
      let drawnCents = rng.chance(0.5) ? 0 : Int64(rng.int(0...100_000_000))
      let commitment = drawnCents + Int64(rng.int(0...1_000_000_000))
      let later = rng.chance(0.2)
      let revolver = Loan(
        id: "R\(index)", providerID: "p1", lender: "Bank",
        principal: Money(cents: later ? 0 : drawnCents),
        balance: Money(cents: later ? 0 : drawnCents), annualRatePct: rng.pct(0...2_500),
        rateType: rng.pick([.fixed, .floating]), amortization: .interestOnly,
        paymentsPerYear: 12, startOn: later ? day("2026-12-01") : day("2025-01-01"),
        maturityOn: day("2030-01-01"), facility: .revolver, commitment: Money(cents: commitment),
        availableUntil: rng.chance(0.3) ? day("2028-06-30") : nil)
      book.loans.append(revolver)
      let small = assess(book, prices: prices)
      var larger = revolver
      larger.commitment = Money(cents: commitment + Int64(rng.int(1...2_000_000_000)))
      book.loans[book.loans.count - 1] = larger
      let big = assess(book, prices: prices)
      #expect(big.grade >= small.grade, "book \(index)")
      if let shortRunway = small.runwayMonths {
        #expect((big.runwayMonths ?? Int.max) >= shortRunway, "book \(index)")
        if big.runwayMonths != small.runwayMonths { helped += 1 }
      } else {
        #expect(big.runwayMonths == nil, "book \(index)")
      }
      if small.flags.contains(.revolverDependent) { drawn += 1 }
    }
    // The generated books do draw, and more commitment does save some of them.
    #expect(drawn >= 20)
    #expect(helped >= 5)
  }

  @Test("a covenant of 0 (or none) never breaches")
  func zeroCovenantNeverBreaches() {
    var rng = SplitMix64(seed: 11)
    var belowOne = 0
    for index in 0..<300 {
      var (book, prices) = randomBook(&rng)
      for loan in book.loans.indices {
        book.loans[loan].minDSCR = rng.chance(0.5) ? 0 : nil
      }
      let result = assess(book, prices: prices)
      #expect(!result.flags.contains(.covenantBreach), "book \(index)")
      #expect(result.credit.covenantDSCR == nil)
      #expect(result.credit.covenantHeadroomPct == nil)
      if let dscr = result.dscr12m, dscr < 1 { belowOne += 1 }
    }
    #expect(belowOne >= 20)  // the books do fall below any covenant a lender would set
  }
}
