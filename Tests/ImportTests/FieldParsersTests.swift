import Domain
import Testing

@testable import Import

@Suite struct FieldParsersTests {
  private func withBytes<T>(_ text: String, _ body: (UnsafePointer<UInt8>, Int) -> T) -> T {
    let bytes = Array(text.utf8) + [0]
    let pointer = UnsafeMutablePointer<UInt8>.allocate(capacity: bytes.count)
    defer { pointer.deallocate() }
    pointer.initialize(from: bytes, count: bytes.count)
    return body(pointer, bytes.count - 1)
  }

  private func number(_ text: String) -> Double? {
    withBytes(text) { FieldParsers.parseNumber($0, $1) }
  }

  private func cents(_ text: String) -> Int64? {
    withBytes(text) {
      if case .cents(let value) = FieldParsers.parseCents($0, $1) { return value }
      return nil
    }
  }

  @Test func numbersFollowTheGrammar() {
    #expect(number("0") == 0)
    #expect(number("-0") == 0)
    #expect(number("-0")?.sign == .plus)
    #expect(number("12") == 12)
    #expect(number("0.29") == 0.29)
    #expect(number("-1.5") == -1.5)
    #expect(number("007.50") == 7.5)
    for bad in [
      "", "-", ".5", "5.", "+5", "1e5", "1E5", "1,000", "$5", "5%", "nan", "inf", " 5", "5 ",
      "0x10", "1.2.3", "--1",
    ] {
      #expect(number(bad) == nil, "\(bad)")
    }
  }

  @Test func longNumbersRoundCorrectly() {
    #expect(number("12345678901234567890.5") == 12345678901234567890.5)
    #expect(number("0.1000000000000000055511151231257827") == 0.1)
    #expect(number("9007199254740993") == 9007199254740992)  // 2^53 + 1 rounds to even
    #expect(number("0.0000000000000000000000001") == 1e-25)
    #expect(number("1" + String(repeating: "0", count: 400)) == nil)  // not finite
  }

  /// Export writes `plainDecimal`, import reads it back: the same Double, always.
  @Test func plainDecimalRoundTrips() {
    var generator = SystemRandomNumberGenerator()
    var values: [Double] = [
      0.1, 0.2, 0.3, 1e-7, 123.456, 99.99, 1.35, 2.05, 5e-324, 1.7976931348623157e308,
    ]
    for _ in 0..<20_000 {
      let bits = UInt64.random(in: 0...UInt64.max, using: &generator)
      let value = abs(Double(bitPattern: bits))
      if value.isFinite { values.append(value) }
      values.append(Double.random(in: 0..<1000, using: &generator))
    }
    for value in values {
      let text = plainDecimal(value)
      #expect(number(text) == value, "\(text)")
    }
  }

  @Test func moneyIsParsedFromTheDigits() {
    #expect(cents("0.29") == 29)
    #expect(cents("45000") == 4_500_000)
    #expect(cents("45000.5") == 4_500_050)
    #expect(cents("-0.07") == -7)
    #expect(cents("92233720368547758.07") == Int64.max)
    for bad in ["", ".5", "5.", "1.234", "1e3", "+1", "1,5", "92233720368547758.08"] {
      #expect(cents(bad) == nil, "\(bad)")
    }
    for amount in [Int64(0), 1, 29, 4_500_050, 123_456_789_012] {
      #expect(cents(Money(cents: amount).csvText) == amount)
    }
  }

  @Test func integers() {
    func integer(_ text: String) -> Int64? {
      withBytes(text) {
        if case .value(let value) = FieldParsers.parseInteger($0, $1) { return value }
        return nil
      }
    }
    #expect(integer("16") == 16)
    #expect(integer("-3") == -3)
    #expect(integer("0012") == 12)
    for bad in ["", "-", "16.0", "1e2", "+1", " 1", "١٢"] { #expect(integer(bad) == nil, "\(bad)") }
  }

  @Test func identifiersDatesMonthsCountries() {
    #expect(withBytes("H100-SXM5_80GB.v2") { FieldParsers.isIdentifier($0, $1) })
    #expect(withBytes(String(repeating: "a", count: 64)) { FieldParsers.isIdentifier($0, $1) })
    for bad in ["", "_a", ".a", "-a", "a b", "a/b", "é", String(repeating: "a", count: 65)] {
      #expect(!withBytes(bad) { FieldParsers.isIdentifier($0, $1) }, "\(bad)")
    }
    for good in ["2024-02-29", "2000-02-29", "0001-01-01", "9999-12-31"] {
      #expect(withBytes(good) { FieldParsers.isDate($0, $1) }, "\(good)")
    }
    for bad in [
      "2023-02-29", "1900-02-29", "2024-04-31", "2024-00-10", "2024-13-01", "0000-01-01",
      "24-01-01", "2024-1-1", "2024-01-01T00",
    ] {
      #expect(!withBytes(bad) { FieldParsers.isDate($0, $1) }, "\(bad)")
    }
    #expect(withBytes("2026-12") { FieldParsers.isMonth($0, $1) })
    #expect(!withBytes("2026-00") { FieldParsers.isMonth($0, $1) })
    #expect(withBytes("NO") { FieldParsers.isCountry($0, $1) })
    #expect(withBytes("XK") { FieldParsers.isCountry($0, $1) })
    #expect(!withBytes("UK") { FieldParsers.isCountry($0, $1) })
    #expect(!withBytes("no") { FieldParsers.isCountry($0, $1) })
  }
}
