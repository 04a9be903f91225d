import Domain
import Finance
import Testing

@testable import Reports

/// Issues 11, 12 and 14 on the HTML renderer: the risk table's words, the per-provider detail,
/// and the Monte Carlo results (hand-built, rendered only when present).
@Suite struct HTMLReportDetailTests {
  static func simulation(months: [Month]) -> ProviderSimulation {
    ProviderSimulation(
      paths: 2_000, pd12m: ProbabilityEstimate(value: 0.043, low: 0.035, high: 0.052),
      pdHorizon: ProbabilityEstimate(value: 0.124, low: 0.1097, high: 0.1388),
      cash: months.enumerated().map { index, month in
        CashPercentiles(
          month: month, p5: -1_000_000 * Double(index), p50: 500_000, p95: 2_000_000 + 100_000 * Double(index))
      })
  }

  static let portfolio = PortfolioSimulation(
    paths: 2_000, providers: 3, expectedDefaults12m: 0.42, defaults12mP50: 0, defaults12mP95: 2,
    expectedDefaultsHorizon: 1.37, defaultsHorizonP50: 1, defaultsHorizonP95: 3)

  @Test func theRiskTableSaysWhyInTheWatchListsWords() {
    let report = HTMLReportTests.report()
    let page = report.render()
    let bolt = report.risk.results[0]
    let words = report.watchReasons(bolt).joined(separator: "; ")
    #expect(words.hasPrefix("cash runs out in 2027-01"))
    let row = HTMLReportTests.rowIDs(page, table: "risk")
    #expect(row.first == "bolt")
    #expect(page.contains("<td class=\"flags\"><span class=\"why\">\(htmlEscape(words))</span><br>"))
    // a low provider with nothing to say gets only its flags
    #expect(!page.contains("graded low</span>"))
  }

  @Test func theThinCoverageSentenceIsTheSameEverywhere() {
    var thin = HTMLReportTests.result("thin", "Thin", .elevated, dscr: 0.6, cash: [1], flags: [.thinCoverage])
    thin.credit.covenantDSCR = nil
    let words = riskReasons(thin, covenantDSCR: nil, minLiquidityUSD: nil)
    #expect(words == ["cash lasts, but CFADS covers 60 % of debt service"])
    var show = showFixture()
    show.risk = thin
    let people = show.render(.table)
    #expect(people.contains("cash lasts, but CFADS covers 60 % of debt service"))
    // machines keep their columns
    #expect(!show.render(.csv, section: .risk).contains("Why"))
  }

