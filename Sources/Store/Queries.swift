import Domain
import GRDB

/// Everything the engines need, read in one transaction: providers with their books,
/// the rubric and the market prices.
public struct Dataset: Sendable {
  public var books: [ProviderBook]  // by provider_id
  public var rubric: [Criterion]  // by criterion_id
  public var marketPrices: [MarketPrice]  // by gpu_model, observed_on

  public init(books: [ProviderBook], rubric: [Criterion], marketPrices: [MarketPrice]) {
    self.books = books
    self.rubric = rubric
    self.marketPrices = marketPrices
  }
}

/// A stored value that no longer parses (the schema checks most things; dates are text).
struct StoredValueError: Error, CustomStringConvertible {
  let table: String
  let column: String
  let value: String
  var description: String { "table \(table) holds an invalid \(column) '\(value)'" }
}

extension Store {
  /// Reads the whole dataset (every table once, grouped by provider in memory: linear in size).
  public func loadDataset() throws -> Dataset {
    try queue.read { db in try Store.loadDataset(db) }
  }

  static func loadDataset(_ db: GRDB.Database) throws -> Dataset {
    var facilities: [String: [Facility]] = [:]
    try Row.fetchCursor(db, sql: "SELECT * FROM facilities ORDER BY facility_id").forEach { row in
      let facility = Facility(
        id: row["facility_id"], providerID: row["provider_id"], name: row["name"],
        region: row["region"], itCapacityMW: row["it_capacity_mw"], pue: row["pue"],
        powerUSDPerKWh: row["power_usd_per_kwh"],
        colocationUSDPerKWMonth: row["colocation_usd_per_kw_month"],
        ownership: try enumValue(row, "ownership", table: "facilities"))
      facilities[facility.providerID, default: []].append(facility)
    }
    var fleets: [String: [Fleet]] = [:]
    try Row.fetchCursor(db, sql: "SELECT * FROM fleets ORDER BY fleet_id").forEach { row in
      let fleet = Fleet(
        id: row["fleet_id"], providerID: row["provider_id"], facilityID: row["facility_id"],
        gpuModel: row["gpu_model"], gpuCount: row["gpu_count"],
        inServiceOn: try day(row, "in_service_on", table: "fleets"),
        capex: Money(cents: row["capex_usd"]), usefulLifeYears: row["useful_life_years"],
        gpuPowerKW: row["gpu_power_kw"], utilizationPct: row["utilization_pct"],
        interconnect: try enumValue(row, "interconnect", table: "fleets"),
        fabricGbpsPerGPU: row["fabric_gbps_per_gpu"])
      fleets[fleet.providerID, default: []].append(fleet)
    }
    var loans: [String: [Loan]] = [:]
    try Row.fetchCursor(db, sql: "SELECT * FROM loans ORDER BY loan_id").forEach { row in
      let loan = Loan(
        id: row["loan_id"], providerID: row["provider_id"], lender: row["lender"],
        principal: Money(cents: row["principal_usd"]), balance: Money(cents: row["balance_usd"]),
        annualRatePct: row["annual_rate_pct"],
        rateType: try enumValue(row, "rate_type", table: "loans"),
        amortization: try enumValue(row, "amortization", table: "loans"),
        paymentsPerYear: row["payments_per_year"],
        startOn: try day(row, "start_on", table: "loans"),
        maturityOn: try day(row, "maturity_on", table: "loans"),
        collateralFleetID: row["collateral_fleet_id"], minDSCR: row["min_dscr"])
      loans[loan.providerID, default: []].append(loan)
    }
    var contracts: [String: [Contract]] = [:]
    try Row.fetchCursor(db, sql: "SELECT * FROM contracts ORDER BY contract_id").forEach { row in
      let contract = Contract(
        id: row["contract_id"], providerID: row["provider_id"], customer: row["customer"],
        gpuModel: row["gpu_model"], gpuCount: row["gpu_count"],
        priceUSDPerGPUHour: row["price_usd_per_gpu_hour"],
        startOn: try day(row, "start_on", table: "contracts"),
        endOn: try day(row, "end_on", table: "contracts"),
        slaUptimePct: row["sla_uptime_pct"], slaCreditPct: row["sla_credit_pct"])
      contracts[contract.providerID, default: []].append(contract)
    }
    var uptime: [String: [UptimeMonth]] = [:]
    try Row.fetchCursor(db, sql: "SELECT * FROM uptime ORDER BY provider_id, month").forEach { row in
      let text: String = row["month"]
      guard let month = Month(text) else {
        throw StoredValueError(table: "uptime", column: "month", value: text)
      }
      let entry = UptimeMonth(
        providerID: row["provider_id"], month: month, uptimePct: row["uptime_pct"],
        incidents: row["incidents"], failuresPer1kGPUMonths: row["failures_per_1k_gpu_months"],
        mttrHours: row["mttr_hours"])
      uptime[entry.providerID, default: []].append(entry)
    }
    var assessments: [String: [Assessment]] = [:]
    try Row.fetchCursor(
      db, sql: "SELECT * FROM assessments ORDER BY provider_id, criterion_id, assessed_on"
    ).forEach { row in
      let entry = Assessment(
        providerID: row["provider_id"], criterionID: row["criterion_id"], value: row["value"],
        evidence: row["evidence"], assessedOn: try day(row, "assessed_on", table: "assessments"))
      assessments[entry.providerID, default: []].append(entry)
    }
    var books: [ProviderBook] = []
    try Row.fetchCursor(db, sql: "SELECT * FROM providers ORDER BY provider_id").forEach { row in
      let provider = Provider(
        id: row["provider_id"], name: row["name"],
        segment: try enumValue(row, "segment", table: "providers"), country: row["country"],
        cash: Money(cents: row["cash_usd"]),
        fixedOpexPerMonth: Money(cents: row["fixed_opex_usd_per_month"]),
        asOf: try day(row, "as_of", table: "providers"),
        minLiquidity: (row["min_liquidity_usd"] as Int64?).map(Money.init(cents:)))
      let id = provider.id
      books.append(
        ProviderBook(
          provider: provider, facilities: facilities[id] ?? [], fleets: fleets[id] ?? [],
          loans: loans[id] ?? [], contracts: contracts[id] ?? [], uptime: uptime[id] ?? [],
          assessments: assessments[id] ?? []))
    }
    var rubric: [Criterion] = []
    try Row.fetchCursor(db, sql: "SELECT * FROM rubric ORDER BY criterion_id").forEach { row in
      let requiredFor: String? = row["required_for"]
      let source: String? = row["source"]
      rubric.append(
        Criterion(
          id: row["criterion_id"], pillar: row["pillar"], title: row["title"],
          kind: try enumValue(row, "kind", table: "rubric"), weight: row["weight"],
          fullAt: row["full_at"], zeroAt: row["zero_at"],
          requiredFor: requiredFor.flatMap(Tier.init(rawValue:)),
          source: source.flatMap(CriterionSource.init(rawValue:))))
    }
    var prices: [MarketPrice] = []
    try Row.fetchCursor(
      db, sql: "SELECT * FROM market_prices ORDER BY gpu_model, observed_on"
    ).forEach { row in
      prices.append(
        MarketPrice(
          gpuModel: row["gpu_model"],
          observedOn: try day(row, "observed_on", table: "market_prices"),
          priceUSDPerGPUHour: row["price_usd_per_gpu_hour"], source: row["source"]))
    }
    return Dataset(books: books, rubric: rubric, marketPrices: prices)
  }
}

private func day(_ row: Row, _ column: String, table: String) throws -> Day {
  let text: String = row[column]
  guard let day = Day(text) else {
    throw StoredValueError(table: table, column: column, value: text)
  }
  return day
}

private func enumValue<T: RawRepresentable>(_ row: Row, _ column: String, table: String) throws
  -> T where T.RawValue == String
{
  let text: String = row[column]
  guard let value = T(rawValue: text) else {
    throw StoredValueError(table: table, column: column, value: text)
  }
  return value
}
