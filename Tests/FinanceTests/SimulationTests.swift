import Domain
import Foundation
import TestSupport
import Testing

@testable import Finance

// The Monte Carlo of CREDIT §C.6, §C.7. As-of 2026-06-30 (M0 = 2026-06) unless a test says.

/// Settings whose draws change nothing: σ = 0, no utilization shift, no customer default.
func neutralSettings(paths: Int = 100) -> SimulationSettings {
  SimulationSettings(
    paths: paths, seed: 7, utilizationVolPts: 0,
    defaultRates: DefaultRates(investmentGradePct: 0, highYieldPct: 0, unratedPct: 0),
    priceVol: PriceVolatility(pct: 0, source: .option))
}

func context(
  _ settings: SimulationSettings, _ assumptions: Assumptions = .base, books: [ProviderBook] = []
) -> SimulationContext {
  SimulationContext(
    settings: settings, asOf: asOfDay, assumptions: assumptions,
    customerRatings: worstCustomerRatings(books))
}

func simulate(
  _ book: ProviderBook, prices: [MarketPrice] = [], _ assumptions: Assumptions = .base,
  settings: SimulationSettings, collectCash: Bool = false
) -> ProviderSimulation {
  var portfolio = PortfolioCounts(paths: settings.paths)
  return simulateProvider(
    book, prices: MarketPriceIndex(prices), asOf: asOfDay, assumptions: assumptions,
    context: context(settings, assumptions, books: [book]), collectCash: collectCash,
    portfolio: &portfolio)
}

@Suite("Monte Carlo probability of default (CREDIT §C.6)")
struct SimulationTests {
  @Test("Wilson intervals at z = 1.96, worked by hand")
  func wilson() {
    // 10 of 100: p = 0.1, z² = 3.8416, d = 1 + z²/n = 1.038416;
    // centre = (0.1 + 0.019208) / d = 0.114797...; half = 1.96 × √(0.0009 + 0.00009604) / d
    // = 1.96 × 0.0315601 / 1.038416 = 0.0595693; interval [0.0552283, 0.1743669].
    let tenth = wilsonEstimate(successes: 10, trials: 100)
    #expect(tenth.value == 0.1)
    #expect(close(tenth.low, 0.0552283, 1e-6))
    #expect(close(tenth.high, 0.1743669, 1e-6))
    // 0 of 100: low 0, high = (z²/n) / (1 + z²/n) = 0.038416 / 1.038416 = 0.0369947.
    let none = wilsonEstimate(successes: 0, trials: 100)
    #expect(none.value == 0 && none.low == 0)
    #expect(close(none.high, 0.0369947, 1e-6))
    // 100 of 100 mirrors it.
    let all = wilsonEstimate(successes: 100, trials: 100)
    #expect(all.high == 1 && close(all.low, 1 - 0.0369947, 1e-6))
  }

