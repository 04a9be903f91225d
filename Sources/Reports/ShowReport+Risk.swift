import Domain
import Finance

/// The risk section of `show`: one row for machines, label/value lines for people.
extension ShowReport {
  /// The `risk` report's row for machines: every field of the provider's risk object, then the
  /// assumptions, the same columns whether stressed or not.
  var riskRow: Table {
    Table(
      columns: riskRowColumns + assumptionColumns,
      rows: [riskRowCells(risk) + assumptionCells(assumptions)])
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
    var table = Table(
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
    if let simulation = risk.simulation {
      table = Table(
        columns: table.columns + [Column("PD horizon"), Column("PD 12m")],
        rows: [table.rows[0] + [pdFieldCell(simulation.pdHorizon), pdFieldCell(simulation.pd12m)]])
    }
    // The report's words (watch list and risk table), after the figures they explain.
    let why = riskReasons(
      risk, covenantDSCR: risk.credit.covenantDSCR, minLiquidityUSD: book.provider.minLiquidity?.dollars)
    if !why.isEmpty {
      table = Table(
        columns: table.columns + [Column("Why")], rows: [table.rows[0] + [.text(why.joined(separator: "; "))]])
    }
    return table
  }
}

/// `33.4% (95% interval 29.3%–37.7%)`: a simulated probability of default for people.
func pdFieldCell(_ estimate: ProbabilityEstimate) -> Cell {
  let share = estimate.value * 100
  let text =
    "\(formatPercent(share)) (95% interval \(formatPercent(estimate.low * 100))–\(formatPercent(estimate.high * 100)))"
  return Cell(display: text, plain: formatOneDecimal(share), value: .number(roundedTo9(share)))
}
