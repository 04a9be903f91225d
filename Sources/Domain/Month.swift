/// A calendar month, `YYYY-MM`. Months are ordered and can be subtracted.
package struct Month: Hashable, Comparable, Sendable, CustomStringConvertible {
  package let year: Int
  package let month: Int

  package init?(year: Int, month: Int) {
    guard (1...9999).contains(year), (1...12).contains(month) else { return nil }
    self.year = year
    self.month = month
  }

  /// Months since year 0: strictly increasing, so differences are month counts.
  package var index: Int { year * 12 + (month - 1) }

  package init(index: Int) {
    self.year = index >= 0 ? index / 12 : (index - 11) / 12
    self.month = index - self.year * 12 + 1
  }

  /// Parses exactly `YYYY-MM`.
  package init?(parsing text: Substring) {
    let bytes = Array(text.utf8)
    guard bytes.count == 7, bytes[4] == UInt8(ascii: "-"),
      let year = parseDigits(bytes[0..<4]), let month = parseDigits(bytes[5..<7])
    else { return nil }
    self.init(year: year, month: month)
  }

  package init?(_ text: String) { self.init(parsing: Substring(text)) }

  package var description: String { "\(pad(year, 4))-\(pad(month, 2))" }

  package static func < (lhs: Month, rhs: Month) -> Bool { lhs.index < rhs.index }
  package static func + (lhs: Month, rhs: Int) -> Month { Month(index: lhs.index + rhs) }
  package static func - (lhs: Month, rhs: Int) -> Month { Month(index: lhs.index - rhs) }
  /// The number of months from `rhs` to `lhs`.
  package static func - (lhs: Month, rhs: Month) -> Int { lhs.index - rhs.index }
}

func parseDigits(_ bytes: ArraySlice<UInt8>) -> Int? {
  var value = 0
  for byte in bytes {
    guard byte >= 48, byte <= 57 else { return nil }
    value = value * 10 + Int(byte - 48)
  }
  return value
}

func pad(_ value: Int, _ width: Int) -> String {
  let text = String(value)
  return text.count >= width ? text : String(repeating: "0", count: width - text.count) + text
}
