import Domain
import Finance
import Testing

// As-of 2026-06-30: M0 = 2026-06, M1 = 2026-07. The default facility has PUE 1.0 and $0.10/kWh,
// so a default fleet (100 GPUs × 1 kW) costs 100 × 1 × 1.0 × 730 × 0.10 = 7,300.00 of power a
// month. A contract of 100 GPUs at $2.00 earns 100 × 2 × 730 = 146,000.00 a month.

@Suite("Monthly projection (§4 revenue, costs, cash)")
struct ProjectionTests {
  @Test("SLA factor: 3 of 12 months below the SLA cost 10 % × 3/12 of contract revenue")
  func slaCreditOn() {
    // Window M0−11…M0 = 2025-07…2026-06: 98.5, 97.0, 98.9 below 99.0; 2025-06 (outside) ignored.
    var uptime = fullUptimeWindow()
    uptime[0].uptimePct = 98.5
    uptime[4].uptimePct = 97.0
    uptime[11].uptimePct = 98.9
    uptime.append(makeUptime("2025-06", 50))
    let book = makeBook(
      fleets: [makeFleet()], contracts: [makeContract(gpus: 100, price: 2)], uptime: uptime)
    let result = assess(book)
    let m1 = projected(result, "2026-07")
    // s = 1 − 10/100 × 3/12 = 0.975: 146,000 × 0.975 = 142,350.00; credit 3,650.00.
    #expect(close(m1.contractRevenue, 142_350))
    #expect(close(m1.slaCredit, 3_650))
    #expect(close(m1.revenue, 142_350))
    #expect(m1.onDemandRevenue == 0)
    // CFADS = 142,350 − 7,300 power = 135,050.
    #expect(close(m1.cfads, 135_050))
    #expect(close(result.revenue12m, 12 * 142_350))
    #expect(!result.flags.contains(.noUptimeData))

    // A contract with its own SLA, 97.5 % and a 20 % credit: only 97.0 is below, b = 1;
    // s = 1 − 0.20 × 1/12; revenue = 146,000 − 146,000 × 0.2 / 12 = 143,566.666…
    let own = makeBook(
      fleets: [makeFleet()],
      contracts: [makeContract(gpus: 100, price: 2, slaUptime: 97.5, slaCredit: 20)],
      uptime: uptime)
    #expect(close(projected(assess(own), "2026-07").contractRevenue, 146_000 - 146_000 * 0.2 / 12))
  }

  @Test("SLA factor is 1 when every month meets the SLA, or when there are no uptime rows")
  func slaCreditOff() {
    let met = assess(
      makeBook(fleets: [makeFleet()], contracts: [makeContract(gpus: 100, price: 2)]))
    #expect(projected(met, "2026-07").contractRevenue == 146_000)
    #expect(projected(met, "2026-07").slaCredit == 0)

    // No rows in the window (one row a year back is outside it): m = 0, s = 1, flag.
    let none = assess(
      makeBook(
        fleets: [makeFleet()], contracts: [makeContract(gpus: 100, price: 2)],
        uptime: [makeUptime("2025-06", 10)]))
    #expect(projected(none, "2026-07").contractRevenue == 146_000)
    #expect(none.flags.contains(.noUptimeData))
  }

