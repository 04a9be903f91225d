import Domain
import Reports
import Scoring
import Store

/// `neocloud rank`: score and rank every provider, keep those matching the filters.
package enum RankUseCase {
  /// `--segment`, `--country`, `--gpu-model`; country and GPU model ignore case.
  package struct Filters: Sendable, Equatable {
    package var segment: Segment?
    package var country: String?
    package var gpuModel: String?

    package init(segment: Segment? = nil, country: String? = nil, gpuModel: String? = nil) {
      self.segment = segment
      self.country = country
      self.gpuModel = gpuModel
    }

    var isEmpty: Bool { segment == nil && country == nil && gpuModel == nil }

    func matches(_ book: ProviderBook) -> Bool {
      if let segment, book.provider.segment != segment { return false }
      if let country, book.provider.country.lowercased() != country.lowercased() { return false }
      if let gpuModel, !book.fleets.contains(where: { $0.gpuModel.lowercased() == gpuModel.lowercased() }) {
        return false
      }
      return true
    }

    /// `--segment X --country Y`, as typed, for the "nothing matches" note.
    var summary: String {
      var parts: [String] = []
      if let segment { parts.append("--segment \(segment.rawValue)") }
      if let country { parts.append("--country '\(country)'") }
      if let gpuModel { parts.append("--gpu-model '\(gpuModel)'") }
      return parts.joined(separator: " ")
    }
  }

  package struct Request: Sendable, Equatable {
    /// `--db`; nil: `NEOCLOUD_DB`, else `./neocloud.sqlite`.
    package var database: String?
    /// Default: today (UTC) from the context's clock.
    package var asOf: Day?
    package var filters: Filters
    package var output: ReportOutput
    /// `--since RUN`: the run the Change column compares with (nil: the run before the latest).
    package var since: Int64?

    package init(
      database: String?, asOf: Day?, filters: Filters = Filters(), output: ReportOutput, since: Int64? = nil
    ) {
      self.database = database
      self.asOf = asOf
      self.filters = filters
      self.output = output
      self.since = since
    }
  }

  /// Writes the ranking to the request's output and returns it. When filters leave no
  /// provider, says so on stderr (the empty table still goes out, and the exit code is 0).
  @discardableResult
  package static func run(_ request: Request, context: Context) throws -> RankReport {
    try translatingErrors {
      let store = try Databases.open(request.database, context: context)
      let analysis = try Analysis.load(
        from: store, asOf: request.asOf ?? context.today(), freshness: try context.freshness())
      let baseline = try ChangeBaseline.load(from: store, since: request.since)
      let result = report(analysis, baseline: baseline, filters: request.filters)
      if result.rows.isEmpty, !request.filters.isEmpty, !analysis.dataset.books.isEmpty {
        context.stderr.write(
          "neocloud: no provider matches \(request.filters.summary) (country and GPU model ignore case).\n")
      }
      try request.output.emit(
        context, database: store.path, workbook: { result.workbook },
        text: {
          result.render($0, width: request.output.textWidth($0, context))
        })
      return result
    }
  }

  /// The rank report over an analysis, with the change since `baseline` (see `ChangeBaseline`;
  /// nil when there is no run yet).
  static func report(_ analysis: Analysis, baseline: ChangeBaseline?, filters: Filters = Filters())
    -> RankReport
  {
    let keep = Set(analysis.dataset.books.filter(filters.matches).map(\.provider.id))
    return report(
      ranked: analysis.ranked().filter { keep.contains($0.score.providerID) }, asOf: analysis.asOf,
      rubric: analysis.rubric, baseline: baseline)
  }

  /// The rank report over providers already scored and ranked (the ones to show, in rank
  /// order), with the change since `baseline`.
  static func report(ranked: [RankedProvider], asOf: Day, rubric: Rubric, baseline: ChangeBaseline?)
    -> RankReport
  {
    let previous = Dictionary(
      (baseline?.snapshots ?? []).map { ($0.providerID, $0) }, uniquingKeysWith: { first, _ in first })
    let rows = ranked.map { ranked in
      let change = previous[ranked.score.providerID].map { snapshot in
        RankReport.Change(
          previousTier: snapshot.tier.rawValue,
          scoreDelta: snapshot.score.map { roundedTo9(ranked.score.score - $0) })
      }
      return RankReport.Row(ranked: ranked, change: change)
    }
    return RankReport(
      asOf: asOf, rubricVersion: rubric.version, pillars: rubric.pillars, rows: rows,
      hasBaseline: baseline != nil, baselineRunID: baseline?.runID)
  }
}
