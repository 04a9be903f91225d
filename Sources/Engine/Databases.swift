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

  /// Opens an existing database (migrating an older one), for every command but `init`.
  static func open(_ option: String?, context: Context) throws -> Store {
    try translatingErrors { try Store.open(path: resolvePath(option, context: context)) }
  }
}
