import Domain
import Testing

/// FIPS 180-4 / NIST CSRC example vectors, and padding boundaries checked with `sha256sum`.
@Suite struct SHA256Tests {
  @Test func emptyMessage() {
    #expect(sha256Hex([]) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
  }

  @Test func abc() {
    #expect(
      sha256Hex(Array("abc".utf8))
        == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
  }

  @Test func twoBlockMessageOf448Bits() {
    let message = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"
    #expect(message.utf8.count == 56)
    #expect(
      sha256Hex(Array(message.utf8))
        == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
  }

  @Test func oneMillionA() {
    #expect(
      sha256Hex([UInt8](repeating: UInt8(ascii: "a"), count: 1_000_000))
        == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
  }

  /// `head -c N /dev/zero | tr '\0' x | sha256sum`: lengths around the 55/56/64-byte padding edges.
  @Test(arguments: [
    (55, "d5e285683cd4efc02d021a5c62014694958901005d6f71e89e0989fac77e4072"),
    (56, "04c26261370ee7541549d16dee320c723e3fd14671e66a099afe0a377c16888e"),
    (63, "75220b47218278e656f2013bb8f0c455a25eaf01e86c64924e9d48d89776d6f2"),
    (64, "7ce100971f64e7001e8fe5a51973ecdfe1ced42befe7ee8d5fd6219506b5393c"),
    (65, "9537c5fdf120482f7d58d25e9ed583f52c02b4e304ea814db1633ad565aed7e9"),
    (119, "000b48d4edf0fa7bee3c6236ecd2785baa5db4eeb8bb54341b029e0d9fa5fb0c"),
    (120, "13f05a0b594787f5ecd315edc96141bd3243203d1b7d4f0836f37308b276ba98"),
  ])
  func paddingBoundaries(length: Int, expected: String) {
    #expect(sha256Hex([UInt8](repeating: UInt8(ascii: "x"), count: length)) == expected)
  }

  @Test func incrementalUpdatesMatchOneShot() {
    let message = Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8)
    var hasher = SHA256()
    hasher.update(message[0..<3])
    hasher.update(message[3..<56])
    hasher.update([UInt8]())
    let digest = hasher.finalize()
    #expect(digest.count == 32)
    #expect(digest.prefix(4) == [0x24, 0x8d, 0x6a, 0x61])
    #expect(digest.suffix(2) == [0x06, 0xc1])
  }

  @Test func stringUpdatesHashTheirUTF8() {
    var hasher = SHA256()
    hasher.update("a")
    hasher.update("bc")
    #expect(hasher.finalize().prefix(3) == [0xba, 0x78, 0x16])
  }

  /// Splitting 200 bytes at every offset, and into three pieces around the block edges, gives
  /// the digest of the whole.
  @Test func everySplitMatchesTheWhole() {
    let message = (0..<200).map { UInt8(truncatingIfNeeded: $0 &* 37 &+ 11) }
    var whole = SHA256()
    whole.update(message)
    let expected = whole.finalize()
    // python3 -c "import hashlib; print(hashlib.sha256(bytes(((i*37+11)&255) for i in range(200))).hexdigest())"
    #expect(
      sha256Hex(message) == "5e48d64839a8bff5e2471507af6a49f9990817df437857f4a2007df41266e1b5")
    for cut in 0...message.count {
      var hasher = SHA256()
      hasher.update(message[..<cut])
      hasher.update(message[cut...])
      #expect(hasher.finalize() == expected, "cut at \(cut)")
    }
    for first in [1, 55, 63, 64, 65] {
      for second in [1, 8, 63, 64, 65, 127] {
        var hasher = SHA256()
        hasher.update(message[..<first])
        hasher.update(message[first..<first + second])
        hasher.update(message[(first + second)...])
        #expect(hasher.finalize() == expected)
      }
    }
  }
}
