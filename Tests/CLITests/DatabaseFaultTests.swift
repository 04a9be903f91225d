import Foundation
import GRDB
import Store
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// An `sqlite3` shell holding `BEGIN EXCLUSIVE` on a database until `release()`.
final class SQLiteShellLock: @unchecked Sendable {
  let process = Process()
  let input = Pipe()
  let output = Pipe()

  init(_ path: String) throws {
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["sqlite3", path]
    process.standardInput = input
    process.standardOutput = output
    process.standardError = FileHandle.nullDevice
    try process.run()
    input.fileHandleForWriting.write(Data("BEGIN EXCLUSIVE;\nSELECT 'locked';\n".utf8))
    // The shell prints `locked` once it holds the lock.
    var seen = Data()
    let deadline = Date().addingTimeInterval(20)
    while !String(decoding: seen, as: UTF8.self).contains("locked") {
      let chunk = output.fileHandleForReading.availableData
      if chunk.isEmpty || Date() > deadline { throw FixtureError(message: "the sqlite3 shell did not take the lock") }
      seen.append(chunk)
    }
  }

  func release() {
    guard process.isRunning else { return }
    input.fileHandleForWriting.write(Data("COMMIT;\n".utf8))
    try? input.fileHandleForWriting.close()
    process.waitUntilExit()
  }

  deinit { release() }
}

/// Makes a directory or a file read-only for this process until `restore()`: a read-only bind
/// mount as root (root ignores permission bits), the permission bits otherwise.
final class ReadOnly {
  let path: String
  let mounted: Bool
  let mode: mode_t

  init(_ path: String) throws {
    self.path = path
    var info = stat()
    _ = stat(path, &info)
    mode = info.st_mode & 0o7777
    if geteuid() == 0 {
      try ReadOnly.run("/bin/mount", ["--bind", path, path])
      do {
        try ReadOnly.run("/bin/mount", ["-o", "remount,ro,bind", path])
      } catch {
        try? ReadOnly.run("/bin/umount", [path])
        throw error
      }
      mounted = true
    } else {
      chmod(path, mode & ~0o222)
      mounted = false
    }
  }

  func restore() {
    if mounted { try? ReadOnly.run("/bin/umount", [path]) } else { chmod(path, mode) }
  }

  deinit { restore() }

  static func run(_ tool: String, _ arguments: [String]) throws {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: tool)
    process.arguments = arguments
    process.standardError = FileHandle.nullDevice
    try process.run()
    process.waitUntilExit()
    guard process.terminationStatus == 0 else {
      throw FixtureError(message: "\(tool) \(arguments.joined(separator: " ")) exited \(process.terminationStatus)")
    }
  }
}

/// The files in a directory, with their bytes (to prove a command changed nothing).
func directorySnapshot(_ path: String) throws -> [String: Data] {
  var files: [String: Data] = [:]
  for name in try FileManager.default.contentsOfDirectory(atPath: path) {
    var isDirectory: ObjCBool = false
    let full = path + "/" + name
    if FileManager.default.fileExists(atPath: full, isDirectory: &isDirectory), !isDirectory.boolValue {
      files[name] = FileManager.default.contents(atPath: full) ?? Data()
    }
  }
  return files
}

/// Faults of the database file itself read as one sentence with DESIGN §5's exit code (#15
/// items 9, 10, 11, 13).
@Suite(.serialized) struct DatabaseFaultTests {
  // MARK: 9. Another program's SQLite lock

  @Test func sqliteLockHeldByTheShellIsBusy75AndWaitWaits() throws {
    let box = try Sandbox.withSamples()
    let shell = try SQLiteShellLock(box.db)
    defer { shell.release() }
    let started = Date()
    let busy = box.run(["recompute", "--wait", "1"])
    #expect(busy.code == 75)
    #expect(Date().timeIntervalSince(started) >= 1)
    let lines = busy.stderr.split(separator: "\n")
    #expect(lines.count == 2)  // the sentence and the log line
    #expect(
      lines.first
        == "neocloud: database '\(box.db)' is busy: another program holds an SQLite lock on it; try again when it has finished, or pass --wait SECONDS."
    )
    #expect(!busy.stderr.contains("BEGIN"))
    #expect(box.run(["import", repositoryRoot + "/Samples"]).code == 75)
    #expect(box.run(["init"]).stderr.contains("is busy") == true)
    // Readers are not blocked by a writer in WAL mode.
    #expect(box.run(["rank"]).code == 0)

