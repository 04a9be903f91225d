/// The value types of the nine CSV kinds (§2). Field names follow the CSV columns, units in names.
/// Optional CSV fields are kept optional (as given) so that an export reproduces the input;
/// `effective…` accessors apply the documented defaults.

public struct Provider: Hashable, Sendable {
  public var id: String
  public var name: String
  public var segment: Segment
  public var country: String
  public var cash: Money
  public var fixedOpexPerMonth: Money
  public var asOf: Day
  public var minLiquidity: Money?
  /// CREDIT §C.1: opex grows by this share (0–100) of the month's base revenue; nil means 0.
  public var variableOpexPct: Double?

  public init(
    id: String, name: String, segment: Segment, country: String, cash: Money,
    fixedOpexPerMonth: Money, asOf: Day, minLiquidity: Money? = nil, variableOpexPct: Double? = nil
  ) {
    self.id = id
    self.name = name
    self.segment = segment
    self.country = country
    self.cash = cash
    self.fixedOpexPerMonth = fixedOpexPerMonth
    self.asOf = asOf
    self.minLiquidity = minLiquidity
    self.variableOpexPct = variableOpexPct
  }

  public var effectiveVariableOpexPct: Double { variableOpexPct ?? 0 }
}

public struct Facility: Hashable, Sendable {
  public var id: String
  public var providerID: String
  public var name: String
  public var region: String
  public var itCapacityMW: Double
  public var pue: Double
  public var powerUSDPerKWh: Double
  public var colocationUSDPerKWMonth: Double
  public var ownership: Ownership
  /// CREDIT §C.1: rent paid every month whether or not GPUs run there; nil means 0.
  public var fixedRentPerMonth: Money?

  public init(
    id: String, providerID: String, name: String, region: String, itCapacityMW: Double,
    pue: Double, powerUSDPerKWh: Double, colocationUSDPerKWMonth: Double, ownership: Ownership,
    fixedRentPerMonth: Money? = nil
  ) {
    self.id = id
    self.providerID = providerID
    self.name = name
    self.region = region
    self.itCapacityMW = itCapacityMW
    self.pue = pue
    self.powerUSDPerKWh = powerUSDPerKWh
    self.colocationUSDPerKWMonth = colocationUSDPerKWMonth
    self.ownership = ownership
    self.fixedRentPerMonth = fixedRentPerMonth
  }
}

public struct Fleet: Hashable, Sendable {
  public static let defaultUsefulLifeYears = 6

  public var id: String
  public var providerID: String
  public var facilityID: String
  public var gpuModel: String
  public var gpuCount: Int
  public var inServiceOn: Day
  public var capex: Money
  public var usefulLifeYears: Int?
  public var gpuPowerKW: Double
  public var utilizationPct: Double
  public var interconnect: Interconnect
  public var fabricGbpsPerGPU: Double
  /// Phased delivery over ramp_months + 1 months (CREDIT §C.1); nil means 0.
  public var rampMonths: Int?

  public init(
    id: String, providerID: String, facilityID: String, gpuModel: String, gpuCount: Int,
    inServiceOn: Day, capex: Money, usefulLifeYears: Int? = nil, gpuPowerKW: Double,
    utilizationPct: Double, interconnect: Interconnect, fabricGbpsPerGPU: Double,
    rampMonths: Int? = nil
  ) {
    self.rampMonths = rampMonths
    self.id = id
    self.providerID = providerID
    self.facilityID = facilityID
    self.gpuModel = gpuModel
    self.gpuCount = gpuCount
    self.inServiceOn = inServiceOn
    self.capex = capex
    self.usefulLifeYears = usefulLifeYears
    self.gpuPowerKW = gpuPowerKW
    self.utilizationPct = utilizationPct
    self.interconnect = interconnect
    self.fabricGbpsPerGPU = fabricGbpsPerGPU
  }

  public var effectiveUsefulLifeYears: Int { usefulLifeYears ?? Fleet.defaultUsefulLifeYears }
  public var effectiveRampMonths: Int { rampMonths ?? 0 }

  /// GPUs in `month` (CREDIT §C.1): gpu_count × min(1, (k+1)/(ramp_months+1)) with k the months
  /// since the in-service month; fractional, 0 before the in-service month.
  public func rampedGPUs(in month: Month) -> Double {
    rampedCount(gpuCount, ramp: effectiveRampMonths, k: month - inServiceOn.month)
  }

  /// The capex paid in each of the first ramp_months + 1 months from the in-service month
  /// (CREDIT §C.1): equal parts in cents, the last part taking the remainder.
  public var capexParts: [Money] {
    let parts = Int64(effectiveRampMonths + 1)
    let each = capex.cents / parts
    var result = [Money](repeating: Money(cents: each), count: Int(parts))
    result[result.count - 1] = Money(cents: capex.cents - each * (parts - 1))
    return result
  }

