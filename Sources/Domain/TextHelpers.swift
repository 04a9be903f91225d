// Small text helpers several libraries share: one copy each instead of one per library.

/// Byte-order comparison of UTF-8 text, as SQLite's BINARY collation and §3 sort ids,
/// independent of Unicode collation and locale.
public func byteOrderLess(_ lhs: String, _ rhs: String) -> Bool {
  lhs.utf8.lexicographicallyPrecedes(rhs.utf8)
}

/// Bytes as lowercase hex digits, two per byte (`[0x0f, 0xa0]` → `0fa0`).
public func lowercaseHex<Bytes: Sequence>(_ bytes: Bytes) -> String where Bytes.Element == UInt8 {
  let digits = Array("0123456789abcdef".utf8)
  var text: [UInt8] = []
  text.reserveCapacity(bytes.underestimatedCount * 2)
  for byte in bytes {
    text.append(digits[Int(byte >> 4)])
    text.append(digits[Int(byte & 0x0f)])
  }
  return String(decoding: text, as: UTF8.self)
}

/// A CSV field as RFC 4180 writes it: quoted (with `"` doubled) only when it holds a comma, a
/// quote, CR or LF, or when `always`.
public func csvQuoted(_ text: String, always: Bool = false) -> String {
  let needsQuotes =
    always
    || text.unicodeScalars.contains {
      $0 == "," || $0 == "\"" || $0 == "\r" || $0 == "\n"
    }
  guard needsQuotes else { return text }
  // By scalar, not by Character: a quote followed by a combining mark is still a quote.
  var quoted = String.UnicodeScalarView()
  quoted.append("\"")
  for scalar in text.unicodeScalars {
    if scalar == "\"" { quoted.append("\"") }
    quoted.append(scalar)
  }
  quoted.append("\"")
  return String(quoted)
}
