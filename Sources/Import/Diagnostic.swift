import Foundation
import Store

/// One problem in the input, with its location: `fleets.csv:1042:gpu_count: 'sixteen' is not an
/// integer`. `line` is the physical line (1-based) where the record starts; 0 means the whole file.
public struct Diagnostic: Sendable, Equatable, CustomStringConvertible {
  /// The file as the user named it.
  public var file: String
  public var line: Int
  public var column: String?
  /// What is wrong, e.g. `is not an integer`; follows the quoted value when there is one.
  public var reason: String
  /// The offending value, as given.
  public var value: String?
  /// The raw text of the record, when known (for `--rejects`).
  public var record: String?

  public init(
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
  public var message: String {
    guard let value else { return reason }
    return "'\(Diagnostic.display(value))' \(reason)"
  }

  public var location: String {
    var text = file
    if line > 0 { text += ":\(line)" }
    if let column { text += ":\(column)" }
    return text
  }

  public var description: String { "\(location): \(message)" }

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
public enum ImportError: Error, LocalizedError, Equatable, Sendable {
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
  /// SQLite failed for a reason that is not the data's. Exit 1.
  case database(reason: String)

  /// At most this many diagnostics are carried (and printed).
  public static let maxDiagnostics = 50

  public var errorDescription: String? {
    switch self {
    case .invalidData(_, let total):
      return "\(total) \(total == 1 ? "error" : "errors"); nothing was imported."
    case .fileNotFound(let path):
      return "'\(path)' does not exist: name a CSV file or a directory of CSV files."
    case .noCSVFiles(let directory):
      return "directory '\(directory)' holds no *.csv files: name the files or another directory."
    case .unreadable(let path, let reason):
      return "cannot read '\(path)': \(reason)."
    case .cannotWrite(let path, let reason):
      return "cannot write '\(path)': \(reason)."
    case .database(let reason):
      return "the database failed during the import: \(reason); nothing was imported."
    }
  }

  /// The lines to print on stderr: for invalid data each diagnostic, then the count line;
  /// otherwise the one sentence.
  public var lines: [String] {
    switch self {
    case .invalidData(let diagnostics, let total):
      var lines = diagnostics.map(\.description)
      if total > diagnostics.count {
        lines.append("… and \(total - diagnostics.count) more (--rejects FILE writes them all).")
      }
      lines.append(errorDescription ?? "")
      return lines
    default:
      return [errorDescription ?? ""]
    }
  }

  /// The sysexits code the CLI should exit with.
  public var exitCode: Int32 {
    switch self {
    case .invalidData: return 65
    case .fileNotFound, .noCSVFiles, .unreadable, .cannotWrite: return 66
    case .database: return 1
    }
  }
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
