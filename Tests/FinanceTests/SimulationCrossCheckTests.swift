import Domain
import Foundation
import TestSupport
import Testing

@testable import Finance

// One simulated path against the deterministic projection it should equal (CREDIT §C.6, §C.7):
// with a single path, p5 = p50 = p95 is that path's cash, and each draw of the path is read back
// from the context and replayed as a deterministic stress.

@Suite("Monte Carlo paths replayed as deterministic stresses (CREDIT §C.6, §C.7)")
struct SimulationCrossCheckTests {
  @Test("a path's customer default is the deterministic default from the earlier of the two months")
  func pathDefaultIsTheDeterministicDefault() {
    var rng = SplitMix64(seed: 99)
    var compared = 0
    for index in 0..<150 {
      var (book, prices) = randomBook(&rng)
      book.provider.variableOpexPct = rng.pct(0...5_000)
      for position in book.contracts.indices {
        book.contracts[position].customerRating =
          book.contracts[position].customer == "A" ? .unrated : .investmentGrade
        if rng.chance(0.4) { book.contracts[position].prepaid = usd(Double(rng.int(0...5_000_000))) }
        if rng.chance(0.4) { book.contracts[position].rampMonths = rng.int(0...6) }
      }
      if index % 3 == 0 {
        book.loans.append(
          Loan(
            id: "R1", providerID: "p1", lender: "Bank", principal: .zero, balance: .zero,
            annualRatePct: 8, rateType: .floating, amortization: .interestOnly, paymentsPerYear: 12,
            startOn: day("2026-01-01"), maturityOn: day("2028-06-30"), facility: .revolver,
            commitment: usd(Double(rng.int(0...50_000_000)))))
      }
      // Only "A" can default on a path, and it always does (100 % a year).
      var settings = neutralSettings(paths: 1)
      settings.seed = UInt64(index)
      settings.defaultRates = DefaultRates(investmentGradePct: 0, highYieldPct: 0, unratedPct: 100)
      var assumptions = Assumptions.base
      assumptions.customerDefault.reletDelayMonths = rng.int(0...8)
      assumptions.customerDefault.reletHaircutPct = rng.pct(0...10_000)
      if index % 2 == 1 { assumptions.utilizationPct = rng.pct(0...10_000) }
      if index % 5 == 4 { assumptions.priceShockPct = -30 }
      // Some runs also name "A" from a fixed month: the earlier month wins.
      var named: Month?
      if index % 4 == 3 {
        named = asOfDay.month + rng.int(1...36)
        assumptions.customerDefault.names = ["A"]
        assumptions.customerDefault.from = named
      }
      let shared = context(settings, assumptions, books: [book])
      guard let drawn = shared.customerDefaultMonth(key: stableHash("A"), probability: 1, path: 0) else {
        Issue.record("book \(index): a 100 % default rate drew no default")
        continue
      }
      var replayed = assumptions
      replayed.customerDefault.names = ["A"]
      replayed.customerDefault.from = Month(index: min(drawn, named?.index ?? Int.max))
      let base = assess(book, prices: prices, replayed)
      let simulated = simulate(book, prices: prices, assumptions, settings: settings, collectCash: true)
      #expect(simulated.cash.count == base.months.count)
      for (percentiles, month) in zip(simulated.cash, base.months) {
        compared += 1
        #expect(
          percentiles.p50 == roundedToCents(month.cash),
          "book \(index) \(month.month): \(percentiles.p50) vs \(roundedToCents(month.cash))")
      }
    }
    #expect(compared > 1_000)
  }

  @Test("a path's utilization shift is every fleet's utilization (or --utilization) shifted and clamped")
  func utilizationShiftIsShiftedFleets() {
    var rng = SplitMix64(seed: 5)
    var compared = 0
    for index in 0..<150 {
      var (book, prices) = randomBook(&rng)
      var settings = neutralSettings(paths: 1)
      settings.seed = UInt64(index)
      settings.utilizationVolPts = 40
      var assumptions = Assumptions.base
      // With --utilization, variable opex can be on: it reads the base revenue either way.
      if index % 3 != 0 {
        assumptions.utilizationPct = rng.pct(0...10_000)
        book.provider.variableOpexPct = rng.pct(0...5_000)
      }
      if index % 3 == 2 { assumptions.priceShockPct = -30 }
      let shift = context(settings, assumptions, books: [book]).utilizationShift(key: stableHash("p1"), path: 0)
      let simulated = simulate(book, prices: prices, assumptions, settings: settings, collectCash: true)
      var replayed = assumptions
      if let pct = replayed.utilizationPct {
        replayed.utilizationPct = min(100, max(0, pct + shift))
      } else {
        for position in book.fleets.indices {
          book.fleets[position].utilizationPct = min(100, max(0, book.fleets[position].utilizationPct + shift))
        }
      }
      let base = assess(book, prices: prices, replayed)
      for (percentiles, month) in zip(simulated.cash, base.months) {
        compared += 1
        // The shifted sum u × C + δ × C − clamping is not the clamped sum to the last bit.
        #expect(
          abs(percentiles.p50 - roundedToCents(month.cash)) <= 0.02,
          "book \(index) \(month.month): \(percentiles.p50) vs \(roundedToCents(month.cash)), δ \(shift)")
      }
    }
    #expect(compared > 1_000)
  }

  @Test("the market factor moves on-demand and re-let prices alike, month by month")
  func marketFactorMovesOnDemandAndReletPrices() {
    // No power or costs: cash is on-demand revenue only. 100 GPUs at 80 %, a 30-GPU contract of
    // "X" defaulted from M1 and re-let from M3 at 50 % utilization and a 20 % haircut (0.4 × p).
    let book = makeBook(
      makeProvider(cash: 0), fleets: [makeFleet(gpus: 100, kW: 0, utilization: 80)],
      contracts: [makeContract(customer: "X", gpus: 30, price: 1)])
    var assumptions = Assumptions.base
    assumptions.customerDefault = CustomerDefault(names: ["X"], reletDelayMonths: 2)
    var settings = neutralSettings(paths: 1)
    settings.priceVol = PriceVolatility(pct: 60, source: .option)
    let shared = context(settings, assumptions, books: [book])
    let simulated = simulate(
      book, prices: [price(usdPerHour: 2)], assumptions, settings: settings, collectCash: true)
    #expect(simulated.cash.count == 36)
    var cash = 0.0
    for k in 1...min(36, simulated.cash.count) {
      // p(M) = p0 × 0.8^(k/12) × factor(M); on-demand GPUs max(0, 80 − K_base 30) = 50.
      let p = 2 * pow(0.8, Double(k) / 12) * shared.marketFactors[k - 1]
      cash += 50 * p * 730 + (k >= 3 ? 30 * 0.4 * p * 730 : 0)
      #expect(abs(simulated.cash[k - 1].p50 - roundedToCents(cash)) <= 0.02, "M\(k)")
    }
    #expect(Set(shared.marketFactors.prefix(36)).count > 1)
  }
}
