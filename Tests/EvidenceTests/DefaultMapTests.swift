import Domain
import Foundation
import Scoring
import Testing

@testable import Evidence

/// The repository root, from this file's path.
let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
  .deletingLastPathComponent()

/// Fields of one CSV line with RFC 4180 quotes (enough for the sample rubric).
func csvFields(_ line: Substring) -> [String] {
  var fields: [String] = []
  var field = ""
  var quoted = false
  var iterator = line.makeIterator()
  while let character = iterator.next() {
    if quoted {
      if character == "\"" { quoted = false } else { field.append(character) }
    } else if character == "\"" {
      quoted = true
    } else if character == "," {
      fields.append(field)
      field = ""
    } else {
      field.append(character)
    }
  }
  fields.append(field)
  return fields
}

/// The sample rubric, read from `Samples/rubric.csv`.
func sampleRubric() throws -> Rubric {
  let text = try String(contentsOf: repositoryRoot.appendingPathComponent("Samples/rubric.csv"), encoding: .utf8)
  var criteria: [Criterion] = []
  for line in text.split(separator: "\n").dropFirst() {
    let fields = csvFields(line)
    let kind = try #require(CriterionKind(rawValue: fields[3]))
    criteria.append(
      Criterion(
        id: fields[0], pillar: fields[1], title: fields[2], kind: kind, weight: Double(fields[4]) ?? 0,
        fullAt: Double(fields[5]), zeroAt: Double(fields[6]), requiredFor: Tier(rawValue: fields[7]),
        source: CriterionSource(rawValue: fields[8])))
  }
  return Rubric(criteria)
}

@Suite struct DefaultMapTests {
  @Test func theBuiltInMapIsTheSampleFile() throws {
    let file = try String(
      contentsOf: repositoryRoot.appendingPathComponent("Samples/evidence/cmax-map.csv"), encoding: .utf8)
    #expect(file == defaultCmaxMapCSV + "\n")
  }

  @Test func theBuiltInMapFitsTheSampleRubric() throws {
    let map = try CmaxMap(parsing: defaultCmaxMapCSV, file: "cmax-map.csv")
    try map.validate(against: try sampleRubric())
    #expect(map.rows.count == 37)
    // Bool, level and numeric criteria are all mapped.
    let kinds = Set(
      try sampleRubric().criteria.filter { c in map.rows.contains { $0.criterionID == c.id } }.map(\.kind))
    #expect(kinds == [.bool, .level, .numeric])
  }
}

@Suite struct DocumentSourceTests {
  func temporaryFile(_ bytes: [UInt8]) throws -> String {
    let path = NSTemporaryDirectory() + "evidence-\(UUID().uuidString).json"
    FileManager.default.createFile(atPath: path, contents: Data(bytes))
    return path
  }

  @Test func missingAndTooLargeFiles() throws {
    #expect(throws: EvidenceError.notFound(file: "/nonexistent/incidents.json")) {
      _ = try DocumentSource(path: "/nonexistent/incidents.json")
    }
    let path = try temporaryFile(Array(repeating: UInt8(ascii: " "), count: 2048))
    defer { try? FileManager.default.removeItem(atPath: path) }
    #expect(throws: EvidenceError.tooLarge(file: path, limitBytes: 1024)) {
      _ = try DocumentSource(path: path, maxBytes: 1024)
    }
    #expect(throws: EvidenceError.unreadable(file: NSTemporaryDirectory(), reason: "it is a directory")) {
      _ = try DocumentSource(path: NSTemporaryDirectory())
    }
  }

  /// A pipe has no size: the reader counts as it streams and stops at the limit.
  @Test func aPipeIsCountedAsItStreams() throws {
    var ends: [Int32] = [0, 0]
    #expect(pipe(&ends) == 0)
    let writer = ends[1]
    let thread = Thread {
      let chunk = [UInt8](repeating: UInt8(ascii: " "), count: 4096)
      for _ in 0..<64 {
        _ = chunk.withUnsafeBytes { write(writer, $0.baseAddress, $0.count) }
      }
      close(writer)
    }
    thread.start()
    let source = try DocumentSource(path: "-", stdinDescriptor: ends[0])
    var reader = source.jsonReader(maxBytes: 100_000)
    #expect(throws: EvidenceError.tooLarge(file: "stdin", limitBytes: 100_000)) { _ = try reader.next() }
    // Drain so the writer finishes, then close our end.
    while (try? source.nextChunk()) ?? nil != nil {}
    close(ends[0])
  }

  @Test func readsAFileInChunks() throws {
    let json = statusPageJSON(
      updatedAt: "2026-04-30T00:00:00Z",
      incidents: (0..<200).map { index in
        incidentJSON(
          id: "i\(index)", impact: "minor", created: "2026-04-10T10:00:00Z", resolved: "2026-04-10T10:01:00Z")
      })
    #expect(json.utf8.count > DocumentLimits.chunkBytes)
    let path = try temporaryFile(Array(json.utf8))
    defer { try? FileManager.default.removeItem(atPath: path) }
    let source = try DocumentSource(path: path)
    var reader = source.jsonReader()
    let document = try readStatusPage(&reader)
    #expect(document.incidents.count == 200)
  }
}
