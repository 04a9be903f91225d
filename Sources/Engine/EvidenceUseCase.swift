import Domain
import Evidence
import Foundation
import Scoring
import Store

/// `neocloud evidence statuspage` and `neocloud evidence cmax`: field evidence into the database,
/// under the database lock, in one transaction each (rolled back for `--dry-run`), idempotent.
package enum EvidenceUseCase {
  package struct StatusPageRequest: Sendable, Equatable {
    package var database: String?
    package var path: String
    package var providerID: String
    package var components: [String]
    package var dryRun: Bool
    package var waitSeconds: Double

    package init(
      database: String?, path: String, providerID: String, components: [String] = [], dryRun: Bool = false,
      waitSeconds: Double = 0
    ) {
      self.database = database
      self.path = path
      self.providerID = providerID
      self.components = components
      self.dryRun = dryRun
      self.waitSeconds = waitSeconds
    }
  }

  package struct StatusPageOutcome: Sendable {
    package var providerID: String
    package var source: String
    package var months: [StatusPageMonth]
    package var counts: UpsertCounts
    package var dryRun: Bool

    /// One line for stderr: what was (or would be) written.
    package var summary: String {
      guard let first = months.first, let last = months.last else {
        return "evidence statuspage: no incident of impact minor or above"
          + " in \(source): nothing to write for \(providerID)."
      }
      let span = first.month == last.month ? "\(first.month)" : "\(first.month)…\(last.month)"
      return
        "evidence statuspage: \(providerID) \(span): \(describe(counts, one: "uptime month", many: "uptime months"))"
        + " from \(source)\(dryRun ? " (dry run: nothing written)" : "")."
    }
  }

  package struct CmaxRequest: Sendable, Equatable {
    package var database: String?
    package var path: String
    package var providerID: String
    package var assessedOn: Day?
    /// A mapping file; nil for the built-in `Samples/evidence/cmax-map.csv`.
    package var mapPath: String?
    package var dryRun: Bool
    package var waitSeconds: Double

    package init(
      database: String?, path: String, providerID: String, assessedOn: Day? = nil, mapPath: String? = nil,
      dryRun: Bool = false, waitSeconds: Double = 0
    ) {
      self.database = database
      self.path = path
      self.providerID = providerID
      self.assessedOn = assessedOn
      self.mapPath = mapPath
      self.dryRun = dryRun
      self.waitSeconds = waitSeconds
    }
  }

  package struct CmaxOutcome: Sendable {
    package var providerID: String
    package var assessedOn: Day
    package var checks: Int
    package var mapping: CmaxMapping
    package var counts: UpsertCounts
    package var dryRun: Bool

    /// Lines for stderr: the summary, then each check that no mapping row covers.
    package var lines: [String] {
      var summary =
        "evidence cmax: \(providerID) \(assessedOn): \(describe(counts, one: "assessment", many: "assessments"))"
        + " from \(checks) \(checks == 1 ? "check" : "checks")"
      if !mapping.skipped.isEmpty { summary += ", \(mapping.skipped.count) skipped" }
      if !mapping.unmapped.isEmpty { summary += ", \(mapping.unmapped.count) not mapped" }
      summary += dryRun ? " (dry run: nothing written)." : "."
      return [summary] + mapping.unmapped.map { "not mapped: \($0.evidence)" }
    }
  }

  /// Ingests the status page and writes the summary line on stderr.
  @discardableResult
  package static func statusPage(_ request: StatusPageRequest, context: Context) throws -> StatusPageOutcome {
    let outcome = try translatingEvidenceErrors { try ingestStatusPage(request, context: context) }
    context.stderr.write(outcome.summary + "\n")
    return outcome
  }

  /// Ingests the audit and writes the summary and the unmapped checks on stderr.
  @discardableResult
  package static func cmax(_ request: CmaxRequest, context: Context) throws -> CmaxOutcome {
    let outcome = try translatingEvidenceErrors { try ingestCmax(request, context: context) }
    for line in outcome.lines { context.stderr.write(line + "\n") }
    return outcome
  }

  static func ingestStatusPage(_ request: StatusPageRequest, context: Context) throws -> StatusPageOutcome {
    let path = Databases.resolvePath(request.database, context: context)
    // What is at the path is checked before the lock file is created beside it (as import does).
    _ = try Store.checkPath(path, mayBeMissing: false, forWriting: true)
    let lock = try DatabaseLock.acquire(databasePath: path, waitSeconds: request.waitSeconds, now: context.now)
    defer { lock.release() }
    let store = try Databases.openForWriting(path: path, waitSeconds: request.waitSeconds)
    let source = try DocumentSource(path: resolved(request.path, context), name: displayName(request.path))
    defer { source.close() }
    var reader = source.jsonReader()
    let document = try readStatusPage(&reader)
    let months = try deriveUptimeMonths(document, components: request.components, file: source.name)
    let origin = document.source(components: request.components)
    let rows = months.map { month in
      UptimeMonth(
        providerID: request.providerID, month: month.month, uptimePct: month.uptimePct, incidents: month.incidents,
        failuresPer1kGPUMonths: nil, mttrHours: month.mttrHours, source: origin)
    }
    let counts = try withProviderCheck(store, request.providerID) {
      try store.upsertUptime(rows, providerID: request.providerID, dryRun: request.dryRun)
    }
    return StatusPageOutcome(
      providerID: request.providerID, source: origin, months: months, counts: counts, dryRun: request.dryRun)
  }

  static func ingestCmax(_ request: CmaxRequest, context: Context) throws -> CmaxOutcome {
    let path = Databases.resolvePath(request.database, context: context)
    // What is at the path is checked before the lock file is created beside it (as import does).
    _ = try Store.checkPath(path, mayBeMissing: false, forWriting: true)
    let lock = try DatabaseLock.acquire(databasePath: path, waitSeconds: request.waitSeconds, now: context.now)
    defer { lock.release() }
    let store = try Databases.openForWriting(path: path, waitSeconds: request.waitSeconds)
    let map = try loadMap(request.mapPath, context: context)
    try map.validate(against: Rubric(try store.loadRubric()))
    let source = try DocumentSource(path: resolved(request.path, context), name: displayName(request.path))
    defer { source.close() }
    var reader = source.jsonReader()
    let audit = try readCmaxAudit(&reader)
    guard let assessedOn = request.assessedOn ?? audit.auditedAt?.day else {
      throw EvidenceError.missingAuditTimestamp(file: source.name)
    }
    let mapping = mapCmaxAudit(audit, map: map)
    let rows = mapping.assessments.map { assessment in
      Assessment(
        providerID: request.providerID, criterionID: assessment.criterionID, value: assessment.value,
        evidence: assessment.evidence, assessedOn: assessedOn)
    }
    let counts = try withProviderCheck(store, request.providerID) {
      try store.upsertAssessments(rows, providerID: request.providerID, dryRun: request.dryRun)
    }
    return CmaxOutcome(
      providerID: request.providerID, assessedOn: assessedOn, checks: audit.checks.count, mapping: mapping,
      counts: counts, dryRun: request.dryRun)
  }

  /// The built-in map, or the file given with `--map`.
  static func loadMap(_ path: String?, context: Context) throws -> CmaxMap {
    guard let path else { return try CmaxMap(parsing: defaultCmaxMapCSV, file: "cmax-map.csv (built in)") }
    let absolute = context.absolutePath(path)
    guard FileManager.default.fileExists(atPath: absolute) else { throw EvidenceError.notFound(file: path) }
    guard let data = FileManager.default.contents(atPath: absolute) else {
      throw EvidenceError.unreadable(file: path, reason: "permission denied or not a file")
    }
    guard let text = String(data: data, encoding: .utf8) else {
      throw EvidenceError.badMapping(file: path, line: 1, reason: "the file is not UTF-8")
    }
    return try CmaxMap(parsing: text, file: path)
  }

  /// The lower libraries' errors as ``EngineError``: the documents' own, the database's.
  private static func translatingEvidenceErrors<T>(_ body: () throws -> T) throws -> T {
    do {
      return try translatingErrors(body)
    } catch let error as EvidenceError {
      throw EngineError.evidence(error)
    }
  }

  /// An unknown provider is bad data for an ingest, as a CSV row naming one is (exit 65).
  private static func withProviderCheck<T>(_ store: Store, _ providerID: String, _ body: () throws -> T) throws -> T {
    do {
      return try body()
    } catch let error as UnknownProviderError {
      let suggestion = closestProvider(error.providerID, among: try store.providerIDs())
      let hint = suggestion.map { "did you mean '\($0)'?" } ?? "run `neocloud rank` to list the providers."
      throw EngineError.badData("unknown provider '\(error.providerID)', nothing written: \(hint)")
    }
  }

  private static func resolved(_ path: String, _ context: Context) -> String {
    path == "-" ? path : context.absolutePath(path)
  }

  private static func displayName(_ path: String) -> String { path == "-" ? "stdin" : path }
}

/// `24 uptime months (3 inserted, 21 unchanged)`.
private func describe(_ counts: UpsertCounts, one: String, many: String) -> String {
  var parts: [String] = []
  if counts.inserted > 0 { parts.append("\(counts.inserted) inserted") }
  if counts.updated > 0 { parts.append("\(counts.updated) updated") }
  if counts.unchanged > 0 { parts.append("\(counts.unchanged) unchanged") }
  let noun = counts.rows == 1 ? one : many
  return parts.isEmpty ? "0 \(many)" : "\(counts.rows) \(noun) (\(parts.joined(separator: ", ")))"
}
