// Small text helpers several libraries share: one copy each instead of one per library.

/// Byte-order comparison of UTF-8 text, as SQLite's BINARY collation and §3 sort ids,
/// independent of Unicode collation and locale.
/// (Compares the contiguous UTF-8 bytes directly: the generic `lexicographicallyPrecedes` over
/// `utf8` views costs several times more, and loading and fingerprinting compare every key.)
@inlinable package func byteOrderLess(_ lhs: String, _ rhs: String) -> Bool {
  var lhs = lhs
  var rhs = rhs
  return lhs.withUTF8 { a in
    rhs.withUTF8 { b in
      let count = min(a.count, b.count)
      var index = 0
      while index < count {
        if a[index] != b[index] { return a[index] < b[index] }
        index += 1
      }
      return a.count < b.count
    }
  }
}

/// Sorts `items` by `less` unless they already are in order: rows read from the store usually
/// are (keys are unique, so stability is moot).
@inlinable package func sortIfNeeded<T>(_ items: inout [T], by less: (T, T) -> Bool) {
  var index = 1
  while index < items.count {
    if less(items[index], items[index - 1]) {
      items.sort(by: less)
      return
    }
    index += 1
  }
}

/// Bytes as lowercase hex digits, two per byte (`[0x0f, 0xa0]` → `0fa0`).
package func lowercaseHex<Bytes: Sequence>(_ bytes: Bytes) -> String where Bytes.Element == UInt8 {
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
package func csvQuoted(_ text: String, always: Bool = false) -> String {
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
