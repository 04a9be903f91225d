import Domain

/// A report in rows and columns, rendered by `render(_:)` as table, tsv, csv, markdown or an
/// HTML fragment, and by `jsonValue` as an array of objects.
///
/// Rows may be split into titled groups (rank groups by tier); title lines come before the
/// table (`STRESSED: …`) in the human formats only: tsv and csv carry such facts in columns.
package struct Table: Hashable, Sendable {
  package var titleLines: [String]
  package var columns: [Column]
  package var groups: [RowGroup]

  package init(titleLines: [String] = [], columns: [Column], groups: [RowGroup]) {
    self.titleLines = titleLines
    self.columns = columns
    self.groups = groups
  }

  /// A table without group headings.
  package init(titleLines: [String] = [], columns: [Column], rows: [[Cell]]) {
    self.init(titleLines: titleLines, columns: columns, groups: [RowGroup(title: nil, rows: rows)])
  }

  /// Every row in order, across groups.
  package var rows: [[Cell]] { groups.flatMap(\.rows) }
}

/// A column: its header, how it aligns and what its cells hold.
package struct Column: Hashable, Sendable {
  package enum Alignment: Hashable, Sendable { case left, right }
  package enum Kind: Hashable, Sendable { case text, number, money }

  package var header: String
  package var kind: Kind
  package var alignment: Alignment
  /// The key in `Table.jsonValue`; by default the header in snake_case.
  package var key: String

  /// Numbers and money align right, text aligns left, unless `alignment` says otherwise.
  package init(_ header: String, kind: Kind = .text, alignment: Alignment? = nil, key: String? = nil) {
    self.header = header
    self.kind = kind
    self.alignment = alignment ?? (kind == .text ? .left : .right)
    self.key = key ?? snakeCase(header)
  }
}

/// Consecutive rows under an optional heading (`Platinum`, `Gold`, …).
package struct RowGroup: Hashable, Sendable {
  package var title: String?
  package var rows: [[Cell]]

  package init(title: String?, rows: [[Cell]]) {
    self.title = title
    self.rows = rows
  }
}

/// One cell: the text people read, the text machines read, and the raw value.
package struct Cell: Hashable, Sendable {
  package enum Value: Hashable, Sendable {
    case text(String)
    case number(Double)
    case empty
  }

  /// Shown in table, markdown and html (`1,234.50`, `12.5%`).
  package var display: String
  /// Written to tsv and csv (`1234.50`, `12.5`).
  package var plain: String
  /// Written to JSON; decides spreadsheet-formula neutralisation in csv (text only).
  package var value: Value

  package init(display: String, plain: String, value: Value) {
    self.display = display
    self.plain = plain
    self.value = value
  }

  /// An empty cell (an undefined metric).
  package static let empty = Cell(display: "", plain: "", value: .empty)

  /// Text as given, e.g. a provider name.
  package static func text(_ text: String?) -> Cell {
    guard let text else { return .empty }
    return Cell(display: text, plain: text, value: .text(text))
  }

  /// An integer such as a rank or a count.
  package static func integer(_ value: Int?) -> Cell {
    guard let value else { return .empty }
    return Cell(display: String(value), plain: String(value), value: .number(Double(value)))
  }

  /// A score or ratio: one decimal in every tabular format (§7: tables print one decimal);
  /// JSON gets the value rounded to 9 decimals.
  package static func oneDecimal(_ value: Double?) -> Cell {
    guard let value, value.isFinite else { return .empty }
    let text = formatOneDecimal(value)
    return Cell(display: text, plain: text, value: .number(roundedTo9(value)))
  }

  /// A number with `decimals` decimals, the same for people and machines.
  package static func number(_ value: Double?, decimals: Int) -> Cell {
    guard let value, value.isFinite else { return .empty }
    let text = formatFixed(value, decimals: decimals)
    return Cell(display: text, plain: text, value: .number(roundedTo9(value)))
  }

  /// Dollars: `1,234.50` for people, `1234.50` for machines, cents in JSON.
  package static func money(_ dollars: Double?) -> Cell {
    guard let dollars, dollars.isFinite else { return .empty }
    return Cell(
      display: formatMoney(dollars), plain: formatMoneyPlain(dollars),
      value: .number(roundedToCents(dollars)))
  }

  /// Exact cents: `1,234.50` for people, `1234.50` for machines.
  package static func money(_ money: Money?) -> Cell {
    guard let money else { return .empty }
    return Cell(
      display: formatMoney(money), plain: money.description, value: .number(money.dollars))
  }

  /// A percentage (already in percent): `12.5%` for people, `12.5` for machines.
  package static func percent(_ percent: Double?, decimals: Int = 1) -> Cell {
    guard let percent, percent.isFinite else { return .empty }
    return Cell(
      display: formatPercent(percent, decimals: decimals),
      plain: formatFixed(percent, decimals: decimals), value: .number(roundedTo9(percent)))
  }
}

/// `Coverage %` → `coverage`, `DSCR 12m` → `dscr_12m`, `Provider ID` → `provider_id`.
func snakeCase(_ header: String) -> String {
  var words: [String] = []
  var current = ""
  for character in header.lowercased() {
    if character.isLetter || character.isNumber {
      current.append(character)
    } else if !current.isEmpty {
      words.append(current)
      current = ""
    }
  }
  if !current.isEmpty { words.append(current) }
  return words.joined(separator: "_")
}

/// Terminal columns a string takes: one per grapheme, two for East Asian wide and
/// fullwidth characters and emoji, none for control characters.
package func displayWidth(_ text: String) -> Int {
  var width = 0
  for character in text {
    guard let scalar = character.unicodeScalars.first else { continue }
    let value = scalar.value
    if value < 0x20 || (value >= 0x7F && value < 0xA0) { continue }
    if isWide(value) || character.unicodeScalars.contains(where: { $0.value == 0xFE0F }) {
      width += 2
    } else {
      width += 1
    }
  }
  return width
}

private func isWide(_ value: UInt32) -> Bool {
  switch value {
  case 0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF,
    0xA000...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60,
    0xFFE0...0xFFE6, 0x1F300...0x1F64F, 0x1F680...0x1F6FF, 0x1F900...0x1F9FF, 0x1FA70...0x1FAFF,
    0x20000...0x2FFFD, 0x30000...0x3FFFD:
    return true
  default:
    return false
  }
}
