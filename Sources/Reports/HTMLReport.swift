import Domain
import Finance
import Scoring

/// What `report --output FILE.html` writes: one self-contained page with the tier table, the
/// risk table, DSCR12 and projected-cash charts as inline SVG, and tier/grade movement over the
/// last `recompute` runs. No scripts, fonts, images or style sheets are loaded (the page's
/// Content-Security-Policy forbids it), so it opens offline and can be mailed as it is.
public struct HTMLReport: Sendable {
  /// Per provider, loan and liquidity terms the risk result does not carry.
  public struct Terms: Hashable, Sendable {
    /// The highest `min_dscr` of the provider's live loans (§4 covenant_breach); nil without one.
    public var covenantDSCR: Double?
    /// `min_liquidity_usd`, in dollars.
    public var minLiquidityUSD: Double?

    public init(covenantDSCR: Double? = nil, minLiquidityUSD: Double? = nil) {
      self.covenantDSCR = covenantDSCR
      self.minLiquidityUSD = minLiquidityUSD
    }
  }

  public var rank: RankReport
  public var risk: RiskReport
  /// By provider_id.
  public var terms: [String: Terms]
  public var history: RunHistory
  /// When the page was made, as shown in its header (e.g. `2026-11-23 12:00 UTC`).
  public var generatedAt: String

  public init(
    rank: RankReport, risk: RiskReport, terms: [String: Terms], history: RunHistory,
    generatedAt: String
  ) {
    self.rank = rank
    self.risk = risk
    self.terms = terms
    self.history = history
    self.generatedAt = generatedAt
  }

  /// The page title (and browser tab); a stressed page says so there too.
  public var title: String {
    "neocloud report · as of \(rank.asOf)" + (risk.assumptions.isStressed ? " · STRESSED" : "")
  }

  /// The whole page.
  public func render() -> String {
    var document = HTMLDocument(title: title)
    document.extraStyleSheet = htmlReportStyleSheet
    document.raw(header())
    document.raw(glance())
    document.raw(tierSection())
    document.raw(riskSection())
    document.raw(dscrSection())
    document.raw(cashSection())
    document.raw(movementSection())
    document.raw(methodNotes())
    return document.render()
  }

  // MARK: - Header

  func header() -> String {
    let assumptions = risk.assumptions
    var html = ""
    if let stress = risk.stressLine {
      html += "<p class=\"stressed\" role=\"note\">\(htmlEscape(stress))</p>\n"
    }
    html += "<dl class=\"meta\">\n"
    html += metaItem("As of", rank.asOf.description)
    html += metaItem("Rubric version", rank.rubricVersion)
    let first = rank.asOf.month + 1
    let last = rank.asOf.month + assumptions.horizonMonths
    html += metaItem("Horizon", "\(assumptions.horizonMonths) months, \(first)…\(last)")
    html += metaItem("Providers", String(risk.results.count))
    html += metaItem("Last recompute", lastRunText)
    html += metaItem("Generated", generatedAt)
    html += "</dl>\n"
    html += "<p class=\"assumptions\"><span class=\"label\">Assumptions</span> "
    html += htmlEscape(assumptionsText(assumptions)) + "</p>\n"
    return html
  }

  var lastRunText: String {
    guard let last = history.runs.last else { return "no recompute runs yet" }
    return "run #\(last.runID), as of \(last.asOf), finished \(last.finishedAt)"
  }

  private func metaItem(_ term: String, _ value: String) -> String {
    "<div><dt>\(htmlEscape(term))</dt><dd>\(htmlEscape(value))</dd></div>\n"
  }

  // MARK: - At a glance

