import Foundation
import Testing

@testable import Store

@Suite struct InitTests {
  @Test func initCreatesThenReportsUpToDate() throws {
    let box = try Sandbox()
    let first = box.run(["init"])
    #expect(first.code == 0)
    #expect(first.stderr == "created \(box.db) (schema version \(Store.latestVersion))\n")
    #expect(first.stdout.isEmpty)
    let second = box.run(["init"])
    #expect(second.code == 0)
    #expect(second.stderr == "\(box.db) is up to date (schema version \(Store.latestVersion))\n")
  }

  @Test func dbOptionParsesAfterTheSubcommandToo() throws {
    let box = try Sandbox()
    let other = box.path("other.sqlite")
    let result = box.run(["init", "--db", other], withDB: false)
    #expect(result.code == 0)
    #expect(FileManager.default.fileExists(atPath: other))
  }

  @Test func newerDatabaseExits73() throws {
    let box = try Sandbox()
    #expect(box.run(["init"]).code == 0)
    let store = try Store.open(path: box.db)
    try store.queue.writeWithoutTransaction {
      try $0.execute(sql: "PRAGMA user_version = \(Store.latestVersion + 1)")
    }
    let result = box.run(["init"])
    #expect(result.code == 73)
    #expect(
      result.stderr
        == "neocloud: database '\(box.db)' has schema version \(Store.latestVersion + 1), newer than this neocloud supports (\(Store.latestVersion)): upgrade neocloud.\n"
    )
  }

  @Test func initInMissingDirectoryExits66() throws {
    let box = try Sandbox()
    let result = box.run(["init", "--db", box.path("nope/x.sqlite")], withDB: false)
    #expect(result.code == 66)
    #expect(result.stderr.hasPrefix("neocloud: cannot open database"))
  }

  @Test func unknownSubcommandIsUsage() throws {
    let box = try Sandbox()
    let result = box.run(["frobnicate"])
    #expect(result.code == 64)
    #expect(result.stderr.contains("frobnicate"))
  }
}
