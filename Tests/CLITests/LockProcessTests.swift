import Foundation
import Store
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// The built `neocloud` binary: next to the test bundle (SwiftPM builds both into the same
/// directory), else in the repository's `.build/debug`.
func neocloudBinary() throws -> String {
  var candidates: [String] = []
  if let first = CommandLine.arguments.first {
    candidates.append(URL(fileURLWithPath: first).deletingLastPathComponent().appendingPathComponent("neocloud").path)
  }
  candidates.append(Bundle.main.bundleURL.deletingLastPathComponent().appendingPathComponent("neocloud").path)
  candidates.append(Bundle.main.bundleURL.appendingPathComponent("neocloud").path)
  candidates.append(repositoryRoot + "/.build/debug/neocloud")
  guard let found = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0) }) else {
    throw FixtureError(message: "no neocloud binary in \(candidates): run `swift build` first")
  }
  return found
}

/// A child process with its output collected in files (pipes could fill up and block it).
final class Child {
  let process = Process()
  let stdoutPath: String
  let stderrPath: String

  init(_ executable: String, _ arguments: [String], in box: Sandbox, name: String) throws {
    stdoutPath = box.path(name + ".out")
    stderrPath = box.path(name + ".err")
    _ = FileManager.default.createFile(atPath: stdoutPath, contents: nil)
    _ = FileManager.default.createFile(atPath: stderrPath, contents: nil)
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    process.currentDirectoryURL = URL(fileURLWithPath: box.directory)
    process.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: stdoutPath))
    process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: stderrPath))
    process.standardInput = FileHandle.nullDevice
    try process.run()
  }

  var pid: Int32 { process.processIdentifier }

  /// Waits up to `seconds` for the child to exit; kills it and throws when it does not.
  @discardableResult
  func wait(seconds: Double = 60) throws -> Int32 {
    let deadline = Date().addingTimeInterval(seconds)
    while process.isRunning {
      if Date() > deadline {
        kill(pid, SIGKILL)
        process.waitUntilExit()
        throw FixtureError(message: "child \(pid) did not finish within \(seconds) s")
      }
      usleep(20_000)
    }
    process.waitUntilExit()
    return process.terminationStatus
  }

  var stdout: String { (try? String(contentsOfFile: stdoutPath, encoding: .utf8)) ?? "" }
  var stderr: String { (try? String(contentsOfFile: stderrPath, encoding: .utf8)) ?? "" }

  /// Ends the child for good (the tests' own cleanup; never a broad kill).
  func killHard() {
    if process.isRunning { kill(pid, SIGKILL) }
    process.waitUntilExit()
  }
}

/// Polls until `condition` holds (or throws after `seconds`).
func waitUntil(seconds: Double = 30, _ what: String, _ condition: () -> Bool) throws {
  let deadline = Date().addingTimeInterval(seconds)
  while !condition() {
    if Date() > deadline { throw FixtureError(message: "timed out waiting for \(what)") }
    usleep(20_000)
  }
}

