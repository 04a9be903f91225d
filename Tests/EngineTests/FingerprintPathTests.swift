import Domain
import Foundation
import GRDB
import Import
import TestSupport
import Testing

@testable import Engine
@testable import Store

/// `recompute` hashes the dataset it loaded (`inputFingerprint(_:priceHistoryFrom:)`); the
/// reference streams every stored table as text (`inputFingerprint(_:rubric:)`). The two must
/// give the same bytes on any data: Samples, and a generated store with every column (optional
/// ones given and missing, ids in and out of provider order, awkward numbers and text).
@Suite struct FingerprintPathTests {
  /// Both texts and both fingerprints of `store`, the dataset path loaded as `recompute` loads
  /// it (latest prices only, the history streamed) and with every price loaded.
  func expectPathsAgree(_ store: Store, sourceLocation: SourceLocation = #_sourceLocation) throws {
    let asOf = try #require(Day("2026-11-23"))
    let latest = try store.loadDataset(prices: .latest(onOrBefore: asOf))
    let everyPrice = try store.loadDataset(prices: .all)
    let reference = try inputCanonicalText(store, rubric: latest.rubric)
    #expect(!reference.isEmpty, sourceLocation: sourceLocation)
    let streamed = try inputCanonicalText(latest, priceHistoryFrom: store)
    let loaded = try inputCanonicalText(everyPrice, priceHistoryFrom: nil)
    if streamed != reference {
      // The first differing line says which table and column drifted.
      let mismatch = zip(streamed.split(separator: "\n"), reference.split(separator: "\n")).first { $0 != $1 }
      Issue.record("dataset path differs: \(String(describing: mismatch))", sourceLocation: sourceLocation)
    }
    #expect(loaded == reference, sourceLocation: sourceLocation)
    let expected = try inputFingerprint(store, rubric: latest.rubric)
    #expect(try inputFingerprint(latest, priceHistoryFrom: store) == expected, sourceLocation: sourceLocation)
    #expect(try inputFingerprint(everyPrice, priceHistoryFrom: nil) == expected, sourceLocation: sourceLocation)
    #expect(expected == String(sha256Hex(Array(reference.utf8)).prefix(12)), sourceLocation: sourceLocation)
  }

  @Test func samplesHashTheSameEitherWay() throws {
    let box = try TemporaryDirectory()
    let store = try Store.initialize(path: box.file("samples.sqlite")).store
    let samples = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent().appendingPathComponent("Samples").path
    _ = try importFiles([samples], into: store, options: ImportOptions())
    try expectPathsAgree(store)
  }

  @Test(arguments: [1 as UInt64, 2, 3])
  func generatedStoresHashTheSameEitherWay(seed: UInt64) throws {
    let box = try TemporaryDirectory()
    let store = try Store.initialize(path: box.file("generated.sqlite")).store
    var generator = StoreGenerator(rng: SplitMix64(seed: seed), groupedIDs: seed == 1)
    try store.queue.write { db in try generator.fill(db) }
    // Rows the schema refused were skipped (INSERT OR IGNORE): every table must still have some.
    for kind in TableKind.allCases {
      let count = try store.queue.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM \(kind.table)") } ?? 0
      #expect(count > 3, "\(kind.table)")
    }
    try expectPathsAgree(store)
  }

