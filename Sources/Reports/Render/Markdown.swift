extension Table {
  /// A GitHub-flavoured pipe table: title lines as paragraphs, each titled group as a
  /// `### Title` heading over its own table (a heading cannot interrupt a pipe table), cells
  /// padded so the source lines up, `---:` under numbers and `:---` under text. Pipes,
  /// backslashes and inline markup characters are escaped; line breaks become `<br>`.
  package func renderMarkdown() -> String {
    let header = columns.map { markdownEscape($0.header) }
    let body = groups.map { group in group.rows.map { row in cells(of: row).map(markdownEscape) } }
    let widths = columnWidths(header: header, body: body, minimum: 3)
    func line(_ texts: [String]) -> String {
      "| " + padded(texts, widths: widths).joined(separator: " | ") + " |"
    }
    let rule =
      "| "
      + columns.enumerated().map { index, column in
        let dashes = String(repeating: "-", count: widths[index] - 1)
        return column.alignment == .right ? dashes + ":" : ":" + dashes
      }.joined(separator: " | ") + " |"

    var blocks: [String] = titleLines.map(markdownEscape)
    var table: [String] = []
    func flush() {
      if table.isEmpty { return }
      blocks.append(([line(header), rule] + table).joined(separator: "\n"))
      table = []
    }
    for (groupIndex, group) in groups.enumerated() {
      if let title = group.title {
        flush()
        blocks.append("### " + markdownEscape(title))
      }
      table += body[groupIndex].map(line)
      if group.title != nil { flush() }
    }
    flush()
    if !blocks.contains(where: { $0.hasPrefix("| ") }) {
      blocks.append([line(header), rule].joined(separator: "\n"))
    }
    return blocks.joined(separator: "\n\n") + "\n"
  }
}

/// Escapes what would end a table cell or turn text into markup.
func markdownEscape(_ text: String) -> String {
  var result = ""
  var previousWasCR = false
  for scalar in text.unicodeScalars {
    defer { previousWasCR = scalar == "\r" }
    switch scalar {
    case "\\", "|", "`", "*", "_", "[", "]", "<", ">":
      result.append("\\")
      result.unicodeScalars.append(scalar)
    case "\r": result += "<br>"
    case "\n": if !previousWasCR { result += "<br>" }
    case "\t": result += " "
    default:
      if scalar.value < 0x20 || scalar.value == 0x7F {
        result += " "
      } else {
        result.unicodeScalars.append(scalar)
      }
    }
  }
  return result
}