/// Lock contention between real processes: `flock` on `<db>.lock` (§8).
@Suite(.serialized) struct LockProcessTests {
  @Test func aSecondProcessExits75NamingTheHoldersPIDAndStartTime() throws {
    let box = try TinyData.sandbox()
    let lock = try DatabaseLock.acquire(databasePath: box.db, now: { Date(timeIntervalSince1970: 1_795_400_000) })
    defer { lock.release() }
    let child = try Child(
      try neocloudBinary(), ["--db", box.db, "recompute", "--import", box.path("drop")], in: box, name: "second")
    #expect(try child.wait() == 75)
    #expect(child.stdout == "")
    #expect(
      child.stderr.hasPrefix(
        "neocloud: database '\(box.db)' is locked by another neocloud process (pid \(getpid()) since 2026-11-23T02:13:20Z): "
          + "wait for it to finish or pass --wait SECONDS.\n"))
    #expect(child.stderr.contains(" recompute run=none exit=75 "))
    #expect(try storedRuns(box).isEmpty)
  }

  @Test func waitSucceedsWhenTheHolderFinishesInTime() throws {
    let box = try TinyData.sandbox()
    var lock: DatabaseLock? = try DatabaseLock.acquire(databasePath: box.db)
    defer { lock?.release() }
    let started = Date()
    let child = try Child(
      try neocloudBinary(), ["--db", box.db, "recompute", "--import", box.path("drop"), "--wait", "30"], in: box,
      name: "waiter")
    usleep(1_000_000)
    #expect(child.process.isRunning)  // still waiting its turn
    lock?.release()
    lock = nil
    #expect(try child.wait() == 0)
    #expect(Date().timeIntervalSince(started) >= 1)
    #expect(child.stdout == tinyFirstRunLines)
    #expect(child.stderr.contains(" recompute run=1 exit=0 "))
    #expect(try storedRuns(box).count == 1)
  }

  @Test func waitGivesUpWhenTheHolderTakesLonger() throws {
    let box = try TinyData.sandbox()
    let lock = try DatabaseLock.acquire(databasePath: box.db)
    defer { lock.release() }
    let started = Date()
    let child = try Child(try neocloudBinary(), ["--db", box.db, "recompute", "--wait", "0.5"], in: box, name: "late")
    #expect(try child.wait() == 75)
    #expect(Date().timeIntervalSince(started) >= 0.5)
    #expect(child.stderr.contains("(pid \(getpid()) since "))
  }

  @Test func aLockFromAnotherProgramBlocksUntilItsHolderIsKilled() throws {
    let box = try TinyData.sandbox()
    let lockPath = box.db + ".lock"
    // A shell that takes the flock, writes its pid the way neocloud does, and sleeps holding it.
    let holder = try Child(
      "/bin/sh",
      [
        "-c", #"exec 9<>"$0"; flock -x 9; printf 'pid %s since 2026-11-23T01:00:00Z\n' $$ >&9; exec sleep 300"#,
        lockPath,
      ], in: box, name: "holder")
    defer { holder.killHard() }
    try waitUntil("the holder to write its pid") {
      ((try? String(contentsOfFile: lockPath, encoding: .utf8)) ?? "").contains("pid \(holder.pid) ")
    }
    let blocked = box.run(["recompute", "--import", box.path("drop")])
    #expect(blocked.code == 75)
    #expect(blocked.stderr.contains("(pid \(holder.pid) since 2026-11-23T01:00:00Z)"))

    kill(holder.pid, SIGKILL)
    holder.process.waitUntilExit()
    // The file still names the dead holder, but the kernel released its flock.
    #expect(((try? String(contentsOfFile: lockPath, encoding: .utf8)) ?? "").contains("pid \(holder.pid) "))
    let result = box.run(["recompute", "--import", box.path("drop")])
    #expect(result.code == 0)
    #expect(result.stdout == tinyFirstRunLines)
  }

  @Test func aRecomputeKilledWhileHoldingTheLockLeavesNoRunAndNoBlock() throws {
    let box = try TinyData.sandbox()
    // The import reads a named pipe nobody writes to, so the child stops inside its run,
    // holding the lock, until it is killed.
    let stuck = try TinyData.directory(box, "stuck", [:])
    guard mkfifo(stuck + "/providers.csv", 0o644) == 0 else {
      throw FixtureError(message: "mkfifo failed: \(String(cString: strerror(errno)))")
    }
    let child = try Child(
      try neocloudBinary(), ["--db", box.db, "recompute", "--import", stuck], in: box, name: "stuck")
    defer { child.killHard() }
    let lockPath = box.db + ".lock"
    try waitUntil("the child to take the lock") {
      ((try? String(contentsOfFile: lockPath, encoding: .utf8)) ?? "").hasPrefix("pid \(child.pid) since ")
    }
    let blocked = box.run(["recompute"])
    #expect(blocked.code == 75)
    #expect(blocked.stderr.contains("(pid \(child.pid) since "))

    kill(child.pid, SIGKILL)
    child.process.waitUntilExit()
    let result = box.run(["recompute", "--import", box.path("drop")])
    #expect(result.code == 0)
    #expect(result.stdout == tinyFirstRunLines)
    #expect(try storedRuns(box).map(\.runID) == [1])
  }
}
