import Domain
import Finance

/// What `risk` prints: providers riskiest first (§7 order), and the assumptions behind them.
package struct RiskReport: Sendable {
  package var asOf: Day
  package var assumptions: Assumptions
  package var results: [RiskResult]
  /// The portfolio view of `--simulate N` (CREDIT §C.6); nil without a simulation.
  package var portfolio: PortfolioSimulation?

  package init(asOf: Day, assumptions: Assumptions, results: [RiskResult], portfolio: PortfolioSimulation? = nil) {
    self.asOf = asOf
    self.assumptions = assumptions
    self.results = results
    self.portfolio = portfolio
  }

  /// `width`: the terminal's width for `table` (nil: never truncated).
  package func render(_ format: OutputFormat, width: TerminalWidth? = nil) -> String {
    format == .json
      ? json.render()
      : table(forMachines: format == .tsv || format == .csv).render(format, width: width)
        + format.glossaryFooter()
  }

  /// One line saying which stresses apply; nil for the base case. It names every customer
  /// defaulted in the results (CREDIT §C.5).
  package var stressLine: String? {
    stressDescription(assumptions, defaulted: results.flatMap(\.defaultedCustomers), asOf: asOf)
  }

  /// `--format xlsx`: the sheet `providers` (the tsv columns, keys as headers) and the sheet
  /// `about` (as-of date and every assumption, stressed or not).
  package var workbook: Workbook {
    Workbook(sheets: [
      Workbook.Sheet(name: "providers", table: table(forMachines: true)),
      Workbook.Sheet(name: "about", table: aboutTable(asOf: asOf, assumptions: assumptions)),
    ])
  }

  /// The risk table. People (table, markdown, html) read the main figures, and a stressed report
  /// says so in a `STRESSED: …` title line. Machines (tsv, csv) read every field of the JSON
  /// provider object, keyed as there, then the assumptions (`assumptions.utilization_pct`, …):
  /// the same columns whether stressed or not, an assumption left at its base value written too.
  package func table(forMachines: Bool) -> Table {
    // People see a PD column only when simulated (CREDIT §C.6), just before the flags.
    let simulated = assumptions.simulation != nil
    var columns = forMachines ? riskRowColumns + assumptionColumns : riskPeopleColumns
    if simulated && !forMachines { columns.insert(simulationPeopleColumn, at: columns.count - 1) }
    let rows = results.map { result -> [Cell] in
      if forMachines { return riskRowCells(result) + assumptionCells(assumptions) }
      var cells = riskPeopleCells(result)
      if simulated { cells.insert(simulationPeopleCell(result), at: cells.count - 1) }
      return cells
    }
    var titles = ["As of \(asOf) · horizon \(assumptions.horizonMonths) months"]
    if let stressLine { titles.insert(stressLine, at: 0) }
    if !forMachines { titles += simulationTitleLines(assumptions, portfolio: portfolio) }
    return Table(titleLines: titles, columns: columns, rows: rows)
  }

  /// `{"as_of", "horizon_months", "assumptions", "providers"}` exactly as §5.
  package var json: JSONValue {
    .object([
      "as_of": .string(asOf.description),
      "horizon_months": .integer(Int64(assumptions.horizonMonths)),
      "assumptions": assumptionsJSON(assumptions),
      "providers": .array(results.map(riskJSON)),
      "portfolio": portfolioJSON(portfolio),
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
/// A customer default names every customer in `defaulted` (those the providers shown lose) and
/// every name given to --customer-default (CREDIT §C.5). With `asOf` (every provider's M0 is its
/// month), a --default-from at or before M0 is said as the M1 it means (CREDIT §C.7).
package func stressDescription(_ assumptions: Assumptions, defaulted: [String] = [], asOf: Day? = nil) -> String? {
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
  if let customers = customerDefaultDescription(assumptions.customerDefault, defaulted: defaulted, asOf: asOf) {
    parts.append(customers)
  }
  return "STRESSED: " + parts.joined(separator: "; ")
}

/// `customers defaulting from M1: A, B (each provider's 2 largest); re-let after 6 months at 50%
/// utilization, 20% below market`; nil when no customer defaults. With `asOf`, a typed month at
/// or before M0 is said as M1, the month the default starts (CREDIT §C.7).
func customerDefaultDescription(_ terms: CustomerDefault, defaulted: [String], asOf: Day? = nil) -> String? {
  guard terms.isActive else { return nil }
  let from: String
  if let typed = terms.from {
    from = "from \(asOf.map { terms.firstMonth(m0: $0.month) } ?? typed)"
  } else {
    from = "from the month after as-of"
  }
  let names = Set(defaulted).union(terms.names).sorted()
  var text =
    "customers defaulting \(from): " + (names.isEmpty ? "none of the providers shown" : names.joined(separator: ", "))
  if let top = terms.topN, top > 0 {
    text += top == 1 ? " (each provider's largest customer" : " (each provider's \(top) largest customers"
    text += terms.names.isEmpty ? ")" : ", and those named)"
  }
  text +=
    ", re-let after \(terms.reletDelayMonths) months at \(plainDecimal(terms.reletUtilizationPct))% utilization, "
    + "\(plainDecimal(terms.reletHaircutPct))% below market"
  return text
}

/// The columns of `risk`'s table for people: the main figures, CREDIT §C.3's `n.m.` and
/// "contracts cover it" where they apply.
let riskPeopleColumns = [
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

func riskPeopleCells(_ result: RiskResult) -> [Cell] {
  let credit = result.credit
  return [
    .text(result.providerID), .text(result.grade.rawValue), dscrCell(result),
    .number(credit.interestCoverage, decimals: 2), leverageCell(credit.netLeverage, result),
    .oneDecimal(credit.covenantHeadroomPct),
    .money(result.revenue12m), .money(result.debtService12m), .money(credit.liquidity),
    .oneDecimal(result.utilizationPct), breakEvenCell(result), .integer(result.runwayMonths),
    .text(result.cashOutMonth?.description), .text(result.flags.map(\.rawValue).joined(separator: " ")),
  ]
}

/// One column per field of ``riskJSON(_:)``, in its order and with its keys (flags space-separated),
/// CREDIT §C.3's figures included. Values as computed: machines get no `n.m.`.
let riskMachineColumns = [
  Column("Provider", key: "provider_id"), Column("Name"), Column("Grade"), Column("DSCR 12m", kind: .number),
  Column("Revenue 12m", kind: .money, key: "revenue_12m_usd"),
  Column("CFADS 12m", kind: .money, key: "cfads_12m_usd"),
  Column("Debt service 12m", kind: .money, key: "debt_service_12m_usd"),
  Column("Balloons 12m", kind: .money, key: "balloon_12m_usd"),
  Column("Top customer %", kind: .number, key: "top_customer_share_pct"),
  Column("Utilization %", kind: .number, key: "utilization_pct"),
  Column("Break-even %", kind: .number, key: "break_even_utilization_pct"),
  Column("Cash out", key: "cash_out_month"), Column("Runway", kind: .number, key: "runway_months"),
  Column("Flags"),
  Column("Defaulted customers", key: "defaulted_customers"),
  Column("Total debt", kind: .money, key: "total_debt_usd"),
  Column("Net debt", kind: .money, key: "net_debt_usd"),
  Column("Interest 12m", kind: .money, key: "interest_12m_usd"),
  Column("Interest cover", kind: .number, key: "interest_coverage"),
  Column("Net leverage", kind: .number, key: "net_leverage"),
  Column("Net leverage M0", kind: .number, key: "net_leverage_m0"),
  Column("Liquidity", kind: .money, key: "liquidity_usd"),
  Column("Min cash 12m", kind: .money, key: "min_cash_12m_usd"),
  Column("Min cash", kind: .money, key: "min_cash_usd"),
  Column("Min cash month", key: "min_cash_month"),
  Column("Covenant DSCR", kind: .number, key: "covenant_dscr"),
  Column("Headroom %", kind: .number, key: "covenant_headroom_pct"),
  Column("Break-even basis", key: "break_even_basis"),
]

func riskMachineCells(_ result: RiskResult) -> [Cell] {
  let credit = result.credit
  return [
    .text(result.providerID), .text(result.name), .text(result.grade.rawValue),
    .number(result.dscr12m, decimals: 2), .money(result.revenue12m), .money(result.cfads12m),
    .money(result.debtService12m), .money(result.balloon12m), .oneDecimal(result.topCustomerSharePct),
    .oneDecimal(result.utilizationPct), .oneDecimal(result.breakEvenUtilizationPct),
    .text(result.cashOutMonth?.description), .integer(result.runwayMonths),
    .text(result.flags.map(\.rawValue).joined(separator: " ")),
    .text(result.defaultedCustomers.joined(separator: customerSeparator)),
    .money(credit.totalDebt), .money(credit.netDebt), .money(credit.interest12m),
    .number(credit.interestCoverage, decimals: 2), .number(credit.netLeverage, decimals: 2),
    .number(credit.netLeverageM0, decimals: 2), .money(credit.liquidity), .money(credit.minCash12m),
    .money(credit.minCash), .text(credit.minCashMonth?.description), .number(credit.covenantDSCR, decimals: 2),
    .oneDecimal(credit.covenantHeadroomPct), .text(credit.breakEvenBasis.rawValue),
  ]
}

/// The §5 `assumptions` object as columns, keyed by its JSON path; always present in tsv and csv
/// (`assumptions.utilization_pct` is empty when no override applies).
let assumptionMachineColumns = [
  Column("Horizon months", kind: .number, key: "assumptions.horizon_months"),
  Column("Hours per month", kind: .number, key: "assumptions.hours_per_month"),
  Column("Utilization override %", kind: .number, key: "assumptions.utilization_pct"),
  Column("Price shock %", kind: .number, key: "assumptions.price_shock_pct"),
  Column("Price decay %", kind: .number, key: "assumptions.price_decay_pct"),
  Column("Rate shock bp", kind: .number, key: "assumptions.rate_shock_bp"),
  Column("Collateral margin %", kind: .number, key: "assumptions.collateral_margin_pct"),
  Column("Customer default", key: "assumptions.customer_default"),
  Column("Top customer default", kind: .number, key: "assumptions.top_customer_default"),
  Column("Default from", key: "assumptions.default_from"),
  Column("Relet delay months", kind: .number, key: "assumptions.relet_delay_months"),
  Column("Relet haircut %", kind: .number, key: "assumptions.relet_haircut_pct"),
  Column("Relet utilization %", kind: .number, key: "assumptions.relet_utilization_pct"),
]

/// Between customer names in one tsv or csv cell (names may hold commas and spaces).
let customerSeparator = "; "

/// The customer-default assumptions as cells (CREDIT §C.7 keys), in the order of their columns.
func customerDefaultCells(_ terms: CustomerDefault) -> [Cell] {
  [
    .text(terms.names.sorted().joined(separator: customerSeparator)), .integer(terms.topN),
    .text(terms.from?.description), .integer(terms.reletDelayMonths), .decimal(terms.reletHaircutPct),
    .decimal(terms.reletUtilizationPct),
  ]
}

func assumptionMachineCells(_ assumptions: Assumptions) -> [Cell] {
  [
    .integer(assumptions.horizonMonths), .decimal(Assumptions.hoursPerMonth), .decimal(assumptions.utilizationPct),
    .decimal(assumptions.priceShockPct), .decimal(assumptions.priceDecayPct), .decimal(assumptions.rateShockBP),
    .decimal(assumptions.collateralMarginPct),
  ] + customerDefaultCells(assumptions.customerDefault)
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
      (Column("collateral_margin_pct", kind: .number), .oneDecimal(assumptions.collateralMarginPct)),
    ]
    + zip(
      [
        Column("customer_default"), Column("top_customer_default", kind: .number), Column("default_from"),
        Column("relet_delay_months", kind: .number), Column("relet_haircut_pct", kind: .number),
        Column("relet_utilization_pct", kind: .number),
      ],
      customerDefaultCells(assumptions.customerDefault)
    ).map { ($0, $1) } + simulationAboutFields(assumptions)
  return Table(columns: fields.map(\.0), rows: [fields.map(\.1)])
}

/// The §5 `assumptions` object; with `simulation`, also the keys of `--simulate N` (null when
/// not simulated). Runs store it without them (recompute never simulates).
package func assumptionsJSON(_ assumptions: Assumptions, simulation: Bool = true) -> JSONValue {
  var members: [String: JSONValue] = [
    "horizon_months": .integer(Int64(assumptions.horizonMonths)),
    "hours_per_month": .number(Assumptions.hoursPerMonth),
    "utilization_pct": .metric(assumptions.utilizationPct),
    "price_shock_pct": .metric(assumptions.priceShockPct),
    "price_decay_pct": .metric(assumptions.priceDecayPct),
    "rate_shock_bp": .metric(assumptions.rateShockBP),
    "collateral_margin_pct": .metric(assumptions.collateralMarginPct),
    "customer_default": .array(assumptions.customerDefault.names.sorted().map { .string($0) }),
    "top_customer_default": assumptions.customerDefault.topN.map { .integer(Int64($0)) } ?? .null,
    "default_from": assumptions.customerDefault.from.map { .string($0.description) } ?? .null,
    "relet_delay_months": .integer(Int64(assumptions.customerDefault.reletDelayMonths)),
    "relet_haircut_pct": .metric(assumptions.customerDefault.reletHaircutPct),
    "relet_utilization_pct": .metric(assumptions.customerDefault.reletUtilizationPct),
  ]
  if simulation { members.merge(simulationAssumptionMembers(assumptions)) { old, _ in old } }
  return .object(members)
}

/// One provider's §5 risk object: the machine table's row keyed by its columns (the tsv and csv
/// headers), `flags` as an array.
package func riskJSON(_ result: RiskResult) -> JSONValue {
  var members = jsonMembers(columns: riskRowColumns, cells: riskRowCells(result))
  members["flags"] = .array(result.flags.map { .string($0.rawValue) })
  members["defaulted_customers"] = .array(result.defaultedCustomers.map { .string($0) })
  simulationJSONMembers(result, into: &members)
  return .object(members)
}
