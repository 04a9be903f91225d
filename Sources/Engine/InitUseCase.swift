import Foundation
import Store

/// `neocloud init`: create or migrate the database.
package enum InitUseCase {
  package struct Request: Sendable, Equatable {
    package var database: String?
    package init(database: String?) { self.database = database }
  }

  package struct Outcome: Sendable, Equatable {
    package var path: String
    package var previousVersion: Int
    package var version: Int
  }

  /// Creates or migrates the database under its lock and says which on stderr.
  @discardableResult
  package static func run(_ request: Request, context: Context) throws -> Outcome {
    let outcome = try translatingErrors {
      let path = Databases.resolvePath(request.database, context: context)
      // A directory, FIFO or device, a missing directory or read-only media is refused before
      // the lock file is made beside it.
      _ = try Store.checkPath(path, mayBeMissing: true, forWriting: true)
      let lock: DatabaseLock
      do {
        lock = try DatabaseLock.acquire(databasePath: path, now: context.now)
      } catch StoreError.locked(let lockedPath, let holder) {
        throw StoreError.lockedNoWait(path: lockedPath, holder: holder)  // init has no --wait
      }
      defer { lock.release() }
      let (store, previous) = try Store.initialize(path: path)
      return Outcome(path: path, previousVersion: previous, version: try store.version())
    }
    context.stderr.write(outcome.message + "\n")
    return outcome
  }
}

extension InitUseCase.Outcome {
  /// `created …`, `… is up to date`, or `migrated … (backup: …)`.
  var message: String {
    if previousVersion == 0 {
      return "created \(path) (schema version \(version))"
    }
    if previousVersion == version {
      return "\(path) is up to date (schema version \(version))"
    }
    let backup =
      "\(path).bak-" + String(repeating: "0", count: max(0, 4 - String(previousVersion).count))
      + String(previousVersion)
    return "migrated \(path) from schema version \(previousVersion) to \(version) (backup: \(backup))"
  }
}
