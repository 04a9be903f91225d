import Domain
import Foundation
import Store

/// One problem in the input, with its location: `fleets.csv:1042:gpu_count: 'sixteen' is not an
/// integer`. `line` is the physical line (1-based) where the record starts; 0 means the whole file.
package struct Diagnostic: Sendable, Equatable, CustomStringConvertible {
  /// The file as the user named it.
  package var file: String
  package var line: Int
  package var column: String?
  /// What is wrong, e.g. `is not an integer`; follows the quoted value when there is one.
  package var reason: String
  /// The offending value, as given.
  package var value: String?
  /// The raw text of the record, when known (for `--rejects`).
  package var record: String?

  package init(
    file: String, line: Int, column: String? = nil, reason: String, value: String? = nil,
    record: String? = nil
  ) {
    self.file = file
    self.line = line
    self.column = column
    self.reason = reason
    self.value = value
    self.record = record
  }

  /// `'sixteen' is not an integer`: the value (quoted, truncated to 40 characters, control
  /// characters escaped) and the reason.
  package var message: String {
    guard let value else { return reason }
    return "'\(Diagnostic.display(value))' \(reason)"
  }

  package var location: String {
    var text = file
    if line > 0 { text += ":\(line)" }
    if let column { text += ":\(column)" }
    return text
  }

  package var description: String { "\(location): \(message)" }

  static let maxValueCharacters = 40

  static func display(_ value: String) -> String {
    var out = ""
    var count = 0
    for scalar in value.unicodeScalars {
      if count == maxValueCharacters {
        out += "…"
        break
      }
      switch scalar {
      case "\n": out += "\\n"
      case "\r": out += "\\r"
      case "\t": out += "\\t"
      case "\0": out += "\\0"
      default:
        if scalar.value < 0x20 || scalar.value == 0x7F {
          out += "\\u{\(String(scalar.value, radix: 16))}"
        } else {
          out.unicodeScalars.append(scalar)
        }
      }
      count += 1
    }
    return out
  }
}

