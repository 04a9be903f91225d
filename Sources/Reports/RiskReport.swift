import Domain
import Finance

/// What `risk` prints: providers riskiest first (§7 order), and the assumptions behind them.
package struct RiskReport: Sendable {
  package var asOf: Day
  package var assumptions: Assumptions
  package var results: [RiskResult]

  package init(asOf: Day, assumptions: Assumptions, results: [RiskResult]) {
    self.asOf = asOf
    self.assumptions = assumptions
    self.results = results
  }

  /// `width`: the terminal's width for `table` (nil: never truncated).
  package func render(_ format: OutputFormat, width: TerminalWidth? = nil) -> String {
    format == .json
      ? json.render()
      : table(assumptionColumns: format == .tsv || format == .csv).render(format, width: width)
        + format.glossaryFooter()
  }

  /// One line saying which stresses apply; nil for the base case.
  package var stressLine: String? { stressDescription(assumptions) }

  /// `--format xlsx`: the sheet `providers` (the tsv columns, keys as headers) and the sheet
  /// `about` (as-of date and every assumption, stressed or not).
  package var workbook: Workbook {
    Workbook(sheets: [
      Workbook.Sheet(name: "providers", table: table(assumptionColumns: true)),
      Workbook.Sheet(name: "about", table: aboutTable(asOf: asOf, assumptions: assumptions)),
    ])
  }

  /// The risk table; a stressed report adds its assumptions as columns where no title line is
  /// printed (tsv, csv), and says so in a `STRESSED: …` title line elsewhere. tsv and csv (the
  /// machine formats, `assumptionColumns`) also carry every CREDIT §C.3 figure.
  package func table(assumptionColumns: Bool) -> Table {
    var columns = [
      Column("Provider", key: "provider_id"), Column("Grade"), Column("DSCR 12m", kind: .number),
      Column("Interest cover", kind: .number, key: "interest_coverage"),
      Column("Net leverage", kind: .number, key: "net_leverage"),
      Column("Headroom %", kind: .number, key: "covenant_headroom_pct"),
      Column("Revenue 12m", kind: .money, key: "revenue_12m_usd"),
      Column("Debt service 12m", kind: .money, key: "debt_service_12m_usd"),
      Column("Liquidity", kind: .money, key: "liquidity_usd"),
      Column("Utilization %", kind: .number, key: "utilization_pct"),
      Column("Break-even %", kind: .number, key: "break_even_utilization_pct"),
      Column("Runway", kind: .number, key: "runway_months"), Column("Cash out", key: "cash_out_month"),
      Column("Flags"),
    ]
    let allFigures = assumptionColumns
    if allFigures {
      columns += [
        Column("Total debt", kind: .money, key: "total_debt_usd"),
        Column("Net debt", kind: .money, key: "net_debt_usd"),
        Column("Interest 12m", kind: .money, key: "interest_12m_usd"),
        Column("Net leverage M0", kind: .number, key: "net_leverage_m0"),
        Column("Min cash 12m", kind: .money, key: "min_cash_12m_usd"),
        Column("Min cash", kind: .money, key: "min_cash_usd"),
        Column("Min cash month", key: "min_cash_month"),
        Column("Covenant DSCR", kind: .number, key: "covenant_dscr"),
        Column("Break-even basis", key: "break_even_basis"),
      ]
    }
    let stressed = assumptions.isStressed && assumptionColumns
    if stressed {
      // tsv and csv carry no title line, so a stressed report names its assumptions in columns.
      columns += [
        Column("Horizon months", kind: .number, key: "horizon_months"),
        Column("Utilization override %", kind: .number, key: "utilization_override_pct"),
        Column("Price shock %", kind: .number, key: "price_shock_pct"),
        Column("Price decay %", kind: .number, key: "price_decay_pct"),
        Column("Rate shock bp", kind: .number, key: "rate_shock_bp"),
      ]
    }
    let rows = results.map { result -> [Cell] in
      let credit = result.credit
      var cells: [Cell] = [
        .text(result.providerID), .text(result.grade.rawValue), dscrCell(result),
        .number(credit.interestCoverage, decimals: 2), leverageCell(credit.netLeverage, result),
        .oneDecimal(credit.covenantHeadroomPct),
        .money(result.revenue12m), .money(result.debtService12m), .money(credit.liquidity),
        .oneDecimal(result.utilizationPct), breakEvenCell(result), .integer(result.runwayMonths),
        .text(result.cashOutMonth?.description), .text(result.flags.map(\.rawValue).joined(separator: " ")),
      ]
      if allFigures {
        cells += [
          .money(credit.totalDebt), .money(credit.netDebt), .money(credit.interest12m),
          leverageCell(credit.netLeverageM0, result), .money(credit.minCash12m), .money(credit.minCash),
          .text(credit.minCashMonth?.description), .number(credit.covenantDSCR, decimals: 2),
          .text(credit.breakEvenBasis.rawValue),
        ]
      }
      if stressed {
        cells += [
          .integer(assumptions.horizonMonths), .oneDecimal(assumptions.utilizationPct),
          .oneDecimal(assumptions.priceShockPct), .oneDecimal(assumptions.priceDecayPct),
          .oneDecimal(assumptions.rateShockBP),
        ]
      }
      return cells
    }
    var titles = ["As of \(asOf) · horizon \(assumptions.horizonMonths) months"]
    if let stressLine { titles.insert(stressLine, at: 0) }
    return Table(titleLines: titles, columns: columns, rows: rows)
  }

  /// `{"as_of", "horizon_months", "assumptions", "providers"}` exactly as §5.
  package var json: JSONValue {
    .object([
      "as_of": .string(asOf.description),
      "horizon_months": .integer(Int64(assumptions.horizonMonths)),
      "assumptions": assumptionsJSON(assumptions),
      "providers": .array(results.map(riskJSON)),
    ])
  }
}

