import Domain
import Finance
import Foundation
import Scoring
import Testing

@testable import Reports

/// The HTML report model on hand-built scores and projections.
@Suite struct HTMLReportTests {
  static let asOf = Day(year: 2026, month: 11, day: 23) ?? Day(daysSinceEpoch: 0)
  static let hostile = "<script>alert(1)</script>"

  static func score(_ id: String, _ name: String, _ tier: Tier, _ overall: Double) -> ProviderScore {
    ProviderScore(
      providerID: id, name: name, tier: tier, score: overall,
      pillars: [
        PillarScore(pillar: "reliability", score: overall, points: 1, weight: 1, criteria: []),
        PillarScore(pillar: "security", score: overall, points: 1, weight: 1, criteria: []),
      ],
      coveragePct: tier == .unrated ? 40 : 100, excludedBy: [])
  }

  static func result(
    _ id: String, _ name: String, _ grade: RiskGrade, dscr: Double?, cash: [Double],
    flags: [RiskFlag] = [], cashOut: Month? = nil
  ) -> RiskResult {
    let m1 = asOf.month + 1
    return RiskResult(
      providerID: id, name: name, grade: grade, dscr12m: dscr, revenue12m: 12_500_000,
      cfads12m: 6_000_000, debtService12m: 5_000_000, balloon12m: 0, topCustomerSharePct: nil,
      utilizationPct: 80, breakEvenUtilizationPct: 55, cashOutMonth: cashOut,
      runwayMonths: cashOut.map { $0 - asOf.month }, flags: flags,
      months: cash.enumerated().map { MonthProjection(month: m1 + $0.offset, cash: $0.element) },
      loans: [])
  }

  /// Three providers: a hostile name, a critical one, and an unrated one.
  static func report(
    assumptions: Assumptions = .base, history: RunHistory = .empty, baseline: Bool = false
  ) -> HTMLReport {
    let scores = [
      score("acme", hostile, .gold, 72.25), score("bolt", "Bolt & Sons", .bronze, 41),
      score("zeta", "Zeta", .unrated, 20),
    ]
    let ranked = rankProviders(scores)
    let rank = RankReport(
      asOf: asOf, rubricVersion: "abc123def456", pillars: ["reliability", "security"],
      rows: ranked.map {
        RankReport.Row(
          ranked: $0, change: baseline ? RankReport.Change(previousTier: "silver", scoreDelta: 2.5) : nil)
      },
      hasBaseline: baseline)
    let cashOut = asOf.month + 2
    let results = [
      result(
        "bolt", "Bolt & Sons", .critical, dscr: 0.5, cash: [10, -5, -20],
        flags: [.debtServiceExceedsCFADS, .minLiquidityBreach], cashOut: cashOut),
      result("acme", hostile, .low, dscr: 1.8, cash: [100, 110, 120]),
      result("zeta", "Zeta", .low, dscr: nil, cash: [5, 5, 5]),
    ]
    return HTMLReport(
      rank: rank, risk: RiskReport(asOf: asOf, assumptions: assumptions, results: results),
      terms: [
        "bolt": HTMLReport.Terms(covenantDSCR: 1.35, minLiquidityUSD: 2_000_000),
        "acme": HTMLReport.Terms(covenantDSCR: 1.25),
      ],
      history: history, generatedAt: "2026-11-23 12:00 UTC")
  }

  /// The `data-provider` ids of the rows of the table with `class`, in order.
  static func rowIDs(_ page: String, table className: String) -> [String] {
    guard let start = page.range(of: "<table class=\"\(className)\">"),
      let end = page.range(of: "</table>", range: start.upperBound..<page.endIndex)
    else { return [] }
    let table = page[start.upperBound..<end.lowerBound]
    return table.components(separatedBy: "<tr").dropFirst().compactMap { row in
      guard let open = row.range(of: "data-provider=\""),
        let close = row.range(of: "\"", range: open.upperBound..<row.endIndex)
      else { return nil }
      return String(row[open.upperBound..<close.lowerBound])
    }
  }

