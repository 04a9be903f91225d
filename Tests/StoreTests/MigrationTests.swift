import Domain
import Foundation
import GRDB
import TestSupport
import Testing

@testable import Store

@Suite struct MigrationTests {
  /// The embedded SQL must be exactly the files in Migrations/ (regenerate with
  /// scripts/embed-migrations.sh).
  @Test func embeddedSQLEqualsMigrationFiles() throws {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
      .deletingLastPathComponent().deletingLastPathComponent()
    let directory = root.appendingPathComponent("Migrations").path
    let names = try FileManager.default.contentsOfDirectory(atPath: directory)
      .filter { $0.hasSuffix(".sql") }.sorted()
    #expect(names == Store.migrations.map(\.name))
    for (name, migration) in zip(names, Store.migrations) {
      let text = try String(contentsOfFile: directory + "/" + name, encoding: .utf8)
      #expect(text == migration.sql + "\n", "\(name) differs from its embedded copy")
      #expect(Int(name.prefix(4)) == migration.version)
    }
    // Versions increase from 1 (a number may be reserved for a migration on another branch:
    // 0003 while 0004 exists), and the latest is the last file's.
    let versions = Store.migrations.map(\.version)
    #expect(versions.first == 1)
    #expect(versions == versions.sorted() && Set(versions).count == versions.count)
    #expect(Store.latestVersion == versions.last)
  }

  @Test func initCreatesLatestSchema() throws {
    let dir = try TemporaryDirectory(prefix: "neocloud-store-tests")
    defer { dir.cleanup() }
    let (store, previous) = try Store.initialize(path: dir.file("db.sqlite"))
    #expect(previous == 0)
    #expect(try store.version() == Store.latestVersion)
    let mode = try store.queue.read { try String.fetchOne($0, sql: "PRAGMA journal_mode") }
    #expect(mode == "wal")
  }

  /// A database made by each earlier prefix of the migrations upgrades cleanly, after a backup.
  @Test(arguments: Store.migrations.map(\.version))
  func olderDatabaseUpgrades(version: Int) throws {
    let dir = try TemporaryDirectory(prefix: "neocloud-store-tests")
    defer { dir.cleanup() }
    let path = dir.file("db.sqlite")
    let queue = try DatabaseQueue(path: path)
    try queue.writeWithoutTransaction { db in
      for migration in Store.migrations where migration.version <= version {
        try db.execute(sql: migration.sql)
        try db.execute(sql: "PRAGMA user_version = \(migration.version)")
      }
      try db.execute(
        sql: """
          INSERT INTO providers (provider_id, name, segment, country, cash_usd, fixed_opex_usd_per_month, as_of, min_liquidity_usd) VALUES ('p1', 'P One', 'neocloud', 'US', 100, 5, '2026-01-31', NULL)
          """)
    }
    try queue.close()
    let store = try Store.open(path: path)
    #expect(try store.version() == Store.latestVersion)
    let name = try store.queue.read {
      try String.fetchOne($0, sql: "SELECT name FROM providers WHERE provider_id = 'p1'")
    }
    #expect(name == "P One")
    if version < Store.latestVersion {
      let backup = path + ".bak-" + String(format: "%04d", version)
      #expect(FileManager.default.fileExists(atPath: backup))
    }
  }

