import Domain
import Foundation
import Store

/// Resolving and opening the database the way every command does (§5).
public enum Databases {
  /// `--db`, else `NEOCLOUD_DB`, else `./neocloud.sqlite`, made absolute.
  public static func resolvePath(_ option: String?, context: Context) -> String {
    let chosen =
      option ?? context.environment["NEOCLOUD_DB"].flatMap { $0.isEmpty ? nil : $0 }
      ?? "neocloud.sqlite"
    return context.absolutePath(chosen)
  }

  /// Opens an existing database (migrating an older one), for every command but `init`.
  public static func open(_ option: String?, context: Context) throws -> Store {
    try Store.open(path: resolvePath(option, context: context))
  }
}
