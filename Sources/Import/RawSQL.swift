import GRDBSQLite

/// `SQLITE_TRANSIENT` (a C macro Swift does not import): SQLite copies the bound bytes.
let sqliteTransient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

/// A prepared statement on the raw connection, for the hot loop and the checks around it:
/// GRDB's per-row `execute(arguments:)` costs about 2.7× the C yardstick (§8).
final class RawStatement {
  let handle: OpaquePointer
  let connection: OpaquePointer
  let sql: String

  init(_ connection: OpaquePointer, _ sql: String) throws(ImportError) {
    var handle: OpaquePointer?
    let rc = sqlite3_prepare_v2(connection, sql, -1, &handle, nil)
    guard rc == SQLITE_OK, let handle else {
      throw ImportError.database(connection, rc)
    }
    self.handle = handle
    self.connection = connection
    self.sql = sql
  }

  deinit { sqlite3_finalize(handle) }

  func bind(_ index: Int32, _ text: String?) {
    guard let text else {
      sqlite3_bind_null(handle, index)
      return
    }
    sqlite3_bind_text(handle, index, text, -1, sqliteTransient)
  }

  func bind(_ index: Int32, _ value: Int64) { sqlite3_bind_int64(handle, index, value) }

  /// Steps once: true when a row is available, false when done; any other result throws
  /// `ImportError.database` with SQLite's result code (a failed step may have rolled the whole
  /// transaction back, so it is never a per-row problem).
  func step() throws(ImportError) -> Bool {
    let rc = sqlite3_step(handle)
    if rc == SQLITE_ROW { return true }
    if rc == SQLITE_DONE { return false }
    let error = ImportError.database(connection, rc)
    sqlite3_reset(handle)
    throw error
  }

  func reset() {
    sqlite3_reset(handle)
    sqlite3_clear_bindings(handle)
  }

  func text(_ column: Int32) -> String? {
    guard sqlite3_column_type(handle, column) != SQLITE_NULL,
      let pointer = sqlite3_column_text(handle, column)
    else { return nil }
    return String(cString: pointer)
  }

  func int(_ column: Int32) -> Int64 { sqlite3_column_int64(handle, column) }
  func double(_ column: Int32) -> Double { sqlite3_column_double(handle, column) }
  func isNull(_ column: Int32) -> Bool { sqlite3_column_type(handle, column) == SQLITE_NULL }

  /// Runs the statement, calling `row` for each result row, then resets it.
  func forEach(_ row: (RawStatement) throws -> Void) throws {
    defer { reset() }
    while try step() { try row(self) }
  }
}

extension OpaquePointer {
  /// Runs SQL without results on a raw connection.
  func exec(_ sql: String) throws(ImportError) {
    var message: UnsafeMutablePointer<CChar>?
    let rc = sqlite3_exec(self, sql, nil, nil, &message)
    if rc != SQLITE_OK {
      let text = message.map { String(cString: $0) } ?? String(cString: sqlite3_errmsg(self))
      sqlite3_free(message)
      throw ImportError.database(reason: text, code: sqlite3_extended_errcode(self))
    }
  }

  func scalarInt(_ sql: String) throws(ImportError) -> Int64 {
    let statement = try RawStatement(self, sql)
    defer { statement.reset() }
    return try statement.step() ? statement.int(0) : 0
  }
}

extension ImportError {
  /// The connection's last error: SQLite's message and its (extended) result code `rc`.
  static func database(_ connection: OpaquePointer, _ rc: Int32) -> ImportError {
    let extended = sqlite3_extended_errcode(connection)
    return .database(
      reason: String(cString: sqlite3_errmsg(connection)),
      code: extended & 0xFF == rc & 0xFF ? extended : rc)
  }
}
