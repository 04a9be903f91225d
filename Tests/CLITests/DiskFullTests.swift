import Foundation
import GRDB
import Testing

@testable import Store

#if canImport(Glibc)
  import Glibc
#endif

/// A small filesystem for the database: a 3 MB tmpfs where the tests may mount one (they run as
/// root in CI); otherwise nil, and the tests fall back to a file-size limit in a child process.
final class SmallDisk {
  let directory: String

  init?(in box: Sandbox) {
    directory = box.path("small")
    guard (try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)) != nil,
      SmallDisk.run("/bin/mount", ["-t", "tmpfs", "-o", "size=3m", "tmpfs", directory]) == 0
    else { return nil }
  }

  deinit { _ = SmallDisk.run("/bin/umount", [directory]) }

  static func run(_ executable: String, _ arguments: [String]) -> Int32 {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    process.standardOutput = FileHandle.nullDevice
    process.standardError = FileHandle.nullDevice
    do { try process.run() } catch { return -1 }
    process.waitUntilExit()
    return process.terminationStatus
  }
}

/// What a failed write must leave alone: the file's bytes and the foreign keys.
private struct StoredState: Equatable {
  var bytes: Data
  var foreignKeyViolations: Int
  var fleets: Int
  var runs: Int

  static func of(_ path: String) throws -> StoredState {
    let store = try Store.open(path: path)
    let (violations, fleets, runs) = try store.queue.read { db in
      (
        try Row.fetchAll(db, sql: "PRAGMA foreign_key_check").count,
        try Int.fetchOne(db, sql: "SELECT count(*) FROM fleets") ?? -1,
        try Int.fetchOne(db, sql: "SELECT count(*) FROM runs") ?? -1
      )
    }
    try store.queue.close()
    return StoredState(
      bytes: try Data(contentsOf: URL(fileURLWithPath: path)), foreignKeyViolations: violations, fleets: fleets,
      runs: runs)
  }
}

/// Issue 15 item 1: a full disk during an import must roll the whole import back and say so.
@Suite(.serialized) struct DiskFullTests {
  /// New providers and facilities, and `fleets` valid fleets in them: far more than 3 MB stored.
  private static func writeInput(_ box: Sandbox, fleets: Int) throws -> String {
    let directory = box.path("big")
    try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    var providers = "provider_id,name,segment,country,cash_usd,fixed_opex_usd_per_month,as_of\n"
    var facilities =
      "facility_id,provider_id,name,region,it_capacity_mw,pue,power_usd_per_kwh,colocation_usd_per_kw_month,ownership\n"
    for index in 0..<5 {
      providers += "new-\(index),New \(index),neocloud,US,1000000,10000,2026-10-31\n"
      facilities += "fac-\(index),new-\(index),Hall \(index),us-east,10,1.3,0.08,0,owned\n"
    }
    var text =
      "fleet_id,provider_id,facility_id,gpu_model,gpu_count,in_service_on,capex_usd,useful_life_years,"
      + "gpu_power_kw,utilization_pct,interconnect,fabric_gbps_per_gpu\n"
    text.reserveCapacity(fleets * 96)
    for index in 0..<fleets {
      let owner = index % 5
      text += "fleet-\(index),new-\(owner),fac-\(owner),H100,8,2025-01-01,2400000,6,1.4,80,infiniband,400\n"
    }
    try providers.write(toFile: directory + "/providers.csv", atomically: false, encoding: .utf8)
    try facilities.write(toFile: directory + "/facilities.csv", atomically: false, encoding: .utf8)
    try text.write(toFile: directory + "/fleets.csv", atomically: false, encoding: .utf8)
    return directory
  }

  /// Runs `arguments` against the database `db` on a full disk: in-process on the small tmpfs,
  /// else in a child whose file-size limit stops the database from growing.
  private static func runOnFullDisk(_ box: Sandbox, _ arguments: [String], db: String, limited: Bool) throws
    -> Invocation
  {
    guard limited else { return box.run(["--db", db] + arguments, withDB: false) }
    // SIGXFSZ ignored (it stays ignored across exec): the write fails with EFBIG instead.
    let size = (try FileManager.default.attributesOfItem(atPath: db)[.size] as? NSNumber)?.intValue ?? 0
    let blocks = (size + 3 * 1024 * 1024) / 512
    let quoted = ([try neocloudBinary(), "--db", db] + arguments).map { "'\($0)'" }.joined(separator: " ")
    let child = try Child(
      "/bin/sh", ["-c", "trap '' XFSZ; ulimit -f \(blocks); exec \(quoted)"], in: box, name: "limited")
    let code = try child.wait(seconds: 300)
    return Invocation(code: code, stdout: child.stdout, stderr: child.stderr)
  }

  private static func check(_ command: [String], expecting sentence: String) throws {
    let box = try Sandbox()
    let disk = SmallDisk(in: box)
    let db = (disk?.directory ?? box.directory) + "/full.sqlite"
    #expect(box.run(["--db", db, "init"], withDB: false).code == 0)
    #expect(box.run(["--db", db, "import", repositoryRoot + "/Samples"], withDB: false).code == 0)
    let input = try writeInput(box, fleets: 200_000)
    let before = try StoredState.of(db)

    let result = try runOnFullDisk(box, command + [input], db: db, limited: disk == nil)
    #expect(result.code == 74, "\(result.stderr)")
    #expect(result.stderr.contains(disk == nil ? "nothing was imported" : sentence), "\(result.stderr)")
    #expect(!result.stderr.contains("internal error"))
    #expect(!result.stderr.contains("is not a known provider"))
    #expect(result.stdout == "")

    let after = try StoredState.of(db)
    #expect(after.foreignKeyViolations == 0)
    #expect(after.fleets == before.fleets)
    #expect(after.runs == before.runs)
    #expect(after.bytes == before.bytes, "the database file changed")
  }

  @Test func importOnAFullDiskImportsNothingAndExits74() throws {
    try DiskFullTests.check(["import"], expecting: "neocloud: the disk is full: nothing was imported.\n")
  }

  @Test func recomputeImportOnAFullDiskStoresNothingAndExits74() throws {
    try DiskFullTests.check(
      ["recompute", "--import"], expecting: "neocloud: the disk is full: nothing was imported.\n")
  }
}
