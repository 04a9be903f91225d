import Foundation
import GRDB

/// Everything that can go wrong opening, migrating, locking, reading or writing the database.
/// Each case has its DESIGN §5 exit code (`exitCode`): the one place they are decided.
package enum StoreError: Error, LocalizedError, Equatable, Sendable {
  case databaseNotFound(path: String)
  case databaseNewer(path: String, version: Int, supported: Int)
  case notADatabase(path: String, reason: String)
  /// Another neocloud holds `<db>.lock`; the command can wait with `--wait SECONDS`.
  case locked(path: String, holder: String)
  /// The same, for a command without `--wait` (`init`).
  case lockedNoWait(path: String, holder: String)
  /// Another program holds an SQLite lock on the file past the busy timeout.
  case busy(path: String, canWait: Bool)
  /// A write on a database the file system does not let us write.
  case readOnly(path: String, reason: String)
  /// SQLite found damaged pages, a bad index, a truncated file or an impossible header.
  case damaged(path: String, reason: String)
  /// The disk (or the file-size limit) is full: the transaction was rolled back.
  case diskFull(path: String)
  case cannotOpen(path: String, reason: String)
  case backupFailed(path: String, reason: String)
  /// The lock file is not one neocloud may use (a link, not a regular file, someone else's). Exit 77.
  case unsafeLockFile(path: String, reason: String)
  /// A migration failed and was rolled back; the database is as it was.
  case migrationFailed(path: String, migration: String, reason: String)

  package var errorDescription: String? {
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
    case .lockedNoWait(let path, let holder):
      return "database '\(path)' is locked by \(holder): run the command again when it has finished."
    case .busy(let path, let canWait):
      return "database '\(path)' is busy: another program holds an SQLite lock on it; "
        + (canWait ? "try again when it has finished, or pass --wait SECONDS." : "try again when it has finished.")
    case .readOnly(let path, let reason):
      return
        "the database is read-only: cannot write '\(path)' (\(reason)); check the permissions of the file and its directory, or copy it somewhere writable."
    case .damaged(let path, let reason):
      return "the database is damaged (SQLite: \(reason)): restore a backup or run `sqlite3 \(path) .recover`."
    case .diskFull(let path):
      return "the disk is full: nothing was written to database '\(path)'; free some space and run the command again."
    case .cannotOpen(let path, let reason):
      return "cannot open database '\(path)': \(reason)."
    case .unsafeLockFile(let path, let reason):
      return "refusing the lock file '\(path)': \(reason); remove it (neocloud creates its own) and run again."
    case .backupFailed(let path, let reason):
      return "cannot back up database to '\(path)' before migrating: \(reason); nothing was changed."
    case .migrationFailed(let path, let migration, let reason):
      return "cannot migrate database '\(path)' with \(migration) (SQLite: \(reason)): nothing was changed."
    }
  }

  /// The exit code of DESIGN §5 for this error.
  package var exitCode: Int32 {
    switch self {
    case .databaseNotFound, .cannotOpen: 66
    case .databaseNewer: 73
    case .notADatabase, .damaged, .migrationFailed: 65
    case .locked, .lockedNoWait, .busy: 75
    case .readOnly, .unsafeLockFile: 77
    case .diskFull: 74
    case .backupFailed: 74
    }
  }

  /// The StoreError for a database error SQLite reports about the file itself (busy,
  /// read-only, damaged, full); nil for any other error.
  package static func classify(_ error: any Error, path: String, canWait: Bool = true) -> StoreError? {
    if let error = error as? StoreError { return error }
    guard let error = error as? DatabaseError else { return nil }
    let reason = oneLine(error.message ?? "\(error.resultCode)")
    switch error.resultCode {
    case .SQLITE_BUSY, .SQLITE_LOCKED: return .busy(path: path, canWait: canWait)
    case .SQLITE_READONLY: return .readOnly(path: path, reason: reason)
    case .SQLITE_CORRUPT, .SQLITE_NOTADB: return .damaged(path: path, reason: reason)
    case .SQLITE_FULL: return .diskFull(path: path)
    default: return nil
    }
  }

  /// `error` as a StoreError when SQLite's code says what it is, else unchanged.
  package static func wrap(_ error: any Error, path: String, canWait: Bool = true) -> any Error {
    classify(error, path: path, canWait: canWait) ?? error
  }
}

/// SQLite's message on one line, without the SQL (which GRDB's description appends).
func oneLine(_ text: String) -> String {
  text.split(whereSeparator: \.isNewline).joined(separator: " ")
}
