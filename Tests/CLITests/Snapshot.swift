import Foundation
import Testing

/// Golden files for what users read, in Tests/CLITests/Snapshots/NAME. Re-record with
/// `NEOCLOUD_RECORD=1 swift test`: recording writes the file and fails the test, so it is never
/// silent (run again without the variable to check).
func expectSnapshot(
  _ actual: String, named name: String, sourceLocation: SourceLocation = #_sourceLocation
) {
  let path = repositoryRoot + "/Tests/CLITests/Snapshots/" + name
  if ProcessInfo.processInfo.environment["NEOCLOUD_RECORD"] == "1" {
    do {
      try actual.write(toFile: path, atomically: true, encoding: .utf8)
      Issue.record(
        "recorded snapshot \(name); run the tests again without NEOCLOUD_RECORD", sourceLocation: sourceLocation)
    } catch {
      Issue.record("cannot record snapshot \(name): \(error)", sourceLocation: sourceLocation)
    }
    return
  }
  guard let expected = try? String(contentsOfFile: path, encoding: .utf8) else {
    Issue.record(
      "no snapshot \(name): record it with NEOCLOUD_RECORD=1 swift test --filter CLITests",
      sourceLocation: sourceLocation)
    return
  }
  if actual != expected {
    let actualLines = actual.split(separator: "\n", omittingEmptySubsequences: false)
    let expectedLines = expected.split(separator: "\n", omittingEmptySubsequences: false)
    let firstDifference = zip(actualLines, expectedLines).enumerated().first { $0.element.0 != $0.element.1 }
    let line = firstDifference?.offset ?? min(actualLines.count, expectedLines.count)
    Issue.record(
      """
      snapshot \(name) differs at line \(line + 1):
        expected: \(line < expectedLines.count ? String(expectedLines[line]) : "<end>")
        actual:   \(line < actualLines.count ? String(actualLines[line]) : "<end>")
      """, sourceLocation: sourceLocation)
  }
}