  @Test("market price decays 20 %/yr from its observed month")
  func priceDecay() {
    // 10 GPUs, 100 % utilized, no contracts: D = 10. p0 = 2.00 observed 2026-06 (O = M0).
    // On-demand = 10 × 2.00 × 730 × 0.8^((M − O)/12) = 14,600 × 0.8^(k/12).
    let book = makeBook(fleets: [makeFleet(gpus: 10)])
    // The price observed after the as-of date is not seen.
    let prices = [price(usdPerHour: 2), price("H100", "2026-07-15", usdPerHour: 9)]
    let result = assess(book, prices: prices)
    // k = 6: 14,600 × √0.8 = 14,600 × 0.894427191 = 13,058.636988…
    #expect(close(projected(result, "2026-12").onDemandRevenue, 13_058.636_988_6, 1e-6))
    // k = 12: 14,600 × 0.8 = 11,680; k = 24: 14,600 × 0.64 = 9,344.
    #expect(close(projected(result, "2027-06").onDemandRevenue, 11_680))
    #expect(close(projected(result, "2028-06").onDemandRevenue, 9_344))
    #expect(!result.flags.contains(.staleMarketPrice))

    // A −25 % shock scales every month: 11,680 × 0.75 = 8,760. No decay: 14,600 flat.
    let shocked = assess(book, prices: prices, Assumptions(priceShockPct: -25))
    #expect(close(projected(shocked, "2027-06").onDemandRevenue, 8_760))
    let flat = assess(book, prices: prices, Assumptions(priceDecayPct: 0))
    #expect(close(projected(flat, "2028-06").onDemandRevenue, 14_600))
    #expect(flat.months.count == 36)
  }

  @Test("a p0 observed 176 days before as-of decays from its own month and is stale")
  func stalePrice() {
    // Observed 2026-01-05 (O = 2026-01): in 2026-07, k = 6: 14,600 × √0.8 = 13,058.636988…
    // 2026-06-30 − 2026-01-05 = 176 days > 90.
    let result = assess(
      makeBook(fleets: [makeFleet(gpus: 10)]), prices: [price("H100", "2026-01-05", usdPerHour: 2)])
    #expect(close(projected(result, "2026-07").onDemandRevenue, 13_058.636_988_6, 1e-6))
    #expect(result.flags.contains(.staleMarketPrice))
    // 90 days exactly (2026-04-01) is not stale.
    let fresh = assess(
      makeBook(fleets: [makeFleet(gpus: 10)]), prices: [price("H100", "2026-04-01", usdPerHour: 2)])
    #expect(!fresh.flags.contains(.staleMarketPrice))
    // No price at all: no on-demand revenue, no_market_price.
    let missing = assess(makeBook(fleets: [makeFleet(gpus: 10)]))
    #expect(projected(missing, "2026-07").onDemandRevenue == 0)
    #expect(missing.flags.contains(.noMarketPrice))
  }

  @Test("a fleet retires at the end of its useful life; capex lands in its in-service month")
  func fleetLife() {
    // PUE 1.2, $0.10/kWh, colocation $50/kW-month: 100 GPUs × 1 kW cost
    // 100 × 1 × 1.2 × 730 × 0.10 = 8,760.00 of power and 100 × 1 × 50 = 5,000.00 of colocation.
    // In service 2021-09 for 5 years: active 2021-09…2026-08, gone from 2026-09.
    let facility = makeFacility(pue: 1.2, colocation: 50)
    let old = makeFleet("old", inService: "2021-09-01", life: 5)
    // In service 2026-10-05 with capex 1,000,000.00: 50 GPUs × 0.5 kW cost
    // 50 × 0.5 × 1.2 × 730 × 0.10 = 2,190.00 and 50 × 0.5 × 50 = 1,250.00 from 2026-10.
    let new = makeFleet("new", gpus: 50, inService: "2026-10-05", capex: 1_000_000, kW: 0.5)
    // In service in M0 (2026-06): its capex is before M1, so it is not projected.
    let current = makeFleet("current", gpus: 1, inService: "2026-06-01", capex: 500, kW: 0)
    let result = assess(makeBook(facilities: [facility], fleets: [old, new, current]))
    let august = projected(result, "2026-08")
    #expect(close(august.power, 8_760))
    #expect(close(august.colocation, 5_000))
    let september = projected(result, "2026-09")
    #expect(september.power == 0)
    #expect(september.colocation == 0)
    let october = projected(result, "2026-10")
    #expect(close(october.power, 2_190))
    #expect(close(october.colocation, 1_250))
    #expect(october.capex == 1_000_000)
    #expect(result.months.map(\.capex).reduce(0, +) == 1_000_000)
    // Default life 6 years: in service 2020-08 → active through 2026-07 only.
    let defaultLife = assess(makeBook(fleets: [makeFleet(inService: "2020-08-15")]))
    #expect(close(projected(defaultLife, "2026-07").power, 7_300))
    #expect(projected(defaultLife, "2026-08").power == 0)
  }

