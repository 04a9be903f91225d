import Foundation
import Testing

/// The Python tools in Samples/tools answer `--help` and refuse options they do not know,
/// without writing anything (`make_samples.py --help` used to create a directory `--help`).
@Suite struct SampleToolsTests {
  static let tools = ["make_samples.py", "check_samples.py", "estimate_risk.py"]

  private func run(_ tool: String, _ arguments: [String], in box: Sandbox) throws -> (code: Int32, output: String) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments =
      [ProcessInfo.processInfo.environment["NEOCLOUD_PYTHON"] ?? "python3", repositoryRoot + "/Samples/tools/" + tool]
      + arguments
    process.currentDirectoryURL = URL(fileURLWithPath: box.directory)
    let output = box.path("tool.out")
    _ = FileManager.default.createFile(atPath: output, contents: nil)
    let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: output))
    process.standardOutput = handle
    process.standardError = handle
    try process.run()
    process.waitUntilExit()
    try handle.close()
    return (process.terminationStatus, (try? String(contentsOfFile: output, encoding: .utf8)) ?? "")
  }

  private func entries(_ box: Sandbox) throws -> [String] {
    try FileManager.default.contentsOfDirectory(atPath: box.directory).filter { $0 != "tool.out" }.sorted()
  }

  @Test(arguments: tools)
  func answersHelp(tool: String) throws {
    let box = try Sandbox()
    let result = try run(tool, ["--help"], in: box)
    #expect(result.code == 0, "\(result.output)")
    #expect(result.output.hasPrefix("usage: \(tool)"))
    #expect(try entries(box).isEmpty)
  }

  @Test(arguments: tools)
  func refusesUnknownOptions(tool: String) throws {
    let box = try Sandbox()
    let result = try run(tool, ["--no-such-option"], in: box)
    #expect(result.code == 2)
    #expect(result.output.contains("unrecognized arguments: --no-such-option"))
    #expect(try entries(box).isEmpty)
  }
}
