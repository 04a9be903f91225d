import Foundation
import Store
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// Runs the built binary with its standard output on `/dev/full` (every write fails with
/// ENOSPC) and its standard error in a file; returns the exit status and standard error.
func runIntoDevFull(_ arguments: [String], in box: Sandbox) throws -> (code: Int32, stderr: String) {
  let process = Process()
  process.executableURL = URL(fileURLWithPath: try neocloudBinary())
  process.arguments = arguments
  process.currentDirectoryURL = URL(fileURLWithPath: box.directory)
  let errPath = box.path("devfull.err")
  _ = FileManager.default.createFile(atPath: errPath, contents: nil)
  guard let full = FileHandle(forWritingAtPath: "/dev/full") else {
    throw FixtureError(message: "cannot open /dev/full")
  }
  process.standardOutput = full
  process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: errPath))
  process.standardInput = FileHandle.nullDevice
  try process.run()
  process.waitUntilExit()
  return (process.terminationStatus, (try? String(contentsOfFile: errPath, encoding: .utf8)) ?? "")
}

/// The `<kind>.csv` files of an export directory and their bytes (temporary files left out).
func exportFiles(_ directory: String) throws -> [String: Data] {
  var files: [String: Data] = [:]
  for name in try FileManager.default.contentsOfDirectory(atPath: directory) where !name.hasPrefix(".") {
    files[name] = fileBytes(directory + "/" + name)
  }
  return files
}

/// A sample database with `rows` extra fleets, so that exporting it takes a while.
func sandboxWithManyFleets(rows: Int) throws -> Sandbox {
  let box = try Sandbox.withSamples()
  var text =
    "fleet_id,provider_id,facility_id,gpu_model,gpu_count,in_service_on,capex_usd,useful_life_years,"
    + "gpu_power_kw,utilization_pct,interconnect,fabric_gbps_per_gpu\n"
  text.reserveCapacity(rows * 90)
  for index in 0..<rows {
    text += "bulk-\(index),auroragrid,aur-yul1,B200,8,2025-08-04,2400000,6,1.4,91,infiniband,400\n"
  }
  try box.write("bulk-fleets.csv", text)
  let imported = box.run(["import", box.path("bulk-fleets.csv")])
  guard imported.code == 0 else { throw FixtureError(message: imported.stderr) }
  return box
}

