import Store

/// The run that `rank`'s Change column and the report's Tiers table compare with.
///
/// By default the run before the latest: right after a nightly `recompute` the latest run
/// already holds today's figures, so comparing with it would say "unchanged" for every move the
/// night made. With a single run, that run. `--since RUN` names the run instead.
package struct ChangeBaseline: Sendable {
  package var runID: Int64
  package var snapshots: [SnapshotRecord]

  /// The baseline for `since` (nil: the default above); nil when there is no run at all. An
  /// unknown `since` is a usage error (exit 64).
  static func load(from store: Store, since: Int64?) throws -> ChangeBaseline? {
    if let since {
      guard try store.runs().contains(where: { $0.runID == since }) else {
        throw EngineError.usage("run \(since) does not exist: `neocloud history` lists the runs.")
      }
      return ChangeBaseline(runID: since, snapshots: try store.snapshots(runID: since))
    }
    let lastTwo = try store.runs(limit: 2)
    guard let run = lastTwo.first else { return nil }
    return ChangeBaseline(runID: run.runID, snapshots: try store.snapshots(runID: run.runID))
  }
}
