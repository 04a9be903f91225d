import Domain
import Scoring

/// The status of one cmax audit check, as `cmax audit` grades it.
package enum CmaxStatus: String, CaseIterable, Sendable, Comparable {
  case pass, warning, fail, skipped

  /// Worse is greater: pass < warning < fail (skipped carries no evidence and never decides).
  private var severity: Int {
    switch self {
    case .skipped: return -1
    case .pass: return 0
    case .warning: return 1
    case .fail: return 2
    }
  }

  package static func < (lhs: CmaxStatus, rhs: CmaxStatus) -> Bool { lhs.severity < rhs.severity }
}

package struct CmaxCheck: Hashable, Sendable {
  package var key: String
  package var status: CmaxStatus

  package init(key: String, status: CmaxStatus) {
    self.key = key
    self.status = status
  }

  /// The evidence text an assessment cites: `cmax:<check key>:<status>`.
  package var evidence: String { "cmax:\(key):\(status.rawValue)" }
}

/// The graded checks of one cmax audit and when it ran.
///
/// cmax saves its collector output as `audit.values.json` (`schema_version`, `runner`,
/// `cluster` with `audited_at`, `audit_data`) and grades it into checks (key, title, category,
/// status, observed, ...). The document read here is that graded form: the `cluster` object of
/// the values file plus `checks`, either an array of objects with `key` and `status` or an
/// object from check key to an object with `status` (or to the status itself). Other fields are
/// skipped.
package struct CmaxAudit: Hashable, Sendable {
  package var auditedAt: Instant?
  package var checks: [CmaxCheck]

  package init(auditedAt: Instant?, checks: [CmaxCheck]) {
    self.auditedAt = auditedAt
    self.checks = checks
  }
}

package enum CmaxLimits {
  package static let maxChecks = 100_000
}

package func readCmaxAudit(_ reader: inout JSONStreamReader) throws -> CmaxAudit {
  let file = reader.file
  var auditedAtText: String?
  var sawChecks = false
  var checks: [CmaxCheck] = []
  func append(_ key: String, _ statusText: String?, path: String) throws {
    guard checks.count < CmaxLimits.maxChecks else {
      throw EvidenceError.tooManyItems(file: file, what: "checks", limit: CmaxLimits.maxChecks)
    }
    guard let statusText else { throw EvidenceError.missingField(file: file, path: path + ".status") }
    guard let status = CmaxStatus(rawValue: statusText.lowercased()) else {
      throw EvidenceError.unknownStatus(file: file, key: key, value: statusText)
    }
    checks.append(CmaxCheck(key: key, status: status))
  }
  try reader.readObject(at: "the document") { reader, key in
    switch key {
    case "cluster":
      try reader.readObject(at: "cluster") { reader, key in
        if key == "audited_at" {
          auditedAtText = try reader.readOptionalString(at: "cluster.audited_at")
        } else {
          try reader.skipValue()
        }
      }
    case "audited_at":
      if auditedAtText == nil {
        auditedAtText = try reader.readOptionalString(at: "audited_at")
      } else {
        try reader.skipValue()
      }
    case "checks":
      sawChecks = true
      try readChecks(&reader, append: append)
    default:
      try reader.skipValue()
    }
  }
  try reader.finish()
  guard sawChecks else { throw EvidenceError.missingField(file: file, path: "checks") }
  var auditedAt: Instant?
  if let auditedAtText, !auditedAtText.isEmpty {
    guard let instant = Instant(iso8601: auditedAtText) else {
      throw EvidenceError.badTimestamp(file: file, path: "cluster.audited_at", value: auditedAtText)
    }
    auditedAt = instant
  }
  return CmaxAudit(auditedAt: auditedAt, checks: checks)
}

/// `checks` as an array of `{"key", "status", ...}` or an object `{key: {"status", ...} | status}`.
private func readChecks(
  _ reader: inout JSONStreamReader, append: (String, String?, String) throws -> Void
) throws {
  let file = reader.file
  // Read the opening token, then walk the matching form.
  switch try reader.next() {
  case .beginArray?:
    var index = 0
    while true {
      guard let token = try reader.next() else {
        throw EvidenceError.truncated(file: file, line: reader.line, column: reader.column)
      }
      if token == .endArray { return }
      guard token == .beginObject else {
        throw EvidenceError.wrongShape(
          file: file, path: "checks[\(index)]", expected: "an object, not \(kindName(token))")
      }
      let path = "checks[\(index)]"
      var key: String?
      var status: String?
      try readObjectBody(&reader) { reader, field in
        switch field {
        case "key": key = try reader.readOptionalString(at: path + ".key")
        case "status": status = try reader.readOptionalString(at: path + ".status")
        default: try reader.skipValue()
        }
      }
      guard let key else { throw EvidenceError.missingField(file: file, path: path + ".key") }
      try append(key, status, path)
      index += 1
    }
  case .beginObject?:
    try readObjectBody(&reader) { reader, key in
      let path = "checks.\(key)"
      if try reader.nextValueIsContainer() {
        var status: String?
        try reader.readObject(at: path) { reader, field in
          if field == "status" {
            status = try reader.readOptionalString(at: path + ".status")
          } else {
            try reader.skipValue()
          }
        }
        try append(key, status, path)
      } else {
        try append(key, try reader.readOptionalString(at: path), path)
      }
    }
  case let token?:
    throw EvidenceError.wrongShape(
      file: file, path: "checks", expected: "an array or an object, not \(kindName(token))")
  case nil:
    throw EvidenceError.truncated(file: file, line: reader.line, column: reader.column)
  }
}