  @Test("contracts beyond capacity earn min(1, C/K); idle GPUs earn the market price")
  func contractAndOnDemand() {
    // C = 80, K = 100: contract revenue 0.8 × 146,000 = 116,800; K > C is overcommitted and
    // u × C = 80 < K = 100 in M1.
    let short = assess(
      makeBook(fleets: [makeFleet(gpus: 80)], contracts: [makeContract(gpus: 100, price: 2)]),
      prices: [price(usdPerHour: 2)])
    #expect(close(projected(short, "2026-07").contractRevenue, 116_800))
    #expect(projected(short, "2026-07").onDemandRevenue == 0)
    #expect(short.flags.contains(.overcommitted))
    #expect(short.flags.contains(.utilizationBelowContracted))

    // C = 100 at 70 %, K = 50 at $2.50: D = 70 − 50 = 20 idle-but-used GPUs at $2.00 (no decay):
    // on-demand 20 × 2 × 730 = 29,200; contract 50 × 2.5 × 730 = 91,250.
    let book = makeBook(
      fleets: [makeFleet(utilization: 70)], contracts: [makeContract(gpus: 50, price: 2.5)])
    let mixed = assess(book, prices: [price(usdPerHour: 2)], Assumptions(priceDecayPct: 0))
    let m1 = projected(mixed, "2026-07")
    #expect(close(m1.onDemandRevenue, 29_200))
    #expect(close(m1.contractRevenue, 91_250))
    #expect(close(m1.revenue, 120_450))
    // CREDIT §C.4: $10M of cash and no debt is net cash.
    #expect(mixed.flags == [.customerConcentration, .netCash])
    #expect(mixed.utilizationPct == 70)
    // --utilization 40: u × C = 40 < K = 50, D = 0, contract revenue unchanged.
    let low = assess(
      book, prices: [price(usdPerHour: 2)], Assumptions(utilizationPct: 40, priceDecayPct: 0))
    #expect(projected(low, "2026-07").onDemandRevenue == 0)
    #expect(close(projected(low, "2026-07").contractRevenue, 91_250))
    #expect(low.flags == [.customerConcentration, .netCash, .utilizationBelowContracted])
    #expect(low.utilizationPct == 40)

    // A contract for a model without fleets earns nothing.
    let orphan = assess(
      makeBook(
        fleets: [makeFleet()],
        contracts: [makeContract(model: "B200", gpus: 10, price: 5)]),
      prices: [price(usdPerHour: 2)])
    #expect(projected(orphan, "2026-07").contractRevenue == 0)
    #expect(orphan.flags.contains(.overcommitted))
  }

  @Test("contracts are active from their start month through their end month")
  func contractMonths() {
    // Ends 2026-08-01: active in 2026-07 and 2026-08; starts 2026-09-30: active from 2026-09.
    let book = makeBook(
      fleets: [makeFleet()],
      contracts: [
        makeContract("a", gpus: 100, price: 1, end: "2026-08-01"),
        makeContract("b", gpus: 100, price: 3, start: "2026-09-30"),
      ])
    let result = assess(book)
    #expect(projected(result, "2026-08").contractRevenue == 73_000)
    #expect(projected(result, "2026-09").contractRevenue == 219_000)
    #expect(!result.flags.contains(.overcommitted))
  }

