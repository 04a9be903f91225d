import Domain
import Foundation
import GRDB
import GRDBSQLite
import Store

/// Writes every kind to `DIR/<kind>.csv` in the §2 format: all columns in §2 order (an optional
/// one empty when not given), rows by key, money from cents, other numbers in shortest
/// round-trip plain form, RFC 4180 quoting, LF. Importing the result changes nothing.
/// Assessments of criteria the rubric no longer has are left out. Returns the rows per kind.
public func exportAll(from store: Store, to directory: String) throws -> [(Kind, Int)] {
  do {
    try FileManager.default.createDirectory(
      atPath: directory, withIntermediateDirectories: true)
  } catch {
    throw ImportError.cannotWrite(path: directory, reason: "cannot create the directory")
  }
  var result: [(Kind, Int)] = []
  do {
    try store.queue.read { db in
      guard let connection = db.sqliteConnection else {
        throw ImportError.database(reason: "the database connection is closed")
      }
      for kind in Kind.allCases {
        let path = (directory as NSString).appendingPathComponent("\(kind.rawValue).csv")
        let count = try export(kind, connection: connection, to: path)
        result.append((kind, count))
      }
    }
  } catch let error as ImportError {
    throw error
  } catch {
    throw ImportError.database(reason: "\(error)")
  }
  return result
}

private func export(_ kind: Kind, connection: OpaquePointer, to path: String) throws -> Int {
  let columns = kind.columns
  let names = columns.map(\.name)
  var sql = "SELECT \(names.joined(separator: ", ")) FROM \(kind.table)"
  if kind == .assessments {
    sql += " WHERE criterion_id IN (SELECT criterion_id FROM rubric)"
  }
  sql += " ORDER BY " + kind.keyColumns.joined(separator: ", ")
  let statement = try RawStatement(connection, sql)
  let writer = try CSVWriter(path: path)
  writer.writeRow(names)
  var count = 0
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
      case .number: fields[index] = plainDecimal(row.double(i))
      default: fields[index] = row.text(i) ?? ""
      }
    }
    writer.writeRow(fields)
    count += 1
  }
  do { try writer.close() } catch {
    throw ImportError.cannotWrite(path: path, reason: "\(error)")
  }
  return count
}
