import Domain
import Finance

/// The Monte Carlo results on the page (issue 12, CREDIT §C.6): the PD column of the risk table
/// and the portfolio section. Nothing of this appears without a simulation.
extension HTMLReport {
  /// `pd_horizon` over `pd_12m`, as percents, each with its Wilson interval as a tooltip.
  func pdCell(_ simulation: ProviderSimulation?) -> String {
    guard let simulation else { return "<td class=\"num muted\">n/a</td>" }
    let horizon = simulation.pdHorizon
    let year = simulation.pd12m
    var html = "<td class=\"num pd\"><span class=\"strong\" title=\"\(htmlEscape(intervalText(horizon)))\">"
    html +=
      "\(htmlEscape(pdText(horizon.value)))</span><br><span class=\"sub\" title=\"\(htmlEscape(intervalText(year)))\">"
    return html + "\(htmlEscape(pdText(year.value)))</span></td>"
  }

  /// `12.3%`; below 0.1 % but not zero, `<0.1%`.
  func pdText(_ share: Double) -> String {
    share > 0 && share < 0.000_5 ? "<0.1%" : formatPercent(share * 100)
  }

  /// `95% interval 10.4%–14.4%`.
  func intervalText(_ estimate: ProbabilityEstimate) -> String {
    "95% interval \(formatPercent(estimate.low * 100))–\(formatPercent(estimate.high * 100))"
  }

  /// How many providers default together: expected count and its p50/p95 across paths, within
  /// 12 months and within the horizon. Empty without a portfolio simulation.
  func portfolioSection() -> String {
    guard let portfolio else { return "" }
    var html = "<section class=\"portfolio\">\n<h2>Portfolio defaults (simulated)</h2>\n"
    html += "<p class=\"muted\">Across \(formatCount(portfolio.paths)) simulated paths of "
    html += "\(formatCount(portfolio.providers)) providers — one market price path shared by all, and a "
    html += "customer of several providers defaulting on all of them at once — how many providers run "
    html += "out of cash together.</p>\n"
    html += "<div class=\"scroll\">\n<table class=\"portfolio\">\n<thead>\n<tr><th>Providers defaulting</th>"
    html += "<th class=\"num\">Expected</th><th class=\"num\">Median (p50)</th><th class=\"num\">p95</th></tr>\n"
    html += "</thead>\n<tbody>\n"
    html += portfolioRow(
      "within 12 months", portfolio.expectedDefaults12m, portfolio.defaults12mP50, portfolio.defaults12mP95)
    html += portfolioRow(
      "within the \(risk.assumptions.horizonMonths)-month horizon", portfolio.expectedDefaultsHorizon,
      portfolio.defaultsHorizonP50, portfolio.defaultsHorizonP95)
    return html + "</tbody>\n</table>\n</div>\n</section>\n"
  }

  private func portfolioRow(_ label: String, _ expected: Double, _ p50: Int, _ p95: Int) -> String {
    "<tr><td>\(htmlEscape(label))</td><td class=\"num strong\">\(formatFixed(expected, decimals: 1))</td>"
      + "<td class=\"num\">\(formatCount(p50))</td><td class=\"num\">\(formatCount(p95))</td></tr>\n"
  }
}
