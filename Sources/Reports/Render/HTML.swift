/// Escapes text for HTML content and attribute values (`&`, `<`, `>`, `"`, `'`).
package func htmlEscape(_ text: String) -> String {
  var result = ""
  result.reserveCapacity(text.utf8.count)
  for scalar in text.unicodeScalars {
    switch scalar {
    case "&": result += "&amp;"
    case "<": result += "&lt;"
    case ">": result += "&gt;"
    case "\"": result += "&quot;"
    case "'": result += "&#39;"
    default: result.unicodeScalars.append(scalar)
    }
  }
  return result
}

/// One self-contained HTML page: inline CSS, inline SVG, no scripts and no external assets
/// (a Content-Security-Policy forbids loading any), readable on screen and on paper.
package struct HTMLDocument: Sendable {
  package var title: String
  /// CSS appended to the shared style sheet (a report's own classes).
  package var extraStyleSheet = ""
  private var body: [String] = []

  package init(title: String) {
    self.title = title
  }

  /// A section heading (`level` 2…4; the page title is the only `h1`).
  package mutating func heading(_ text: String, level: Int = 2) {
    let tag = "h\(min(max(level, 2), 4))"
    body.append("<\(tag)>\(htmlEscape(text))</\(tag)>")
  }

  /// A paragraph of plain text.
  package mutating func paragraph(_ text: String, className: String? = nil) {
    let attribute = className.map { " class=\"\(htmlEscape($0))\"" } ?? ""
    body.append("<p\(attribute)>\(htmlEscape(text))</p>")
  }

  /// A table (see `Table.renderHTML()`).
  package mutating func table(_ table: Table) {
    body.append(table.renderHTML())
  }

  /// A chart: `svg` is the output of `SVGLineChart.render()` or `SVGBarChart.render()`.
  package mutating func figure(svg: String, caption: String? = nil) {
    var html = "<figure>\n" + svg
    if let caption { html += "<figcaption>\(htmlEscape(caption))</figcaption>\n" }
    body.append(html + "</figure>")
  }

  /// Markup written as given; the caller escapes what it holds.
  package mutating func raw(_ html: String) {
    body.append(html)
  }

  /// The whole page, ending with a newline.
  package func render() -> String {
    var page = ""
    render(blocks: body) { page += $0 }
    return page
  }

  /// Writes the page piece by piece to `sink`: the head, then each of `blocks` as it is made (a
  /// block not ending in a newline gets one), then the end; the same bytes as `render()` with
  /// those blocks, without the whole page in memory at once.
  package func render<Blocks: Sequence<String>>(
    blocks: Blocks, to sink: (String) throws -> Void
  ) rethrows {
    try sink(head())
    for block in blocks { try sink(block.hasSuffix("\n") ? block : block + "\n") }
    try sink("</main>\n</body>\n</html>\n")
  }

  /// The page's end, after the last block.
  package static let end = "</main>\n</body>\n</html>\n"

  /// The page up to its first block (for a page whose blocks are themselves streamed).
  package func head() -> String {
    """
    <!DOCTYPE html>
    <html lang="en">
    <head>
    <meta charset="utf-8">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'">
    <title>\(htmlEscape(title))</title>
    <style>
    \(htmlStyleSheet)\(extraStyleSheet.isEmpty ? "" : "\n" + extraStyleSheet)
    </style>
    </head>
    <body>
    <main>
    <h1>\(htmlEscape(title))</h1>

    """
  }
}

let htmlStyleSheet = """
  :root { color-scheme: light; --ink: #1d2330; --muted: #5b6475; --rule: #d9dee7; --band: #f5f7fa; --bad: #b42318; }
  * { box-sizing: border-box; }
  body { margin: 0; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--ink); background: #fff; }
  main { max-width: 1100px; margin: 0 auto; padding: 24px 32px 48px; }
  h1 { font-size: 24px; margin: 0 0 8px; }
  h2 { font-size: 18px; margin: 32px 0 8px; padding-bottom: 4px; border-bottom: 2px solid var(--ink); }
  h3, h4 { font-size: 15px; margin: 20px 0 6px; }
  p { margin: 6px 0; }
  p.note { color: var(--bad); font-weight: 600; }
  p.muted { color: var(--muted); }
  table { border-collapse: collapse; width: 100%; margin: 8px 0 16px; font-variant-numeric: tabular-nums; }
  th, td { padding: 4px 8px; border-bottom: 1px solid var(--rule); text-align: left; vertical-align: top; }
  thead th { border-bottom: 2px solid var(--ink); white-space: nowrap; }
  tbody tr:nth-child(even) td { background: var(--band); }
  tr.group th { background: #fff; padding-top: 12px; font-size: 15px; border-bottom: 1px solid var(--ink); }
  .num { text-align: right; white-space: nowrap; }
  .neg { color: var(--bad); }
  figure { margin: 16px 0; }
  figcaption { color: var(--muted); font-size: 12px; }
  svg { max-width: 100%; height: auto; }
  /* Wide tables scroll sideways inside their own box; the page itself never does. */
  .scroll { overflow-x: auto; max-width: 100%; margin: 8px 0 16px; }
  .scroll > table { margin: 0; }
  main { overflow-wrap: break-word; }
  @media (max-width: 600px) {
    main { padding: 12px 12px 32px; }
    h1 { font-size: 20px; }
  }
  @media print {
    body { font-size: 10pt; }
    main { max-width: none; padding: 0; }
    h2 { break-after: avoid; }
    table, figure { break-inside: avoid; }
    tbody tr:nth-child(even) td { background: none; }
  }
  """

extension Table {
  /// A `<table>` element: title lines as notes above it, a `<thead>`, and one `<tbody>` per
  /// group with its heading row. Numeric columns align right; negative numbers are marked.
  package func renderHTML() -> String {
    var html = ""
    for title in titleLines { html += "<p class=\"note\">\(htmlEscape(title))</p>\n" }
    html += "<div class=\"scroll\">\n<table>\n<thead>\n<tr>"
    for column in columns {
      html += column.alignment == .right ? "<th class=\"num\">" : "<th>"
      html += htmlEscape(column.header) + "</th>"
    }
    html += "</tr>\n</thead>\n"
    for group in groups {
      html += "<tbody>\n"
      if let title = group.title {
        html += "<tr class=\"group\"><th colspan=\"\(max(columns.count, 1))\">"
        html += htmlEscape(title) + "</th></tr>\n"
      }
      for row in group.rows {
        html += "<tr>"
        for (column, cell) in zip(columns, cellValues(of: row)) {
          var classes: [String] = []
          if column.alignment == .right { classes.append("num") }
          if case .number(let number) = cell.value, number < 0 { classes.append("neg") }
          html += classes.isEmpty ? "<td>" : "<td class=\"\(classes.joined(separator: " "))\">"
          html += htmlEscape(cell.display) + "</td>"
        }
        html += "</tr>\n"
      }
      html += "</tbody>\n"
    }
    return html + "</table>\n</div>\n"
  }
}