  @Test func aProvidersDetailHoldsChartsLoansAndContracts() {
    let show = showFixture()
    let detail = HTMLReport.providerDetail(book: show.book, result: show.risk, assumptions: .base)
    #expect(detail.hasPrefix("<details class=\"provider-detail\" id=\"p-nimbus\">\n<summary>"))
    #expect(detail.hasSuffix("</details>\n"))
    #expect(detail.components(separatedBy: "<svg").count == 3)
    #expect(detail.contains("CFADS vs debt service"))
    #expect(
      detail.contains("<tr data-loan=\"nim-tl\"><td>nim-tl<br><span class=\"sub\">Acme Credit</span></td><td>term</td>")
    )
    #expect(detail.contains("<tr data-loan=\"nim-dd\">"))
    #expect(
      detail.contains(
        "<tr data-contract=\"nim-c1\"><td>Pax AI<br><span class=\"sub\">nim-c1</span></td><td>unrated</td>"))
    // book LTV as a whole percent, market LTV unknown
    #expect(detail.contains("<td class=\"num\">63%<br><span class=\"sub\">n/a</span></td>"))
    // no simulation: no band, no p50
    #expect(!detail.contains("<polygon"))
    #expect(!detail.contains(">p50<"))
  }

  @Test func aSimulatedProviderGetsACashFan() {
    var show = showFixture()
    show.risk.simulation = Self.simulation(months: show.risk.months.map(\.month))
    let detail = HTMLReport.providerDetail(book: show.book, result: show.risk, assumptions: .base)
    #expect(detail.components(separatedBy: "<polygon fill=\"#cfe6f5\"").count == 2)
    #expect(detail.contains(">p5–p95</text>"))
    #expect(detail.contains(">p50</text>"))
    #expect(detail.contains("over 2,000 simulated paths"))
  }

  @Test func thePDColumnAndPortfolioAppearOnlyWithASimulation() throws {
    let plain = HTMLReportTests.report()
    let page = plain.render()
    // (the definitions section names "PD horizon" as a glossary term on every page)
    #expect(!page.contains("<th class=\"num\">PD horizon"))
    #expect(!page.contains("Portfolio defaults"))
    #expect(!page.contains("class=\"num pd\""))

    var simulated = plain
    for index in simulated.risk.results.indices {
      let months = simulated.risk.results[index].months.map(\.month)
      simulated.risk.results[index].simulation = Self.simulation(months: months)
    }
    simulated.portfolio = Self.portfolio
    let shown = simulated.render()
    #expect(shown.contains("<th class=\"num\">PD horizon<br><span class=\"sub\">12 months</span></th>"))
    #expect(
      shown.contains(
        "<td class=\"num pd\"><span class=\"strong\" title=\"95% interval 11.0%–13.9%\">12.4%</span><br>"
          + "<span class=\"sub\" title=\"95% interval 3.5%–5.2%\">4.3%</span></td>"))
    #expect(shown.components(separatedBy: "class=\"num pd\"").count == simulated.risk.results.count + 1)
    #expect(shown.contains("<h2>Portfolio defaults (simulated)</h2>"))
    #expect(
      shown.contains(
        "<tr><td>within 12 months</td><td class=\"num strong\">0.4</td><td class=\"num\">0</td><td class=\"num\">2</td></tr>"
      ))
    #expect(shown.contains("<tr><td>within the 36-month horizon</td><td class=\"num strong\">1.4</td>"))
    // everything else is the page it was
    let glance = try #require(page.range(of: "<section class=\"glance\">"))
    #expect(shown.hasPrefix(page[..<glance.lowerBound]))
  }

  @Test func detailLinksOnlyWhenThePageHasDetails() {
    var report = HTMLReportTests.report()
    #expect(!report.render().contains("<a href=\"#p-"))
    report.details = InMemoryDetails(["<details class=\"provider-detail\" id=\"p-acme\"></details>\n"])
    let page = report.render()
    #expect(page.contains("<a href=\"#p-acme\">"))
    #expect(page.contains("<section class=\"details\" id=\"providers\">"))
    #expect(page.hasSuffix("</details>\n</section>\n</main>\n</body>\n</html>\n"))
  }

  @Test func anchorsAreValidAndDistinct() {
    #expect(detailAnchor("gale-metal") == "p-gale-metal")
    #expect(detailAnchor("a b") == "p-a_20b")
    #expect(detailAnchor("a_b") == "p-a_5Fb")
    #expect(detailAnchor("a_5Fb") != detailAnchor("a_b"))
    #expect(detailAnchor("é\"<") == "p-_C3_A9_22_3C")
  }
}

/// Issue 14: a loan's payments and draws in 12-month periods, checked by hand.
@Suite struct LoanYearTests {
  static func month(_ text: String) -> Month { Month(text) ?? Month(index: 0) }

  static func payment(_ month: String, _ interest: Int64, _ principal: Int64, _ balance: Int64, balloon: Bool = false)
    -> LoanPayment
  {
    LoanPayment(
      month: Self.month(month), interest: Money(cents: interest), principal: Money(cents: principal),
      balance: Money(cents: balance), isBalloon: balloon)
  }

