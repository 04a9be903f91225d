import Foundation
import GRDB

/// The neocloud database: one SQLite file, WAL mode, foreign keys on, schema version in
/// `PRAGMA user_version` (the number of the last applied `Migrations/NNNN_*.sql`). GRDB's
/// `DatabaseMigrator` applies the migrations and records them in `grdb_migrations`.
public final class Store: Sendable {
  public let path: String
  public let queue: DatabaseQueue

  /// One schema migration: `Migrations/NNNN_name.sql`, embedded in the binary.
  public typealias Migration = (version: Int, name: String, sql: String)

  /// The newest schema version this binary knows.
  public static var latestVersion: Int { embeddedMigrations.last?.version ?? 0 }

  /// The embedded migrations (version, file name, SQL), in order.
  public static var migrations: [Migration] { embeddedMigrations }

  private init(path: String, queue: DatabaseQueue) {
    self.path = path
    self.queue = queue
  }

  /// Creates the database if needed and migrates it to the latest version (`neocloud init`).
  /// Returns the store and the version the file had before (0 for a new file).
  public static func initialize(path: String) throws -> (store: Store, previousVersion: Int) {
    try initialize(path: path, migrations: embeddedMigrations)
  }

  /// Opens an existing database, migrating an older one (after a backup); refuses a newer one.
  public static func open(path: String) throws -> Store {
    try open(path: path, migrations: embeddedMigrations)
  }

