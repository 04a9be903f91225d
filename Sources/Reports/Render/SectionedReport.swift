// Reports of several sections (show, explain): one model, rendered for people and machines.

import Domain

/// One titled part of a report made of several tables.
///
/// People (table, markdown, html) read each section under its heading: `rows` as a table, `fields`
/// (a one-row table) as label/value lines. Machines (tsv, csv) read one section at a time, its
/// `table` as it is, a rectangular table keyed as JSON (`show --section`, `explain --section`).
struct ReportSection: Sendable {
  enum Layout: Sendable { case rows, fields }

  /// The section's name, as `--section` takes it: `profile`, `months`, ….
  var name: String
  /// The heading people read.
  var title: String
  var table: Table
  var layout: Layout = .rows
  /// Lines people read under the heading, before the table.
  var notes: [String] = []
  /// What people read instead of a table without rows.
  var emptyNote: String = "none"
}

/// Title lines, then sections.
struct SectionedReport: Sendable {
  var titleLines: [String]
  var sections: [ReportSection]

  /// `width`: the terminal's width for `table` (nil: never truncated).
  func render(_ format: OutputFormat, width: TerminalWidth? = nil) -> String {
    switch format {
    case .table: return renderText(width: width)
    case .markdown: return renderMarkdown()
    case .tsv, .xlsx: return renderMachine { $0.renderTSV() }
    case .html: return renderHTML()
    case .csv, .json: return renderMachine { $0.renderCSV() }
    }
  }

  /// A self-contained page: title lines as paragraphs, each section under an `h2`.
  func renderHTML() -> String {
    var document = HTMLDocument(title: titleLines.last ?? "neocloud")
    for line in titleLines { document.paragraph(line) }
    for section in sections {
      document.heading(section.title)
      for note in section.notes { document.paragraph(note) }
      if isEmpty(section) {
        document.paragraph(section.emptyNote)
      } else if section.layout == .fields {
        document.table(fieldsTable(section.table))
      } else {
        document.table(section.table)
      }
    }
    return document.render()
  }

  private func isEmpty(_ section: ReportSection) -> Bool {
    section.table.rows.isEmpty && !section.table.groups.contains { $0.title != nil }
  }

  private func fieldsTable(_ table: Table) -> Table {
    Table(columns: [Column("Field"), Column("Value")], rows: fieldPairs(table).map { [.text($0.0), .text($0.1)] })
  }

  func renderText(width: TerminalWidth? = nil) -> String {
    func line(_ text: String) -> String {
      let line = singleLine(text)
      return width.map { truncated(line, toWidth: $0.lineLimit) } ?? line
    }
    var output = titleLines.map { line($0) + "\n" }.joined()
    for section in sections {
      let title = line(section.title)
      output += "\n" + title + "\n" + String(repeating: "=", count: displayWidth(title)) + "\n"
      for note in section.notes { output += line(note) + "\n" }
      if isEmpty(section) {
        output += section.emptyNote + "\n"
      } else if section.layout == .fields {
        output += fieldLines(section.table, width: width)
      } else {
        output += section.table.renderText(width: width)
      }
    }
    return output
  }

  /// `Label   value` lines, labels padded to the widest; with a terminal `width`, a value
  /// that would pass it ends in `…`.
  private func fieldLines(_ table: Table, width total: TerminalWidth?) -> String {
    let pairs = fieldPairs(table).map { (singleLine($0.0), singleLine($0.1)) }
    let width = pairs.map { displayWidth($0.0) }.max() ?? 0
    return pairs.map { label, value in
      let shown = total.map { truncated(value, toWidth: $0.valueLimit(afterLabel: width)) } ?? value
      return label + String(repeating: " ", count: width - displayWidth(label)) + "  " + shown + "\n"
    }.joined()
  }

  func renderMarkdown() -> String {
    var blocks = titleLines.map(markdownEscape)
    for section in sections {
      blocks.append("## " + markdownEscape(section.title))
      blocks += section.notes.map(markdownEscape)
      if isEmpty(section) {
        blocks.append(markdownEscape(section.emptyNote))
        continue
      }
      let table = section.layout == .fields ? fieldsTable(section.table) : section.table
      var text = table.renderMarkdown()
      while text.hasSuffix("\n") { text.removeLast() }
      blocks.append(text)
    }
    return blocks.joined(separator: "\n\n") + "\n"
  }

  /// Each section as a block whose first column holds the section's name, in the header line
  /// too (so `grep '^months'` cuts out one block, header and all); blocks separated by a blank
  /// line.
  func renderMachine(_ render: (Table) -> String) -> String {
    sections.map { section in
      render(
        Table(
          columns: [Column(section.name, key: "section")] + section.table.columns,
          rows: section.table.rows.map { [.text(section.name)] + $0 }))
    }.joined(separator: "\n")
  }

  /// (header, display) of a one-row table's cells; an empty cell reads `n/a`.
  private func fieldPairs(_ table: Table) -> [(String, String)] {
    guard let row = table.rows.first else { return [] }
    return zip(table.columns, table.cellValues(of: row)).map { column, cell in
      (column.header, cell.display.isEmpty ? "n/a" : cell.display)
    }
  }
}

extension OutputFormat {
  /// table and markdown are read by people; tsv, csv and json by programs.
  var isForPeople: Bool { self == .table || self == .markdown || self == .html }
}

extension Cell {
  /// An undefined value that people read as `note` and machines as empty.
  static func note(_ text: String) -> Cell {
    Cell(display: text, plain: "", value: .empty)
  }

  /// A number as given, in shortest plain decimal form (`0.055`, `1.2`, `48`).
  static func decimal(_ value: Double?) -> Cell {
    guard let value, value.isFinite else { return .empty }
    let text = plainDecimal(value)
    return Cell(display: text, plain: text, value: .number(value))
  }
}

/// A report of named sections (`show`, `explain`): JSON whole, tsv and csv one rectangular
/// section (issue 14), the other formats every section as people read it.
protocol SectionedDocument {
  associatedtype Section: RawRepresentable where Section.RawValue == String
  var json: JSONValue { get }
  var titleLines: [String] { get }
  func sections(forPeople: Bool) -> [ReportSection]
}

extension SectionedDocument {
  /// `section`: the one table tsv and csv write; `width`: the terminal's width for `table` (nil:
  /// never truncated).
  func renderSections(_ format: OutputFormat, section: Section, width: TerminalWidth?) -> String {
    switch format {
    case .json: return json.render()
    case .tsv: return machineTable(section).renderTSV()
    case .csv: return machineTable(section).renderCSV()
    case .table, .markdown, .html, .xlsx:
      return SectionedReport(titleLines: titleLines, sections: sections(forPeople: true)).render(format, width: width)
    }
  }

  /// One section as machines read it: one row per record, columns keyed as in JSON.
  func machineTable(_ section: Section) -> Table {
    sections(forPeople: false).first { $0.name == section.rawValue }?.table ?? Table(columns: [], rows: [])
  }
}