  @Test func newerDatabaseIsRefusedAndLeftUnchanged() throws {
    let dir = try TemporaryDirectory(prefix: "neocloud-store-tests")
    defer { dir.cleanup() }
    let path = dir.file("db.sqlite")
    do {
      let (store, _) = try Store.initialize(path: path)
      try store.queue.writeWithoutTransaction { db in
        try db.execute(sql: "PRAGMA user_version = \(Store.latestVersion + 1)")
        try db.execute(sql: "PRAGMA wal_checkpoint(TRUNCATE)")
      }
    }
    let before = try Data(contentsOf: URL(fileURLWithPath: path))
    #expect(
      throws: StoreError.databaseNewer(
        path: path, version: Store.latestVersion + 1, supported: Store.latestVersion)
    ) {
      _ = try Store.open(path: path)
    }
    #expect(throws: StoreError.self) { _ = try Store.initialize(path: path) }
    let after = try Data(contentsOf: URL(fileURLWithPath: path))
    #expect(before == after)
  }

  @Test func missingDatabaseIsNotCreatedByOpen() throws {
    let dir = try TemporaryDirectory(prefix: "neocloud-store-tests")
    defer { dir.cleanup() }
    let path = dir.file("none.sqlite")
    #expect(throws: StoreError.databaseNotFound(path: path)) { _ = try Store.open(path: path) }
    #expect(!FileManager.default.fileExists(atPath: path))
  }

  @Test func nonDatabaseFileIsRejected() throws {
    let dir = try TemporaryDirectory(prefix: "neocloud-store-tests")
    defer { dir.cleanup() }
    let path = dir.file("text.sqlite")
    try Data("this is not sqlite, just some text that is long enough to be a header".utf8)
      .write(to: URL(fileURLWithPath: path))
    #expect(throws: StoreError.notADatabase(path: path, reason: "not an SQLite file")) {
      _ = try Store.open(path: path)
    }
  }

  @Test func foreignSQLiteFileIsRejected() throws {
    let dir = try TemporaryDirectory(prefix: "neocloud-store-tests")
    defer { dir.cleanup() }
    let path = dir.file("other.sqlite")
    let queue = try DatabaseQueue(path: path)
    try queue.write { try $0.execute(sql: "CREATE TABLE t (x)") }
    try queue.close()
    #expect(throws: StoreError.self) { _ = try Store.open(path: path) }
    #expect(throws: StoreError.self) { _ = try Store.initialize(path: path) }
  }

  @Test func schemaRejectsWhatValidationRejects() throws {
    let dir = try TemporaryDirectory(prefix: "neocloud-store-tests")
    defer { dir.cleanup() }
    let (store, _) = try Store.initialize(path: dir.file("db.sqlite"))
    try store.queue.write { db in
      try db.execute(
        sql:
          "INSERT INTO providers (provider_id, name, segment, country, cash_usd, fixed_opex_usd_per_month, as_of, min_liquidity_usd) VALUES ('p1', 'P', 'neocloud', 'US', 0, 0, '2026-01-31', NULL)"
      )
      // Negative cash, unknown segment, PUE out of range, fleet at another provider's facility.
      #expect(throws: DatabaseError.self) {
        try db.execute(
          sql:
            "INSERT INTO providers (provider_id, name, segment, country, cash_usd, fixed_opex_usd_per_month, as_of, min_liquidity_usd) VALUES ('p2', 'P', 'neocloud', 'US', -1, 0, '2026-01-31', NULL)"
        )
      }
      #expect(throws: DatabaseError.self) {
        try db.execute(
          sql:
            "INSERT INTO providers (provider_id, name, segment, country, cash_usd, fixed_opex_usd_per_month, as_of, min_liquidity_usd) VALUES ('p3', 'P', 'cloud', 'US', 1, 0, '2026-01-31', NULL)"
        )
      }
      #expect(throws: DatabaseError.self) {
        try db.execute(
          sql:
            "INSERT INTO facilities (facility_id, provider_id, name, region, it_capacity_mw, pue, power_usd_per_kwh, colocation_usd_per_kw_month, ownership) VALUES ('f1', 'p1', 'F', 'r', 1, 3.5, 0.1, 0, 'owned')"
        )
      }
      try db.execute(
        sql:
          "INSERT INTO providers (provider_id, name, segment, country, cash_usd, fixed_opex_usd_per_month, as_of, min_liquidity_usd) VALUES ('p4', 'P', 'neocloud', 'US', 0, 0, '2026-01-31', NULL)"
      )
      try db.execute(
        sql:
          "INSERT INTO facilities (facility_id, provider_id, name, region, it_capacity_mw, pue, power_usd_per_kwh, colocation_usd_per_kw_month, ownership) VALUES ('f1', 'p1', 'F', 'r', 1, 1.2, 0.1, 0, 'owned')"
      )
      #expect(throws: DatabaseError.self) {
        try db.execute(
          sql: """
            INSERT INTO fleets (fleet_id, provider_id, facility_id, gpu_model, gpu_count, in_service_on,
              capex_usd, useful_life_years, gpu_power_kw, utilization_pct, interconnect,
              fabric_gbps_per_gpu) VALUES ('x', 'p4', 'f1', 'H100', 8, '2025-01-01', 100, NULL, 1.2, 50,
              'infiniband', 400)
            """)
      }
    }
  }
}

/// Schema 0004 rebuilds `uptime`: every row of a version-2 database survives with no source,
/// and the new rules hold.
@Suite struct EvidenceMigrationTests {
  @Test func uptimeRebuildKeepsRowsAndAddsTheSourceRules() throws {
    let dir = try TemporaryDirectory(prefix: "neocloud-store-tests")
    defer { dir.cleanup() }
    let path = dir.file("db.sqlite")
    let queue = try DatabaseQueue(path: path)
    try queue.writeWithoutTransaction { db in
      for migration in Store.migrations where migration.version <= 2 {
        try db.execute(sql: migration.sql)
        try db.execute(sql: "PRAGMA user_version = \(migration.version)")
      }
      try db.execute(
        sql: """
          INSERT INTO providers VALUES ('p1', 'P One', 'neocloud', 'US', 100, 5, '2026-01-31', NULL);
          INSERT INTO uptime VALUES ('p1', '2025-12', 99.95, 1, 2.5, 3), ('p1', '2026-01', 100, 0, 0, 0);
          """)
    }
    try queue.close()
    let store = try Store.open(path: path)
    let rows = try store.queue.read { db in
      try String.fetchAll(
        db,
        sql:
          "SELECT month || '/' || uptime_pct || '/' || failures_per_1k_gpu_months || '/' || ifnull(source, '-') FROM uptime ORDER BY month"
      )
    }
    #expect(rows == ["2025-12/99.95/2.5/-", "2026-01/100.0/0.0/-"])
    try store.queue.write { db in
      try db.execute(sql: "INSERT INTO uptime VALUES ('p1', '2026-02', 99.9, 0, NULL, NULL, 'statuspage:x')")
    }
    #expect(throws: (any Error).self) {
      try store.queue.write { db in
        try db.execute(sql: "INSERT INTO uptime VALUES ('p1', '2026-03', 99.9, 0, NULL, 0, NULL)")
      }
    }
    #expect(throws: (any Error).self) {
      try store.queue.write { db in
        try db.execute(sql: "INSERT INTO uptime VALUES ('p1', '2026-03', 99.9, 2, 1, NULL, NULL)")
      }
    }
  }
}
