import Domain
import Finance
import Reports
import Store

/// `neocloud show PROVIDER`: one provider's book and its projection under the assumptions.
package enum ShowUseCase {
  package struct Request: Sendable, Equatable {
    package var database: String?
    package var providerID: String
    /// Default: today (UTC) from the context's clock.
    package var asOf: Day?
    package var assumptions: Assumptions
    package var output: ReportOutput
    /// The section tsv and csv write.
    package var section: ShowSection

    package init(
      database: String?, providerID: String, asOf: Day?, assumptions: Assumptions, output: ReportOutput,
      section: ShowSection = .months
    ) {
      self.database = database
      self.providerID = providerID
      self.asOf = asOf
      self.assumptions = assumptions
      self.output = output
      self.section = section
    }
  }

  /// Writes the report to the request's output and returns it. Throws
  /// ``EngineError/unknownProvider(id:suggestion:)`` (with a "did you mean") for an id that is
  /// not stored.
  @discardableResult
  package static func run(_ request: Request, context: Context) throws -> ShowReport {
    try translatingErrors {
      let store = try Databases.open(request.database, context: context)
      let asOf = request.asOf ?? context.today()
      let analysis = try Analysis.load(from: store, asOf: asOf)
      let book = try analysis.book(request.providerID)
      var customers = Set<String>()
      gatherCustomers(analysis.dataset.books, into: &customers, if: request.assumptions.customerDefault)
      try checkCustomerNames(request.assumptions.customerDefault, known: customers)
      let risk = assessRisk(book, prices: analysis.prices, asOf: asOf, assumptions: request.assumptions)
      let report = ShowReport(asOf: asOf, assumptions: request.assumptions, book: book, risk: risk)
      try request.output.emit(
        context, database: store.path, workbook: { report.workbook },
        text: {
          report.render($0, section: request.section, width: request.output.textWidth($0, context))
        })
      return report
    }
  }
}
