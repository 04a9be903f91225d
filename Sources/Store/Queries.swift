import Domain
import GRDB

/// Everything the engines need, read in one transaction: providers with their books,
/// the rubric and the market prices.
package struct Dataset: Sendable {
  package var books: [ProviderBook]  // by provider_id
  package var rubric: [Criterion]  // by criterion_id
  package var marketPrices: [MarketPrice]  // by gpu_model, observed_on

  package init(books: [ProviderBook], rubric: [Criterion], marketPrices: [MarketPrice]) {
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

/// Which market prices `loadDataset` reads.
package enum PriceSelection: Sendable, Equatable {
  /// Every price ever stored (the history).
  case all
  /// Per GPU model, only the latest price observed on or before the day: all that scoring and
  /// the projection's p0 (§4) need, however long the history.
  case latest(onOrBefore: Day)
}

extension Store {
  /// Reads the dataset (every table once, grouped by provider in memory: linear in size), with
  /// the market prices `prices` selects.
  package func loadDataset(prices: PriceSelection) throws -> Dataset {
    try read { db in try Store.loadDataset(db, prices: prices) }
  }

  /// Reads the dataset in batches of at most `providersPerBatch` providers, in provider_id
  /// order, all in one read transaction (one consistent state), and calls `body` with each
  /// batch (every batch carries the rubric and the prices; there is at least one call, with no
  /// books when there are no providers). A batch is released before the next one is read, so
  /// memory holds one batch of books, not the whole dataset (issue 14).
  package func forEachDatasetBatch(
    prices: PriceSelection, providersPerBatch: Int, _ body: (Dataset) throws -> Void
  ) throws {
    let limit = max(1, providersPerBatch)
    try read { db in
      var after: String?
      repeat {
        let dataset = try Store.loadDataset(db, prices: prices, batch: (after, limit))
        try body(dataset)
        after = dataset.books.count == limit ? dataset.books.last?.provider.id : nil
      } while after != nil
    }
  }

  /// Columns are selected by name and read by position (no per-cell name lookup); child tables
  /// are scanned in table order and each book sorted by key afterwards (cheaper than walking
  /// the key index, which seeks the table once per row); each child row finds its provider's
  /// book through a one-entry cache of the last provider id before falling back to a
  /// dictionary, so rows grouped by provider cost no hashing.
  ///
  /// With `batch`, only the first `limit` providers whose id sorts after `after` (nil: from the
  /// first) and the rows of those providers.
  static func loadDataset(
    _ db: GRDB.Database, prices selection: PriceSelection, batch: (after: String?, limit: Int)? = nil
  ) throws -> Dataset {
    var books: [ProviderBook] = []
    var slots = ProviderSlots()
    // Each SELECT lists its table's columns from `TableKind.columns`; each reader looks up the
    // positions it needs by name once, then reads every row by position.
    let p = Columns(.providers)
    let (providerID, providerName, segment, country, cash, opex, asOf, minLiquidity) = (
      p["provider_id"], p["name"], p["segment"], p["country"], p["cash_usd"],
      p["fixed_opex_usd_per_month"], p["as_of"], p["min_liquidity_usd"]
    )
    let variableOpex = p["variable_opex_pct"]
    var providerQuery = p.select(orderedByKey: true)
    var providerArguments = StatementArguments()
    if let batch {
      providerQuery =
        "SELECT \(p.kind.selectList) FROM providers" + (batch.after == nil ? "" : " WHERE provider_id > ?")
        + " ORDER BY provider_id LIMIT ?"
      if let after = batch.after {
        providerArguments = [after, batch.limit]
      } else {
        providerArguments = [batch.limit]
      }
    }
    try Row.fetchCursor(db, sql: providerQuery, arguments: providerArguments).forEach { row in
      let provider = Provider(
        id: row[providerID], name: row[providerName],
        segment: try enumValue(row, segment, p), country: row[country],
        cash: Money(cents: row[cash]), fixedOpexPerMonth: Money(cents: row[opex]),
        asOf: try day(row, asOf, p),
        minLiquidity: (row[minLiquidity] as Int64?).map(Money.init(cents:)),
        variableOpexPct: row[variableOpex])
      slots.add(provider.id, at: books.count)
      books.append(
        ProviderBook(
          provider: provider, facilities: [], fleets: [], loans: [], contracts: [], uptime: [],
          assessments: []))
    }
    // A batch reads only its providers' rows (ids are unique, so a range in byte order, as
    // SQLite's BINARY collation compares, covers exactly the batch). A first batch that holds
    // every provider reads the tables whole, as without batches (a scan in table order).
    var range = ""
    var rangeArguments = StatementArguments()
    if let batch, batch.after != nil || books.count == batch.limit {
      if let first = books.first?.provider.id, let last = books.last?.provider.id {
        range = " WHERE provider_id >= ? AND provider_id <= ?"
        rangeArguments = [first, last]
      } else {
        range = " WHERE 0"
      }
    }
    let fa = Columns(.facilities)
    let facility = (
      id: fa["facility_id"], provider: fa["provider_id"], name: fa["name"], region: fa["region"],
      capacity: fa["it_capacity_mw"], pue: fa["pue"], power: fa["power_usd_per_kwh"],
      colocation: fa["colocation_usd_per_kw_month"], ownership: fa["ownership"],
      rent: fa["fixed_rent_usd_per_month"]
    )
    try Row.fetchCursor(db, sql: fa.select() + range, arguments: rangeArguments).forEach { row in
      let providerID: String = row[facility.provider]
      guard let slot = slots.slot(providerID) else { return }
      books[slot].facilities.append(
        Facility(
          id: row[facility.id], providerID: providerID, name: row[facility.name],
          region: row[facility.region], itCapacityMW: row[facility.capacity], pue: row[facility.pue],
          powerUSDPerKWh: row[facility.power], colocationUSDPerKWMonth: row[facility.colocation],
          ownership: try enumValue(row, facility.ownership, fa),
          fixedRentPerMonth: (row[facility.rent] as Int64?).map(Money.init(cents:))))
    }
    let fl = Columns(.fleets)
    let fleet = (
      id: fl["fleet_id"], provider: fl["provider_id"], facility: fl["facility_id"],
      model: fl["gpu_model"], count: fl["gpu_count"], inService: fl["in_service_on"],
      capex: fl["capex_usd"], life: fl["useful_life_years"], power: fl["gpu_power_kw"],
      utilization: fl["utilization_pct"], interconnect: fl["interconnect"],
      fabric: fl["fabric_gbps_per_gpu"], ramp: fl["ramp_months"]
    )
    try Row.fetchCursor(db, sql: fl.select() + range, arguments: rangeArguments).forEach { row in
      let providerID: String = row[fleet.provider]
      guard let slot = slots.slot(providerID) else { return }
      books[slot].fleets.append(
        Fleet(
          id: row[fleet.id], providerID: providerID, facilityID: row[fleet.facility],
          gpuModel: row[fleet.model], gpuCount: row[fleet.count],
          inServiceOn: try day(row, fleet.inService, fl), capex: Money(cents: row[fleet.capex]),
          usefulLifeYears: row[fleet.life], gpuPowerKW: row[fleet.power],
          utilizationPct: row[fleet.utilization],
          interconnect: try enumValue(row, fleet.interconnect, fl),
          fabricGbpsPerGPU: row[fleet.fabric], rampMonths: row[fleet.ramp]))
    }
    let lo = Columns(.loans)
    let loan = (
      id: lo["loan_id"], provider: lo["provider_id"], lender: lo["lender"],
      principal: lo["principal_usd"], balance: lo["balance_usd"], rate: lo["annual_rate_pct"],
      rateType: lo["rate_type"], amortization: lo["amortization"],
      paymentsPerYear: lo["payments_per_year"], start: lo["start_on"], maturity: lo["maturity_on"],
      collateral: lo["collateral_fleet_id"], minDSCR: lo["min_dscr"], facility: lo["facility"],
      commitment: lo["commitment_usd"], availableUntil: lo["available_until"]
    )
    try Row.fetchCursor(db, sql: lo.select() + range, arguments: rangeArguments).forEach { row in
      let providerID: String = row[loan.provider]
      guard let slot = slots.slot(providerID) else { return }
      books[slot].loans.append(
        Loan(
          id: row[loan.id], providerID: providerID, lender: row[loan.lender],
          principal: Money(cents: row[loan.principal]), balance: Money(cents: row[loan.balance]),
          annualRatePct: row[loan.rate], rateType: try enumValue(row, loan.rateType, lo),
          amortization: try enumValue(row, loan.amortization, lo),
          paymentsPerYear: row[loan.paymentsPerYear], startOn: try day(row, loan.start, lo),
          maturityOn: try day(row, loan.maturity, lo), collateralFleetID: row[loan.collateral],
          minDSCR: row[loan.minDSCR],
          facility: (row[loan.facility] as String?) == nil ? nil : try enumValue(row, loan.facility, lo),
          commitment: (row[loan.commitment] as Int64?).map(Money.init(cents:)),
          availableUntil: (row[loan.availableUntil] as String?) == nil
            ? nil : try day(row, loan.availableUntil, lo)))
    }
    let co = Columns(.contracts)
    let contract = (
      id: co["contract_id"], provider: co["provider_id"], customer: co["customer"],
      model: co["gpu_model"], count: co["gpu_count"], price: co["price_usd_per_gpu_hour"],
      start: co["start_on"], end: co["end_on"], slaUptime: co["sla_uptime_pct"],
      slaCredit: co["sla_credit_pct"], ramp: co["ramp_months"], prepaid: co["prepaid_usd"],
      rating: co["customer_rating"]
    )
    try Row.fetchCursor(db, sql: co.select() + range, arguments: rangeArguments).forEach { row in
      let providerID: String = row[contract.provider]
      guard let slot = slots.slot(providerID) else { return }
      books[slot].contracts.append(
        Contract(
          id: row[contract.id], providerID: providerID, customer: row[contract.customer],
          gpuModel: row[contract.model], gpuCount: row[contract.count],
          priceUSDPerGPUHour: row[contract.price], startOn: try day(row, contract.start, co),
          endOn: try day(row, contract.end, co), slaUptimePct: row[contract.slaUptime],
          slaCreditPct: row[contract.slaCredit], rampMonths: row[contract.ramp],
          prepaid: (row[contract.prepaid] as Int64?).map(Money.init(cents:)),
          customerRating: (row[contract.rating] as String?) == nil
            ? nil : try enumValue(row, contract.rating, co)))
    }
    let up = Columns(.uptime)
    let uptime = (
      provider: up["provider_id"], month: up["month"], uptime: up["uptime_pct"],
      incidents: up["incidents"], failures: up["failures_per_1k_gpu_months"],
      mttr: up["mttr_hours"], source: up["source"]
    )
    try Row.fetchCursor(db, sql: up.select() + range, arguments: rangeArguments).forEach { row in
      let providerID: String = row[uptime.provider]
      guard let slot = slots.slot(providerID) else { return }
      let text: String = row[uptime.month]
      guard let month = Month(text) else {
        throw StoredValueError(table: "uptime", column: "month", value: text)
      }
      books[slot].uptime.append(
        UptimeMonth(
          providerID: providerID, month: month, uptimePct: row[uptime.uptime],
          incidents: row[uptime.incidents], failuresPer1kGPUMonths: row[uptime.failures],
          mttrHours: row[uptime.mttr], source: row[uptime.source]))
    }
    let asm = Columns(.assessments)
    let assessment = (
      provider: asm["provider_id"], criterion: asm["criterion_id"], value: asm["value"],
      evidence: asm["evidence"], assessedOn: asm["assessed_on"]
    )
    try Row.fetchCursor(db, sql: asm.select() + range, arguments: rangeArguments).forEach { row in
      let providerID: String = row[assessment.provider]
      guard let slot = slots.slot(providerID) else { return }
      books[slot].assessments.append(
        Assessment(
          providerID: providerID, criterionID: row[assessment.criterion],
          value: row[assessment.value], evidence: row[assessment.evidence],
          assessedOn: try day(row, assessment.assessedOn, asm)))
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
    let ru = Columns(.rubric)
    let criterion = (
      id: ru["criterion_id"], pillar: ru["pillar"], title: ru["title"], kind: ru["kind"],
      weight: ru["weight"], fullAt: ru["full_at"], zeroAt: ru["zero_at"],
      requiredFor: ru["required_for"], source: ru["source"]
    )
    try Row.fetchCursor(db, sql: ru.select(orderedByKey: true)).forEach { row in
      let requiredFor: String? = row[criterion.requiredFor]
      let source: String? = row[criterion.source]
      rubric.append(
        Criterion(
          id: row[criterion.id], pillar: row[criterion.pillar], title: row[criterion.title],
          kind: try enumValue(row, criterion.kind, ru), weight: row[criterion.weight],
          fullAt: row[criterion.fullAt], zeroAt: row[criterion.zeroAt],
          requiredFor: requiredFor.flatMap(Tier.init(rawValue:)),
          source: source.flatMap(CriterionSource.init(rawValue:))))
    }
    var prices: [MarketPrice] = []
    let mp = Columns(.marketPrices)
    let price = (
      model: mp["gpu_model"], observedOn: mp["observed_on"],
      price: mp["price_usd_per_gpu_hour"], source: mp["source"]
    )
    var priceQuery = mp.select(orderedByKey: true)
    var priceArguments = StatementArguments()
    if case .latest(let day) = selection {
      // The key index (gpu_model, observed_on) answers the inner query without reading the
      // table; the outer one then reads one row per model.
      priceQuery =
        "SELECT \(mp.kind.selectList) FROM market_prices WHERE (gpu_model, observed_on) IN "
        + "(SELECT gpu_model, max(observed_on) FROM market_prices WHERE observed_on <= ? GROUP BY gpu_model) "
        + "ORDER BY gpu_model, observed_on"
      priceArguments = [day.description]
    }
    try Row.fetchCursor(db, sql: priceQuery, arguments: priceArguments).forEach { row in
      prices.append(
        MarketPrice(
          gpuModel: row[price.model], observedOn: try day(row, price.observedOn, mp),
          priceUSDPerGPUHour: row[price.price], source: row[price.source]))
    }
    return Dataset(books: books, rubric: rubric, marketPrices: prices)
  }
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

/// A table's SELECT, built from `TableKind.columns`, and the position of each column in it.
private struct Columns {
  let kind: TableKind

  init(_ kind: TableKind) { self.kind = kind }

  /// The position of a column in `select()`'s rows.
  subscript(_ name: String) -> Int { kind.position(name) }

  /// Every column in §2 order; rows by key when asked (else in table order: a scan).
  func select(orderedByKey: Bool = false) -> String {
    "SELECT \(kind.selectList) FROM \(kind.table)"
      + (orderedByKey ? " ORDER BY " + kind.keyColumns.joined(separator: ", ") : "")
  }

  /// The column name at a position (for messages about stored values).
  func name(_ index: Int) -> String { kind.columns[index].name }
}

/// A stored `YYYY-MM-DD` date, parsed from its UTF-8 bytes as `Day(_:)` does (exactly 10
/// bytes, dashes at 4 and 7, digits elsewhere, a real calendar date) without an array per call.
private func day(_ row: Row, _ index: Int, _ columns: Columns) throws -> Day {
  var text: String = row[index]
  let parsed = text.withUTF8 { bytes -> Day? in
    guard bytes.count == 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-"),
      let year = digits(bytes, 0, 4), let month = digits(bytes, 5, 7),
      let day = digits(bytes, 8, 10)
    else { return nil }
    return Day(year: year, month: month, day: day)
  }
  guard let parsed else {
    throw StoredValueError(table: columns.kind.table, column: columns.name(index), value: text)
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

private func enumValue<T: RawRepresentable>(
  _ row: Row, _ index: Int, _ columns: Columns
) throws -> T where T.RawValue == String {
  let text: String = row[index]
  guard let value = T(rawValue: text) else {
    throw StoredValueError(table: columns.kind.table, column: columns.name(index), value: text)
  }
  return value
}
