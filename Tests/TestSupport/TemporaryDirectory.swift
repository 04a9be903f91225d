import Foundation

/// A fresh directory under the system temporary directory, one per test: databases and files
/// a test writes go here. Removed by `cleanup()` or when the last reference goes.
public final class TemporaryDirectory: @unchecked Sendable {
  public let path: String

  /// `prefix` names the directory (`neocloud-store-tests-…`) so a leftover says who left it.
  public init(prefix: String = "neocloud-tests") throws {
    path = FileManager.default.temporaryDirectory.path + "/" + prefix + "-" + UUID().uuidString
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
  }

  deinit { cleanup() }

  /// The path of `name` inside the directory.
  public func file(_ name: String) -> String { path + "/" + name }

  public func cleanup() { try? FileManager.default.removeItem(atPath: path) }
}
