import Foundation
import GRDB

/// The neocloud database: one SQLite file, WAL mode, foreign keys on, schema version in
/// `PRAGMA user_version` (the number of the last applied `Migrations/NNNN_*.sql`). GRDB's
/// `DatabaseMigrator` applies the migrations and records them in `grdb_migrations`.
package final class Store: Sendable {
  package let path: String
  /// Internal: every read and write goes through Store's own methods (tests reach it with
  /// `@testable import Store`).
  let queue: DatabaseQueue

  /// One schema migration: `Migrations/NNNN_name.sql`, embedded in the binary.
  package typealias Migration = (version: Int, name: String, sql: String)

  /// The newest schema version this binary knows.
  package static var latestVersion: Int { embeddedMigrations.last?.version ?? 0 }

  /// The embedded migrations (version, file name, SQL), in order.
  package static var migrations: [Migration] { embeddedMigrations }

  private init(path: String, queue: DatabaseQueue) {
    self.path = path
    self.queue = queue
  }

  /// How a command uses the database: `read` opens the file read-only without switching it to
  /// WAL (so reports work on read-only media); `write` checks the file first (`PRAGMA
  /// quick_check` under SQLite's write lock) so nothing is written into a damaged database.
  package enum Access: Sendable, Equatable {
    case read
    case write
  }

  /// Creates the database if needed and migrates it to the latest version (`neocloud init`).
  /// Returns the store and the version the file had before (0 for a new file).
  package static func initialize(path: String, busyTimeout: Double = defaultBusyTimeout) throws
    -> (store: Store, previousVersion: Int)
  {
    try initialize(path: path, migrations: embeddedMigrations, busyTimeout: busyTimeout)
  }

  /// Opens an existing database, migrating an older one (after a backup); refuses a newer one.
  /// `busyTimeout`: how long to wait for another program's SQLite lock (then `StoreError.busy`).
  package static func open(path: String, access: Access = .write, busyTimeout: Double = defaultBusyTimeout)
    throws -> Store
  {
    try open(path: path, migrations: embeddedMigrations, access: access, busyTimeout: busyTimeout)
  }

  /// Seconds to wait for another program's SQLite lock when the command has no `--wait`.
  package static let defaultBusyTimeout: Double = 5

  /// `initialize(path:)` with another list of migrations (tests add a rebuild migration).
  static func initialize(path: String, migrations: [Migration], busyTimeout: Double = defaultBusyTimeout) throws
    -> (store: Store, previousVersion: Int)
  {
    let existed = try checkPath(path, mayBeMissing: true)
    let store: Store
    if existed {
      store = try openWritable(path: path, busyTimeout: busyTimeout, canWait: false)
    } else {
      store = Store(path: path, queue: try openQueue(path: path, readOnly: false, busyTimeout: busyTimeout))
    }
    let previous = try store.guarding(canWait: false) {
      try store.migrate(allowFresh: true, migrations: migrations)
    }
    return (store, previous)
  }

  /// `open(path:)` with another list of migrations (tests add a rebuild migration).
  static func open(
    path: String, migrations: [Migration], access: Access = .write, busyTimeout: Double = defaultBusyTimeout
  ) throws -> Store {
    _ = try checkPath(path, mayBeMissing: false)
    if access == .read {
      let reader = Store(path: path, queue: try openReadOnly(path: path, busyTimeout: busyTimeout))
      let state = try reader.readSchemaState()
      let latest = migrations.last?.version ?? 0
      if state.version < 0 {
        throw StoreError.damaged(path: path, reason: "user_version is \(state.version)")
      }
      if state.version > latest {
        throw StoreError.databaseNewer(path: path, version: state.version, supported: latest)
      }
      if state.version == 0 {
        throw StoreError.notADatabase(
          path: path,
          reason: state.tableCount > 0
            ? "it holds tables but no neocloud schema" : "it holds no neocloud schema; run `neocloud init`")
      }
      if state.version == latest { return reader }
      // An older database is migrated first, which takes a writer.
      try reader.queue.close()
    }
    let store = try openWritable(path: path, busyTimeout: busyTimeout, canWait: true)
    _ = try store.guarding { try store.migrate(allowFresh: false, migrations: migrations) }
    return store
  }

  /// What is at `path` must be a regular file (or, for `init`, nothing in an existing
  /// directory) before anything is created beside it: no `-journal`, `-wal` or `.lock` next
  /// to a directory, a FIFO or a device. `forWriting` also refuses a file or directory the
  /// process cannot write (read-only media), before the lock file is made. Returns whether the
  /// file exists.
  package static func checkPath(_ path: String, mayBeMissing: Bool, forWriting: Bool = false) throws -> Bool {
    let exists = try checkKind(path, mayBeMissing: mayBeMissing)
    if forWriting { try checkWritable(path, exists: exists) }
    return exists
  }

  /// Refuses (77) a database file or directory this process cannot write.
  static func checkWritable(_ path: String, exists: Bool) throws {
    let directory = (path as NSString).deletingLastPathComponent
    var targets = [(directory.isEmpty ? "." : directory, "its directory")]
    if exists { targets.insert((path, "the file"), at: 0) }
    for (target, what) in targets where access(target, W_OK) != 0 {
      let reason = errno == EROFS ? "read-only file system" : String(cString: strerror(errno))
      throw StoreError.readOnly(path: path, reason: "\(what): \(reason)")
    }
  }

  private static func checkKind(_ path: String, mayBeMissing: Bool) throws -> Bool {
    var info = stat()
    guard stat(path, &info) == 0 else {
      let error = errno
      guard error == ENOENT else {
        throw StoreError.cannotOpen(path: path, reason: String(cString: strerror(error)))
      }
      guard mayBeMissing else { throw StoreError.databaseNotFound(path: path) }
      let directory = (path as NSString).deletingLastPathComponent
      var isDirectory: ObjCBool = false
      if !directory.isEmpty,
        !FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory) || !isDirectory.boolValue
      {
        throw StoreError.cannotOpen(path: path, reason: "directory '\(directory)' does not exist")
      }
      return false
    }
    switch info.st_mode & S_IFMT {
    case S_IFREG: return true
    case S_IFDIR: throw StoreError.notADatabase(path: path, reason: "it is a directory")
    case S_IFIFO: throw StoreError.notADatabase(path: path, reason: "it is a FIFO")
    case S_IFCHR, S_IFBLK: throw StoreError.notADatabase(path: path, reason: "it is a device")
    case S_IFSOCK: throw StoreError.notADatabase(path: path, reason: "it is a socket")
    default: throw StoreError.notADatabase(path: path, reason: "it is not a regular file")
    }
  }

  /// A writer: refuses a file or directory it cannot write (77), takes SQLite's write lock
  /// within the busy timeout (75) and runs `PRAGMA quick_check` under it (65).
  private static func openWritable(path: String, busyTimeout: Double, canWait: Bool) throws -> Store {
    try checkWritable(path, exists: true)
    let store = Store(path: path, queue: try openQueue(path: path, readOnly: false, busyTimeout: busyTimeout))
    try store.guarding(canWait: canWait) {
      try store.queue.writeWithoutTransaction { db in
        try db.inTransaction(.immediate) {
          if let problem = try Store.quickCheck(db, structureOnly: true) {
            throw StoreError.damaged(path: path, reason: problem)
          }
          return .rollback
        }
      }
    }
    return store
  }

  /// `PRAGMA quick_check`: nil when the file is sound, else SQLite's first complaint.
  ///
  /// `structureOnly` (writers, before every write) leaves out quick_check's evaluation of every
  /// row's CHECK constraints: the pages, b-trees, record formats, NOT NULL columns and the free
  /// list are still checked, which is what finds a damaged file (garbage pages, truncation, a
  /// damaged index), while every row met its CHECKs when it was written (SQLite's, or the
  /// importer's field by field where it turns SQLite's off). The CHECKs were about 60 % of the
  /// check's CPU time on the §6 universe (0.13 s of 0.22 s; docs/performance.md).
  static func quickCheck(_ db: GRDB.Database, structureOnly: Bool = false) throws -> String? {
    if structureOnly {
      try db.execute(sql: "PRAGMA ignore_check_constraints = ON")
      do {
        let problem = try quickCheck(db)
        try db.execute(sql: "PRAGMA ignore_check_constraints = OFF")
        return problem
      } catch {
        try db.execute(sql: "PRAGMA ignore_check_constraints = OFF")
        throw error
      }
    }
    let messages = try String.fetchAll(db, sql: "PRAGMA quick_check(1)")
    guard let first = messages.first, first != "ok" else { return nil }
    let text = oneLine(first)
    let prefix = "*** in database main *** "
    return text.hasPrefix(prefix) ? String(text.dropFirst(prefix.count)) : text
  }

  /// Runs `PRAGMA quick_check` on an open store: nil when sound, else SQLite's complaint (for
  /// a command that failed and wants to know whether the file is to blame).
  package func damage() -> String? {
    do {
      return try queue.read { db in try Store.quickCheck(db) }
    } catch let error as DatabaseError {
      return oneLine(error.message ?? "\(error.resultCode)")
    } catch {
      return "\(error)"
    }
  }

  /// Read-only, no WAL switch. A WAL database in a directory we cannot write has no `-shm` to
  /// share, so SQLite refuses it; then the file is opened `immutable` (nobody can be writing
  /// to read-only media).
  private static func openReadOnly(path: String, busyTimeout: Double) throws -> DatabaseQueue {
    do {
      return try openQueue(path: path, readOnly: true, busyTimeout: busyTimeout)
    } catch let error as StoreError {
      guard case .cannotOpen = error else { throw error }
      let directory = (path as NSString).deletingLastPathComponent
      guard access(directory.isEmpty ? "." : directory, W_OK) != 0 else { throw error }
      // `immutable` ignores a write-ahead log: with committed pages still in one, it would read
      // old data.
      let log = (try? FileManager.default.attributesOfItem(atPath: path + "-wal")[.size] as? Int) ?? 0
      guard log == 0 else {
        throw StoreError.readOnly(
          path: path,
          reason: "its write-ahead log must be applied first")
      }
      return try openQueue(path: immutableURI(path), readOnly: true, busyTimeout: busyTimeout, displayPath: path)
    }
  }

  /// `file:PATH?immutable=1`, with the characters a URI path cannot hold escaped.
  static func immutableURI(_ path: String) -> String {
    var escaped = ""
    for character in path.unicodeScalars {
      switch character {
      case "%": escaped += "%25"
      case "?": escaped += "%3f"
      case "#": escaped += "%23"
      default: escaped.unicodeScalars.append(character)
      }
    }
    return "file:" + escaped + "?immutable=1"
  }

  private static func openQueue(
    path: String, readOnly: Bool, busyTimeout: Double, displayPath: String? = nil
  ) throws -> DatabaseQueue {
    let shown = displayPath ?? path
    var configuration = Configuration()
    configuration.foreignKeysEnabled = true
    configuration.readonly = readOnly
    configuration.busyMode = .timeout(max(0, busyTimeout))
    if !readOnly {
      configuration.prepareDatabase { db in
        // Reading the schema fails here for a file that is not SQLite.
        try db.execute(sql: "PRAGMA journal_mode = WAL")
        try db.execute(sql: "PRAGMA synchronous = NORMAL")
      }
    }
    do {
      let queue = try DatabaseQueue(path: path, configuration: configuration)
      // Reading the header and schema here turns a file that is not SQLite into an error now.
      _ = try queue.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM sqlite_schema") }
      return queue
    } catch let error as DatabaseError {
      switch error.resultCode {
      case .SQLITE_NOTADB, .SQLITE_CORRUPT:
        if hasSQLiteHeader(shown) {
          throw StoreError.damaged(path: shown, reason: oneLine(error.message ?? "\(error.resultCode)"))
        }
        throw StoreError.notADatabase(path: shown, reason: "not an SQLite file")
      case .SQLITE_BUSY, .SQLITE_LOCKED:
        throw StoreError.busy(path: shown, canWait: true)
      case .SQLITE_READONLY:
        throw StoreError.readOnly(path: shown, reason: oneLine(error.message ?? "\(error.resultCode)"))
      default:
        throw StoreError.cannotOpen(path: shown, reason: oneLine(error.message ?? "\(error.resultCode)"))
      }
    }
  }

  /// Whether the file starts with SQLite's 16-byte magic string (so an error reading it means
  /// damage, not a file of another kind).
  static func hasSQLiteHeader(_ path: String) -> Bool {
    guard let handle = FileHandle(forReadingAtPath: path) else { return false }
    defer { try? handle.close() }
    let magic = Array("SQLite format 3\u{0}".utf8)
    return (try? handle.read(upToCount: magic.count)).map { Array($0) == magic } ?? false
  }

  /// Runs `body`, turning SQLite's busy, read-only, damaged and full errors into StoreErrors.
  func guarding<T>(canWait: Bool = true, _ body: () throws -> T) throws -> T {
    do {
      return try body()
    } catch {
      throw StoreError.wrap(error, path: path, canWait: canWait)
    }
  }

  /// A read transaction; SQLite's errors about the file become StoreErrors.
  package func read<T>(_ body: (GRDB.Database) throws -> T) throws -> T {
    try guarding { try queue.read(body) }
  }

  /// A write transaction; SQLite's errors about the file become StoreErrors.
  package func write<T>(_ body: (GRDB.Database) throws -> T) throws -> T {
    try guarding { try queue.write(body) }
  }

  /// The schema version recorded in the file.
  package func version() throws -> Int {
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
      if let known = StoreError.classify(error, path: path) { throw known }
      throw StoreError.notADatabase(path: path, reason: oneLine(error.message ?? "unreadable"))
    }
  }

  /// Brings the schema to the latest version. A database at version 0 must be empty unless
  /// `allowFresh`; an older one is first copied to `<db>.bak-<version>`.
  @discardableResult
  func migrate(allowFresh: Bool, migrations: [Migration] = embeddedMigrations) throws -> Int {
    let state = try readSchemaState()
    let current = state.version
    let latest = migrations.last?.version ?? 0
    if current < 0 {
      throw StoreError.damaged(path: path, reason: "user_version is \(current)")
    }
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
    do {
      try Store.migrator(migrations).migrate(queue)
    } catch let error as DatabaseError {
      if let known = StoreError.classify(error, path: path) { throw known }
      let version = try queue.read { db in try Int.fetchOne(db, sql: "PRAGMA user_version") ?? 0 }
      let failed = migrations.first { $0.version > version }?.name ?? "a migration"
      throw StoreError.migrationFailed(
        path: path, migration: failed, reason: oneLine(error.message ?? "\(error.resultCode)"))
    }
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
    } catch let error as DatabaseError {
      if let known = StoreError.classify(error, path: path) { throw known }
      throw StoreError.backupFailed(path: backup, reason: oneLine(error.message ?? "\(error.resultCode)"))
    } catch {
      throw StoreError.backupFailed(path: backup, reason: error.localizedDescription)
    }
  }
}
