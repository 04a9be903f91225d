import Foundation
import Testing

@testable import Import

/// Fresh rows are inserted `KindLoader.batchSize` at a time: counts, duplicate keys, updates and
/// the lines every diagnostic names must be what the row-by-row insert gives, wherever a row
/// falls in a batch.
@Suite struct BatchTests {
  static let header = Samples.firstRow(.fleets).map(\.0).joined(separator: ",")

  /// A fleets row: the sample's first fleet with its id (and optionally its GPU count) replaced.
  static func row(_ id: String, gpus: String? = nil) -> String {
    Samples.firstRow(.fleets).map { column, value in
      switch column {
      case "fleet_id": id
      case "gpu_count": gpus ?? value
      default: Samples.quoteIfNeeded(value)
      }
    }.joined(separator: ",")
  }

  static func file(_ rows: [String]) -> String {
    ([header] + rows).joined(separator: "\n") + "\n"
  }

  /// Ids f-000 … for `count` rows: data line `i + 2` holds `f-i`.
  static func ids(_ count: Int) -> [String] {
    (0..<count).map { "f-" + String(repeating: "0", count: 3 - String($0).count) + String($0) }
  }

  @Test func manyBatchesInsertEveryRowInOrder() throws {
    let fixture = try Fixture()
    try fixture.importSamples()
    let count = KindLoader.batchSize * 3 + 5  // full batches and a short one
    try fixture.write("fleets.csv", BatchTests.file(BatchTests.ids(count).map { BatchTests.row($0) }))
    let summary = try fixture.importing(["fleets.csv"])
    #expect(summary.counts(for: .fleets) == KindCounts(inserted: count))
    #expect(
      try fixture.strings("SELECT fleet_id FROM fleets WHERE fleet_id LIKE 'f-%' ORDER BY rowid")
        == BatchTests.ids(count))
  }

  @Test func duplicatesInsideAndAcrossBatchesNameTheirFirstLine() throws {
    let fixture = try Fixture()
    try fixture.importSamples()
    var rows = BatchTests.ids(KindLoader.batchSize * 3).map { BatchTests.row($0) }
    let size = KindLoader.batchSize
    // Line size + 4 repeats line size + 2 (both in the second batch); a bad row follows in the
    // same batch; the last line repeats line 3 (first batch). Diagnostics come in line order.
    rows[size + 2] = BatchTests.row("f-" + String(format: "%03d", size))
    rows[size + 5] = BatchTests.row("f-bad", gpus: "many")
    rows[rows.count - 1] = BatchTests.row("f-001")
    try fixture.write("fleets.csv", BatchTests.file(rows))
    #expect(
      fixture.errors(["fleets.csv"]) == [
        "fleets.csv:\(size + 4):fleet_id: 'f-\(String(format: "%03d", size))' is a duplicate key (first at line \(size + 2))",
        "fleets.csv:\(size + 7):gpu_count: 'many' is not an integer",
        "fleets.csv:\(rows.count + 1):fleet_id: 'f-001' is a duplicate key (first at line 3)",
      ])
  }

  @Test func aReimportUpdatesInsertsAndFindsDuplicatesByLine() throws {
    let fixture = try Fixture()
    try fixture.importSamples()
    let size = KindLoader.batchSize
    let ids = BatchTests.ids(size * 2)
    try fixture.write("fleets.csv", BatchTests.file(ids.map { BatchTests.row($0) }))
    try fixture.importing(["fleets.csv"])
    // Again, with new ids between the stored ones (batches then hold both), two rows changed.
    var rows: [String] = []
    for (index, id) in ids.enumerated() {
      rows.append(BatchTests.row(id, gpus: index == 3 || index == size + 1 ? "8" : nil))
      if index % 2 == 0 { rows.append(BatchTests.row("n-\(id)")) }
    }
    try fixture.write("again.csv", BatchTests.file(rows))
    let summary = try fixture.importing(["again.csv"])
    #expect(summary.counts(for: .fleets) == KindCounts(inserted: size, updated: 2, unchanged: size * 2 - 2))
    #expect(try fixture.strings("SELECT gpu_count FROM fleets WHERE fleet_id = 'f-003'") == ["8"])
    #expect(try fixture.count("fleets") == 3 + size * 3)
    // Fresh rows after stored ones: a repeat of each kind names the line it repeats.
    let newID = "n-" + ids[size]  // line: its position in `rows`, plus the header
    let newLine = rows.firstIndex(of: BatchTests.row(newID)).map { $0 + 2 } ?? 0
    let storedLine = rows.firstIndex(of: BatchTests.row(ids[5])).map { $0 + 2 } ?? 0
    try fixture.write(
      "third.csv", BatchTests.file(rows + [BatchTests.row(newID), BatchTests.row(ids[5])]))
    #expect(
      fixture.errors(["third.csv"]) == [
        "third.csv:\(rows.count + 2):fleet_id: '\(newID)' is a duplicate key (first at line \(newLine))",
        "third.csv:\(rows.count + 3):fleet_id: '\(ids[5])' is a duplicate key (first at line \(storedLine))",
      ])
  }
}
