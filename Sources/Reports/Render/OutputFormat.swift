import Foundation

/// How a report is written (DESIGN §5 `--format`).
///
/// `html` is reserved for the self-contained `report` page; `--format` accepts only
/// `commandLineFormats`. `xlsx` is a binary workbook (``Workbook``) that `rank`, `risk` and
/// `show` write; it is never rendered as text.
package enum OutputFormat: String, CaseIterable, Sendable {
  case table, tsv, json, csv, markdown, html, xlsx

  /// The formats `--format` accepts, in the order help text lists them.
  package static let commandLineFormats: [OutputFormat] = [.table, .tsv, .json, .csv, .markdown, .xlsx]

  /// `table` on a terminal, `tsv` otherwise (pipes and files get untruncated, unaligned rows).
  package static func defaultFormat(stdoutIsTerminal: Bool) -> OutputFormat {
    stdoutIsTerminal ? .table : .tsv
  }

  /// The file extensions `--output` recognises without `--format`, in the order messages list
  /// them. A binary format (the `.xlsx` workbook) joins here with its own case.
  package static let fileExtensions: [(fileExtension: String, format: OutputFormat)] = [
    ("tsv", .tsv), ("csv", .csv), ("json", .json), ("md", .markdown), ("markdown", .markdown),
    ("txt", .table), ("xlsx", .xlsx),
  ]

  /// The format a file name's extension names (case-insensitive), nil for none or an unknown one.
  package init?(fileExtensionOf path: String) {
    let name = (path as NSString).lastPathComponent
    guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return nil }
    let fileExtension = name[name.index(after: dot)...].lowercased()
    guard let match = OutputFormat.fileExtensions.first(where: { $0.fileExtension == fileExtension }) else {
      return nil
    }
    self = match.format
  }

  /// The one sentence for an --output whose extension names no format (exit 64).
  package static func unknownExtensionMessage(_ path: String) -> String {
    let name = (path as NSString).lastPathComponent
    let known = fileExtensions.map { ".\($0.fileExtension)" }
    let list = known.dropLast().joined(separator: ", ") + " or " + (known.last ?? "")
    let what: String
    if let dot = name.lastIndex(of: "."), dot != name.startIndex {
      what = "its extension '\(name[dot...])' names no format"
    } else {
      what = "it has no extension to name a format"
    }
    return "--output '\(path)': \(what): name a file ending in \(list) (.txt is the table), "
      + "or pass --format \(commandLineFormats.map(\.rawValue).joined(separator: "|"))."
  }

  /// Parses a `--format` value; an unknown one throws with a "did you mean" suggestion.
  package static func parse(
    _ text: String, allowed: [OutputFormat] = commandLineFormats
  ) throws(ReportsError) -> OutputFormat {
    if let format = OutputFormat(rawValue: text.lowercased()), allowed.contains(format) {
      return format
    }
    let names = allowed.map(\.rawValue)
    throw .unknownFormat(text, allowed: names, suggestion: closestMatch(text, among: names))
  }
}

/// Whether a file descriptor (by default standard output) is a terminal.
///
/// The only side effect in this library; the Engine calls it once and passes the answer in.
package func isTerminal(fileDescriptor: Int32 = 1) -> Bool {
  isatty(fileDescriptor) != 0
}

/// Errors of the Reports library.
package enum ReportsError: Error, Equatable, Sendable {
  /// `--format` named a format that does not exist (or is not allowed for this command).
  case unknownFormat(String, allowed: [String], suggestion: String?)
  /// libxlsxwriter could not write a workbook (the reason is its own).
  case workbook(String)
}

extension ReportsError: CustomStringConvertible {
  package var description: String {
    switch self {
    case .unknownFormat(let name, let allowed, let suggestion):
      return "Unknown format '\(name)'\(didYouMean(suggestion)); use one of "
        + allowed.joined(separator: ", ") + "."
    case .workbook(let reason):
      return "Could not write the workbook: \(reason)."
    }
  }
}

extension ReportsError: LocalizedError {
  package var errorDescription: String? { description }
}

/// ` (did you mean 'x'?)` when there is a suggestion, else the empty string.
package func didYouMean(_ suggestion: String?) -> String {
  guard let suggestion else { return "" }
  return " (did you mean '\(suggestion)'?)"
}

/// The candidate a mistyped `input` most likely meant, or nil when none is close.
///
/// Case-insensitive. A candidate qualifies when its edit distance (insertions, deletions,
/// substitutions and swaps of neighbours) is at most 2 and smaller than its own length, so
/// that `xx` does not "mean" `ab`; the nearest wins, ties go to the earlier candidate. When
/// none qualifies, the shortest candidate that starts with `input` wins (`mark` → `markdown`).
/// Works for formats, provider ids and import kinds alike.
package func closestMatch(_ input: String, among candidates: [String]) -> String? {
  let typed = Array(input.lowercased())
  guard !typed.isEmpty else { return nil }
  var best: (candidate: String, distance: Int)?
  for candidate in candidates {
    let target = Array(candidate.lowercased())
    let distance = editDistance(typed, target)
    guard distance <= 2, distance < target.count else { continue }
    if best == nil || distance < best?.distance ?? Int.max {
      best = (candidate, distance)
    }
  }
  if let best { return best.candidate }
  var prefixMatch: String?
  for candidate in candidates where candidate.lowercased().hasPrefix(input.lowercased()) {
    if prefixMatch == nil || candidate.count < prefixMatch?.count ?? Int.max {
      prefixMatch = candidate
    }
  }
  return prefixMatch
}

/// Optimal-string-alignment distance: Levenshtein plus swapping two neighbours as one edit.
func editDistance(_ a: [Character], _ b: [Character]) -> Int {
  if a.isEmpty { return b.count }
  if b.isEmpty { return a.count }
  let width = b.count + 1
  var previous2 = [Int](repeating: 0, count: width)
  var previous = Array(0...b.count)
  var current = [Int](repeating: 0, count: width)
  for i in 1...a.count {
    current[0] = i
    for j in 1...b.count {
      let cost = a[i - 1] == b[j - 1] ? 0 : 1
      var value = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
      if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
        value = min(value, previous2[j - 2] + 1)
      }
      current[j] = value
    }
    (previous2, previous, current) = (previous, current, previous2)
  }
  return previous[b.count]
}

/// Up to `limit` candidates nearest to `input`, nearest first, for an error that names the
/// closest known names: case-insensitive; a candidate that contains `input` or is contained in
/// it comes before one that does not, then the smaller edit distance, then byte order.
package func closestMatches(_ input: String, among candidates: [String], limit: Int = 3) -> [String] {
  let typed = input.lowercased()
  let typedCharacters = Array(typed)
  let ranked = Set(candidates).map { candidate -> (String, Int, Int) in
    let target = candidate.lowercased()
    let contains = !typed.isEmpty && (target.contains(typed) || typed.contains(target)) ? 0 : 1
    return (candidate, contains, editDistance(typedCharacters, Array(target)))
  }
  return ranked.sorted { a, b in
    if a.1 != b.1 { return a.1 < b.1 }
    if a.2 != b.2 { return a.2 < b.2 }
    return a.0 < b.0
  }.prefix(max(0, limit)).map(\.0)
}
