import Domain

/// An instant, in milliseconds since 1970-01-01T00:00:00Z.
package struct Instant: Hashable, Comparable, Sendable, CustomStringConvertible {
  package var millisecondsSinceEpoch: Int64

  package init(millisecondsSinceEpoch: Int64) {
    self.millisecondsSinceEpoch = millisecondsSinceEpoch
  }

  /// The start of a calendar month, UTC.
  package init(startOf month: Month) {
    // Day 1 of a valid Month always exists; the fallback is never taken.
    let first = Day(year: month.year, month: month.month, day: 1)
    self.millisecondsSinceEpoch = Int64(first?.daysSinceEpoch ?? 0) * 86_400_000
  }

  /// Parses ISO 8601 as status pages and cmax write it: `YYYY-MM-DDTHH:MM:SS`, an optional
  /// fraction (milliseconds kept, finer digits dropped), then `Z` or an offset `±HH:MM` (or
  /// `±HHMM`). A date that does not exist, an hour past 23 or a missing zone is nil.
  package init?(iso8601 text: String) {
    let bytes = Array(text.utf8)
    guard bytes.count >= 20, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-"),
      bytes[10] == UInt8(ascii: "T"), bytes[13] == UInt8(ascii: ":"), bytes[16] == UInt8(ascii: ":"),
      let year = digits(bytes[0..<4]), let month = digits(bytes[5..<7]), let dayOfMonth = digits(bytes[8..<10]),
      let hour = digits(bytes[11..<13]), let minute = digits(bytes[14..<16]), let second = digits(bytes[17..<19]),
      let day = Day(year: year, month: month, day: dayOfMonth), hour <= 23, minute <= 59, second <= 59
    else { return nil }
    var index = 19
    var milliseconds = 0
    if bytes[index] == UInt8(ascii: ".") {
      index += 1
      var count = 0
      while index < bytes.count, bytes[index] >= 48, bytes[index] <= 57 {
        if count < 3 { milliseconds = milliseconds * 10 + Int(bytes[index] - 48) }
        count += 1
        index += 1
      }
      guard count > 0 else { return nil }
      for _ in count..<max(count, 3) { milliseconds *= 10 }
    }
    guard index < bytes.count else { return nil }
    var offsetMinutes = 0
    switch bytes[index] {
    case UInt8(ascii: "Z"):
      guard index + 1 == bytes.count else { return nil }
    case UInt8(ascii: "+"), UInt8(ascii: "-"):
      let rest = bytes[(index + 1)...]
      let hours: Int?
      let minutes: Int?
      if rest.count == 5, rest[rest.startIndex + 2] == UInt8(ascii: ":") {
        hours = digits(rest.prefix(2))
        minutes = digits(rest.suffix(2))
      } else if rest.count == 4 {
        hours = digits(rest.prefix(2))
        minutes = digits(rest.suffix(2))
      } else {
        return nil
      }
      guard let hours, let minutes, hours <= 23, minutes <= 59 else { return nil }
      offsetMinutes = (hours * 60 + minutes) * (bytes[index] == UInt8(ascii: "-") ? -1 : 1)
    default:
      return nil
    }
    let seconds =
      Int64(day.daysSinceEpoch) * 86_400 + Int64(hour * 3600 + minute * 60 + second)
      - Int64(offsetMinutes * 60)
    self.millisecondsSinceEpoch = seconds * 1000 + Int64(milliseconds)
  }

  /// The UTC calendar day of the instant.
  package var day: Day {
    let days = floorDivide(millisecondsSinceEpoch, 86_400_000)
    return Day(daysSinceEpoch: Int(days))
  }

  /// The UTC calendar month of the instant.
  package var month: Month { day.month }

  /// `YYYY-MM-DDTHH:MM:SS.sssZ`.
  package var description: String {
    let dayStart = floorDivide(millisecondsSinceEpoch, 86_400_000) * 86_400_000
    let inDay = millisecondsSinceEpoch - dayStart
    let hours = inDay / 3_600_000
    let minutes = inDay / 60_000 % 60
    let seconds = inDay / 1000 % 60
    let millis = inDay % 1000
    return "\(day)T\(two(hours)):\(two(minutes)):\(two(seconds)).\(three(millis))Z"
  }

  package static func < (lhs: Instant, rhs: Instant) -> Bool {
    lhs.millisecondsSinceEpoch < rhs.millisecondsSinceEpoch
  }
}

private func digits(_ bytes: ArraySlice<UInt8>) -> Int? {
  var value = 0
  for byte in bytes {
    guard byte >= 48, byte <= 57 else { return nil }
    value = value * 10 + Int(byte - 48)
  }
  return bytes.isEmpty ? nil : value
}

private func floorDivide(_ value: Int64, _ divisor: Int64) -> Int64 {
  let quotient = value / divisor
  return value % divisor < 0 ? quotient - 1 : quotient
}

private func two(_ value: Int64) -> String { value < 10 ? "0\(value)" : "\(value)" }
private func three(_ value: Int64) -> String { value < 10 ? "00\(value)" : value < 100 ? "0\(value)" : "\(value)" }