  /// Active in M when in_service month ≤ M < in_service month + 12 × life (§4).
  public func isActive(in month: Month) -> Bool {
    let start = inServiceOn.month
    return start <= month && month < start + 12 * effectiveUsefulLifeYears
  }
}

public struct Loan: Hashable, Sendable {
  public static let defaultMinDSCR = 1.25

  public var id: String
  public var providerID: String
  public var lender: String
  public var principal: Money
  public var balance: Money
  public var annualRatePct: Double
  public var rateType: RateType
  public var amortization: Amortization
  public var paymentsPerYear: Int
  public var startOn: Day
  public var maturityOn: Day
  public var collateralFleetID: String?
  public var minDSCR: Double?
  /// CREDIT §C.1: `term` when nil.
  public var facility: LoanFacility?
  /// CREDIT §C.1: the committed amount of a revolver or delayed-draw facility.
  public var commitment: Money?
  /// CREDIT §C.1: the last day a draw can be made; maturity_on when nil.
  public var availableUntil: Day?

  public init(
    id: String, providerID: String, lender: String, principal: Money, balance: Money,
    annualRatePct: Double, rateType: RateType, amortization: Amortization, paymentsPerYear: Int,
    startOn: Day, maturityOn: Day, collateralFleetID: String? = nil, minDSCR: Double? = nil,
    facility: LoanFacility? = nil, commitment: Money? = nil, availableUntil: Day? = nil
  ) {
    self.id = id
    self.providerID = providerID
    self.lender = lender
    self.principal = principal
    self.balance = balance
    self.annualRatePct = annualRatePct
    self.rateType = rateType
    self.amortization = amortization
    self.paymentsPerYear = paymentsPerYear
    self.startOn = startOn
    self.maturityOn = maturityOn
    self.collateralFleetID = collateralFleetID
    self.minDSCR = minDSCR
    self.facility = facility
    self.commitment = commitment
    self.availableUntil = availableUntil
  }

  public var effectiveMinDSCR: Double { minDSCR ?? Loan.defaultMinDSCR }

  /// CREDIT §C.1: a maintenance covenant only where one is known; nil (empty) or 0 is none.
  public var covenantMinDSCR: Double? {
    guard let minDSCR, minDSCR > 0 else { return nil }
    return minDSCR
  }

  public var effectiveFacility: LoanFacility { facility ?? .term }
  public var effectiveAvailableUntil: Day { availableUntil ?? maturityOn }

  /// CREDIT §C.1: the collateral fleets, `;`-separated in `collateral_fleet_id` (a pool), in the
  /// order given, empty parts and repeats dropped.
  public var collateralFleetIDs: [String] {
    guard let collateralFleetID else { return [] }
    var seen = Set<String>()
    var ids: [String] = []
    for part in collateralFleetID.split(separator: ";", omittingEmptySubsequences: true) {
      let id = String(part)
      if seen.insert(id).inserted { ids.append(id) }
    }
    return ids
  }
}

public struct Contract: Hashable, Sendable {
  public static let defaultSLAUptimePct = 99.0
  public static let defaultSLACreditPct = 10.0

  public var id: String
  public var providerID: String
  public var customer: String
  public var gpuModel: String
  public var gpuCount: Int
  public var priceUSDPerGPUHour: Double
  public var startOn: Day
  public var endOn: Day
  public var slaUptimePct: Double?
  public var slaCreditPct: Double?
  /// Linear delivery ramp (CREDIT §C.1); nil means 0.
  public var rampMonths: Int?
  /// Prepayment not yet used up at as_of (started contract) or received at start (later one).
  public var prepaid: Money?
  public var customerRating: CustomerRating?

  public init(
    id: String, providerID: String, customer: String, gpuModel: String, gpuCount: Int,
    priceUSDPerGPUHour: Double, startOn: Day, endOn: Day, slaUptimePct: Double? = nil,
    slaCreditPct: Double? = nil, rampMonths: Int? = nil, prepaid: Money? = nil,
    customerRating: CustomerRating? = nil
  ) {
    self.rampMonths = rampMonths
    self.prepaid = prepaid
    self.customerRating = customerRating
    self.id = id
    self.providerID = providerID
    self.customer = customer
    self.gpuModel = gpuModel
    self.gpuCount = gpuCount
    self.priceUSDPerGPUHour = priceUSDPerGPUHour
    self.startOn = startOn
    self.endOn = endOn
    self.slaUptimePct = slaUptimePct
    self.slaCreditPct = slaCreditPct
  }

  public var effectiveSLAUptimePct: Double { slaUptimePct ?? Contract.defaultSLAUptimePct }
  public var effectiveSLACreditPct: Double { slaCreditPct ?? Contract.defaultSLACreditPct }
  public var effectiveRampMonths: Int { rampMonths ?? 0 }
  public var effectiveCustomerRating: CustomerRating { customerRating ?? .unrated }

