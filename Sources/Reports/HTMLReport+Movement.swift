import Domain
import Finance
import Scoring

/// Tier and grade movement over the last runs.
extension HTMLReport {
  /// How many stored runs the movement table shows.
  package static let movementRuns = 5

  func movementSection() -> String {
    var html = "<section class=\"movement\">\n<h2>Tier and grade movement</h2>\n"
    guard !history.runs.isEmpty else {
      html += "<p class=\"muted\">No recompute runs yet: movement appears after the first "
      html += "<code>neocloud recompute</code>.</p>\n"
      return html + "</section>\n"
    }
    let runs = Array(history.runs.suffix(HTMLReport.movementRuns))
    let skipped = history.runs.count - runs.count
    html += "<p class=\"muted\">Tier and risk grade in the last \(runs.count) recompute run"
    html += runs.count == 1 ? "" : "s"
    html += ", oldest first, and now (this report"
    html += risk.assumptions.isStressed ? ", under the stressed assumptions" : ""
    html += "). A cell marked on the left differs from the one before it; under each provider, "
    html += "what moved since the first run shown.</p>\n"
    html += "<div class=\"scroll\">\n<table class=\"movement\">\n<thead>\n<tr><th>Provider</th>"
    for run in runs {
      html += "<th>Run #\(run.runID)<br><span class=\"sub\">as of \(htmlEscape(run.asOf))</span></th>"
    }
    html += "<th class=\"now\">Now<br><span class=\"sub\">as of \(htmlEscape(rank.asOf.description))</span></th>"
    html += "</tr>\n</thead>\n<tbody>\n"

    var current: [String: RunHistory.Point] = [:]
    var names: [String: String] = [:]
    let grades = Dictionary(risk.results.map { ($0.providerID, $0) }, uniquingKeysWith: { a, _ in a })
    for row in rank.rows {
      let score = row.ranked.score
      names[score.providerID] = score.name
      let result = grades[score.providerID]
      current[score.providerID] = RunHistory.Point(
        tier: score.tier.rawValue, grade: result?.grade.rawValue ?? "", score: score.score,
        dscr12m: result?.dscr12m)
    }
    let lines = Dictionary(history.lines.map { ($0.providerID, $0) }, uniquingKeysWith: { a, _ in a })
    // Providers in rank order, then those only in past runs, by id.
    var order = rank.rows.map(\.ranked.score.providerID)
    order += history.lines.map(\.providerID).filter { current[$0] == nil }.sorted(by: byteOrderLess)
    for id in order {
      // Exactly one point per run, whatever the caller built.
      let given = lines[id]?.points ?? []
      let past = history.runs.indices.map { $0 < given.count ? given[$0] : nil }
      let all = past + [current[id]]
      let name = names[id] ?? lines[id]?.name ?? id
      let summary = movementSummary(Array(all[skipped...]), runs: runs)
      // Linked to its detail like the tier, risk and watch rows; a provider only in past runs has none.
      let shown =
        details == nil || current[id] == nil
        ? htmlEscape(name) : "<a href=\"#\(detailAnchor(id))\">\(htmlEscape(name))</a>"
      html += "<tr data-provider=\"\(htmlEscape(id))\"><td class=\"provider\">\(shown)"
      html += " <span class=\"id\">\(htmlEscape(id))</span><br>"
      html += "<span class=\"summary\(summary == "steady" ? " muted" : "")\">\(htmlEscape(summary))</span></td>"
      for index in skipped..<all.count {
        let moved = index > 0 && !samePlace(all[index - 1], all[index])
        html += movementCell(all[index], moved: moved, now: index == all.count - 1)
      }
      html += "</tr>\n"
    }
    return html + "</tbody>\n</table>\n</div>\n</section>\n"
  }

  private func samePlace(_ a: RunHistory.Point?, _ b: RunHistory.Point?) -> Bool {
    a?.tier == b?.tier && a?.grade == b?.grade
  }

  private func movementCell(_ point: RunHistory.Point?, moved: Bool, now: Bool) -> String {
    let classes = ["state"] + (moved ? ["moved"] : []) + (now ? ["now"] : []) + (point == nil ? ["muted"] : [])
    var html = "<td class=\"\(classes.joined(separator: " "))\">"
    guard let point else { return html + "—</td>" }
    html += tierBadge(point.tier, short: true)
    if !point.grade.isEmpty { html += " " + gradeBadge(point.grade) }
    return html + "</td>"
  }

  /// Compares the first point shown with now: `tier silver → gold; grade low → high`, `steady`,
  /// `new since run #N`, `not in this report`.
  func movementSummary(_ points: [RunHistory.Point?], runs: [RunHistory.Run]) -> String {
    guard let now = points.last ?? nil else { return "not in this report" }
    guard let firstIndex = points.firstIndex(where: { $0 != nil }), let first = points[firstIndex] else {
      return ""
    }
    if firstIndex == points.count - 1 { return "new" }
    var parts: [String] = []
    if firstIndex > 0, firstIndex < runs.count { parts.append("new in run #\(runs[firstIndex].runID)") }
    if first.tier != now.tier { parts.append("tier \(first.tier) → \(now.tier)") }
    if first.grade != now.grade { parts.append("grade \(first.grade) → \(now.grade)") }
    return parts.isEmpty ? "steady" : parts.joined(separator: "; ")
  }
}
