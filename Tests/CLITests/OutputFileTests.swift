import Foundation
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// The bytes of a file (empty when it cannot be read).
func fileBytes(_ path: String) -> Data {
  FileManager.default.contents(atPath: path) ?? Data()
}

/// `lstat` of a path: its type and permission bits.
func linkInfo(_ path: String) -> stat? {
  var info = stat()
  return lstat(path, &info) == 0 ? info : nil
}

/// Where `--output` writes (issue 14 "Output files", issue 15 items 2 and 7).
@Suite struct OutputFileTests {
  @Test func dashAndDevStdoutAreStandardOutputWithoutAnyFile() throws {
    let box = try Sandbox.withSamples()
    let expected = box.run(["rank", "--as-of", "2026-11-23", "--format", "tsv"]).stdout
    let dash = box.run(["rank", "--as-of", "2026-11-23", "--format", "tsv", "--output", "-"])
    #expect(dash.code == 0)
    #expect(dash.stdout == expected)
    #expect(!FileManager.default.fileExists(atPath: box.path("-")))
    // Only when `-` is understood: an old binary would rename a file over /dev/stdout.
    guard dash.code == 0, !FileManager.default.fileExists(atPath: box.path("-")) else { return }
    let before = linkInfo("/dev/stdout")
    let device = box.run(["rank", "--as-of", "2026-11-23", "--output", "/dev/stdout"])
    #expect(device.code == 0)
    #expect(device.stdout == expected)  // the default format for a pipe: tsv, from no extension
    #expect(linkInfo("/dev/stdout")?.st_ino == before?.st_ino)
  }

  /// `--rejects -` is standard output too (a real process: the rejects writer opens the
  /// process's own descriptor, appending, never renaming over what it resolves to).
  @Test func rejectsDashGoesToStandardOutput() throws {
    let box = try Sandbox.withSamples()
    try box.write("bad.csv", "provider_id,name\nx,y\n")
    let child = try Child(
      try neocloudBinary(), ["--db", box.db, "import", "--kind", "providers", "--rejects", "-", box.path("bad.csv")],
      in: box, name: "rejects")
    #expect(try child.wait() == 65)
    #expect(child.stdout.hasPrefix("file,line,column,reason,record\n\(box.path("bad.csv")),1,"))
    #expect(!FileManager.default.fileExists(atPath: box.path("-")))
  }

  @Test func anUnknownOrMissingExtensionIsRefusedNamingTheFormats() throws {
    let box = try Sandbox.withSamples()
    // (.xlsx names the workbook format: XLSXTests.)
    for name in ["risk.xlsm", "risk.html", "risk"] {
      let result = box.run(["risk", "--output", name])
      #expect(result.code == 64, "\(name)")
      #expect(result.stderr.contains("--output '\(name)': "), "\(name)")
      #expect(result.stderr.contains(".tsv, .csv, .json, .md, .markdown, .txt or .xlsx"), "\(name)")
      #expect(!FileManager.default.fileExists(atPath: box.path(name)))
    }
    // An explicit --format takes any name; a known extension names the format.
    #expect(box.run(["risk", "--format", "json", "--output", "risk.out"]).code == 0)
    #expect(try String(contentsOfFile: box.path("risk.out"), encoding: .utf8).hasPrefix("{"))
    #expect(box.run(["risk", "--output", "risk.TXT"]).code == 0)
    #expect(try String(contentsOfFile: box.path("risk.TXT"), encoding: .utf8).hasPrefix("As of "))
  }

  @Test func aSymlinkIsWrittenThroughToItsTarget() throws {
    let box = try Sandbox.withSamples()
    try FileManager.default.createDirectory(atPath: box.path("reports"), withIntermediateDirectories: false)
    try box.write("reports/risk.json", "old\n")
    try FileManager.default.createSymbolicLink(
      atPath: box.path("latest.json"), withDestinationPath: "reports/risk.json")
    let result = box.run(["risk", "--as-of", "2026-11-23", "--output", "latest.json"])
    #expect(result.code == 0)
    #expect(linkInfo(box.path("latest.json")).map { $0.st_mode & S_IFMT == S_IFLNK } == true)
    #expect(try String(contentsOfFile: box.path("reports/risk.json"), encoding: .utf8).hasPrefix("{\n  \"as_of\""))
    // No temporary file is left beside either.
    #expect(try FileManager.default.contentsOfDirectory(atPath: box.path("reports")) == ["risk.json"])
  }

  @Test func aDanglingLinkCreatesItsTargetAndALoopIsOneSentence() throws {
    let box = try Sandbox.withSamples()
    try FileManager.default.createSymbolicLink(atPath: box.path("next.tsv"), withDestinationPath: "made.tsv")
    #expect(box.run(["risk", "--output", "next.tsv"]).code == 0)
    #expect(try String(contentsOfFile: box.path("made.tsv"), encoding: .utf8).hasPrefix("provider_id\t"))
    try FileManager.default.createSymbolicLink(atPath: box.path("a.tsv"), withDestinationPath: "b.tsv")
    try FileManager.default.createSymbolicLink(atPath: box.path("b.tsv"), withDestinationPath: "a.tsv")
    let loop = box.run(["risk", "--output", "a.tsv"])
    #expect(loop.code == 66)
    #expect(loop.stderr == "neocloud: cannot write '\(box.path("a.tsv"))': Too many levels of symbolic links.\n")
  }

