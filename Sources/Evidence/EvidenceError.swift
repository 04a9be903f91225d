/// What can go wrong reading a status-page or cmax document, or the cmax mapping file. Every case
/// is a one-sentence message that says where and what to do; `exitCode` is the §5 code.
package enum EvidenceError: Error, Equatable, Sendable {
  /// The input does not exist (exit 66).
  case notFound(file: String)
  /// The input cannot be read (exit 74).
  case unreadable(file: String, reason: String)
  /// The input is larger than the reader accepts (exit 65).
  case tooLarge(file: String, limitBytes: Int)
  /// Not JSON: a syntax error at a line and column (exit 65).
  case malformedJSON(file: String, line: Int, column: Int, reason: String)
  /// The document ends before its JSON value is complete (exit 65).
  case truncated(file: String, line: Int, column: Int)
  /// JSON, but not the expected document: `path` is where (e.g. `incidents[2].impact`) (exit 65).
  case wrongShape(file: String, path: String, expected: String)
  /// A required field is missing (exit 65).
  case missingField(file: String, path: String)
  /// A timestamp that is not ISO 8601 (exit 65).
  case badTimestamp(file: String, path: String, value: String)
  /// An incident that ends before it starts (exit 65).
  case negativeDuration(file: String, path: String, start: String, end: String)
  /// An incident that starts after the page's `updated_at` (exit 65).
  case startsAfterUpdate(file: String, path: String, start: String, updatedAt: String)
  /// An impact other than none, minor, major, critical (exit 65).
  case unknownImpact(file: String, path: String, value: String)
  /// More incidents or checks than the reader keeps (exit 65).
  case tooManyItems(file: String, what: String, limit: Int)
  /// A cmax check status other than pass, warning, fail, skipped (exit 65).
  case unknownStatus(file: String, key: String, value: String)
  /// The audit carries no timestamp and no `--assessed-on` was given (exit 65).
  case missingAuditTimestamp(file: String)
  /// A bad row of the cmax mapping file (exit 65).
  case badMapping(file: String, line: Int, reason: String)

  package var exitCode: Int32 {
    switch self {
    case .notFound: return 66
    case .unreadable: return 74
    default: return 65
    }
  }

  package var message: String {
    switch self {
    case .notFound(let file):
      return "\(file) does not exist: give the path of a saved document, or - for stdin."
    case .unreadable(let file, let reason):
      return "\(file) cannot be read (\(reason)): check the path and its permissions."
    case .tooLarge(let file, let limit):
      return
        "\(file) is larger than \(limit / 1_048_576) MiB, far beyond any real document of this kind: "
        + "check that it is the right file."
    case .malformedJSON(let file, let line, let column, let reason):
      return "\(file):\(line):\(column): \(reason): the document is not valid JSON."
    case .truncated(let file, let line, let column):
      return "\(file):\(line):\(column): the JSON ends before the document is complete: save it again."
    case .wrongShape(let file, let path, let expected):
      return "\(file): \(path) should be \(expected): is this the right kind of document?"
    case .missingField(let file, let path):
      return "\(file): \(path) is missing: is this the right kind of document?"
    case .badTimestamp(let file, let path, let value):
      return
        "\(file): \(path) '\(truncatedValue(value))' is not an ISO 8601 timestamp "
        + "(like 2026-03-04T10:15:00.000-08:00 or 2026-03-04T18:15:00Z)."
    case .negativeDuration(let file, let path, let start, let end):
      return "\(file): \(path) ends (\(end)) before it starts (\(start)): fix the incident's timestamps."
    case .startsAfterUpdate(let file, let path, let start, let updatedAt):
      return
        "\(file): \(path) starts (\(start)) after the page's updated_at (\(updatedAt)): "
        + "the document is inconsistent; save it again."
    case .unknownImpact(let file, let path, let value):
      return "\(file): \(path) '\(truncatedValue(value))' is not an impact: expected none, minor, major or critical."
    case .tooManyItems(let file, let what, let limit):
      return "\(file) has more than \(limit) \(what), far beyond any real document: check that it is the right file."
    case .unknownStatus(let file, let key, let value):
      return
        "\(file): check \(key) has status '\(truncatedValue(value))': expected pass, warning, fail or skipped."
    case .missingAuditTimestamp(let file):
      return "\(file) has no cluster.audited_at timestamp: give the audit's date with --assessed-on."
    case .badMapping(let file, let line, let reason):
      return "\(file):\(line): \(reason)."
    }
  }
}

extension EvidenceError: CustomStringConvertible {
  package var description: String { message }
}

/// A value quoted in a message, cut to 60 characters and kept on one line.
func truncatedValue(_ value: String) -> String {
  let flat = String(value.map { $0.isNewline || $0 == "\t" ? " " : $0 })
  return flat.count > 60 ? String(flat.prefix(57)) + "..." : flat
}