  @Test("utilization_pct is the GPU-weighted utilization of fleets active in M1")
  func utilizationPct() {
    // (100 × 80 + 300 × 40) / 400 = 20,000 / 400 = 50; a fleet starting in M2 is left out.
    let fleets = [
      makeFleet("a", gpus: 100, utilization: 80), makeFleet("b", gpus: 300, utilization: 40),
      makeFleet("c", gpus: 1_000, inService: "2026-08-01", utilization: 0),
    ]
    #expect(assess(makeBook(fleets: fleets)).utilizationPct == 50)
    #expect(assess(makeBook(fleets: fleets), Assumptions(utilizationPct: 65)).utilizationPct == 65)
    #expect(assess(makeBook(fleets: [fleets[2]])).utilizationPct == nil)
  }

  @Test("customer concentration: one customer above 50 % of contract revenue over M1…M12")
  func customerConcentration() {
    // A: 60 GPUs × $2 × 730 = 87,600 a month; B: 40 GPUs → 58,400. A's share = 60 %.
    let book = makeBook(
      fleets: [makeFleet()],
      contracts: [
        makeContract("c1", customer: "A", gpus: 60, price: 2),
        makeContract("c2", customer: "B", gpus: 40, price: 2),
      ])
    let result = assess(book)
    #expect(result.topCustomerSharePct == 60)
    #expect(result.flags.contains(.customerConcentration))

    // 50 / 50 is not above 50 %.
    var even = book
    even.contracts[0].gpuCount = 50
    even.contracts[1].gpuCount = 50
    #expect(assess(even).topCustomerSharePct == 50)
    #expect(!assess(even).flags.contains(.customerConcentration))

    // A ends 2026-12 (6 months × 87,600 = 525,600); B runs all 12 (12 × 58,400 = 700,800):
    // B's share = 700,800 / 1,226,400 = 4/7 = 57.142857143 %.
    var ending = book
    ending.contracts[0].endOn = day("2026-12-31")
    #expect(assess(ending).topCustomerSharePct == 57.142_857_143)

    // Two contracts of one customer add up: 60 + 40 of "A" is 100 %.
    var single = book
    single.contracts[1].customer = "A"
    #expect(assess(single).topCustomerSharePct == 100)
    // No contract revenue: null.
    #expect(assess(makeBook(fleets: [makeFleet()])).topCustomerSharePct == nil)
  }

  @Test("a balloon is kept out of DSCR12 but paid from cash")
  func balloonOutOfDSCR() {
    // CFADS = 100 GPUs × $1 × 730 − 7,300 power = 65,700 a month.
    // Interest only 50,000 at 8 %: 333.33 a month 2026-07…2027-03 (9 payments), then the
    // 50,000.00 balloon in 2027-03. DS12 = 9 × 333.33 = 2,999.97.
    // DSCR12 = 12 × 65,700 / 2,999.97 = 788,400 / 2,999.97 = 262.802628026…
    let loan = makeLoan(
      principal: 50_000, ratePct: 8, amortization: .interestOnly, start: "2025-03-20",
      maturity: "2027-03-20")
    let book = makeBook(
      makeProvider(cash: 60_000), fleets: [makeFleet()], loans: [loan],
      contracts: [makeContract(gpus: 100, price: 1)])
    let result = assess(book)
    #expect(result.debtService12m == 2_999.97)
    #expect(result.balloon12m == 50_000)
    #expect(result.dscr12m == 262.802_628_026)
    #expect(result.cfads12m == 788_400)
    // One customer holds all contract revenue and H100 has no market price; sorted by name.
    // CREDIT §C.4: 60,000 of cash against a 50,000 balance is net cash.
    #expect(
      result.flags == [.balloonWithin12m, .customerConcentration, .netCash, .noMarketPrice])
    let march = projected(result, "2027-03")
    #expect(close(march.debtService, 333.33))
    #expect(march.balloon == 50_000)
    // Cash(2027-03) = 60,000 + 9 × 65,700 − 9 × 333.33 − 50,000 = 598,300.03.
    #expect(close(march.cash, 598_300.03, 1e-6))
    // After maturity nothing more is owed: Cash(2027-04) = 598,300.03 + 65,700.
    #expect(close(projected(result, "2027-04").cash, 664_000.03, 1e-6))
    #expect(result.grade == .low)

