import GRDBSQLite
import Store

/// The record a row came from, for what is stored and said about it: its line, and its raw
/// text — the reader's current record, or the copy a batched row keeps in the arena.
struct RowOrigin {
  var line: Int
  private let reader: CSVReader?
  private let saved: UnsafeBufferPointer<UInt8>?

  init(_ reader: CSVReader) {
    line = reader.recordLine
    self.reader = reader
    saved = nil
  }

  init(line: Int, saved: UnsafeBufferPointer<UInt8>) {
    self.line = line
    reader = nil
    self.saved = saved
  }

  func recordText() -> String {
    if let saved { return CSVReader.recordText(saved) }
    return reader?.recordText() ?? ""
  }
}

/// A row waiting in the batch: its line and where its raw record lies in the arena.
struct BatchRow {
  var line: Int
  var record: Int
  var recordLength: Int
}

/// Fresh rows are inserted `batchSize` at a time with one multi-row statement: SQLite's cost
/// per executed statement (opening the table and its key index, halting, resetting) is then paid
/// once per batch instead of once per row, about a quarter of a large import's CPU time. A row
/// joins the batch once its fields have passed every check, with its values bound to its slot
/// of the statement; its fields and raw text are copied to the arena, so the bound text stays
/// valid while the reader moves on. When every row of a full batch is inserted, each is counted
/// and its line logged as the single insert would; anything else (a key that exists, a
/// constraint SQLite refuses, a batch cut short by the end of the file or by a row that cannot
/// join) goes through the single-row path of `store`, row by row and in file order, with the
/// same counts and the same diagnostics.
extension KindLoader {
  static let batchSize = 16
  /// Bytes of fields and raw records the batch may hold; a larger record is stored on its own.
  static let batchArenaCapacity = 256 * 1024

  /// Adds the row just decoded into the batch's current slot (its fields at the arena's free
  /// end, its raw record `record` bytes in); stores the batch when it is full.
  @inline(__always) func addToBatch(line: Int, need: Int, record: Int) {
    let n = columns.count
    batchRows[batchCount] = BatchRow(line: line, record: record, recordLength: need - (record - arenaUsed))
    (batchValues + batchCount &* n).update(from: values, count: n)
    arenaUsed &+= need
    batchCount &+= 1
    if batchCount == KindLoader.batchSize { flushBatch() }
  }

  /// Stores the rows waiting in the batch (see above) and empties it.
  func flushBatch() {
    let pending = batchCount
    guard pending > 0 else { return }
    defer {
      batchCount = 0
      arenaUsed = 0
    }
    guard failure == nil else { return }
    flushingBatch = true
    defer { flushingBatch = false }
    guard pending == KindLoader.batchSize else {
      storeEach(0..<pending, lookUpFirst: false)
      return
    }
    let statement = batchInsert.handle
    let rc = sqlite3_step(statement)
    if rc != SQLITE_DONE {
      let refused = rc & 0xFF == SQLITE_CONSTRAINT && sqlite3_get_autocommit(connection) == 0
      let failure = refused ? nil : DatabaseFailure(connection, rc)
      sqlite3_reset(statement)
      if let failure {
        fail(failure)
      } else {
        // SQLite undid the whole statement: each row alone, so that the one refused is named.
        storeEach(0..<pending, lookUpFirst: false)
      }
      return
    }
    sqlite3_reset(statement)
    let stored = Int(sqlite3_changes(connection))
    let last = sqlite3_last_insert_rowid(connection)
    if stored == pending {
      // New rows take the rowids after the largest, one after another, in the order given.
      for k in 0..<pending { inserted(rowid: last - Int64(pending - 1 - k), line: batchRows[k].line) }
      return
    }
    // Some keys existed. The rows inserted hold the `stored` rowids up to `last`, in file order;
    // each row's key tells whether it is one of them or a conflict to resolve.
    predictConflict = true
    storeEach(0..<pending, lookUpFirst: true, nextNew: stored > 0 ? last - Int64(stored) + 1 : .max)
  }

  /// Stores batched rows one at a time through the single-row path. With `lookUpFirst`, the
  /// batch statement has run already: a row whose key holds rowid `nextNew` was inserted by it
  /// (and the next such row holds the next rowid); any other resolves its conflict.
  private func storeEach(_ range: Range<Int>, lookUpFirst: Bool, nextNew: Int64 = .max) {
    let n = columns.count
    var next = nextNew
    for k in range {
      guard failure == nil else { return }
      values.update(from: batchValues + k &* n, count: n)
      let row = batchRows[k]
      let origin = RowOrigin(
        line: row.line,
        saved: UnsafeBufferPointer(start: batchArena + row.record, count: row.recordLength))
      guard lookUpFirst else {
        store(origin, rebind: true)
        continue
      }
      let found = existing()
      if case .found(let rowid, _) = found, rowid == next {
        inserted(rowid: rowid, line: row.line)
        next += 1
      } else {
        resolveConflict(found, origin)
      }
    }
  }
}
