import Domain
import Finance

// `--simulate N` in the risk and show outputs (CREDIT §C.6). Machine formats carry the same
// columns simulated or not (issue 14), empty (null in JSON) without a simulation. A CSV header
// is the JSON key, except the Wilson intervals: JSON's `pd_12m_ci: [low, high]` is written as
// `pd_12m_ci_low` and `pd_12m_ci_high` in tsv, csv and xlsx (one value a cell).

/// Every column of a machine risk row: ``riskMachineColumns`` then the PD columns.
let riskRowColumns = riskMachineColumns + simulationMachineColumns

func riskRowCells(_ result: RiskResult) -> [Cell] { riskMachineCells(result) + simulationMachineCells(result) }

/// Every assumption column: ``assumptionMachineColumns`` then the simulation's.
let assumptionColumns = assumptionMachineColumns + simulationAssumptionColumns

func assumptionCells(_ assumptions: Assumptions) -> [Cell] {
  assumptionMachineCells(assumptions) + simulationAssumptionCells(assumptions)
}

/// The PD columns of a risk row.
let simulationMachineColumns = [
  Column("PD 12m", kind: .number, key: "pd_12m"), Column("PD horizon", kind: .number, key: "pd_horizon"),
  Column("PD 12m CI low", kind: .number, key: "pd_12m_ci_low"),
  Column("PD 12m CI high", kind: .number, key: "pd_12m_ci_high"),
  Column("PD horizon CI low", kind: .number, key: "pd_horizon_ci_low"),
  Column("PD horizon CI high", kind: .number, key: "pd_horizon_ci_high"),
]

func simulationMachineCells(_ result: RiskResult) -> [Cell] {
  let simulation = result.simulation
  return [
    probabilityCell(simulation?.pd12m.value), probabilityCell(simulation?.pdHorizon.value),
    probabilityCell(simulation?.pd12m.low), probabilityCell(simulation?.pd12m.high),
    probabilityCell(simulation?.pdHorizon.low), probabilityCell(simulation?.pdHorizon.high),
  ]
}

/// A probability, 0…1: four decimals in tables, 9 in JSON.
private func probabilityCell(_ value: Double?) -> Cell { .number(value, decimals: 4) }

/// JSON's PD keys: `pd_12m`, `pd_horizon` and the intervals as `[low, high]`, null when not
/// simulated; replaces the flat interval keys of the machine row.
func simulationJSONMembers(_ result: RiskResult, into members: inout [String: JSONValue]) {
  for key in ["pd_12m_ci_low", "pd_12m_ci_high", "pd_horizon_ci_low", "pd_horizon_ci_high"] {
    members.removeValue(forKey: key)
  }
  func interval(_ estimate: ProbabilityEstimate?) -> JSONValue {
    guard let estimate else { return .null }
    return .array([.metric(estimate.low), .metric(estimate.high)])
  }
  members["pd_12m_ci"] = interval(result.simulation?.pd12m)
  members["pd_horizon_ci"] = interval(result.simulation?.pdHorizon)
}

/// The people table's PD column (pd_horizon in percent), shown only when simulated.
let simulationPeopleColumn = Column("PD %", kind: .number, key: "pd_horizon")

func simulationPeopleCell(_ result: RiskResult) -> Cell {
  .percent(result.simulation.map { $0.pdHorizon.value * 100 })
}

/// The simulation's assumptions as machine columns, keyed by their JSON paths.
let simulationAssumptionColumns = [
  Column("Simulated paths", kind: .number, key: "assumptions.simulate"),
  Column("Seed", kind: .number, key: "assumptions.seed"),
  Column("Price vol %", kind: .number, key: "assumptions.price_vol_pct"),
  Column("Price vol source", key: "assumptions.price_vol_source"),
  Column("Utilization vol points", kind: .number, key: "assumptions.utilization_vol_pts"),
  Column("Default rate IG %", kind: .number, key: "assumptions.default_rates_pct.investment_grade"),
  Column("Default rate HY %", kind: .number, key: "assumptions.default_rates_pct.high_yield"),
  Column("Default rate unrated %", kind: .number, key: "assumptions.default_rates_pct.unrated"),
]

