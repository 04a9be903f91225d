import Testing

@testable import Domain

@Suite struct MoneyTests {
  @Test(arguments: [
    ("0", Int64(0)), ("12", 1200), ("0.29", 29), ("0.2", 20), ("45000.05", 4_500_005),
    ("-3.1", -310), ("007", 700),
  ])
  func parsesDigitsIntoCents(text: String, cents: Int64) {
    #expect(Money(parsing: Substring(text))?.cents == cents)
  }

  @Test(arguments: [
    "", "-", ".5", "1.", "1.234", "1e3", "+1", " 1", "1 ", "1,000", "$1", "nan", "inf", "1.2.3",
    "99999999999999999999",
  ])
  func rejectsEverythingElse(text: String) {
    #expect(Money(parsing: Substring(text)) == nil)
  }

  @Test func printsPlainAndCSVForms() {
    #expect(Money(cents: 4_500_000).description == "45000.00")
    #expect(Money(cents: -7).description == "-0.07")
    #expect(Money(cents: 4_500_000).csvText == "45000")
    #expect(Money(cents: 4_500_050).csvText == "45000.5")
    #expect(Money(cents: 29).csvText == "0.29")
    #expect(Money(cents: 5).csvText == "0.05")
  }

  @Test func roundsHalfAwayFromZero() {
    #expect(Money(roundingDollars: 0.125).cents == 13)
    #expect(Money(roundingDollars: -0.125).cents == -13)
    #expect(roundedToCents(-0.001) == 0)
    #expect(roundedToCents(-0.001).sign == .plus)
    #expect(roundedTo9(0.1234567895) == 0.123456790)
    #expect(roundedTo9(-1e-12).sign == .plus)
  }
}

@Suite struct CalendarTests {
  @Test func monthsParseAndCount() throws {
    let m = try #require(Month("2026-11"))
    #expect(m.description == "2026-11")
    #expect((m + 2).description == "2027-01")
    #expect((m - 11).description == "2025-12")
    #expect(try #require(Month("2027-01")) - m == 2)
    #expect(Month("2026-13") == nil)
    #expect(Month("2026-1") == nil)
    #expect(Month("2026-00") == nil)
    #expect(Month(" 2026-01") == nil)
  }

  @Test(arguments: ["2024-02-29", "2000-02-29", "2026-12-31", "0001-01-01"])
  func realDatesParse(text: String) throws {
    let day = try #require(Day(text))
    #expect(day.description == text)
    #expect(Day(daysSinceEpoch: day.daysSinceEpoch) == day)
  }

  @Test(arguments: [
    "2026-02-29", "1900-02-29", "2026-04-31", "2026-13-01", "2026-00-10", "2026-1-01",
    "2026/01/01", "2026-01-01T00:00", "20260101",
  ])
  func impossibleDatesAreRejected(text: String) {
    #expect(Day(text) == nil)
  }

  @Test func dayArithmetic() throws {
    #expect(try #require(Day("1970-01-01")).daysSinceEpoch == 0)
    #expect(try #require(Day("2026-11-23")).daysSinceEpoch == 20780)  // python: date(2026,11,23) - date(1970,1,1)
    let a = try #require(Day("2026-08-25"))
    let b = try #require(Day("2026-11-23"))
    #expect(b.daysSinceEpoch - a.daysSinceEpoch == 90)
    #expect(a < b)
    #expect(b.month.description == "2026-11")
  }
}

@Suite struct PlainDecimalTests {
  @Test(arguments: [
    (1.0, "1"), (0.1, "0.1"), (1e-7, "0.0000001"), (1e21, "1000000000000000000000"),
    (-0.0, "0"), (-2.5, "-2.5"), (123456.789, "123456.789"), (1.25e-10, "0.000000000125"),
    (99.95, "99.95"), (45000, "45000"),
  ])
  func shortestRoundTripWithoutExponent(value: Double, text: String) {
    #expect(plainDecimal(value) == text)
    #expect(Double(plainDecimal(value)) == value)
  }
}
