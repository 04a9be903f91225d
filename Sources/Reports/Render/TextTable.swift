extension Table {
  /// Writes the table in `format`; every line ends with `\n`.
  ///
  /// `json` is `jsonValue` pretty-printed, `html` a self-contained page holding the table.
  /// `xlsx` is binary (``Workbook``); asked for text, it gets tsv. `width` (terminal columns)
  /// applies to `table` alone: see `renderText(width:)`.
  package func render(_ format: OutputFormat, width: TerminalWidth? = nil) -> String {
    switch format {
    case .table: return renderText(width: width)
    case .tsv, .xlsx: return renderTSV()
    case .csv: return renderCSV()
    case .markdown: return renderMarkdown()
    case .json: return jsonValue.render(pretty: true)
    case .html:
      var document = HTMLDocument(title: titleLines.first ?? "neocloud")
      document.table(self)
      return document.render()
    }
  }

  /// Aligned columns for a terminal: title lines, a header line, a rule line, then the rows,
  /// each titled group under its heading and separated by a blank line. Numbers align right,
  /// text left; widths count terminal columns, not bytes. Tabs and line breaks inside cells
  /// become spaces so that every row stays on one line.
  ///
  /// On a terminal (`width` given), text columns narrow, widest first, until the rows fit its
  /// width (or, when it does not say, until no text column is wider than
  /// `TerminalWidth.unknownCellLimit`), and a text cell wider than its column ends in `…`;
  /// numbers are never cut. Without one (files, pipes) nothing is truncated.
  package func renderText(width: TerminalWidth? = nil) -> String {
    var header = columns.map { singleLine($0.header) }
    var body = groups.map { group in group.rows.map { row in cells(of: row).map(singleLine) } }
    var widths = columnWidths(header: header, body: body)
    if let width {
      switch width {
      case .columns(let total): widths = fittedWidths(widths, header: header, into: total)
      case .unknown:
        widths = widths.enumerated().map { index, width in
          columns[index].kind == .text ? min(width, TerminalWidth.unknownCellLimit) : width
        }
      }
      header = header.enumerated().map { truncated($1, toWidth: widths[$0]) }
      body = body.map { rows in
        rows.map { row in row.enumerated().map { truncated($1, toWidth: widths[$0]) } }
      }
    }
    func line(_ texts: [String]) -> String {
      trimmingTrailingSpaces(padded(texts, widths: widths).joined(separator: "  "))
    }
    func titled(_ text: String) -> String {
      let line = singleLine(text)
      return width.map { truncated(line, toWidth: $0.lineLimit) } ?? line
    }
    var output = ""
    for title in titleLines { output += titled(title) + "\n" }
    output += line(header) + "\n"
    output += widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ") + "\n"
    for (groupIndex, group) in groups.enumerated() {
      if let title = group.title {
        if groupIndex > 0 { output += "\n" }
        output += titled(title) + "\n"
      }
      for row in body[groupIndex] { output += line(row) + "\n" }
    }
    return output
  }

  /// The display texts of a row, one per column (missing cells are empty, extra ones dropped).
  func cells(of row: [Cell]) -> [String] {
    cellValues(of: row).map(\.display)
  }

  func cellValues(of row: [Cell]) -> [Cell] {
    (0..<columns.count).map { $0 < row.count ? row[$0] : .empty }
  }
}

/// How wide a terminal is, for `table` output on it.
package enum TerminalWidth: Hashable, Sendable {
  /// The terminal says (or `COLUMNS` does): rows fit this many columns.
  case columns(Int)
  /// A terminal that does not say: no fitting, but no text cell is wider than
  /// `unknownCellLimit`, so one huge value cannot pad every row to its width.
  case unknown

  package static let unknownCellLimit = 80

  /// The columns a title or note line may take: the terminal's width, or 240 when it does not
  /// say (a STRESSED line naming every stress stays whole).
  var lineLimit: Int {
    switch self {
    case .columns(let total): max(8, total)
    case .unknown: 3 * Self.unknownCellLimit
    }
  }

  /// The columns a field value may take after a label of `labelWidth` columns.
  func valueLimit(afterLabel labelWidth: Int) -> Int {
    switch self {
    case .columns(let total): max(8, total - labelWidth - 2)
    case .unknown: Self.unknownCellLimit
    }
  }
}