  @Test func hostileNamesAppearEscapedNeverRaw() {
    let page = Self.report().render()
    #expect(!page.contains("<script"))
    #expect(!page.contains("alert(1)</"))
    #expect(page.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
    #expect(page.contains("Bolt &amp; Sons"))
    #expect(!page.contains("Bolt & Sons"))
  }

  @Test func loadsNothingFromOutside() {
    let page = Self.report(history: Self.sampleHistory()).render()
    let withoutNamespace = page.replacingOccurrences(of: "xmlns=\"http://www.w3.org/2000/svg\"", with: "")
    for forbidden in ["http://", "https://", "src=", "<link", "url(", "@import", "<iframe", "<img"] {
      #expect(!withoutNamespace.contains(forbidden), "\(forbidden)")
    }
    #expect(page.contains("content=\"default-src 'none';"))
    #expect(balancedTags(page, names: ["html", "head", "body", "main", "section", "table", "svg", "figure"]))
  }

  @Test func everyProviderIsInBothTablesInOrder() {
    let page = Self.report().render()
    // rank order: gold, bronze, unrated; risk order as given (riskiest first)
    #expect(Self.rowIDs(page, table: "tiers") == ["acme", "bolt", "zeta"])
    #expect(Self.rowIDs(page, table: "risk") == ["bolt", "acme", "zeta"])
    // one cash chart per provider
    #expect(page.components(separatedBy: "<figure class=\"multiple\"").count - 1 == 3)
    for id in ["acme", "bolt", "zeta"] {
      #expect(page.contains("<figure class=\"multiple\" data-provider=\"\(id)\">"))
    }
  }

