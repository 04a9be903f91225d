import Domain
import Finance

/// The monthly projection and the loan payment schedules of `show`.
extension ShowReport {
  /// M1…MH; machines (and JSON) also read the prepayment applied, and the tsv and csv the
  /// assumption columns after it, stressed or not.
  func monthsTable(forPeople: Bool, withAssumptions: Bool) -> Table {
    var columns = [
      Column("Month"), Column("Contract revenue", kind: .money, key: "contract_revenue_usd"),
      Column("On-demand revenue", kind: .money, key: "on_demand_revenue_usd"),
      Column("SLA credit", kind: .money, key: "sla_credit_usd"), Column("Revenue", kind: .money, key: "revenue_usd"),
      Column("Power", kind: .money, key: "power_usd"), Column("Colocation", kind: .money, key: "colocation_usd"),
      Column("Opex", kind: .money, key: "opex_usd"), Column("Fixed rent", kind: .money, key: "fixed_rent_usd"),
      Column("CFADS", kind: .money, key: "cfads_usd"),
      Column("Debt service", kind: .money, key: "debt_service_usd"),
      Column("Balloon", kind: .money, key: "balloon_usd"), Column("Capex", kind: .money, key: "capex_usd"),
      Column("Draws", kind: .money, key: "draws_usd"), Column("Revolver", kind: .money, key: "revolver_usd"),
      Column("Cash", kind: .money, key: "cash_usd"),
    ]
    if !forPeople {
      columns.append(Column("Prepayment applied", kind: .money, key: "prepayment_applied_usd"))
      // `--simulate N` (CREDIT §C.6): the month's cash across paths; empty when not simulated.
      columns += [
        Column("Cash p5", kind: .money, key: "cash_p5_usd"), Column("Cash p50", kind: .money, key: "cash_p50_usd"),
        Column("Cash p95", kind: .money, key: "cash_p95_usd"),
      ]
    }
    // People see the fan only when there is one (a table's columns may follow the run; tsv, csv
    // and JSON always carry them).
    let fanForPeople = forPeople && risk.simulation != nil
    if fanForPeople {
      columns += [
        Column("Cash p5", kind: .money, key: "cash_p5_usd"), Column("Cash p50", kind: .money, key: "cash_p50_usd"),
        Column("Cash p95", kind: .money, key: "cash_p95_usd"),
      ]
    }
    var fan: [Month: CashPercentiles] = [:]
    for percentiles in risk.simulation?.cash ?? [] { fan[percentiles.month] = percentiles }
    if withAssumptions { columns += assumptionColumns }
    let rows = risk.months.map { month -> [Cell] in
      var cells: [Cell] = [
        .text(month.month.description), .money(month.contractRevenue), .money(month.onDemandRevenue),
        .money(month.slaCredit), .money(month.revenue), .money(month.power), .money(month.colocation),
        .money(month.opex), .money(month.fixedRent), .money(month.cfads), .money(month.debtService),
        .money(month.balloon), .money(month.capex), .money(month.draws), .money(month.revolverBalance),
        .money(month.cash),
      ]
      if fanForPeople {
        let percentiles = fan[month.month]
        cells += [.money(percentiles?.p5), .money(percentiles?.p50), .money(percentiles?.p95)]
      }
      if !forPeople {
        let percentiles = fan[month.month]
        cells += [
          .money(month.prepaymentApplied), .money(percentiles?.p5), .money(percentiles?.p50),
          .money(percentiles?.p95),
        ]
      }
      if withAssumptions { cells += assumptionCells(assumptions) }
      return cells
    }
    return Table(columns: columns, rows: rows)
  }

  /// People: one titled group per loan (lender, starting balance, rate used, book LTV).
  /// Machines: one flat list led by the loan id.
  func paymentsTable(forPeople: Bool) -> Table {
    let lenders = Dictionary(book.loans.map { ($0.id, $0.lender) }, uniquingKeysWith: { first, _ in first })
    var columns = [
      Column("Month"), Column("Interest", kind: .money, key: "interest_usd"),
      Column("Principal", kind: .money, key: "principal_usd"), Column("Balance", kind: .money, key: "balance_usd"),
      Column("Note"),
    ]
    if !forPeople { columns.insert(Column("Loan", key: "loan_id"), at: 0) }
    let groups = risk.loans.map { schedule -> RowGroup in
      let rows = schedule.allPayments.map { payment -> [Cell] in
        var cells: [Cell] = [
          .text(payment.month.description), .money(payment.interest), .money(payment.principal),
          .money(payment.balance), .text(payment.isBalloon ? "balloon" : nil),
        ]
        if !forPeople { cells.insert(.text(schedule.loanID), at: 0) }
        return cells
      }
      return RowGroup(title: forPeople ? loanHeading(schedule, lender: lenders[schedule.loanID]) : nil, rows: rows)
    }
    return Table(columns: columns, groups: groups)
  }

  /// `loan-a · Lender · draw of 1,000.00 in 2027-03 at 9.5% · book LTV 62.5%`.
  func loanHeading(_ schedule: LoanSchedule, lender: String?) -> String {
    var parts = [schedule.loanID]
    if let lender { parts.append(lender) }
    let amount = formatMoney(schedule.startingBalance)
    let rate = "at \(plainDecimal(schedule.annualRatePct))%"
    if schedule.isDraw {
      parts.append("draw of \(amount) in \(schedule.drawMonth?.description ?? "?") \(rate)")
    } else if schedule.isPastMaturity {
      parts.append("\(amount) past maturity, owed in full")
    } else {
      parts.append("balance \(amount) \(rate)")
    }
    parts.append("book LTV " + (schedule.ltvBook.map { formatPercent($0 * 100) } ?? "n/a"))
    if schedule.payments.isEmpty { parts.append("no payments in the horizon") }
    return parts.joined(separator: " · ")
  }
}
