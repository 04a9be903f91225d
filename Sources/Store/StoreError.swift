import Foundation

/// Everything that can go wrong opening, migrating or locking the database.
public enum StoreError: Error, LocalizedError, Equatable, Sendable {
  case databaseNotFound(path: String)
  case databaseNewer(path: String, version: Int, supported: Int)
  case notADatabase(path: String, reason: String)
  case locked(path: String, holder: String)
  case cannotOpen(path: String, reason: String)
  case backupFailed(path: String, reason: String)
  /// The lock file is not one neocloud may use (a link, not a regular file, someone else's). Exit 77.
  case unsafeLockFile(path: String, reason: String)

  public var errorDescription: String? {
    switch self {
    case .databaseNotFound(let path):
      return "database '\(path)' does not exist: run `neocloud init` first (or pass --db PATH)."
    case .databaseNewer(let path, let version, let supported):
      return
        "database '\(path)' has schema version \(version), newer than this neocloud supports (\(supported)): upgrade neocloud."
    case .notADatabase(let path, let reason):
      return "'\(path)' is not a neocloud database (\(reason)): point --db at a database made by `neocloud init`."
    case .locked(let path, let holder):
      return "database '\(path)' is locked by \(holder): wait for it to finish or pass --wait SECONDS."
    case .cannotOpen(let path, let reason):
      return "cannot open database '\(path)': \(reason)."
    case .unsafeLockFile(let path, let reason):
      return "refusing the lock file '\(path)': \(reason); remove it (neocloud creates its own) and run again."
    case .backupFailed(let path, let reason):
      return "cannot back up database to '\(path)' before migrating: \(reason); nothing was changed."
    }
  }
}