func simulationAssumptionCells(_ assumptions: Assumptions) -> [Cell] {
  let settings = assumptions.simulation
  return [
    .integer(settings?.paths), .text(settings.map { String($0.seed) }),
    .decimal(settings?.priceVol?.pct), .text(settings?.priceVol?.source.rawValue),
    .decimal(settings?.utilizationVolPts), .decimal(settings?.defaultRates.investmentGradePct),
    .decimal(settings?.defaultRates.highYieldPct), .decimal(settings?.defaultRates.unratedPct),
  ]
}

/// The simulation's keys of the `assumptions` object, null when not simulated.
func simulationAssumptionMembers(_ assumptions: Assumptions) -> [String: JSONValue] {
  guard let settings = assumptions.simulation else {
    return [
      "simulate": .null, "seed": .null, "price_vol_pct": .null, "price_vol_source": .null,
      "utilization_vol_pts": .null, "default_rates_pct": .null,
    ]
  }
  return [
    "simulate": .integer(Int64(settings.paths)),
    "seed": .integer(Int64(clamping: settings.seed)),
    "price_vol_pct": .metric(settings.priceVol?.pct),
    "price_vol_source": settings.priceVol.map { .string($0.source.rawValue) } ?? .null,
    "utilization_vol_pts": .metric(settings.utilizationVolPts),
    "default_rates_pct": .object([
      "investment_grade": .metric(settings.defaultRates.investmentGradePct),
      "high_yield": .metric(settings.defaultRates.highYieldPct),
      "unrated": .metric(settings.defaultRates.unratedPct),
    ]),
  ]
}

/// The `about` sheet's simulation fields.
func simulationAboutFields(_ assumptions: Assumptions) -> [(Column, Cell)] {
  // The key as in JSON `assumptions` (a nested one as its dotted path), not snake-cased.
  let columns = simulationAssumptionColumns.map {
    let key = String($0.key.dropFirst("assumptions.".count))
    return Column(key, kind: $0.kind, key: key)
  }
  return Array(zip(columns, simulationAssumptionCells(assumptions)))
}

/// Risk JSON's top-level `portfolio`: null without a simulation.
func portfolioJSON(_ portfolio: PortfolioSimulation?) -> JSONValue {
  guard let portfolio else { return .null }
  return .object([
    "paths": .integer(Int64(portfolio.paths)),
    "providers": .integer(Int64(portfolio.providers)),
    "expected_defaults_12m": .metric(portfolio.expectedDefaults12m),
    "defaults_12m_p50": .integer(Int64(portfolio.defaults12mP50)),
    "defaults_12m_p95": .integer(Int64(portfolio.defaults12mP95)),
    "expected_defaults_horizon": .metric(portfolio.expectedDefaultsHorizon),
    "defaults_horizon_p50": .integer(Int64(portfolio.defaultsHorizonP50)),
    "defaults_horizon_p95": .integer(Int64(portfolio.defaultsHorizonP95)),
  ])
}

/// Title lines of a simulated report for people: the simulation's terms and the portfolio view.
func simulationTitleLines(_ assumptions: Assumptions, portfolio: PortfolioSimulation?) -> [String] {
  guard let settings = assumptions.simulation else { return [] }
  // σ from the price history reads to one decimal for people (JSON keeps every digit); a typed
  // `--price-vol` or the 40 % fallback reads as it is.
  let vol =
    settings.priceVol.map {
      let pct = $0.source == .history ? formatFixed($0.pct, decimals: 1) : plainDecimal(roundedTo9($0.pct))
      return "\(pct)% (\($0.source.rawValue))"
    } ?? "n/a"
  let rates = settings.defaultRates
  var lines = [
    "SIMULATED: \(settings.paths) paths, seed \(settings.seed); price vol \(vol); utilization vol "
      + "\(plainDecimal(settings.utilizationVolPts)) points; customer default rates "
      + "\(plainDecimal(rates.investmentGradePct))/\(plainDecimal(rates.highYieldPct))/"
      + "\(plainDecimal(rates.unratedPct))% a year (IG/HY/unrated)"
  ]
  if let portfolio {
    lines.append(
      "Portfolio of \(portfolio.providers): expected defaults within 12 months "
        + "\(formatFixed(portfolio.expectedDefaults12m, decimals: 2)) (p50 \(portfolio.defaults12mP50), p95 "
        + "\(portfolio.defaults12mP95)); within the horizon \(formatFixed(portfolio.expectedDefaultsHorizon, decimals: 2)) "
        + "(p50 \(portfolio.defaultsHorizonP50), p95 \(portfolio.defaultsHorizonP95))")
  }
  return lines
}
