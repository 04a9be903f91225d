import GRDB
import GRDBSQLite

/// One bulk load (the import) on the store's connection: hands out raw prepared statements for
/// the hot loop (DESIGN §8: GRDB's per-row execute costs about 2.7× the C yardstick) while
/// `Store.bulkLoad` owns the transaction around them.
package final class BulkLoadSession {
  /// The raw connection, for binding and stepping the statements this session prepared.
  package let connection: OpaquePointer

  init(connection: OpaquePointer) {
    self.connection = connection
  }

  package func prepare(_ sql: String) throws(DatabaseFailure) -> RawStatement {
    try RawStatement(connection, sql)
  }

  /// Runs SQL without results (TEMP tables, set-based deletes).
  package func execute(_ sql: String) throws(DatabaseFailure) {
    try connection.exec(sql)
  }

  /// The first column of the first row, 0 when there is none.
  package func scalarInt(_ sql: String) throws(DatabaseFailure) -> Int64 {
    let statement = try RawStatement(connection, sql)
    defer { statement.reset() }
    return try statement.step() ? statement.int(0) : 0
  }

  /// Turns SQLite's evaluation of the tables' CHECK constraints off (`enabled: false`) or back
  /// on, for statements prepared after the call (SQLite re-prepares the others). Only for a
  /// table whose every CHECK the loader enforces itself, field by field, before binding: the
  /// checks then cost about 8 % of a 1,000,000-row load and can never fail. The load turns them
  /// back on when it ends, whatever happens.
  package func setCheckConstraints(enabled: Bool) throws(DatabaseFailure) {
    try connection.exec("PRAGMA ignore_check_constraints = \(enabled ? "OFF" : "ON")")
  }

  /// Rows changed by the last INSERT, UPDATE or DELETE.
  package var changes: Int { Int(sqlite3_changes(connection)) }

  /// Throws when SQLite has ended the transaction on its own (it rolls back on a full disk, an
  /// I/O error or out of memory): nothing that follows may run outside the transaction.
  package func checkTransaction() throws(DatabaseFailure) {
    guard sqlite3_get_autocommit(connection) != 0 else { return }
    let code = sqlite3_extended_errcode(connection)
    throw DatabaseFailure(
      code: code == SQLITE_OK ? SQLITE_ERROR : code,
      message: "SQLite ended the transaction (\(String(cString: sqlite3_errmsg(connection))))")
  }

  /// `DROP TABLE` for each TEMP table of the connection.
  fileprivate func temporaryTableDrops() throws(DatabaseFailure) -> [String] {
    var drops: [String] = []
    let statement = try RawStatement(
      connection, "SELECT name FROM temp.sqlite_master WHERE type = 'table' ORDER BY name")
    defer { statement.reset() }
    while try statement.step() {
      let name = statement.text(0) ?? ""
      drops.append("DROP TABLE temp.\"" + name.replacingOccurrences(of: "\"", with: "\"\"") + "\"")
    }
    return drops
  }

  fileprivate func dropTemporaryTables() throws(DatabaseFailure) {
    for drop in try temporaryTableDrops() { try connection.exec(drop) }
  }
}

extension Store {
  /// Runs `body` in one IMMEDIATE transaction with SQLite's foreign-key checks off (the loader
  /// checks references itself, set-based, as the database will be after the load: per-row checks
  /// would cost more than the insert). Commits when `body` returns `commit: true`, else rolls
  /// back; on a throw rolls back (unless SQLite already has: a full disk, an I/O error) and
  /// rethrows. TEMP tables the body creates are dropped when it ends. Database errors are thrown
  /// as `DatabaseFailure`.
  package func bulkLoad<T>(_ body: (BulkLoadSession) throws -> (value: T, commit: Bool)) throws -> T {
    do {
      return try queue.writeWithoutTransaction { db in
        guard let connection = db.sqliteConnection else {
          throw DatabaseFailure(code: SQLITE_MISUSE, message: "the database connection is closed")
        }
        let session = BulkLoadSession(connection: connection)
        try session.dropTemporaryTables()  // leftovers of a load that could not clean up
        try connection.exec("PRAGMA foreign_keys = OFF")  // only takes effect outside a transaction
        defer { Store.endBulkLoad(session) }
        try connection.exec("BEGIN IMMEDIATE")
        do {
          let outcome = try body(session)
          try session.checkTransaction()
          try connection.exec(outcome.commit ? "COMMIT" : "ROLLBACK")
          return outcome.value
        } catch {
          // The error that stopped the load is the one to report, whatever ROLLBACK says.
          if sqlite3_get_autocommit(connection) == 0 {
            _ = sqlite3_exec(connection, "ROLLBACK", nil, nil, nil)
          }
          throw error
        }
      }
    } catch let error as DatabaseError {
      throw DatabaseFailure(code: error.extendedResultCode.rawValue, message: error.message ?? "\(error)")
    }
  }

  /// After the transaction has ended: drops the TEMP tables and turns foreign keys and CHECK
  /// constraints back on. None of this touches stored data, so a failure here must not turn a
  /// committed load into a reported failure (nor hide the error that ended a failed one); TEMP
  /// tables belong to this connection only, and the next load drops leftovers first (and throws
  /// if it cannot).
  private static func endBulkLoad(_ session: BulkLoadSession) {
    do {
      for drop in try session.temporaryTableDrops() {
        _ = sqlite3_exec(session.connection, drop, nil, nil, nil)
      }
    } catch {}
    _ = sqlite3_exec(session.connection, "PRAGMA foreign_keys = ON", nil, nil, nil)
    _ = sqlite3_exec(session.connection, "PRAGMA ignore_check_constraints = OFF", nil, nil, nil)
  }
}
