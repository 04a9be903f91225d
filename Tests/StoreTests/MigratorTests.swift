import Domain
import Foundation
import GRDB
import TestSupport
import Testing

@testable import Store

/// GRDB's migrator runs the migrations: released ones never change, a table rebuild keeps every
/// row, and a database made before the migrator (no `grdb_migrations`) upgrades.
@Suite struct MigratorTests {
  /// SHA-256 of every released migration file. A released migration is never edited: a schema
  /// change is a new file. Add a line here when a release ships a new migration.
  static let released: [String: String] = [
    "0001_initial.sql": "2f6dc43ea5760c1894598f04dd11c1047d03facf220344a65a9dbc68b6b4172b"
  ]

  @Test func releasedMigrationsAreUnchanged() throws {
    let directory = repositoryRoot + "/Migrations"
    for (name, pinned) in MigratorTests.released {
      let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: directory + "/" + name)))
      #expect(sha256Hex(bytes) == pinned, "\(name) was edited after its release: add a new migration instead")
      let embedded = try #require(Store.migrations.first { $0.name == name })
      #expect(sha256Hex(Array((embedded.sql + "\n").utf8)) == pinned, "the embedded \(name) differs")
    }
  }

  /// A database made by the runner before GRDB's migrator (each file in a transaction, then
  /// `user_version`, no `grdb_migrations`) upgrades; its migrations are recorded as applied.
  @Test func databaseWithoutMigrationLogUpgrades() throws {
    let dir = try TemporaryDirectory(prefix: "neocloud-store-tests")
    defer { dir.cleanup() }
    let path = dir.file("db.sqlite")
    try makeLegacyDatabase(path: path, version: 1)
    let migrations = Store.migrations + [try rebuildMigration()]
    let store = try Store.open(path: path, migrations: migrations)
    #expect(try store.version() == Store.latestVersion + 1)
    let applied = try store.queue.read { try String.fetchAll($0, sql: "SELECT identifier FROM grdb_migrations") }
    #expect(Set(applied) == Set(migrations.map(Store.identifier)))
    #expect(FileManager.default.fileExists(atPath: path + ".bak-0001"))
  }

  /// The 12-step rebuild of `providers` (create new, copy, drop old, rename) keeps every row of
  /// every table, the backup holds the database as it was, and no foreign key is left dangling.
  @Test func tableRebuildKeepsEveryRow() throws {
    let dir = try TemporaryDirectory(prefix: "neocloud-store-tests")
    defer { dir.cleanup() }
    let path = dir.file("db.sqlite")
    let (store, _) = try Store.initialize(path: path)
    try store.queue.write { try $0.execute(sql: fixtureRows) }
    let before = try store.queue.read { try tableContents($0) }
    for table in [
      "providers", "facilities", "fleets", "loans", "contracts", "uptime", "assessments", "runs", "snapshots", "rubric",
      "market_prices",
    ] {
      #expect(!(before[table] ?? []).isEmpty, "the fixture has no row in \(table)")
    }
    try store.queue.close()

    let upgraded = try Store.open(path: path, migrations: Store.migrations + [rebuildMigration()])
    #expect(try upgraded.version() == Store.latestVersion + 1)
    let after = try upgraded.queue.read { try tableContents($0) }
    #expect(after == before)
    let violations = try upgraded.queue.read { try Row.fetchAll($0, sql: "PRAGMA foreign_key_check") }
    #expect(violations.isEmpty)
    let schema = try upgraded.queue.read {
      try String.fetchOne($0, sql: "SELECT sql FROM sqlite_schema WHERE name = 'providers'")
    }
    #expect(schema?.contains("rebuilt") == true)

    let backup = try DatabaseQueue(path: path + ".bak-" + String(format: "%04d", Store.latestVersion))
    #expect(try backup.read { try tableContents($0) } == before)
    #expect(try backup.read { try Int.fetchOne($0, sql: "PRAGMA user_version") } == Store.latestVersion)
  }

  /// The control: the same rebuild run the old way (foreign keys on) empties every child table,
  /// so the test above would catch a runner that lost the deferral.
  @Test func rebuildWithForeignKeysOnWouldCascade() throws {
    let dir = try TemporaryDirectory(prefix: "neocloud-store-tests")
    defer { dir.cleanup() }
    let (store, _) = try Store.initialize(path: dir.file("db.sqlite"))
    try store.queue.write { try $0.execute(sql: fixtureRows) }
    let migration = try rebuildMigration()
    try store.queue.write { db in try db.execute(sql: migration.sql) }
    let after = try store.queue.read { try tableContents($0) }
    #expect((after["facilities"] ?? []).isEmpty)
    #expect((after["loans"] ?? []).isEmpty)
    #expect(!(after["providers"] ?? []).isEmpty)
  }
}

