import Foundation
import Testing

@testable import Import

/// Strict RFC 4180 (§2, §8): every structural problem at its physical line.
@Suite struct CSVParsingTests {
  static let header = "provider_id,month,uptime_pct,incidents,failures_per_1k_gpu_months,mttr_hours"

  /// A fixture holding the sample providers, and `uptime.csv` written from `bytes`.
  private func uptimeFixture(_ bytes: [UInt8]) throws -> Fixture {
    let fixture = try Fixture()
    try fixture.importSamples()
    try fixture.write("uptime.csv", bytes: bytes)
    return fixture
  }

  private func bytes(_ text: String) -> [UInt8] { Array(text.utf8) }

  @Test func byteOrderMarkIsStripped() throws {
    let fixture = try uptimeFixture(
      [0xEF, 0xBB, 0xBF] + bytes(Self.header + "\nacme,2026-07,99.9,1,1,2\n"))
    let summary = try fixture.importing(["uptime.csv"])
    #expect(summary.counts(for: .uptime) == KindCounts(inserted: 1))
  }

  @Test func crlfLineEndsAreAccepted() throws {
    let text = Self.header + "\r\nacme,2026-07,99.9,1,1,2\r\n\r\nacme,2026-08,99.8,0,1,0\r\n"
    let fixture = try uptimeFixture(bytes(text))
    let summary = try fixture.importing(["uptime.csv"])
    #expect(summary.counts(for: .uptime) == KindCounts(inserted: 2))
    #expect(summary.emptyLines == 1)
    #expect(
      try fixture.strings("SELECT month FROM uptime WHERE month >= '2026-07'") == [
        "2026-07", "2026-08",
      ])
  }

  @Test func lastRecordWithoutLineEndIsRead() throws {
    let fixture = try uptimeFixture(bytes(Self.header + "\nacme,2026-07,99.9,1,1,2"))
    #expect(try fixture.importing(["uptime.csv"]).counts(for: .uptime) == KindCounts(inserted: 1))
  }

  @Test func emptyLinesAreSkippedButCounted() throws {
    let text = Self.header + "\n\nacme,2026-07,99.9,1,1,2\n\n\nacme,2026-08,100,0,0,0\n"
    let fixture = try uptimeFixture(bytes(text))
    let summary = try fixture.importing(["uptime.csv"])
    #expect(summary.emptyLines == 3)
    #expect(summary.line == "imported 2 uptime months (2 inserted); 3 empty lines skipped")
  }

  @Test func lineNumbersArePhysicalLinesWhereTheRecordStarts() throws {
    let text = """
      provider_id,name,segment,country,cash_usd,fixed_opex_usd_per_month,as_of
      p1,"Two
      line name",neocloud,US,1,1,2026-01-01

      p2,"Three

      lines",neocloud,USA,1,1,2026-01-01
      p3,ok,neocloud,US,x,1,2026-01-01

      """
    let fixture = try Fixture()
    try fixture.write("providers.csv", text)
    #expect(
      fixture.errors(["providers.csv"]) == [
        "providers.csv:5:country: 'USA' is not an ISO 3166-1 alpha-2 country code (e.g. US, DE)",
        "providers.csv:8:cash_usd: 'x' is not an amount in USD (e.g. 1250000.50)",
      ])
  }

  @Test func embeddedNewlinesAndQuotesArePartOfTheValue() throws {
    let text = Self.header.replacingOccurrences(of: "uptime", with: "uptime")
    _ = text
    let fixture = try Fixture()
    try fixture.write(
      "providers.csv",
      "provider_id,name,segment,country,cash_usd,fixed_opex_usd_per_month,as_of\np1,\"A \"\"quoted\"\",\r\nname\",neocloud,US,1,1,2026-01-01\n"
    )
    try fixture.importing(["providers.csv"])
    #expect(try fixture.strings("SELECT name FROM providers") == ["A \"quoted\",\r\nname"])
  }

  @Test func spacesAreNotTrimmed() throws {
    let fixture = try uptimeFixture(bytes(Self.header + "\nacme,2026-07, 99.9,1,1,2\n"))
    #expect(fixture.errors(["uptime.csv"]) == ["uptime.csv:2:uptime_pct: ' 99.9' is not a number"])
  }

  @Test func textFieldsKeepTheirSpaces() throws {
    let fixture = try Fixture()
    try fixture.write(
      "providers.csv",
      "provider_id,name,segment,country,cash_usd,fixed_opex_usd_per_month,as_of\np1,  Padded\t ,neocloud,US,1,1,2026-01-01\n"
    )
    try fixture.importing(["providers.csv"])
    #expect(try fixture.strings("SELECT name FROM providers") == ["  Padded\t "])
  }

  @Test func bareCarriageReturnIsAnError() throws {
    let fixture = try uptimeFixture(
      bytes(Self.header + "\nacme,2026-07,99.9,1,1,2\racme,2026-08,99.9,1,1,2\n"))
    #expect(
      fixture.errors(["uptime.csv"]) == [
        "uptime.csv:2: carriage return (CR) without a line feed: use LF or CRLF line ends"
      ])
  }

  @Test func bareCarriageReturnAtTheEndIsAnError() throws {
    let fixture = try uptimeFixture(bytes(Self.header + "\nacme,2026-07,99.9,1,1,2\r"))
    #expect(
      fixture.errors(["uptime.csv"]) == [
        "uptime.csv:2: carriage return (CR) without a line feed: use LF or CRLF line ends"
      ])
  }

  @Test func nulByteIsAnError() throws {
    let fixture = try uptimeFixture(
      bytes(Self.header + "\nacme,2026-07,99.9,1,1,2\nacme,2026-08,9\u{0}9,1,1,2\n"))
    #expect(fixture.errors(["uptime.csv"]) == ["uptime.csv:3:uptime_pct: contains a NUL byte"])
  }

  @Test func invalidUTF8IsAnError() throws {
    // "Café" in Latin-1.
    let row = bytes("p1,Caf") + [0xE9] + bytes(",neocloud,FR,1,1,2026-01-01\n")
    let fixture = try Fixture()
    try fixture.write(
      "providers.csv",
      bytes: bytes("provider_id,name,segment,country,cash_usd,fixed_opex_usd_per_month,as_of\n")
        + row)
    #expect(
      fixture.errors(["providers.csv"]) == [
        "providers.csv:2:name: invalid UTF-8 (byte 0xE9): save the file as UTF-8"
      ])
  }

  @Test(arguments: [
    ([0xC0, 0x80] as [UInt8], "0xC0"),  // overlong NUL
    ([0xED, 0xA0, 0x80], "0xED"),  // surrogate
    ([0xF4, 0x90, 0x80, 0x80], "0xF4"),  // beyond U+10FFFF
    ([0xE2, 0x82], "0xE2"),  // truncated before the comma
    ([0x80], "0x80"),  // lone continuation byte
  ])
  func invalidUTF8Sequences(sequence: [UInt8], byte: String) throws {
    let fixture = try Fixture()
    try fixture.write(
      "providers.csv",
      bytes: bytes("provider_id,name,segment,country,cash_usd,fixed_opex_usd_per_month,as_of\np1,x")
        + sequence + bytes(",neocloud,FR,1,1,2026-01-01\n"))
    #expect(
      fixture.errors(["providers.csv"]) == [
        "providers.csv:2:name: invalid UTF-8 (byte \(byte)): save the file as UTF-8"
      ])
  }

  @Test func validMultibyteUTF8IsAccepted() throws {
    let fixture = try Fixture()
    try fixture.write(
      "providers.csv",
      "provider_id,name,segment,country,cash_usd,fixed_opex_usd_per_month,as_of\np1,Ωmega 東京 🚀,neocloud,JP,1,1,2026-01-01\n"
    )
    try fixture.importing(["providers.csv"])
    #expect(try fixture.strings("SELECT name FROM providers") == ["Ωmega 東京 🚀"])
  }

  @Test func utf16FileIsAnError() throws {
    var data: [UInt8] = [0xFF, 0xFE]
    for unit in (Self.header + "\n").utf16 { data += [UInt8(unit & 0xFF), UInt8(unit >> 8)] }
    let fixture = try uptimeFixture(data)
    #expect(
      fixture.errors(["uptime.csv"]) == ["uptime.csv:1: the file is UTF-16: save it as UTF-8"])
  }

  @Test func utf16FileWithoutBOMIsAnError() throws {
    var data: [UInt8] = []
    for unit in (Self.header + "\n").utf16 { data += [UInt8(unit & 0xFF), UInt8(unit >> 8)] }
    let fixture = try uptimeFixture(data)
    #expect(
      fixture.errors(["uptime.csv"]) == [
        "uptime.csv:1: the header contains a NUL byte (is the file UTF-16?): save it as UTF-8"
      ])
  }

  @Test func fieldLongerThan64KiBIsAnError() throws {
    let long = String(repeating: "n", count: 65_537)
    let fixture = try Fixture()
    try fixture.write(
      "providers.csv",
      "provider_id,name,segment,country,cash_usd,fixed_opex_usd_per_month,as_of\np0,ok,neocloud,US,1,1,2026-01-01\np1,\(long),neocloud,US,1,1,2026-01-01\n"
    )
    #expect(
      fixture.errors(["providers.csv"]) == [
        "providers.csv:3:name: field longer than 65536 bytes (64 KiB)"
      ])
  }

  @Test func fieldOfExactly64KiBIsAccepted() throws {
    let long = String(repeating: "\"", count: 65_536)  // quoted, every quote doubled
    let doubled = long.replacingOccurrences(of: "\"", with: "\"\"")
    let fixture = try Fixture()
    try fixture.write(
      "providers.csv",
      "provider_id,name,segment,country,cash_usd,fixed_opex_usd_per_month,as_of\np1,\"\(doubled)\",neocloud,US,1,1,2026-01-01\n"
    )
    try fixture.importing(["providers.csv"])
    #expect(try fixture.strings("SELECT length(name) FROM providers") == ["65536"])
  }

  @Test func raggedRowIsAnError() throws {
    let fixture = try uptimeFixture(
      bytes(
        Self.header
          + "\nacme,2026-07,99.9,1,1\nacme,2026-08,99.9,1,1,2,extra\nacme,2026-09,99.9,1,1,2\n"))
    #expect(
      fixture.errors(["uptime.csv"]) == [
        "uptime.csv:2: has 5 fields, but the header has 6",
        "uptime.csv:3: has 7 fields, but the header has 6",
      ])
  }

  @Test func unterminatedQuoteIsReportedWhereItOpens() throws {
    let fixture = try Fixture()
    try fixture.write(
      "providers.csv",
      "provider_id,name,segment,country,cash_usd,fixed_opex_usd_per_month,as_of\np1,ok,neocloud,US,1,1,2026-01-01\np2,\"Open,neocloud,US,1,1,2026-01-01\np3,ok,neocloud,US,1,1,2026-01-01\n"
    )
    #expect(
      fixture.errors(["providers.csv"]) == [
        "providers.csv:3:name: unterminated quoted field: the quote opened here is never closed"
      ])
  }

  @Test func unterminatedQuoteInABigFileIsReportedWhereItOpens() throws {
    var text =
      "provider_id,name,segment,country,cash_usd,fixed_opex_usd_per_month,as_of\np0,\"Open,neocloud,US,1,1,2026-01-01\n"
    for i in 1...3000 { text += "p\(i),Name \(i),neocloud,US,1,1,2026-01-01\n" }
    let fixture = try Fixture()
    try fixture.write("providers.csv", text)
    #expect(
      fixture.errors(["providers.csv"]) == [
        "providers.csv:2:name: quoted field longer than 65536 bytes (64 KiB) from this line on: is a closing quote missing?"
      ])
  }

  @Test func quoteInsideAnUnquotedFieldIsAnError() throws {
    let fixture = try Fixture()
    try fixture.write(
      "providers.csv",
      "provider_id,name,segment,country,cash_usd,fixed_opex_usd_per_month,as_of\np1,The \"Best\" Cloud,neocloud,US,1,1,2026-01-01\n"
    )
    #expect(
      fixture.errors(["providers.csv"]) == [
        "providers.csv:2:name: quote inside an unquoted field: quote the whole field and double the quote"
      ])
  }

  @Test func textAfterAClosingQuoteIsAnError() throws {
    let fixture = try Fixture()
    try fixture.write(
      "providers.csv",
      "provider_id,name,segment,country,cash_usd,fixed_opex_usd_per_month,as_of\np1,\"Two\nlines\" Cloud,neocloud,US,1,1,2026-01-01\n"
    )
    #expect(
      fixture.errors(["providers.csv"]) == [
        "providers.csv:2:name: text after a closing quote: a quote inside a quoted field is written \"\""
      ])
  }

  @Test func emptyFileIsAnError() throws {
    let fixture = try Fixture()
    try fixture.write("empty.csv", "")
    #expect(
      fixture.errors(["empty.csv"]) == ["empty.csv: the file is empty: a header row is required"])
  }

  @Test func headerOnlyFileImportsNothing() throws {
    let fixture = try Fixture()
    try fixture.write("uptime.csv", Self.header + "\n")
    let summary = try fixture.importing(["uptime.csv"])
    #expect(summary.counts(for: .uptime) == KindCounts())
    #expect(summary.line == "imported 0 uptime months")
  }

  @Test func recordsSpanningChunksKeepTheirLines() throws {
    // Long enough to cross the reader's 128 KiB chunks several times.
    var text = "provider_id,name,segment,country,cash_usd,fixed_opex_usd_per_month,as_of\n"
    for i in 1...4000 {
      text +=
        "p\(i),\"Name \(i), with a comma and \"\"quotes\"\"\nand a second line\",neocloud,US,\(i),1,2026-01-01\n"
    }
    text += "bad id,x,neocloud,US,1,1,2026-01-01\n"
    let fixture = try Fixture()
    try fixture.write("providers.csv", text)
    let errors = fixture.errors(["providers.csv"])
    #expect(
      errors == [
        "providers.csv:8002:provider_id: 'bad id' is not an identifier (1–64 letters, digits, '.', '_' or '-', starting with a letter or digit)"
      ])
  }
}

