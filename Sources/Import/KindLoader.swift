import Domain
import GRDBSQLite
import Store

/// Loads every file of one kind into its table: parses and checks each field, upserts with one
/// reused statement, counts inserted / updated / unchanged, and remembers where each row came
/// from (for duplicate keys and for the checks across rows): rows it inserts in a `LineLog`,
/// stored rows it updates or finds unchanged in a TEMP table (§8).
final class KindLoader {
  unowned let session: ImportSession
  let kind: Kind
  let columns: [ColumnSpec]
  let connection: OpaquePointer
  let plans: UnsafeMutablePointer<ColumnPlan>
  let values: UnsafeMutablePointer<Value>
  let keyIndexes: [Int]
  let enumEntries: [[UInt8]]
  let insert: RawStatement
  let update: RawStatement
  let findExisting: RawStatement
  /// The last row's key existed: try the lookup before the insert (a re-import updates).
  var predictConflict = false
  /// The insert of `batchSize` rows in one statement, and the rows waiting for it (see
  /// Batch.swift).
  let batchInsert: RawStatement
  let batchArena: UnsafeMutablePointer<UInt8>
  var arenaUsed = 0
  var batchCount = 0
  let batchRows: UnsafeMutablePointer<BatchRow>
  let batchValues: UnsafeMutablePointer<Value>
  /// Diagnostics of a row read while earlier rows wait in the batch: said once those rows are
  /// stored (and have said theirs), so that diagnostics stay in line order.
  var heldDiagnostics: [Diagnostic] = []
  /// The batch's rows are being stored: their diagnostics go out at once.
  var flushingBatch = false
  let findLine: RawStatement
  let insertLine: RawStatement
  let insertRejected: RawStatement
  let findRejected: RawStatement
  /// Facilities only: a stored facility's provider, and the record of a facility that moves.
  let facilityProvider: RawStatement?
  let insertMoved: RawStatement?
  /// The database failure that stops the import: set inside the reader's callback (which
  /// cannot throw), thrown when the reader returns.
  var failure: DatabaseFailure?
  var counts = KindCounts()
  var rows = 0
  /// The table's largest rowid before the import: rows above it were inserted by it.
  let base: Int64
  let lineLog: LineLog
  /// TEMP table of the stored rows this import touched (rowid, file, line).
  let touchedTable: String
  // References checked as each row loads (its parents are loaded already, dependency order).
  let providerColumn: Int?
  /// The column naming a parent that must belong to the same provider (fleet: facility_id,
  /// loan: collateral_fleet_id).
  let ownerColumn: Int?
  let providerExists: RawStatement
  let ownerOf: RawStatement?
  var references = ReferenceCache()