  func glance() -> String {
    var html = "<section class=\"glance\">\n<h2>At a glance</h2>\n<div class=\"counts\">\n"
    html += "<div><span class=\"label\">Risk grades</span> "
    html += RiskGrade.allCases.map { grade in
      "\(gradeBadge(grade.rawValue)) <span class=\"count\">\(risk.results.filter { $0.grade == grade }.count)</span>"
    }.joined(separator: " ")
    html += "</div>\n<div><span class=\"label\">Tiers</span> "
    html += Tier.allCases.compactMap { tier -> String? in
      let count = rank.rows.filter { $0.ranked.score.tier == tier }.count
      guard count > 0 else { return nil }
      return "\(tierBadge(tier.rawValue)) <span class=\"count\">\(count)</span>"
    }.joined(separator: " ")
    html += "</div>\n</div>\n"
    let watched = risk.results.filter { $0.grade != .low }
    if risk.results.isEmpty {
      html += "<p class=\"muted\">No providers in the database: run <code>neocloud import</code> first.</p>\n"
    } else if watched.isEmpty {
      html += "<p>Every provider is graded low risk under these assumptions.</p>\n"
    } else {
      html += "<h3>Watch list</h3>\n<ul class=\"watch\">\n"
      for result in watched.prefix(HTMLReport.watchLimit) {
        html += "<li>\(gradeBadge(result.grade.rawValue)) <strong>\(htmlEscape(result.name))</strong>"
        html += " <span class=\"id\">\(htmlEscape(result.providerID))</span>: "
        html += htmlEscape(watchReasons(result).joined(separator: "; ")) + ".</li>\n"
      }
      html += "</ul>\n"
      if watched.count > HTMLReport.watchLimit {
        html += "<p class=\"muted\">… and \(watched.count - HTMLReport.watchLimit) more graded above low: "
        html += "see the risk table.</p>\n"
      }
    }
    return html + "</section>\n"
  }

  /// At most this many providers on the watch list.
  public static let watchLimit = 15

  /// Why a provider is on the watch list, most serious first, in the words of §4.
  func watchReasons(_ result: RiskResult) -> [String] {
    var reasons: [String] = []
    let flags = Set(result.flags)
    if let month = result.cashOutMonth, let runway = result.runwayMonths {
      reasons.append("cash runs out in \(month) (\(runway) month\(runway == 1 ? "" : "s") of runway)")
    }
    if let dscr = result.dscr12m, flags.contains(.debtServiceExceedsCFADS), dscr <= 0 {
      reasons.append("DSCR12 \(formatRatio(dscr)): cash flow before debt service is negative")
    } else if let dscr = result.dscr12m, flags.contains(.debtServiceExceedsCFADS) {
      reasons.append(
        "DSCR12 \(formatRatio(dscr)): cash flow covers \(formatPercent(dscr * 100, decimals: 0)) of debt service")
    } else if let dscr = result.dscr12m, flags.contains(.covenantBreach) {
      if let covenant = terms[result.providerID]?.covenantDSCR {
        reasons.append("DSCR12 \(formatRatio(dscr)) is below its \(formatRatio(covenant)) covenant")
      } else {
        reasons.append("DSCR12 \(formatRatio(dscr)) is below its covenant")
      }
    }
    if flags.contains(.pastMaturity) { reasons.append("a loan is past maturity") }
    if flags.contains(.minLiquidityBreach) {
      let floor = terms[result.providerID]?.minLiquidityUSD.map { " of \(formatMillions($0))" } ?? ""
      reasons.append("cash falls below its minimum liquidity\(floor) within 12 months")
    }
    if flags.contains(.balloonWithin12m) {
      reasons.append("\(formatMillions(result.balloon12m)) of balloon repayments due within 12 months")
    }
    if reasons.isEmpty { reasons.append("graded \(result.grade.rawValue)") }
    return reasons
  }

  // MARK: - Tiers

  func tierSection() -> String {
    var html = "<section class=\"tiers\">\n<h2>Tiers</h2>\n"
    html += "<p class=\"muted\">ClusterMAX-style tiers from rubric \(htmlEscape(rank.rubricVersion)): "
    html += "rank, overall score and each pillar (0–100), and how much of the rubric has evidence. "
    html += rank.hasBaseline ? "Change is since the last recompute run." : "No recompute run yet to compare with."
    html += "</p>\n"
    guard !rank.rows.isEmpty else {
      return html + "<p class=\"muted\">No providers to rank.</p>\n</section>\n"
    }
    html += "<table class=\"tiers\">\n<thead>\n<tr><th class=\"num\">Rank</th><th>Provider</th><th>Tier</th>"
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
    return html + "</tbody>\n</table>\n</section>\n"
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

  // MARK: - Risk

  func riskSection() -> String {
    var html = "<section class=\"risk\">\n<h2>Debt-service risk</h2>\n"
    html += "<p class=\"muted\">Riskiest first. DSCR12 = cash flow available for debt service over the next "
    html += "12 months ÷ scheduled debt service (balloons excluded); the covenant is the highest minimum DSCR "
    html += "of the provider's live loans. Utilization is this month's GPU-weighted fleet utilization; "
    html += "break-even is the utilization at which DSCR12 = 1.</p>\n"
    guard !risk.results.isEmpty else {
      return html + "<p class=\"muted\">No providers to project.</p>\n</section>\n"
    }
    html += "<table class=\"risk\">\n<thead>\n<tr><th>Provider</th><th>Grade</th>"
    html += "<th class=\"num\">DSCR12<br><span class=\"sub\">covenant</span></th>"
    html += "<th class=\"num\">Revenue 12m</th><th class=\"num\">Debt service 12m</th>"
    html += "<th class=\"num\">Utilization<br><span class=\"sub\">break-even</span></th>"
    html += "<th class=\"num\">Runway<br><span class=\"sub\">cash out</span></th><th>Flags</th></tr>\n"
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
      html += "<td class=\"flags\">" + result.flags.map(flagChip).joined(separator: " ") + "</td>"
      html += "</tr>\n"
    }
    return html + "</tbody>\n</table>\n</section>\n"
  }

