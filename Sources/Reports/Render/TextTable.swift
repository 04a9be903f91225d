extension Table {
  /// Writes the table in `format`; every line ends with `\n`.
  ///
  /// `json` is `jsonValue` pretty-printed, `html` a self-contained page holding the table.
  /// `xlsx` is binary (``Workbook``); asked for text, it gets tsv.
  package func render(_ format: OutputFormat) -> String {
    switch format {
    case .table: return renderText()
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

  /// Aligned columns for a terminal, never truncated: title lines, a header line, a rule line,
  /// then the rows, each titled group under its heading and separated by a blank line.
  /// Numbers align right, text left; widths count terminal columns, not bytes. Tabs and line
  /// breaks inside cells become spaces so that every row stays on one line.
  package func renderText() -> String {
    let header = columns.map { singleLine($0.header) }
    let body = groups.map { group in group.rows.map { row in cells(of: row).map(singleLine) } }
    let widths = columnWidths(header: header, body: body)
    func line(_ texts: [String]) -> String {
      trimmingTrailingSpaces(padded(texts, widths: widths).joined(separator: "  "))
    }
    var output = ""
    for title in titleLines { output += singleLine(title) + "\n" }
    output += line(header) + "\n"
    output += widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ") + "\n"
    for (groupIndex, group) in groups.enumerated() {
      if let title = group.title {
        if groupIndex > 0 { output += "\n" }
        output += singleLine(title) + "\n"
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

  /// Each text padded to its column's width, on the side its column aligns away from.
  func padded(_ texts: [String], widths: [Int]) -> [String] {
    texts.enumerated().map { index, text in
      let padding = String(repeating: " ", count: widths[index] - displayWidth(text))
      return columns[index].alignment == .right ? padding + text : text + padding
    }
  }
}
