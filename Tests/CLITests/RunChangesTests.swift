import Domain
import Foundation
import Store
import Testing

/// Each run's change lines are stored with it (schema 0002) and `history --run N` prints them
/// again exactly as `recompute` did.
@Suite struct RunChangesTests {
  @Test func historyRunReprintsWhatRecomputePrinted() throws {
    let box = try Sandbox.withSamples()
    let first = box.run(["recompute", "--as-of", "2026-11-23"])
    #expect(first.code == 0)
    #expect(!first.stdout.isEmpty)
    let again = box.run(["history", "--run", "1"])
    #expect(again.code == 0)
    #expect(again.stdout == first.stdout)
    #expect(again.stderr.isEmpty)
    let stored = try Store.open(path: box.db).changeLines(runID: 1)
    #expect(stored.map { $0.map { $0 + "\n" }.joined() } == first.stdout)

    // A later as-of changes grades and flags: its lines, in print order.
    let second = box.run(["recompute", "--as-of", "2027-06-30"])
    #expect(second.code == 0)
    #expect(box.run(["history", "--run", "2"]).stdout == second.stdout)

    // No change: nothing stored, nothing printed, exit 0.
    let third = box.run(["recompute", "--as-of", "2027-06-30"])
    #expect(third.stdout.isEmpty)
    let quiet = box.run(["history", "--run", "3"])
    #expect(quiet.code == 0)
    #expect(quiet.stdout.isEmpty)
  }

  @Test func unknownRunIsUsageAndARunFromBeforeVersion2SaysSo() throws {
    let box = try Sandbox.withSamples()
    let missing = box.run(["history", "--run", "7"])
    #expect(missing.code == 64)
    #expect(missing.stderr == "neocloud: run 7 does not exist: `neocloud history` lists the runs.\n")

    // A changed run with no stored line is one that schema version 1 stored.
    let store = try Store.open(path: box.db)
    _ = try store.insertRun(
      RunRecord(
        startedAt: "2026-11-20T02:00:00Z", finishedAt: "2026-11-20T02:00:01Z", asOf: "2026-11-20",
        rubricVersion: "r", inputFingerprint: "f", assumptionsJSON: "{}", changed: true),
      snapshots: [])
    let old = box.run(["history", "--run", "1"])
    #expect(old.code == 66)
    #expect(old.stderr.contains("before neocloud kept change lines"))
  }

  @Test func runCombinesWithNothingElse() throws {
    let box = try Sandbox.withSamples()
    #expect(box.run(["history", "--run", "1", "--last"]).code == 64)
    #expect(box.run(["history", "--run", "1", "--format", "json"]).code == 64)
  }
}
