import Domain
import Finance

extension ShowReport {
  /// CREDIT §C.3 as people read it: debt, liquidity, coverage and leverage, each ratio `n.m.`
  /// where it means nothing.
  var liquidityTable: Table {
    let credit = risk.credit
    func ratio(_ value: Double?, _ unit: String = "×") -> Cell {
      guard let value else { return .empty }
      let text = formatFixed(value, decimals: 2) + unit
      return Cell(display: text, plain: formatFixed(value, decimals: 2), value: .number(value))
    }
    let leverage: (Double?) -> Cell = { value in
      self.risk.cfads12m <= 0 ? notMeaningful : ratio(value)
    }
    let minCash = Cell(
      display: formatMoney(credit.minCash) + (credit.minCashMonth.map { " (\($0))" } ?? ""),
      plain: formatMoneyPlain(credit.minCash), value: .number(credit.minCash))
    return Table(
      columns: [
        Column("Total debt", kind: .money, key: "total_debt_usd"),
        Column("Net debt", kind: .money, key: "net_debt_usd"),
        Column("Liquidity", kind: .money, key: "liquidity_usd"),
        Column("Interest 12m", kind: .money, key: "interest_12m_usd"),
        Column("Interest cover", kind: .number, key: "interest_coverage"),
        Column("Net leverage", kind: .number, key: "net_leverage"),
        Column("Net leverage M0", kind: .number, key: "net_leverage_m0"),
        Column("Covenant DSCR", kind: .number, key: "covenant_dscr"),
        Column("Headroom %", kind: .number, key: "covenant_headroom_pct"),
        Column("Min cash 12m", kind: .money, key: "min_cash_12m_usd"),
        Column("Min cash", kind: .money, key: "min_cash_usd"),
      ],
      rows: [
        [
          .money(credit.totalDebt), .money(credit.netDebt), .money(credit.liquidity), .money(credit.interest12m),
          ratio(credit.interestCoverage), leverage(credit.netLeverage), leverage(credit.netLeverageM0),
          ratio(credit.covenantDSCR), .oneDecimal(credit.covenantHeadroomPct), .money(credit.minCash12m), minCash,
        ]
      ])
  }
}