  /// GPUs in an active month (CREDIT §C.1): gpu_count × min(1, (k+1)/(ramp_months+1)), k
  /// counted from the start month; fractional.
  public func rampedGPUs(in month: Month) -> Double {
    rampedCount(gpuCount, ramp: effectiveRampMonths, k: month - startOn.month)
  }

  /// Active in M when start month ≤ M ≤ end month (§4).
  public func isActive(in month: Month) -> Bool {
    startOn.month <= month && month <= endOn.month
  }
}

public struct UptimeMonth: Hashable, Sendable {
  public var providerID: String
  public var month: Month
  public var uptimePct: Double
  public var incidents: Int
  /// Nil only for a row with a `source` (a status page does not report GPU failures).
  public var failuresPer1kGPUMonths: Double?
  /// Nil only for a month without incidents (nothing to repair).
  public var mttrHours: Double?
  /// Where the row came from, e.g. `statuspage:https://status.example.com`; nil when typed in.
  public var source: String?

  public init(
    providerID: String, month: Month, uptimePct: Double, incidents: Int,
    failuresPer1kGPUMonths: Double?, mttrHours: Double?, source: String? = nil
  ) {
    self.providerID = providerID
    self.month = month
    self.uptimePct = uptimePct
    self.incidents = incidents
    self.failuresPer1kGPUMonths = failuresPer1kGPUMonths
    self.mttrHours = mttrHours
    self.source = source
  }
}

public struct Assessment: Hashable, Sendable {
  public var providerID: String
  public var criterionID: String
  /// The raw value text: `true`/`false`, an integer 0–4, or a number, by the criterion's kind.
  public var value: String
  public var evidence: String?
  public var assessedOn: Day

  public init(
    providerID: String, criterionID: String, value: String, evidence: String? = nil,
    assessedOn: Day
  ) {
    self.providerID = providerID
    self.criterionID = criterionID
    self.value = value
    self.evidence = evidence
    self.assessedOn = assessedOn
  }
}

public struct Criterion: Hashable, Sendable {
  public var id: String
  public var pillar: String
  public var title: String
  public var kind: CriterionKind
  public var weight: Double
  public var fullAt: Double?
  public var zeroAt: Double?
  public var requiredFor: Tier?
  public var source: CriterionSource?

  public init(
    id: String, pillar: String, title: String, kind: CriterionKind, weight: Double,
    fullAt: Double? = nil, zeroAt: Double? = nil, requiredFor: Tier? = nil,
    source: CriterionSource? = nil
  ) {
    self.id = id
    self.pillar = pillar
    self.title = title
    self.kind = kind
    self.weight = weight
    self.fullAt = fullAt
    self.zeroAt = zeroAt
    self.requiredFor = requiredFor
    self.source = source
  }

  public var effectiveSource: CriterionSource { source ?? .assessment }
}

public struct MarketPrice: Hashable, Sendable {
  public var gpuModel: String
  public var observedOn: Day
  public var priceUSDPerGPUHour: Double
  public var source: String?

  public init(gpuModel: String, observedOn: Day, priceUSDPerGPUHour: Double, source: String? = nil) {
    self.gpuModel = gpuModel
    self.observedOn = observedOn
    self.priceUSDPerGPUHour = priceUSDPerGPUHour
    self.source = source
  }
}

/// Everything stored about one provider, as the pure engines (Scoring, Finance) need it.
public struct ProviderBook: Hashable, Sendable {
  public var provider: Provider
  public var facilities: [Facility]
  public var fleets: [Fleet]  // by fleet_id
  public var loans: [Loan]  // by loan_id
  public var contracts: [Contract]  // by contract_id
  public var uptime: [UptimeMonth]  // by month
  public var assessments: [Assessment]  // by criterion_id, assessed_on

  public init(
    provider: Provider, facilities: [Facility] = [], fleets: [Fleet] = [], loans: [Loan] = [],
    contracts: [Contract] = [], uptime: [UptimeMonth] = [], assessments: [Assessment] = []
  ) {
    self.provider = provider
    self.facilities = facilities
    self.fleets = fleets
    self.loans = loans
    self.contracts = contracts
    self.uptime = uptime
    self.assessments = assessments
  }
}

/// gpu_count × min(1, (k+1)/(ramp+1)); 0 for k < 0 (CREDIT §C.1). Exact for ramp 0.
@inline(__always)
public func rampedCount(_ count: Int, ramp: Int, k: Int) -> Double {
  guard k >= 0 else { return 0 }
  guard ramp > 0, k < ramp else { return Double(count) }
  return Double(count) * Double(k + 1) / Double(ramp + 1)
}
