import Domain
import Foundation
import Reports
import Store

/// `neocloud history`: the stored runs, how one provider moved across them, and the age of the
/// last run for monitoring (§5).
public enum HistoryUseCase {
  /// A run older than this is stale (`history --last` exits 1).
  public static let maximumAge: TimeInterval = 36 * 3600

  /// The runs (the last `limit` when given), and with `providerID` its points in those runs.
  /// A provider that is in no run and not in the database throws `unknownProvider` with a
  /// "did you mean" among both; one in the database but in no run yet has no points.
  public static func run(store: Store, providerID: String?, limit: Int? = nil) throws -> HistoryReport {
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

  /// The change lines run `runID` printed, in print order (empty when it printed none), for
  /// `history --run N`: a recompute whose output was lost can be read again.
  public static func changeLines(store: Store, runID: Int64) throws -> [String] {
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
  public struct LastRun: Sendable, Equatable {
    public var runID: Int64
    /// When the run finished (ISO 8601 UTC); the age counts from here.
    public var finishedAt: String
    public var age: TimeInterval
    /// Older than `maximumAge`.
    public var isStale: Bool

    /// `last run 12 (2026-11-23T02:15:00Z) is 3h 12m old`.
    public var line: String { "last run \(runID) (\(finishedAt)) is \(formatAge(age)) old" }
  }

  /// The last run's age at `now`; nil when there is no run.
  public static func lastRun(store: Store, now: Date) throws -> LastRun? {
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
public func formatAge(_ seconds: TimeInterval) -> String {
  let minutes = Int((max(0, seconds) / 60).rounded(.down))
  return "\(minutes / 60)h \(minutes % 60)m"
}