extension MigratorTests {
  /// Foreign keys are checked before the migration commits: a migration that leaves a dangling
  /// reference fails in one sentence and leaves the database at its version.
  @Test func migrationThatBreaksAForeignKeyIsRolledBack() throws {
    let dir = try TemporaryDirectory()
    defer { dir.cleanup() }
    let path = dir.file("db.sqlite")
    let (store, _) = try Store.initialize(path: path)
    try store.queue.write { try $0.execute(sql: fixtureRows) }
    try store.queue.close()
    let version = Store.latestVersion + 1
    let name = String(format: "%04d", version) + "_orphan.sql"
    let orphan: Store.Migration = (
      version, name,
      "INSERT INTO loans (loan_id, provider_id, lender, principal_usd, balance_usd, annual_rate_pct, rate_type, amortization, payments_per_year, start_on, maturity_on) VALUES ('l9', 'nobody', 'B', 1, 1, 1, 'fixed', 'linear', 12, '2025-01-01', '2026-01-01');"
    )
    #expect(throws: StoreError.self) { _ = try Store.open(path: path, migrations: Store.migrations + [orphan]) }
    do {
      _ = try Store.open(path: path, migrations: Store.migrations + [orphan])
    } catch let error as StoreError {
      guard case .migrationFailed(_, let migration, _) = error else {
        Issue.record("expected migrationFailed, got \(error)")
        return
      }
      #expect(migration == name)
      #expect(error.exitCode == 65)
      #expect(!(error.errorDescription ?? "").contains("\n"))
    }
    let reopened = try Store.open(path: path)
    #expect(try reopened.version() == Store.latestVersion)
    #expect(try reopened.queue.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM loans") } == 1)
  }

  /// A reader opens the file read-only and leaves its journal mode alone.
  @Test func readerDoesNotSwitchToWAL() throws {
    let dir = try TemporaryDirectory()
    defer { dir.cleanup() }
    let path = dir.file("db.sqlite")
    do {
      let (store, _) = try Store.initialize(path: path)
      try store.queue.writeWithoutTransaction { try $0.execute(sql: "PRAGMA journal_mode = DELETE") }
      try store.queue.close()
    }
    let reader = try Store.open(path: path, access: .read)
    #expect(try reader.queue.read { try String.fetchOne($0, sql: "PRAGMA journal_mode") } == "delete")
    #expect(throws: (any Error).self) {
      try reader.queue.writeWithoutTransaction { try $0.execute(sql: "DELETE FROM rubric") }
    }
    try reader.queue.close()
    #expect(!FileManager.default.fileExists(atPath: path + "-wal"))
  }
}

/// A test-only migration after the latest one: the SQLite 12-step rebuild of `providers`, with
/// the current columns (read from a fresh database) and one extra check.
func rebuildMigration() throws -> Store.Migration {
  let dir = try TemporaryDirectory(prefix: "neocloud-store-tests")
  defer { dir.cleanup() }
  let (fresh, _) = try Store.initialize(path: dir.file("fresh.sqlite"))
  let create = try #require(
    try fresh.queue.read { try String.fetchOne($0, sql: "SELECT sql FROM sqlite_schema WHERE name = 'providers'") })
  let prefix = "CREATE TABLE providers ("
  #expect(create.hasPrefix(prefix))
  let close = try #require(create.lastIndex(of: ")"))
  let newTable =
    "CREATE TABLE new_providers (" + create[create.index(create.startIndex, offsetBy: prefix.count)..<close]
    + ",\n  CHECK (length(name) > 0)  -- rebuilt\n" + create[close...]
  let version = Store.latestVersion + 1
  return (
    version, String(format: "%04d", version) + "_rebuild_providers.sql",
    """
    \(newTable);
    INSERT INTO new_providers SELECT * FROM providers;
    DROP TABLE providers;
    ALTER TABLE new_providers RENAME TO providers;
    """
  )
}

/// The database the pre-GRDB runner made at `version`: each file in a transaction, then
/// `user_version`; no `grdb_migrations`.
func makeLegacyDatabase(path: String, version: Int) throws {
  let queue = try DatabaseQueue(path: path)
  try queue.writeWithoutTransaction { db in
    try db.execute(sql: "PRAGMA journal_mode = WAL")
    for migration in Store.migrations where migration.version <= version {
      try db.inTransaction {
        try db.execute(sql: migration.sql)
        try db.execute(sql: "PRAGMA user_version = \(migration.version)")
        return .commit
      }
    }
  }
  try queue.close()
}

