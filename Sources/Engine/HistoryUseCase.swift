import Domain
import Foundation
import Reports
import Store

/// `neocloud history`: the stored runs, how one provider moved across them, and the age of the
/// last run for monitoring (§5).
package enum HistoryUseCase {
  /// A run older than this is stale (`history --last` exits 1).
  package static let maximumAge: TimeInterval = 36 * 3600

  package struct Request: Sendable, Equatable {
    package var database: String?
    /// With a provider: how it moved from run to run.
    package var providerID: String?
    /// Only the last N runs (nil: all).
    package var limit: Int?
    package var output: ReportOutput

    package init(database: String?, providerID: String? = nil, limit: Int? = nil, output: ReportOutput = ReportOutput())
    {
      self.database = database
      self.providerID = providerID
      self.limit = limit
      self.output = output
    }
  }

  /// Writes the runs (and the provider's points) to the request's output and returns them.
  @discardableResult
  package static func run(_ request: Request, context: Context) throws -> HistoryReport {
    try translatingErrors {
      let store = try Databases.open(request.database, context: context)
      let report = try report(store: store, providerID: request.providerID, limit: request.limit)
      try request.output.emit(
        context, database: store.path, workbook: { nil },
        text: {
          report.render($0, width: request.output.textWidth($0, context))
        })
      return report
    }
  }

  /// `history --last`: prints the age of the last run on stdout and returns it; says on stderr
  /// what to do when there is no run or the last one is stale. The caller exits 1 unless the
  /// outcome is fresh (``LastRun/isStale`` false).
  package static func last(_ request: Request, context: Context) throws -> LastRun? {
    try translatingErrors {
      let store = try Databases.open(request.database, context: context)
      guard let lastRun = try lastRun(store: store, now: context.now()) else {
        context.stdout.write("no run yet\n")
        context.stderr.write("neocloud: the database has no run yet: run `neocloud recompute` (or schedule it).\n")
        return nil
      }
      context.stdout.write(lastRun.line + "\n")
      if lastRun.isStale {
        context.stderr.write(
          "neocloud: the last run is older than 36 h: check the nightly schedule (`neocloud schedule`) "
            + "and its log.\n")
      }
      return lastRun
    }
  }

  /// The runs (the last `limit` when given), and with `providerID` its points in those runs.
  /// A provider that is in no run and not in the database throws `unknownProvider` with a
  /// "did you mean" among both; one in the database but in no run yet has no points.
  static func report(store: Store, providerID: String?, limit: Int? = nil) throws -> HistoryReport {
    let runs = try store.runs(limit: limit).map(reportRun)
    guard let providerID else { return HistoryReport(runs: runs, provider: nil) }
    let history = try store.providerHistory(providerID)
    if history.isEmpty, try !store.providerIDs().contains(providerID) {
      let known = Set(try store.providerIDs()).union(try store.snapshotProviderIDs()).sorted()
      throw EngineError.unknownProvider(id: providerID, suggestion: closestMatch(providerID, among: known))
    }
    let shown = Set(runs.map(\.runID))
    let points = history.filter { shown.contains($0.run.runID) }.map { entry in
      HistoryReport.Point(
        runID: entry.run.runID, asOf: entry.run.asOf, tier: entry.snapshot.tier.rawValue, score: entry.snapshot.score,
        grade: entry.snapshot.grade.rawValue, dscr12m: entry.snapshot.dscr12m)
    }
    return HistoryReport(
      runs: runs, provider: HistoryReport.ProviderHistory(providerID: providerID, points: points))
  }

  /// `history --run N`: writes the change lines run `runID` printed to stdout, one a line.
  package static func printChangeLines(_ request: Request, runID: Int64, context: Context) throws {
    try translatingErrors {
      let store = try Databases.open(request.database, context: context)
      let lines = try changeLines(store: store, runID: runID)
      context.stdout.write(lines.map { $0 + "\n" }.joined())
    }
  }

  /// The change lines run `runID` printed, in print order (empty when it printed none), for
  /// `history --run N`: a recompute whose output was lost can be read again.
  static func changeLines(store: Store, runID: Int64) throws -> [String] {
    guard let lines = try store.changeLines(runID: runID) else {
      throw EngineError.usage("run \(runID) does not exist: `neocloud history` lists the runs.")
    }
    if lines.isEmpty, try store.runs().first(where: { $0.runID == runID })?.changed == true {
      throw EngineError.notFound(
        "run \(runID) was stored before neocloud kept change lines (schema version 2): they cannot be printed again.")
    }
    return lines
  }

  /// How old the last run is, for `history --last`.
  package struct LastRun: Sendable, Equatable {
    package var runID: Int64
    /// When the run finished (ISO 8601 UTC); the age counts from here.
    package var finishedAt: String
    package var age: TimeInterval
    /// Older than `maximumAge`.
    package var isStale: Bool

    /// `last run 12 (2026-11-23T02:15:00Z) is 3h 12m old`.
    package var line: String { "last run \(runID) (\(finishedAt)) is \(formatAge(age)) old" }
  }

  /// The last run's age at `now`; nil when there is no run.
  static func lastRun(store: Store, now: Date) throws -> LastRun? {
    guard let run = try store.latestRun() else { return nil }
    guard let finished = parseISOTimestamp(run.finishedAt) else {
      throw EngineError.badData(
        "run \(run.runID) has an unreadable finished_at '\(run.finishedAt)': run `neocloud recompute` again.")
    }
    let age = max(0, now.timeIntervalSince(finished))
    return LastRun(runID: run.runID, finishedAt: run.finishedAt, age: age, isStale: age > maximumAge)
  }

  static func reportRun(_ run: RunRecord) -> HistoryReport.Run {
    HistoryReport.Run(
      runID: run.runID, startedAt: run.startedAt, finishedAt: run.finishedAt, asOf: run.asOf,
      rubricVersion: run.rubricVersion, inputFingerprint: run.inputFingerprint, changed: run.changed)
  }
}

/// Whole minutes as `Xh Ym` (`0h 5m`, `3h 12m`, `40h 0m`): hours, not days, so the figure reads
/// directly against the 36 h limit.
package func formatAge(_ seconds: TimeInterval) -> String {
  let minutes = Int((max(0, seconds) / 60).rounded(.down))
  return "\(minutes / 60)h \(minutes % 60)m"
}
