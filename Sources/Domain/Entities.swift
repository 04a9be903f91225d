/// The value types of the nine CSV kinds (§2). Field names follow the CSV columns, units in names.
/// Optional CSV fields are kept optional (as given) so that an export reproduces the input;
/// `effective…` accessors apply the documented defaults.

package struct Provider: Hashable, Sendable {
  package var id: String
  package var name: String
  package var segment: Segment
  package var country: String
  package var cash: Money
  package var fixedOpexPerMonth: Money
  package var asOf: Day
  package var minLiquidity: Money?
  /// CREDIT §C.1: opex grows by this share (0–100) of the month's base revenue; nil means 0.
  package var variableOpexPct: Double?

  package init(
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

  package var effectiveVariableOpexPct: Double { variableOpexPct ?? 0 }
}

package struct Facility: Hashable, Sendable {
  package var id: String
  package var providerID: String
  package var name: String
  package var region: String
  package var itCapacityMW: Double
  package var pue: Double
  package var powerUSDPerKWh: Double
  package var colocationUSDPerKWMonth: Double
  package var ownership: Ownership
  /// CREDIT §C.1: rent paid every month whether or not GPUs run there; nil means 0.
  package var fixedRentPerMonth: Money?

  package init(
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

package struct Fleet: Hashable, Sendable {
  package static let defaultUsefulLifeYears = 6

  package var id: String
  package var providerID: String
  package var facilityID: String
  package var gpuModel: String
  package var gpuCount: Int
  package var inServiceOn: Day
  package var capex: Money
  package var usefulLifeYears: Int?
  package var gpuPowerKW: Double
  package var utilizationPct: Double
  package var interconnect: Interconnect
  package var fabricGbpsPerGPU: Double
  /// Phased delivery over ramp_months + 1 months (CREDIT §C.1); nil means 0.
  package var rampMonths: Int?

  package init(
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

  package var effectiveUsefulLifeYears: Int { usefulLifeYears ?? Fleet.defaultUsefulLifeYears }
  package var effectiveRampMonths: Int { rampMonths ?? 0 }

  /// GPUs in `month` (CREDIT §C.1): gpu_count × min(1, (k+1)/(ramp_months+1)) with k the months
  /// since the in-service month; fractional, 0 before the in-service month.
  package func rampedGPUs(in month: Month) -> Double {
    rampedCount(gpuCount, ramp: effectiveRampMonths, k: month - inServiceOn.month)
  }

  /// The capex paid in each of the first ramp_months + 1 months from the in-service month
  /// (CREDIT §C.1): equal parts in cents, the last part taking the remainder.
  package var capexParts: [Money] {
    let parts = Int64(effectiveRampMonths + 1)
    let each = capex.cents / parts
    var result = [Money](repeating: Money(cents: each), count: Int(parts))
    result[result.count - 1] = Money(cents: capex.cents - each * (parts - 1))
    return result
  }

  /// Active in M when in_service month ≤ M < in_service month + 12 × life (§4).
  package func isActive(in month: Month) -> Bool {
    let start = inServiceOn.month
    return start <= month && month < start + 12 * effectiveUsefulLifeYears
  }
}

package struct Loan: Hashable, Sendable {
  package static let defaultMinDSCR = 1.25

  package var id: String
  package var providerID: String
  package var lender: String
  package var principal: Money
  package var balance: Money
  package var annualRatePct: Double
  package var rateType: RateType
  package var amortization: Amortization
  package var paymentsPerYear: Int
  package var startOn: Day
  package var maturityOn: Day
  package var collateralFleetID: String?
  package var minDSCR: Double?
  /// CREDIT §C.1: `term` when nil.
  package var facility: LoanFacility?
  /// CREDIT §C.1: the committed amount of a revolver or delayed-draw facility.
  package var commitment: Money?
  /// CREDIT §C.1: the last day a draw can be made; maturity_on when nil.
  package var availableUntil: Day?

  package init(
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

  package var effectiveMinDSCR: Double { minDSCR ?? Loan.defaultMinDSCR }

  /// CREDIT §C.1: a maintenance covenant only where one is known; nil (empty) or 0 is none.
  package var covenantMinDSCR: Double? {
    guard let minDSCR, minDSCR > 0 else { return nil }
    return minDSCR
  }

  package var effectiveFacility: LoanFacility { facility ?? .term }
  package var effectiveAvailableUntil: Day { availableUntil ?? maturityOn }

  /// CREDIT §C.1: the collateral fleets, `;`-separated in `collateral_fleet_id` (a pool), in the
  /// order given, empty parts and repeats dropped.
  package var collateralFleetIDs: [String] {
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

package struct Contract: Hashable, Sendable {
  package static let defaultSLAUptimePct = 99.0
  package static let defaultSLACreditPct = 10.0

  package var id: String
  package var providerID: String
  package var customer: String
  package var gpuModel: String
  package var gpuCount: Int
  package var priceUSDPerGPUHour: Double
  package var startOn: Day
  package var endOn: Day
  package var slaUptimePct: Double?
  package var slaCreditPct: Double?
  /// Linear delivery ramp (CREDIT §C.1); nil means 0.
  package var rampMonths: Int?
  /// Prepayment not yet used up at as_of (started contract) or received at start (later one).
  package var prepaid: Money?
  package var customerRating: CustomerRating?

  package init(
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

  package var effectiveSLAUptimePct: Double { slaUptimePct ?? Contract.defaultSLAUptimePct }
  package var effectiveSLACreditPct: Double { slaCreditPct ?? Contract.defaultSLACreditPct }
  package var effectiveRampMonths: Int { rampMonths ?? 0 }
  package var effectiveCustomerRating: CustomerRating { customerRating ?? .unrated }

  /// GPUs in an active month (CREDIT §C.1): gpu_count × min(1, (k+1)/(ramp_months+1)), k
  /// counted from the start month; fractional.
  package func rampedGPUs(in month: Month) -> Double {
    rampedCount(gpuCount, ramp: effectiveRampMonths, k: month - startOn.month)
  }

  /// Active in M when start month ≤ M ≤ end month (§4).
  package func isActive(in month: Month) -> Bool {
    startOn.month <= month && month <= endOn.month
  }
}

package struct UptimeMonth: Hashable, Sendable {
  package var providerID: String
  package var month: Month
  package var uptimePct: Double
  package var incidents: Int
  /// Nil only for a row with a `source` (a status page does not report GPU failures).
  package var failuresPer1kGPUMonths: Double?
  /// Nil only for a month without incidents (nothing to repair).
  package var mttrHours: Double?
  /// Where the row came from, e.g. `statuspage:https://status.example.com`; nil when typed in.
  package var source: String?

  package init(
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

package struct Assessment: Hashable, Sendable {
  package var providerID: String
  package var criterionID: String
  /// The raw value text: `true`/`false`, an integer 0–4, or a number, by the criterion's kind.
  package var value: String
  package var evidence: String?
  package var assessedOn: Day

  package init(
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

package struct Criterion: Hashable, Sendable {
  package var id: String
  package var pillar: String
  package var title: String
  package var kind: CriterionKind
  package var weight: Double
  package var fullAt: Double?
  package var zeroAt: Double?
  package var requiredFor: Tier?
  package var source: CriterionSource?

  package init(
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

  package var effectiveSource: CriterionSource { source ?? .assessment }
}

package struct MarketPrice: Hashable, Sendable {
  package var gpuModel: String
  package var observedOn: Day
  package var priceUSDPerGPUHour: Double
  package var source: String?

  package init(gpuModel: String, observedOn: Day, priceUSDPerGPUHour: Double, source: String? = nil) {
    self.gpuModel = gpuModel
    self.observedOn = observedOn
    self.priceUSDPerGPUHour = priceUSDPerGPUHour
    self.source = source
  }
}

/// Everything stored about one provider, as the pure engines (Scoring, Finance) need it.
package struct ProviderBook: Hashable, Sendable {
  package var provider: Provider
  package var facilities: [Facility]
  package var fleets: [Fleet]  // by fleet_id
  package var loans: [Loan]  // by loan_id
  package var contracts: [Contract]  // by contract_id
  package var uptime: [UptimeMonth]  // by month
  package var assessments: [Assessment]  // by criterion_id, assessed_on

  package init(
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
package func rampedCount(_ count: Int, ramp: Int, k: Int) -> Double {
  guard k >= 0 else { return 0 }
  guard ramp > 0, k < ramp else { return Double(count) }
  return Double(count) * Double(k + 1) / Double(ramp + 1)
}
