import Domain
import Finance
import Scoring

/// How the figures are made.
extension HTMLReport {
  /// The freshness rule the scores were computed with (the same for every provider).
  var staleRule: FreshnessPolicy { rank.rows.first?.ranked.score.freshness ?? .standard }

  func methodNotes() -> String {
    var html = "<section class=\"notes\">\n<h2>How to read this</h2>\n<ul>\n"
    html += "<li><strong>Tiers</strong> (best first): platinum (overall ≥ 85, every pillar ≥ 70), gold (≥ 70, "
    html += "every pillar ≥ 50), silver (≥ 55), bronze (≥ 40), underperforming; unrated below 60 % "
    html += "rubric coverage. A failed required criterion caps the tier.</li>\n"
    html += "<li><strong>Stale</strong> counts the criteria whose evidence is old: assessments older than "
    html += "\(staleRule.assessmentMaxAgeMonths) months and uptime data older than \(staleRule.uptimeMaxAgeMonths) "
    html += "months. They keep their points but count at half weight in coverage.</li>\n"
    html += "<li><strong>Risk grades</strong> (worst first): critical, cash runs out within 12 months; "
    html += "high, DSCR12 below 1, cash runs out within the horizon, or a loan past maturity; elevated, a "
    html += "covenant or minimum-liquidity breach; else low.</li>\n"
    html += "<li>Amounts are US dollars, in millions where marked M; projections are monthly, an hour-month "
    html += "is \(plainDecimal(Assumptions.hoursPerMonth)) hours. Run <code>neocloud explain PROVIDER</code> "
    html += "for a score's evidence and <code>neocloud show PROVIDER</code> for the monthly projection.</li>\n"
    return html + "</ul>\n</section>\n"
  }
}
