import Foundation
import GRDB
import Testing

@testable import Store

/// The migrator on the sample database: a database made before GRDB's migrator (no
/// `grdb_migrations`), holding Samples/ and a run, upgrades through a test-only rebuild of
/// `providers` with every row of every table kept, a backup, and no dangling foreign key.
@Suite struct MigrationSamplesTests {
  @Test func samplesSurviveUpgradeBackupAndRebuild() throws {
    let box = try Sandbox.withSamples()
    #expect(box.run(["recompute", "--as-of", "2026-11-23"]).code == 0)
    // As today's runner left it: user_version set, no migration log.
    do {
      let queue = try DatabaseQueue(path: box.db)
      try queue.writeWithoutTransaction { try $0.execute(sql: "DROP TABLE grdb_migrations") }
      try queue.close()
    }
    let before = try contents(box.db)
    for (table, rows) in before {
      #expect(!rows.isEmpty, "Samples and one run leave \(table) empty")
    }

    let rebuild = try samplesRebuildMigration()
    let store = try Store.open(path: box.db, migrations: Store.migrations + [rebuild])
    #expect(try store.version() == rebuild.version)
    try store.queue.close()

    #expect(try contents(box.db) == before)
    let check = try DatabaseQueue(path: box.db)
    #expect(try check.read { try Row.fetchAll($0, sql: "PRAGMA foreign_key_check") }.isEmpty)
    #expect(
      try check.read { try String.fetchOne($0, sql: "SELECT sql FROM sqlite_schema WHERE name = 'providers'") }?
        .contains("rebuilt") == true)
    let backup = box.db + ".bak-" + String(format: "%04d", Store.latestVersion)
    #expect(try contents(backup) == before)
    // The rebuilt database still serves the store's queries; this binary (one migration
    // behind it) refuses it.
    let reopened = try Store.open(path: box.db, migrations: Store.migrations + [rebuild])
    #expect(try reopened.providerIDs().count == before["providers"]?.count)
    #expect(box.run(["rank"]).code == 73)
  }

  /// The 12-step rebuild of `providers`, from its current definition, plus one check.
  private func samplesRebuildMigration() throws -> Store.Migration {
    let box = try Sandbox()
    #expect(box.run(["init"]).code == 0)
    let create = try #require(
      try DatabaseQueue(path: box.db).read {
        try String.fetchOne($0, sql: "SELECT sql FROM sqlite_schema WHERE name = 'providers'")
      })
    let close = try #require(create.lastIndex(of: ")"))
    let body = create[create.index(create.startIndex, offsetBy: "CREATE TABLE providers (".count)..<close]
    let version = Store.latestVersion + 1
    return (
      version, String(format: "%04d", version) + "_rebuild_providers.sql",
      """
      CREATE TABLE new_providers (\(body),
        CHECK (length(name) > 0)  -- rebuilt
      \(create[close...]);
      INSERT INTO new_providers SELECT * FROM providers;
      DROP TABLE providers;
      ALTER TABLE new_providers RENAME TO providers;
      """
    )
  }

  /// Every row of every table but the migration log, as sorted text.
  private func contents(_ path: String) throws -> [String: [String]] {
    let queue = try DatabaseQueue(path: path)
    defer { try? queue.close() }
    return try queue.read { db in
      var result: [String: [String]] = [:]
      let tables = try String.fetchAll(
        db,
        sql: """
          SELECT name FROM sqlite_schema
          WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> 'grdb_migrations'
          """)
      for table in tables {
        result[table] = try Row.fetchAll(db, sql: "SELECT * FROM \"\(table)\"").map { row in
          row.columnNames.sorted().map { "\($0)=\(row[$0] as DatabaseValue)" }.joined(separator: "|")
        }.sorted()
      }
      return result
    }
  }
}
