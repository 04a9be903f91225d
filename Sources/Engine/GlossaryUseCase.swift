import Reports

/// `neocloud glossary [TERM]`: every term the reports use, or the one named. Needs no database.
package enum GlossaryUseCase {
  package struct Request: Sendable, Equatable {
    /// nil: every term.
    package var term: String?
    package var output: ReportOutput
    /// `--db`: never opened, only kept from being overwritten by --output.
    package var database: String?

    package init(term: String?, output: ReportOutput, database: String? = nil) {
      self.term = term
      self.output = output
      self.database = database
    }
  }

  /// Writes the glossary (or one entry) to the request's output and returns it. An unknown term
  /// is a usage error with a "did you mean".
  @discardableResult
  package static func run(_ request: Request, context: Context) throws -> GlossaryReport {
    let report = try report(term: request.term)
    try request.output.emit(
      context, database: Databases.resolvePath(request.database, context: context), workbook: { nil },
      text: report.render)
    return report
  }

  package static func report(term: String?) throws -> GlossaryReport {
    guard let term else { return GlossaryReport() }
    guard let entry = Glossary.entry(named: term) else {
      let hint = Glossary.suggestion(for: term).map { " (did you mean '\($0)'?)" } ?? ""
      throw EngineError.usage(
        "'\(term)' is not in the glossary\(hint): run `neocloud glossary` to list every term.")
    }
    return GlossaryReport(entries: [entry])
  }
}
