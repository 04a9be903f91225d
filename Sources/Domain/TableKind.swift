/// The nine input tables of DESIGN §2 (the CSV kinds), in dependency order (`allCases`
/// order): a table only refers to tables before it. Each table's columns are listed once, here,
/// in §2 order: the importer's checks, the loader's SELECTs, `export` and the input fingerprint
/// all derive from `columns`, so a new column is one edit here plus a migration. (Import calls
/// this type `Kind`.)
package enum TableKind: String, CaseIterable, Sendable, Comparable {
  case rubric
  case providers
  case facilities
  case marketPrices = "market_prices"
  case fleets
  case loans
  case contracts
  case uptime
  case assessments

  /// Position in dependency order.
  package var order: Int { TableKind.allCases.firstIndex(of: self) ?? 0 }

  package static func < (lhs: TableKind, rhs: TableKind) -> Bool { lhs.order < rhs.order }

  /// The database table (same name as the kind).
  package var table: String { rawValue }

  /// Every column, in §2 order.
  package var columns: [ColumnSpec] { KindSchema.columns[order] }

  /// The column names in §2 order, joined for a SELECT list.
  package var selectList: String { columns.map(\.name).joined(separator: ", ") }

  /// The key columns, in §2 order.
  package var keyColumns: [String] {
    switch self {
    case .rubric: return ["criterion_id"]
    case .providers: return ["provider_id"]
    case .facilities: return ["facility_id"]
    case .marketPrices: return ["gpu_model", "observed_on"]
    case .fleets: return ["fleet_id"]
    case .loans: return ["loan_id"]
    case .contracts: return ["contract_id"]
    case .uptime: return ["provider_id", "month"]
    case .assessments: return ["provider_id", "criterion_id", "assessed_on"]
    }
  }

  /// Position of each column in `columns` (and in a `SELECT selectList`), by name: readers look
  /// positions up once per query, never per row.
  package func position(_ name: String) -> Int {
    columns.firstIndex { $0.name == name } ?? -1
  }
}

/// What a column holds and how a field of it is checked.
package enum FieldType: Sendable {
  /// `[A-Za-z0-9][A-Za-z0-9._-]{0,63}`.
  case identifier
  /// One identifier or several separated by `;` (a loan's collateral pool, CREDIT §C.1).
  case identifierList
  /// Any UTF-8 text (names, notes).
  case text
  /// ISO 3166-1 alpha-2.
  case country
  case date
  case month
  case enumeration([String])
  /// An integer in `range`; `allowed` lists the only values when not empty.
  case integer(min: Int64?, max: Int64?, allowed: [Int64])
  /// Integer cents from at most 2 decimals, never negative.
  case money
  /// A REAL with bounds.
  case number(NumberBounds)
}

package struct NumberBounds: Sendable {
  package var lower: Double?
  package var lowerInclusive = true
  package var upper: Double?
  package var upperInclusive = true

  package init(
    lower: Double? = nil, lowerInclusive: Bool = true, upper: Double? = nil, upperInclusive: Bool = true
  ) {
    self.lower = lower
    self.lowerInclusive = lowerInclusive
    self.upper = upper
    self.upperInclusive = upperInclusive
  }

  package static let any = NumberBounds()
  package static let nonNegative = NumberBounds(lower: 0)
  package static let positive = NumberBounds(lower: 0, lowerInclusive: false)
  package static let percentage = NumberBounds(lower: 0, upper: 100)

  package func contains(_ value: Double) -> Bool {
    if let lower {
      if lowerInclusive ? value < lower : value <= lower { return false }
    }
    if let upper {
      if upperInclusive ? value > upper : value >= upper { return false }
    }
    return true
  }

  /// `must be at least 1 and at most 3`, `must be greater than 0`.
  package var requirement: String {
    var parts: [String] = []
    if let lower {
      parts.append((lowerInclusive ? "at least " : "greater than ") + plainDecimal(lower))
    }
    if let upper {
      parts.append((upperInclusive ? "at most " : "less than ") + plainDecimal(upper))
    }
    return "must be " + parts.joined(separator: " and ")
  }
}

package struct ColumnSpec: Sendable {
  package var name: String
  package var type: FieldType
  package var required: Bool

  package init(name: String, type: FieldType, required: Bool) {
    self.name = name
    self.type = type
    self.required = required
  }

  /// SQLite storage of the column: true when bound as INTEGER (money and integers).
  package var isInteger: Bool {
    switch type {
    case .money, .integer: return true
    default: return false
    }
  }

  package var isReal: Bool {
    if case .number = type { return true }
    return false
  }
}

private func req(_ name: String, _ type: FieldType) -> ColumnSpec {
  ColumnSpec(name: name, type: type, required: true)
}

private func opt(_ name: String, _ type: FieldType) -> ColumnSpec {
  ColumnSpec(name: name, type: type, required: false)
}

