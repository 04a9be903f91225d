import Testing

@testable import Reports

/// A small report with every awkward cell: a non-ASCII name, an empty cell, negative money,
/// formula-looking text, and a name holding a comma, quotes and a line break.
func sampleTable() -> Table {
  Table(
    titleLines: ["STRESSED: utilization 50%"],
    columns: [
      Column("Rank", kind: .number), Column("Provider"), Column("Note"),
      Column("Score", kind: .number), Column("Debt", kind: .money),
    ],
    groups: [
      RowGroup(
        title: "Gold",
        rows: [
          [
            .integer(1), .text("Ångström Cloud"), .text("=cmd|' /C calc'!A0"), .oneDecimal(91.25),
            .money(-1234.0),
          ]
        ]),
      RowGroup(
        title: "Silver",
        rows: [
          [
            .integer(2), .text("Nimbus, \"GPU\"\nLabs"), .text("-cmd"), .empty,
            .money(1_234_567.891),
          ]
        ]),
    ])
}

@Suite struct TableRenderTests {
  @Test func textTableAlignsByTerminalColumns() {
    let expected = [
      "STRESSED: utilization 50%",
      "Rank  Provider            Note                Score          Debt",
      "----  ------------------  ------------------  -----  ------------",
      "Gold",
      "   1  Ångström Cloud      =cmd|' /C calc'!A0   91.3     -1,234.00",
      "",
      "Silver",
      "   2  Nimbus, \"GPU\" Labs  -cmd                       1,234,567.89",
    ]
    #expect(sampleTable().renderText() == expected.joined(separator: "\n") + "\n")
    #expect(sampleTable().render(.table) == sampleTable().renderText())
  }

  @Test func textTableWithWideCharactersAndNoGroups() {
    let table = Table(
      columns: [Column("Name"), Column("N", kind: .number)],
      rows: [[.text("日本"), .integer(1)], [.text("ab"), .integer(22)], [.text("x")]])
    let expected = "Name   N\n----  --\n日本   1\nab    22\nx\n"
    #expect(table.renderText() == expected)
  }

  @Test func emptyTableStillHasItsHeader() {
    let table = Table(columns: [Column("Provider"), Column("Score", kind: .number)], rows: [])
    #expect(table.renderText() == "Provider  Score\n--------  -----\n")
    #expect(table.renderTSV() == "provider\tscore\n")
    #expect(table.renderCSV() == "provider,score\n")
    #expect(table.renderMarkdown() == "| Provider | Score |\n| :------- | ----: |\n")
    #expect(table.jsonValue.render(pretty: false) == "[]")
  }

  /// Plain values, one line per row; text a spreadsheet would run as a formula is neutralised
  /// exactly as in csv (issue 15 item 8), numbers such as `-1234.00` are left alone.
  @Test func tsvIsPlainAndOneLinePerRow() {
    let expected =
      "rank\tprovider\tnote\tscore\tdebt\n"
      + "1\tÅngström Cloud\t'=cmd|' /C calc'!A0\t91.3\t-1234.00\n"
      + "2\tNimbus, \"GPU\" Labs\t'-cmd\t\t1234567.89\n"
    #expect(sampleTable().renderTSV() == expected)
    #expect(sampleTable().render(.tsv) == expected)
  }

  @Test func tsvReplacesTabsInValues() {
    let table = Table(
      columns: [Column("A"), Column("B")], rows: [[.text("x\ty"), .text("p\r\nq")]])
    #expect(table.renderTSV() == "a\tb\nx y\tp  q\n")
  }

  @Test func csvQuotesAndNeutralisesFormulas() {
    let expected =
      "rank,provider,note,score,debt\n"
      + "1,Ångström Cloud,'=cmd|' /C calc'!A0,91.3,-1234.00\n"
      + "2,\"Nimbus, \"\"GPU\"\"\nLabs\",'-cmd,,1234567.89\n"
    #expect(sampleTable().renderCSV() == expected)
    #expect(sampleTable().render(.csv) == expected)
  }

  @Test(arguments: [
    ("=1+2", "'=1+2"), ("+1", "'+1"), ("-1", "'-1"), ("@SUM(A1)", "'@SUM(A1)"),
    ("\tx", "'\tx"), ("\rx", "\"'\rx\""), ("a=b", "a=b"), ("", ""), ("x\"y", "\"x\"\"y\""),
  ])
  func csvTextCells(input: String, expected: String) {
    let table = Table(columns: [Column("A")], rows: [[.text(input)]])
    #expect(table.renderCSV() == "a\n\(expected)\n")
  }

