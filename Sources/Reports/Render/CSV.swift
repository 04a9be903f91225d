import Domain
import Foundation

extension Table {
  /// RFC 4180 comma-separated values with LF line ends (what Unix tools and every spreadsheet
  /// read; RFC 4180's CRLF only matters to strict Windows parsers). A field is quoted when it
  /// holds `,`, `"`, CR or LF, with quotes doubled. A text cell starting with `=`, `+`, `-`,
  /// `@`, tab or CR gets a leading `'` so a spreadsheet shows it instead of running it as a
  /// formula; number cells (`-12.5`) are written as they are. Groups and title lines are left
  /// out, as in tsv. The header line holds the columns' keys, the names JSON uses (`dscr_12m`),
  /// not the labels people read (`DSCR 12m`).
  package func renderCSV() -> String {
    var output = columns.map { csvQuoted(neutralisingFormula($0.key)) }.joined(separator: ",")
    output += "\n"
    for row in rows {
      output += cellValues(of: row).map { csvQuoted(spreadsheetSafeText($0)) }.joined(separator: ",") + "\n"
    }
    return output
  }
}

/// A cell's plain text as csv and tsv write it: text that a spreadsheet would run as a formula
/// is neutralised (`neutralisingFormula`); numbers (`-12.5`) are written as they are.
func spreadsheetSafeText(_ cell: Cell) -> String {
  if case .text = cell.value { return neutralisingFormula(cell.plain) }
  return cell.plain
}

/// OWASP's CSV-injection defence: text that a spreadsheet would read as a formula is prefixed
/// with `'`.
func neutralisingFormula(_ text: String) -> String {
  guard let first = text.unicodeScalars.first else { return text }
  switch first {
  case "=", "+", "-", "@", "\t", "\r": return "'" + text
  default: return text
  }
}