  /// Break-even utilization; `not reachable` when even full utilization leaves DSCR12 below 1.
  func breakEvenText(_ result: RiskResult) -> String {
    if let breakEven = result.breakEvenUtilizationPct { return formatPercent(breakEven) }
    return result.dscr12m == nil ? "no debt service" : "not reachable"
  }

  // MARK: - Charts

  /// At most this many bars in the DSCR chart and charts of projected cash, riskiest first, so
  /// a page over thousands of providers stays readable; the tables list every provider.
  public static let barLimit = 30
  public static let multipleLimit = 12

  private func limitNote(shown: Int) -> String {
    guard shown < risk.results.count else { return "" }
    return "<p class=\"muted\">The \(shown) riskiest of \(risk.results.count) providers; "
      + "the risk table lists every one.</p>\n"
  }

  func dscrSection() -> String {
    var html = "<section class=\"coverage\">\n<h2>Debt-service coverage</h2>\n"
    guard !risk.results.isEmpty else { return html + "<p class=\"muted\">No providers.</p>\n</section>\n" }
    let results = Array(risk.results.prefix(HTMLReport.barLimit))
    html += limitNote(shown: results.count)
    var colors: [String: String] = [:]
    let bars = results.map { result -> ChartBar in
      colors[result.name] = gradeColor(result.grade)
      return ChartBar(
        label: result.name, value: result.dscr12m, marker: terms[result.providerID]?.covenantDSCR)
    }
    let palette = colors
    let chart = SVGBarChart(
      title: "DSCR12 by provider, riskiest first", bars: bars, width: 1000, rowHeight: 26,
      reference: ReferenceLine(value: 1, label: "1.0× debt service covered"),
      markerLabel: "covenant (highest min DSCR of live loans)",
      color: { palette[$0.label] ?? chartPalette[6] },
      valueFormat: { formatRatio($0) })
    html += gradeLegend()
    html += "<figure>\n" + chart.render()
    html += "<figcaption>Bars are coloured by risk grade; n/a means no scheduled debt service in the "
    html += "next 12 months. Below the dashed line, a provider's cash flow does not cover its debt "
    html += "service.</figcaption>\n</figure>\n"
    return html + "</section>\n"
  }

  func cashSection() -> String {
    var html = "<section class=\"cash\">\n<h2>Projected cash</h2>\n"
    let months = risk.results.first?.months.map(\.month.description) ?? []
    html += "<p class=\"muted\">Cash balance at the end of each month M1…M\(risk.assumptions.horizonMonths) "
    html += "after operating cash flow, debt service, balloons, capex and loan draws, riskiest first. "
    html += "Each chart has its own scale; the dashed line is the provider's minimum-liquidity covenant.</p>\n"
    guard !risk.results.isEmpty else { return html + "<p class=\"muted\">No providers.</p>\n</section>\n" }
    let results = risk.results.prefix(HTMLReport.multipleLimit)
    html += limitNote(shown: results.count)
    html += "<div class=\"multiples\">\n"
    for result in results {
      let floor = terms[result.providerID]?.minLiquidityUSD
      let chart = SVGLineChart(
        title: result.name, xLabels: months,
        series: [ChartSeries(name: "cash, USD", values: result.months.map(\.cash))],
        width: 340, height: 210, includesZero: true,
        reference: floor.map { ReferenceLine(value: $0, label: "min liquidity") })
      html += "<figure class=\"multiple\" data-provider=\"\(htmlEscape(result.providerID))\">\n"
      html += chart.render()
      html += "<figcaption>\(gradeBadge(result.grade.rawValue)) "
      if let month = result.cashOutMonth {
        html += "<span class=\"neg\">cash out \(htmlEscape(month.description))</span>"
      } else if let last = result.months.last {
        html += "\(htmlEscape(formatMillions(last.cash))) at \(htmlEscape(last.month.description))"
      }
      html += "</figcaption>\n</figure>\n"
    }
    return html + "</div>\n</section>\n"
  }

