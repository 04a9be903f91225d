import Domain
import Testing

@Suite struct TextHelpersTests {
  @Test func byteOrderIsUTF8ByteOrderNotCollation() {
    #expect(byteOrderLess("B", "a"))  // 0x42 < 0x61
    #expect(byteOrderLess("z", "é"))  // 0x7a < 0xc3
    #expect(!byteOrderLess("a", "a"))
    #expect(byteOrderLess("a", "ab"))
  }

  @Test func hexIsTwoLowercaseDigitsPerByte() {
    #expect(lowercaseHex([0x00, 0x0f, 0xa0, 0xff]) == "000fa0ff")
    #expect(lowercaseHex([UInt8]()) == "")
  }

  @Test(arguments: [
    ("plain", "plain"), ("a,b", "\"a,b\""), ("say \"hi\"", "\"say \"\"hi\"\"\""), ("two\nlines", "\"two\nlines\""),
    ("cr\r", "\"cr\r\""), ("\"\u{301}", "\"\"\"\u{301}\""), ("", ""),
  ])
  func csvQuotesOnlyWhenRFC4180Requires(field: String, expected: String) {
    #expect(csvQuoted(field) == expected)
  }

  @Test func csvQuotesAlwaysWhenAsked() {
    #expect(csvQuoted(" padded ", always: true) == "\" padded \"")
    #expect(csvQuoted("say \"hi\"", always: true) == "\"say \"\"hi\"\"\"")
    #expect(csvQuoted("", always: true) == "\"\"")
  }
}