  /// Issue 15 item 8: tsv (the default in a pipe, and what spreadsheets open as `.tsv`)
  /// neutralises formulas with the csv rule; its own rule then turns tabs and breaks to spaces.
  @Test(arguments: [
    ("=1+2", "'=1+2"), ("+1", "'+1"), ("-1", "'-1"), ("@SUM(A1)", "'@SUM(A1)"), ("\tx", "' x"),
    ("\rx", "' x"), ("a=b", "a=b"), ("", ""),
  ])
  func tsvTextCellsAreNeutralisedLikeCSV(input: String, expected: String) {
    let table = Table(columns: [Column("=A", key: "=A")], rows: [[.text(input)]])
    #expect(table.renderTSV() == "'=A\n\(expected)\n")
    #expect(table.renderCSV().hasPrefix("'=A\n"))
  }

  @Test func csvLeavesNegativeNumbersAlone() {
    let table = Table(
      columns: [Column("A", kind: .number), Column("B", kind: .money)],
      rows: [[.number(-12.5, decimals: 1), .money(-0.5)]])
    #expect(table.renderCSV() == "a,b\n-12.5,-0.50\n")
  }

  @Test func markdownGroupsAreHeadingsOverTheirOwnTables() {
    let header = "| Rank | Provider              | Note                | Score |         Debt |"
    let rule = "| ---: | :-------------------- | :------------------ | ----: | -----------: |"
    let expected = [
      "STRESSED: utilization 50%",
      "",
      "### Gold",
      "",
      header,
      rule,
      "|    1 | Ångström Cloud        | =cmd\\|' /C calc'!A0 |  91.3 |    -1,234.00 |",
      "",
      "### Silver",
      "",
      header,
      rule,
      "|    2 | Nimbus, \"GPU\"<br>Labs | -cmd                |       | 1,234,567.89 |",
    ]
    #expect(sampleTable().renderMarkdown() == expected.joined(separator: "\n") + "\n")
    #expect(sampleTable().render(.markdown) == sampleTable().renderMarkdown())
  }

  @Test func markdownWithoutGroupsIsOneTable() {
    let table = Table(
      columns: [Column("Name"), Column("N", kind: .number)],
      rows: [[.text("a|b"), .integer(1)], [.text("c"), .integer(-22)]])
    let expected = "| Name |   N |\n| :--- | --: |\n| a\\|b |   1 |\n| c    | -22 |\n"
    #expect(table.renderMarkdown() == expected)
  }

  @Test func markdownEscapes() {
    #expect(markdownEscape("a|b\\c*d_e`f[g]<h>") == "a\\|b\\\\c\\*d\\_e\\`f\\[g\\]\\<h\\>")
    #expect(markdownEscape("one\r\ntwo\nthree\rfour\tfive") == "one<br>two<br>three<br>four five")
  }

  @Test func tableAsJSONRows() {
    let expected = """
      [
        {
          "debt": -1234,
          "note": "=cmd|' /C calc'!A0",
          "provider": "Ångström Cloud",
          "rank": 1,
          "score": 91.25
        },
        {
          "debt": 1234567.89,
          "note": "-cmd",
          "provider": "Nimbus, \\"GPU\\"\\nLabs",
          "rank": 2,
          "score": null
        }
      ]

      """
    #expect(sampleTable().jsonValue.render(pretty: true) == expected)
    #expect(sampleTable().render(.json) == expected)
  }

  @Test func columnDefaults() {
    #expect(Column("DSCR 12m", kind: .number).key == "dscr_12m")
    #expect(Column("Coverage %").key == "coverage")
    #expect(Column("Provider ID").alignment == .left)
    #expect(Column("Cash", kind: .money).alignment == .right)
    #expect(Column("Rank", kind: .number, alignment: .left, key: "r").alignment == .left)
  }

  @Test func cellConstructors() {
    #expect(Cell.percent(12.25) == Cell(display: "12.3%", plain: "12.3", value: .number(12.25)))
    #expect(Cell.money(nil as Double?) == .empty)
    #expect(Cell.oneDecimal(.nan) == .empty)
    #expect(Cell.text(nil) == .empty)
    #expect(
      Cell.oneDecimal(1.0 / 3) == Cell(display: "0.3", plain: "0.3", value: .number(0.333333333)))
    #expect(
      Cell.money(-0.004) == Cell(display: "0.00", plain: "0.00", value: .number(0)))
  }

  @Test func shortRowsArePaddedWithEmptyCells() {
    let table = Table(columns: [Column("A"), Column("B")], rows: [[.text("x")]])
    #expect(table.renderTSV() == "a\tb\nx\t\n")
    #expect(table.renderCSV() == "a,b\nx,\n")
  }
}
