import Domain
import Finance
import Foundation
import Reports
import Scoring
import Store

/// `neocloud report`: the tier table, the risk table, charts and movement over the last runs,
/// from one load of the dataset, as one HTML page model.
package enum ReportUseCase {
  package struct Request: Sendable, Equatable {
    package var database: String?
    /// Default: today (UTC) from the context's clock.
    package var asOf: Day?
    package var assumptions: Assumptions
    /// The `.html` file to write (`-` or `/dev/stdout`: standard output).
    package var outputPath: String
    /// `--since RUN`: the run the Tiers table's Change compares with (nil: the run before the latest).
    package var since: Int64?
    /// The portfolio view of a simulation (`--simulate N`, issue 12), printed when given.
    package var portfolio: PortfolioSimulation?

    package init(
      database: String?, asOf: Day?, assumptions: Assumptions, outputPath: String, since: Int64? = nil,
      portfolio: PortfolioSimulation? = nil
    ) {
      self.portfolio = portfolio
      self.database = database
      self.asOf = asOf
      self.assumptions = assumptions
      self.outputPath = outputPath
      self.since = since
    }
  }

  /// Writes the page to the request's file, says so on stderr, and returns the page model.
  @discardableResult
  package static func run(_ request: Request, context: Context) throws -> HTMLReport {
    try translatingErrors {
      let store = try Databases.open(request.database, context: context)
      let report = try build(
        store: store, asOf: request.asOf ?? context.today(), assumptions: request.assumptions,
        generatedAt: context.now(), since: request.since, freshness: try context.freshness(),
        simulation: try SimulationRun.prepare(
          store: store, asOf: request.asOf ?? context.today(), assumptions: request.assumptions, context: context),
        portfolio: request.portfolio)
      // Section by section: the page is never whole in memory.
      if OutputTarget.isStandardOutput(request.outputPath) {
        try report.render { context.stdout.write($0) }
        return report
      }
      try OutputTarget.write(to: context.absolutePath(request.outputPath), database: store.path) { write in
        try report.render(to: write)
      }
      context.stderr.write("wrote \(request.outputPath)\n")
      return report
    }
  }

  static func build(
    store: Store, asOf: Day, assumptions: Assumptions, generatedAt: Date, since: Int64? = nil,
    freshness: FreshnessPolicy = .standard, batchSize: Int = Analysis.batchSize,
    simulation: SimulationRun? = nil, portfolio: PortfolioSimulation? = nil
  ) throws -> HTMLReport {
    let baseline = try ChangeBaseline.load(from: store, since: since)
    let runs = try store.runs(limit: HTMLReport.movementRuns + 1)
    var history: [(run: RunHistory.Run, points: [(providerID: String, name: String, point: RunHistory.Point)])] =
      []
    for run in runs {
      let snapshots = try store.snapshots(runID: run.runID)
      history.append(
        (
          RunHistory.Run(runID: run.runID, asOf: run.asOf, finishedAt: run.finishedAt),
          snapshots.map { snapshot in
            (
              snapshot.providerID, snapshot.name,
              RunHistory.Point(
                tier: snapshot.tier.rawValue, grade: snapshot.grade.rawValue, score: snapshot.score,
                dscr12m: snapshot.dscr12m)
            )
          }
        ))
    }

    // Batch by batch (issue 14: memory): each provider is scored and projected, and only what
    // the page prints is kept (scores, summary figures and covenant terms, months of the
    // charted riskiest); a batch's books are freed before the next is read. Each provider's
    // detail (its months, loan schedules and contracts) is rendered while its batch is here and
    // spooled to a temporary file that the page reads back at its end.
    var scores: [ProviderScore] = []
    var risks = LeanRisks(keepingMonthsOf: HTMLReport.multipleLimit)
    var terms: [String: HTMLReport.Terms] = [:]
    var rubric = Rubric([])
    var counts = simulation.map { PortfolioCounts(paths: $0.context.settings.paths) }
    let details = try DetailSpool()
    var customers = Set<String>()
    try Analysis.forEachBatch(from: store, asOf: asOf, freshness: freshness, size: batchSize) { batch in
      rubric = batch.rubric
      gatherCustomers(batch.dataset.books, into: &customers, if: assumptions.customerDefault)
      // `--simulate N` (CREDIT §C.6): PD and the cash fan per provider, and the portfolio counts.
      var simulations: [ProviderSimulation?] = batch.dataset.books.map { _ in nil }
      if let simulation, var batchCounts = counts {
        simulations = simulation.simulate(
          batch.dataset.books, prices: batch.prices, asOf: asOf, collectCash: true, portfolio: &batchCounts)
        counts = batchCounts
      }
      for (book, simulated) in zip(batch.dataset.books, simulations) {
        scores.append(scoreProvider(book, rubric: batch.rubric, asOf: asOf, freshness: freshness))
        var result = assessRisk(book, prices: batch.prices, asOf: asOf, assumptions: assumptions)
        result.simulation = simulated
        terms[book.provider.id] = HTMLReport.Terms(
          covenantDSCR: result.credit.covenantDSCR,
          minLiquidityUSD: book.provider.minLiquidity?.dollars)
        try details.append(HTMLReport.providerDetail(book: book, result: result, assumptions: assumptions))
        var lean = result
        lean.simulation?.cash = []  // drawn in the detail; the tables read only the PDs
        risks.add(lean)
      }
    }
    try checkCustomerNames(assumptions.customerDefault, known: customers)
    // The same change column as `rank`: against the run before the latest, or --since.
    let rank = RankUseCase.report(ranked: rankProviders(scores), asOf: asOf, rubric: rubric, baseline: baseline)
    let results = risks.sorted()
    return HTMLReport(
      rank: rank,
      risk: RiskReport(
        asOf: asOf, assumptions: simulation?.assumptions ?? assumptions, results: results,
        portfolio: counts?.summary ?? portfolio),
      terms: terms, history: RunHistory(runs: history), generatedAt: formatTimestamp(generatedAt),
      details: details, portfolio: counts?.summary ?? portfolio)
  }

  /// `2026-11-23 12:00 UTC`.
  static func formatTimestamp(_ date: Date) -> String {
    let (day, secondOfDay) = utcDayAndSecond(date)
    let hours = secondOfDay / 3600
    let minutes = secondOfDay % 3600 / 60
    func two(_ value: Int) -> String { value < 10 ? "0\(value)" : String(value) }
    return "\(day) \(two(hours)):\(two(minutes)) UTC"
  }
}
