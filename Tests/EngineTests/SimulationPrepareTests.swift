import Domain
import Finance
import Foundation
import Import
import TestSupport
import Testing

@testable import Engine
@testable import Store

/// `--simulate` prepares before any path runs; an unknown `--customer-default` name is refused
/// there (exit 64), so a long simulation never ends in a typo's error.
@Suite struct SimulationPrepareTests {
  func samplesStore(_ box: TemporaryDirectory) throws -> Store {
    let store = try Store.initialize(path: box.file("samples.sqlite")).store
    let samples = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent().appendingPathComponent("Samples").path
    _ = try importFiles([samples], into: store, options: ImportOptions())
    return store
  }

  @Test func anUnknownCustomerIsRefusedBeforeThePathsRun() throws {
    let box = try TemporaryDirectory()
    defer { box.cleanup() }
    let store = try samplesStore(box)
    let asOf = try #require(Day("2026-11-23"))
    var assumptions = Assumptions()
    assumptions.simulation = SimulationSettings(paths: 100)
    assumptions.customerDefault = CustomerDefault(names: ["Vesperline"])
    let context = Context(stdout: BufferSink(), stderr: BufferSink())
    let error = try #require(throws: EngineError.self) {
      _ = try SimulationRun.prepare(store: store, asOf: asOf, assumptions: assumptions, context: context)
    }
    #expect(error.exitCode == 64)
    #expect(error.lines.joined().contains("did you mean 'Vesperline AI'"))
    // The exact name prepares.
    assumptions.customerDefault = CustomerDefault(names: ["Vesperline AI"])
    let run = try SimulationRun.prepare(store: store, asOf: asOf, assumptions: assumptions, context: context)
    #expect(run != nil)
  }
}
