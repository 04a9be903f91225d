import Domain
import Foundation
import Store

/// Resolving and opening the database the way every command does (§5).
enum Databases {
  /// `--db`, else `NEOCLOUD_DB`, else `./neocloud.sqlite`, made absolute.
  static func resolvePath(_ option: String?, context: Context) -> String {
    let chosen =
      option ?? context.environment["NEOCLOUD_DB"].flatMap { $0.isEmpty ? nil : $0 }
      ?? "neocloud.sqlite"
    return context.absolutePath(chosen)
  }

  /// Opens an existing database read-only (migrating an older one first), for the commands
  /// that only read.
  static func open(_ option: String?, context: Context) throws -> Store {
    try translatingErrors { try Store.open(path: resolvePath(option, context: context), access: .read) }
  }

  /// Opens an existing database for writing (checked, migrated), for `import` and `recompute`.
  /// `--wait` also sets how long to wait for another program's SQLite lock.
  static func openForWriting(path: String, waitSeconds: Double) throws -> Store {
    try translatingErrors {
      try Store.open(path: path, access: .write, busyTimeout: busyTimeout(waitSeconds: waitSeconds))
    }
  }

  /// `--wait SECONDS` when given (above 0), else SQLite's default of 5 s.
  static func busyTimeout(waitSeconds: Double) -> Double {
    waitSeconds > 0 ? waitSeconds : Store.defaultBusyTimeout
  }
}
