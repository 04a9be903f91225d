import Domain
import Finance
import Scoring

/// The tier table, as `rank`.
extension HTMLReport {
  func tierSection() -> String {
    var html = "<section class=\"tiers\">\n<h2>Tiers</h2>\n"
    html += "<p class=\"muted\">ClusterMAX-style tiers from rubric \(htmlEscape(rank.rubricVersion)): "
    html += "rank, overall score and each pillar (0–100), and how much of the rubric has evidence. "
    if rank.hasBaseline {
      html += rank.baselineRunID.map { "Change is since recompute run \($0)." } ?? "Change is since a recompute run."
    } else {
      html += "No recompute run yet to compare with."
    }
    html += "</p>\n"
    guard !rank.rows.isEmpty else {
      return html + "<p class=\"muted\">No providers to rank.</p>\n</section>\n"
    }
    html += "<div class=\"scroll\">\n<table class=\"tiers\">\n<thead>\n"
    html += "<tr><th class=\"num\">Rank</th><th>Provider</th><th>Tier</th>"
    html += "<th class=\"num\">Overall</th>"
    for pillar in rank.pillars { html += "<th class=\"num\">\(htmlEscape(titleCase(pillar)))</th>" }
    html += "<th class=\"num\">Coverage</th><th class=\"num\">Stale</th>"
    if rank.hasBaseline { html += "<th>Change</th>" }
    html += "</tr>\n</thead>\n<tbody>\n"
    var previousTier: Tier?
    for row in rank.rows {
      let score = row.ranked.score
      // A rule between tiers instead of a heading row: the badge names the tier.
      let startsTier = previousTier != nil && previousTier != score.tier
      previousTier = score.tier
      html += "<tr\(startsTier ? " class=\"tier-start\"" : "") data-provider=\"\(htmlEscape(score.providerID))\">"
      html += "<td class=\"num\">\(row.ranked.rank)</td>"
      html += providerCell(id: score.providerID, name: score.name)
      html += "<td>\(tierBadge(score.tier.rawValue))</td>"
      html += "<td class=\"num strong\">\(formatOneDecimal(score.score))</td>"
      for pillar in rank.pillars {
        let value = score.pillar(pillar)?.score
        html += "<td class=\"num\">\(value.map(formatOneDecimal) ?? "")</td>"
      }
      let lowCoverage = score.coveragePct < TierRule.minimumCoveragePct
      html += "<td class=\"num\(lowCoverage ? " neg" : "")\">\(formatPercent(score.coveragePct))</td>"
      html += staleCell(score)
      if rank.hasBaseline { html += "<td>\(htmlEscape(changeText(row)))</td>" }
      html += "</tr>\n"
    }
    return html + "</tbody>\n</table>\n</div>\n</section>\n"
  }

  /// How many criteria rest on stale evidence, with their ids on hover.
  func staleCell(_ score: ProviderScore) -> String {
    let stale = score.criteria.filter(\.isStale).map(\.criterion.id)
    guard !stale.isEmpty else { return "<td class=\"num muted\">0</td>" }
    let title = "stale: " + stale.joined(separator: ", ")
    return "<td class=\"num neg\" title=\"\(htmlEscape(title))\">\(stale.count)</td>"
  }

  func changeText(_ row: RankReport.Row) -> String {
    guard let change = row.change else { return "new" }
    let tier = row.ranked.score.tier.rawValue
    var parts: [String] = []
    if change.previousTier != tier { parts.append("\(change.previousTier) → \(tier)") }
    if let delta = change.scoreDelta {
      let text = formatOneDecimal(delta)
      if text != "0.0" { parts.append(delta > 0 ? "+" + text : text) }
    }
    return parts.isEmpty ? "unchanged" : parts.joined(separator: ", ")
  }
}
