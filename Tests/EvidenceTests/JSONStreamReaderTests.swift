import Testing

@testable import Evidence

@Suite struct JSONStreamReaderTests {
  /// Every token of `json`, read from chunks of `chunkSize` bytes.
  func tokens(_ json: String, chunkSize: Int = 1 << 16, maxBytes: Int = .max) throws -> [JSONStreamReader.Token] {
    let bytes = Array(json.utf8)
    var offset = 0
    var reader = JSONStreamReader(file: "t.json", maxBytes: maxBytes) {
      guard offset < bytes.count else { return nil }
      let end = min(bytes.count, offset + chunkSize)
      defer { offset = end }
      return Array(bytes[offset..<end])
    }
    var result: [JSONStreamReader.Token] = []
    while let token = try reader.next() { result.append(token) }
    return result
  }

  @Test(arguments: [1, 2, 7, 1 << 16])
  func tokenizesAcrossChunkBoundaries(chunkSize: Int) throws {
    let json = #"{"a": [1, -2.5e3, true, false, null], "b\u00e9": "x\"\\\/\n\u00e9\ud83d\ude00", "c": {}}"#
    #expect(
      try tokens(json, chunkSize: chunkSize) == [
        .beginObject, .key("a"), .beginArray, .number("1"), .number("-2.5e3"), .bool(true), .bool(false), .null,
        .endArray, .key("bé"), .string("x\"\\/\né😀"), .key("c"), .beginObject, .endObject, .endObject,
      ])
  }

  @Test(arguments: [
    (#"{"a" 1}"#, "expected ':'"), (#"{"a": 1,}"#, "expected a quoted key"), ("[1 2]", "expected ',' or ']'"),
    ("[01]", "unexpected '1'"), (#"{"a": tru}"#, "unexpected '}'"), (#"["\x"]"#, "invalid escape"),
    ("[1] [2]", "after the end"), (#"["\ud800"]"#, "unpaired surrogate"), ("{'a': 1}", "expected a quoted key"),
  ])
  func syntaxErrorsSayWhere(json: String, reason: String) {
    do {
      _ = try tokens(json)
      Issue.record("no error for \(json)")
    } catch let error as EvidenceError {
      guard case .malformedJSON(let file, let line, _, let text) = error else {
        Issue.record("unexpected \(error)")
        return
      }
      #expect(file == "t.json")
      #expect(line == 1)
      #expect(text.contains(reason), "\(text)")
    } catch {
      Issue.record("unexpected \(error)")
    }
  }

  @Test func truncationReportsTheEnd() {
    #expect(throws: EvidenceError.truncated(file: "t.json", line: 2, column: 7)) {
      _ = try tokens("{\"a\":\n [1, 2")
    }
    #expect(throws: EvidenceError.truncated(file: "t.json", line: 1, column: 1)) { _ = try tokens("") }
    #expect(throws: EvidenceError.truncated(file: "t.json", line: 1, column: 6)) { _ = try tokens("[\"abc") }
  }

  @Test func limitsAreErrorsNotCrashes() {
    #expect(throws: EvidenceError.tooLarge(file: "t.json", limitBytes: 10)) {
      _ = try tokens("[1, 2, 3, 4, 5, 6]", chunkSize: 4, maxBytes: 10)
    }
    let deep = String(repeating: "[", count: 100) + String(repeating: "]", count: 100)
    #expect(throws: EvidenceError.self) { _ = try tokens(deep) }
    let invalidUTF8: [UInt8] = Array("[\"".utf8) + [0xC3, 0x28] + Array("\"]".utf8)
    var reader = JSONStreamReader(file: "t.json", bytes: invalidUTF8)
    #expect(
      throws: EvidenceError.malformedJSON(
        file: "t.json", line: 1, column: 2, reason: "a string that is not valid UTF-8")
    ) {
      while try reader.next() != nil {}
    }
  }

  /// A skipped value is walked without being kept: a 4 MiB string in a skipped field is fine even
  /// when kept strings are limited to 64 KiB.
  @Test func skippedValuesAreNotMaterialized() throws {
    let big = String(repeating: "x", count: 4 << 20)
    let json = #"{"skip": {"body": ""# + big + #"", "n": [1, {"m": null}]}, "keep": "ok"}"#
    var reader = JSONStreamReader(file: "t.json", bytes: Array(json.utf8))
    var kept: String?
    try reader.readObject(at: "doc") { reader, key in
      if key == "keep" { kept = try reader.readOptionalString(at: "keep") } else { try reader.skipValue() }
    }
    try reader.finish()
    #expect(kept == "ok")
    var strict = JSONStreamReader(file: "t.json", bytes: Array(json.utf8))
    #expect(throws: EvidenceError.self) {
      try strict.readObject(at: "doc") { reader, key in _ = try reader.readScalarOrSkip() }
    }
  }
}

extension JSONStreamReader {
  /// Test helper: reads the next value keeping its strings.
  mutating func readScalarOrSkip() throws -> Token? {
    var depth = 0
    repeat {
      guard let token = try next() else { return nil }
      switch token {
      case .beginObject, .beginArray: depth += 1
      case .endObject, .endArray: depth -= 1
      default: break
      }
    } while depth > 0
    return nil
  }
}
