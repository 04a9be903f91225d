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
    let lock = try DatabaseLock.acquire(databasePath: path, now: context.now)
    defer { lock.release() }
    let (store, previous) = try Store.initialize(path: path)
    return Outcome(path: path, previousVersion: previous, version: try store.version())
  }
}
