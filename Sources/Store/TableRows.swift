import Domain
import GRDB
import GRDBSQLite

/// Reads whole input tables as text, in one read transaction: the form `export` writes and the
/// input fingerprint hashes (DESIGN §2, §7).
package final class TableReader {
  private let connection: OpaquePointer

  fileprivate init(connection: OpaquePointer) {
    self.connection = connection
  }

  /// Calls `body` with every row of `kind`'s table, rows by key (BINARY collation: byte order),
  /// each field in `kind.columns` order as text: money as decimal dollars (`Money.csvText`),
  /// integers in decimal, other numbers in shortest round-trip plain form, text as stored, a
  /// missing optional value empty. `onlyRubricCriteria` leaves out assessments of criteria the
  /// rubric no longer has. The fields array is reused from row to row.
  package func forEachRow(
    _ kind: TableKind, onlyRubricCriteria: Bool = false, _ body: ([String]) throws -> Void
  ) throws {
    let columns = kind.columns
    var sql = "SELECT \(kind.selectList) FROM \(kind.table)"
    if onlyRubricCriteria && kind == .assessments {
      sql += " WHERE criterion_id IN (SELECT criterion_id FROM rubric)"
    }
    sql += " ORDER BY " + kind.keyColumns.joined(separator: ", ")
    let statement = try RawStatement(connection, sql)
    var fields = [String](repeating: "", count: columns.count)
    try statement.forEach { row in
      for (index, column) in columns.enumerated() {
        let i = Int32(index)
        if row.isNull(i) {
          fields[index] = ""
          continue
        }
        switch column.type {
        case .money: fields[index] = Money(cents: row.int(i)).csvText
        case .integer: fields[index] = String(row.int(i))
        case .number: fields[index] = fastPlainDecimal(row.double(i))
        default: fields[index] = row.text(i) ?? ""
        }
      }
      try body(fields)
    }
  }
}

extension Store {
  /// Runs `body` with a reader of whole tables, in one read transaction. SQLite's errors about
  /// the file (busy, read-only, damaged, full) are thrown as StoreErrors, other SQLite failures
  /// as `DatabaseFailure`; `body`'s own errors as they are.
  package func readTables<T>(_ body: (TableReader) throws -> T) throws -> T {
    do {
      return try read { db in
        guard let connection = db.sqliteConnection else {
          throw DatabaseFailure(code: SQLITE_MISUSE, message: "the database connection is closed")
        }
        return try body(TableReader(connection: connection))
      }
    } catch let failure as DatabaseFailure {
      throw failure.storeError(path: path) ?? failure
    } catch let error as DatabaseError {
      throw DatabaseFailure(code: error.extendedResultCode.rawValue, message: error.message ?? "\(error)")
    }
  }
}