  @Test func aFIFOIsOpenedAndWrittenForItsReader() throws {
    let box = try Sandbox.withSamples()
    let fifo = box.path("pipe.tsv")
    guard mkfifo(fifo, 0o600) == 0 else { throw FixtureError(message: "mkfifo failed") }
    let reader = try Child("/bin/cat", [fifo], in: box, name: "reader")
    defer { reader.killHard() }
    let result = box.run(["rank", "--as-of", "2026-11-23", "--output", fifo])
    #expect(result.code == 0)
    #expect(try reader.wait() == 0)
    #expect(reader.stdout == box.run(["rank", "--as-of", "2026-11-23", "--format", "tsv"]).stdout)
    #expect(linkInfo(fifo).map { $0.st_mode & S_IFMT == S_IFIFO } == true)
  }

  @Test func rewritingAPrivateFileKeepsItsMode() throws {
    let box = try Sandbox.withSamples()
    try box.write("private.tsv", "old\n")
    #expect(chmod(box.path("private.tsv"), 0o600) == 0)
    #expect(box.run(["risk", "--output", "private.tsv"]).code == 0)
    #expect(linkInfo(box.path("private.tsv")).map { $0.st_mode & 0o777 } == 0o600)
    #expect(try String(contentsOfFile: box.path("private.tsv"), encoding: .utf8).hasPrefix("provider_id\t"))

    try box.write("rejects.csv", "old\n")
    #expect(chmod(box.path("rejects.csv"), 0o600) == 0)
    try box.write("bad.csv", "provider_id,name\nx,y\n")
    #expect(box.run(["import", "--kind", "providers", "--rejects", "rejects.csv", box.path("bad.csv")]).code == 65)
    #expect(linkInfo(box.path("rejects.csv")).map { $0.st_mode & 0o777 } == 0o600)
    #expect(
      try String(contentsOfFile: box.path("rejects.csv"), encoding: .utf8).hasPrefix("file,line,column,reason,record\n")
    )
  }

  /// Issue 15 item 2: `rank --output neocloud.sqlite` replaced the database with a TSV.
  @Test func anOutputOrRejectsNamingTheDatabaseOrItsFilesIsRefused() throws {
    let box = try Sandbox.withSamples()
    try FileManager.default.createSymbolicLink(atPath: box.path("alias.sqlite"), withDestinationPath: box.db)
    #expect(link(box.db, box.path("hard.sqlite")) == 0)
    let before = fileBytes(box.db)
    let targets = [
      box.db, box.db + "-wal", box.db + "-shm", box.db + ".lock", box.path("alias.sqlite"), box.path("hard.sqlite"),
      "test.sqlite",
    ]
    for target in targets {
      let output = box.run(["rank", "--format", "tsv", "--output", target])
      #expect(output.code == 64, "\(target)")
      #expect(output.stderr.contains("it is the database '\(box.db)' or one of its files"), "\(target)")
      let rejects = box.run(["import", "--rejects", target, repositoryRoot + "/Samples/providers.csv"])
      #expect(rejects.code == 64, "\(target)")
      #expect(fileBytes(box.db) == before, "\(target)")
    }
    #expect(!FileManager.default.fileExists(atPath: box.db + "-wal.tsv"))
    #expect(box.run(["rank"]).code == 0)
  }

  /// Issue 15 item 7: export followed a planted link and truncated its target.
  @Test func exportReplacesALinkInsteadOfWritingItsTarget() throws {
    let box = try Sandbox.withSamples()
    try box.write("victim.txt", "keep me\n")
    try FileManager.default.createDirectory(atPath: box.path("out"), withIntermediateDirectories: false)
    try FileManager.default.createSymbolicLink(
      atPath: box.path("out/providers.csv"), withDestinationPath: box.path("victim.txt"))
    #expect(box.run(["export", box.path("out")]).code == 0)
    #expect(try String(contentsOfFile: box.path("victim.txt"), encoding: .utf8) == "keep me\n")
    #expect(linkInfo(box.path("out/providers.csv")).map { $0.st_mode & S_IFMT == S_IFREG } == true)
    #expect(
      try String(contentsOfFile: box.path("out/providers.csv"), encoding: .utf8)
        == String(contentsOfFile: repositoryRoot + "/Samples/providers.csv", encoding: .utf8))
  }

  /// Issue 15 item 7, as root: another user's link to root's file is neither followed for
  /// --rejects nor for --output.
  @Test(.enabled(if: geteuid() == 0, "chowning a link to another user needs root (CI runs as root)"))
  func anotherUsersLinkToSomeoneElsesFileIsRefused() throws {
    let box = try Sandbox.withSamples()
    try box.write("victim.txt", "keep me\n")
    try FileManager.default.createSymbolicLink(
      atPath: box.path("planted.csv"), withDestinationPath: box.path("victim.txt"))
    #expect(lchown(box.path("planted.csv"), 65534, 65534) == 0)
    try box.write("bad.csv", "provider_id,name\nx,y\n")
    let rejects = box.run(["import", "--kind", "providers", "--rejects", "planted.csv", box.path("bad.csv")])
    #expect(rejects.code == 64)
    #expect(rejects.stderr.contains("symbolic link owned by another user"))
    let output = box.run(["risk", "--format", "csv", "--output", "planted.csv"])
    #expect(output.code == 64)
    #expect(try String(contentsOfFile: box.path("victim.txt"), encoding: .utf8) == "keep me\n")
  }
}