/// `text` cut to `width` terminal columns, its last one `…`, when it is wider; else as it is.
func truncated(_ text: String, toWidth width: Int) -> String {
  guard displayWidth(text) > width else { return text }
  guard width > 0 else { return "" }
  var result = ""
  var used = 0
  for character in text {
    let characterWidth = displayWidth(String(character))
    if used + characterWidth > width - 1 { break }
    result.append(character)
    used += characterWidth
  }
  return result + "…"
}

/// Control characters (tab, CR, LF, …) become spaces.
func singleLine(_ text: String) -> String {
  guard text.unicodeScalars.contains(where: isControl) else { return text }
  var result = String.UnicodeScalarView()
  for scalar in text.unicodeScalars {
    result.append(isControl(scalar) ? " " : scalar)
  }
  return String(result)
}

private func isControl(_ scalar: Unicode.Scalar) -> Bool {
  scalar.value < 0x20 || (scalar.value >= 0x7F && scalar.value < 0xA0) || scalar.value == 0x2028
    || scalar.value == 0x2029
}

private func trimmingTrailingSpaces(_ text: String) -> String {
  var result = Substring(text)
  while result.last == " " { result = result.dropLast() }
  return String(result)
}

extension Table {
  /// Each column's width in terminal columns: the widest of its header and cells, at least
  /// `minimum`.
  func columnWidths(header: [String], body: [[[String]]], minimum: Int = 0) -> [Int] {
    var widths = header.map { max(minimum, displayWidth($0)) }
    for row in body.joined() {
      for (index, text) in row.enumerated() {
        widths[index] = max(widths[index], displayWidth(text))
      }
    }
    return widths
  }

  /// The column widths narrowed so that a row fits `total` terminal columns (two spaces between
  /// columns): the widest text column narrows first, down to 10 columns. Numbers are never cut,
  /// nor are provider ids (people type them into `show` and `explain`), so a table of many wide
  /// numbers may still overflow a narrow terminal.
  func fittedWidths(_ widths: [Int], header: [String], into total: Int) -> [Int] {
    var widths = widths
    let minimums = columns.indices.map { index in
      let column = columns[index]
      return column.kind == .text && column.key != "provider_id"
        ? min(widths[index], Self.narrowestTextColumn) : widths[index]
    }
    let separators = 2 * max(0, widths.count - 1)
    var excess = widths.reduce(separators, +) - total
    while excess > 0 {
      var widest: Int?
      for index in widths.indices where widths[index] > minimums[index] {
        if widest.map({ widths[index] > widths[$0] }) ?? true { widest = index }
      }
      guard let index = widest else { break }
      // Step down to the next widest text column at once, so a 65,000-column name costs one
      // step; columns of equal width then take turns, one column each.
      let next = widths.indices.filter { $0 != index && widths[$0] > minimums[$0] }.map { widths[$0] }.max() ?? 0
      let cut = max(1, min(excess, widths[index] - max(next, minimums[index])))
      widths[index] -= cut
      excess -= cut
    }
    return widths
  }

  /// How narrow fitting makes a text column: room for a grade, a month or a word and `…`.
  static let narrowestTextColumn = 10

  /// Each text padded to its column's width, on the side its column aligns away from.
  func padded(_ texts: [String], widths: [Int]) -> [String] {
    texts.enumerated().map { index, text in
      let padding = String(repeating: " ", count: max(0, widths[index] - displayWidth(text)))
      return columns[index].alignment == .right ? padding + text : text + padding
    }
  }
}
