import CXLSX
import Foundation

/// An Excel workbook (`.xlsx`): one sheet per section of a report, each a frozen header row of
/// the JSON keys and then one row per record.
///
/// Numbers are number cells (never text) with a display format: money `#,##0.00`, ratios
/// (`dscr`, `ltv`, `_ratio`) `0.00`, percentages (`_pct`, still in percent as in JSON, 12.5 for
/// 12.5 %) `0.0"%"`, other numbers with the decimals the text formats print and thousands
/// separators. Text is always a string cell, so nothing a user typed becomes a formula. Written
/// by libxlsxwriter (Debian `libxlsxwriter-dev`).
package struct Workbook: Sendable {
  package struct Sheet: Sendable {
    /// The tab name: a section's name (`providers`, `months`, …), at most 31 characters.
    package var name: String
    package var table: Table

    package init(name: String, table: Table) {
      self.name = name
      self.table = table
    }
  }

  package var sheets: [Sheet]

  package init(sheets: [Sheet]) {
    self.sheets = sheets
  }

  /// The `.xlsx` file's bytes. libxlsxwriter writes only to a named file, so the workbook is
  /// written to a private temporary file, read back and removed.
  package func data() throws(ReportsError) -> Data {
    let directory = FileManager.default.temporaryDirectory.path
    let path = directory + "/neocloud-\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString).xlsx"
    defer { unlink(path) }
    try write(to: path)
    guard let data = FileManager.default.contents(atPath: path) else {
      throw .workbook("the temporary file \(path) could not be read back")
    }
    return data
  }

  /// Writes the workbook to `path` (replacing it).
  package func write(to path: String) throws(ReportsError) {
    guard let workbook = workbook_new(path) else {
      throw .workbook("libxlsxwriter could not create \(path)")
    }
    var formats = FormatCache(workbook: workbook)
    for sheet in sheets {
      guard let worksheet = workbook_add_worksheet(workbook, sheetName(sheet.name)) else {
        workbook_close(workbook)
        throw .workbook("libxlsxwriter refused the sheet name '\(sheet.name)'")
      }
      fill(worksheet, with: sheet.table, formats: &formats)
    }
    let status = workbook_close(workbook)
    guard status == LXW_NO_ERROR else {
      throw .workbook(String(cString: lxw_strerror(status)))
    }
  }

  private func fill(_ worksheet: UnsafeMutablePointer<lxw_worksheet>, with table: Table, formats: inout FormatCache) {
    let header = formats.header
    var widths = table.columns.map { Double($0.key.count) }
    for (index, column) in table.columns.enumerated() {
      worksheet_write_string(worksheet, 0, lxw_col_t(index), column.key, header)
    }
    var rowIndex: lxw_row_t = 1
    for row in table.rows {
      for (index, (column, cell)) in zip(table.columns, table.cellValues(of: row)).enumerated() {
        let col = lxw_col_t(index)
        switch cell.value {
        case .empty:
          continue
        case .text(let text):
          worksheet_write_string(worksheet, rowIndex, col, text, nil)
          widths[index] = max(widths[index], Double(displayWidth(text)))
        case .number(let number):
          let style = NumberStyle(column: column, cell: cell)
          worksheet_write_number(worksheet, rowIndex, col, number, formats.format(style.code))
          widths[index] = max(widths[index], Double(cell.display.count))
        }
      }
      rowIndex += 1
    }
    for (index, width) in widths.enumerated() {
      worksheet_set_column(worksheet, lxw_col_t(index), lxw_col_t(index), min(max(width + 2, 8), 48), nil)
    }
    worksheet_freeze_panes(worksheet, 1, 0)
    if !table.columns.isEmpty {
      worksheet_autofilter(worksheet, 0, 0, rowIndex - 1, lxw_col_t(table.columns.count - 1))
    }
  }

  /// Excel's rules: at most 31 characters, none of `[]:*?/\`.
  private func sheetName(_ name: String) -> String {
    let cleaned = String(name.map { "[]:*?/\\".contains($0) ? "_" : $0 })
    return String(cleaned.prefix(31))
  }
}

/// How a number cell is shown; the value itself is never rounded for display.
package struct NumberStyle: Hashable, Sendable {
  /// The Excel number format code.
  package var code: String

  /// Money `#,##0.00`; ratios `0.00`; percentages `0.0"%"` (the value stays in percent, as
  /// the `_pct` key says); other numbers with thousands separators and the decimals the text
  /// formats print.
  package init(column: Column, cell: Cell) {
    let key = column.key
    if column.kind == .money || key.hasSuffix("_usd") {
      code = "#,##0.00"
    } else if key.hasPrefix("dscr") || key.contains("ltv") || key.hasSuffix("_ratio") || key.hasPrefix("min_dscr") {
      code = "0.00"
    } else if key.hasSuffix("_pct") {
      let decimals = NumberStyle.decimals(of: cell.plain)
      code = (decimals == 0 ? "0" : "0." + String(repeating: "0", count: decimals)) + "\"%\""
    } else {
      let decimals = NumberStyle.decimals(of: cell.plain)
      code = decimals == 0 ? "#,##0" : "#,##0." + String(repeating: "0", count: decimals)
    }
  }

  /// Digits after the decimal point of a plain number (`12.50` → 2, `7` → 0).
  static func decimals(of plain: String) -> Int {
    guard let dot = plain.firstIndex(of: ".") else { return 0 }
    return min(plain[plain.index(after: dot)...].count, 9)
  }
}

/// One `lxw_format` per number format code (libxlsxwriter keeps them for the workbook's life).
private struct FormatCache {
  let workbook: UnsafeMutablePointer<lxw_workbook>
  var byCode: [String: UnsafeMutablePointer<lxw_format>] = [:]
  let header: UnsafeMutablePointer<lxw_format>?

  init(workbook: UnsafeMutablePointer<lxw_workbook>) {
    self.workbook = workbook
    let header = workbook_add_format(workbook)
    if let header {
      format_set_bold(header)
      format_set_bottom(header, UInt8(LXW_BORDER_THIN.rawValue))
    }
    self.header = header
  }

  mutating func format(_ code: String) -> UnsafeMutablePointer<lxw_format>? {
    if let known = byCode[code] { return known }
    guard let format = workbook_add_format(workbook) else { return nil }
    format_set_num_format(format, code)
    byCode[code] = format
    return format
  }
}