  @Test func chartsAreWellFormedSVG() throws {
    let page = Self.report().render()
    let pieces = page.components(separatedBy: "<svg ").dropFirst()
    #expect(pieces.count == 5)  // DSCR bars (wide, and narrow for phones) + three cash charts
    var titles: [String] = []
    for piece in pieces {
      let svg = "<svg " + (piece.components(separatedBy: "</svg>").first ?? "") + "</svg>"
      let reader = SVGReader()
      #expect(reader.parse(svg))
      titles.append(reader.texts.first ?? "")
    }
    // XML decoding turns the escaped name back into the text a reader sees
    #expect(
      titles == ["DSCR12 by provider, riskiest first", "DSCR12, riskiest first", "Bolt & Sons", Self.hostile, "Zeta"])
  }

  @Test func dscrChartMarksEachCovenant() {
    let page = Self.report().render()
    #expect(page.contains("1.0× debt service covered"))
    #expect(page.contains("covenant (highest min DSCR of live loans)"))
    // zeta has no debt service, so no DSCR12: its row says n/a instead of a bar
    #expect(page.contains(">n/a</text>"))
  }

  @Test func stressedBannerOnlyWhenStressed() {
    let base = Self.report().render()
    #expect(!base.contains("STRESSED"))
    let stressed = Self.report(assumptions: Assumptions(utilizationPct: 55, priceShockPct: -30)).render()
    #expect(
      stressed.contains(
        "<p class=\"stressed\" role=\"note\">STRESSED: utilization 55% for every fleet; market prices -30%</p>"))
    #expect(stressed.contains("utilization 55% for every fleet; market prices -30%; price decay 20%/yr"))
    #expect(stressed.contains("<title>neocloud report · as of 2026-11-23 · STRESSED</title>"))
  }

  @Test func headerSaysAsOfRubricAndAssumptions() {
    let page = Self.report().render()
    #expect(page.contains("<title>neocloud report · as of 2026-11-23</title>"))
    #expect(page.contains("<dt>Rubric version</dt><dd>abc123def456</dd>"))
    #expect(page.contains("<dt>Horizon</dt><dd>36 months, 2026-12…2029-11</dd>"))
    #expect(page.contains("<dt>Last recompute</dt><dd>no recompute runs yet</dd>"))
    #expect(
      page.contains(
        "utilization each fleet&#39;s own; market prices 0%; price decay 20%/yr; floating rates 0 bp; "
          + "horizon 36 months; 730 hours a month"))
  }

  @Test func riskRowShowsCovenantRunwayAndFlags() {
    let page = Self.report().render()
    guard let start = page.range(of: "<tr data-provider=\"bolt\"><td class=\"provider\">Bolt &amp; Sons"),
      let end = page.range(of: "</tr>", range: start.upperBound..<page.endIndex)
    else {
      Issue.record("no risk row for bolt")
      return
    }
    let row = String(page[start.lowerBound..<end.upperBound])
    #expect(row.contains("<span class=\"badge grade-critical\">critical</span>"))
    #expect(row.contains("<span class=\"strong neg\">0.50×</span><br><span class=\"sub\">1.35×</span>"))
    #expect(row.contains("$12.5M"))
    #expect(row.contains("<span class=\"strong neg\">2 mo</span><br><span class=\"sub\">2027-01</span>"))
    #expect(row.contains("<span class=\"flag serious\">debt_service_exceeds_cfads</span>"))
  }

  @Test func watchListGivesReasons() {
    let report = Self.report()
    let bolt = report.risk.results[0]
    #expect(
      report.watchReasons(bolt) == [
        "cash runs out in 2027-01 (2 months of runway)",
        "DSCR12 0.50×: cash flow covers 50% of debt service",
        "cash falls below its minimum liquidity of $2.0M within 12 months",
      ])
    let page = report.render()
    #expect(page.contains("<h3>Watch list</h3>"))
    // low-graded providers are not on it
    #expect(!page.contains("<strong>Zeta</strong>"))
  }

  /// CREDIT §C.4 in the watch list's words: a thin but solvent provider, a revolver, a balloon
  /// that only refinancing covers.
  @Test func watchListSpeaksTheCreditModel() {
    let report = Self.report()
    var thin = Self.result("thin", "Thin", .elevated, dscr: 0.6, cash: [1], flags: [.thinCoverage])
    #expect(report.watchReasons(thin) == ["cash lasts, but CFADS covers 60 % of debt service"])
    thin.dscr12m = 1.2
    #expect(report.watchReasons(thin) == ["cash lasts, but CFADS covers debt service only 1.20×"])
    var drawn = Self.result(
      "drawn", "Drawn", .high, dscr: 1.3, cash: [1], flags: [.refinancingDependent, .revolverDependent],
      cashOut: Month(year: 2028, month: 7))
    drawn.credit.firstRevolverDrawMonth = Month(year: 2027, month: 3)
    drawn.credit.refinancingBalloon = 500_000_000
    drawn.credit.refinancingBalloonMonth = Month(year: 2028, month: 6)
    #expect(
      report.watchReasons(drawn) == [
        "cash runs out in 2028-07 (20 months of runway)", "needs its revolver in 2027-03",
        "a $500M balloon in 2028-06 exceeds its cash: depends on refinancing",
      ])
  }

  @Test func noRunsYet() {
    let page = Self.report().render()
    #expect(page.contains("No recompute runs yet"))
    #expect(!page.contains("<table class=\"movement\">"))
  }

  static func sampleHistory() -> RunHistory {
    func point(_ tier: String, _ grade: String) -> RunHistory.Point {
      RunHistory.Point(tier: tier, grade: grade, score: 50, dscr12m: 1.1)
    }
    return RunHistory(
      runs: (1...7).map { number in
        let run = RunHistory.Run(runID: Int64(number), asOf: "2026-11-\(10 + number)", finishedAt: "t\(number)")
        var points = [
          (providerID: "acme", name: hostile, point: point("gold", "low")),
          (providerID: "bolt", name: "Bolt & Sons", point: point(number < 5 ? "silver" : "bronze", "high")),
        ]
        if number <= 2 { points.append((providerID: "gone", name: "Gone <Co>", point: point("bronze", "low"))) }
        return (run: run, points: points)
      })
  }

  @Test func movementOverTheLastRuns() {
    let page = Self.report(history: Self.sampleHistory(), baseline: true).render()
    #expect(page.contains("<dt>Last recompute</dt><dd>run #7, as of 2026-11-17, finished t7</dd>"))
    // the last five runs (3…7) and now
    #expect(!page.contains("Run #2<br>"))
    #expect(page.contains("Run #3<br><span class=\"sub\">as of 2026-11-13</span>"))
    #expect(page.contains("Run #7<br>"))
    #expect(Self.rowIDs(page, table: "movement") == ["acme", "bolt", "zeta", "gone"])
    // bolt: silver in 3 and 4, bronze from 5 (that cell is marked), critical now (marked)
    #expect(page.contains("tier silver → bronze; grade high → critical"))
    #expect(page.components(separatedBy: "<td class=\"state moved\">").count - 1 == 1)
    // acme: steady; the grade it has now is low as in every run
    #expect(page.contains("<span class=\"summary muted\">steady</span>"))
    // zeta is new (only now); gone left after run 2: the first cell shown is already empty
    #expect(page.contains("<span class=\"summary\">new</span>"))
    #expect(
      page.contains(
        "Gone &lt;Co&gt; <span class=\"id\">gone</span><br><span class=\"summary\">not in this report</span>"))
    // the change column of the tier table shows the baseline comparison
    #expect(page.contains("<td>silver → gold, +2.5</td>"))
  }

  @Test func historyLinesAlignWithRuns() {
    let history = Self.sampleHistory()
    #expect(history.runs.map(\.runID) == [1, 2, 3, 4, 5, 6, 7])
    #expect(history.lines.map(\.providerID) == ["acme", "bolt", "gone"])
    let gone = history.lines[2].points
    #expect(gone.count == 7)
    #expect(gone[0]?.tier == "bronze" && gone[1] != nil && gone[2] == nil && gone[6] == nil)
  }

  @Test func numberFormats() {
    #expect(formatMillions(412_345_678) == "$412.3M")
    #expect(formatMillions(-1_250_000) == "-$1.3M")
    #expect(formatMillions(-10) == "$0.0M")
    #expect(formatMillions(49_999) == "$0.0M")
    #expect(formatMillions(50_000) == "$0.1M")
    #expect(formatMillions(1_234_567_890) == "$1,234.6M")
    #expect(formatRatio(1.2551) == "1.26×")
    #expect(formatRatio(-0.004) == "0.00×")
  }

  @Test func badgesOnlyUseKnownClassNames() {
    #expect(gradeBadge("high") == "<span class=\"badge grade-high\">high</span>")
    #expect(gradeBadge("x\" onclick=\"y") == "<span class=\"badge grade-unknown\">x&quot; onclick=&quot;y</span>")
    #expect(tierBadge("underperforming", short: true).contains(">underperf.</span>"))
    #expect(tierBadge("gold\"") == "<span class=\"badge tier-unknown\">gold&quot;</span>")
  }

  @Test func barMarkerIsATickAtItsValue() {
    let svg = SVGBarChart(
      title: "DSCR", bars: [ChartBar(label: "A", value: 1, marker: 1.25)], markerLabel: "covenant"
    ).render()
    // label column 60, plot 60…656, ticks 0…1.5: x(1.25) = 60 + 1.25/1.5 × 596 = 556.7; row 40…62
    #expect(
      svg.contains("<line x1=\"556.7\" y1=\"41\" x2=\"556.7\" y2=\"61\" stroke=\"#1d2330\" stroke-width=\"2\"/>"))
    let reader = SVGReader()
    #expect(reader.parse(svg))
    #expect(reader.texts.last == "covenant")
    // without a marker label, no legend
    let plain = SVGBarChart(title: "DSCR", bars: [ChartBar(label: "A", value: 1, marker: 1.25)]).render()
    #expect(!plain.contains("covenant"))
  }
  @Test func manyProvidersKeepChartsReadable() {
    let ids = (1...40).map { "p\($0 < 10 ? "0" : "")\($0)" }
    let rank = RankReport(
      asOf: Self.asOf, rubricVersion: "v", pillars: ["reliability", "security"],
      rows: rankProviders(ids.map { Self.score($0, "Name \($0)", .silver, 60) }).map {
        RankReport.Row(ranked: $0, change: nil)
      }, hasBaseline: false)
    let results = ids.map { Self.result($0, "Name \($0)", .high, dscr: 0.9, cash: [1, 2, 3]) }
    let page = HTMLReport(
      rank: rank, risk: RiskReport(asOf: Self.asOf, assumptions: .base, results: results), terms: [:],
      history: .empty, generatedAt: "g"
    ).render()
    #expect(Self.rowIDs(page, table: "tiers").count == 40)
    #expect(Self.rowIDs(page, table: "risk") == ids)
    #expect(page.components(separatedBy: "<figure class=\"multiple\"").count - 1 == 12)
    #expect(page.contains("<figure class=\"multiple\" data-provider=\"p12\">"))
    #expect(!page.contains("<figure class=\"multiple\" data-provider=\"p13\">"))
    #expect(page.contains("The 30 riskiest of 40 providers; the risk table lists every one."))
    #expect(page.contains("The 12 riskiest of 40 providers; the risk table lists every one."))
    #expect(page.contains(">Name p30</text>"))
    #expect(!page.contains(">Name p31</text>"))
    #expect(page.components(separatedBy: "<li><span class=\"badge grade-high\">").count - 1 == 15)
    #expect(page.contains("… and 25 more graded above low: see the risk table."))
  }

  @Test func emptyDatabaseStillMakesAPage() {
    let page = HTMLReport(
      rank: RankReport(asOf: Self.asOf, rubricVersion: "v", pillars: [], rows: [], hasBaseline: false),
      risk: RiskReport(asOf: Self.asOf, assumptions: .base, results: []), terms: [:], history: .empty,
      generatedAt: "g"
    ).render()
    #expect(page.contains("No providers in the database: run <code>neocloud import</code> first."))
    #expect(page.contains("No providers to rank."))
    #expect(page.contains("No providers to project."))
    #expect(!page.contains("<svg"))
    #expect(balancedTags(page, names: ["html", "body", "main", "section", "table"]))
  }

  @Test func definitionsComeFromTheGlossary() {
    let page = HTMLReportTests.report().render()
    #expect(page.contains("<h3 id=\"definitions\">Definitions</h3>"))
    for entry in Glossary.entries {
      #expect(page.contains(htmlEscape(entry.definition)), "the page lacks the definition of \(entry.term)")
    }
  }
}

