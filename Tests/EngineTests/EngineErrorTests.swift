import Foundation
import Import
import Store
import TestSupport
import Testing

@testable import Engine

/// One error type out of Engine, with the exit codes of DESIGN §5, and use cases that run
/// without the CLI.
@Suite struct EngineErrorTests {
  @Test(arguments: [
    (StoreError.databaseNotFound(path: "/x"), Int32(66)), (.cannotOpen(path: "/x", reason: "r"), 66),
    (.databaseNewer(path: "/x", version: 9, supported: 2), 73), (.notADatabase(path: "/x", reason: "r"), 65),
    (.locked(path: "/x", holder: "pid 1"), 75), (.backupFailed(path: "/x", reason: "r"), 74),
  ])
  func storeErrorsKeepTheirSentenceAndGetTheirExitCode(error: StoreError, code: Int32) throws {
    let wrapped = try #require(throws: EngineError.self) { try translatingErrors { throw error } }
    #expect(wrapped == .store(error))
    #expect(wrapped.exitCode == code)
    #expect(wrapped.lines == [error.errorDescription ?? ""])
  }

  @Test func importDiagnosticsComeFirstThenTheClosingSentence() throws {
    let diagnostic = Diagnostic(
      file: "fleets.csv", line: 3, column: "gpu_count", reason: "is not an integer", value: "x")
    let error = ImportError.invalidData(diagnostics: [diagnostic], total: 1)
    let wrapped = try #require(throws: EngineError.self) { try translatingErrors { throw error } }
    #expect(wrapped.exitCode == 65)
    #expect(wrapped.lines == error.lines)
    let err = BufferSink()
    Context(stdout: BufferSink(), stderr: err).report(wrapped)
    #expect(
      err.text == error.lines.dropLast().map { $0 + "\n" }.joined() + "neocloud: " + (error.lines.last ?? "") + "\n")
  }

  @Test func otherErrorsPassThroughAsInternal() {
    struct Surprise: Error {}
    #expect(throws: Surprise.self) { try translatingErrors { throw Surprise() } }
    let err = BufferSink()
    #expect(Context(stdout: BufferSink(), stderr: err).reportAny(Surprise()) == 1)
    #expect(err.text.hasPrefix("neocloud: internal error: "))
  }

  @Test func aUseCaseRunsWithoutTheCLIAndWrapsTheStoreError() throws {
    let directory = try TemporaryDirectory(prefix: "neocloud-engine-tests")
    let out = BufferSink()
    let context = Context(stdout: out, stderr: BufferSink(), currentDirectory: directory.path)
    let request = RankUseCase.Request(database: "missing.sqlite", asOf: nil, output: ReportOutput(format: .json))
    let error = try #require(throws: EngineError.self) { try RankUseCase.run(request, context: context) }
    #expect(error == .store(.databaseNotFound(path: directory.file("missing.sqlite"))))
    #expect(error.exitCode == 66)
    #expect(out.text.isEmpty)
  }
}