    // With no cash and no earnings the same balloon (at 0 %) empties the till in 2027-03:
    // no debt service, so DSCR12 is null, yet cash runs out in M9.
    var free = loan
    free.annualRatePct = 0
    let bare = assess(makeBook(makeProvider(cash: 0), loans: [free]))
    #expect(bare.dscr12m == nil)
    #expect(bare.cashOutMonth == month("2027-03"))
    #expect(bare.runwayMonths == 9)
    #expect(bare.grade == .critical)
  }

  @Test("a loan past maturity owes its balance in M1, flagged when maturity is before as-of")
  func pastMaturityInProjection() {
    // 5,000.00 owed since 2026-05-31: a balloon in 2026-07, cash 10,000 → 5,000.
    let loan = makeLoan(
      principal: 40_000, balance: 5_000, ratePct: 9, start: "2023-05-31",
      maturity: "2026-05-31")
    let result = assess(makeBook(makeProvider(cash: 10_000), loans: [loan]))
    #expect(projected(result, "2026-07").balloon == 5_000)
    #expect(projected(result, "2026-07").cash == 5_000)
    #expect(result.balloon12m == 5_000)
    #expect(result.debtService12m == 0)
    #expect(result.flags.contains(.pastMaturity))
    #expect(result.grade == .high)
    // Maturing on the as-of date itself: owed in M1 too, but not yet past maturity.
    var today = loan
    today.maturityOn = day("2026-06-30")
    let due = assess(makeBook(makeProvider(cash: 10_000), loans: [today]))
    #expect(due.balloon12m == 5_000)
    #expect(!due.flags.contains(.pastMaturity))
    #expect(due.grade == .low)
  }

  @Test("cash: Cash(M) = Cash(M−1) + CFADS − debt service − balloons − capex + draws")
  func cashRecursion() {
    // Cash 1,000,000; CFADS 146,000 − 7,300 − 20,000 opex = 118,700; linear 120,000 at 0 % over
    // 2026-07…2027-06: 10,000 a month; capex 300,000 in 2026-08.
    let book = makeBook(
      makeProvider(cash: 1_000_000, opex: 20_000),
      fleets: [makeFleet(), makeFleet("later", gpus: 1, inService: "2026-08-03", capex: 300_000)],
      loans: [
        makeLoan(
          principal: 120_000, ratePct: 0, amortization: .linear, start: "2025-06-01",
          maturity: "2027-06-01")
      ],
      contracts: [makeContract(gpus: 100, price: 2)])
    let result = assess(book)
    // The 1-GPU fleet adds 1 × 1 × 730 × 0.10 = 73 of power from 2026-08.
    #expect(close(projected(result, "2026-07").cash, 1_000_000 + 118_700 - 10_000))
    #expect(
      close(projected(result, "2026-08").cash, 1_108_700 + 118_700 - 73 - 10_000 - 300_000))
    // DSCR12 = (12 × 118,700 − 11 × 73) / 120,000 = (1,424,400 − 803) / 120,000
    //        = 1,423,597 / 120,000 = 11.863308333…
    #expect(result.dscr12m == 11.863_308_333)
  }

  @Test("the horizon sets the months projected; DSCR12 always uses M1…M12")
  func horizon() {
    let book = makeBook(makeProvider(cash: 100_000, opex: 1_000))
    let long = assess(book, Assumptions(horizonMonths: 120))
    #expect(long.months.count == 120)
    #expect(long.months.first?.month == month("2026-07"))
    #expect(long.months.last?.month == month("2036-06"))
    // Cash 100,000 − 1,000 a month goes negative in M101 = 2034-11.
    #expect(long.cashOutMonth == month("2034-11"))
    #expect(long.runwayMonths == 101)
    #expect(long.grade == .high)
    let short = assess(book, Assumptions(horizonMonths: 12))
    #expect(short.months.count == 12)
    #expect(short.cashOutMonth == nil)
    #expect(short.grade == .low)
  }
}