/// Faults met by real `neocloud` processes (issue 15 items 3, 4 and 6).
@Suite(.serialized) struct FaultProcessTests {
  /// Item 4: `risk > /dev/full` exited 0 with nothing written.
  @Test func riskIntoAFullDeviceExits74() throws {
    let box = try Sandbox.withSamples()
    let result = try runIntoDevFull(["--db", box.db, "risk"], in: box)
    #expect(result.code == 74)
    #expect(
      result.stderr
        == "neocloud: cannot write to standard output (No space left on device): the output is incomplete; "
        + "check the disk or the pipe it goes to.\n")
  }

  /// Item 4: `recompute > /dev/full` exited 0 after storing the run, its change lines lost.
  @Test func recomputeIntoAFullDeviceExits74AndLogsIt() throws {
    let box = try TinyData.sandbox()
    let result = try runIntoDevFull(["--db", box.db, "recompute", "--import", box.path("drop")], in: box)
    #expect(result.code == 74)
    #expect(
      result.stderr.contains(
        "neocloud: cannot write the change lines to standard output (No space left on device): run 1 is stored; "
          + "`neocloud history --run 1` prints them.\n"))
    #expect(result.stderr.contains(" recompute run=1 exit=74 "))
    #expect(try storedRuns(box).count == 1)
    // The lost mail is recoverable.
    #expect(box.run(["history", "--run", "1"]).stdout == tinyFirstRunLines)
  }

  /// Item 3: a killed export left files cut at a row boundary and the previous export gone.
  @Test func killDashNineMidExportLeavesThePreviousExportWhole() throws {
    let box = try sandboxWithManyFleets(rows: 60_000)
    let directory = box.path("backup")
    #expect(box.run(["export", directory]).code == 0)
    let previous = try exportFiles(directory)
    // The next export differs from the previous one in its first file and its biggest.
    try box.write("providers.csv", try providersFile(renaming: "auroragrid", to: "AuroraGrid Renamed"))
    #expect(box.run(["import", box.path("providers.csv")]).code == 0)
    try box.write(
      "more.csv",
      "fleet_id,provider_id,facility_id,gpu_model,gpu_count,in_service_on,capex_usd,useful_life_years,gpu_power_kw,utilization_pct,interconnect,fabric_gbps_per_gpu\nzz-last,auroragrid,aur-yul1,B200,8,2025-08-04,2400000,6,1.4,91,infiniband,400\n"
    )
    #expect(box.run(["import", box.path("more.csv")]).code == 0)

    func snapshot() -> [String: [Int]] {
      var state: [String: [Int]] = [:]
      for name in (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? [] {
        if let info = linkInfo(directory + "/" + name) {
          state[name] = [Int(info.st_ino), Int(info.st_size), Int(info.st_mtim.tv_sec), Int(info.st_mtim.tv_nsec)]
        }
      }
      return state
    }
    let untouched = snapshot()
    let child = try Child(try neocloudBinary(), ["--db", box.db, "export", directory], in: box, name: "export")
    defer { child.killHard() }
    // Kill it as soon as it has started writing into the directory.
    let deadline = Date().addingTimeInterval(60)
    while snapshot() == untouched && child.process.isRunning && Date() < deadline {}
    kill(child.pid, SIGKILL)
    child.process.waitUntilExit()
    #expect(child.process.terminationReason == .uncaughtSignal, "the export ended before it could be killed")
    #expect(try exportFiles(directory) == previous)

    // The next export completes and leaves no temporary file of the killed one behind.
    #expect(box.run(["export", directory]).code == 0)
    #expect(try FileManager.default.contentsOfDirectory(atPath: directory).filter { $0.hasPrefix(".") }.isEmpty)
    #expect(try exportFiles(directory) != previous)
    #expect(try String(contentsOfFile: directory + "/fleets.csv", encoding: .utf8).contains("\nzz-last,"))
  }

  /// Item 3: an export that runs out of space said nothing useful and had already destroyed the
  /// previous export. Under a file-size limit the write fails with EFBIG, reported as exit 74.
  @Test func anExportThatCannotWriteExits74AndKeepsThePreviousExport() throws {
    let box = try sandboxWithManyFleets(rows: 20_000)
    let directory = box.path("backup")
    #expect(box.run(["export", directory]).code == 0)
    let previous = try exportFiles(directory)
    try box.write("providers.csv", try providersFile(renaming: "auroragrid", to: "AuroraGrid Renamed"))
    #expect(box.run(["import", box.path("providers.csv")]).code == 0)
    // dash counts `ulimit -f` in 512-byte blocks: 256 KiB, far less than fleets.csv.
    let child = try Child(
      "/bin/sh", ["-c", #"ulimit -f 512; exec "$0" "$@""#, try neocloudBinary(), "--db", box.db, "export", directory],
      in: box, name: "limited")
    #expect(try child.wait() == 74)
    #expect(child.stderr.hasPrefix("neocloud: cannot write '\(directory)/fleets.csv': File too large."))
    #expect(try exportFiles(directory) == previous)
    #expect(try FileManager.default.contentsOfDirectory(atPath: directory).filter { $0.hasPrefix(".") }.isEmpty)
  }

  /// Item 6: the lock file was opened through a planted link and truncated.
  @Test func aSymlinkedLockFileIsRefusedAndItsTargetUntouched() throws {
    let box = try TinyData.sandbox()
    try box.write("victim.txt", "keep me\n")
    try? FileManager.default.removeItem(atPath: box.db + ".lock")  // `init` left one
    try FileManager.default.createSymbolicLink(atPath: box.db + ".lock", withDestinationPath: box.path("victim.txt"))
    let result = box.run(["import", box.path("drop")])
    #expect(result.code == 77)
    #expect(
      result.stderr
        == "neocloud: refusing the lock file '\(box.db).lock': it is a symbolic link; remove it (neocloud creates its own) and run again.\n"
    )
    #expect(try String(contentsOfFile: box.path("victim.txt"), encoding: .utf8) == "keep me\n")
    #expect(linkInfo(box.db + ".lock").map { $0.st_mode & S_IFMT == S_IFLNK } == true)
    #expect(try storedRuns(box).isEmpty)
  }

  /// Item 6: the lock was keyed on the path string, so the same database reached through a
  /// symbolic or hard link ran a recompute in the middle of an import.
  @Test func anImportHoldingTheLockBlocksARecomputeThroughALinkOrAHardLink() throws {
    let box = try TinyData.sandbox()
    try FileManager.default.createSymbolicLink(atPath: box.path("alias.sqlite"), withDestinationPath: box.db)
    #expect(link(box.db, box.path("hard.sqlite")) == 0)
    // The import reads a FIFO nobody writes to: it holds the lock until killed.
    let stuck = try TinyData.directory(box, "stuck", [:])
    guard mkfifo(stuck + "/providers.csv", 0o644) == 0 else { throw FixtureError(message: "mkfifo failed") }
    let child = try Child(try neocloudBinary(), ["--db", box.db, "import", stuck], in: box, name: "importer")
    defer { child.killHard() }
    try waitUntil("the import to take the lock") {
      ((try? String(contentsOfFile: box.db + ".lock", encoding: .utf8)) ?? "").hasPrefix("pid \(child.pid) since ")
    }
    for alias in [box.path("alias.sqlite"), box.path("hard.sqlite")] {
      let blocked = box.run(["--db", alias, "recompute", "--import", box.path("drop")], withDB: false)
      #expect(blocked.code == 75, "\(alias)")
      #expect(blocked.stderr.contains("is locked by another neocloud process"), "\(alias)")
    }
    #expect(try storedRuns(box).isEmpty)
    kill(child.pid, SIGKILL)
    child.process.waitUntilExit()
    let after = box.run(["--db", box.path("alias.sqlite"), "recompute", "--import", box.path("drop")], withDB: false)
    #expect(after.code == 0)
  }
}
