import Foundation
import Testing

extension Sandbox {
  /// A sandbox whose database holds Samples/ (init + import), for golden tests.
  static func withSamples() throws -> Sandbox {
    let box = try Sandbox()
    let initialized = box.run(["init"])
    guard initialized.code == 0 else { throw FixtureError(message: initialized.stderr) }
    let imported = box.run(["import", repositoryRoot + "/Samples"])
    guard imported.code == 0 else { throw FixtureError(message: imported.stderr) }
    return box
  }
}

struct FixtureError: Error, CustomStringConvertible {
  let message: String
  var description: String { message }
}
