import Domain
import Finance
import Scoring

/// How the figures are made, and every term defined from the glossary.
extension HTMLReport {
  /// The freshness rule the scores were computed with (the same for every provider).
  var staleRule: FreshnessPolicy { rank.rows.first?.ranked.score.freshness ?? .standard }

  func methodNotes() -> String {
    var html = "<section class=\"notes\">\n<h2>How to read this</h2>\n<ul>\n"
    html += "<li><strong>Stale</strong> counts the criteria whose evidence is old: assessments older than "
    html += "\(staleRule.assessmentMaxAgeMonths) months and uptime data older than \(staleRule.uptimeMaxAgeMonths) "
    html += "months. They keep their points but count at half weight in coverage.</li>\n"
    html += "<li>Amounts are US dollars, in millions where marked M; projections are monthly, an hour-month "
    html += "is \(plainDecimal(Assumptions.hoursPerMonth)) hours. Run <code>neocloud explain PROVIDER</code> "
    html += "for a score's evidence, <code>neocloud show PROVIDER</code> for the monthly projection and "
    html += "<code>neocloud glossary</code> for these definitions in a terminal.</li>\n</ul>\n"
    return html + definitions() + "</section>\n"
  }

  /// Every grade, tier, figure, flag and stress option, from the same text as
  /// `neocloud glossary` (``Glossary``).
  func definitions() -> String {
    var html = "<h3 id=\"definitions\">Definitions</h3>\n"
    let headings: [(GlossaryEntry.Kind, String)] = [
      (.grade, "Risk grades (worst first)"), (.tier, "Tiers (best first)"), (.figure, "Figures"),
      (.flag, "Flags"), (.option, "Stress options"),
    ]
    for (kind, heading) in headings {
      let entries = Glossary.entries.filter { $0.kind == kind }
      guard !entries.isEmpty else { continue }
      html += "<h4>\(htmlEscape(heading))</h4>\n<dl class=\"glossary\">\n"
      for entry in entries {
        let term: String
        switch kind {
        case .grade: term = gradeBadge(entry.term)
        case .tier: term = tierBadge(entry.term)
        case .flag: term = RiskFlag(rawValue: entry.term).map(flagChip) ?? htmlEscape(entry.term)
        case .figure, .option: term = "<strong>\(htmlEscape(entry.term))</strong>"
        }
        html += "<div><dt>\(term)</dt><dd>\(htmlEscape(entry.definition))</dd></div>\n"
      }
      html += "</dl>\n"
    }
    return html
  }
}
