import Domain
import Finance
import Foundation
import Reports
import Store
import Testing

@testable import Engine

/// Issue 14: `report` and `risk` read the dataset in batches of providers and keep only what
/// they print; the page and the results must be the same whatever the batch size.
@Suite struct BatchedReportTests {
  private static let asOf = Day(daysSinceEpoch: 20_780)  // 2026-11-23, checked below
  private static let generatedAt = Date(timeIntervalSince1970: 1_795_435_200)

  private func page(_ store: Store, batchSize: Int, assumptions: Assumptions = .base) throws -> String {
    try ReportUseCase.build(
      store: store, asOf: Self.asOf, assumptions: assumptions, generatedAt: Self.generatedAt,
      batchSize: batchSize
    ).render()
  }

  @Test func thePageIsTheSameWhateverTheBatchSize() throws {
    let box = try Sandbox.withSamples()
    let store = try Store.open(path: box.db)
    #expect(Self.asOf.description == "2026-11-23")
    let providers = try store.loadDataset(prices: .all).books.count
    #expect(providers > 3)
    let whole = try page(store, batchSize: providers + 1)
    for size in [1, 2, 3, providers] {
      #expect(try page(store, batchSize: size) == whole, "batch size \(size)")
    }
    let stressed = Assumptions(utilizationPct: 55, priceShockPct: -30)
    #expect(try page(store, batchSize: 2, assumptions: stressed) == page(store, batchSize: 1000, assumptions: stressed))
  }

  @Test func thePageWrittenSectionBySectionIsTheWholePage() throws {
    let box = try Sandbox.withSamples()
    let store = try Store.open(path: box.db)
    let report = try ReportUseCase.build(
      store: store, asOf: Self.asOf, assumptions: .base, generatedAt: Self.generatedAt)
    var pieces: [String] = []
    try report.render { pieces.append($0) }
    // head, eight sections, the detail section's start, one piece of details, its end, the end
    #expect(pieces.count == 13)
    #expect(pieces.joined() == report.render())
  }

