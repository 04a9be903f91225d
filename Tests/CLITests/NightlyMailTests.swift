import Engine
import Foundation
import Testing

/// Issue 15 item 5: a control character in a path became a crontab job of its own.
@Suite struct CrontabInjectionTests {
  @Test(arguments: ["--log", "--import", "--db"])
  func aPathWithANewlineNeverReachesTheCrontab(option: String) throws {
    let box = try Sandbox()
    #expect(box.run(["init"]).code == 0)
    let crontab = box.path("crontab")
    let original = "MAILTO=ops@example.com\n0 * * * * /usr/bin/true\n"
    try box.write("crontab", original)
    let hostile = box.path("x\n* * * * * id>PWNED\n")
    let arguments =
      option == "--db"
      ? ["--db", hostile, "schedule", "--install", "--crontab-file", crontab]
      : ["schedule", "--install", "--crontab-file", crontab, option, hostile]
    let result = box.run(arguments, withDB: option != "--db")
    #expect(result.code == 64)
    #expect(result.stderr.contains("\(option) holds a control character (U+000A)"))
    #expect(try String(contentsOfFile: crontab, encoding: .utf8) == original)
  }

  /// The marker stays findable for the paths that are allowed: quotes, spaces and `%`.
  @Test func anOddButLegalPathIsInstalledOnceAndRemoved() throws {
    let box = try Sandbox()
    let db = box.path("it's 100% ok.sqlite")
    #expect(box.run(["--db", db, "init"], withDB: false).code == 0)
    let crontab = box.path("crontab")
    let original = "0 * * * * /usr/bin/true\n"
    try box.write("crontab", original)
    for _ in 0..<2 {
      #expect(box.run(["--db", db, "schedule", "--install", "--crontab-file", crontab], withDB: false).code == 0)
    }
    let lines = try String(contentsOfFile: crontab, encoding: .utf8).split(separator: "\n")
    #expect(lines.count == 2)
    #expect(lines.last?.hasSuffix("# neocloud:\(db.replacingOccurrences(of: "%", with: "\\%"))") == true)
    #expect(box.run(["--db", db, "schedule", "--remove", "--crontab-file", crontab], withDB: false).code == 0)
    #expect(try String(contentsOfFile: crontab, encoding: .utf8) == original)
  }

  @Test func everyPathOfTheEntryIsChecked() throws {
    for (index, control) in ["\r", "\u{1B}", "\u{7F}", "\t"].enumerated() {
      var entry = Schedule.Entry(
        hour: 2, minute: 15, binary: "/usr/bin/neocloud", database: "/data/n.sqlite", failOn: "high",
        importDirectory: "/drop", logFile: "/var/log/n.log")
      switch index {
      case 0: entry.binary += control
      case 1: entry.database += control
      case 2: entry.importDirectory = "/drop" + control
      default: entry.logFile += control
      }
      #expect(throws: EngineError.self) { try entry.validate() }
    }
    let clean = Schedule.Entry(
      hour: 2, minute: 15, binary: "/opt/neo cloud/neocloud", database: "/data/it's 100%.sqlite", failOn: nil,
      importDirectory: nil, logFile: "/var/log/n.log")
    #expect(throws: Never.self) { try clean.validate() }
  }
}

/// Issue 14: the installed line keeps the log but lets errors reach the mail, and every mail
/// starts with one header line.
@Suite struct NightlyMailTests {
  @Test func changesAndErrorsAreMailedAfterAHeaderAndAQuietNightMailsNothing() throws {
    let box = try TinyData.sandbox()
    let log = box.path("nightly.log")
    let first = box.run(["recompute", "--import", box.path("drop"), "--log", log])
    #expect(first.code == 0)
    #expect(
      first.stdout
        == "neocloud recompute: database \(box.db), as of 2026-11-23, run 1, exit 0\n" + tinyFirstRunLines)
    #expect(first.stderr == "")

    let quiet = box.run(["recompute", "--log", log])
    #expect(quiet.code == 0)
    #expect(quiet.stdout == "" && quiet.stderr == "")

    let bad = try TinyData.directory(box, "bad", ["providers.csv": "provider_id,name\nx\n"])
    let failed = box.run(["recompute", "--import", bad, "--log", log])
    #expect(failed.code == 65)
    #expect(failed.stdout == "neocloud recompute: database \(box.db), as of 2026-11-23, run none, exit 65 (bad data)\n")
    #expect(failed.stderr.hasSuffix("neocloud: 1 error; nothing was imported.\n"))

    let lines = try String(contentsOfFile: log, encoding: .utf8).split(separator: "\n").map(String.init)
    #expect(lines.first?.hasPrefix("imported ") == true)  // the import's summary
    #expect(Array(lines[1...3]) == tinyFirstRunLines.split(separator: "\n").map(String.init))
    #expect(lines[4].contains(" recompute run=1 exit=0 "))
    #expect(lines[5].contains(" recompute run=2 exit=0 "))
    #expect(lines.last?.contains(" recompute run=none exit=65 ") == true)
    #expect(lines.contains("neocloud: 1 error; nothing was imported."))
  }

  @Test func withoutALogTheOutputIsAsBefore() throws {
    let box = try TinyData.sandbox()
    let result = box.run(["recompute", "--import", box.path("drop")])
    #expect(result.stdout == tinyFirstRunLines)
    #expect(result.stderr.contains(" recompute run=1 exit=0 "))
  }

  @Test func aLogThatCannotBeOpenedStillMailsTheHeaderTheErrorAndTheLogLine() throws {
    let box = try TinyData.sandbox()
    let result = box.run(["recompute", "--import", box.path("drop"), "--log", box.path("no/such/dir/n.log")])
    #expect(result.code == 66)
    #expect(
      result.stdout == "neocloud recompute: database \(box.db), as of 2026-11-23, run none, exit 66 (not found)\n")
    #expect(result.stderr.hasPrefix("neocloud: cannot write '\(box.path("no/such/dir/n.log"))': directory "))
    #expect(result.stderr.contains(" recompute run=none exit=66 "))
    #expect(try storedRuns(box).isEmpty)
  }

  @Test func theLogCannotBeTheDatabase() throws {
    let box = try TinyData.sandbox()
    let before = fileBytes(box.db)
    let result = box.run(["recompute", "--import", box.path("drop"), "--log", box.db])
    #expect(result.code == 64)
    #expect(fileBytes(box.db) == before)
  }
}
