import Domain

/// The nine CSV kinds of DESIGN §2, in dependency order (`allCases` order): a kind only
/// refers to kinds before it, so files are imported in this order.
public enum Kind: String, CaseIterable, Sendable, Comparable {
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
  public var order: Int { Kind.allCases.firstIndex(of: self) ?? 0 }

  public static func < (lhs: Kind, rhs: Kind) -> Bool { lhs.order < rhs.order }

  /// The database table (same name as the kind).
  var table: String { rawValue }

  /// Every column, in §2 order.
  var columns: [ColumnSpec] { KindSchema.columns[order] }

  /// The key columns, in §2 order.
  var keyColumns: [String] {
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

  /// The column whose values `--replace` scopes deletions by (nil: the whole table).
  var replaceScopeColumn: String? {
    switch self {
    case .rubric: return nil
    case .marketPrices: return "gpu_model"
    default: return "provider_id"
    }
  }

  /// Singular and plural nouns for the summary line.
  var nouns: (one: String, many: String) {
    switch self {
    case .rubric: return ("rubric criterion", "rubric criteria")
    case .providers: return ("provider", "providers")
    case .facilities: return ("facility", "facilities")
    case .marketPrices: return ("market price", "market prices")
    case .fleets: return ("fleet", "fleets")
    case .loans: return ("loan", "loans")
    case .contracts: return ("contract", "contracts")
    case .uptime: return ("uptime month", "uptime months")
    case .assessments: return ("assessment", "assessments")
    }
  }

  func count(_ n: Int) -> String { "\(n) \(n == 1 ? nouns.one : nouns.many)" }
}

/// What a column holds and how a field of it is checked.
enum FieldType: Sendable {
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

struct NumberBounds: Sendable {
  var lower: Double?
  var lowerInclusive = true
  var upper: Double?
  var upperInclusive = true

  static let any = NumberBounds()
  static let nonNegative = NumberBounds(lower: 0)
  static let positive = NumberBounds(lower: 0, lowerInclusive: false)
  static let percentage = NumberBounds(lower: 0, upper: 100)

  func contains(_ value: Double) -> Bool {
    if let lower {
      if lowerInclusive ? value < lower : value <= lower { return false }
    }
    if let upper {
      if upperInclusive ? value > upper : value >= upper { return false }
    }
    return true
  }

  /// `must be at least 1 and at most 3`, `must be greater than 0`.
  var requirement: String {
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

struct ColumnSpec: Sendable {
  var name: String
  var type: FieldType
  var required: Bool

  /// SQLite storage of the column: true when bound as INTEGER (money and integers).
  var isInteger: Bool {
    switch type {
    case .money, .integer: return true
    default: return false
    }
  }

  var isReal: Bool {
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

enum KindSchema {
  static let columns: [[ColumnSpec]] = Kind.allCases.map(makeColumns)

  private static func makeColumns(_ kind: Kind) -> [ColumnSpec] {
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
        req("failures_per_1k_gpu_months", .number(.nonNegative)),
        req("mttr_hours", .number(.nonNegative)),
      ]
    case .assessments:
      return [
        req("provider_id", .identifier), req("criterion_id", .identifier), req("value", .text),
        opt("evidence", .text), req("assessed_on", .date),
      ]
    }
  }
}

/// The result of matching a header against the kinds.
enum HeaderMatch: Equatable {
  /// `map[i]` = index in `kind.columns` of CSV field i.
  case matched(Kind, map: [Int])
  case duplicate(column: String)
  case noKind(closest: Kind, missing: [String], unknown: [String])
  case doesNotFit(Kind, missing: [String], unknown: [String])
}

enum HeaderMatcher {
  static func match(_ names: [String], forced: Kind?) -> HeaderMatch {
    var seen = Set<String>()
    for name in names {
      if !seen.insert(name).inserted { return .duplicate(column: name) }
    }
    func fit(_ kind: Kind) -> (missing: [String], unknown: [String]) {
      let all = kind.columns
      let missing = all.filter { $0.required && !seen.contains($0.name) }.map(\.name)
      let known = Set(all.map(\.name))
      let unknown = names.filter { !known.contains($0) }
      return (missing, unknown)
    }
    func mapping(_ kind: Kind) -> [Int] {
      let all = kind.columns
      return names.map { name in all.firstIndex { $0.name == name } ?? -1 }
    }
    if let forced {
      let (missing, unknown) = fit(forced)
      if missing.isEmpty && unknown.isEmpty { return .matched(forced, map: mapping(forced)) }
      return .doesNotFit(forced, missing: missing, unknown: unknown)
    }
    var best: (kind: Kind, present: Int, unknown: Int)?
    for kind in Kind.allCases {
      let (missing, unknown) = fit(kind)
      // The required column sets are such that at most one kind fits a header.
      if missing.isEmpty && unknown.isEmpty { return .matched(kind, map: mapping(kind)) }
      let present = kind.columns.filter { $0.required && seen.contains($0.name) }.count
      if let current = best {
        if present > current.present
          || (present == current.present && unknown.count < current.unknown)
        {
          best = (kind, present, unknown.count)
        }
      } else {
        best = (kind, present, unknown.count)
      }
    }
    let closest = best?.kind ?? .providers
    let (missing, unknown) = fit(closest)
    return .noKind(closest: closest, missing: missing, unknown: unknown)
  }
}

/// Upper bounds that keep every later sum exact in Int64 (a fleet or contract of ten million
/// GPUs, a million incidents a month are already far beyond any real provider).
let maxGPUCount: Int64 = 10_000_000
let maxIncidents: Int64 = 1_000_000
