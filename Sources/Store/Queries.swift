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
    try read { db in try Store.loadDataset(db) }
  }

  /// Columns are selected by name and read by position (no per-cell name lookup); child tables
  /// are scanned in table order and each book sorted by key afterwards (cheaper than walking
  /// the key index, which seeks the table once per row); each child row finds its provider's
  /// book through a one-entry cache of the last provider id before falling back to a
  /// dictionary, so rows grouped by provider cost no hashing.
  static func loadDataset(_ db: GRDB.Database) throws -> Dataset {
    var books: [ProviderBook] = []
    var slots = ProviderSlots()
    try Row.fetchCursor(
      db,
      sql: """
        SELECT provider_id, name, segment, country, cash_usd, fixed_opex_usd_per_month, as_of,
          min_liquidity_usd, variable_opex_pct
        FROM providers ORDER BY provider_id
        """
    ).forEach { row in
      let provider = Provider(
        id: row[0], name: row[1], segment: try enumValue(row, 2, "segment", table: "providers"),
        country: row[3], cash: Money(cents: row[4]), fixedOpexPerMonth: Money(cents: row[5]),
        asOf: try day(row, 6, "as_of", table: "providers"),
        minLiquidity: (row[7] as Int64?).map(Money.init(cents:)), variableOpexPct: row[8])
      slots.add(provider.id, at: books.count)
      books.append(
        ProviderBook(
          provider: provider, facilities: [], fleets: [], loans: [], contracts: [], uptime: [],
          assessments: []))
    }
    try Row.fetchCursor(
      db,
      sql: """
        SELECT facility_id, provider_id, name, region, it_capacity_mw, pue, power_usd_per_kwh,
          colocation_usd_per_kw_month, ownership, fixed_rent_usd_per_month
        FROM facilities
        """
    ).forEach { row in
      let providerID: String = row[1]
      guard let slot = slots.slot(providerID) else { return }
      books[slot].facilities.append(
        Facility(
          id: row[0], providerID: providerID, name: row[2], region: row[3],
          itCapacityMW: row[4], pue: row[5], powerUSDPerKWh: row[6],
          colocationUSDPerKWMonth: row[7],
          ownership: try enumValue(row, 8, "ownership", table: "facilities"),
          fixedRentPerMonth: (row[9] as Int64?).map(Money.init(cents:))))
    }
    try Row.fetchCursor(
      db,
      sql: """
        SELECT fleet_id, provider_id, facility_id, gpu_model, gpu_count, in_service_on, capex_usd,
          useful_life_years, gpu_power_kw, utilization_pct, interconnect, fabric_gbps_per_gpu,
          ramp_months
        FROM fleets
        """
    ).forEach { row in
      let providerID: String = row[1]
      guard let slot = slots.slot(providerID) else { return }
      books[slot].fleets.append(
        Fleet(
          id: row[0], providerID: providerID, facilityID: row[2], gpuModel: row[3],
          gpuCount: row[4], inServiceOn: try day(row, 5, "in_service_on", table: "fleets"),
          capex: Money(cents: row[6]), usefulLifeYears: row[7], gpuPowerKW: row[8],
          utilizationPct: row[9],
          interconnect: try enumValue(row, 10, "interconnect", table: "fleets"),
          fabricGbpsPerGPU: row[11], rampMonths: row[12]))
    }
    try Row.fetchCursor(
      db,
      sql: """
        SELECT loan_id, provider_id, lender, principal_usd, balance_usd, annual_rate_pct, rate_type,
          amortization, payments_per_year, start_on, maturity_on, collateral_fleet_id, min_dscr,
          facility, commitment_usd, available_until
        FROM loans
        """
    ).forEach { row in
      let providerID: String = row[1]
      guard let slot = slots.slot(providerID) else { return }
      books[slot].loans.append(
        Loan(
          id: row[0], providerID: providerID, lender: row[2], principal: Money(cents: row[3]),
          balance: Money(cents: row[4]), annualRatePct: row[5],
          rateType: try enumValue(row, 6, "rate_type", table: "loans"),
          amortization: try enumValue(row, 7, "amortization", table: "loans"),
          paymentsPerYear: row[8], startOn: try day(row, 9, "start_on", table: "loans"),
          maturityOn: try day(row, 10, "maturity_on", table: "loans"),
          collateralFleetID: row[11], minDSCR: row[12],
          facility: try optionalEnumValue(row, 13, "facility", table: "loans"),
          commitment: (row[14] as Int64?).map(Money.init(cents:)),
          availableUntil: row[15] == nil ? nil : try day(row, 15, "available_until", table: "loans")))
    }
    try Row.fetchCursor(
      db,
      sql: """
        SELECT contract_id, provider_id, customer, gpu_model, gpu_count, price_usd_per_gpu_hour,
          start_on, end_on, sla_uptime_pct, sla_credit_pct, ramp_months, prepaid_usd, customer_rating
        FROM contracts
        """
    ).forEach { row in
      let providerID: String = row[1]
      guard let slot = slots.slot(providerID) else { return }
      books[slot].contracts.append(
        Contract(
          id: row[0], providerID: providerID, customer: row[2], gpuModel: row[3],
          gpuCount: row[4], priceUSDPerGPUHour: row[5],
          startOn: try day(row, 6, "start_on", table: "contracts"),
          endOn: try day(row, 7, "end_on", table: "contracts"), slaUptimePct: row[8],
          slaCreditPct: row[9], rampMonths: row[10], prepaid: (row[11] as Int64?).map(Money.init(cents:)),
          customerRating: try optionalEnumValue(row, 12, "customer_rating", table: "contracts")))
    }
    try Row.fetchCursor(
      db,
      sql: """
        SELECT provider_id, month, uptime_pct, incidents, failures_per_1k_gpu_months, mttr_hours
        FROM uptime
        """
    ).forEach { row in
      let providerID: String = row[0]
      guard let slot = slots.slot(providerID) else { return }
      let text: String = row[1]
      guard let month = Month(text) else {
        throw StoredValueError(table: "uptime", column: "month", value: text)
      }
      books[slot].uptime.append(
        UptimeMonth(
          providerID: providerID, month: month, uptimePct: row[2], incidents: row[3],
          failuresPer1kGPUMonths: row[4], mttrHours: row[5]))
    }
    try Row.fetchCursor(
      db,
      sql: """
        SELECT provider_id, criterion_id, value, evidence, assessed_on
        FROM assessments
        """
    ).forEach { row in
      let providerID: String = row[0]
      guard let slot = slots.slot(providerID) else { return }
      books[slot].assessments.append(
        Assessment(
          providerID: providerID, criterionID: row[1], value: row[2], evidence: row[3],
          assessedOn: try day(row, 4, "assessed_on", table: "assessments")))
    }
    // Rows came in table order (a scan, no index walk with a seek per row); put each book in
    // key order, as `ORDER BY` would have (SQLite's BINARY collation is byte order).
    for slot in books.indices {
      sortIfNeeded(&books[slot].facilities) { byteOrderLess($0.id, $1.id) }
      sortIfNeeded(&books[slot].fleets) { byteOrderLess($0.id, $1.id) }
      sortIfNeeded(&books[slot].loans) { byteOrderLess($0.id, $1.id) }
      sortIfNeeded(&books[slot].contracts) { byteOrderLess($0.id, $1.id) }
      sortIfNeeded(&books[slot].uptime) { $0.month < $1.month }
      sortIfNeeded(&books[slot].assessments) {
        $0.criterionID == $1.criterionID
          ? $0.assessedOn < $1.assessedOn : byteOrderLess($0.criterionID, $1.criterionID)
      }
    }
    var rubric: [Criterion] = []
    try Row.fetchCursor(
      db,
      sql: """
        SELECT criterion_id, pillar, title, kind, weight, full_at, zero_at, required_for, source
        FROM rubric ORDER BY criterion_id
        """
    ).forEach { row in
      let requiredFor: String? = row[7]
      let source: String? = row[8]
      rubric.append(
        Criterion(
          id: row[0], pillar: row[1], title: row[2],
          kind: try enumValue(row, 3, "kind", table: "rubric"), weight: row[4],
          fullAt: row[5], zeroAt: row[6], requiredFor: requiredFor.flatMap(Tier.init(rawValue:)),
          source: source.flatMap(CriterionSource.init(rawValue:))))
    }
    var prices: [MarketPrice] = []
    try Row.fetchCursor(
      db,
      sql: """
        SELECT gpu_model, observed_on, price_usd_per_gpu_hour, source
        FROM market_prices ORDER BY gpu_model, observed_on
        """
    ).forEach { row in
      prices.append(
        MarketPrice(
          gpuModel: row[0], observedOn: try day(row, 1, "observed_on", table: "market_prices"),
          priceUSDPerGPUHour: row[2], source: row[3]))
    }
    return Dataset(books: books, rubric: rubric, marketPrices: prices)
  }
}

