import Domain
import Reports
import Scoring
import Store

/// `neocloud explain PROVIDER`: one provider's score, criterion by criterion, and the path to
/// the next tier (§3).
package enum ExplainUseCase {
  package struct Request: Sendable, Equatable {
    package var database: String?
    package var providerID: String
    /// Default: today (UTC) from the context's clock.
    package var asOf: Day?
    package var output: ReportOutput
    /// The section tsv and csv write.
    package var section: ExplainSection

    package init(
      database: String?, providerID: String, asOf: Day?, output: ReportOutput, section: ExplainSection = .criteria
    ) {
      self.database = database
      self.providerID = providerID
      self.asOf = asOf
      self.output = output
      self.section = section
    }
  }

  /// Writes the breakdown to the request's output and returns it. Throws
  /// ``EngineError/unknownProvider(id:suggestion:)`` (with a "did you mean") for an id that is
  /// not stored.
  @discardableResult
  package static func run(_ request: Request, context: Context) throws -> ExplainReport {
    try translatingErrors {
      let store = try Databases.open(request.database, context: context)
      let asOf = request.asOf ?? context.today()
      let analysis = try Analysis.load(from: store, asOf: asOf, freshness: try context.freshness())
      let book = try analysis.book(request.providerID)
      let score = scoreProvider(book, rubric: analysis.rubric, asOf: asOf, freshness: analysis.freshness)
      let report = ExplainReport(
        asOf: asOf, rubricVersion: analysis.rubric.version, score: score,
        path: nextTierPath(score, rubric: analysis.rubric))
      try request.output.emit(
        context, database: store.path, workbook: { nil },
        text: {
          report.render($0, section: request.section, width: request.output.textWidth($0, context))
        })
      return report
    }
  }
}
