extension Table {
  /// Tab-separated values: the header line, then every row (groups and title lines are left
  /// out; tsv and csv carry such facts in columns). No alignment, no truncation; tabs and
  /// line breaks inside values become spaces. Money and percentages are plain (`1234.50`).
  /// Text a spreadsheet would run as a formula gets a leading `'`, exactly as in csv. The header
  /// line holds the columns' keys, the names JSON uses.
  package func renderTSV() -> String {
    var output = columns.map { singleLine(neutralisingFormula($0.key)) }.joined(separator: "\t") + "\n"
    for row in rows {
      output += cellValues(of: row).map { singleLine(spreadsheetSafeText($0)) }.joined(separator: "\t") + "\n"
    }
    return output
  }
}
