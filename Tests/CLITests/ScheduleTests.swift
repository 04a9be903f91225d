import Engine
import Foundation
import Testing

@Suite struct ScheduleTests {
  @Test func printsOneLineWithAbsoluteQuotedPaths() throws {
    let box = try Sandbox()
    #expect(box.run(["init"]).code == 0)
    let result = box.run(["schedule", "--at", "03:05", "--fail-on", "critical"])
    #expect(result.code == 0)
    let line = result.stdout
    #expect(line.hasPrefix("5 3 * * * '"))
    #expect(
      line.contains(" --db '\(box.db)' recompute --fail-on critical --log '\(box.db).log' # neocloud:\(box.db)\n"))
  }

  @Test func escapesPercentAndQuotes() {
    let entry = Schedule.Entry(
      hour: 2, minute: 15, binary: "/opt/neo cloud/neocloud", database: "/data/it's 100%.sqlite",
      failOn: "high", importDirectory: "/drop", logFile: "/var/log/n.log")
    #expect(
      entry.line
        == #"15 2 * * * '/opt/neo cloud/neocloud' --db '/data/it'\''s 100\%.sqlite' recompute --import '/drop' --fail-on high --log '/var/log/n.log' # neocloud:/data/it's 100\%.sqlite"#
    )
  }

  @Test func installTwiceLeavesOneEntryAndRemoveTakesItOut() throws {
    let box = try Sandbox()
    #expect(box.run(["init"]).code == 0)
    let crontab = box.path("crontab")
    try box.write("crontab", "MAILTO=ops@example.com\n0 * * * * /usr/bin/true\n")
    let first = box.run(["schedule", "--install", "--crontab-file", crontab])
    #expect(first.code == 0)
    #expect(first.stderr == "installed the nightly recompute for \(box.db):\n")
    let second = box.run(["schedule", "--install", "--at", "04:00", "--crontab-file", crontab])
    #expect(second.code == 0)
    #expect(second.stderr == "replaced the nightly recompute for \(box.db):\n")
    let text = try String(contentsOfFile: crontab, encoding: .utf8)
    let lines = text.split(separator: "\n")
    #expect(lines.count == 3)
    #expect(lines[0] == "MAILTO=ops@example.com")
    #expect(lines[1] == "0 * * * * /usr/bin/true")
    #expect(lines[2].hasPrefix("0 4 * * * "))
    #expect(lines[2].hasSuffix("# neocloud:\(box.db)"))
    let removed = box.run(["schedule", "--remove", "--crontab-file", crontab])
    #expect(removed.code == 0)
    #expect(try String(contentsOfFile: crontab, encoding: .utf8) == "MAILTO=ops@example.com\n0 * * * * /usr/bin/true\n")
    let again = box.run(["schedule", "--remove", "--crontab-file", crontab])
    #expect(again.stderr == "no nightly recompute was scheduled for \(box.db)\n")
  }

  @Test func everyModeNeedsAnExistingDatabase() throws {
    let box = try Sandbox()
    for arguments in [
      ["schedule"], ["schedule", "--install", "--crontab-file", box.path("crontab")],
      ["schedule", "--remove", "--crontab-file", box.path("crontab")],
    ] {
      let result = box.run(arguments)
      #expect(result.code == 66)
      #expect(result.stdout.isEmpty)
    }
    #expect(!FileManager.default.fileExists(atPath: box.path("crontab")))
  }

  @Test(arguments: [
    ["schedule", "--at", "24:00"], ["schedule", "--at", "2"], ["schedule", "--fail-on", "low"],
    ["schedule", "--install", "--remove"],
  ])
  func badFlagsAreUsageErrors(arguments: [String]) throws {
    let box = try Sandbox()
    #expect(box.run(arguments).code == 64)
  }
}
