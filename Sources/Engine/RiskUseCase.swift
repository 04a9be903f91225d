import Domain
import Finance
import Reports
import Store

/// `neocloud risk`: project every provider under the assumptions, riskiest first.
package enum RiskUseCase {
  package struct Request: Sendable, Equatable {
    package var database: String?
    /// Default: today (UTC) from the context's clock.
    package var asOf: Day?
    package var assumptions: Assumptions
    package var output: ReportOutput
    /// `--segment`, `--country`, `--gpu-model`, as `rank` has them.
    package var filters: RankUseCase.Filters
    /// `--grade`: only these grades (empty: every grade).
    package var grades: Set<RiskGrade>
    /// `--top N`: only the N riskiest after the filters (nil: all).
    package var top: Int?

    package init(
      database: String?, asOf: Day?, assumptions: Assumptions, output: ReportOutput,
      filters: RankUseCase.Filters = RankUseCase.Filters(), grades: Set<RiskGrade> = [], top: Int? = nil
    ) {
      self.database = database
      self.asOf = asOf
      self.assumptions = assumptions
      self.output = output
      self.filters = filters
      self.grades = grades
      self.top = top
    }

    var isFiltered: Bool { !filters.isEmpty || !grades.isEmpty }

    /// `--segment X --grade high,critical`, for the "nothing matches" note.
    var filterSummary: String {
      var parts = filters.isEmpty ? [] : [filters.summary]
      if !grades.isEmpty {
        parts.append("--grade " + RiskGrade.allCases.filter(grades.contains).map(\.rawValue).joined(separator: ","))
      }
      return parts.joined(separator: " ")
    }
  }

  /// Writes the risk report to the request's output and returns it. When filters leave no
  /// provider, says so on stderr (the empty table still goes out, and the exit code is 0).
  @discardableResult
  package static func run(_ request: Request, context: Context) throws -> RiskReport {
    try translatingErrors {
      let store = try Databases.open(request.database, context: context)
      let asOf = request.asOf ?? context.today()
      var hasProviders = false
      let results = try results(store: store, asOf: asOf, request) { hasProviders = hasProviders || $0 }
      let report = RiskReport(asOf: asOf, assumptions: request.assumptions, results: results)
      if report.results.isEmpty, request.isFiltered, hasProviders {
        context.stderr.write(
          "neocloud: no provider matches \(request.filterSummary) (country and GPU model ignore case).\n")
      }
      try request.output.emit(
        context, database: store.path, workbook: { report.workbook },
        text: {
          report.render($0, width: request.output.textWidth($0, context))
        })
      return report
    }
  }

  /// The providers the request keeps, riskiest first: the filters, then the grades, then the
  /// first `top`. Only the kept providers are projected, batch by batch (issue 14: memory), and
  /// only their summary figures are kept (`risk` prints no months or loan schedules).
  /// `sawProviders` is told whether each batch had any provider at all.
  static func results(
    store: Store, asOf: Day, _ request: Request, batchSize: Int = Analysis.batchSize,
    sawProviders: (Bool) -> Void = { _ in }
  ) throws -> [RiskResult] {
    var risks = LeanRisks(keepingMonthsOf: 0)
    var customers = Set<String>()
    try Analysis.forEachBatch(from: store, asOf: asOf, size: batchSize) { batch in
      sawProviders(!batch.dataset.books.isEmpty)
      gatherCustomers(batch.dataset.books, into: &customers, if: request.assumptions.customerDefault)
      for book in batch.dataset.books where request.filters.matches(book) {
        risks.add(assessRisk(book, prices: batch.prices, asOf: asOf, assumptions: request.assumptions))
      }
    }
    try checkCustomerNames(request.assumptions.customerDefault, known: customers)
    var results = risks.sorted()
    if !request.grades.isEmpty { results = results.filter { request.grades.contains($0.grade) } }
    if let top = request.top { results = Array(results.prefix(max(0, top))) }
    return results
  }
}
