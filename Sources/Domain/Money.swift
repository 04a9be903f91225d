/// An amount in US dollars held as integer cents, as stored in the database.
package struct Money: Hashable, Comparable, Sendable, CustomStringConvertible {
  package var cents: Int64

  package init(cents: Int64) { self.cents = cents }

  package static let zero = Money(cents: 0)

  /// The largest amount a CSV may hold: one trillion dollars. Far beyond any provider, and small
  /// enough that sums over thousands of loans or fleets stay exact in Int64 cents.
  package static let maximum = Money(cents: 100_000_000_000_000)

  /// Dollars as a Double, for projections (never for storage).
  package var dollars: Double { Double(cents) / 100 }

  /// Plain decimal form with two decimals, e.g. `1234.50`, `-0.07`.
  package var description: String {
    let sign = cents < 0 ? "-" : ""
    let magnitude = cents.magnitude
    let fraction = magnitude % 100
    return "\(sign)\(magnitude / 100).\(fraction < 10 ? "0" : "")\(fraction)"
  }

  /// The §2 CSV form: no trailing `.00` noise beyond what is needed (`45000`, `45000.5`, `0.29`).
  package var csvText: String {
    let magnitude = cents.magnitude
    let sign = cents < 0 ? "-" : ""
    let whole = magnitude / 100
    let fraction = magnitude % 100
    if fraction == 0 { return "\(sign)\(whole)" }
    if fraction % 10 == 0 { return "\(sign)\(whole).\(fraction / 10)" }
    return "\(sign)\(whole).\(fraction < 10 ? "0" : "")\(fraction)"
  }

  package static func < (lhs: Money, rhs: Money) -> Bool { lhs.cents < rhs.cents }

  /// Parses `-?[0-9]+(\.[0-9]{1,2})?` from its digits, never through Double.
  /// Returns nil for anything else, including overflow.
  package init?(parsing text: Substring) {
    var cents: Int64 = 0
    var index = text.startIndex
    var negative = false
    if index < text.endIndex, text[index] == "-" {
      negative = true
      index = text.index(after: index)
    }
    var wholeDigits = 0
    while index < text.endIndex, let digit = text[index].wholeNumberDigit {
      let (times, o1) = cents.multipliedReportingOverflow(by: 10)
      let (plus, o2) = times.addingReportingOverflow(Int64(digit))
      if o1 || o2 { return nil }
      cents = plus
      wholeDigits += 1
      index = text.index(after: index)
    }
    guard wholeDigits > 0 else { return nil }
    var fractionDigits = 0
    if index < text.endIndex {
      guard text[index] == "." else { return nil }
      index = text.index(after: index)
      while index < text.endIndex, let digit = text[index].wholeNumberDigit {
        fractionDigits += 1
        guard fractionDigits <= 2 else { return nil }
        let (times, o1) = cents.multipliedReportingOverflow(by: 10)
        let (plus, o2) = times.addingReportingOverflow(Int64(digit))
        if o1 || o2 { return nil }
        cents = plus
        index = text.index(after: index)
      }
      guard fractionDigits > 0, index == text.endIndex else { return nil }
    }
    for _ in fractionDigits..<2 {
      let (times, overflow) = cents.multipliedReportingOverflow(by: 10)
      if overflow { return nil }
      cents = times
    }
    self.cents = negative ? -cents : cents
  }

  /// Rounds a dollar amount to cents, half away from zero.
  package init(roundingDollars dollars: Double) {
    self.cents = clampedCents(dollars * 100)
  }
}

extension Character {
  @inlinable var wholeNumberDigit: Int? {
    guard let ascii = asciiValue, ascii >= 48, ascii <= 57 else { return nil }
    return Int(ascii - 48)
  }
}

/// Rounds dollars to cents, half away from zero, and returns dollars (for JSON).
package func roundedToCents(_ dollars: Double) -> Double {
  let value = (dollars * 100).rounded(.toNearestOrAwayFromZero) / 100
  return value == 0 ? 0 : value  // never -0
}

/// Rounds to 9 decimals, half away from zero (§7), never -0.
package func roundedTo9(_ value: Double) -> Double {
  let scaled = (value * 1e9).rounded(.toNearestOrAwayFromZero) / 1e9
  return scaled == 0 ? 0 : scaled
}

/// Rounds a cent amount half away from zero into Int64, saturating instead of trapping on a
/// value out of range (imports bound every amount, so this only guards the arithmetic).
package func clampedCents(_ cents: Double) -> Int64 {
  let rounded = cents.rounded(.toNearestOrAwayFromZero)
  if let exact = Int64(exactly: rounded) { return exact }
  if rounded.isNaN { return 0 }
  return rounded < 0 ? Int64.min : Int64.max
}