/// `n.m.` (not meaningful) in tables (CREDIT §C.3): a ratio over CFADS that is not positive.
let notMeaningful = Cell(display: "n.m.", plain: "n.m.", value: .empty)

/// DSCR12 with two decimals; `n.m.` when CFADS12 ≤ 0 < debt service12 (CREDIT §C.3).
func dscrCell(_ result: RiskResult) -> Cell {
  if result.cfads12m <= 0 && result.debtService12m > 0 { return notMeaningful }
  return .number(result.dscr12m, decimals: 2)
}

/// A net leverage with two decimals; `n.m.` when CFADS12 ≤ 0 (CREDIT §C.3).
func leverageCell(_ value: Double?, _ result: RiskResult) -> Cell {
  if result.cfads12m <= 0 { return notMeaningful }
  return .number(value, decimals: 2)
}

/// Break-even utilization; "contracts cover it" when DSCR12 ≥ 1 at 0 % (CREDIT §C.3), never
/// `0.0%`, which would read as riskless.
func breakEvenCell(_ result: RiskResult) -> Cell {
  if result.credit.breakEvenBasis == .contracts {
    return Cell(display: "contracts cover it", plain: "contracts cover it", value: .text("contracts"))
  }
  return .oneDecimal(result.breakEvenUtilizationPct)
}

/// `STRESSED: …` naming every assumption that differs from the base case; nil when none does.
package func stressDescription(_ assumptions: Assumptions) -> String? {
  guard assumptions.isStressed else { return nil }
  let base = Assumptions.base
  var parts: [String] = []
  if let utilization = assumptions.utilizationPct {
    parts.append("utilization \(plainDecimal(utilization))% for every fleet")
  }
  if assumptions.priceShockPct != base.priceShockPct {
    let shock = assumptions.priceShockPct
    parts.append("market prices \(shock > 0 ? "+" : "")\(plainDecimal(shock))%")
  }
  if assumptions.priceDecayPct != base.priceDecayPct {
    parts.append(
      "price decay \(plainDecimal(assumptions.priceDecayPct))%/yr (base \(plainDecimal(base.priceDecayPct)))")
  }
  if assumptions.rateShockBP != base.rateShockBP {
    let shock = assumptions.rateShockBP
    parts.append("floating rates \(shock > 0 ? "+" : "")\(plainDecimal(shock)) bp")
  }
  if assumptions.horizonMonths != base.horizonMonths {
    parts.append("horizon \(assumptions.horizonMonths) months (base \(base.horizonMonths))")
  }
  return "STRESSED: " + parts.joined(separator: "; ")
}

