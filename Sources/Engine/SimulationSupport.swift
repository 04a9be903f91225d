import Domain
import Finance
import Foundation
import Store

/// What a command needs to run `--simulate N` (CREDIT §C.6): σ resolved against the stored price
/// history, every customer's worst rating, and the number of threads.
package struct SimulationRun: Sendable {
  /// The environment variable that caps the simulation's threads (a positive integer; default:
  /// every core). The figures are the same at any count.
  package static let threadsVariable = "NEOCLOUD_THREADS"

  /// The assumptions with the simulation's σ and its source filled in.
  package let assumptions: Assumptions
  package let context: SimulationContext
  package let threads: Int

  /// Nil when the assumptions ask for no simulation.
  package static func prepare(store: Store, asOf: Day, assumptions: Assumptions, context: Context) throws
    -> SimulationRun?
  {
    guard let settings = assumptions.simulation else { return nil }
    let m0 = asOf.month
    let first = Day(year: (m0 - 36).year, month: (m0 - 36).month, day: 1)
    let lastMonth = m0 - 1
    let last = Day(year: lastMonth.year, month: lastMonth.month, day: daysIn(lastMonth))
    var history: [MarketPrice] = []
    if let first, let last {
      history = try store.marketPrices(observedFrom: first, through: last)
    }
    var resolved = assumptions
    let resolvedSettings = settings.resolvingPriceVol(history: history, m0: m0)
    resolved.simulation = resolvedSettings
    let ratings = try store.worstCustomerRatings()
    // An unknown `--customer-default` name is refused before the paths run, not after.
    try checkCustomerNames(assumptions.customerDefault, known: Set(ratings.keys))
    let simulation = SimulationContext(
      settings: resolvedSettings, asOf: asOf, assumptions: resolved, customerRatings: ratings)
    return SimulationRun(assumptions: resolved, context: simulation, threads: try context.simulationThreads())
  }

  /// Simulates `books` (results in their order) and adds their cash-outs to `portfolio`.
  package func simulate(
    _ books: [ProviderBook], prices: MarketPriceIndex, asOf: Day, collectCash: Bool,
    portfolio: inout PortfolioCounts
  ) -> [ProviderSimulation] {
    simulateProviders(
      books, prices: prices, asOf: asOf, assumptions: assumptions, context: context,
      collectCash: collectCash, threads: threads, portfolio: &portfolio)
  }
}

/// The number of days of a month (28–31).
private func daysIn(_ month: Month) -> Int {
  var day = 31
  while day > 28, Day(year: month.year, month: month.month, day: day) == nil { day -= 1 }
  return day
}

extension Context {
  /// `NEOCLOUD_THREADS` when set (an integer 1–1024), else every core.
  package func simulationThreads() throws -> Int {
    guard let text = environment[SimulationRun.threadsVariable], !text.isEmpty else {
      return max(1, ProcessInfo.processInfo.activeProcessorCount)
    }
    guard let threads = Int(text), (1...1024).contains(threads), String(threads) == text else {
      throw EngineError.usage(
        "\(SimulationRun.threadsVariable) '\(text)' is not a number of threads from 1 to 1024: fix or unset it.")
    }
    return threads
  }
}
