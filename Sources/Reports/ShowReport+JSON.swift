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
    members["months"] = .array(
      risk.months.map { month in
        .object([
          "month": .string(month.month.description),
          "contract_revenue_usd": .dollars(month.contractRevenue),
          "on_demand_revenue_usd": .dollars(month.onDemandRevenue),
          "sla_credit_usd": .dollars(month.slaCredit),
          "revenue_usd": .dollars(month.revenue),
          "power_usd": .dollars(month.power),
          "colocation_usd": .dollars(month.colocation),
          "opex_usd": .dollars(month.opex),
          "cfads_usd": .dollars(month.cfads),
          "debt_service_usd": .dollars(month.debtService),
          "balloon_usd": .dollars(month.balloon),
          "capex_usd": .dollars(month.capex),
          "draws_usd": .dollars(month.draws),
          "cash_usd": .dollars(month.cash),
        ])
      })
    members["profile"] = objects(profileTable).first ?? .null
    members["facilities"] = .array(objects(facilitiesTable))
    members["fleets"] = .array(objects(fleetsTable))
    members["contracts"] = .array(objects(contractsTable))
    members["uptime"] = .array(objects(uptimeTable))
    let schedules = Dictionary(risk.loans.map { ($0.loanID, $0) }, uniquingKeysWith: { first, _ in first })
    members["loans"] = .array(
      zip(book.loans, objects(loansTable)).map { loan, terms in
        guard case .object(var loanMembers) = terms else { return terms }
        loanMembers["payments"] = .array(
          (schedules[loan.id]?.payments ?? []).map { payment in
            .object([
              "month": .string(payment.month.description),
              "interest_usd": .dollars(payment.interest),
              "principal_usd": .dollars(payment.principal),
              "balance_usd": .dollars(payment.balance),
              "note": JSONValue(payment.isBalloon ? "balloon" : nil),
            ])
          })
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