/// Every row of every table but the migration log, as text, sorted: equal before and after a
/// migration that keeps all data (row ids of a rebuilt table may change; their content may not).
func tableContents(_ db: GRDB.Database) throws -> [String: [String]] {
  let tables = try String.fetchAll(
    db,
    sql: """
      SELECT name FROM sqlite_schema
      WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> 'grdb_migrations'
      """)
  var contents: [String: [String]] = [:]
  for table in tables {
    let rows = try Row.fetchAll(db, sql: "SELECT * FROM \"\(table)\"")
    contents[table] = rows.map { row in
      row.columnNames.sorted().map { "\($0)=\(row[$0] as DatabaseValue)" }.joined(separator: "|")
    }.sorted()
  }
  return contents
}

/// One or more rows in every table of schema 0001, with every foreign key in use.
let fixtureRows = """
  INSERT INTO rubric VALUES ('rel.uptime', 'reliability', 'Uptime', 'numeric', 2, 99.9, 99, NULL, 'uptime_12m');
  INSERT INTO providers (provider_id, name, segment, country, cash_usd, fixed_opex_usd_per_month, as_of, min_liquidity_usd) VALUES ('p1', 'P One', 'neocloud', 'US', 100, 5, '2026-01-31', NULL);
  INSERT INTO providers (provider_id, name, segment, country, cash_usd, fixed_opex_usd_per_month, as_of, min_liquidity_usd) VALUES ('p2', 'P Two', 'sovereign', 'FR', 200, 7, '2026-01-31', 10);
  INSERT INTO facilities (facility_id, provider_id, name, region, it_capacity_mw, pue, power_usd_per_kwh, colocation_usd_per_kw_month, ownership) VALUES ('f1', 'p1', 'F One', 'us-east', 5, 1.2, 0.08, 10, 'owned');
  INSERT INTO facilities (facility_id, provider_id, name, region, it_capacity_mw, pue, power_usd_per_kwh, colocation_usd_per_kw_month, ownership) VALUES ('f2', 'p2', 'F Two', 'eu-west', 3, 1.3, 0.12, 12, 'colo');
  INSERT INTO market_prices VALUES ('H100', '2026-01-01', 2.1, 'index');
  INSERT INTO fleets (fleet_id, provider_id, facility_id, gpu_model, gpu_count, in_service_on, capex_usd, useful_life_years, gpu_power_kw, utilization_pct, interconnect, fabric_gbps_per_gpu) VALUES ('fl1', 'p1', 'f1', 'H100', 512, '2025-01-01', 1000000, 5, 1.2, 70, 'infiniband', 400);
  INSERT INTO fleets (fleet_id, provider_id, facility_id, gpu_model, gpu_count, in_service_on, capex_usd, useful_life_years, gpu_power_kw, utilization_pct, interconnect, fabric_gbps_per_gpu) VALUES ('fl2', 'p2', 'f2', 'H100', 256, '2025-06-01', 500000, NULL, 1.2, 60, 'roce', 200);
  INSERT INTO loans (loan_id, provider_id, lender, principal_usd, balance_usd, annual_rate_pct, rate_type, amortization, payments_per_year, start_on, maturity_on, collateral_fleet_id, min_dscr) VALUES ('l1', 'p1', 'Bank', 900000, 800000, 9.5, 'fixed', 'annuity', 12, '2025-01-01', '2029-01-01', 'fl1', 1.25);
  INSERT INTO contracts (contract_id, provider_id, customer, gpu_model, gpu_count, price_usd_per_gpu_hour, start_on, end_on, sla_uptime_pct, sla_credit_pct) VALUES ('c1', 'p1', 'Lab', 'H100', 128, 2.5, '2025-01-01', '2027-01-01', 99.5, 10);
  INSERT INTO uptime VALUES ('p1', '2025-12', 99.95, 1, 2.5, 3, NULL);
  INSERT INTO assessments VALUES ('p1', 'sec.soc2', 'true', 'report', '2025-11-01');
  INSERT INTO runs (run_id, started_at, finished_at, as_of, rubric_version, input_fingerprint, assumptions, changed) VALUES (1, '2026-01-31T02:00:00Z', '2026-01-31T02:00:01Z', '2026-01-31', 'abc', 'def', '{}', 1);
  INSERT INTO snapshots VALUES (1, 'p1', 'P One', 'gold', 71.5, '{"reliability":80}', 90, 'low', 1.6, 40, NULL, NULL, '[]');
  INSERT INTO snapshots VALUES (1, 'p2', 'P Two', 'unrated', NULL, '{}', 0, 'high', NULL, NULL, 7, '2026-08', '["no_uptime_data"]');
  """

/// The repository root (for Migrations/).
let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
  .deletingLastPathComponent().deletingLastPathComponent().path
