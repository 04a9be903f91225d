import Domain
import Finance
import Reports
import Scoring
import Store

/// The stored dataset as of a date, ready for scoring and projection. Built once per command.
package struct Analysis: Sendable {
  package let dataset: Dataset
  package let rubric: Rubric
  package let prices: MarketPriceIndex
  package let asOf: Day

  package init(dataset: Dataset, asOf: Day) {
    self.dataset = dataset
    self.rubric = Rubric(dataset.rubric)
    self.prices = MarketPriceIndex(dataset.marketPrices)
    self.asOf = asOf
  }

  package static func load(from store: Store, asOf: Day) throws -> Analysis {
    // Only the prices scoring and the projection use: the latest per model at as-of.
    Analysis(dataset: try store.loadDataset(prices: .latest(onOrBefore: asOf)), asOf: asOf)
  }

  /// The book of one provider; unknown ids throw with a "did you mean" suggestion.
  package func book(_ providerID: String) throws -> ProviderBook {
    if let book = dataset.books.first(where: { $0.provider.id == providerID }) { return book }
    let ids = dataset.books.map(\.provider.id)
    throw EngineError.unknownProvider(id: providerID, suggestion: closestProvider(providerID, among: ids))
  }

  /// Every provider scored and ranked (§3), ranks over the whole universe.
  package func ranked() -> [RankedProvider] {
    rankProviders(dataset.books.map { scoreProvider($0, rubric: rubric, asOf: asOf) })
  }

  /// Every provider's risk under the assumptions, riskiest first (§7 risk order).
  /// With `only`, just those providers.
  package func risks(_ assumptions: Assumptions, only: Set<String>? = nil) -> [RiskResult] {
    let books = only.map { kept in dataset.books.filter { kept.contains($0.provider.id) } } ?? dataset.books
    return books.map { assessRisk($0, prices: prices, asOf: asOf, assumptions: assumptions) }
      .sorted(by: riskOrder)
  }
}

/// A close provider id for a "did you mean" hint: edit distance ≤ 2, or a unique prefix.
func closestProvider(_ input: String, among ids: [String]) -> String? {
  closestMatch(input, among: ids)
}
