import Engine
import Foundation
import TestSupport
import Testing

@testable import CLI

/// One in-process invocation's outcome.
struct Invocation {
  let code: Int32
  let stdout: String
  let stderr: String
}

/// A fresh temporary directory with a database path in it; every test gets its own.
final class Sandbox {
  private let temporary: TemporaryDirectory
  let directory: String
  let db: String

  init() throws {
    temporary = try TemporaryDirectory(prefix: "neocloud-cli")
    directory = temporary.path
    db = temporary.file("test.sqlite")
  }

  func path(_ name: String) -> String { directory + "/" + name }

  /// Runs `neocloud --db <db> ARGS` in-process with a fixed clock (2026-11-23T12:00Z).
  /// `terminal`: stdout and stderr are terminals, `columns` wide as the terminal says (nil: it
  /// does not say); `environment` is the process environment (e.g. `COLUMNS`).
  @discardableResult
  func run(
    _ arguments: [String], withDB: Bool = true, terminal: Bool = false, columns: Int? = nil,
    environment: [String: String] = [:]
  ) -> Invocation {
    let out = BufferSink()
    let err = BufferSink()
    let context = Context(
      stdout: out, stderr: err, stdoutIsTerminal: terminal, stderrIsTerminal: terminal,
      environment: environment, now: { Date(timeIntervalSince1970: 1_795_435_200) },
      currentDirectory: directory, terminalColumns: columns)
    let code = NeocloudMain.run(
      arguments: (withDB ? ["--db", db] : []) + arguments, context: context)
    return Invocation(code: code, stdout: out.text, stderr: err.text)
  }

  func write(_ name: String, _ text: String) throws {
    try text.write(toFile: path(name), atomically: true, encoding: .utf8)
  }
}

/// The repository root (for Samples/ and Snapshots/).
let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
  .deletingLastPathComponent().deletingLastPathComponent().path