  /// `initialize(path:)` with another list of migrations (tests add a rebuild migration).
  static func initialize(path: String, migrations: [Migration]) throws -> (store: Store, previousVersion: Int) {
    let existed = FileManager.default.fileExists(atPath: path)
    if !existed {
      let directory = (path as NSString).deletingLastPathComponent
      if !directory.isEmpty {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory),
          isDirectory.boolValue
        else {
          throw StoreError.cannotOpen(path: path, reason: "directory '\(directory)' does not exist")
        }
      }
    }
    let queue = try openQueue(path: path)
    let store = Store(path: path, queue: queue)
    let previous = try store.migrate(allowFresh: true, migrations: migrations)
    return (store, previous)
  }

  /// `open(path:)` with another list of migrations (tests add a rebuild migration).
  static func open(path: String, migrations: [Migration]) throws -> Store {
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
      throw StoreError.databaseNotFound(path: path)
    }
    if isDirectory.boolValue {
      throw StoreError.notADatabase(path: path, reason: "it is a directory")
    }
    let store = Store(path: path, queue: try openQueue(path: path))
    _ = try store.migrate(allowFresh: false, migrations: migrations)
    return store
  }

  private static func openQueue(path: String) throws -> DatabaseQueue {
    var configuration = Configuration()
    configuration.foreignKeysEnabled = true
    configuration.busyMode = .timeout(5)
    configuration.prepareDatabase { db in
      // Reading the schema fails here for a file that is not SQLite.
      try db.execute(sql: "PRAGMA journal_mode = WAL")
      try db.execute(sql: "PRAGMA synchronous = NORMAL")
    }
    do {
      return try DatabaseQueue(path: path, configuration: configuration)
    } catch let error as DatabaseError {
      if error.resultCode == .SQLITE_NOTADB || error.resultCode == .SQLITE_CORRUPT {
        throw StoreError.notADatabase(path: path, reason: "not an SQLite file")
      }
      throw StoreError.cannotOpen(path: path, reason: error.message ?? "\(error.resultCode)")
    }
  }

  /// The schema version recorded in the file.
  public func version() throws -> Int {
    try queue.read { db in try Int.fetchOne(db, sql: "PRAGMA user_version") ?? 0 }
  }

  /// GRDB's identifier of a migration: its file name without `.sql` (`0001_initial`).
  static func identifier(_ migration: Migration) -> String {
    migration.name.hasSuffix(".sql") ? String(migration.name.dropLast(4)) : migration.name
  }

  /// A migrator that runs each SQL file in its own transaction with foreign-key checks
  /// deferred to a `PRAGMA foreign_key_check` before commit (so a table rebuild's
  /// `DROP TABLE` cascades into nothing), and sets `user_version` in the same transaction.
  static func migrator(_ migrations: [Migration]) -> DatabaseMigrator {
    var migrator = DatabaseMigrator()
    for migration in migrations {
      let sql = migration.sql
      let version = migration.version
      migrator.registerMigration(identifier(migration), foreignKeyChecks: .deferred) { db in
        try db.execute(sql: sql)
        try db.execute(sql: "PRAGMA user_version = \(version)")
      }
    }
    return migrator
  }

  /// What the file says about its schema before migrating.
  private struct SchemaState {
    var version: Int
    var tableCount: Int
    /// nil: no `grdb_migrations` table (a database made before neocloud used GRDB's migrator).
    var applied: Set<String>?
  }

  private func readSchemaState() throws -> SchemaState {
    do {
      return try queue.read { db in
        let version = try Int.fetchOne(db, sql: "PRAGMA user_version") ?? 0
        let tableCount =
          try Int.fetchOne(
            db,
            sql: "SELECT count(*) FROM sqlite_schema WHERE name NOT LIKE 'sqlite_%' AND name <> 'grdb_migrations'"
          ) ?? 0
        let applied =
          try db.tableExists("grdb_migrations")
          ? try String.fetchSet(db, sql: "SELECT identifier FROM grdb_migrations") : nil
        return SchemaState(version: version, tableCount: tableCount, applied: applied)
      }
    } catch let error as DatabaseError {
      throw StoreError.notADatabase(path: path, reason: error.message ?? "unreadable")
    }
  }

  /// Brings the schema to the latest version. A database at version 0 must be empty unless
  /// `allowFresh`; an older one is first copied to `<db>.bak-<version>`.
  @discardableResult
  func migrate(allowFresh: Bool, migrations: [Migration] = embeddedMigrations) throws -> Int {
    let state = try readSchemaState()
    let current = state.version
    let latest = migrations.last?.version ?? 0
    if current > latest {
      throw StoreError.databaseNewer(path: path, version: current, supported: latest)
    }
    if current == latest { return current }
    if current == 0 && state.tableCount > 0 {
      throw StoreError.notADatabase(path: path, reason: "it holds tables but no neocloud schema")
    }
    if current == 0 && !allowFresh {
      throw StoreError.notADatabase(path: path, reason: "it holds no neocloud schema; run `neocloud init`")
    }
    // The migrations up to `user_version` are applied; GRDB must not see a later one as done.
    let done = migrations.filter { $0.version <= current }.map(Store.identifier)
    let pending = Set(migrations.filter { $0.version > current }.map(Store.identifier))
    if let applied = state.applied, !applied.isDisjoint(with: pending) {
      throw StoreError.notADatabase(
        path: path, reason: "its migration log disagrees with its schema version \(current)")
    }
    if current > 0 { try backUp(version: current) }
    try queue.writeWithoutTransaction { db in
      // A database made before GRDB's migrator ran ours has `user_version` but no log: record
      // the migrations it already has, so the migrator applies only the later ones.
      try db.inTransaction {
        try db.execute(sql: "CREATE TABLE IF NOT EXISTS grdb_migrations (identifier TEXT NOT NULL PRIMARY KEY)")
        for identifier in done {
          try db.execute(
            sql: "INSERT OR IGNORE INTO grdb_migrations (identifier) VALUES (?)", arguments: [identifier])
        }
        return .commit
      }
    }
    try Store.migrator(migrations).migrate(queue)
    return current
  }

  /// `VACUUM INTO <db>.bak-NNNN`: a consistent copy of the database before it is migrated.
  private func backUp(version: Int) throws {
    let backup = "\(path).bak-\(String(format: "%04d", version))"
    do {
      if FileManager.default.fileExists(atPath: backup) {
        try FileManager.default.removeItem(atPath: backup)
      }
      try queue.writeWithoutTransaction { db in
        try db.execute(sql: "VACUUM INTO ?", arguments: [backup])
      }
    } catch {
      throw StoreError.backupFailed(path: backup, reason: "\(error)")
    }
  }
}
