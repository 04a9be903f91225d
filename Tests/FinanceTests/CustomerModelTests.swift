import Domain
import Finance
import TestSupport
import Testing

// CREDIT §C.1 (ramps, prepayments) and §C.5 (customer default and re-letting) by hand.
// As-of 2026-06-30: M0 = 2026-06, M1 = 2026-07. A full uptime window at 99.9 % gives s = 1.

private func rampingFleet(gpus: Int, ramp: Int, capex: Double, inService: String) -> Fleet {
  var fleet = makeFleet(gpus: gpus, inService: inService, capex: capex)
  fleet.rampMonths = ramp
  return fleet
}

private func contract(
  _ id: String, _ customer: String, gpus: Int, price: Double, start: String = "2025-01-01",
  end: String = "2030-12-31", ramp: Int? = nil, prepaid: Double? = nil
) -> Contract {
  var result = makeContract(id, customer: customer, gpus: gpus, price: price, start: start, end: end)
  result.rampMonths = ramp
  result.prepaid = prepaid.map(usd)
  return result
}

private func defaulting(
  _ names: Set<String> = [], top: Int? = nil, delay: Int = 6, haircut: Double = 20,
  utilization: Double = 50
) -> Assumptions {
  var assumptions = Assumptions(priceDecayPct: 0)
  assumptions.customerDefault = CustomerDefault(
    names: names, topN: top, reletDelayMonths: delay, reletHaircutPct: haircut,
    reletUtilizationPct: utilization)
  return assumptions
}

@Suite("Credit model v3: customers (CREDIT §C.1, §C.5)")
struct CustomerModelTests {
  @Test("a fleet and a contract ramping over three months: GPUs, power and capex in parts")
  func ramp() {
    // Fleet 120 GPUs in service 2026-07 (M1), ramp_months 2: 40, 80, 120 GPUs in M1, M2, M3.
    // Power 1 kW × 730 h × $0.10 = $73 a GPU: 2,920, 5,840, 8,760. Capex 300,000.01 in three
    // cent parts: 100,000, 100,000, 100,000.01. Contract 90 GPUs at $2 from 2026-07-01, ramp 2:
    // 30, 60, 90 GPUs: 43,800, 87,600, 131,400 (C ≥ K, s = 1). On demand at $2, no decay,
    // 100 % utilized: (40 − 30), (80 − 60), (120 − 90) GPUs × 2 × 730 = 14,600, 29,200, 43,800.
    let book = makeBook(
      fleets: [rampingFleet(gpus: 120, ramp: 2, capex: 300_000.01, inService: "2026-07-05")],
      contracts: [contract("c1", "acme", gpus: 90, price: 2, start: "2026-07-01", ramp: 2)])
    let result = assess(book, prices: [price(usdPerHour: 2)], Assumptions(priceDecayPct: 0))
    let expected: [(String, Double, Double, Double, Double)] = [
      ("2026-07", 2_920, 100_000, 43_800, 14_600),
      ("2026-08", 5_840, 100_000, 87_600, 29_200),
      ("2026-09", 8_760, 100_000.01, 131_400, 43_800),
      ("2026-10", 8_760, 0, 131_400, 43_800),
    ]
    for (text, power, capex, contractRevenue, onDemand) in expected {
      let m = projected(result, text)
      #expect(close(m.power, power), "power \(text)")
      #expect(close(m.capex, capex), "capex \(text)")
      #expect(close(m.contractRevenue, contractRevenue), "contract \(text)")
      #expect(close(m.onDemandRevenue, onDemand), "on demand \(text)")
    }
    #expect(!result.flags.contains(.overcommitted))
    // A fleet in service before M0 counts its ramp from its own month: in service 2026-05
    // with ramp 3 has 3/4 of its 100 GPUs in M1 (k = 2) and all of them from M2.
    let old = assess(
      makeBook(fleets: [rampingFleet(gpus: 100, ramp: 3, capex: 0, inService: "2026-05-01")]))
    #expect(close(projected(old, "2026-07").power, 75 * 73))
    #expect(close(projected(old, "2026-08").power, 100 * 73))
    // Its capex (our reading): 400,000.03 in four parts of 100,000.00, 100,000.00, 100,000.00
    // and 100,000.03 in 2026-05…2026-08; the parts of 2026-05 and 2026-06 (M0) are inside
    // cash_usd, so M1 and M2 pay the last two and M3 nothing.
    let paying = assess(
      makeBook(fleets: [rampingFleet(gpus: 100, ramp: 3, capex: 400_000.03, inService: "2026-05-01")]))
    #expect(close(projected(paying, "2026-07").capex, 100_000))
    #expect(close(projected(paying, "2026-08").capex, 100_000.03))
    #expect(projected(paying, "2026-09").capex == 0)
    #expect(close(paying.months.map(\.capex).reduce(0, +), 200_000.03))
  }

