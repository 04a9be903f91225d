import Domain
import Finance

extension ShowReport {
  /// §5 `show`: the provider's `risk` object plus `months` and `loans`. `as_of` and
  /// `assumptions` (the `risk` report's top-level keys) are added so that the document says
  /// when it was taken and whether it is stressed.
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
          "fixed_rent_usd": .dollars(month.fixedRent),
          "prepayment_applied_usd": .dollars(month.prepaymentApplied),
          "revolver_usd": .dollars(month.revolverBalance),
          "cfads_usd": .dollars(month.cfads),
          "debt_service_usd": .dollars(month.debtService),
          "balloon_usd": .dollars(month.balloon),
          "capex_usd": .dollars(month.capex),
          "draws_usd": .dollars(month.draws),
          "cash_usd": .dollars(month.cash),
        ])
      })
    let loansByID = Dictionary(book.loans.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
    members["loans"] = .array(
      risk.loans.map { schedule in
        let loan = loansByID[schedule.loanID]
        return .object([
          "loan_id": .string(schedule.loanID),
          "ltv_book": .metric(schedule.ltvBook),
          "ltv_market": .metric(schedule.ltvMarket),
          "facility": .string(schedule.facility.rawValue),
          "commitment_usd": .dollars(schedule.commitment),
          "undrawn_usd": .dollars(schedule.undrawn),
          "lender": JSONValue(loan?.lender),
          "rate": .metric(schedule.annualRatePct),
          "maturity_on": JSONValue(loan?.maturityOn.description),
          "min_dscr": .metric(loan?.covenantMinDSCR),
          "draws": .array(
            schedule.draws.map { draw in
              .object(["month": .string(draw.month.description), "amount_usd": .dollars(draw.amount)])
            }),
          "payments": .array(
            schedule.allPayments.map { payment in
              .object([
                "month": .string(payment.month.description),
                "interest_usd": .dollars(payment.interest),
                "principal_usd": .dollars(payment.principal),
                "balance_usd": .dollars(payment.balance),
              ])
            }),
        ])
      })
    return .object(members)
  }
}
