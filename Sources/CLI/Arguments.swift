import ArgumentParser
import Engine

// The option value types, parsed once by ArgumentParser. Each option that takes one is declared
// with `transform: T.parser(...)` so that a bad value gets a sentence with "did you mean" where
// one is close, and its help line lists the values with `T.values(...)`.

extension OutputFormat: ExpressibleByArgument {
  package init?(argument: String) {
    guard let format = try? OutputFormat.parse(argument) else { return nil }
    self = format
  }

  /// `html` belongs to `report` alone.
  package static var allValueStrings: [String] { commandLineFormats.map(\.rawValue) }
}

extension Segment: ExpressibleByArgument {}
extension Kind: ExpressibleByArgument {}
extension RiskGrade: ExpressibleByArgument {}
extension ShowSection: ExpressibleByArgument {}
extension ExplainSection: ExpressibleByArgument {}

extension Day: ExpressibleByArgument {
  package init?(argument: String) { self.init(argument) }
}

/// A value an option refused; ArgumentParser prints it after "The value 'X' is invalid for
/// '--option <name>': ".
struct InvalidValue: Error, CustomStringConvertible {
  let description: String
}

extension ExpressibleByArgument {
  /// Parses a value as `init(argument:)` does, restricted to `allowed` (default: every value);
  /// a refused value throws "not a NOUN (did you mean 'X'?); use one of …".
  static func parser(_ noun: String, allowed: [String] = allValueStrings) -> @Sendable (String) throws -> Self {
    { text in
      if allowed.contains(text) || allowed.contains(text.lowercased()), let value = Self(argument: text) {
        return value
      }
      let hint = closestName(text, among: allowed).map { " (did you mean '\($0)'?)" } ?? ""
      throw InvalidValue(description: "not \(noun)\(hint); use one of \(allowed.joined(separator: ", ")).")
    }
  }

  /// `values: a, b, c` for a help line.
  static func values(_ allowed: [String] = allValueStrings) -> String {
    "values: " + allowed.joined(separator: ", ")
  }
}

/// Parses `--as-of` and the like: a calendar date that exists.
@Sendable func parseDay(_ text: String) throws -> Day {
  guard let day = Day(argument: text) else {
    throw InvalidValue(description: "not a date that exists; use YYYY-MM-DD, e.g. 2026-11-23.")
  }
  return day
}