  // MARK: - Movement

  /// How many stored runs the movement table shows.
  public static let movementRuns = 5

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
    html += "<table class=\"movement\">\n<thead>\n<tr><th>Provider</th>"
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
      html += "<tr data-provider=\"\(htmlEscape(id))\"><td class=\"provider\">\(htmlEscape(name))"
      html += " <span class=\"id\">\(htmlEscape(id))</span><br>"
      html += "<span class=\"summary\(summary == "steady" ? " muted" : "")\">\(htmlEscape(summary))</span></td>"
      for index in skipped..<all.count {
        let moved = index > 0 && !samePlace(all[index - 1], all[index])
        html += movementCell(all[index], moved: moved, now: index == all.count - 1)
      }
      html += "</tr>\n"
    }
    return html + "</tbody>\n</table>\n</section>\n"
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

  // MARK: - Notes

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

  // MARK: - Pieces

  private func providerCell(id: String, name: String) -> String {
    "<td class=\"provider\">\(htmlEscape(name))<br><span class=\"id\">\(htmlEscape(id))</span></td>"
  }

  private func gradeLegend() -> String {
    "<p class=\"legend\">Bar colour: "
      + RiskGrade.allCases.map { "<span class=\"swatch swatch-\($0.rawValue)\"></span>\($0.rawValue)" }
      .joined(separator: " ") + "</p>\n"
  }
}

/// The assumptions line of the header: every figure the projection used.
func assumptionsText(_ assumptions: Assumptions) -> String {
  let utilization =
    assumptions.utilizationPct.map { "\(plainDecimal($0))% for every fleet" } ?? "each fleet's own"
  let shock = assumptions.priceShockPct
  let rate = assumptions.rateShockBP
  return "utilization \(utilization); market prices \(shock > 0 ? "+" : "")\(plainDecimal(shock))%; "
    + "price decay \(plainDecimal(assumptions.priceDecayPct))%/yr; "
    + "floating rates \(rate > 0 ? "+" : "")\(plainDecimal(rate)) bp; "
    + "horizon \(assumptions.horizonMonths) months; \(plainDecimal(Assumptions.hoursPerMonth)) hours a month"
}

/// `1.27×`.
func formatRatio(_ value: Double) -> String {
  formatFixed(value, decimals: 2) + "×"
}

/// `$412.3M`, `-$1.2M`, `$0.4M`.
func formatMillions(_ dollars: Double) -> String {
  let text = formatFixed(abs(dollars) / 1_000_000, decimals: 1, grouping: true)
  return (dollars < 0 && text != "0.0" ? "-$" : "$") + text + "M"
}

/// The bar colour of a risk grade: grey for low so the eye goes to the risky ones; sky blue,
/// orange and vermilion from the colour-blind-safe palette for the rest.
func gradeColor(_ grade: RiskGrade) -> String {
  switch grade {
  case .critical: return "#D55E00"
  case .high: return "#E69F00"
  case .elevated: return "#56B4E9"
  case .low: return "#9AA3B2"
  }
}

/// A grade badge; the class name comes from a fixed list so unknown text cannot inject one.
func gradeBadge(_ grade: String) -> String {
  let known = RiskGrade(rawValue: grade) != nil
  return "<span class=\"badge grade-\(known ? grade : "unknown")\">\(htmlEscape(grade))</span>"
}

/// A tier badge; `short` abbreviates `underperforming` (with the full name as a tooltip) where
/// space is tight.
func tierBadge(_ tier: String, short: Bool = false) -> String {
  let known = Tier(rawValue: tier) != nil
  let classes = "badge tier-\(known ? tier : "unknown")"
  if short, tier == Tier.underperforming.rawValue {
    return "<span class=\"\(classes)\" title=\"underperforming\">underperf.</span>"
  }
  return "<span class=\"\(classes)\">\(htmlEscape(tier))</span>"
}

/// Flags that mean money is short get the warning colour; the rest are data-quality notes.
func flagChip(_ flag: RiskFlag) -> String {
  let serious: Set<RiskFlag> = [
    .debtServiceExceedsCFADS, .revenueBelowDebtService, .covenantBreach, .minLiquidityBreach,
    .pastMaturity, .balloonWithin12m,
  ]
  let name = htmlEscape(flag.rawValue)
  return "<span class=\"flag\(serious.contains(flag) ? " serious" : "")\">\(name)</span>"
}