  @Test("utilization_pct weighs fleets by their ramped GPUs in M1, as the projection's u does")
  func rampedUtilization() {
    // a: 100 GPUs at 90 %, no ramp; b: 100 GPUs at 50 % in service 2026-06 (M0), ramp 3: k = 1
    // in M1, so 100 × 2/4 = 50 GPUs. utilization_pct = (100 × 90 + 50 × 50) / 150 = 76.667
    // (full counts would give 70). On demand at $2, no decay, no contracts: u × C = 90 + 25 =
    // 115 GPUs × 2 × 730 = 167,900, the same u on the same C = 150.
    var a = makeFleet("a", utilization: 90)
    a.rampMonths = 0
    var b = rampingFleet(gpus: 100, ramp: 3, capex: 0, inService: "2026-06-01")
    b.id = "b"
    b.utilizationPct = 50
    let result = assess(
      makeBook(fleets: [a, b]), prices: [price(usdPerHour: 2)], Assumptions(priceDecayPct: 0))
    #expect(result.utilizationPct == roundedTo9(11_500.0 / 150))
    #expect(close(projected(result, "2026-07").onDemandRevenue, 167_900))
    #expect(close(150 * (result.utilizationPct ?? 0) / 100 * 2 * 730, 167_900, 1e-3))
    // Without the ramp both fleets count in full.
    b.rampMonths = nil
    #expect(assess(makeBook(fleets: [a, b])).utilizationPct == 70)
    // The override still replaces the figure.
    #expect(
      assess(makeBook(fleets: [a, b]), Assumptions(utilizationPct: 40)).utilizationPct == 40)
  }

  @Test("book LTV ramps the collateral value at M0 like market LTV; a later fleet counts in full")
  func rampedBookLTV() {
    // As of 2026-11-23: M0 = 2026-11. b: 100 GPUs in service 2026-11 (k = 0), ramp 3: 1/4
    // delivered at M0; capex 4,000,000 × 1/4 × life left 1 = 1,000,000 of book value; a loan of
    // 2,000,000 on b: ltv_book 2.0. Market: 25 GPUs × $2 × 730 × 12 × 6 years × 35 % = 919,800.
    // c: in service 2027-01 (after M0), ramp 3, capex 1,000,000: full book value; 500,000 on c
    // gives 0.5.
    var b = rampingFleet(gpus: 100, ramp: 3, capex: 4_000_000, inService: "2026-11-05")
    b.id = "b"
    var c = rampingFleet(gpus: 100, ramp: 3, capex: 1_000_000, inService: "2027-01-05")
    c.id = "c"
    let loans = [
      makeLoan(
        "L1", principal: 2_000_000, ratePct: 0, amortization: .interestOnly, start: "2026-01-01",
        maturity: "2030-01-01", collateral: "b"),
      makeLoan(
        "L2", principal: 500_000, ratePct: 0, amortization: .interestOnly, start: "2026-01-01",
        maturity: "2030-01-01", collateral: "c"),
    ]
    let book = makeBook(makeProvider(asOf: "2026-11-23"), fleets: [b, c], loans: loans)
    let result = assess(
      book, prices: [price("H100", "2026-11-10", usdPerHour: 2)], asOf: day("2026-11-23"))
    #expect(result.loans.map(\.ltvBook) == [2, 0.5])
    #expect(result.loans[0].ltvMarket == roundedTo9(2_000_000.0 / 919_800))
    // Once the ramp is done (as of 2027-02, k = 3) the whole capex counts, less 3 of 72 months.
    let done = assess(
      book, prices: [price("H100", "2026-11-10", usdPerHour: 2)], asOf: day("2027-02-15"))
    #expect(done.loans[0].ltvBook == roundedTo9(2_000_000 / (4_000_000 * (1 - 3.0 / 72))))
  }

  @Test("a prepayment is used up across months, for an existing and a later contract")
  func prepayments() {
    // No market price: no on-demand revenue. Existing contract (started 2025) 50 GPUs at $2 =
    // 73,000 a month with 100,000 prepaid (already in cash): applied 73,000 in M1, 27,000 in M2.
    // Later contract from 2026-09-01 (M3), 10 GPUs at $2 = 14,600 a month, 20,000 prepaid:
    // received in M3 (cash), applied 14,600 in M3 and 5,400 in M4. Power: 100 GPUs × 73 = 7,300.
    let book = makeBook(
      makeProvider(cash: 1_000_000),
      fleets: [makeFleet()],
      contracts: [
        contract("c1", "acme", gpus: 50, price: 2, prepaid: 100_000),
        contract("c2", "beta", gpus: 10, price: 2, start: "2026-09-01", prepaid: 20_000),
      ])
    let result = assess(book)
    let applied: [(String, Double)] = [
      ("2026-07", 73_000), ("2026-08", 27_000), ("2026-09", 14_600), ("2026-10", 5_400),
      ("2026-11", 0),
    ]
    for (text, amount) in applied {
      #expect(close(projected(result, text).prepaymentApplied, amount), "applied \(text)")
    }
    // Revenue stays invoiced; CFADS subtracts the applied amount.
    #expect(close(projected(result, "2026-07").revenue, 73_000))
    #expect(close(projected(result, "2026-07").cfads, 73_000 - 73_000 - 7_300))
    #expect(close(projected(result, "2026-08").cfads, 73_000 - 27_000 - 7_300))
    // M3: revenue 87,600 − 14,600 applied − 7,300 power = 65,700 CFADS, plus 20,000 received.
    #expect(close(projected(result, "2026-09").cfads, 65_700))
    let cash2 = projected(result, "2026-08").cash
    #expect(close(projected(result, "2026-09").cash, cash2 + 65_700 + 20_000))
    // Defaulted from M1, neither prepayment is applied, and the later one is never received.
    let defaulted = assess(book, defaulting(["acme", "beta"], haircut: 100))
    #expect(defaulted.months.allSatisfy { $0.prepaymentApplied == 0 })
    #expect(defaulted.defaultedCustomers == ["acme", "beta"])
    #expect(close(projected(defaulted, "2026-09").cash, projected(defaulted, "2026-08").cash - 7_300))
  }

  @Test("a default with delay 6, haircut 20, re-let utilization 50")
  func defaultAndRelet() {
    // 100 GPUs at 60 % utilization; acme 50 GPUs at $1.50, beta 10 GPUs at $3; market $2, no
    // decay. Base: K = 60 = u × C, no on-demand; contract 54,750 + 21,900 = 76,650 a month.
    // acme defaults from M1: K_base stays 60 (on-demand still 0), contract revenue is beta's
    // 21,900; from M1 + 6 = 2027-01 the 50 freed GPUs earn 50 × 0.5 × 2 × 0.8 × 730 = 29,200.
    let book = makeBook(
      fleets: [makeFleet(utilization: 60)],
      contracts: [
        contract("c1", "acme", gpus: 50, price: 1.5), contract("c2", "beta", gpus: 10, price: 3),
      ])
    let prices = [price(usdPerHour: 2)]
    let base = assess(book, prices: prices, Assumptions(priceDecayPct: 0))
    #expect(close(projected(base, "2026-07").revenue, 76_650))
    let stressed = assess(book, prices: prices, defaulting(["acme"]))
    #expect(stressed.defaultedCustomers == ["acme"])
    for offset in 0..<6 {
      let m = stressed.months[offset]
      #expect(close(m.contractRevenue, 21_900))
      #expect(m.onDemandRevenue == 0)
    }
    #expect(close(projected(stressed, "2027-01").onDemandRevenue, 29_200))
    #expect(close(projected(stressed, "2027-01").contractRevenue, 21_900))
    // Concentration counts live contracts only: beta is 100 %.
    #expect(stressed.topCustomerSharePct == 100)
    // --default-from 2026-10 (M4): acme pays M1…M3, re-let from 2027-04.
    var later = defaulting(["acme"])
    later.customerDefault.from = month("2026-10")
    let fromM4 = assess(book, prices: prices, later)
    #expect(close(projected(fromM4, "2026-09").contractRevenue, 76_650))
    #expect(close(projected(fromM4, "2026-10").contractRevenue, 21_900))
    #expect(projected(fromM4, "2027-03").onDemandRevenue == 0)
    #expect(close(projected(fromM4, "2027-04").onDemandRevenue, 29_200))
    // Re-letting stops at the contract's end month (acme ending 2027-02: one re-let month).
    let ending = makeBook(
      fleets: [makeFleet(utilization: 60)],
      contracts: [
        contract("c1", "acme", gpus: 50, price: 1.5, end: "2027-02-28"),
        contract("c2", "beta", gpus: 10, price: 3),
      ])
    let ended = assess(ending, prices: prices, defaulting(["acme"]))
    #expect(close(projected(ended, "2027-02").onDemandRevenue, 29_200))
    // From 2027-03 acme's GPUs are no longer contracted: u × C − K = 60 − 10 = 50 on demand.
    #expect(close(projected(ended, "2027-03").onDemandRevenue, 50 * 2 * 730))
  }

  @Test("re-letting a contract priced far below market gains")
  func reletGain() {
    // acme: 50 GPUs at $0.10 = 3,650 a month. Re-let at once (delay 0), 100 % utilized, no
    // haircut, at $2: 50 × 2 × 730 = 73,000 a month.
    let book = makeBook(
      fleets: [makeFleet(utilization: 50)], contracts: [contract("c1", "acme", gpus: 50, price: 0.1)])
    let prices = [price(usdPerHour: 2)]
    let base = assess(book, prices: prices, Assumptions(priceDecayPct: 0))
    let relet = assess(
      book, prices: prices, defaulting(["acme"], delay: 0, haircut: 0, utilization: 100))
    #expect(close(projected(base, "2026-07").revenue, 3_650))
    #expect(close(projected(relet, "2026-07").revenue, 73_000))
    #expect(relet.revenue12m > base.revenue12m)
  }

  @Test("--top-customer-default takes the largest by booked revenue, ties by name")
  func topCustomers() {
    // c: 20 GPUs; a and b: 10 each (a tie, a first by name); d: 5.
    let book = makeBook(
      fleets: [makeFleet()],
      contracts: [
        contract("k1", "b", gpus: 10, price: 2), contract("k2", "c", gpus: 20, price: 2),
        contract("k3", "a", gpus: 10, price: 2), contract("k4", "d", gpus: 5, price: 2),
      ])
    #expect(assess(book, defaulting(top: 1)).defaultedCustomers == ["c"])
    #expect(assess(book, defaulting(top: 2)).defaultedCustomers == ["a", "c"])
    #expect(assess(book, defaulting(top: 3)).defaultedCustomers == ["a", "b", "c"])
    #expect(assess(book, defaulting(top: 9)).defaultedCustomers == ["a", "b", "c", "d"])
    // A named customer the provider does not have is not listed; names and top N combine.
    #expect(assess(book, defaulting(["d", "zeta"], top: 1)).defaultedCustomers == ["c", "d"])
    #expect(assess(book, defaulting(["d"])).isStressedLike)
  }
}

