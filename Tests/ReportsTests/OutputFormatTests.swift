import Testing

@testable import Reports

@Suite struct OutputFormatTests {
  @Test func defaultIsTableOnATerminalAndTSVOtherwise() {
    #expect(OutputFormat.defaultFormat(stdoutIsTerminal: true) == .table)
    #expect(OutputFormat.defaultFormat(stdoutIsTerminal: false) == .tsv)
  }

  @Test func commandLineFormatsLeaveOutHTML() {
    #expect(
      OutputFormat.commandLineFormats.map(\.rawValue) == [
        "table", "tsv", "json", "csv", "markdown", "xlsx",
      ])
    #expect(OutputFormat.allCases.contains(.html))
  }

  @Test func parseAcceptsAnyCase() throws {
    #expect(try OutputFormat.parse("JSON") == .json)
    #expect(try OutputFormat.parse("markdown") == .markdown)
    #expect(try OutputFormat.parse("html", allowed: [.html]) == .html)
  }

  @Test func parseRejectsUnknownWithSuggestion() {
    let error = #expect(throws: ReportsError.self) { try OutputFormat.parse("jsn") }
    let allowed = ["table", "tsv", "json", "csv", "markdown", "xlsx"]
    #expect(error == .unknownFormat("jsn", allowed: allowed, suggestion: "json"))
    #expect(
      error?.description
        == "Unknown format 'jsn' (did you mean 'json'?); use one of table, tsv, json, csv, markdown, xlsx."
    )
  }

  @Test func parseRejectsHTMLWhereNotAllowedAndXMLWithoutSuggestion() {
    let allowed = ["table", "tsv", "json", "csv", "markdown", "xlsx"]
    #expect(throws: ReportsError.unknownFormat("html", allowed: allowed, suggestion: nil)) {
      try OutputFormat.parse("html")
    }
    let error = #expect(throws: ReportsError.self) { try OutputFormat.parse("xml") }
    #expect(
      error?.description == "Unknown format 'xml'; use one of table, tsv, json, csv, markdown, xlsx.")
  }

  static let formats = ["table", "tsv", "json", "csv", "markdown"]

  @Test(arguments: [
    ("jsno", "json"),  // a swap of neighbours is one edit
    ("tabel", "table"),
    ("TSV", "tsv"),
    ("cvs", "csv"),  // csv (1 edit) beats tsv (2 edits)
    ("mark", "markdown"),  // too far by edits, but a prefix
    ("markdwn", "markdown"),
    ("tables", "table"),
  ])
  func closestFormat(input: String, expected: String) {
    #expect(closestMatch(input, among: Self.formats) == expected)
  }

  @Test(arguments: ["xml", "", "yaml", "z"])
  func noFormatIsClose(input: String) {
    #expect(closestMatch(input, among: Self.formats) == nil)
  }

  @Test func closestMatchForProviderIdsAndKinds() {
    #expect(closestMatch("corewave", among: ["lambda", "coreweave", "crusoe"]) == "coreweave")
    #expect(
      closestMatch("fleet", among: ["providers", "facilities", "fleets", "loans"]) == "fleets")
    // a full replacement of a short candidate is not a suggestion
    #expect(closestMatch("xx", among: ["ab"]) == nil)
    // equal distance: the earlier candidate wins
    #expect(closestMatch("bsv", among: ["csv", "tsv"]) == "csv")
    #expect(closestMatch("bsv", among: ["tsv", "csv"]) == "tsv")
    // of several prefixes the shortest wins; the original spelling is returned
    #expect(closestMatch("core", among: ["CoreWeave-EU", "CoreX"]) == "CoreX")
  }

  @Test func editDistanceCounts() {
    #expect(editDistance(Array("kitten"), Array("sitting")) == 3)
    #expect(editDistance(Array("ab"), Array("ba")) == 1)
    #expect(editDistance(Array(""), Array("abc")) == 3)
    #expect(editDistance(Array("Ångström"), Array("Angström")) == 1)
  }

  @Test func didYouMeanHint() {
    #expect(didYouMean("json") == " (did you mean 'json'?)")
    #expect(didYouMean(nil) == "")
  }
}
