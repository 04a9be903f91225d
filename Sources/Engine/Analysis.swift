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
  /// When evidence is stale (coverage counts it at half weight).
  package let freshness: FreshnessPolicy

  package init(dataset: Dataset, asOf: Day, freshness: FreshnessPolicy = .standard) {
    self.dataset = dataset
    self.rubric = Rubric(dataset.rubric)
    self.prices = MarketPriceIndex(dataset.marketPrices)
    self.asOf = asOf
    self.freshness = freshness
  }

  package static func load(from store: Store, asOf: Day, freshness: FreshnessPolicy = .standard) throws -> Analysis {
    // Only the prices scoring and the projection use: the latest per model at as-of.
    Analysis(dataset: try store.loadDataset(prices: .latest(onOrBefore: asOf)), asOf: asOf, freshness: freshness)
  }

  /// The book of one provider; unknown ids throw with a "did you mean" suggestion.
  package func book(_ providerID: String) throws -> ProviderBook {
    if let book = dataset.books.first(where: { $0.provider.id == providerID }) { return book }
    let ids = dataset.books.map(\.provider.id)
    throw EngineError.unknownProvider(id: providerID, suggestion: closestProvider(providerID, among: ids))
  }

  /// Every provider scored and ranked (§3), ranks over the whole universe.
  package func ranked() -> [RankedProvider] {
    rankProviders(dataset.books.map { scoreProvider($0, rubric: rubric, asOf: asOf, freshness: freshness) })
  }

  /// Every provider's risk under the assumptions, riskiest first (§7 risk order).
  /// With `only`, just those providers.
  package func risks(_ assumptions: Assumptions, only: Set<String>? = nil) -> [RiskResult] {
    let books = only.map { kept in dataset.books.filter { kept.contains($0.provider.id) } } ?? dataset.books
    return books.map { assessRisk($0, prices: prices, asOf: asOf, assumptions: assumptions) }
      .sorted(by: riskOrder)
  }

  /// Providers per batch when a command streams the dataset (`forEachBatch`): about 50 KB
  /// of books each, so a batch is tens of MB however large the universe.
  package static let batchSize = 1_000

  /// Loads the dataset batch by batch (see `Store.forEachDatasetBatch`) and calls `body` with
  /// each batch's analysis: providers in provider_id order, each batch released before the
  /// next is read. Scoring and projection are per provider, so a batch gives the same figures.
  package static func forEachBatch(
    from store: Store, asOf: Day, freshness: FreshnessPolicy = .standard, size: Int = batchSize,
    _ body: (Analysis) throws -> Void
  ) throws {
    try store.forEachDatasetBatch(prices: .latest(onOrBefore: asOf), providersPerBatch: size) { dataset in
      try body(Analysis(dataset: dataset, asOf: asOf, freshness: freshness))
    }
  }
}

/// Risk results gathered provider by provider without what the outputs do not print: no loan
/// schedules, and months only for the `keepingMonthsOf` riskiest (the charted ones). Memory
/// then grows with the providers by their summary figures only.
package struct LeanRisks {
  private let kept: Int
  private var results: [RiskResult] = []
  /// The `kept` riskiest so far with their months, riskiest first. Risk order is total (it
  /// ends with provider_id), so these are the first `kept` of the sorted results.
  private var riskiest: [RiskResult] = []

  package init(keepingMonthsOf kept: Int) {
    self.kept = max(0, kept)
  }

  package mutating func add(_ full: RiskResult) {
    var result = full
    result.loans = []
    if kept > 0, riskiest.count < kept || riskOrder(result, riskiest[riskiest.count - 1]) {
      let index = riskiest.firstIndex { riskOrder(result, $0) } ?? riskiest.count
      riskiest.insert(result, at: index)
      if riskiest.count > kept { riskiest.removeLast() }
    }
    result.months = []
    results.append(result)
  }

  /// Every result added, riskiest first (§7 risk order).
  package func sorted() -> [RiskResult] {
    var sorted = results.sorted(by: riskOrder)
    for (index, result) in riskiest.enumerated() { sorted[index].months = result.months }
    return sorted
  }
}

/// A close provider id for a "did you mean" hint: edit distance ≤ 2, or a unique prefix.
func closestProvider(_ input: String, among ids: [String]) -> String? {
  closestMatch(input, among: ids)
}

extension Context {
  /// The environment variable that sets how old an assessment may be before it is stale.
  package static let assessmentMaxAgeVariable = "NEOCLOUD_ASSESSMENT_MAX_AGE_MONTHS"

  /// The freshness rule: 12 months for assessments unless `NEOCLOUD_ASSESSMENT_MAX_AGE_MONTHS`
  /// says otherwise (an integer 1–120, the same for every command, cron included); 3 months for
  /// uptime data.
  package func freshness() throws -> FreshnessPolicy {
    guard let text = environment[Context.assessmentMaxAgeVariable], !text.isEmpty else { return .standard }
    guard let months = Int(text), (1...120).contains(months), String(months) == text else {
      throw EngineError.usage(
        "\(Context.assessmentMaxAgeVariable) '\(text)' is not a number of months from 1 to 120: fix or unset it.")
    }
    return FreshnessPolicy(assessmentMaxAgeMonths: months)
  }
}
