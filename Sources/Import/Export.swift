import Domain
import Foundation
import GRDB
import GRDBSQLite
import Store

/// Writes every kind to `DIR/<kind>.csv` in the §2 format: all columns in §2 order (an optional
/// one empty when not given), rows by key, money from cents, other numbers in shortest
/// round-trip plain form, RFC 4180 quoting, LF. Importing the result changes nothing.
/// Assessments of criteria the rubric no longer has are left out. Returns the rows per kind.
///
/// Atomic as a set (issue 15 item 3): every file is written to a temporary name in `DIR` and
/// flushed, and only when all succeeded are they renamed over the previous export, one right
/// after the other; any failure removes the temporary files and leaves the previous export
/// whole. A name that holds a symbolic link gets a new file; the link's target is never written.
public func exportAll(from store: Store, to directory: String) throws -> [(Kind, Int)] {
  do {
    try FileManager.default.createDirectory(
      atPath: directory, withIntermediateDirectories: true)
  } catch {
    throw ImportError.cannotWrite(path: directory, reason: "cannot create the directory")
  }
  OutputFile.removeLeftovers(in: directory)
  let database = DatabaseFiles(databasePath: store.path)
  var result: [(Kind, Int)] = []
  var writers: [CSVWriter] = []
  do {
    try store.queue.read { db in
      guard let connection = db.sqliteConnection else {
        throw ImportError.database(reason: "the database connection is closed")
      }
      for kind in Kind.allCases {
        let path = (directory as NSString).appendingPathComponent("\(kind.rawValue).csv")
        let writer = CSVWriter(file: try OutputFile.create(path, policy: .replace, protecting: database))
        writers.append(writer)
        let count = try export(kind, connection: connection, to: writer)
        try writer.finishWriting()
        result.append((kind, count))
      }
    }
    for writer in writers { try writer.publish() }
  } catch {
    for writer in writers { writer.discard() }
    if error is ImportError || error is OutputFileError { throw error }
    throw ImportError.database(reason: "\(error)")
  }
  OutputFile.syncDirectory(of: (directory as NSString).appendingPathComponent("."))
  return result
}

private func export(_ kind: Kind, connection: OpaquePointer, to writer: CSVWriter) throws -> Int {
  let columns = kind.columns
  let names = columns.map(\.name)
  var sql = "SELECT \(names.joined(separator: ", ")) FROM \(kind.table)"
  if kind == .assessments {
    sql += " WHERE criterion_id IN (SELECT criterion_id FROM rubric)"
  }
  sql += " ORDER BY " + kind.keyColumns.joined(separator: ", ")
  let statement = try RawStatement(connection, sql)
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
  return count
}
