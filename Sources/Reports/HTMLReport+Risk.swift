import Domain
import Finance
import Scoring

/// The risk table, as `risk`.
extension HTMLReport {
  func riskSection() -> String {
    var html = "<section class=\"risk\">\n<h2>Debt-service risk</h2>\n"
    html += "<p class=\"muted\">Riskiest first. DSCR12 = cash flow available for debt service over the next "
    html += "12 months ÷ scheduled debt service (balloons excluded); the covenant is the highest minimum DSCR "
    html += "of the provider's live loans. Utilization is next month's fleet utilization, weighted by the GPUs "
    html += "delivered then; break-even is the utilization at which DSCR12 = 1. Why says in words what the "
    html += "flags mean for the provider, as the watch list and <code>neocloud show</code> do"
    if risk.results.contains(where: { $0.simulation != nil }) {
      html += "; PD is the share of simulated paths whose cash runs out within the horizon (and within "
      html += "12 months below it), with its 95 % Wilson interval on hover"
    }
    html += ".</p>\n"
    guard !risk.results.isEmpty else {
      return html + "<p class=\"muted\">No providers to project.</p>\n</section>\n"
    }
    html += "<div class=\"scroll\">\n<table class=\"risk\">\n<thead>\n<tr><th>Provider</th><th>Grade</th>"
    html += "<th class=\"num\">DSCR12<br><span class=\"sub\">covenant</span></th>"
    html += "<th class=\"num\">Revenue 12m</th><th class=\"num\">Debt service 12m</th>"
    html += "<th class=\"num\">Utilization<br><span class=\"sub\">break-even</span></th>"
    html += "<th class=\"num\">Runway<br><span class=\"sub\">cash out</span></th>"
    let simulated = risk.results.contains { $0.simulation != nil }
    if simulated { html += "<th class=\"num\">PD horizon<br><span class=\"sub\">12 months</span></th>" }
    html += "<th>Why<br><span class=\"sub\">flags</span></th></tr>\n"
    html += "</thead>\n<tbody>\n"
    for result in risk.results {
      let covenant = terms[result.providerID]?.covenantDSCR
      html += "<tr data-provider=\"\(htmlEscape(result.providerID))\">"
      html += providerCell(id: result.providerID, name: result.name)
      html += "<td>\(gradeBadge(result.grade.rawValue))</td>"
      let belowOne = (result.dscr12m ?? 1) < 1
      let belowCovenant = result.flags.contains(.covenantBreach)
      let dscrClass = belowOne ? " neg" : belowCovenant ? " warn" : ""
      html += "<td class=\"num\"><span class=\"strong\(dscrClass)\">\(result.dscr12m.map(formatRatio) ?? "n/a")</span>"
      html += "<br><span class=\"sub\">\(covenant.map(formatRatio) ?? "none")</span></td>"
      html += "<td class=\"num\">\(formatMillions(result.revenue12m))</td>"
      html += "<td class=\"num\">\(formatMillions(result.debtService12m))</td>"
      html += "<td class=\"num\">\(result.utilizationPct.map { formatPercent($0) } ?? "n/a")"
      html += "<br><span class=\"sub\">\(breakEvenText(result))</span></td>"
      if let runway = result.runwayMonths, let month = result.cashOutMonth {
        html += "<td class=\"num\"><span class=\"strong neg\">\(runway) mo</span>"
        html += "<br><span class=\"sub\">\(month)</span></td>"
      } else {
        html += "<td class=\"num muted\">&gt; \(risk.assumptions.horizonMonths) mo</td>"
      }
      if simulated { html += pdCell(result.simulation) }
      // The watch list's words (issue 11), then the flags they come from.
      let why = reasons(result)
      html += "<td class=\"flags\">"
      if !why.isEmpty { html += "<span class=\"why\">\(htmlEscape(why.joined(separator: "; ")))</span><br>" }
      html += result.flags.map(flagChip).joined(separator: " ") + "</td>"
      html += "</tr>\n"
    }
    return html + "</tbody>\n</table>\n</div>\n</section>\n"
  }

  /// Break-even utilization; `not reachable` when even full utilization leaves DSCR12 below 1.
  func breakEvenText(_ result: RiskResult) -> String {
    if result.credit.breakEvenBasis == .contracts { return "contracts cover it" }
    if let breakEven = result.breakEvenUtilizationPct { return formatPercent(breakEven) }
    return result.dscr12m == nil ? "no debt service" : "not reachable"
  }
}
