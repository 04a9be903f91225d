import Domain
import Reports
import Scoring
import Store

/// `neocloud explain PROVIDER`: one provider's score, criterion by criterion, and the path to
/// the next tier (§3).
public enum ExplainUseCase {
  /// Throws ``EngineError/unknownProvider(id:suggestion:)`` (with a "did you mean") for an id
  /// that is not stored.
  public static func run(store: Store, providerID: String, asOf: Day) throws -> ExplainReport {
    let analysis = try Analysis.load(from: store, asOf: asOf)
    let book = try analysis.book(providerID)
    let score = scoreProvider(book, rubric: analysis.rubric, asOf: asOf)
    return ExplainReport(
      asOf: asOf, rubricVersion: analysis.rubric.version, score: score,
      path: nextTierPath(score, rubric: analysis.rubric))
  }
}
