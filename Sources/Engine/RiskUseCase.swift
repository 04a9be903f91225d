import Domain
import Finance
import Reports
import Store

/// `neocloud risk`: project every provider under the assumptions, riskiest first.
public enum RiskUseCase {
  public static func run(store: Store, asOf: Day, assumptions: Assumptions) throws -> RiskReport {
    let analysis = try Analysis.load(from: store, asOf: asOf)
    return RiskReport(asOf: asOf, assumptions: assumptions, results: analysis.risks(assumptions))
  }
}
