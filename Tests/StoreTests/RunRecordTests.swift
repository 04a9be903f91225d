import Domain
import Foundation
import GRDB
import TestSupport
import Testing

@testable import Store

/// Runs and snapshots are GRDB records: typed tier, grade and flags, JSON columns encoded and
/// decoded by GRDB, and a stored value the binary cannot read is an error, never an empty list.
@Suite struct RunRecordTests {
  func snapshot(_ id: String, flags: [RiskFlag]) -> SnapshotRecord {
    SnapshotRecord(
      providerID: id, name: "N \(id)", tier: .silver, score: 71.25, pillars: ["reliability": 80.5, "software": 0],
      coveragePct: 90, grade: .elevated, dscr12m: 1.4, breakEvenUtilizationPct: 55.5, runwayMonths: 14,
      cashOutMonth: "2027-12", flags: flags)
  }

  func run(_ day: String) -> RunRecord {
    RunRecord(
      startedAt: day + "T02:00:00Z", finishedAt: day + "T02:00:01Z", asOf: day, rubricVersion: "abc",
      inputFingerprint: "def", assumptionsJSON: #"{"horizon_months":36}"#, changed: true)
  }

  @Test func recordsRoundTrip() throws {
    let dir = try TemporaryDirectory(prefix: "neocloud-store-tests")
    defer { dir.cleanup() }
    let (store, _) = try Store.initialize(path: dir.file("db.sqlite"))
    let snapshots = [snapshot("a", flags: []), snapshot("b", flags: [.covenantBreach, .pastMaturity])]
    let id = try store.insertRun(run("2026-11-20"), snapshots: snapshots)
    #expect(id == 1)
    let stored = try #require(try store.latestRun())
    #expect(
      stored
        == {
          var r = run("2026-11-20"); r.runID = 1; return r
        }())
    #expect(
      try store.snapshots(runID: 1)
        == snapshots.map {
          var s = $0; s.runID = 1; return s
        })
    let raw = try store.queue.read { db in
      try Row.fetchOne(db, sql: "SELECT tier, grade, flags, pillars FROM snapshots WHERE provider_id = 'b'")
    }
    #expect(raw?["tier"] == "silver")
    #expect(raw?["grade"] == "elevated")
    #expect(raw?["flags"] == #"["covenant_breach","past_maturity"]"#)
    #expect(raw?["pillars"] == #"{"reliability":80.5,"software":0}"#)
    let history = try store.providerHistory("b")
    #expect(history.map(\.run.runID) == [1])
    #expect(history.map(\.snapshot.flags) == [[.covenantBreach, .pastMaturity]])
  }

  @Test func runsAreOldestFirstAndLimitKeepsTheLast() throws {
    let dir = try TemporaryDirectory(prefix: "neocloud-store-tests")
    defer { dir.cleanup() }
    let (store, _) = try Store.initialize(path: dir.file("db.sqlite"))
    for day in ["2026-11-20", "2026-11-21", "2026-11-22"] {
      _ = try store.insertRun(run(day), snapshots: [])
    }
    #expect(try store.runs().map(\.runID) == [1, 2, 3])
    #expect(try store.runs(limit: 2).map(\.asOf) == ["2026-11-21", "2026-11-22"])
  }

  /// The old reader turned an unreadable flags column into no flags, so the next run printed a
  /// `flag-` line for every flag the provider still had. Now reading it is an error.
  @Test(arguments: [#"["no_such_flag"]"#, "not json", #"{"a":1}"#])
  func unreadableFlagsAreAnErrorNotNoFlags(flags: String) throws {
    let dir = try TemporaryDirectory(prefix: "neocloud-store-tests")
    defer { dir.cleanup() }
    let (store, _) = try Store.initialize(path: dir.file("db.sqlite"))
    _ = try store.insertRun(run("2026-11-20"), snapshots: [snapshot("a", flags: [.noUptimeData])])
    try store.queue.write { db in
      try db.execute(sql: "UPDATE snapshots SET flags = ?", arguments: [flags])
    }
    #expect(throws: (any Error).self) { _ = try store.snapshots(runID: 1) }
  }

  @Test func unknownTierIsAnError() throws {
    let dir = try TemporaryDirectory(prefix: "neocloud-store-tests")
    defer { dir.cleanup() }
    let (store, _) = try Store.initialize(path: dir.file("db.sqlite"))
    _ = try store.insertRun(run("2026-11-20"), snapshots: [snapshot("a", flags: [])])
    try store.queue.write { db in try db.execute(sql: "UPDATE snapshots SET tier = 'diamond'") }
    #expect(throws: (any Error).self) { _ = try store.snapshots(runID: 1) }
  }
}