  /// Issue 14: every provider's name in the tier and risk tables links to its detail, and each
  /// detail holds its charts, its loans and its contracts.
  @Test func everyRowLinksToItsProvidersDetail() throws {
    let box = try Sandbox.withSamples()
    let store = try Store.open(path: box.db)
    let dataset = try store.loadDataset(prices: .all)
    let page = try page(store, batchSize: 2)
    let ids = dataset.books.map(\.provider.id)
    for id in ids {
      let anchor = detailAnchor(id)
      #expect(page.components(separatedBy: "<details class=\"provider-detail\" id=\"\(anchor)\">").count == 2, "\(id)")
      // a link from its row of the tier table and of the risk table
      for table in ["tiers", "risk"] {
        let row = try #require(Self.row(of: id, in: table, page), "\(id) in \(table)")
        #expect(row.contains("<td class=\"provider\"><a href=\"#\(anchor)\">"), "\(id) in \(table)")
      }
    }
    #expect(page.components(separatedBy: "<details class=\"provider-detail\"").count == ids.count + 1)
    // A Samples provider with loans and contracts: each has its row in its detail.
    let book = try #require(dataset.books.first { !$0.loans.isEmpty && !$0.contracts.isEmpty })
    let start = try #require(
      page.range(of: "<details class=\"provider-detail\" id=\"\(detailAnchor(book.provider.id))\">"))
    // up to the next provider's detail or the section's end (a detail holds a nested <details>)
    let end = try #require(
      page.range(of: "<details class=\"provider-detail\"", range: start.upperBound..<page.endIndex)
        ?? page.range(of: "</section>", range: start.upperBound..<page.endIndex))
    let detail = page[start.upperBound..<end.lowerBound]
    for loan in book.loans {
      #expect(
        detail.contains("<tr data-loan=\"\(loan.id)\"><td>\(loan.id)<br><span class=\"sub\">\(loan.lender)</span>"))
    }
    for contract in book.contracts {
      #expect(detail.contains("<tr data-contract=\"\(contract.id)\">"))
      #expect(detail.contains(contract.customer))
    }
    #expect(detail.contains("<svg") && detail.contains("CFADS vs debt service"))
  }

  /// Issue 12: the portfolio view a simulation gives the report's input reaches the page;
  /// without one the page has no such section.
  @Test func thePortfolioOfTheInputReachesThePage() throws {
    let box = try Sandbox.withSamples()
    let store = try Store.open(path: box.db)
    let portfolio = PortfolioSimulation(
      paths: 1_000, providers: 10, expectedDefaults12m: 1.25, defaults12mP50: 1, defaults12mP95: 3,
      expectedDefaultsHorizon: 2.5, defaultsHorizonP50: 2, defaultsHorizonP95: 5)
    let page = try ReportUseCase.build(
      store: store, asOf: Self.asOf, assumptions: .base, generatedAt: Self.generatedAt, portfolio: portfolio
    ).render()
    #expect(page.contains("<h2>Portfolio defaults (simulated)</h2>"))
    #expect(page.contains("Across 1,000 simulated paths of 10 providers"))
    #expect(!(try self.page(store, batchSize: 1000)).contains("Portfolio defaults"))
  }

  /// The `<tr>` of provider `id` in the table with class `table`.
  static func row(of id: String, in table: String, _ page: String) -> Substring? {
    guard let start = page.range(of: "<table class=\"\(table)\">"),
      let end = page.range(of: "</table>", range: start.upperBound..<page.endIndex),
      let open = page.range(of: "data-provider=\"\(id)\">", range: start.upperBound..<end.lowerBound),
      let close = page.range(of: "</tr>", range: open.upperBound..<end.lowerBound)
    else { return nil }
    return page[open.upperBound..<close.lowerBound]
  }

  /// The spool gives back exactly what it was given, in order, whatever the piece size
  /// (multi-byte characters included).
  @Test(arguments: [1, 7, 1 << 20])
  func theDetailSpoolGivesBackWhatItWasGiven(pieceBytes: Int) throws {
    let spool = try DetailSpool(pieceBytes: pieceBytes)
    let details = (0..<50).map { "<details id=\"p-\($0)\">Zürich · 東京 \($0) — €</details>\n" }
    for detail in details { try spool.append(detail) }
    var read = ""
    try spool.write { read += $0 }
    #expect(read == details.joined())
    var again = ""
    try spool.write { again += $0 }
    #expect(again == read)
  }

  /// The lean results are the full ones without loan schedules, with months for the charted
  /// riskiest only, in the same order.
  @Test(arguments: [0, 1, 12, 1000])
  func leanRisksKeepSummariesAndTheRiskiestMonths(kept: Int) throws {
    let box = try Sandbox.withSamples()
    let store = try Store.open(path: box.db)
    let analysis = try Analysis.load(from: store, asOf: Self.asOf)
    let full = analysis.risks(.base)
    var lean = LeanRisks(keepingMonthsOf: kept)
    for book in analysis.dataset.books.reversed() {
      lean.add(assessRisk(book, prices: analysis.prices, asOf: Self.asOf, assumptions: .base))
    }
    let results = lean.sorted()
    #expect(results.map(\.providerID) == full.map(\.providerID))
    for (index, (result, expected)) in zip(results, full).enumerated() {
      var stripped = expected
      stripped.loans = []
      if index >= kept { stripped.months = [] }
      #expect(result == stripped)
    }
    #expect(full.contains { !$0.loans.isEmpty && !$0.months.isEmpty })
  }

  @Test func riskResultsAreTheSameWhateverTheBatchSize() throws {
    let box = try Sandbox.withSamples()
    let store = try Store.open(path: box.db)
    let request = RiskUseCase.Request(
      database: box.db, asOf: Self.asOf, assumptions: .base, output: ReportOutput(),
      filters: RankUseCase.Filters(segment: .neocloud), top: 5)
    let whole = try RiskUseCase.results(store: store, asOf: Self.asOf, request, batchSize: 1000)
    #expect(!whole.isEmpty)
    #expect(try RiskUseCase.results(store: store, asOf: Self.asOf, request, batchSize: 1) == whole)
    #expect(try RiskUseCase.results(store: store, asOf: Self.asOf, request, batchSize: 2) == whole)
  }
}
