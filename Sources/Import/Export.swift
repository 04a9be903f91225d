import Domain
import Foundation
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
package func exportAll(from store: Store, to directory: String) throws -> [(Kind, Int)] {
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
    try store.readTables { reader in
      for kind in Kind.allCases {
        let path = (directory as NSString).appendingPathComponent("\(kind.rawValue).csv")
        let writer = CSVWriter(file: try OutputFile.create(path, policy: .replace, protecting: database))
        writers.append(writer)
        writer.writeRow(kind.columns.map(\.name))
        var count = 0
        try reader.forEachRow(kind, onlyRubricCriteria: true) { fields in
          writer.writeRow(fields)
          count += 1
        }
        try writer.finishWriting()
        result.append((kind, count))
      }
    }
    for writer in writers { try writer.publish() }
  } catch {
    for writer in writers { writer.discard() }
    if error is ImportError || error is OutputFileError || error is StoreError { throw error }
    if let failure = error as? DatabaseFailure {
      throw ImportError.database(reason: failure.message, code: failure.code)
    }
    throw ImportError.database(reason: "\(error)")
  }
  OutputFile.syncDirectory(of: (directory as NSString).appendingPathComponent("."))
  return result
}
