import Foundation
import Store

/// `neocloud init`: create or migrate the database.
public enum InitDatabase {
  public struct Outcome: Sendable, Equatable {
    public var path: String
    public var previousVersion: Int
    public var version: Int
  }

  public static func run(dbOption: String?, context: Context) throws -> Outcome {
    let path = Databases.resolvePath(dbOption, context: context)
    // A directory, FIFO or device, or a missing directory, is refused before the lock file.
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
}