extension RiskResult {
  fileprivate var isStressedLike: Bool { !defaultedCustomers.isEmpty }
}

@Suite("Customer default never helps without re-letting (CREDIT §C.8)")
struct CustomerDefaultPropertyTests {
  /// A random provider that is not overcommitted: 1–3 fleets (some ramping, some later), 1–5
  /// contracts of 1–4 customers within the fleets' GPUs, a loan, prepayments and ratings.
  func randomBook(_ rng: inout SplitMix64) -> ProviderBook {
    var fleets: [Fleet] = []
    for index in 0..<Int.random(in: 1...3, using: &rng) {
      var fleet = makeFleet(
        "fl\(index)", gpus: Int.random(in: 50...400, using: &rng),
        inService: ["2024-03-01", "2025-11-15", "2026-05-01"].randomElement(using: &rng) ?? "2025-01-10",
        capex: Double(Int.random(in: 0...2_000_000, using: &rng)),
        utilization: Double(Int.random(in: 0...100, using: &rng)))
      fleet.rampMonths = Bool.random(using: &rng) ? Int.random(in: 0...6, using: &rng) : nil
      fleets.append(fleet)
    }
    // Contracts never exceed the fleets' smallest ramped capacity: total ≤ GPUs of the first
    // fleet ramped in its first month (fleets only add GPUs afterwards).
    var budget = Int(fleets.map { $0.rampedGPUs(in: $0.inServiceOn.month) }.reduce(0, +) / 2)
    budget = min(budget, Int((fleets.first.map { Double($0.gpuCount) } ?? 0) / 7))
    var contracts: [Contract] = []
    for index in 0..<Int.random(in: 1...5, using: &rng) where budget > 0 {
      let gpus = Int.random(in: 1...budget, using: &rng)
      budget -= gpus
      var item = makeContract(
        "k\(index)", customer: ["a", "b", "c", "d"].randomElement(using: &rng) ?? "a", gpus: gpus,
        price: Double(Int.random(in: 50...400, using: &rng)) / 100,
        start: ["2025-01-01", "2026-08-01", "2026-12-01"].randomElement(using: &rng) ?? "2025-01-01",
        end: ["2027-03-31", "2028-12-31", "2030-12-31"].randomElement(using: &rng) ?? "2030-12-31")
      item.rampMonths = Bool.random(using: &rng) ? Int.random(in: 0...4, using: &rng) : nil
      item.prepaid = Bool.random(using: &rng) ? usd(Double(Int.random(in: 0...500_000, using: &rng))) : nil
      contracts.append(item)
    }
    let loan = makeLoan(
      principal: Double(Int.random(in: 0...8_000_000, using: &rng)), ratePct: 9, start: "2025-01-01",
      maturity: ["2027-01-01", "2029-06-30"].randomElement(using: &rng) ?? "2029-06-30")
    return makeBook(
      makeProvider(
        cash: Double(Int.random(in: 0...3_000_000, using: &rng)),
        opex: Double(Int.random(in: 0...200_000, using: &rng))),
      fleets: fleets, loans: [loan], contracts: contracts)
  }

  @Test func haircut100NeverRaisesRevenueOrDSCRNorImprovesTheGrade() {
    var rng = SplitMix64(seed: 12)
    var checked = 0
    for _ in 0..<300 {
      let book = randomBook(&rng)
      let prices = [price(usdPerHour: Double(Int.random(in: 100...400, using: &rng)) / 100)]
      let base = assess(book, prices: prices)
      guard !base.flags.contains(.overcommitted) else { continue }
      checked += 1
      var assumptions = Assumptions()
      assumptions.customerDefault = CustomerDefault(
        topN: Int.random(in: 1...3, using: &rng),
        from: Bool.random(using: &rng) ? month("2026-10") : nil, reletHaircutPct: 100)
      let stressed = assess(book, prices: prices, assumptions)
      #expect(stressed.revenue12m <= base.revenue12m)
      if let after = stressed.dscr12m, let before = base.dscr12m {
        #expect(after <= before + 1e-9)
      }
      #expect(stressed.grade <= base.grade)
    }
    #expect(checked > 100)
  }
}
