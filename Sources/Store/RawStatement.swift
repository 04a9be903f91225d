import GRDBSQLite

/// `SQLITE_TRANSIENT` (a C macro Swift does not import): SQLite copies the bound bytes.
let sqliteTransient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

/// SQLite failed: its message and (extended) result code. Thrown by the raw statements, whose
/// callers say what failed in their own words (`ImportError.database` for the import).
package struct DatabaseFailure: Error, Sendable, Equatable {
  /// The extended result code (`code & 0xFF` is the primary one, e.g. SQLITE_FULL).
  package var code: Int32
  package var message: String

  package init(code: Int32, message: String) {
    self.code = code
    self.message = message
  }

  /// The connection's last error after a call returned `rc`.
  package init(_ connection: OpaquePointer, _ rc: Int32) {
    let extended = sqlite3_extended_errcode(connection)
    code = extended & 0xFF == rc & 0xFF ? extended : rc
    message = String(cString: sqlite3_errmsg(connection))
  }
}

extension DatabaseFailure {
  /// The StoreError for a failure SQLite reports about the file itself (busy, read-only,
  /// damaged, full), as `StoreError.classify` gives for GRDB's errors; nil for any other.
  package func storeError(path: String) -> StoreError? {
    let reason = oneLine(message)
    switch code & 0xFF {
    case SQLITE_BUSY, SQLITE_LOCKED: return .busy(path: path, canWait: true)
    case SQLITE_READONLY: return .readOnly(path: path, reason: reason)
    case SQLITE_CORRUPT, SQLITE_NOTADB: return .damaged(path: path, reason: reason)
    case SQLITE_FULL: return .diskFull(path: path)
    default: return nil
    }
  }
}

/// A prepared statement on the raw connection, for the import's hot loop and the checks around
/// it, and for streaming whole tables: GRDB's per-row `execute(arguments:)` costs about 2.7× the
/// C yardstick (DESIGN §8). Store hands them out (`BulkLoadSession.prepare`).
package final class RawStatement {
  package let handle: OpaquePointer
  let connection: OpaquePointer

  init(_ connection: OpaquePointer, _ sql: String) throws(DatabaseFailure) {
    var handle: OpaquePointer?
    let rc = sqlite3_prepare_v2(connection, sql, -1, &handle, nil)
    guard rc == SQLITE_OK, let handle else {
      throw DatabaseFailure(connection, rc)
    }
    self.handle = handle
    self.connection = connection
  }

  deinit { sqlite3_finalize(handle) }

  package func bind(_ index: Int32, _ text: String?) {
    guard let text else {
      sqlite3_bind_null(handle, index)
      return
    }
    sqlite3_bind_text(handle, index, text, -1, sqliteTransient)
  }

  package func bind(_ index: Int32, _ value: Int64) { sqlite3_bind_int64(handle, index, value) }

  /// Steps once: true when a row is available, false when done; any other result throws with
  /// SQLite's result code (a failed step may have rolled the whole transaction back, so it is
  /// never a per-row problem).
  package func step() throws(DatabaseFailure) -> Bool {
    let rc = sqlite3_step(handle)
    if rc == SQLITE_ROW { return true }
    if rc == SQLITE_DONE { return false }
    let error = DatabaseFailure(connection, rc)
    sqlite3_reset(handle)
    throw error
  }

  package func reset() {
    sqlite3_reset(handle)
    sqlite3_clear_bindings(handle)
  }

  package func text(_ column: Int32) -> String? {
    guard sqlite3_column_type(handle, column) != SQLITE_NULL,
      let pointer = sqlite3_column_text(handle, column)
    else { return nil }
    return String(cString: pointer)
  }

  package func int(_ column: Int32) -> Int64 { sqlite3_column_int64(handle, column) }
  package func double(_ column: Int32) -> Double { sqlite3_column_double(handle, column) }
  package func isNull(_ column: Int32) -> Bool { sqlite3_column_type(handle, column) == SQLITE_NULL }

  /// Runs the statement, calling `row` for each result row, then resets it.
  package func forEach(_ row: (RawStatement) throws -> Void) throws {
    defer { reset() }
    while try step() { try row(self) }
  }
}

extension OpaquePointer {
  /// Runs SQL without results on a raw connection.
  func exec(_ sql: String) throws(DatabaseFailure) {
    var message: UnsafeMutablePointer<CChar>?
    let rc = sqlite3_exec(self, sql, nil, nil, &message)
    if rc != SQLITE_OK {
      let text = message.map { String(cString: $0) } ?? String(cString: sqlite3_errmsg(self))
      sqlite3_free(message)
      throw DatabaseFailure(code: sqlite3_extended_errcode(self), message: text)
    }
  }
}