/// The members of an object whose `{` was already read.
private func readObjectBody(
  _ reader: inout JSONStreamReader, _ field: (inout JSONStreamReader, String) throws -> Void
) throws {
  while true {
    guard let token = try reader.next() else {
      throw EvidenceError.truncated(file: file(reader), line: reader.line, column: reader.column)
    }
    switch token {
    case .endObject: return
    case .key(let key): try field(&reader, key)
    default: return  // unreachable: inside an object the reader yields only keys and the end
    }
  }
}

private func file(_ reader: JSONStreamReader) -> String { reader.file }

// MARK: Mapping

/// One row of the cmax mapping file: a check key (or a prefix ending in `*`), the criterion it
/// gives evidence for, and the value each status stands for in that criterion's kind.
package struct CmaxMapRow: Hashable, Sendable {
  package var check: String
  package var isPrefix: Bool
  package var criterionID: String
  package var pass: String
  package var warning: String
  package var fail: String
  package var line: Int

  package func value(for status: CmaxStatus) -> String? {
    switch status {
    case .pass: return pass
    case .warning: return warning
    case .fail: return fail
    case .skipped: return nil
    }
  }

  func matches(_ key: String) -> Bool { isPrefix ? key.hasPrefix(check) : key == check }
}

/// The mapping from cmax checks to rubric criteria (`Samples/evidence/cmax-map.csv`): CSV with the header
/// `check,criterion_id,pass,warning,fail`; a check ending in `*` is a prefix. An exact key wins
/// over a prefix, a longer prefix over a shorter one.
package struct CmaxMap: Hashable, Sendable {
  package var rows: [CmaxMapRow]
  package var file: String

  package static let header = ["check", "criterion_id", "pass", "warning", "fail"]

  package init(parsing text: String, file: String) throws {
    self.file = file
    var rows: [CmaxMapRow] = []
    var seen: Set<String> = []
    var sawHeader = false
    for (offset, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
      let lineNumber = offset + 1
      var line = Substring(rawLine)
      if line.hasSuffix("\r") { line = line.dropLast() }
      if !sawHeader, lineNumber == 1, line.hasPrefix("\u{FEFF}") { line = line.dropFirst() }
      if line.isEmpty { continue }
      if line.contains("\"") {
        throw EvidenceError.badMapping(file: file, line: lineNumber, reason: "quoted fields are not supported here")
      }
      let fields = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
      if !sawHeader {
        guard fields == CmaxMap.header else {
          throw EvidenceError.badMapping(
            file: file, line: lineNumber, reason: "the header must be \(CmaxMap.header.joined(separator: ","))")
        }
        sawHeader = true
        continue
      }
      guard fields.count == 5 else {
        throw EvidenceError.badMapping(
          file: file, line: lineNumber, reason: "expected 5 fields but found \(fields.count)")
      }
      var check = fields[0]
      let isPrefix = check.hasSuffix("*")
      if isPrefix { check.removeLast() }
      guard !check.isEmpty, !check.contains("*") else {
        throw EvidenceError.badMapping(
          file: file, line: lineNumber,
          reason: "'\(truncatedValue(fields[0]))' is not a check key or a prefix ending in *")
      }
      guard !fields[1].isEmpty, fields[2...4].allSatisfy({ !$0.isEmpty }) else {
        throw EvidenceError.badMapping(
          file: file, line: lineNumber, reason: "criterion_id, pass, warning and fail are all required")
      }
      guard seen.insert(fields[0]).inserted else {
        throw EvidenceError.badMapping(file: file, line: lineNumber, reason: "check '\(fields[0])' is mapped twice")
      }
      rows.append(
        CmaxMapRow(
          check: check, isPrefix: isPrefix, criterionID: fields[1], pass: fields[2], warning: fields[3],
          fail: fields[4], line: lineNumber))
    }
    guard sawHeader else {
      throw EvidenceError.badMapping(file: file, line: 1, reason: "the file is empty")
    }
    self.rows = rows
  }

  /// Checks every row against the rubric: the criterion exists, is read from assessments, and
  /// each status value fits its kind.
  package func validate(against rubric: Rubric) throws {
    var criteria: [String: Criterion] = [:]
    for criterion in rubric.criteria { criteria[criterion.id] = criterion }
    for row in rows {
      guard let criterion = criteria[row.criterionID] else {
        throw EvidenceError.badMapping(
          file: file, line: row.line, reason: "criterion '\(row.criterionID)' is not in the rubric")
      }
      guard criterion.effectiveSource == .assessment else {
        throw EvidenceError.badMapping(
          file: file, line: row.line,
          reason: "criterion '\(row.criterionID)' is derived from stored data and takes no assessments")
      }
      for (status, value) in [("pass", row.pass), ("warning", row.warning), ("fail", row.fail)]
      where assessmentValue(Substring(value), kind: criterion.kind) == nil {
        throw EvidenceError.badMapping(
          file: file, line: row.line,
          reason:
            "the \(status) value '\(truncatedValue(value))' does not fit \(row.criterionID), a \(criterion.kind.rawValue) criterion"
        )
      }
    }
  }

  /// The row that maps `key`: the exact key, else the longest matching prefix.
  package func row(for key: String) -> CmaxMapRow? {
    var best: CmaxMapRow?
    for row in rows where row.matches(key) {
      if !row.isPrefix { return row }
      if best.map({ row.check.count > $0.check.count }) ?? true { best = row }
    }
    return best
  }
}