  @Test func periodsSumPaymentsAndDrawsAndCarryTheBalance() {
    // A later loan: $1M drawn in 2027-02, $0.5M more in 2028-03; quarterly-ish payments, a balloon.
    let schedule = LoanSchedule(
      loanID: "dd", isDraw: true, startingBalance: Money(cents: 100_000_000), drawMonth: Self.month("2027-02"),
      annualRatePct: 9, paymentCount: 12, isPastMaturity: false, isLive: true,
      payments: [
        Self.payment("2027-05", 1_000_000, 5_000_000, 95_000_000),
        Self.payment("2027-11", 900_000, 5_000_000, 90_000_000),
        Self.payment("2027-12", 800_000, 0, 90_000_000),
        Self.payment("2028-06", 750_050, 10_000_000, 130_000_000),
        Self.payment("2029-05", 600_000, 130_000_000, 0, balloon: true),
      ],
      facility: .delayedDraw,
      draws: [
        LoanDraw(month: Self.month("2027-02"), amount: 1_000_000),
        LoanDraw(month: Self.month("2028-03"), amount: 500_000),
      ])
    let years = HTMLReport.loanYears(schedule, m1: Self.month("2026-12"), months: 42)
    #expect(years.map(\.first.description) == ["2026-12", "2027-12", "2028-12", "2029-12"])
    #expect(years.map(\.last.description) == ["2027-11", "2028-11", "2029-11", "2030-05"])
    #expect(years.map(\.interest.cents) == [1_900_000, 1_550_050, 600_000, 0])
    #expect(years.map(\.principal.cents) == [10_000_000, 10_000_000, 0, 0])
    #expect(years.map(\.balloon.cents) == [0, 0, 130_000_000, 0])
    #expect(years.map(\.draws) == [1_000_000, 500_000, 0, 0])
    #expect(years.map(\.balance.cents) == [90_000_000, 130_000_000, 0, 0])
  }

  @Test func aDrawAfterThePeriodsLastPaymentIsOutstandingAtItsEnd() {
    // A later loan drawn $1M in 2027-03, first paid in 2028-01; a tranche of $0.25M in 2028-09,
    // after that period's last payment (2028-06).
    let schedule = LoanSchedule(
      loanID: "ll", isDraw: true, startingBalance: Money(cents: 100_000_000), drawMonth: Self.month("2027-03"),
      annualRatePct: 6, paymentCount: 4, isPastMaturity: false, isLive: true,
      payments: [
        Self.payment("2028-01", 3_000_000, 10_000_000, 90_000_000),
        Self.payment("2028-06", 2_700_000, 10_000_000, 80_000_000),
      ],
      facility: .delayedDraw,
      draws: [
        LoanDraw(month: Self.month("2027-03"), amount: 1_000_000),
        LoanDraw(month: Self.month("2028-09"), amount: 250_000),
      ])
    let years = HTMLReport.loanYears(schedule, m1: Self.month("2026-12"), months: 24)
    #expect(years.map(\.draws) == [1_000_000, 250_000])
    #expect(years.map(\.balance.cents) == [100_000_000, 105_000_000])
  }

  @Test func aLoanWithoutPaymentsKeepsItsBalance() {
    let schedule = LoanSchedule(
      loanID: "tl", isDraw: false, startingBalance: Money(cents: 200_000_000), drawMonth: nil, annualRatePct: 0,
      paymentCount: 0, isPastMaturity: false, isLive: true, payments: [])
    let years = HTMLReport.loanYears(schedule, m1: Self.month("2026-12"), months: 24)
    #expect(years.map(\.balance.cents) == [200_000_000, 200_000_000])
    #expect(years.map(\.interest.cents) == [0, 0])
  }

  @Test func theDetailListsTheScheduleOfEachShownLoan() {
    let show = showFixture()
    let detail = HTMLReport.providerDetail(book: show.book, result: show.risk, assumptions: .base)
    #expect(detail.contains("<details class=\"loan-schedule\"><summary>Loan schedule by year</summary>"))
    let tbodies = detail.components(separatedBy: "<tbody data-loan=\"").dropFirst().map { $0.prefix { $0 != "\"" } }
    let rows = detail.components(separatedBy: "<tr data-loan=\"").dropFirst().map { $0.prefix { $0 != "\"" } }
    #expect(!tbodies.isEmpty)
    #expect(tbodies == rows)
    // the fixture projects two months: one period, labelled with its first and last month
    #expect(detail.contains("<th rowspan=\"1\">nim-tl</th><th>2026-12 – 2027-01</th>"))
  }
}
