import Domain

/// A JSON document written deterministically (DESIGN §5, §7): object keys sorted by their
/// UTF-8 bytes, `null` kept, numbers in shortest round-trip plain decimal form (no exponent,
/// `1.0` → `1`, never `-0`), `/` and non-ASCII left as they are, `"`, `\` and control
/// characters escaped as RFC 8259 requires.
///
/// Foundation's `JSONEncoder` drops nil keys, writes `-0` and escapes `/`, hence this type.
package indirect enum JSONValue: Hashable, Sendable {
  case null
  case bool(Bool)
  /// Non-finite numbers have no JSON form and are written as `null`.
  case number(Double)
  case integer(Int64)
  case string(String)
  case array([JSONValue])
  case object([String: JSONValue])

  /// Pretty output uses a 2-space indent, `"key": value` and ends with a newline; compact
  /// output has no whitespace at all and no final newline.
  package func render(pretty: Bool = true) -> String {
    var output = ""
    write(to: &output, pretty: pretty, indent: 0)
    if pretty { output += "\n" }
    return output
  }

  private func write(to output: inout String, pretty: Bool, indent: Int) {
    switch self {
    case .null: output += "null"
    case .bool(let value): output += value ? "true" : "false"
    case .number(let value): output += value.isFinite ? plainDecimal(value) : "null"
    case .integer(let value): output += String(value)
    case .string(let value): writeJSONString(value, to: &output)
    case .array(let elements):
      guard !elements.isEmpty else {
        output += "[]"
        return
      }
      output += "["
      for (index, element) in elements.enumerated() {
        if index > 0 { output += "," }
        if pretty { newline(&output, indent + 1) }
        element.write(to: &output, pretty: pretty, indent: indent + 1)
      }
      if pretty { newline(&output, indent) }
      output += "]"
    case .object(let members):
      guard !members.isEmpty else {
        output += "{}"
        return
      }
      output += "{"
      let keys = members.keys.sorted(by: byteOrderLess)
      for (index, key) in keys.enumerated() {
        if index > 0 { output += "," }
        if pretty { newline(&output, indent + 1) }
        writeJSONString(key, to: &output)
        output += pretty ? ": " : ":"
        members[key, default: .null].write(to: &output, pretty: pretty, indent: indent + 1)
      }
      if pretty { newline(&output, indent) }
      output += "}"
    }
  }

  private func newline(_ output: inout String, _ indent: Int) {
    output += "\n"
    output += String(repeating: "  ", count: indent)
  }
}

private func writeJSONString(_ text: String, to output: inout String) {
  output += "\""
  for scalar in text.unicodeScalars {
    switch scalar {
    case "\"": output += "\\\""
    case "\\": output += "\\\\"
    case "\n": output += "\\n"
    case "\r": output += "\\r"
    case "\t": output += "\\t"
    case "\u{08}": output += "\\b"
    case "\u{0C}": output += "\\f"
    default:
      if scalar.value < 0x20 {
        let hex = String(scalar.value, radix: 16)
        output += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
      } else {
        output.unicodeScalars.append(scalar)
      }
    }
  }
  output += "\""
}

extension JSONValue {
  /// A number, or `null` when undefined.
  package init(_ value: Double?) {
    guard let value else {
      self = .null
      return
    }
    self = .number(value)
  }

  /// An integer, or `null` when undefined.
  package init(_ value: Int?) {
    guard let value else {
      self = .null
      return
    }
    self = .integer(Int64(value))
  }

  /// A string, or `null` when undefined.
  package init(_ value: String?) {
    guard let value else {
      self = .null
      return
    }
    self = .string(value)
  }

  /// Dollars rounded to cents, half away from zero (§7), or `null`.
  package static func dollars(_ value: Double?) -> JSONValue {
    guard let value, value.isFinite else { return .null }
    return .number(roundedToCents(value))
  }

  /// Exact cents as dollars, or `null`.
  package static func dollars(_ money: Money?) -> JSONValue {
    guard let money else { return .null }
    return .number(money.dollars)
  }

  /// A derived metric rounded to 9 decimals (§7), or `null`.
  package static func metric(_ value: Double?) -> JSONValue {
    guard let value, value.isFinite else { return .null }
    return .number(roundedTo9(value))
  }
}

extension JSONValue: ExpressibleByNilLiteral, ExpressibleByBooleanLiteral,
  ExpressibleByIntegerLiteral, ExpressibleByFloatLiteral, ExpressibleByStringLiteral,
  ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral
{
  package init(nilLiteral: ()) { self = .null }
  package init(booleanLiteral value: Bool) { self = .bool(value) }
  package init(integerLiteral value: Int64) { self = .integer(value) }
  package init(floatLiteral value: Double) { self = .number(value) }
  package init(stringLiteral value: String) { self = .string(value) }
  package init(arrayLiteral elements: JSONValue...) { self = .array(elements) }
  /// A repeated key keeps its last value.
  package init(dictionaryLiteral elements: (String, JSONValue)...) {
    self = .object(Dictionary(elements, uniquingKeysWith: { _, last in last }))
  }
}

extension Table {
  /// The rows as an array of objects keyed by `Column.key`: numbers as numbers, text as
  /// strings, empty cells as `null`. Groups and title lines are not part of it.
  package var jsonValue: JSONValue {
    .array(rows.map { .object(jsonMembers(columns: columns, cells: cellValues(of: $0))) })
  }
}

/// One row as JSON members keyed by `Column.key` (the tsv and csv headers): numbers as numbers,
/// text as strings, empty cells as `null`. A report builds its JSON objects from the same
/// columns as its machine table, so that the two never name a field differently.
func jsonMembers(columns: [Column], cells: [Cell]) -> [String: JSONValue] {
  var object: [String: JSONValue] = [:]
  for (column, cell) in zip(columns, cells) {
    switch cell.value {
    case .text(let text): object[column.key] = .string(text)
    case .number(let number): object[column.key] = .number(number)
    case .empty: object[column.key] = .null
    }
  }
  return object
}
