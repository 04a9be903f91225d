import Testing

@testable import Import

/// The byte tests beside libcsv (§8): each against a plain byte-by-byte reading.
@Suite struct CSVScanTests {
  /// A deterministic generator (xorshift), so a failure can be replayed.
  private struct Bytes {
    var state: UInt64
    mutating func next(_ bound: Int) -> Int {
      state ^= state << 13
      state ^= state >> 7
      state ^= state << 17
      return Int(state % UInt64(bound))
    }
  }

  /// `body` over the bytes; nil for no bytes.
  private func withBytes<T>(_ bytes: [UInt8], _ body: (UnsafePointer<UInt8>) -> T) -> T? {
    bytes.withUnsafeBufferPointer { buffer in buffer.baseAddress.map(body) }
  }

  @Test func firstSpecialFindsTheFirstNULCROrNonASCIIByte() {
    var random = Bytes(state: 0x9E37_79B9_7F4A_7C15)
    let alphabet: [UInt8] = [0x61, 0x2C, 0x22, 0x20, 0x0A, 0x0D, 0x00, 0x7F, 0x80, 0xC3, 0xFF, 0x01, 0x0C, 0x0E]
    for _ in 0..<2000 {
      let length = random.next(40)
      var bytes = (0..<length).map { _ in random.next(4) == 0 ? alphabet[random.next(alphabet.count)] : 0x61 }
      bytes.append(0x61)
      let from = length == 0 ? 0 : random.next(length)
      let expected = (from..<length).first { bytes[$0] == 0 || bytes[$0] == 0x0D || bytes[$0] >= 0x80 } ?? length
      let found = withBytes(bytes) { CSVScan.firstSpecial($0, from: from, to: length) }
      #expect(found == expected, "\(bytes) from \(from)")
    }
  }

  @Test func edgeBlanksAreThoseLibcsvWouldTrim() {
    let cases: [(String, Bool)] = [
      ("a,b,c\n", false),
      ("Provider 12,b\n", false),
      ("a\tb,c d\r\n", false),
      (" a,b\n", true),
      ("a, b\n", true),
      ("a ,b\n", true),
      ("a,b \n", true),
      ("a,b\t\r\n", true),
      ("\"x\" ,b\n", true),
      ("a,b ", true),
      ("a,b", false),
    ]
    for (text, expected) in cases {
      let bytes = Array(text.utf8)
      #expect(withBytes(bytes) { CSVScan.hasEdgeBlank($0, from: 0, to: bytes.count) } == expected, "\(text)")
    }
  }

  @Test func holdBackKeepsACRAndACutUTF8Sequence() {
    let cases: [([UInt8], Int)] = [
      ([0x61, 0x0D], 1),
      ([0x61, 0x0A], 0),
      ([0x61, 0xC3], 1),
      ([0x61, 0xC3, 0xA9], 0),
      ([0x61, 0xE2, 0x82], 2),
      ([0x61, 0xE2, 0x82, 0xAC], 0),
      ([0x61, 0xF0, 0x9F, 0x9A], 3),
      ([0x61, 0xF0, 0x9F, 0x9A, 0x80], 0),
      ([0x61, 0x80], 0),  // a lone continuation byte: nothing to wait for
    ]
    for (bytes, expected) in cases {
      #expect(withBytes(bytes) { CSVScan.holdBack($0, from: 0, to: bytes.count) } == expected, "\(bytes)")
    }
  }
}