/// One row: the as-of date, then the §5 `assumptions` object's keys (the `about` sheet of a
/// workbook).
func aboutTable(asOf: Day, assumptions: Assumptions, leading: [(Column, Cell)] = []) -> Table {
  let fields: [(Column, Cell)] =
    [(Column("as_of"), .text(asOf.description))] + leading + [
      (Column("horizon_months", kind: .number), .integer(assumptions.horizonMonths)),
      (Column("hours_per_month", kind: .number), .decimal(Assumptions.hoursPerMonth)),
      (Column("utilization_pct", kind: .number), .oneDecimal(assumptions.utilizationPct)),
      (Column("price_shock_pct", kind: .number), .oneDecimal(assumptions.priceShockPct)),
      (Column("price_decay_pct", kind: .number), .oneDecimal(assumptions.priceDecayPct)),
      (Column("rate_shock_bp", kind: .number), .oneDecimal(assumptions.rateShockBP)),
    ]
  return Table(columns: fields.map(\.0), rows: [fields.map(\.1)])
}

/// The §5 `assumptions` object.
package func assumptionsJSON(_ assumptions: Assumptions) -> JSONValue {
  .object([
    "horizon_months": .integer(Int64(assumptions.horizonMonths)),
    "hours_per_month": .number(Assumptions.hoursPerMonth),
    "utilization_pct": .metric(assumptions.utilizationPct),
    "price_shock_pct": .metric(assumptions.priceShockPct),
    "price_decay_pct": .metric(assumptions.priceDecayPct),
    "rate_shock_bp": .metric(assumptions.rateShockBP),
    "collateral_margin_pct": .metric(assumptions.collateralMarginPct),
  ])
}

/// One provider's §5 risk object.
package func riskJSON(_ result: RiskResult) -> JSONValue {
  .object([
    "provider_id": .string(result.providerID),
    "name": .string(result.name),
    "grade": .string(result.grade.rawValue),
    "dscr_12m": .metric(result.dscr12m),
    "revenue_12m_usd": .dollars(result.revenue12m),
    "cfads_12m_usd": .dollars(result.cfads12m),
    "debt_service_12m_usd": .dollars(result.debtService12m),
    "balloon_12m_usd": .dollars(result.balloon12m),
    "top_customer_share_pct": .metric(result.topCustomerSharePct),
    "utilization_pct": .metric(result.utilizationPct),
    "break_even_utilization_pct": .metric(result.breakEvenUtilizationPct),
    "cash_out_month": JSONValue(result.cashOutMonth?.description),
    "runway_months": JSONValue(result.runwayMonths),
    "flags": .array(result.flags.map { .string($0.rawValue) }),
    // CREDIT §C.3.
    "total_debt_usd": .dollars(result.credit.totalDebt),
    "net_debt_usd": .dollars(result.credit.netDebt),
    "interest_12m_usd": .dollars(result.credit.interest12m),
    "interest_coverage": .metric(result.credit.interestCoverage),
    "net_leverage": .metric(result.credit.netLeverage),
    "net_leverage_m0": .metric(result.credit.netLeverageM0),
    "liquidity_usd": .dollars(result.credit.liquidity),
    "min_cash_12m_usd": .dollars(result.credit.minCash12m),
    "min_cash_usd": .dollars(result.credit.minCash),
    "min_cash_month": JSONValue(result.credit.minCashMonth?.description),
    "covenant_dscr": .metric(result.credit.covenantDSCR),
    "covenant_headroom_pct": .metric(result.credit.covenantHeadroomPct),
    "break_even_basis": .string(result.credit.breakEvenBasis.rawValue),
  ])
}
