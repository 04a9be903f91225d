import Foundation

/// A parsed JSON document, kept exact enough to tell `true` from `1` and `1` from `1.5`.
package indirect enum JSONDocument: Decodable, Equatable, Sendable {
  case null
  case bool(Bool)
  case number(Double)
  case string(String)
  case array([JSONDocument])
  case object([String: JSONDocument])

  package init(from decoder: any Decoder) throws {
    let container = try decoder.singleValueContainer()
    if container.decodeNil() {
      self = .null
    } else if let value = try? container.decode(Bool.self) {
      self = .bool(value)
    } else if let value = try? container.decode(Double.self) {
      self = .number(value)
    } else if let value = try? container.decode(String.self) {
      self = .string(value)
    } else if let value = try? container.decode([JSONDocument].self) {
      self = .array(value)
    } else {
      self = .object(try container.decode([String: JSONDocument].self))
    }
  }

  /// Parses `text` as one JSON document.
  package static func parse(_ text: String) throws -> JSONDocument {
    try JSONDecoder().decode(JSONDocument.self, from: Data(text.utf8))
  }

  /// The JSON Schema type names this value has (`integer` is also a `number`).
  var typeNames: Set<String> {
    switch self {
    case .null: return ["null"]
    case .bool: return ["boolean"]
    case .number(let value): return value.rounded() == value ? ["number", "integer"] : ["number"]
    case .string: return ["string"]
    case .array: return ["array"]
    case .object: return ["object"]
    }
  }
}

/// The subset of JSON Schema (2020-12) that docs/schema uses: `type` (a name or a list, so
/// `["number", "null"]` is a nullable number), `enum`, `properties`, `required`,
/// `additionalProperties` (`false` or a schema for every other key), `items`, and `$ref` to
/// `#/$defs/NAME`. Anything else in a schema is an error, so that a schema never claims more
/// than is checked.
package struct JSONSchemaValidator {
  package let root: JSONDocument

  package init(schema: String) throws {
    root = try JSONDocument.parse(schema)
  }

  private static let keywords: Set<String> = [
    "$schema", "$defs", "$ref", "title", "description", "type", "enum", "properties", "required",
    "additionalProperties", "items",
  ]

  /// Every violation as `path: sentence`; empty when `document` conforms.
  package func violations(of document: JSONDocument) -> [String] {
    var found: [String] = []
    check(document, against: root, path: "$", found: &found)
    return found
  }

  private func check(_ value: JSONDocument, against schema: JSONDocument, path: String, found: inout [String]) {
    guard case .object(let rules) = schema else {
      found.append("\(path): the schema here is not an object")
      return
    }
    for key in rules.keys where !Self.keywords.contains(key) {
      found.append("\(path): unsupported schema keyword '\(key)'")
    }
    if case .string(let reference)? = rules["$ref"] {
      let prefix = "#/$defs/"
      guard reference.hasPrefix(prefix), case .object(let root) = root, case .object(let defs)? = root["$defs"],
        let target = defs[String(reference.dropFirst(prefix.count))]
      else {
        found.append("\(path): unresolved $ref '\(reference)'")
        return
      }
      check(value, against: target, path: path, found: &found)
    }
    if let type = rules["type"] {
      let allowed: [String]
      switch type {
      case .string(let name): allowed = [name]
      case .array(let names): allowed = names.compactMap { if case .string(let name) = $0 { name } else { nil } }
      default: allowed = []
      }
      if value.typeNames.isDisjoint(with: allowed) {
        found.append("\(path): \(describe(value)) is not of type \(allowed.joined(separator: " or "))")
        return
      }
    }
    if case .array(let allowed)? = rules["enum"], !allowed.contains(value) {
      found.append("\(path): \(describe(value)) is not one of the enum values")
    }
    if case .object(let members) = value {
      var properties: [String: JSONDocument] = [:]
      if case .object(let declared)? = rules["properties"] { properties = declared }
      if case .array(let required)? = rules["required"] {
        for case .string(let key) in required where members[key] == nil {
          found.append("\(path): required key '\(key)' is missing")
        }
      }
      for (key, member) in members.sorted(by: { $0.key < $1.key }) {
        if let property = properties[key] {
          check(member, against: property, path: path + "." + key, found: &found)
        } else if let additional = rules["additionalProperties"] {
          if additional == .bool(false) {
            found.append("\(path): key '\(key)' is not in the schema")
          } else if additional != .bool(true) {
            check(member, against: additional, path: path + "." + key, found: &found)
          }
        }
      }
    }
    if case .array(let elements) = value, let items = rules["items"] {
      for (index, element) in elements.enumerated() {
        check(element, against: items, path: "\(path)[\(index)]", found: &found)
      }
    }
  }

  private func describe(_ value: JSONDocument) -> String {
    switch value {
    case .null: return "null"
    case .bool(let flag): return String(flag)
    case .number(let number): return String(number)
    case .string(let text): return "\"\(text)\""
    case .array: return "an array"
    case .object: return "an object"
    }
  }
}
