import Foundation

/// A fresh directory under the system temporary directory, removed by `cleanup()`.
struct TemporaryDirectory {
  let path: String

  init() throws {
    let base = FileManager.default.temporaryDirectory.path
    path = base + "/neocloud-store-tests-" + UUID().uuidString
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
  }

  func file(_ name: String) -> String { path + "/" + name }

  func cleanup() { try? FileManager.default.removeItem(atPath: path) }
}