/// Sorts `items` unless they already are in order (keys are unique, so stability is moot).
private func sortIfNeeded<T>(_ items: inout [T], by less: (T, T) -> Bool) {
  var index = 1
  while index < items.count {
    if less(items[index], items[index - 1]) {
      items.sort(by: less)
      return
    }
    index += 1
  }
}

/// Byte-order comparison of UTF-8 text, as SQLite's BINARY collation compares TEXT.
private func byteOrderLess(_ lhs: String, _ rhs: String) -> Bool {
  lhs.utf8.lexicographicallyPrecedes(rhs.utf8)
}

/// Provider id → position in the books, with a one-entry cache for runs of the same id.
private struct ProviderSlots {
  private var byID: [String: Int] = [:]
  private var lastID: String?
  private var lastSlot = 0

  mutating func add(_ id: String, at slot: Int) { byID[id] = slot }

  /// The book position of `id`; nil for a row whose provider is not stored (not loaded).
  mutating func slot(_ id: String) -> Int? {
    if let lastID, lastID == id { return lastSlot }
    guard let slot = byID[id] else { return nil }
    lastID = id
    lastSlot = slot
    return slot
  }
}

/// A stored `YYYY-MM-DD` date, parsed from its UTF-8 bytes as `Day(_:)` does (exactly 10
/// bytes, dashes at 4 and 7, digits elsewhere, a real calendar date) without an array per call.
private func day(_ row: Row, _ index: Int, _ column: String, table: String) throws -> Day {
  var text: String = row[index]
  let parsed = text.withUTF8 { bytes -> Day? in
    guard bytes.count == 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-"),
      let year = digits(bytes, 0, 4), let month = digits(bytes, 5, 7),
      let day = digits(bytes, 8, 10)
    else { return nil }
    return Day(year: year, month: month, day: day)
  }
  guard let parsed else {
    throw StoredValueError(table: table, column: column, value: text)
  }
  return parsed
}

private func digits(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Int? {
  var value = 0
  for index in start..<end {
    let byte = bytes[index]
    guard byte >= 48, byte <= 57 else { return nil }
    value = value * 10 + Int(byte - 48)
  }
  return value
}

private func optionalEnumValue<T: RawRepresentable>(
  _ row: Row, _ index: Int, _ column: String, table: String
) throws -> T? where T.RawValue == String {
  guard let text: String = row[index] else { return nil }
  guard let value = T(rawValue: text) else {
    throw StoredValueError(table: table, column: column, value: text)
  }
  return value
}

private func enumValue<T: RawRepresentable>(
  _ row: Row, _ index: Int, _ column: String, table: String
) throws -> T where T.RawValue == String {
  let text: String = row[index]
  guard let value = T(rawValue: text) else {
    throw StoredValueError(table: table, column: column, value: text)
  }
  return value
}