/// Errors of `importFiles` and `exportAll`. Each says what is wrong and what to do.
package enum ImportError: Error, LocalizedError, Equatable, Sendable {
  /// Bad data: the first 50 diagnostics and the total count. Nothing was imported. Exit 65.
  case invalidData(diagnostics: [Diagnostic], total: Int)
  /// Exit 66.
  case fileNotFound(path: String)
  /// A directory with no `*.csv` directly in it. Exit 66.
  case noCSVFiles(directory: String)
  /// Exit 66.
  case unreadable(path: String, reason: String)
  /// An output (export file, rejects file) that cannot be written. Exit 66 (73 means a newer
  /// database in §5).
  case cannotWrite(path: String, reason: String)
  /// SQLite failed for a reason that is not the data's: its message and (extended) result
  /// code. The whole import is rolled back. Exit 74 for a full disk or an I/O error, 75 when
  /// busy, 77 when read-only, 65 when damaged, else 1.
  case database(reason: String, code: Int32 = 1)  // SQLITE_ERROR
  /// Memory for reading a record ran out: nothing was imported. Exit 1 (§5 has no code of its
  /// own for it; SQLite's own out-of-memory exits 1 too).
  case outOfMemory

  /// At most this many diagnostics are carried (and printed).
  package static let maxDiagnostics = 50

  package var errorDescription: String? {
    switch self {
    case .invalidData(_, let total):
      return "\(formatCount(total)) \(total == 1 ? "error" : "errors"); nothing was imported."
    case .fileNotFound(let path):
      return "'\(path)' does not exist: name a CSV file or a directory of CSV files."
    case .noCSVFiles(let directory):
      return "directory '\(directory)' holds no *.csv files: name the files or another directory."
    case .unreadable(let path, let reason):
      return "cannot read '\(path)': \(reason)."
    case .cannotWrite(let path, let reason):
      return "cannot write '\(path)': \(reason)."
    case .outOfMemory:
      return "out of memory while reading the input: nothing was imported; free some memory and try again."
    case .database(let reason, let code):
      switch code & 0xFF {
      case SQLiteCode.full:
        return "the disk is full: nothing was imported."
      case SQLiteCode.ioError:
        return "the disk failed to read or write the database (SQLite: \(reason)): nothing was imported."
      case SQLiteCode.busy, SQLiteCode.locked:
        return "the database is busy (another program holds an SQLite lock): nothing was imported; try again."
      case SQLiteCode.readOnly:
        return "the database is read-only: nothing was imported."
      case SQLiteCode.corrupt, SQLiteCode.notADatabase:
        return
          "the database is damaged (SQLite: \(reason)): nothing was imported; restore a backup or run `sqlite3 DB .recover`."
      case SQLiteCode.noMemory:
        return "out of memory: nothing was imported."
      default:
        return "the database failed during the import: \(reason); nothing was imported."
      }
    }
  }

  /// The lines to print on stderr: for invalid data each diagnostic, then the count line;
  /// otherwise the one sentence.
  package var lines: [String] {
    switch self {
    case .invalidData(let diagnostics, let total):
      var lines = diagnostics.map(\.description)
      if total > diagnostics.count {
        lines.append("… and \(formatCount(total - diagnostics.count)) more (--rejects FILE writes them all).")
      }
      lines.append(errorDescription ?? "")
      return lines
    default:
      return [errorDescription ?? ""]
    }
  }

  /// The sysexits code the CLI should exit with.
  package var exitCode: Int32 {
    switch self {
    case .invalidData: return 65
    case .fileNotFound, .noCSVFiles, .unreadable, .cannotWrite: return 66
    case .outOfMemory: return 1
    case .database(_, let code):
      switch code & 0xFF {
      case SQLiteCode.full, SQLiteCode.ioError: return 74
      case SQLiteCode.busy, SQLiteCode.locked: return 75
      case SQLiteCode.readOnly: return 77
      case SQLiteCode.corrupt, SQLiteCode.notADatabase: return 65
      default: return 1
      }
    }
  }
}

/// The SQLite primary result codes the import tells apart (sqlite3.h), so that this file needs
/// no SQLite import.
package enum SQLiteCode {
  package static let error: Int32 = 1
  package static let busy: Int32 = 5
  package static let locked: Int32 = 6
  package static let noMemory: Int32 = 7
  package static let readOnly: Int32 = 8
  package static let ioError: Int32 = 10
  package static let corrupt: Int32 = 11
  package static let full: Int32 = 13
  package static let constraint: Int32 = 19
  package static let notADatabase: Int32 = 26
}

/// Collects diagnostics: keeps the first 50, counts them all, and streams every one to the
/// rejects file when there is one (so memory stays constant however bad the input).
final class DiagnosticSink {
  private(set) var kept: [Diagnostic] = []
  private(set) var total = 0
  private var rejects: CSVWriter?
  let rejectsPath: String?

  /// `database`: the rejects file may not be it or one of its files.
  init(rejectsPath: String?, database: String? = nil) throws {
    self.rejectsPath = rejectsPath
    if let rejectsPath {
      let file = try OutputFile.create(
        rejectsPath, policy: .writeThrough, protecting: database.map(DatabaseFiles.init(databasePath:)))
      rejects = CSVWriter(file: file)
      rejects?.writeRow(["file", "line", "column", "reason", "record"])
    }
  }

  func add(_ diagnostic: Diagnostic) {
    total += 1
    if kept.count < ImportError.maxDiagnostics { kept.append(diagnostic) }
    rejects?.writeRow([
      diagnostic.file, diagnostic.line > 0 ? String(diagnostic.line) : "",
      diagnostic.column ?? "", diagnostic.message, diagnostic.record ?? "",
    ])
  }

  func close() throws {
    defer { rejects = nil }
    try rejects?.commit()
  }
}
