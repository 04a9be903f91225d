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
    report.render { pieces.append($0) }
    #expect(pieces.count == 10)  // head, eight sections, end
    #expect(pieces.joined() == report.render())
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
