import Foundation
import GRDB

/// The neocloud database: one SQLite file, WAL mode, foreign keys on, schema version in
/// `PRAGMA user_version` (the number of the last applied `Migrations/NNNN_*.sql`).
public final class Store: Sendable {
  public let path: String
  public let queue: DatabaseQueue

  /// The newest schema version this binary knows.
  public static var latestVersion: Int { embeddedMigrations.last?.version ?? 0 }

  /// The embedded migrations (version, file name, SQL), in order.
  public static var migrations: [(version: Int, name: String, sql: String)] { embeddedMigrations }

  private init(path: String, queue: DatabaseQueue) {
    self.path = path
    self.queue = queue
  }

  /// Creates the database if needed and migrates it to the latest version (`neocloud init`).
  /// Returns the store and the version the file had before (0 for a new file).
  public static func initialize(path: String) throws -> (store: Store, previousVersion: Int) {
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
    let previous = try store.migrate(allowFresh: true)
    return (store, previous)
  }

  /// Opens an existing database, migrating an older one (after a backup); refuses a newer one.
  public static func open(path: String) throws -> Store {
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
      throw StoreError.databaseNotFound(path: path)
    }
    if isDirectory.boolValue {
      throw StoreError.notADatabase(path: path, reason: "it is a directory")
    }
    let store = Store(path: path, queue: try openQueue(path: path))
    _ = try store.migrate(allowFresh: false)
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

  /// Brings the schema to the latest version. A database at version 0 must be empty unless
  /// `allowFresh`; an older one is first copied to `<db>.bak-<version>`.
  @discardableResult
  func migrate(allowFresh: Bool) throws -> Int {
    let current: Int
    let tableCount: Int
    do {
      (current, tableCount) = try queue.read { db in
        (
          try Int.fetchOne(db, sql: "PRAGMA user_version") ?? 0,
          try Int.fetchOne(
            db, sql: "SELECT count(*) FROM sqlite_schema WHERE name NOT LIKE 'sqlite_%'") ?? 0
        )
      }
    } catch let error as DatabaseError {
      throw StoreError.notADatabase(path: path, reason: error.message ?? "unreadable")
    }
    let latest = Store.latestVersion
    if current > latest {
      throw StoreError.databaseNewer(path: path, version: current, supported: latest)
    }
    if current == latest { return current }
    if current == 0 && tableCount > 0 {
      throw StoreError.notADatabase(path: path, reason: "it holds tables but no neocloud schema")
    }
    if current == 0 && !allowFresh {
      throw StoreError.notADatabase(path: path, reason: "it holds no neocloud schema; run `neocloud init`")
    }
    if current > 0 {
      let backup = "\(path).bak-\(String(format: "%04d", current))"
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
    try queue.writeWithoutTransaction { db in
      for migration in embeddedMigrations where migration.version > current {
        try db.inTransaction {
          try db.execute(sql: migration.sql)
          try db.execute(sql: "PRAGMA user_version = \(migration.version)")
          return .commit
        }
      }
    }
    return current
  }
}
