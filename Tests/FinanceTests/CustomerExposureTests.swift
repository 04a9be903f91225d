import Domain
import Finance
import Testing

// `neocloud customers` (CREDIT §C.5): each customer's exposure by hand, and the order.
// As-of 2026-06-30: M1 = 2026-07, M12 = 2027-06. A full uptime window at 99.9 %: s = 1.

private func exposure(
  _ provider: String, _ customer: String, _ rating: CustomerRating, share: Double?, revenue: Double
) -> CustomerExposure {
  CustomerExposure(
    providerID: provider, customer: customer, rating: rating, gpusM1: 0, revenue12m: revenue, sharePct: share,
    endOn: day("2027-12-31"))
}

@Suite("customers: exposures and their order")
struct CustomerExposureTests {
  @Test("figures per customer: ramped GPUs in M1, booked revenue, share, worst rating, latest end")
  func figures() throws {
    // Fleet 200 H100, C = 200. acme: 50 GPUs at $2 all year (73,000 a month: 876,000) plus a
    // contract starting 2026-07-01 with 60 GPUs ramping over 3 months (ramp_months 2: 20, 40,
    // 60 GPUs, then 60): (20 + 40 + 60 × 10) × 2 × 730 = 963,600; acme has 70 GPUs in M1 and
    // 1,839,600 in 12 months. beta: 40 GPUs at $3 ending 2026-12-31 (6 months): 40 × 3 × 730 ×
    // 6 = 525,600, 40 GPUs in M1. Total 2,365,200: acme 77.777…%, beta 22.222…%. A contract
    // ended before as-of (gamma) is not listed.
    var ramping = makeContract("c2", customer: "acme", gpus: 60, price: 2, start: "2026-07-01", end: "2029-12-31")
    ramping.rampMonths = 2
    ramping.customerRating = .highYield
    var first = makeContract("c1", customer: "acme", gpus: 50, price: 2, end: "2028-06-30")
    first.customerRating = .investmentGrade
    var beta = makeContract("c3", customer: "beta", gpus: 40, price: 3, end: "2026-12-31")
    beta.customerRating = .investmentGrade
    let gamma = makeContract("c4", customer: "gamma", gpus: 10, price: 2, end: "2026-05-31")
    let book = makeBook(fleets: [makeFleet(gpus: 200)], contracts: [first, ramping, beta, gamma])
    let exposures = customerExposures(book, prices: MarketPriceIndex([]), asOf: asOfDay)
      .sorted(by: riskiestExposureFirst)
    #expect(exposures.map(\.customer) == ["acme", "beta"])
    let acme = try #require(exposures.first)
    #expect(acme.rating == .highYield)
    #expect(close(acme.gpusM1, 70))
    #expect(close(acme.revenue12m, 1_839_600))
    #expect(close(acme.sharePct, 1_839_600 / 2_365_200 * 100))
    #expect(acme.endOn == day("2029-12-31"))
    let second = try #require(exposures.last)
    #expect(second.rating == .investmentGrade)
    #expect(close(second.gpusM1, 40))
    #expect(close(second.revenue12m, 525_600))
    #expect(second.endOn == day("2026-12-31"))
  }

  @Test("revenue is booked after min(1, C/K): an overcommitted model shrinks every contract alike")
  func overcommitted() {
    // C = 100, K = 150: fill 2/3. acme 100 GPUs at $2 → 100 × 2 × 730 × 12 × 2/3 = 1,168,000.
    let book = makeBook(
      fleets: [makeFleet(gpus: 100)],
      contracts: [
        makeContract("c1", customer: "acme", gpus: 100, price: 2),
        makeContract("c2", customer: "beta", gpus: 50, price: 2),
      ])
    let exposures = customerExposures(book, prices: MarketPriceIndex([]), asOf: asOfDay)
      .sorted(by: riskiestExposureFirst)
    #expect(close(exposures.first?.revenue12m, 1_168_000, 0.01))
    #expect(close(exposures.first?.sharePct, 200.0 / 3, 1e-6))
  }

  @Test("order: worst rating first, then share, then revenue, then provider and customer")
  func order() {
    let items = [
      exposure("p2", "a", .investmentGrade, share: 90, revenue: 10),
      exposure("p1", "b", .unrated, share: 10, revenue: 10),
      exposure("p1", "c", .highYield, share: 50, revenue: 10),
      exposure("p3", "d", .unrated, share: 30, revenue: 5),
      exposure("p2", "e", .unrated, share: 30, revenue: 7),
      exposure("p2", "f", .unrated, share: nil, revenue: 0),
      // Ties on rating, share and revenue: provider_id, then customer (byte order).
      exposure("p2", "h", .unrated, share: 30, revenue: 5),
      exposure("p2", "G", .unrated, share: 30, revenue: 5),
    ]
    let sorted = items.sorted(by: riskiestExposureFirst).map { "\($0.providerID)/\($0.customer)" }
    #expect(sorted == ["p2/e", "p2/G", "p2/h", "p3/d", "p1/b", "p2/f", "p1/c", "p2/a"])
    // Any input order gives the same output.
    #expect(
      items.reversed().sorted(by: riskiestExposureFirst).map(\.customer) == sorted.map { String($0.dropFirst(3)) })
  }
}
