import Domain
import Testing

@testable import Reports

@Suite struct NumberFormatTests {
  @Test(arguments: [
    (91.25, "91.3"),  // half away from zero
    (-91.25, "-91.3"),
    (0, "0.0"),
    (-0.0, "0.0"),
    (-0.04, "0.0"),  // never -0.0
    (-0.05, "-0.1"),
    (100, "100.0"),
    (1e20, "100000000000000000000.0"),
  ])
  func oneDecimal(value: Double, expected: String) {
    #expect(formatOneDecimal(value) == expected)
  }

  @Test(arguments: [
    (1_234_567.89, "1,234,567.89"),
    (-1234, "-1,234.00"),
    (1000, "1,000.00"),
    (999, "999.00"),
    (0.5, "0.50"),
    (-0.001, "0.00"),  // never -0.00
    (123_456.125, "123,456.13"),
  ])
  func moneyForTables(dollars: Double, expected: String) {
    #expect(formatMoney(dollars) == expected)
  }

  @Test func moneyFromCents() {
    #expect(formatMoney(Money(cents: -123_456)) == "-1,234.56")
    #expect(formatMoney(Money(cents: 5)) == "0.05")
    #expect(formatMoney(Money(cents: 100_000_000)) == "1,000,000.00")
    #expect(formatMoney(Money(cents: -10)) == "-0.10")
  }

  @Test func plainMoneyAndPercent() {
    #expect(formatMoneyPlain(-1234) == "-1234.00")
    #expect(formatMoneyPlain(1_234_567.891) == "1234567.89")
    #expect(formatPercent(12.25) == "12.3%")
    #expect(formatPercent(-0.01) == "0.0%")
    #expect(formatPercent(50, decimals: 0) == "50%")
  }

  @Test func fixedBeyondInt64StaysPlain() {
    #expect(formatFixed(-1e19, decimals: 2, grouping: true) == "-10,000,000,000,000,000,000.00")
    #expect(formatFixed(.infinity, decimals: 1) == "inf")
    #expect(formatFixed(2.5, decimals: 0) == "3")
  }

  @Test(arguments: [
    (1_500_000, "1.5M"), (950, "950"), (-3_200_000_000, "-3.2B"), (0.25, "0.25"), (0, "0"),
    (12_000, "12k"), (-0.0, "0"), (2e12, "2T"),
  ])
  func compact(value: Double, expected: String) {
    #expect(formatCompact(value) == expected)
  }

  @Test func thousands() {
    #expect(groupThousands("1234567") == "1,234,567")
    #expect(groupThousands("123456") == "123,456")
    #expect(groupThousands("1234") == "1,234")
    #expect(groupThousands("123") == "123")
  }

  @Test func widthCountsTerminalColumns() {
    #expect(displayWidth("Ångström") == 8)
    #expect(displayWidth("A\u{30A}ngstro\u{308}m") == 8)  // combining marks take no column
    #expect(displayWidth("日本") == 4)
    #expect(displayWidth("a\tb") == 2)
    #expect(displayWidth("🚀 GPU") == 6)
    #expect("Ångström".utf8.count == 10)
  }
}
