import Domain
import Foundation
import Store

/// Writes every kind to `DIR/<kind>.csv` in the §2 format: all columns in §2 order (an optional
/// one empty when not given), rows by key, money from cents, other numbers in shortest
/// round-trip plain form, RFC 4180 quoting, LF. Importing the result changes nothing.
/// Assessments of criteria the rubric no longer has are left out. Returns the rows per kind.
package func exportAll(from store: Store, to directory: String) throws -> [(Kind, Int)] {
  do {
    try FileManager.default.createDirectory(
      atPath: directory, withIntermediateDirectories: true)
  } catch {
    throw ImportError.cannotWrite(path: directory, reason: "cannot create the directory")
  }
  var result: [(Kind, Int)] = []
  do {
    try store.readTables { reader in
      for kind in Kind.allCases {
        let path = (directory as NSString).appendingPathComponent("\(kind.rawValue).csv")
        let writer = try CSVWriter(path: path)
        writer.writeRow(kind.columns.map(\.name))
        var count = 0
        try reader.forEachRow(kind, onlyRubricCriteria: true) { fields in
          writer.writeRow(fields)
          count += 1
        }
        do { try writer.close() } catch {
          throw ImportError.cannotWrite(path: path, reason: "\(error)")
        }
        result.append((kind, count))
      }
    }
  } catch let error as ImportError {
    throw error
  } catch let failure as DatabaseFailure {
    throw ImportError.database(reason: failure.message, code: failure.code)
  } catch {
    throw ImportError.database(reason: "\(error)")
  }
  return result
}