    // --wait also sets SQLite's busy timeout: released after 1 s, the run goes through.
    DispatchQueue.global().asyncAfter(deadline: .now() + 1) { shell.release() }
    let waited = box.run(["recompute", "--wait", "20"])
    #expect(waited.code == 0)
    #expect(try Store.open(path: box.db).runs().count == 1)
  }

  // MARK: 10. Read-only media

  @Test func readsWorkInAReadOnlyDirectoryAndWritesExit77() throws {
    let box = try Sandbox.withSamples()
    #expect(box.run(["recompute", "--as-of", "2026-11-23"]).code == 0)
    let expected = box.run(["rank", "--as-of", "2026-11-23"])
    let directory = box.path("media")
    try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    let db = directory + "/ro.sqlite"
    try FileManager.default.copyItem(atPath: box.db, toPath: db)
    let before = try directorySnapshot(directory)
    let readOnly = try ReadOnly(directory)
    defer { readOnly.restore() }

    let rank = box.run(["--db", db, "rank", "--as-of", "2026-11-23"], withDB: false)
    #expect(rank.code == 0)
    #expect(rank.stdout == expected.stdout)
    for command in [["risk"], ["history"], ["show", "auroragrid"], ["export", box.path("out")]] {
      let result = box.run(["--db", db] + command, withDB: false)
      #expect(result.code == 0, "\(command): \(result.stderr)")
    }
    for command in [["recompute"], ["import", repositoryRoot + "/Samples"], ["init"]] {
      let result = box.run(["--db", db] + command, withDB: false)
      #expect(result.code == 77, "\(command)")
      #expect(result.stderr.hasPrefix("neocloud: the database is read-only: cannot write '\(db)' ("))
    }
    readOnly.restore()
    #expect(try directorySnapshot(directory) == before)
  }

  /// On read-only media a database whose `-wal` still holds committed pages cannot be read
  /// without applying them: refused (77) rather than read as it was before those pages.
  @Test func pendingWriteAheadLogOnReadOnlyMediaIsRefused() throws {
    let box = try Sandbox.withSamples()
    let directory = box.path("media")
    try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    let writer = try DatabaseQueue(path: box.db)
    try writer.writeWithoutTransaction { db in
      try db.execute(sql: "PRAGMA wal_autocheckpoint = 0")
      try db.execute(sql: "UPDATE providers SET name = name || ' (renamed)'")
    }
    // Copied while the writer is open: the -wal holds the update, and there is no -shm.
    try FileManager.default.copyItem(atPath: box.db, toPath: directory + "/db.sqlite")
    try FileManager.default.copyItem(atPath: box.db + "-wal", toPath: directory + "/db.sqlite-wal")
    try writer.close()
    let log = try FileManager.default.attributesOfItem(atPath: directory + "/db.sqlite-wal")[.size] as? Int
    #expect((log ?? 0) > 0)
    #expect(!FileManager.default.fileExists(atPath: directory + "/db.sqlite-shm"))
    let readOnly = try ReadOnly(directory)
    defer { readOnly.restore() }
    let result = box.run(["--db", directory + "/db.sqlite", "rank"], withDB: false)
    #expect(result.code == 77)
    #expect(result.stderr.contains("write-ahead log must be applied first"))
  }

  @Test func readsWorkOnAReadOnlyFile() throws {
    let box = try Sandbox.withSamples()
    let readOnly = try ReadOnly(box.db)
    defer { readOnly.restore() }
    #expect(box.run(["rank"]).code == 0)
    #expect(box.run(["history"]).code == 0)
    let write = box.run(["recompute"])
    #expect(write.code == 77)
    #expect(write.stderr.hasPrefix("neocloud: the database is read-only: "))
  }

  // MARK: 11. A damaged database

  enum Damage: String, CaseIterable {
    case garbagePages, truncated, negativeVersion, damagedIndex
  }

  static func damage(_ path: String, _ damage: Damage) throws {
    switch damage {
    case .garbagePages:
      let handle = try #require(FileHandle(forUpdatingAtPath: path))
      try handle.seek(toOffset: 4096 * 12)
      handle.write(Data((0..<(4096 * 12)).map { UInt8(truncatingIfNeeded: $0 &* 37 &+ 11) }))
      try handle.close()
    case .truncated:
      let size = try #require(try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int)
      #expect(truncate(path, off_t(size / 3)) == 0)
    case .negativeVersion:
      let queue = try DatabaseQueue(path: path)
      try queue.writeWithoutTransaction { try $0.execute(sql: "PRAGMA user_version = -1") }
      try queue.close()
    case .damagedIndex:
      let queue = try DatabaseQueue(path: path)
      let root = try queue.read {
        try Int.fetchOne($0, sql: "SELECT rootpage FROM sqlite_schema WHERE name = 'contracts_provider'")
      }
      try queue.close()
      let handle = try #require(FileHandle(forUpdatingAtPath: path))
      try handle.seek(toOffset: UInt64((try #require(root) - 1) * 4096))
      handle.write(Data([0x0D, 0x00, 0x00, 0x00, 0x05, 0xFF, 0xFF]))  // a leaf page with bad cells
      try handle.close()
    }
  }

  /// A damaged database gives one sentence and exit 65 for every command, never SQL text;
  /// writers check the file before writing (a damaged index is caught) and write nothing.
  @Test(arguments: Damage.allCases)
  func damagedDatabaseIsOneSentenceExit65(damage: Damage) throws {
    let box = try Sandbox.withSamples()
    #expect(box.run(["recompute", "--as-of", "2026-11-23"]).code == 0)
    try Self.damage(box.db, damage)
    let bytes = try Data(contentsOf: URL(fileURLWithPath: box.db))
    let sentence = "neocloud: the database is damaged (SQLite: "
    let writers: [[String]] = [["recompute"], ["init"], ["import", repositoryRoot + "/Samples"]]
    let readers: [[String]] =
      damage == .damagedIndex ? [] : [["rank"], ["risk"], ["history"], ["export", box.path("out")]]
    for command in writers + readers {
      let result = box.run(command)
      #expect(result.code == 65, "\(damage) \(command): \(result.stderr)")
      let first = result.stderr.split(separator: "\n").first.map(String.init) ?? ""
      #expect(first.hasPrefix(sentence), "\(damage) \(command): \(result.stderr)")
      #expect(first.hasSuffix("restore a backup or run `sqlite3 \(box.db) .recover`."))
      #expect(result.stderr.split(separator: "\n").count == (command == ["recompute"] ? 2 : 1))
      #expect(!result.stderr.contains("up to date") && !result.stderr.contains("import"))
      #expect(!result.stderr.contains("SELECT") && !result.stderr.contains("internal error"))
    }
    #expect(try Data(contentsOf: URL(fileURLWithPath: box.db)) == bytes)
  }

  @Test func fileOfAnotherKindIsStillNotAnSQLiteFile() throws {
    let box = try Sandbox()
    try box.write("test.sqlite", String(repeating: "not a database at all ", count: 300))
    let result = box.run(["rank"])
    #expect(result.code == 65)
    #expect(result.stderr.contains("(not an SQLite file)"))
  }

  // MARK: 13. Stray files

  /// A directory, a FIFO, a device or `/` is refused before anything is created beside it.
  @Test func pathsThatAreNotFilesLeaveNothingBeside() throws {
    let box = try Sandbox()
    try FileManager.default.createDirectory(atPath: box.path("dir"), withIntermediateDirectories: true)
    #expect(mkfifo(box.path("fifo"), 0o600) == 0)
    let targets = [box.path("dir"), box.path("fifo"), "/dev/full", "/"]
    let strays = ["/.lock", "/-journal", "/-wal", "/dev/full.lock", "/dev/full-journal", "/dev/full-wal"]
    let existing = strays.filter { FileManager.default.fileExists(atPath: $0) }
    for target in targets {
      for command in [["init"], ["rank"], ["recompute"], ["import", repositoryRoot + "/Samples"]] {
        let result = box.run(["--db", target] + command, withDB: false)
        #expect(result.code == 65, "\(target) \(command): \(result.stderr)")
        #expect(result.stderr.hasPrefix("neocloud: '\(target)' is not a neocloud database (it is a "))
        for suffix in [".lock", "-journal", "-wal", "-shm"] where target.hasPrefix(box.directory) {
          #expect(!FileManager.default.fileExists(atPath: target + suffix), "\(target)\(suffix) after \(command)")
        }
      }
    }
    #expect(strays.filter { FileManager.default.fileExists(atPath: $0) } == existing)
    #expect(Set(try FileManager.default.contentsOfDirectory(atPath: box.directory)) == ["dir", "fifo"])
  }

  @Test func initLockMessageDoesNotSuggestWait() throws {
    let box = try Sandbox()
    #expect(box.run(["init"]).code == 0)
    let lock = try DatabaseLock.acquire(databasePath: box.db)
    defer { lock.release() }
    let result = box.run(["init"])
    #expect(result.code == 75)
    #expect(result.stderr.contains("is locked by another neocloud process"))
    #expect(!result.stderr.contains("--wait"))
  }
}