  @Test("σ from a hand-made price history: last price a month, consecutive months, ≥ 6 changes, median")
  func volatilityFromHistory() {
    let m0 = month("2026-06")
    // Model A: 1, 2, 1, 2, … over 2025-10…2026-05 (8 months, 7 changes ±ln 2). An earlier
    // observation in 2025-10 is replaced by the month's last; one before the window is ignored.
    var history = [
      price("A", "2023-01-15", usdPerHour: 50), price("A", "2025-10-02", usdPerHour: 9),
    ]
    for offset in 0..<8 {
      history.append(price("A", (month("2025-10") + offset).description + "-20", usdPerHour: offset % 2 == 0 ? 1 : 2))
    }
    // An observation in M0 itself is outside M0−36…M0−1.
    history.append(price("A", "2026-06-05", usdPerHour: 100))
    // changes a, −a, a, −a, a, −a, a with a = ln 2: mean a/7, Σ squared deviations
    // 4·(6a/7)² + 3·(8a/7)² = 48a²/7, sample variance 8a²/7, σ = a·√(8/7)·√12.
    let a = log(2.0)
    let sigmaA = a * (8.0 / 7).squareRoot() * 12.0.squareRoot() * 100
    #expect(close(historicalPriceVolPct(history, m0: m0), sigmaA, 1e-6))

    // Model B: 2024-01…2024-06 and 2024-08…2024-09 (2024-07 missing): 5 changes before the gap
    // and 1 after it, 6 in all, so it counts; every change is ln 1.1, so σ = 0.
    for offset in [0, 1, 2, 3, 4, 5, 7, 8] {
      history.append(price("B", (month("2024-01") + offset).description + "-01", usdPerHour: pow(1.1, Double(offset))))
    }
    // The median of two models is their mean.
    #expect(close(historicalPriceVolPct(history, m0: m0), sigmaA / 2, 1e-6))

    // Model C: 6 months, only 5 changes: skipped, the median stays that of A and B.
    for offset in 0..<6 {
      history.append(price("C", (month("2024-01") + offset).description + "-01", usdPerHour: Double(offset + 1)))
    }
    #expect(close(historicalPriceVolPct(history, m0: m0), sigmaA / 2, 1e-6))

    // No qualifying model: nil, and the settings fall back to 40 %; an option wins.
    let thin = [price("A", "2026-01-01", usdPerHour: 1), price("A", "2026-02-01", usdPerHour: 2)]
    #expect(historicalPriceVolPct(thin, m0: m0) == nil)
    let fallback = SimulationSettings(paths: 100).resolvingPriceVol(history: thin, m0: m0)
    #expect(fallback.priceVol == PriceVolatility(pct: 40, source: .fallback))
    let fromHistory = SimulationSettings(paths: 100).resolvingPriceVol(history: history, m0: m0)
    #expect(fromHistory.priceVol?.source == .history)
    let option = SimulationSettings(paths: 100, priceVolOptionPct: 25).resolvingPriceVol(history: history, m0: m0)
    #expect(option.priceVol == PriceVolatility(pct: 25, source: .option))
  }

