import Domain
import Finance

extension ShowReport {
  /// §5 `show`: the provider's `risk` object plus `months` and `loans` (every term, the book
  /// loan-to-value as `ltv_book_ratio`, and the `payments`), and everything the table shows:
  /// `profile`, `facilities`, `fleets`, `contracts`, `uptime` (keyed as the tsv and csv
  /// sections). `as_of` and `assumptions` (the `risk` report's top-level keys) say when it was
  /// taken and whether it is stressed.
  package var json: JSONValue {
    guard case .object(var members) = riskJSON(risk) else { return riskJSON(risk) }
    members["as_of"] = .string(asOf.description)
    members["assumptions"] = assumptionsJSON(assumptions)
    members["months"] = .array(objects(monthsTable(forPeople: false, withAssumptions: false)))
    members["profile"] = objects(profileTable).first ?? .null
    members["facilities"] = .array(objects(facilitiesTable))
    members["fleets"] = .array(objects(fleetsTable))
    members["contracts"] = .array(objects(contractsTable))
    members["uptime"] = .array(objects(uptimeTable))
    // The payments section's rows (led by `loan_id`), each under its loan without that key.
    let paymentsTable = paymentsTable(forPeople: false)
    let payments = paymentsTable.rows.map { row in
      var members = jsonMembers(columns: paymentsTable.columns, cells: paymentsTable.cellValues(of: row))
      let loanID = members.removeValue(forKey: "loan_id")
      return (loanID: loanID, members: members)
    }
    members["loans"] = .array(
      zip(book.loans, objects(loansTable(forPeople: false))).map { loan, terms in
        guard case .object(var loanMembers) = terms else { return terms }
        // A facility's draws (CREDIT §C.1), each `{month, amount_usd}`, beside the `draws_usd` sum.
        let draws = risk.loans.first { $0.loanID == loan.id }?.draws ?? []
        loanMembers["draws"] = .array(
          draws.map { draw in
            .object(["month": .string(draw.month.description), "amount_usd": .dollars(draw.amount)])
          })
        loanMembers["payments"] = .array(
          payments.filter { $0.loanID == .string(loan.id) }.map { .object($0.members) })
        return .object(loanMembers)
      })
    return .object(members)
  }
}

/// A table's rows as JSON objects keyed by its columns' keys (the tsv and csv headers).
private func objects(_ table: Table) -> [JSONValue] {
  guard case .array(let rows) = table.jsonValue else { return [] }
  return rows
}
