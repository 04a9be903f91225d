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

    package init(database: String?, asOf: Day?, assumptions: Assumptions, output: ReportOutput) {
      self.database = database
      self.asOf = asOf
      self.assumptions = assumptions
      self.output = output
    }
  }

  /// Writes the risk report to the request's output and returns it.
  @discardableResult
  package static func run(_ request: Request, context: Context) throws -> RiskReport {
    try translatingErrors {
      let store = try Databases.open(request.database, context: context)
      let asOf = request.asOf ?? context.today()
      let analysis = try Analysis.load(from: store, asOf: asOf)
      let report = RiskReport(
        asOf: asOf, assumptions: request.assumptions, results: analysis.risks(request.assumptions))
      try request.output.emit(context, database: store.path, workbook: { report.workbook }, text: report.render)
      return report
    }
  }
}