  @Test("neutral draws (σ 0, utilization vol 0, default rates 0): every path is the base projection")
  func neutralDrawsReproduceTheProjection() {
    var rng = SplitMix64(seed: 2026)
    for index in 0..<60 {
      var (book, prices) = randomBook(&rng)
      // Revolvers, prepayments, ramps and a named default on some books.
      if index % 3 == 0 {
        book.loans.append(
          Loan(
            id: "R1", providerID: "p1", lender: "Bank", principal: .zero, balance: .zero,
            annualRatePct: 8, rateType: .floating, amortization: .interestOnly, paymentsPerYear: 12,
            startOn: day("2026-01-01"), maturityOn: day("2028-06-30"), facility: .revolver,
            commitment: usd(Double(rng.int(0...50_000_000)))))
      }
      for position in book.contracts.indices where rng.chance(0.5) {
        book.contracts[position].prepaid = usd(Double(rng.int(0...5_000_000)))
        book.contracts[position].rampMonths = rng.int(0...6)
      }
      var assumptions = Assumptions.base
      if index % 4 == 1 { assumptions.utilizationPct = rng.pct(0...10_000) }
      if index % 5 == 2 {
        assumptions.customerDefault = CustomerDefault(names: ["A"], from: month("2027-01"))
      }
      let base = assess(book, prices: prices, assumptions)
      let simulation = simulate(book, prices: prices, assumptions, settings: neutralSettings(), collectCash: true)
      #expect(simulation.cash.count == base.months.count)
      for (percentiles, month) in zip(simulation.cash, base.months) {
        let cash = roundedToCents(month.cash)
        #expect(percentiles.month == month.month)
        #expect(
          percentiles.p5 == cash && percentiles.p50 == cash && percentiles.p95 == cash,
          "book \(index) \(month.month): \(percentiles) vs \(cash)")
      }
      let out12 = base.runwayMonths.map { $0 <= 12 } ?? false
      #expect(simulation.pd12m.value == (out12 ? 1 : 0), "book \(index)")
      #expect(simulation.pdHorizon.value == (base.cashOutMonth == nil ? 0 : 1), "book \(index)")
    }
  }

  @Test("pd_12m ≤ pd_horizon, and a harsher price shock never lowers pd_horizon by 3 standard errors")
  func monotoneInExpectation() {
    var rng = SplitMix64(seed: 99)
    let settings = SimulationSettings(paths: 300, seed: 3)
    for index in 0..<25 {
      let (book, prices) = randomBook(&rng)
      var harsh = Assumptions.base
      harsh.priceShockPct = -30
      let base = simulate(book, prices: prices, settings: settings)
      let stressed = simulate(book, prices: prices, harsh, settings: settings)
      #expect(base.pd12m.value <= base.pdHorizon.value, "book \(index)")
      #expect(stressed.pd12m.value <= stressed.pdHorizon.value, "book \(index)")
      let n = Double(settings.paths)
      let p1 = base.pdHorizon.value
      let p2 = stressed.pdHorizon.value
      let standardError = (p1 * (1 - p1) / n + p2 * (1 - p2) / n).squareRoot()
      #expect(p2 >= p1 - 3 * standardError, "book \(index): \(p1) → \(p2)")
    }
  }

  @Test("same seed, same results and portfolio at 1 and 2 threads, and in any batching")
  func threadCountDoesNotMatter() {
    var rng = SplitMix64(seed: 5)
    var books: [ProviderBook] = []
    var prices: [MarketPrice] = []
    for index in 0..<12 {
      var (book, bookPrices) = randomBook(&rng)
      book.provider.id = "p\(index)"
      books.append(book)
      prices += bookPrices.filter { price in !prices.contains { $0.gpuModel == price.gpuModel } }
    }
    let settings = SimulationSettings(paths: 200, seed: 11, priceVol: PriceVolatility(pct: 30, source: .option))
    let shared = context(settings, books: books)
    func run(_ subset: [ProviderBook], threads: Int, portfolio: inout PortfolioCounts) -> [ProviderSimulation] {
      simulateProviders(
        subset, prices: MarketPriceIndex(prices), asOf: asOfDay, assumptions: .base, context: shared,
        collectCash: true, threads: threads, portfolio: &portfolio)
    }
    var one = PortfolioCounts(paths: settings.paths)
    var two = PortfolioCounts(paths: settings.paths)
    var batched = PortfolioCounts(paths: settings.paths)
    let single = run(books, threads: 1, portfolio: &one)
    let double = run(books, threads: 2, portfolio: &two)
    let halves =
      run(Array(books[6...]), threads: 2, portfolio: &batched)
      + run(Array(books[..<6]), threads: 1, portfolio: &batched)
    #expect(single == double)
    #expect(single == Array(halves[6...]) + Array(halves[..<6]))
    #expect(one.within12 == two.within12 && one.withinHorizon == two.withinHorizon)
    #expect(one.within12 == batched.within12 && one.withinHorizon == batched.withinHorizon)
    #expect(one.summary == two.summary && one.summary == batched.summary)
    #expect(one.summary.providers == 12)
  }

  /// A provider whose only income is one customer's contract, exactly equal to its opex: cash
  /// stays 0 until the customer defaults, then goes below 0 that month.
  func knifeEdgeBook(id: String, customer: String, rating: CustomerRating) -> ProviderBook {
    var contract = makeContract(customer: customer, gpus: 100, price: 1, end: "2031-12-31")
    contract.providerID = id
    contract.customerRating = rating
    var book = makeBook(
      makeProvider(id: id, cash: 0, opex: 73_000), fleets: [makeFleet(gpus: 100, kW: 0)],
      contracts: [contract])
    return book
  }

  @Test("a shared customer defaults in the same month for every provider of a path")
  func sharedCustomerDefaultsTogether() {
    let first = knifeEdgeBook(id: "p1", customer: "Shared Lab", rating: .unrated)
    let second = knifeEdgeBook(id: "p2", customer: "Shared Lab", rating: .highYield)
    var settings = neutralSettings(paths: 2_000)
    settings.defaultRates = DefaultRates(investmentGradePct: 0, highYieldPct: 1, unratedPct: 10)
    var assumptions = Assumptions.base
    assumptions.customerDefault.reletHaircutPct = 100
    // The worst rating (unrated) decides for both.
    let shared = context(settings, assumptions, books: [first, second])
    #expect(close(shared.probability(of: "Shared Lab"), 1 - pow(0.9, 3), 1e-12))
    var portfolio = PortfolioCounts(paths: settings.paths)
    let results = simulateProviders(
      [first, second], prices: MarketPriceIndex([]), asOf: asOfDay, assumptions: assumptions, context: shared,
      collectCash: true, threads: 2, portfolio: &portfolio)
    // Cash out exactly in the default month: 0 or 2 providers on every path, never 1.
    #expect(portfolio.within12.allSatisfy { $0 == 0 || $0 == 2 })
    #expect(portfolio.withinHorizon.allSatisfy { $0 == 0 || $0 == 2 })
    #expect(portfolio.withinHorizon.contains(2))
    #expect(results[0] == results[1])
    // Path by path, the month is the customer's, whoever asks.
    let key = stableHash("Shared Lab")
    for path in 0..<200 {
      let month = shared.customerDefaultMonth(key: key, probability: shared.probability(of: "Shared Lab"), path: path)
      if let month { #expect(month > asOfDay.month.index && month <= asOfDay.month.index + 36) }
    }
  }

  @Test("an investment-grade customer defaults about as often as 1 − (1 − a)^(H/12)")
  func investmentGradeFrequency() {
    // The draws alone, at the default 0.2 %/yr over 36 months: p = 1 − 0.998³ = 0.005988.
    let settings = SimulationSettings(paths: 100, seed: 1)
    let shared = context(settings)
    let p = DefaultRates.standard.probability(for: .investmentGrade, horizonMonths: 36)
    #expect(close(p, 1 - 0.998 * 0.998 * 0.998, 1e-12))
    var defaults = 0
    var monthSum = 0
    let trials = 200_000
    for path in 0..<trials {
      if let month = shared.customerDefaultMonth(key: stableHash("Blue Chip"), probability: p, path: path) {
        defaults += 1
        monthSum += month - asOfDay.month.index
      }
    }
    let expected = p * Double(trials)
    #expect(abs(Double(defaults) - expected) < 4 * (expected * (1 - p)).squareRoot(), "\(defaults) vs \(expected)")
    // Months uniform over M1…M36: mean 18.5, within a generous bound.
    #expect(abs(Double(monthSum) / Double(max(1, defaults)) - 18.5) < 2)

    // Through a provider: with IG at 3 %/yr its PD over 36 months is 1 − 0.97³ = 0.087327.
    let book = knifeEdgeBook(id: "p1", customer: "Blue Chip", rating: .investmentGrade)
    var rated = neutralSettings(paths: 20_000)
    rated.defaultRates = DefaultRates(investmentGradePct: 3, highYieldPct: 50, unratedPct: 90)
    var assumptions = Assumptions.base
    assumptions.customerDefault.reletHaircutPct = 100
    let result = simulate(book, assumptions, settings: rated)
    let q: Double = 1 - 0.97 * 0.97 * 0.97
    let se = (q * (1 - q) / 20_000).squareRoot()
    #expect(abs(result.pdHorizon.value - q) < 4 * se, "\(result.pdHorizon.value) vs \(q)")
    #expect(result.pd12m.value < result.pdHorizon.value)
  }

  @Test("a customer named in --customer-default keeps its month unless the path's is earlier")
  func deterministicDefaultKeepsItsMonth() {
    let book = knifeEdgeBook(id: "p1", customer: "Acme", rating: .unrated)
    var assumptions = Assumptions.base
    assumptions.customerDefault = CustomerDefault(names: ["Acme"], from: month("2027-06"), reletHaircutPct: 100)
    // No path default: every path runs out in 2027-06 (M12).
    let neutral = simulate(book, assumptions, settings: neutralSettings())
    #expect(neutral.pd12m.value == 1)
    // With path defaults, some paths run out before 2027-06 and none after it.
    var settings = neutralSettings(paths: 1_000)
    settings.defaultRates = DefaultRates(investmentGradePct: 0, highYieldPct: 0, unratedPct: 30)
    let drawn = simulate(book, assumptions, settings: settings, collectCash: true)
    #expect(drawn.pd12m.value == 1)
    // By 2027-05 (M11) about 0.657 × 11/36 = 20 % of paths have defaulted: p5 < 0, p95 = 0.
    #expect(drawn.cash[10].p5 < 0 && drawn.cash[10].p95 == 0)
    #expect(drawn.cash[11].p95 < 0)
  }

  @Test("the market factor is exp(Σ returns − k·σ²/24): mean about 1, spread growing with σ")
  func marketFactor() {
    let settings = SimulationSettings(paths: 20_000, seed: 4, priceVol: PriceVolatility(pct: 40, source: .option))
    let shared = context(settings)
    var mean = 0.0
    for path in 0..<settings.paths { mean += shared.marketFactors[path * shared.count + 35] }
    mean /= Double(settings.paths)
    // Var of the M36 factor = e^{σ²·3} − 1 = 0.6161; SE of the mean ≈ 0.0055.
    #expect(abs(mean - 1) < 0.03, "\(mean)")
    let flat = context(neutralSettings())
    #expect(flat.marketFactors.allSatisfy { $0 == 1 })
  }
}
