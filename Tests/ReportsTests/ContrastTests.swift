import Domain
import Foundation
import Scoring
import Testing

@testable import Reports

/// WCAG 2.x AA: badge text against its badge background at least 4.5:1 (the badges are small
/// text), computed from the colours in the report's CSS.
@Suite struct ContrastTests {
  /// `selector → [property: value]` of every rule of the two style sheets (nested print rules
  /// included as they are).
  static let rules: [(selectors: [String], declarations: [String: String])] = {
    var rules: [(selectors: [String], declarations: [String: String])] = []
    for chunk in (htmlStyleSheet + "\n" + htmlReportStyleSheet).split(separator: "}") {
      let parts = chunk.split(separator: "{")
      guard let body = parts.last, parts.count >= 2 else { continue }
      let selectors = parts[parts.count - 2].split(separator: ",").map {
        $0.trimmingCharacters(in: .whitespacesAndNewlines)
      }
      var declarations: [String: String] = [:]
      for declaration in body.split(separator: ";") {
        let pair = declaration.split(separator: ":", maxSplits: 1)
        guard pair.count == 2 else { continue }
        declarations[pair[0].trimmingCharacters(in: .whitespacesAndNewlines)] =
          pair[1].trimmingCharacters(in: .whitespacesAndNewlines)
      }
      rules.append((selectors, declarations))
    }
    return rules
  }()

  /// `var(--bad)` resolved from `:root`.
  static func resolve(_ value: String) -> String {
    guard value.hasPrefix("var("), value.hasSuffix(")") else { return value }
    let name = String(value.dropFirst(4).dropLast())
    return rules.first { $0.selectors.contains(":root") }?.declarations[name] ?? value
  }

  /// The colour and background of the last plain rule for `selector` (print rules aside).
  static func colours(_ selector: String) -> (text: String, background: String)? {
    let matching = rules.filter { $0.selectors.contains(selector) && $0.declarations["color"] != nil }
    guard let rule = matching.first else { return nil }
    let background = rule.declarations["background"] ?? rule.declarations["background-color"] ?? "#fff"
    return (resolve(rule.declarations["color"] ?? ""), resolve(background))
  }

  static var badgeSelectors: [String] {
    RiskGrade.allCases.map { ".grade-\($0.rawValue)" } + Tier.allCases.map { ".tier-\($0.rawValue)" } + [
      ".grade-unknown", ".tier-unknown", ".flag", ".flag.serious",
    ]
  }

  @Test(arguments: badgeSelectors)
  func badgeTextMeetsAA(selector: String) throws {
    let colours = try #require(Self.colours(selector), "no colour rule for \(selector)")
    let ratio = try #require(contrastRatio(colours.text, colours.background), "unreadable colours \(colours)")
    #expect(ratio >= 4.5, "\(selector): \(colours.text) on \(colours.background) is \(ratio):1, below AA 4.5:1")
  }

  /// Provider links to their detail, on white and on a banded table row; the detail's summary
  /// when it is the target of a link.
  @Test func linksAndTheTargetedSummaryMeetAA() throws {
    let link = try #require(Self.colours("td.provider a"))
    let ink = Self.resolve("var(--ink)")
    for background in ["#fff", Self.resolve("var(--band)")] {
      let ratio = try #require(contrastRatio(link.text, background), "\(link.text) on \(background)")
      #expect(ratio >= 4.5, "\(link.text) on \(background) is \(ratio):1")
    }
    let target = try #require(
      Self.rules.first { $0.selectors.contains("details.provider-detail:target > summary") }?.declarations["background"]
    )
    #expect(try #require(contrastRatio(ink, target)) >= 4.5)
  }

  @Test func theRatioItselfIsRight() throws {
    #expect(try #require(contrastRatio("#000", "#fff")) == 21)
    #expect(abs(try #require(contrastRatio("#777", "#fff")) - 4.48) < 0.01)
    #expect(contrastRatio("red", "#fff") == nil)
  }
}

/// WCAG relative-luminance contrast of two `#rgb` / `#rrggbb` colours, nil for anything else.
func contrastRatio(_ first: String, _ second: String) -> Double? {
  guard let a = luminance(first), let b = luminance(second) else { return nil }
  return (max(a, b) + 0.05) / (min(a, b) + 0.05)
}

private func luminance(_ colour: String) -> Double? {
  guard colour.hasPrefix("#") else { return nil }
  var hex = String(colour.dropFirst())
  if hex.count == 3 { hex = hex.map { "\($0)\($0)" }.joined() }
  guard hex.count == 6, let value = UInt32(hex, radix: 16) else { return nil }
  func channel(_ shift: UInt32) -> Double {
    let c = Double((value >> shift) & 0xFF) / 255
    return c <= 0.03928 ? c / 12.92 : pow((c + 0.055) / 1.055, 2.4)
  }
  return 0.2126 * channel(16) + 0.7152 * channel(8) + 0.0722 * channel(0)
}
