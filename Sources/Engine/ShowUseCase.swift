import Domain
import Finance
import Reports
import Store

/// `neocloud show PROVIDER`: one provider's book and its projection under the assumptions.
public enum ShowUseCase {
  /// Throws ``EngineError/unknownProvider(id:suggestion:)`` (with a "did you mean") for an id
  /// that is not stored.
  public static func run(
    store: Store, providerID: String, asOf: Day, assumptions: Assumptions
  ) throws -> ShowReport {
    let analysis = try Analysis.load(from: store, asOf: asOf)
    let book = try analysis.book(providerID)
    let risk = assessRisk(book, prices: analysis.prices, asOf: asOf, assumptions: assumptions)
    return ShowReport(asOf: asOf, assumptions: assumptions, book: book, risk: risk)
  }
}