private func enumeration<E: RawRepresentable & CaseIterable>(_: E.Type) -> FieldType
where E.RawValue == String {
  .enumeration(E.allCases.map(\.rawValue))
}

package enum KindSchema {
  package static let columns: [[ColumnSpec]] = TableKind.allCases.map(makeColumns)

  private static func makeColumns(_ kind: TableKind) -> [ColumnSpec] {
    let pct = FieldType.number(.percentage)
    switch kind {
    case .rubric:
      return [
        req("criterion_id", .identifier), req("pillar", .identifier), req("title", .text),
        req("kind", enumeration(CriterionKind.self)), req("weight", .number(.positive)),
        opt("full_at", .number(.any)), opt("zero_at", .number(.any)),
        opt("required_for", .enumeration(Tier.gateable.map(\.rawValue))),
        opt("source", enumeration(CriterionSource.self)),
      ]
    case .providers:
      return [
        req("provider_id", .identifier), req("name", .text),
        req("segment", enumeration(Segment.self)), req("country", .country),
        req("cash_usd", .money), req("fixed_opex_usd_per_month", .money), req("as_of", .date),
        opt("min_liquidity_usd", .money), opt("variable_opex_pct", pct),
      ]
    case .facilities:
      return [
        req("facility_id", .identifier), req("provider_id", .identifier), req("name", .text),
        req("region", .text), req("it_capacity_mw", .number(.positive)),
        req("pue", .number(NumberBounds(lower: 1, upper: 3))),
        req("power_usd_per_kwh", .number(NumberBounds(lower: 0, lowerInclusive: false, upper: 1))),
        req("colocation_usd_per_kw_month", .number(.nonNegative)),
        req("ownership", enumeration(Ownership.self)), opt("fixed_rent_usd_per_month", .money),
      ]
    case .marketPrices:
      return [
        req("gpu_model", .identifier), req("observed_on", .date),
        req("price_usd_per_gpu_hour", .number(.positive)), opt("source", .text),
      ]
    case .fleets:
      return [
        req("fleet_id", .identifier), req("provider_id", .identifier),
        req("facility_id", .identifier), req("gpu_model", .identifier),
        req("gpu_count", .integer(min: 1, max: maxGPUCount, allowed: [])), req("in_service_on", .date),
        req("capex_usd", .money), opt("useful_life_years", .integer(min: 1, max: 15, allowed: [])),
        req("gpu_power_kw", .number(NumberBounds(lower: 0, lowerInclusive: false, upper: 5))),
        req("utilization_pct", pct), req("interconnect", enumeration(Interconnect.self)),
        req("fabric_gbps_per_gpu", .number(.nonNegative)),
        opt("ramp_months", .integer(min: 0, max: 60, allowed: [])),
      ]
    case .loans:
      return [
        req("loan_id", .identifier), req("provider_id", .identifier), req("lender", .text),
        req("principal_usd", .money), req("balance_usd", .money),
        req("annual_rate_pct", pct), req("rate_type", enumeration(RateType.self)),
        req("amortization", enumeration(Amortization.self)),
        req("payments_per_year", .integer(min: nil, max: nil, allowed: [1, 2, 4, 12])),
        req("start_on", .date), req("maturity_on", .date),
        opt("collateral_fleet_id", .identifierList), opt("min_dscr", .number(.nonNegative)),
        opt("facility", enumeration(LoanFacility.self)), opt("commitment_usd", .money),
        opt("available_until", .date),
      ]
    case .contracts:
      return [
        req("contract_id", .identifier), req("provider_id", .identifier), req("customer", .text),
        req("gpu_model", .identifier), req("gpu_count", .integer(min: 1, max: maxGPUCount, allowed: [])),
        req("price_usd_per_gpu_hour", .number(.positive)), req("start_on", .date),
        req("end_on", .date), opt("sla_uptime_pct", pct), opt("sla_credit_pct", pct),
        opt("ramp_months", .integer(min: 0, max: 60, allowed: [])), opt("prepaid_usd", .money),
        opt("customer_rating", enumeration(CustomerRating.self)),
      ]
    case .uptime:
      return [
        req("provider_id", .identifier), req("month", .month), req("uptime_pct", pct),
        req("incidents", .integer(min: 0, max: maxIncidents, allowed: [])),
        opt("failures_per_1k_gpu_months", .number(.nonNegative)),
        opt("mttr_hours", .number(.nonNegative)), opt("source", .text),
      ]
    case .assessments:
      return [
        req("provider_id", .identifier), req("criterion_id", .identifier), req("value", .text),
        opt("evidence", .text), req("assessed_on", .date),
      ]
    }
  }
}

/// Upper bounds that keep every later sum exact in Int64 (a fleet or contract of ten million
/// GPUs, a million incidents a month are already far beyond any real provider).
package let maxGPUCount: Int64 = 10_000_000
package let maxIncidents: Int64 = 1_000_000