/// An assessment an audit gives: the value of the deciding (worst) check among those mapped to
/// the criterion, and its evidence.
package struct CmaxAssessment: Hashable, Sendable {
  package var criterionID: String
  package var value: String
  package var evidence: String
  /// The checks that gave evidence for the criterion (skipped ones excluded), by key.
  package var checks: [CmaxCheck]
}

package struct CmaxMapping: Hashable, Sendable {
  /// By criterion_id.
  package var assessments: [CmaxAssessment]
  /// Checks no row maps, by key (each key once).
  package var unmapped: [CmaxCheck]
  /// Mapped checks that were skipped, hence no evidence, by key.
  package var skipped: [CmaxCheck]
}

/// Turns graded checks into assessments through `map`. Per criterion, the worst status of its
/// mapped checks decides the value (fail over warning over pass; a tie goes to the first key in
/// byte order); skipped checks give no evidence. The evidence is `cmax:<key>:<status>` of the
/// deciding check, followed, when several checks counted, by how many of each status there were.
package func mapCmaxAudit(_ audit: CmaxAudit, map: CmaxMap) -> CmaxMapping {
  var byCriterion: [String: [(check: CmaxCheck, row: CmaxMapRow)]] = [:]
  var unmapped: [String: CmaxCheck] = [:]
  var skipped: [String: CmaxCheck] = [:]
  for check in audit.checks {
    guard let row = map.row(for: check.key) else {
      if let existing = unmapped[check.key], existing.status >= check.status { continue }
      unmapped[check.key] = check
      continue
    }
    if check.status == .skipped {
      skipped[check.key] = check
      continue
    }
    byCriterion[row.criterionID, default: []].append((check, row))
  }
  var assessments: [CmaxAssessment] = []
  for criterionID in byCriterion.keys.sorted(by: byteOrderLess) {
    let entries = (byCriterion[criterionID] ?? []).sorted { lhs, rhs in
      if lhs.check.status != rhs.check.status { return lhs.check.status > rhs.check.status }
      return byteOrderLess(lhs.check.key, rhs.check.key)
    }
    guard let deciding = entries.first, let value = deciding.row.value(for: deciding.check.status) else { continue }
    var evidence = deciding.check.evidence
    if entries.count > 1 {
      let counts = [CmaxStatus.pass, .warning, .fail].compactMap { status -> String? in
        let count = entries.filter { $0.check.status == status }.count
        return count == 0 ? nil : "\(count) \(status.rawValue)"
      }
      evidence +=
        counts.count == 1
        ? " (\(entries.count) checks, all \(deciding.check.status.rawValue))"
        : " (worst of \(entries.count) checks: \(counts.joined(separator: ", ")))"
    }
    assessments.append(
      CmaxAssessment(
        criterionID: criterionID, value: value, evidence: evidence,
        checks: entries.map(\.check).sorted { byteOrderLess($0.key, $1.key) }))
  }
  return CmaxMapping(
    assessments: assessments,
    unmapped: unmapped.values.sorted { byteOrderLess($0.key, $1.key) },
    skipped: skipped.values.sorted { byteOrderLess($0.key, $1.key) })
}
