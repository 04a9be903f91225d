import Domain
import GRDBSQLite
import Store

/// Upsert with reused raw statements (§8): insert, or update the stored row with the same key,
/// counting inserted / updated / unchanged; and where each row came from.
extension KindLoader {
  @inline(__always) func bindValues(_ statement: OpaquePointer) {
    let values = self.values
    for column in 0..<columns.count {
      let index = Int32(column + 1)
      switch values[column] {
      case .null: sqlite3_bind_null(statement, index)
      case .integer(let v): sqlite3_bind_int64(statement, index, v)
      case .real(let v): sqlite3_bind_double(statement, index, v)
      case .text(let pointer, let length):
        sqlite3_bind_text(
          statement, index, UnsafeRawPointer(pointer).assumingMemoryBound(to: CChar.self),
          Int32(length), nil)
      }
    }
  }

  enum Existing {
    case none
    case found(rowid: Int64, differs: Bool)
    case failed(Int32)
  }

  /// The stored row with this row's key, and whether any of its columns differ.
  func existing() -> Existing {
    let statement = findExisting.handle
    bindValues(statement)
    defer { sqlite3_reset(statement) }
    switch sqlite3_step(statement) {
    case SQLITE_ROW:
      return .found(
        rowid: sqlite3_column_int64(statement, 0), differs: sqlite3_column_int64(statement, 1) != 0)
    case SQLITE_DONE: return .none
    case let rc: return .failed(rc)
    }
  }

  /// Inserts the row, or updates the stored row with its key (counting it updated or
  /// unchanged), or reports a duplicate of a row imported earlier. A fresh import inserts
  /// first; once a key exists, rows look theirs up first (a re-import mostly updates). The
  /// insert statement's parameters hold the row already (bound as the fields decoded) unless
  /// `rebind` is set (a batched row stored on its own).
  func store(_ origin: RowOrigin, rebind: Bool = false) {
    var found = Existing.none
    if predictConflict {
      found = existing()
      if case .none = found { predictConflict = false }
    }
    if case .none = found {
      let statement = insert.handle
      if rebind { bindValues(statement) }
      let rc = sqlite3_step(statement)
      guard rc == SQLITE_DONE else {
        rejectOrFail(origin, rc)
        sqlite3_reset(statement)
        return
      }
      sqlite3_reset(statement)
      if sqlite3_changes(connection) > 0 {
        inserted(rowid: sqlite3_last_insert_rowid(connection), line: origin.line)
        return
      }
      predictConflict = true
      found = existing()
    }
    resolveConflict(found, origin)
  }

  /// Counts a row the insert stored and remembers its line.
  @inline(__always) func inserted(rowid: Int64, line: Int) {
    rows += 1
    counts.inserted += 1
    if rowid == base + Int64(lineLog.count) + 1 {
      lineLog.append(line)
    } else {
      _ = rememberLine(rowid, line)  // not expected: rowids follow the largest
    }
  }

  /// A row the insert did not store because its key exists (`found`, looked up after the
  /// insert): updates the stored row or counts it unchanged, or reports a duplicate.
  func resolveConflict(_ found: Existing, _ origin: RowOrigin) {
    let rowid: Int64
    let differs: Bool
    switch found {
    case .found(let foundRowid, let foundDiffers):
      (rowid, differs) = (foundRowid, foundDiffers)
    case .failed(let rc):
      fail(DatabaseFailure(connection, rc))
      return
    case .none:
      // Not inserted (a conflict), yet not found by its key: the key is stored differently.
      report(origin, column: nil, reason: "rejected by the database: " + errorMessage())
      return
    }
    // Imported earlier in this invocation (inserted, or a stored row already touched)?
    if rowid > base || !rememberLine(rowid, origin.line) {
      if failure != nil { return }
      let key = keyIndexes.compactMap { text($0) }.joined(separator: ", ")
      var place = "an earlier row"
      let first: (file: Int, line: Int)?
      do { first = try locateIndex(rowid) } catch {
        fail(error)
        return
      }
      if let (firstFile, firstLine) = first {
        place =
          firstFile == fileIndex
          ? "line \(firstLine)" : "\(session.display(fileIndex: firstFile)):\(firstLine)"
      }
      report(
        origin, column: keyIndexes.first, reason: "is a duplicate key (first at \(place))",
        value: key)
      return
    }
    rows += 1
    guard differs else {
      counts.unchanged += 1
      return
    }
    if kind == .facilities {
      rememberMove(rowid)
      if failure != nil { return }
    }
    let statement = update.handle
    bindValues(statement)
    sqlite3_bind_int64(statement, Int32(columns.count + 1), rowid)
    let rc = sqlite3_step(statement)
    guard rc == SQLITE_DONE else {
      rows -= 1
      rejectOrFail(origin, rc)
      sqlite3_reset(statement)
      return
    }
    sqlite3_reset(statement)
    counts.updated += 1
  }

  /// Records where a stored row was touched; false when it already was (a duplicate), or when
  /// the database failed (then `failure` is set).
  func rememberLine(_ rowid: Int64, _ line: Int) -> Bool {
    let statement = insertLine.handle
    sqlite3_bind_int64(statement, 1, rowid)
    sqlite3_bind_int64(statement, 2, Int64(fileIndex))
    sqlite3_bind_int64(statement, 3, Int64(line))
    let rc = sqlite3_step(statement)
    sqlite3_reset(statement)
    guard rc == SQLITE_DONE else {
      fail(DatabaseFailure(connection, rc))
      return false
    }
    return sqlite3_changes(connection) > 0
  }

  func errorMessage() -> String { String(cString: sqlite3_errmsg(connection)) }

  /// A stored facility that changes provider: its stored fleets must follow (checked later).
  func rememberMove(_ rowid: Int64) {
    guard let lookup = facilityProvider, let insert = insertMoved,
      let newProvider = text(index("provider_id")), let facility = text(index("facility_id"))
    else { return }
    lookup.bind(1, rowid)
    let oldProvider = found(lookup) ? lookup.text(0) : nil
    lookup.reset()
    guard let oldProvider, oldProvider != newProvider else { return }
    insert.bind(1, facility)
    insert.bind(2, oldProvider)
    _ = found(insert)
    insert.reset()
  }

  /// File index and line of a row this import inserted or touched; nil for other rows.
  func locateIndex(_ rowid: Int64) throws(DatabaseFailure) -> (file: Int, line: Int)? {
    findLine.bind(1, rowid)
    defer { findLine.reset() }
    if try findLine.step() {
      return (Int(findLine.int(0)), Int(findLine.int(1)))
    }
    return rowid > base ? lineLog.lookup(Int(rowid - base - 1)) : nil
  }

  /// File (as the user named it) and line of a row this import inserted or touched.
  func locate(_ rowid: Int64) throws(DatabaseFailure) -> (file: String, line: Int)? {
    try locateIndex(rowid).map { (session.display(fileIndex: $0.file), $0.line) }
  }

  /// SQL conditions that, together (OR), select the rows this import inserted or touched;
  /// kept apart so that each query can use the rowid range or the TEMP table.
  func importedConditions(_ alias: String) -> [String] {
    ["\(alias)rowid > \(base)", "\(alias)rowid IN (SELECT rid FROM \(touchedTable))"]
  }

  func importedCondition(_ alias: String) -> String {
    "(" + importedConditions(alias).joined(separator: " OR ") + ")"
  }
}