  @Test func anEmptyStoreHashesTheSameEitherWay() throws {
    let box = try TemporaryDirectory()
    let store = try Store.initialize(path: box.file("empty.sqlite")).store
    let dataset = try store.loadDataset(prices: .latest(onOrBefore: try #require(Day("2026-11-23"))))
    #expect(try inputCanonicalText(dataset, priceHistoryFrom: store) == "")
    #expect(try inputFingerprint(dataset, priceHistoryFrom: store) == inputFingerprint(store, rubric: []))
  }
}

/// Rows for every column of every input table, within the schema's checks, inserted by column
/// name from `TableKind.columns` (so a new column is filled without editing this).
private struct StoreGenerator {
  var rng: SplitMix64
  /// Child ids start with their provider's id (rows come in provider order, the fast path);
  /// else random ids, so the rows of one table interleave across providers (the sorting path).
  let groupedIDs: Bool

  mutating func int(_ range: ClosedRange<Int>) -> Int { Int.random(in: range, using: &rng) }
  mutating func chance(_ p: Double) -> Bool { Double.random(in: 0..<1, using: &rng) < p }
  mutating func pick<T>(_ values: [T]) -> T { values[int(0...values.count - 1)] }

  mutating func id(_ prefix: String = "") -> String {
    let alphabet = Array("ABCXYZabcxyz0189._-")
    var text = prefix
    text.append(pick(Array("ABZabz09")))
    for _ in 0..<int(1...8) { text.append(pick(alphabet)) }
    return text
  }

  mutating func text() -> String {
    pick(["Acme", "Bank, N.A.", "say \"hi\"", "Zürich ☁︎", "日本", "tab\there", "two\nlines", "x\u{1F}y", " padded "])
      + (chance(0.5) ? String(int(0...999)) : "")
  }

  mutating func day(_ years: ClosedRange<Int> = 2018...2031) -> String {
    day(year: int(years), month: int(1...12), day: int(1...28))
  }

  func day(year: Int, month: Int, day: Int) -> String { String(format: "%04d-%02d-%02d", year, month, day) }

  /// A number within the column's bounds: integers, cents, tiny and huge values, full precision.
  mutating func number(_ bounds: NumberBounds) -> Double {
    let lower = bounds.lower ?? -1e6
    let upper = bounds.upper ?? 1e17
    var candidates: [Double] = [
      lower + 1, (lower + min(upper, lower + 100)) / 2, Double(int(0...200)) / 8, 0.000_000_1 * Double(int(1...9)),
      1e16, 12.75, Double.random(in: lower...min(upper, lower + 1000), using: &rng),
    ]
    if bounds.upper != nil { candidates.append(upper) }
    if bounds.lowerInclusive { candidates.append(lower) }
    for _ in 0..<10 {
      let value = pick(candidates)
      if bounds.contains(value) { return value }
    }
    return bounds.upper.map { ($0 + lower) / 2 } ?? lower + 1
  }

  mutating func money() -> Int64 { pick([0, 7, 50, 100, 123_456_789, Int64(int(0...1_000_000_000))]) }

  /// A value for `column`; nil (NULL) for a missing optional field now and then.
  mutating func value(_ column: ColumnSpec) -> (any DatabaseValueConvertible)? {
    if !column.required && chance(0.3) { return nil }
    switch column.type {
    case .identifier, .identifierList: return id()
    case .text: return text()
    case .country: return pick(["US", "GB", "DE", "JP"])
    case .date: return day()
    case .month: return String(day().prefix(7))
    case .enumeration(let values): return pick(values)
    case .integer(let min, let max, let allowed):
      if !allowed.isEmpty { return pick(allowed) }
      return Int64(int(Int(min ?? 0)...Int(Swift.min(max ?? 1000, 1000))))
    case .money: return money()
    case .number(let bounds): return number(bounds)
    }
  }

  /// One row of `kind`: generated values, then `fixed` ones (keys, references, cross-column rules).
  mutating func insert(
    _ db: GRDB.Database, _ kind: TableKind, _ fixed: [String: (any DatabaseValueConvertible)?]
  ) throws {
    var values: [(any DatabaseValueConvertible)?] = []
    for column in kind.columns {
      values.append(fixed.keys.contains(column.name) ? fixed[column.name] ?? nil : value(column))
    }
    let marks = Array(repeating: "?", count: values.count).joined(separator: ", ")
    try db.execute(
      sql: "INSERT OR IGNORE INTO \(kind.table) (\(kind.selectList)) VALUES (\(marks))",
      arguments: StatementArguments(values))
  }

  mutating func fill(_ db: GRDB.Database) throws {
    let criteria = (0..<12).map { "crit-\($0)" }
    for (index, criterion) in criteria.enumerated() {
      let numeric = index % 3 == 0
      try insert(
        db, .rubric,
        [
          "criterion_id": criterion, "kind": numeric ? "numeric" : pick(["bool", "level"]),
          "full_at": numeric ? 99.9 : nil, "zero_at": numeric ? Double(int(0...90)) : nil,
          "pillar": pick(["reliability", "software", "networking"]),
        ])
    }
    for model in ["H100", "A100", "B200", "h100"] {
      for _ in 0..<int(0...12) {
        try insert(db, .marketPrices, ["gpu_model": model, "observed_on": day(2020...2027)])
      }
    }
    for _ in 0..<25 {
      let provider = id("p")
      try insert(db, .providers, ["provider_id": provider])
      let prefix = groupedIDs ? provider + "-" : ""
      var facilities: [String] = []
      for _ in 0..<int(0...3) {
        let facility = id(prefix + "fac")
        facilities.append(facility)
        try insert(db, .facilities, ["facility_id": facility, "provider_id": provider])
      }
      for facility in facilities {
        for _ in 0..<int(0...6) {
          try insert(db, .fleets, ["fleet_id": id(prefix + "f"), "provider_id": provider, "facility_id": facility])
        }
      }
      for _ in 0..<int(0...5) {
        let principal = money()
        let (year, month, date) = (int(2018...2026), int(1...12), int(1...28))
        let start = day(year: year, month: month, day: date)
        let maturity = day(year: year + int(1...8), month: month, day: date)
        let facility: String? = chance(0.3) ? nil : pick(["term", "revolver", "delayed_draw"])
        let term = (facility ?? "term") == "term"
        try insert(
          db, .loans,
          [
            "loan_id": id(prefix + "l"), "provider_id": provider, "principal_usd": principal,
            "balance_usd": principal / Int64(int(1...3)), "start_on": start, "maturity_on": maturity,
            "facility": facility, "commitment_usd": term ? nil : principal + money(),
            "available_until": chance(0.5) ? nil : start,
          ])
      }
      for _ in 0..<int(0...5) {
        let (year, month, date) = (int(2018...2026), int(1...12), int(1...28))
        try insert(
          db, .contracts,
          [
            "contract_id": id(prefix + "c"), "provider_id": provider,
            "start_on": day(year: year, month: month, day: date),
            "end_on": day(year: year + int(0...5), month: month, day: date),
          ])
      }
      for _ in 0..<int(0...8) {
        let incidents = int(0...4)
        let source: String? = chance(0.5) ? "statuspage:https://status.example.com" : nil
        try insert(
          db, .uptime,
          [
            "provider_id": provider, "month": String(day(2024...2026).prefix(7)), "incidents": incidents,
            "source": source, "failures_per_1k_gpu_months": source == nil || chance(0.5) ? 1.25 : nil,
            "mttr_hours": incidents == 0 && chance(0.5) ? nil : Double(int(0...48)) / 4,
          ])
      }
      for _ in 0..<int(0...10) {
        // Now and then a criterion the rubric does not have (kept, and hashed).
        let criterion = chance(0.1) ? "gone-\(int(0...3))" : pick(criteria)
        try insert(
          db, .assessments,
          ["provider_id": provider, "criterion_id": criterion, "assessed_on": day(2024...2026)])
      }
    }
  }
}
