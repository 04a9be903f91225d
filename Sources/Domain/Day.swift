/// A calendar date, `YYYY-MM-DD`, validated against the real calendar (Gregorian).
package struct Day: Hashable, Comparable, Sendable, CustomStringConvertible {
  package let year: Int
  package let monthNumber: Int
  package let day: Int

  package init?(year: Int, month: Int, day: Int) {
    guard (1...9999).contains(year), (1...12).contains(month),
      (1...Day.daysIn(year: year, month: month)).contains(day)
    else { return nil }
    self.year = year
    self.monthNumber = month
    self.day = day
  }

  /// Parses exactly `YYYY-MM-DD`, a date that exists.
  package init?(parsing text: Substring) {
    let bytes = Array(text.utf8)
    guard bytes.count == 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-"),
      let year = parseDigits(bytes[0..<4]), let month = parseDigits(bytes[5..<7]),
      let day = parseDigits(bytes[8..<10])
    else { return nil }
    self.init(year: year, month: month, day: day)
  }

  package init?(_ text: String) { self.init(parsing: Substring(text)) }

  package var month: Month {
    // Always valid: the components were checked on construction.
    Month(index: year * 12 + monthNumber - 1)
  }

  package var description: String { "\(pad(year, 4))-\(pad(monthNumber, 2))-\(pad(day, 2))" }

  /// Days since 1970-01-01 (proleptic Gregorian), for day differences.
  package var daysSinceEpoch: Int {
    let y = monthNumber <= 2 ? year - 1 : year
    let era = (y >= 0 ? y : y - 399) / 400
    let yoe = y - era * 400
    let mp = (monthNumber + 9) % 12
    let doy = (153 * mp + 2) / 5 + day - 1
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
    return era * 146097 + doe - 719468
  }

  package init(daysSinceEpoch z0: Int) {
    let z = z0 + 719468
    let era = (z >= 0 ? z : z - 146096) / 146097
    let doe = z - era * 146097
    let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
    let mp = (5 * doy + 2) / 153
    let d = doy - (153 * mp + 2) / 5 + 1
    let m = mp < 10 ? mp + 3 : mp - 9
    self.year = yoe + era * 400 + (m <= 2 ? 1 : 0)
    self.monthNumber = m
    self.day = d
  }

  package static func < (lhs: Day, rhs: Day) -> Bool {
    (lhs.year, lhs.monthNumber, lhs.day) < (rhs.year, rhs.monthNumber, rhs.day)
  }

  package static func isLeap(_ year: Int) -> Bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
  }

  package static func daysIn(year: Int, month: Int) -> Int {
    switch month {
    case 2: return isLeap(year) ? 29 : 28
    case 4, 6, 9, 11: return 30
    default: return 31
    }
  }
}