  init(session: ImportSession, kind: Kind) throws {
    self.session = session
    self.kind = kind
    self.columns = kind.columns
    self.connection = session.connection
    let n = columns.count
    plans = .allocate(capacity: n)
    values = .allocate(capacity: n)
    values.initialize(repeating: .null, count: n)
    enumEntries = ColumnPlan.make(columns, into: plans)
    let names = columns.map(\.name)
    let keys = kind.keyColumns.compactMap { names.firstIndex(of: $0) }
    keyIndexes = keys
    let table = kind.table
    let lines = ImportSession.touchedTable(kind)
    touchedTable = lines
    lineLog = try LineLog()
    if kind.loaderEnforcesChecks { try session.bulk.setCheckConstraints(enabled: false) }
    try session.bulk.execute(
      "CREATE TEMP TABLE \(lines) (rid INTEGER PRIMARY KEY, file INTEGER NOT NULL, line INTEGER NOT NULL)"
    )
    base = try session.bulk.scalarInt("SELECT ifnull(max(rowid), 0) FROM \(table)")
    let placeholders = (1...n).map { "?\($0)" }.joined(separator: ", ")
    insert = try session.bulk.prepare(
      "INSERT INTO \(table) (\(names.joined(separator: ", "))) VALUES (\(placeholders)) ON CONFLICT DO NOTHING"
    )
    let rowPlaceholders = (0..<KindLoader.batchSize).map { row in
      "(" + (1...n).map { "?\(row * n + $0)" }.joined(separator: ", ") + ")"
    }
    batchInsert = try session.bulk.prepare(
      "INSERT INTO \(table) (\(names.joined(separator: ", "))) VALUES \(rowPlaceholders.joined(separator: ", ")) ON CONFLICT DO NOTHING"
    )
    batchArena = .allocate(capacity: KindLoader.batchArenaCapacity)
    batchRows = .allocate(capacity: KindLoader.batchSize)
    batchValues = .allocate(capacity: KindLoader.batchSize * n)
    batchValues.initialize(repeating: .null, count: KindLoader.batchSize * n)
    let keyMatch = keys.map { "\(names[$0]) = ?\($0 + 1)" }.joined(separator: " AND ")
    let others = (0..<n).filter { !keys.contains($0) }
    let differs =
      others.isEmpty
      ? "0" : others.map { "\(names[$0]) IS NOT ?\($0 + 1)" }.joined(separator: " OR ")
    findExisting = try session.bulk.prepare("SELECT rowid, \(differs) FROM \(table) WHERE \(keyMatch)")
    let sets = (0..<n).map { "\(names[$0]) = ?\($0 + 1)" }.joined(separator: ", ")
    update = try session.bulk.prepare("UPDATE \(table) SET \(sets) WHERE rowid = ?\(n + 1)")
    findLine = try session.bulk.prepare("SELECT file, line FROM \(lines) WHERE rid = ?1")
    insertLine = try session.bulk.prepare(
      "INSERT INTO \(lines) (rid, file, line) VALUES (?1, ?2, ?3) ON CONFLICT DO NOTHING")
    insertRejected = try session.bulk.prepare(
      "INSERT OR IGNORE INTO \(ImportSession.rejectedTable) (kind, key) VALUES (?1, ?2)")
    findRejected = try session.bulk.prepare("SELECT 1 FROM \(ImportSession.rejectedTable) WHERE kind = ?1 AND key = ?2")
    if kind == .facilities {
      facilityProvider = try session.bulk.prepare("SELECT provider_id FROM facilities WHERE rowid = ?1")
      insertMoved = try session.bulk.prepare(
        "INSERT OR IGNORE INTO \(ImportSession.movedFacilitiesTable) (facility_id, old_provider_id) VALUES (?1, ?2)"
      )
    } else {
      facilityProvider = nil
      insertMoved = nil
    }
    providerColumn = kind == .providers ? nil : names.firstIndex(of: "provider_id")
    providerExists = try session.bulk.prepare("SELECT 1 FROM providers WHERE provider_id = ?1")
    ownerColumn =
      kind == .fleets
      ? names.firstIndex(of: "facility_id")
      : kind == .loans ? names.firstIndex(of: "collateral_fleet_id") : nil
    switch kind {
    case .fleets:
      ownerOf = try session.bulk.prepare("SELECT provider_id FROM facilities WHERE facility_id = ?1")
    case .loans:
      ownerOf = try session.bulk.prepare("SELECT provider_id FROM fleets WHERE fleet_id = ?1")
    default:
      ownerOf = nil
    }
  }

  deinit {
    references.deallocate()
    values.deinitialize(count: columns.count)
    values.deallocate()
    plans.deinitialize(count: columns.count)
    plans.deallocate()
    fieldColumns.deallocate()
    batchArena.deallocate()
    batchRows.deallocate()
    batchValues.deinitialize(count: KindLoader.batchSize * columns.count)
    batchValues.deallocate()
  }

  // MARK: - Per file

  var file = InputFile(display: "", path: "", size: 0)
  var fileIndex = 0
  var map: [Int] = []
  /// `map` as plain memory, for the per-row loop (no reference count to touch).
  var fieldColumns = UnsafeMutablePointer<Int>.allocate(capacity: 1)
  /// Column index → CSV field index, or -1 when the file lacks the column.
  var fieldOf: [Int] = []

  func load(_ plan: FilePlan, file: InputFile) throws {
    self.file = file
    fileIndex = plan.index
    lineLog.startFile(plan.index)
    map = plan.map
    fieldColumns.deallocate()
    fieldColumns = .allocate(capacity: max(plan.map.count, 1))
    fieldColumns.initialize(from: plan.map, count: plan.map.count)
    fieldOf = [Int](repeating: -1, count: columns.count)
    for (field, column) in plan.map.enumerated() where column >= 0 { fieldOf[column] = field }
    for column in 0..<columns.count {
      values[column] = .null
      // Fields bind to the insert as they decode; a column this file lacks stays NULL.
      sqlite3_bind_null(insert.handle, Int32(column + 1))
    }
    for parameter in 0..<(KindLoader.batchSize * columns.count) {
      sqlite3_bind_null(batchInsert.handle, Int32(parameter + 1))
    }
    let reader = try CSVReader(path: file.path, handoff: file.stream)
    let rowsBefore = rows
    var header = true
    let progress = session.options.progress
    do {
      try reader.run(
        progress: { bytes in
          progress?(
            ImportProgress(
              file: file.display, kind: self.kind, bytesRead: bytes, totalBytes: file.size,
              rows: self.rows - rowsBefore))
        },
        handler: { reader in
          if header {
            header = false
          } else {
            self.process(reader)
          }
          return self.failure == nil
        })
    } catch let error as StructuralError {
      flushBatch()  // the rows before the broken one, in order, before its diagnostic
      let column = error.field.flatMap { $0 < map.count ? columns[map[$0]].name : nil }
      session.sink.add(
        Diagnostic(file: file.display, line: error.line, column: column, reason: error.reason))
    } catch {
      batchCount = 0  // the file cannot be read: the import stops
      arenaUsed = 0
      throw error
    }
    flushBatch()
    if let failure { throw failure }
    try lineLog.check()
    session.emptyLines += reader.emptyLines
  }

