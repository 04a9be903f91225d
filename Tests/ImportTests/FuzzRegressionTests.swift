import Foundation
import Testing

@testable import Import

/// Inputs found by hostile-input testing and `scripts/fuzz.sh`, inline, each with the one error it
/// must give (DESIGN §2, §8). The importer must never crash, hang or fail internally on them.
@Suite struct FuzzRegressionTests {
  static let providersHeader = "provider_id,name,segment,country,cash_usd,fixed_opex_usd_per_month,as_of"

  private func errors(_ bytes: [UInt8], name: String = "input.csv", kind: Kind? = nil) throws -> [String] {
    let fixture = try Fixture()
    try fixture.importSamples()
    try fixture.write(name, bytes: bytes)
    return fixture.errors([name], ImportOptions(kind: kind))
  }

  /// A sparse file reads as NUL bytes: the header's first field runs past 64 KiB before its
  /// record ends. The NUL is the cause (was: "field longer than 65536 bytes (64 KiB)").
  @Test func aHeaderOfNULBytesLongerThanTheFieldLimitIsReportedAsNUL() throws {
    let found = try errors([UInt8](repeating: 0, count: maxFieldBytes + 10))
    #expect(found == ["input.csv:1: the header contains a NUL byte (is the file UTF-16?): save it as UTF-8"])
  }

  @Test func aDataFieldOfNULBytesLongerThanTheFieldLimitIsReportedAsNULAtItsColumn() throws {
    let bytes =
      Array((Self.providersHeader + "\nzz,").utf8) + [UInt8](repeating: 0, count: maxFieldBytes + 10)
      + Array(",neocloud,US,1,2,2026-01-01\n".utf8)
    #expect(try errors(bytes, name: "providers.csv") == ["providers.csv:2:name: contains a NUL byte"])
  }

  /// A long run of plain text still gets the field-limit error (the NUL rule must not hide it),
  /// and so does one that starts with a NUL in an earlier field.
  @Test func aLongFieldAfterANULInAnotherFieldIsStillTooLong() throws {
    let bytes =
      Array((Self.providersHeader + "\nz\u{0}z,").utf8) + [UInt8](repeating: 0x78, count: maxFieldBytes + 1)
      + Array(",neocloud,US,1,2,2026-01-01\n".utf8)
    #expect(
      try errors(bytes, name: "providers.csv") == ["providers.csv:2:name: field longer than 65536 bytes (64 KiB)"])
  }

  /// Found by scripts/fuzz.sh: a quoted header name holding a CRLF was echoed raw in the error,
  /// which then ran over several lines of stderr. Names are escaped like values now.
  @Test func aHeaderNameWithALineBreakIsEscapedInTheError() throws {
    let input =
      "provider_id,name,segment,country,cash_usd,ed_opex_uszz,\"Z, \"\"quoted\"\"\r\nname\",neocloud,US,1,2,2026-01-01\r\n"
    let found = try errors(Array(input.utf8))
    #expect(
      found == [
        "input.csv:1: the header matches no kind; closest is providers (missing fixed_opex_usd_per_month, as_of; "
          + #"unknown 'ed_opex_uszz', 'Z, "quoted"\r\nname', 'neocloud', 'US', '1', '2', '2026-01-01')"#
      ])
    #expect(found.allSatisfy { !$0.contains("\n") && !$0.contains("\r") })
  }

  @Test func aDuplicateHeaderNameWithALineBreakIsEscapedInTheError() throws {
    let found = try errors(Array("provider_id,\"a\nb\",\"a\nb\"\n".utf8))
    #expect(found == [#"input.csv:1:a\nb: duplicate column"#])
  }

  /// A byte order mark alone, a lone CR, a lone quote, and a header cut inside a UTF-8 sequence:
  /// each one clear error (at line 1 when there is a line), never a crash (seeds of Fuzz/seeds/).
  @Test func tinyHostileFilesGiveOneErrorAtLineOne() throws {
    let cases: [([UInt8], String)] = [
      ([0xEF, 0xBB, 0xBF], "input.csv: the file is empty: a header row is required"),
      ([0x0D], "input.csv:1: carriage return (CR) without a line feed: use LF or CRLF line ends"),
      ([0x22], "input.csv:1: unterminated quoted field: the quote opened here is never closed"),
      (
        Array("provider_id,na".utf8) + [0xC3],
        "input.csv:1: the header has invalid UTF-8 (byte 0xC3): save the file as UTF-8"
      ),
      ([0xFF, 0xFE, 0x70, 0x00], "input.csv:1: the file is UTF-16: save it as UTF-8"),
    ]
    for (bytes, expected) in cases {
      #expect(try errors(bytes) == [expected], "\(bytes)")
    }
  }

  /// Every kind forced onto another kind's sample gives a header error, never an internal one.
  @Test func everyKindForcedOntoTheProvidersSampleIsAHeaderError() throws {
    let sample = Samples.providers
    for kind in Kind.allCases where kind != .providers {
      let found = try errors(Array(sample.utf8), kind: kind)
      #expect(found.count == 1, "\(kind)")
      #expect(found.first?.hasPrefix("input.csv:1: the header does not fit kind \(kind.rawValue) (") == true, "\(kind)")
    }
  }
}
