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

    package init(database: String?, asOf: Day?, assumptions: Assumptions, outputPath: String, since: Int64? = nil) {
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
        generatedAt: context.now(), since: request.since, freshness: try context.freshness())
      if OutputTarget.isStandardOutput(request.outputPath) {
        context.stdout.write(report.render())
        return report
      }
      try OutputTarget.write(report.render(), to: context.absolutePath(request.outputPath), database: store.path)
      context.stderr.write("wrote \(request.outputPath)\n")
      return report
    }
  }

  static func build(
    store: Store, asOf: Day, assumptions: Assumptions, generatedAt: Date, since: Int64? = nil,
    freshness: FreshnessPolicy = .standard
  ) throws -> HTMLReport {
    let baseline = try ChangeBaseline.load(from: store, since: since)
    let analysis = try Analysis.load(from: store, asOf: asOf, freshness: freshness)
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

    // The same change column as `rank`: against the run before the latest, or --since.
    let rank = RankUseCase.report(analysis, baseline: baseline)
    let results = analysis.risks(assumptions)
    let resultByProvider = Dictionary(results.map { ($0.providerID, $0) }, uniquingKeysWith: { first, _ in first })
    var terms: [String: HTMLReport.Terms] = [:]
    for book in analysis.dataset.books {
      let result = resultByProvider[book.provider.id]
      terms[book.provider.id] = HTMLReport.Terms(
        covenantDSCR: result?.credit.covenantDSCR,
        minLiquidityUSD: book.provider.minLiquidity?.dollars)
    }
    return HTMLReport(
      rank: rank, risk: RiskReport(asOf: asOf, assumptions: assumptions, results: results),
      terms: terms, history: RunHistory(runs: history), generatedAt: formatTimestamp(generatedAt))
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