  /// Records the database failure that stops the import (the first one counts).
  func fail(_ error: DatabaseFailure) {
    if failure == nil { failure = error }
  }

  /// A step that did not finish: a constraint violation rejects the row (SQLite undoes only
  /// that statement, and the transaction must still be open); anything else stops the import.
  func rejectOrFail(_ origin: RowOrigin, _ rc: Int32) {
    if rc & 0xFF == SQLITE_CONSTRAINT && sqlite3_get_autocommit(connection) == 0 {
      report(origin, column: nil, reason: "rejected by the database: " + errorMessage())
    } else {
      fail(DatabaseFailure(connection, rc))
    }
  }

  /// Steps a lookup: true when it found a row; a failure stops the import (and reads as false).
  func found(_ statement: RawStatement) -> Bool {
    do { return try statement.step() } catch {
      fail(error)
      return false
    }
  }

  func columnName(field: Int) -> String? {
    field < map.count ? columns[map[field]].name : nil
  }

  func report(
    _ reader: CSVReader, column: Int?, reason: String, value: String? = nil
  ) {
    report(RowOrigin(reader), column: column, reason: reason, value: value)
  }

  func report(_ origin: RowOrigin, column: Int?, reason: String, value: String? = nil) {
    guard failure == nil else { return }  // the import stops: no row is to blame
    add(
      Diagnostic(
        file: file.display, line: origin.line, column: column.map { columns[$0].name },
        reason: reason, value: value, record: origin.recordText()))
  }

  /// Says a diagnostic now, or holds it while earlier rows wait in the batch.
  func add(_ diagnostic: Diagnostic) {
    if batchCount > 0 && !flushingBatch {
      heldDiagnostics.append(diagnostic)
    } else {
      session.sink.add(diagnostic)
    }
  }

  func reportField(_ reader: CSVReader, field: Int, reason: String) {
    report(reader, column: map[field], reason: reason, value: reader.fieldString(field))
  }

  func process(_ reader: CSVReader) {
    processRecord(reader)
    if !heldDiagnostics.isEmpty {
      // A row was refused: the rows before it are stored first, then its diagnostics are said
      // (so at most one row's diagnostics are ever held).
      flushBatch()
      if failure == nil {
        for diagnostic in heldDiagnostics { session.sink.add(diagnostic) }
      }
      heldDiagnostics.removeAll()
    }
  }

  private func processRecord(_ reader: CSVReader) {
    if let error = reader.byteError {
      add(
        Diagnostic(
          file: file.display, line: reader.recordLine, column: columnName(field: error.field),
          reason: error.reason, record: reader.recordText()))
      return
    }
    let count = reader.fieldCount
    let expected = map.count
    guard count == expected else {
      report(
        reader, column: nil,
        reason: "has \(count) \(count == 1 ? "field" : "fields"), but the header has \(expected)")
      return
    }
    let row = reader.row.pointee
    var base = row.buffer
    var statement = insert.handle
    var parameterOffset: Int32 = 0
    var batched: (need: Int, record: Int)?
    // A fresh row whose record lies in the current chunk joins the batch: its fields and its
    // raw text are copied to the arena, where they stay until the batch is stored.
    if !predictConflict, let raw = reader.recordBytesInChunk, let rawBase = raw.baseAddress {
      let need = row.used + raw.count
      if need <= KindLoader.batchArenaCapacity {
        if arenaUsed + need > KindLoader.batchArenaCapacity {
          flushBatch()
          if failure != nil { return }
        }
        let at = batchArena + arenaUsed
        at.update(from: row.buffer, count: row.used)
        (at + row.used).update(from: rawBase, count: raw.count)
        base = at
        statement = batchInsert.handle
        parameterOffset = Int32(truncatingIfNeeded: batchCount &* columns.count)
        batched = (need, arenaUsed + row.used)
      }
    }
    if batched == nil && batchCount > 0 {
      flushBatch()  // rows are stored in file order
      if failure != nil { return }
    }
    var ok = decodeFields(
      reader, fields: fieldColumns, count: count, base: base, statement: statement,
      parameterOffset: parameterOffset)
    if ok { ok = checkRow(reader) }
    if ok { ok = checkReferences(reader) }
    if !ok {
      rememberRejected(reader)
    } else if let batched {
      addToBatch(line: reader.recordLine, need: batched.need, record: batched.record)
    } else {
      store(RowOrigin(reader))
    }
  }
}
