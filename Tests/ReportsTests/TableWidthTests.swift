import Testing

@testable import Reports

@Suite struct TableWidthTests {
  let table = Table(
    titleLines: ["A title line that is rather long for a narrow terminal"],
    columns: [Column("Provider"), Column("Name"), Column("Score", kind: .number), Column("Description")],
    rows: [
      [.text("alpha"), .text("東京データセンター株式会社"), .number(1_234_567.5, decimals: 1), .text("short")],
      [.text("beta"), .text("Beta"), .number(2, decimals: 1), .text(String(repeating: "d", count: 100))],
    ])

  @Test func withoutAWidthNothingIsCut() {
    #expect(table.renderText() == table.renderText(width: nil))
    #expect(table.renderText().contains(String(repeating: "d", count: 100)))
    #expect(table.renderText(width: .columns(1000)) == table.renderText())
  }

  @Test func textColumnsNarrowWidestFirstAndNumbersStayWhole() {
    let text = table.renderText(width: .columns(50))
    let lines = text.split(separator: "\n").map(String.init)
    #expect(lines.allSatisfy { displayWidth($0) <= 50 }, "\(lines)")
    #expect(text.contains("1234567.5"))
    #expect(text.contains("ddd…"))
    #expect(lines[0].hasSuffix("…"))
    // The wide (two-column) characters are cut on a character boundary within the width.
    #expect(lines[3].hasPrefix("alpha     東京"))
  }

  @Test func aTinyWidthKeepsEveryColumnAtItsMinimumAndNeverCrashes() {
    let text = table.renderText(width: .columns(5))
    let header = text.split(separator: "\n")[1]
    #expect(header.hasPrefix("Provider  Name"))
    #expect(text.contains("1234567.5"))
  }

  @Test func anUnknownWidthCapsEachTextCell() {
    let text = table.renderText(width: .unknown)
    #expect(text.contains(String(repeating: "d", count: 79) + "…"))
    #expect(!text.contains(String(repeating: "d", count: 81)))
  }

  @Test func truncationCountsTerminalColumns() {
    #expect(truncated("abcdef", toWidth: 6) == "abcdef")
    #expect(truncated("abcdef", toWidth: 4) == "abc…")
    #expect(truncated("東京データ", toWidth: 6) == "東京…")
    #expect(truncated("abc", toWidth: 0) == "")
  }
}