@Suite struct WhitespaceTests {
  static let header = "provider_id,name,segment,country,cash_usd,fixed_opex_usd_per_month,as_of\n"

  @Test func spacesAndTabsAroundFieldsAreKept() throws {
    let fixture = try Fixture()
    try fixture.write(
      "providers.csv",
      Self.header
        + "p1,\t Tab and space ,neocloud,US,1,1,2026-01-01\np2, \"quoted\" x,neocloud,US,1,1,2026-01-01\n"
    )
    #expect(
      fixture.errors(["providers.csv"]) == [
        "providers.csv:3:name: quote inside an unquoted field: quote the whole field and double the quote"
      ])
    try fixture.write(
      "providers.csv",
      Self.header
        + "p1,\t Tab and space ,neocloud,US,1,1,2026-01-01\np2,\"  quoted, \"\"x\"\" \",neocloud,US,1,1 ,2026-01-01"
    )
    #expect(
      fixture.errors(["providers.csv"]) == [
        "providers.csv:3:fixed_opex_usd_per_month: '1 ' is not an amount in USD (e.g. 1250000.50)"
      ])
    try fixture.write(
      "providers.csv",
      Self.header
        + "p1,\t Tab and space ,neocloud,US,1,1,2026-01-01\np2,\"  quoted, \"\"x\"\" \",neocloud,US,1,1,2026-01-01"
    )
    try fixture.importing(["providers.csv"])
    #expect(
      try fixture.strings("SELECT name FROM providers ORDER BY provider_id") == [
        "\t Tab and space ", "  quoted, \"x\" ",
      ])
  }

  @Test func aLineOfSpacesIsARecordNotAnEmptyLine() throws {
    let fixture = try Fixture()
    try fixture.write("providers.csv", Self.header + "   \np1,A,neocloud,US,1,1,2026-01-01\n \t")
    #expect(
      fixture.errors(["providers.csv"]) == [
        "providers.csv:2: has 1 field, but the header has 7",
        "providers.csv:4: has 1 field, but the header has 7",
      ])
  }

  @Test func spaceBeforeAnIdentifierIsAnError() throws {
    let fixture = try Fixture()
    try fixture.write("providers.csv", Self.header + " p1,A,neocloud,US,1,1,2026-01-01\n")
    #expect(
      fixture.errors(["providers.csv"]) == [
        "providers.csv:2:provider_id: ' p1' is not an identifier (1–64 letters, digits, '.', '_' or '-', starting with a letter or digit)"
      ])
  }

  @Test func headerNamesWithSpacesAreUnknown() throws {
    let fixture = try Fixture()
    try fixture.write(
      "u.csv", "provider_id, month,uptime_pct,incidents,failures_per_1k_gpu_months,mttr_hours\n")
    #expect(
      fixture.errors(["u.csv"]) == [
        "u.csv:1: the header matches no kind; closest is uptime (missing month; unknown ' month')"
      ])
  }

  /// libcsv's space test is set per line (§8); spaces where it would trim are kept or rejected
  /// the same whether a line needs it or its neighbours do.
  @Test func spacesAfterAClosingQuoteAndBeforeALineEndAreNotTrimmed() throws {
    let fixture = try Fixture()
    try fixture.write(
      "providers.csv",
      Self.header + "p1,A,neocloud,US,1,1,2026-01-01\np2,\"B\" ,neocloud,US,1,1,2026-01-01\n")
    #expect(
      fixture.errors(["providers.csv"]) == [
        "providers.csv:3:name: text after a closing quote: a quote inside a quoted field is written \"\""
      ])
    try fixture.write(
      "providers.csv",
      Self.header
        + "p1,A,neocloud,US,1,1,2026-01-01\np2,B,neocloud,US,1,1,2026-01-01\t\r\np3,C,neocloud,US,1,1,2026-01-01\r\n")
    #expect(
      fixture.errors(["providers.csv"]) == [
        "providers.csv:3:as_of: '2026-01-01\\t' is not a date (YYYY-MM-DD)"
      ])
  }
}
