import Domain
import Finance
import Reports

/// Refuses a `--customer-default` name that no contract in the database names (CREDIT §C.5:
/// matched exactly; exit 64), in one sentence naming the closest known customers.
func checkCustomerNames(_ terms: CustomerDefault, known: Set<String>) throws {
  for name in terms.names.sorted() where !known.contains(name) {
    let closest = closestMatches(name, among: Array(known))
    guard !closest.isEmpty else {
      throw EngineError.usage(
        "unknown customer '\(name)' in --customer-default: the database holds no contracts, so no customer can default."
      )
    }
    let quoted = closest.map { "'\($0)'" }
    let list =
      quoted.count == 1 ? quoted[0] : quoted.dropLast().joined(separator: ", ") + " or " + (quoted.last ?? "")
    throw EngineError.usage(
      "unknown customer '\(name)' in --customer-default (names match contracts.customer exactly): did you mean \(list)?"
    )
  }
}

/// The customer names of a batch's contracts, gathered only when a name must be checked.
func gatherCustomers(_ books: [ProviderBook], into known: inout Set<String>, if terms: CustomerDefault) {
  guard !terms.names.isEmpty else { return }
  for book in books { for contract in book.contracts { known.insert(contract.customer) } }
}
