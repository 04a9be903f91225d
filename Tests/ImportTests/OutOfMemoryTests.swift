import Foundation
import TestSupport
import Testing

@testable import Import

/// The row buffer grows with `realloc` inside libcsv's field callback, which cannot throw: a
/// failed growth must stop the read with its own error, never drop the field.
@Suite struct OutOfMemoryTests {
  /// A `realloc` that always fails.
  static let failing: Reallocate = { _, _ in nil }

  /// Two fields of 40,000 bytes: together more than the row buffer's first 64 KiB.
  private func bigRecordFile(_ directory: TemporaryDirectory) throws -> String {
    let big = String(repeating: "x", count: 40_000)
    let path = directory.file("big.csv")
    try "a,b\n1,2\n\(big),\(big)\n3,4\n".write(toFile: path, atomically: true, encoding: .utf8)
    return path
  }

  @Test func failedGrowthStopsTheReadWithAnError() throws {
    let directory = try TemporaryDirectory()
    let path = try bigRecordFile(directory)
    let reader = try CSVReader(path: path, reallocate: OutOfMemoryTests.failing)
    var records: [[String]] = []
    #expect(throws: ImportError.outOfMemory) {
      try reader.run { reader in
        records.append((0..<reader.fieldCount).map { reader.fieldString($0) })
        return true
      }
    }
    // The header and the first record only: the big record is neither delivered short nor
    // skipped.
    #expect(records == [["a", "b"], ["1", "2"]])
    #expect(ImportError.outOfMemory.exitCode == 1)
    #expect(
      ImportError.outOfMemory.lines == [
        "out of memory while reading the input: nothing was imported; free some memory and try again."
      ])
  }

  @Test func theSameFileReadsWholeWhenGrowthSucceeds() throws {
    let directory = try TemporaryDirectory()
    let path = try bigRecordFile(directory)
    let reader = try CSVReader(path: path)
    var lengths: [[Int]] = []
    try reader.run { reader in
      lengths.append((0..<reader.fieldCount).map { reader.field($0).length })
      return true
    }
    #expect(lengths == [[1, 1], [1, 1], [40_000, 40_000], [1, 1]])
  }
}
