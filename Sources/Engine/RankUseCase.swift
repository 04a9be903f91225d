import Domain
import Reports
import Scoring
import Store

/// `neocloud rank`: score and rank every provider, keep those matching the filters.
public enum RankUseCase {
  public struct Filters: Sendable, Equatable {
    public var segment: Segment?
    public var country: String?
    public var gpuModel: String?

    public init(segment: Segment? = nil, country: String? = nil, gpuModel: String? = nil) {
      self.segment = segment
      self.country = country
      self.gpuModel = gpuModel
    }

    func matches(_ book: ProviderBook) -> Bool {
      if let segment, book.provider.segment != segment { return false }
      if let country, book.provider.country != country { return false }
      if let gpuModel, !book.fleets.contains(where: { $0.gpuModel == gpuModel }) { return false }
      return true
    }
  }

  /// Ranks are positions in the whole universe, so a filtered list keeps each provider's rank.
  public static func run(store: Store, asOf: Day, filters: Filters) throws -> RankReport {
    let analysis = try Analysis.load(from: store, asOf: asOf)
    let baseline = try store.latestRun().map { try store.snapshots(runID: $0.runID) }
    return report(analysis, baseline: baseline, filters: filters)
  }

  /// The rank report over an analysis, with the change since `baseline` (the latest completed
  /// run's snapshots; nil when there is no run yet).
  public static func report(_ analysis: Analysis, baseline: [SnapshotRecord]?, filters: Filters = Filters())
    -> RankReport
  {
    let keep = Set(analysis.dataset.books.filter(filters.matches).map(\.provider.id))
    let previous = Dictionary((baseline ?? []).map { ($0.providerID, $0) }, uniquingKeysWith: { first, _ in first })
    let rows = analysis.ranked().filter { keep.contains($0.score.providerID) }.map { ranked in
      let change = previous[ranked.score.providerID].map { snapshot in
        RankReport.Change(
          previousTier: snapshot.tier.rawValue,
          scoreDelta: snapshot.score.map { roundedTo9(ranked.score.score - $0) })
      }
      return RankReport.Row(ranked: ranked, change: change)
    }
    return RankReport(
      asOf: analysis.asOf, rubricVersion: analysis.rubric.version, pillars: analysis.rubric.pillars, rows: rows,
      hasBaseline: baseline != nil)
  }
}
