import Domain
import Foundation
import GRDB
import Testing

@testable import Store

#if canImport(Glibc)
  import Glibc
#endif

/// What must survive a `kill -9`: the integrity check, every table's row count, the runs, and
/// every kind as `export` writes it.
struct DatabaseState: Equatable {
  var integrity: String
  var counts: [String: Int]
  var runs: Int
  var exported: String

  static func of(_ box: Sandbox) throws -> DatabaseState {
    let store = try Store.open(path: box.db)
    let (integrity, counts) = try store.queue.read { db in
      let integrity = try String.fetchAll(db, sql: "PRAGMA integrity_check").joined(separator: "; ")
      let tables = try String.fetchAll(
        db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
      var counts: [String: Int] = [:]
      for table in tables {
        counts[table] = try Int.fetchOne(db, sql: "SELECT count(*) FROM \"\(table)\"") ?? -1
      }
      return (integrity, counts)
    }
    try store.queue.close()
    return DatabaseState(
      integrity: integrity, counts: counts, runs: try storedRuns(box).count, exported: try exportedText(box))
  }
}

/// A named pipe that delivers `rows` fleets of an existing provider and facility, then holds the
/// pipe open without writing more: whoever reads it stops in the middle of the file, with half
/// the file loaded, until killed. The writer is a shell; it starts over when its reader closes
/// the pipe early (the importer opens a file once for its header and again to load it).
final class StalledFleetsPipe {
  let path: String
  let marker: String
  let sleeperFile: String
  let writer: Child

  init(in box: Sandbox, directory: String, rows: Int) throws {
    try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    path = directory + "/fleets.csv"
    marker = box.path("fleets-delivered")
    sleeperFile = box.path("fleets-sleeper")
    var text =
      "fleet_id,provider_id,facility_id,gpu_model,gpu_count,in_service_on,capex_usd,useful_life_years,"
      + "gpu_power_kw,utilization_pct,interconnect,fabric_gbps_per_gpu\n"
    text.reserveCapacity(rows * 80)
    for index in 0..<rows {
      text += "kill-\(index),auroragrid,aur-yul1,B200,8,2025-08-04,2400000,6,1.4,91,infiniband,400\n"
    }
    let content = box.path("fleets-content.csv")
    try text.write(toFile: content, atomically: false, encoding: .utf8)
    guard mkfifo(path, 0o644) == 0 else {
      throw FixtureError(message: "mkfifo failed: \(String(cString: strerror(errno)))")
    }
    let script = #"""
      while :; do
        exec 3>"$0"
        if cat "$1" >&3; then
          sleep 300 &
          echo $! > "$3"
          : > "$2"
          wait
          exit 0
        fi
        exec 3>&-
      done
      """#
    writer = try Child("/bin/sh", ["-c", script, path, content, marker, sleeperFile], in: box, name: "fifo-writer")
  }

  /// Waits until every row is in the pipe or read (the reader is then inside its load).
  func waitUntilDelivered() throws {
    try waitUntil(seconds: 60, "the rows to be delivered") { FileManager.default.fileExists(atPath: marker) }
  }

  func stop() {
    if let text = try? String(contentsOfFile: sleeperFile, encoding: .utf8),
      let pid = Int32(text.trimmingCharacters(in: .whitespacesAndNewlines))
    {
      kill(pid, SIGKILL)
    }
    writer.killHard()
  }
}

/// `kill -9` of a real `neocloud` process in the middle of an import and of a recompute leaves
/// the database as it was, and no stale lock (DESIGN §2: one transaction; §8: flock).
@Suite(.serialized) struct KillTests {
  static let rows = 50_000

  @Test func killDashNineMidImportLeavesTheDatabaseAsItWas() throws {
    let box = try Sandbox.withSamples()
    let before = try DatabaseState.of(box)
    #expect(before.integrity == "ok")
    let pipe = try StalledFleetsPipe(in: box, directory: box.path("drop"), rows: KillTests.rows)
    defer { pipe.stop() }
    let child = try Child(try neocloudBinary(), ["--db", box.db, "import", pipe.path], in: box, name: "import")
    defer { child.killHard() }
    try pipe.waitUntilDelivered()
    usleep(200_000)  // let it insert what it has read
    #expect(child.process.isRunning)  // stalled mid-file, inside its transaction
    kill(child.pid, SIGKILL)
    child.process.waitUntilExit()
    #expect(child.process.terminationReason == .uncaughtSignal)

    let after = try DatabaseState.of(box)
    #expect(after == before)
    #expect(after.counts["fleets"] == before.counts["fleets"])
    // The kernel released the lock: the next import runs.
    try box.write("fleets.csv", try String(contentsOfFile: box.path("fleets-content.csv"), encoding: .utf8))
    let next = box.run(["import", box.path("fleets.csv")])
    #expect(next.code == 0)
    #expect(next.stderr == "imported \(formatCount(KillTests.rows)) fleets (\(formatCount(KillTests.rows)) inserted)\n")
    #expect(try DatabaseState.of(box).counts["fleets"] == (before.counts["fleets"] ?? 0) + KillTests.rows)
  }

  @Test func killDashNineMidRecomputeLeavesTheDatabaseAsItWas() throws {
    let box = try Sandbox.withSamples()
    #expect(box.run(["recompute"]).code == 0)
    let before = try DatabaseState.of(box)
    #expect(before.runs == 1)
    let pipe = try StalledFleetsPipe(in: box, directory: box.path("drop"), rows: KillTests.rows)
    defer { pipe.stop() }
    let child = try Child(
      try neocloudBinary(), ["--db", box.db, "recompute", "--import", box.path("drop")], in: box, name: "recompute")
    defer { child.killHard() }
    try pipe.waitUntilDelivered()
    usleep(200_000)
    #expect(child.process.isRunning)
    kill(child.pid, SIGKILL)
    child.process.waitUntilExit()
    #expect(child.process.terminationReason == .uncaughtSignal)

    let after = try DatabaseState.of(box)
    #expect(after == before)
    #expect(after.runs == 1)
    // No stale lock, no half-stored run: the next recompute stores run 2 and reports nothing new.
    let next = box.run(["recompute"])
    #expect(next.code == 0)
    #expect(next.stdout == "")
    #expect(try storedRuns(box).map(\.runID) == [1, 2])
  }
}
