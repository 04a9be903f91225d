/// Byte-order comparison of UTF-8 text: keys and ids compare as SQLite's BINARY collation
/// compares TEXT (and as §3 and §7 sort them), independent of Unicode collation or locale.
package func byteOrderLess(_ lhs: String, _ rhs: String) -> Bool {
  lhs.utf8.lexicographicallyPrecedes(rhs.utf8)
}

/// Lowercase hexadecimal digits of the bytes, two per byte.
package func lowercaseHex(_ bytes: some Sequence<UInt8>) -> String {
  let digits = Array("0123456789abcdef".utf8)
  var text: [UInt8] = []
  text.reserveCapacity(bytes.underestimatedCount * 2)
  for byte in bytes {
    text.append(digits[Int(byte >> 4)])
    text.append(digits[Int(byte & 0x0f)])
  }
  return String(decoding: text, as: UTF8.self)
}
