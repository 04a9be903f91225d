import Domain
import Finance
import Testing

@testable import Reports

/// Small fixes to the report's and `show`'s words: one balloon said once, the effective first
/// month of a customer default, the detail's capped tables and the movement table's links.
@Suite struct PolishTests {
  static func refinancing(balloon12m: Double, balloonMonth: Month) -> RiskResult {
    var result = HTMLReportTests.result(
      "ref", "Ref", .high, dscr: 1.3, cash: [1], flags: [.refinancingDependent, .balloonWithin12m],
      cashOut: HTMLReportTests.asOf.month + 2)
    result.balloon12m = balloon12m
    result.credit.refinancingBalloon = 1_400_000
    result.credit.refinancingBalloonMonth = balloonMonth
    return result
  }

  @Test func aBalloonThatExceedsCashIsSaidOnce() {
    let m1 = HTMLReportTests.asOf.month + 1
    let words = riskReasons(
      Self.refinancing(balloon12m: 1_400_000, balloonMonth: m1), covenantDSCR: nil, minLiquidityUSD: nil)
    #expect(words.contains("a $1.4M balloon in \(m1) exceeds its cash: depends on refinancing"))
    #expect(!words.contains { $0.contains("balloon repayments") })
  }

  @Test func otherBalloonsInTwelveMonthsAreStillSaid() {
    let m1 = HTMLReportTests.asOf.month + 1
    let more = riskReasons(
      Self.refinancing(balloon12m: 2_000_000, balloonMonth: m1), covenantDSCR: nil, minLiquidityUSD: nil)
    #expect(more.last == "a further $0.6M of balloon repayments due within 12 months")
    // No balloon exceeds cash: the 12-month sentence stays as it was.
    var plain = HTMLReportTests.result("p", "P", .elevated, dscr: 1.3, cash: [1], flags: [.balloonWithin12m])
    plain.balloon12m = 1_400_000
    #expect(
      riskReasons(plain, covenantDSCR: nil, minLiquidityUSD: nil) == [
        "$1.4M of balloon repayments due within 12 months"
      ])
  }

  @Test func aDefaultFromAtOrBeforeAsOfSaysM1() {
    var assumptions = Assumptions.base
    let asOf = Day(year: 2026, month: 11, day: 23) ?? Day(daysSinceEpoch: 0)
    assumptions.customerDefault = CustomerDefault(names: ["Acme"], from: Month("2026-11"))
    #expect(
      stressDescription(assumptions, defaulted: [], asOf: asOf)?.hasPrefix(
        "STRESSED: customers defaulting from 2026-12: Acme") == true)
    assumptions.customerDefault.from = Month("2020-01")
    #expect(stressDescription(assumptions, asOf: asOf)?.contains("from 2026-12:") == true)
    assumptions.customerDefault.from = Month("2027-03")
    #expect(stressDescription(assumptions, asOf: asOf)?.contains("from 2027-03:") == true)
    // show and risk pass their as-of
    var show = showFixture(assumptions: assumptions)
    show.assumptions.customerDefault.from = Month("2026-10")
    #expect(show.stressLine?.contains("from 2026-12:") == true)
    let risk = RiskReport(asOf: asOf, assumptions: show.assumptions, results: [])
    #expect(risk.stressLine?.contains("from 2026-12:") == true)
  }

  static func bigBook() -> ProviderBook {
    var book = showFixture().book
    let start = Day(year: 2025, month: 1, day: 1) ?? Day(daysSinceEpoch: 0)
    let end = Day(year: 2028, month: 1, day: 1) ?? Day(daysSinceEpoch: 0)
    book.contracts = (1...30).map { index in
      Contract(
        id: "c\(index)", providerID: "nimbus", customer: "Customer \(index)", gpuModel: "H100", gpuCount: index * 10,
        priceUSDPerGPUHour: 2, startOn: start, endOn: end)
    }
    let template = book.loans[1]
    book.loans = (1...27).map { index in
      var loan = template
      loan.id = "l\(index)"
      loan.balance = Money(cents: Int64(index) * 100_000_000)
      return loan
    }
    return book
  }

  @Test func theDetailShowsTheLargestRowsAndPointsToShow() throws {
    let show = showFixture()
    let detail = HTMLReport.providerDetail(book: Self.bigBook(), result: show.risk, assumptions: .base)
    #expect(detail.components(separatedBy: "<tr data-contract=").count == 26)
    #expect(detail.components(separatedBy: "<tr data-loan=").count == 26)
    // largest first: contracts by GPUs, loans by balance
    #expect(detail.contains("<tr data-contract=\"c30\">"))
    #expect(detail.contains("<tr data-contract=\"c6\">"))
    #expect(!detail.contains("<tr data-contract=\"c5\">"))
    let c30 = try #require(detail.range(of: "data-contract=\"c30\"")?.lowerBound)
    let c29 = try #require(detail.range(of: "data-contract=\"c29\"")?.lowerBound)
    #expect(c30 < c29)
    #expect(detail.contains("<tr data-loan=\"l27\">"))
    #expect(!detail.contains("<tr data-loan=\"l2\">"))
    #expect(
      detail.contains("5 more contracts: <code>neocloud show nimbus</code> lists them all."))
    #expect(detail.contains("2 more loans: <code>neocloud show nimbus</code> lists them all."))
    // at the cap, nothing is left out and nothing is said
    let small = HTMLReport.providerDetail(book: showFixture().book, result: show.risk, assumptions: .base)
    #expect(!small.contains("lists them all"))
  }

  @Test func movementRowsLinkToTheDetail() {
    var report = HTMLReportTests.report(history: HTMLReportTests.sampleHistory())
    let without = report.render()
    #expect(!without.contains("<a href=\"#p-"))
    report.details = InMemoryDetails([])
    let page = report.render()
    let start = page.range(of: "<table class=\"movement\">")
    let end = page.range(of: "</table>", range: (start?.upperBound ?? page.endIndex)..<page.endIndex)
    #expect(start != nil && end != nil)
    if let start, let end {
      let table = page[start.lowerBound..<end.lowerBound]
      #expect(table.contains("<td class=\"provider\"><a href=\"#p-bolt\">Bolt &amp; Sons</a>"))
      // a provider only in past runs has no detail to lead to
      #expect(table.contains("<td class=\"provider\">Gone &lt;Co&gt;"))
    }
  }
}
