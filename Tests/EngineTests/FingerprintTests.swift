import Domain
import Foundation
import GRDB
import TestSupport
import Testing

@testable import Engine
@testable import Store

@Suite struct FingerprintTests {
  func day(_ text: String) throws -> Day { try #require(Day(text)) }
  func month(_ text: String) throws -> Month { try #require(Month(text)) }

  /// Every table, rows handed over out of key order, optional fields both given and missing,
  /// numbers that need care (1e16, 1e-7, 1.0, 0.07 dollars).
  func dataset() throws -> Dataset {
    let one = ProviderBook(
      provider: Provider(
        id: "p1", name: "One", segment: .neocloud, country: "US", cash: Money(cents: 4_500_050),
        fixedOpexPerMonth: Money(cents: 7), asOf: try day("2026-10-31"), minLiquidity: Money(cents: 100_000)),
      facilities: [
        Facility(
          id: "fac-b", providerID: "p1", name: "B", region: "us-east", itCapacityMW: 1e16, pue: 1.0,
          powerUSDPerKWh: 0.000_000_1, colocationUSDPerKWMonth: 12.75, ownership: .colo)
      ],
      fleets: [
        Fleet(
          id: "f-2", providerID: "p1", facilityID: "fac-b", gpuModel: "H100", gpuCount: 16,
          inServiceOn: try day("2025-01-01"), capex: Money(cents: 123_456_789), gpuPowerKW: 1.1,
          utilizationPct: 62.5, interconnect: .infiniband, fabricGbpsPerGPU: 400)
      ],
      loans: [
        Loan(
          id: "l1", providerID: "p1", lender: "Bank, N.A.", principal: Money(cents: 100_000),
          balance: Money(cents: 50), annualRatePct: 9.75, rateType: .fixed, amortization: .annuity,
          paymentsPerYear: 12, startOn: try day("2025-01-01"), maturityOn: try day("2030-01-01"),
          collateralFleetID: "f-2", minDSCR: 1.3)
      ],
      contracts: [
        Contract(
          id: "c1", providerID: "p1", customer: "Acme", gpuModel: "H100", gpuCount: 8, priceUSDPerGPUHour: 2.1,
          startOn: try day("2026-01-01"), endOn: try day("2027-12-31"))
      ],
      uptime: [
        UptimeMonth(
          providerID: "p1", month: try month("2026-10"), uptimePct: 99.9, incidents: 0,
          failuresPer1kGPUMonths: 0, mttrHours: 0)
      ],
      assessments: [
        Assessment(providerID: "p1", criterionID: "sw", value: "true", assessedOn: try day("2026-01-01")),
        Assessment(
          providerID: "p1", criterionID: "net", value: "3", evidence: "see https://x.example/y",
          assessedOn: try day("2026-02-01")),
      ])
    let two = ProviderBook(
      provider: Provider(
        id: "p2", name: "Two", segment: .other, country: "GB", cash: .zero, fixedOpexPerMonth: Money(cents: 100),
        asOf: try day("2026-09-30")),
      facilities: [
        Facility(
          id: "fac-a", providerID: "p2", name: "A", region: "eu-west", itCapacityMW: 12.5, pue: 1.2,
          powerUSDPerKWh: 0.1, colocationUSDPerKWMonth: 0, ownership: .owned)
      ],
      fleets: [
        Fleet(
          id: "f-1", providerID: "p2", facilityID: "fac-a", gpuModel: "A100", gpuCount: 8,
          inServiceOn: try day("2024-06-01"), capex: .zero, usefulLifeYears: 5, gpuPowerKW: 0.7,
          utilizationPct: 0, interconnect: .ethernet, fabricGbpsPerGPU: 100)
      ],
      uptime: [
        UptimeMonth(
          providerID: "p2", month: try month("2026-10"), uptimePct: 98.5, incidents: 1,
          failuresPer1kGPUMonths: 0.5, mttrHours: 4),
        UptimeMonth(
          providerID: "p2", month: try month("2026-09"), uptimePct: 100, incidents: 2,
          failuresPer1kGPUMonths: 1.25, mttrHours: 3),
      ])
    let rubric = [
      Criterion(
        id: "up", pillar: "reliability", title: "Uptime", kind: .numeric, weight: 1, fullAt: 99.9, zeroAt: 99,
        requiredFor: .gold, source: .uptime12m),
      Criterion(id: "sw", pillar: "software", title: "Slurm", kind: .bool, weight: 1),
      Criterion(id: "net", pillar: "networking", title: "Fabric", kind: .level, weight: 2.5),
    ]
    let prices = [
      MarketPrice(gpuModel: "H100", observedOn: try day("2026-11-01"), priceUSDPerGPUHour: 2.1, source: "broker"),
      MarketPrice(gpuModel: "A100", observedOn: try day("2026-10-01"), priceUSDPerGPUHour: 1.05),
    ]
    return Dataset(books: [two, one], rubric: rubric, marketPrices: prices)
  }

  /// The dataset stored in a fresh database in `box`, rows inserted in the order given (the
  /// fingerprint reads them back by key).
  func stored(_ dataset: Dataset, in box: TemporaryDirectory) throws -> Store {
    let store = try Store.initialize(path: box.file(UUID().uuidString + ".sqlite")).store
    func insert(_ db: GRDB.Database, _ table: String, _ values: [(any DatabaseValueConvertible)?]) throws {
      // Columns added by later schemas (CREDIT §C.1) are left NULL.
      let count = try Int.fetchOne(db, sql: "SELECT count(*) FROM pragma_table_info('\(table)')") ?? values.count
      let padded = values + Array(repeating: nil, count: max(0, count - values.count))
      let marks = Array(repeating: "?", count: padded.count).joined(separator: ", ")
      try db.execute(
        sql: "INSERT INTO \(table) VALUES (\(marks))", arguments: StatementArguments(padded))
    }
    try store.queue.write { db in
      for c in dataset.rubric {
        try insert(
          db, "rubric",
          [
            c.id, c.pillar, c.title, c.kind.rawValue, c.weight, c.fullAt, c.zeroAt, c.requiredFor?.rawValue,
            c.source?.rawValue,
          ])
      }
      for p in dataset.books.map(\.provider) {
        try insert(
          db, "providers",
          [
            p.id, p.name, p.segment.rawValue, p.country, p.cash.cents, p.fixedOpexPerMonth.cents,
            p.asOf.description, p.minLiquidity?.cents,
          ])
      }
      for f in dataset.books.flatMap(\.facilities) {
        try insert(
          db, "facilities",
          [
            f.id, f.providerID, f.name, f.region, f.itCapacityMW, f.pue, f.powerUSDPerKWh, f.colocationUSDPerKWMonth,
            f.ownership.rawValue,
          ])
      }
      for f in dataset.books.flatMap(\.fleets) {
        try insert(
          db, "fleets",
          [
            f.id, f.providerID, f.facilityID, f.gpuModel, f.gpuCount, f.inServiceOn.description, f.capex.cents,
            f.usefulLifeYears, f.gpuPowerKW, f.utilizationPct, f.interconnect.rawValue, f.fabricGbpsPerGPU,
          ])
      }
      for l in dataset.books.flatMap(\.loans) {
        try insert(
          db, "loans",
          [
            l.id, l.providerID, l.lender, l.principal.cents, l.balance.cents, l.annualRatePct, l.rateType.rawValue,
            l.amortization.rawValue, l.paymentsPerYear, l.startOn.description, l.maturityOn.description,
            l.collateralFleetID, l.minDSCR,
          ])
      }
      for c in dataset.books.flatMap(\.contracts) {
        try insert(
          db, "contracts",
          [
            c.id, c.providerID, c.customer, c.gpuModel, c.gpuCount, c.priceUSDPerGPUHour, c.startOn.description,
            c.endOn.description, c.slaUptimePct, c.slaCreditPct,
          ])
      }
      for u in dataset.books.flatMap(\.uptime) {
        try insert(
          db, "uptime",
          [
            u.providerID, u.month.description, u.uptimePct, u.incidents, u.failuresPer1kGPUMonths, u.mttrHours,
            u.source,
          ])
      }
      for a in dataset.books.flatMap(\.assessments) {
        try insert(
          db, "assessments", [a.providerID, a.criterionID, a.value, a.evidence, a.assessedOn.description])
      }
      for m in dataset.marketPrices {
        try insert(
          db, "market_prices", [m.gpuModel, m.observedOn.description, m.priceUSDPerGPUHour, m.source])
      }
    }
    return store
  }

  func fingerprint(_ dataset: Dataset, in box: TemporaryDirectory) throws -> String {
    try inputFingerprint(try stored(dataset, in: box), rubric: dataset.rubric)
  }

  @Test func canonicalTextIsEveryTableInDesignOrderRowsByKey() throws {
    let expected = [
      // providers
      // providers (variable_opex_pct empty)
      "p1|One|neocloud|US|45000.5|0.07|2026-10-31|1000|",
      "p2|Two|other|GB|0|1|2026-09-30||",
      // facilities
      "fac-a|p2|A|eu-west|12.5|1.2|0.1|0|owned|",
      "fac-b|p1|B|us-east|10000000000000000|1|0.0000001|12.75|colo|",
      // fleets (useful_life_years missing on f-2; ramp_months empty)
      "f-1|p2|fac-a|A100|8|2024-06-01|0|5|0.7|0|ethernet|100|",
      "f-2|p1|fac-b|H100|16|2025-01-01|1234567.89||1.1|62.5|infiniband|400|",
      // loans
      "l1|p1|Bank, N.A.|1000|0.5|9.75|fixed|annuity|12|2025-01-01|2030-01-01|f-2|1.3|||",
      // contracts (no SLA fields; ramp_months, prepaid_usd, customer_rating empty)
      "c1|p1|Acme|H100|8|2.1|2026-01-01|2027-12-31|||||",
      // uptime (source, schema 0004, not given)
      "p1|2026-10|99.9|0|0|0|",
      "p2|2026-09|100|2|1.25|3|",
      "p2|2026-10|98.5|1|0.5|4|",
      // assessments
      "p1|net|3|see https://x.example/y|2026-02-01",
      "p1|sw|true||2026-01-01",
      // rubric (source written as assessment when not given)
      "net|networking|Fabric|level|2.5||||assessment",
      "sw|software|Slurm|bool|1||||assessment",
      "up|reliability|Uptime|numeric|1|99.9|99|gold|uptime_12m",
      // market prices
      "A100|2026-10-01|1.05|",
      "H100|2026-11-01|2.1|broker",
    ].map { $0.replacingOccurrences(of: "|", with: "\u{1F}") + "\n" }.joined()
    let dataset = try dataset()
    let box = try TemporaryDirectory()
    let store = try stored(dataset, in: box)
    #expect(try inputCanonicalText(store, rubric: dataset.rubric) == expected)
    #expect(try inputFingerprint(store, rubric: dataset.rubric) == String(sha256Hex(Array(expected.utf8)).prefix(12)))
    // The path `recompute` takes: the dataset as handed over (books, rows and prices out of key
    // order), and as loaded back with only the latest prices, the history streamed.
    #expect(try inputCanonicalText(dataset, priceHistoryFrom: nil) == expected)
    let loaded = try store.loadDataset(prices: .latest(onOrBefore: try day("2026-11-23")))
    #expect(try inputCanonicalText(loaded, priceHistoryFrom: store) == expected)
    #expect(try inputFingerprint(loaded, priceHistoryFrom: store) == String(sha256Hex(Array(expected.utf8)).prefix(12)))
  }

  @Test func anyFieldChangeChangesTheFingerprintAndOrderDoesNot() throws {
    let box = try TemporaryDirectory()
    let original = try dataset()
    var reordered = original
    reordered.books.reverse()
    reordered.marketPrices.reverse()
    reordered.rubric.reverse()
    #expect(try fingerprint(reordered, in: box) == fingerprint(original, in: box))

    var cash = original
    cash.books[1].provider.cash = Money(cents: 4_500_051)
    #expect(try fingerprint(cash, in: box) != fingerprint(original, in: box))
    var life = original
    life.books[1].fleets[0].usefulLifeYears = 6  // the default, but now given
    #expect(try fingerprint(life, in: box) != fingerprint(original, in: box))
  }

  @Test func largeTextsStreamInChunksToTheSameHash() throws {
    var dataset = try dataset()
    // About 200 KB of fleets: several 64 KiB chunks.
    let template = dataset.books[1].fleets[0]
    dataset.books[1].fleets = (0..<3000).map { index in
      var fleet = template
      fleet.id = "f-\(String(index, radix: 36))"
      return fleet
    }
    dataset.books[0].fleets = []  // its f-1 is one of the 3000 ids now (keys are unique when stored)
    let box = try TemporaryDirectory()
    let store = try stored(dataset, in: box)
    var chunks = 0
    try writeInputCanonicalText(store, rubric: dataset.rubric) { _ in chunks += 1 }
    #expect(chunks > 2)
    let text = try inputCanonicalText(store, rubric: dataset.rubric)
    #expect(try inputFingerprint(store, rubric: dataset.rubric) == String(sha256Hex(Array(text.utf8)).prefix(12)))
    var datasetChunks = 0
    try writeInputCanonicalText(dataset, priceHistoryFrom: nil) { _ in datasetChunks += 1 }
    #expect(datasetChunks > 2)
    #expect(try inputFingerprint(dataset, priceHistoryFrom: nil) == inputFingerprint(store, rubric: dataset.rubric))
  }

  @Test func fastPlainDecimalAgreesWithPlainDecimal() {
    var state: UInt64 = 0x9E37_79B9_7F4A_7C15
    func next() -> UInt64 {
      state &+= 0x9E37_79B9_7F4A_7C15
      var z = state
      z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
      z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
      return z ^ (z >> 31)
    }
    var values: [Double] = [
      0, -0.0, 1, -1, 0.1, 2.1, 1e-7, 1e16, 1e15, 123_456.789, .leastNonzeroMagnitude, .greatestFiniteMagnitude,
    ]
    for _ in 0..<20_000 {
      let bits = Double(bitPattern: next())
      if bits.isFinite { values.append(bits) }
      // Everyday magnitudes: up to 6 decimals.
      values.append(Double(Int64(bitPattern: next()) % 10_000_000_000) / 1_000_000)
    }
    for value in values {
      #expect(fastPlainDecimal(value) == plainDecimal(value), "\(value)")
    }
  }
}
