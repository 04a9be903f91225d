import Domain
import Finance
import Reports
import Store

/// `neocloud customers`: each provider's customers, riskiest exposure first (CREDIT §C.5).
package enum CustomersUseCase {
  package struct Request: Sendable, Equatable {
    package var database: String?
    /// Default: today (UTC) from the context's clock.
    package var asOf: Day?
    /// `--provider ID`: only that provider's customers (nil: every provider's).
    package var providerID: String?
    package var output: ReportOutput

    package init(database: String?, asOf: Day?, providerID: String? = nil, output: ReportOutput) {
      self.database = database
      self.asOf = asOf
      self.providerID = providerID
      self.output = output
    }
  }

  /// Writes the report to the request's output and returns it. An unknown `--provider` throws
  /// ``EngineError/unknownProvider(id:suggestion:)`` (exit 64, with a "did you mean").
  @discardableResult
  package static func run(_ request: Request, context: Context) throws -> CustomersReport {
    try translatingErrors {
      let store = try Databases.open(request.database, context: context)
      let report = try report(store: store, asOf: request.asOf ?? context.today(), providerID: request.providerID)
      try request.output.emit(
        context, database: store.path, workbook: { report.workbook },
        text: { report.render($0, width: request.output.textWidth($0, context)) })
      return report
    }
  }

  /// The exposures of every provider (or of `providerID`), batch by batch (issue 14: memory).
  static func report(store: Store, asOf: Day, providerID: String?, batchSize: Int = Analysis.batchSize) throws
    -> CustomersReport
  {
    var exposures: [CustomerExposure] = []
    var ids: [String] = []
    try Analysis.forEachBatch(from: store, asOf: asOf, size: batchSize) { batch in
      for book in batch.dataset.books {
        ids.append(book.provider.id)
        if let providerID, book.provider.id != providerID { continue }
        exposures += customerExposures(book, prices: batch.prices, asOf: asOf)
      }
    }
    if let providerID, !ids.contains(providerID) {
      throw EngineError.unknownProvider(id: providerID, suggestion: closestProvider(providerID, among: ids))
    }
    return CustomersReport(asOf: asOf, exposures: exposures)
  }
}