/// The phone and print layout of the report (the browser check measures it in Chromium).
@Suite struct HTMLReportLayoutTests {
  @Test func everyTableScrollsInItsOwnBox() {
    let page = HTMLReportTests.report(history: .empty, baseline: true).render()
    let tables = page.components(separatedBy: "<table").count - 1
    let boxed = page.components(separatedBy: "<div class=\"scroll\">\n<table").count - 1
    #expect(tables == 2)  // tiers and risk (no runs, so no movement table)
    #expect(boxed == tables)
  }

  @Test func phonesGetANarrowDSCRChartDrawnNearItsOwnSize() throws {
    let page = HTMLReportTests.report().render()
    let narrow = try #require(page.components(separatedBy: "<div class=\"chart-narrow\">\n").dropFirst().first)
    #expect(narrow.hasPrefix("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(HTMLReport.narrowChartWidth) "))
    // Drawn in a 400 px screen's ~376 px column, 11-unit labels stay above 10 px.
    #expect(Double(376) / Double(HTMLReport.narrowChartWidth) * 11 >= 10)
    #expect(page.contains(".chart-narrow { display: none; }"))
    #expect(page.contains("@media (max-width: 600px)"))
  }

  @Test func printedPagesCarryTitleGenerationAndPageNumbers() {
    let report = HTMLReportTests.report()
    let page = report.render()
    #expect(page.contains("@top-left { content: \"neocloud report \\b7  as of 2026-11-23\""))
    #expect(page.contains("@bottom-right { content: \"Page \" counter(page) \" of \" counter(pages)"))
    #expect(!page.contains("break-before: page"))
  }

  @Test func cssStringsCannotEscape() {
    #expect(cssString("a\"b\\c</style>") == "\"a\\22 b\\5c c\\3c /style\\3e \"")
  }
}
