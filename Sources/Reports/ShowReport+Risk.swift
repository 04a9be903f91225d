import Domain
import Finance

/// The risk section of `show`: one row for machines, label/value lines for people.
extension ShowReport {
  /// The `risk` report's own row (its columns, the assumption columns when stressed), then the
  /// 12-month figures `risk` leaves out of its table.
  var riskRow: Table {
    var table = RiskReport(asOf: asOf, assumptions: assumptions, results: [risk]).table(assumptionColumns: true)
    table.titleLines = []
    // After `risk`'s own figures, before the assumption columns of a stressed run.
    let at = (table.columns.firstIndex { $0.key == "flags" } ?? table.columns.count - 1) + 1
    table.columns.insert(
      contentsOf: [
        Column("CFADS 12m", kind: .money, key: "cfads_12m_usd"),
        Column("Balloons 12m", kind: .money, key: "balloon_12m_usd"),
        Column("Top customer %", kind: .number, key: "top_customer_share_pct"),
      ], at: at)
    let extra: [Cell] = [.money(risk.cfads12m), .money(risk.balloon12m), .oneDecimal(risk.topCustomerSharePct)]
    table.groups = table.groups.map { group in
      RowGroup(
        title: group.title,
        rows: group.rows.map { row in
          var row = table.cellValues(of: row)
          row.insert(contentsOf: extra, at: min(at, row.count))
          return row
        })
    }
    return table
  }

  /// The risk summary as people read it: undefined figures say why.
  var riskFields: Table {
    let horizon = assumptions.horizonMonths
    let runway: Cell =
      risk.runwayMonths.map { months in
        let text = "\(months) months (cash runs out in \(risk.cashOutMonth?.description ?? "?"))"
        return Cell(display: text, plain: String(months), value: .number(Double(months)))
      } ?? .note("cash lasts the \(horizon)-month horizon")
    let utilization: Cell
    if let used = risk.utilizationPct {
      let reached =
        risk.breakEvenUtilizationPct.map { formatPercent($0) }
        ?? (risk.debtService12m == 0 ? "n/a, no debt service" : "none, DSCR 12m stays below 1 at 100%")
      let breakEven = risk.credit.breakEvenBasis == .contracts ? "contracts cover it" : reached
      let text = "\(formatPercent(used)) (break-even \(breakEven))"
      utilization = Cell(display: text, plain: formatOneDecimal(used), value: .number(roundedTo9(used)))
    } else {
      utilization = .note("no fleet active in M1")
    }
    return Table(
      columns: [
        Column("Grade"), Column("DSCR 12m"), Column("Revenue 12m"), Column("CFADS 12m"),
        Column("Debt service 12m"), Column("Balloons 12m"), Column("Utilization"), Column("Runway"),
        Column("Top customer share"), Column("Flags"),
      ],
      rows: [
        [
          .text(risk.grade.rawValue),
          risk.dscr12m.map { Cell.number($0, decimals: 2) } ?? .note("n/a (no debt service in 12 months)"),
          .money(risk.revenue12m), .money(risk.cfads12m), .money(risk.debtService12m), .money(risk.balloon12m),
          utilization, runway,
          risk.topCustomerSharePct.map { Cell.percent($0) } ?? .note("n/a (no contract revenue)"),
          risk.flags.isEmpty ? .note("none") : .text(risk.flags.map(\.rawValue).joined(separator: " ")),
        ]
      ])
  }
}
