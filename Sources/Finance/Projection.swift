import Domain
import Foundation

/// The revenue and cost drivers of one provider over M1…MH, precomputed once so that revenue
/// can be re-evaluated cheaply under another utilization (break-even, §4).
struct OperatingModel {
  /// One GPU model in one month.
  struct ModelMonth {
    var gpuModel: String
    /// C: ramped GPUs of active fleets of the model (CREDIT §C.1: fractional).
    var capacity: Double
    /// K: ramped GPUs of the model's active contracts that still pay (live).
    var contracted: Double
    /// K_base: as `contracted`, with defaulted contracts counted as alive (CREDIT §C.5); the
    /// on-demand GPUs are max(0, u × C − K_base).
    var contractedBase: Double
    /// F: ramped GPUs of defaulted contracts, re-let this month (CREDIT §C.5), 0 before
    /// default-from + relet-delay and after each contract's end month.
    var freed: Double = 0
    /// u × C with the fleets' own utilization: Σ gpu_count × utilization_pct / 100.
    var utilizedGPUs: Double
    /// Σ gpu_count × price × 730 of active contracts, before min(1, C/K) and the SLA factor.
    var contractGross: Double
    /// Σ gpu_count × price × 730 × s of active contracts.
    var contractNet: Double
    /// p(M) with decay and shock; nil when the model has no p0.
    var marketPrice: Double?

    /// min(1, C/K), 0 when C = 0 (§4: contract revenue is 0 without capacity).
    var fillRatio: Double {
      guard capacity > 0 else { return 0 }
      guard contracted > capacity else { return 1 }
      return capacity / contracted
    }

    func utilized(overridePct: Double?) -> Double {
      guard let overridePct else { return utilizedGPUs }
      return capacity * overridePct / 100
    }
  }

  struct MonthDrivers {
    var month: Month
    /// By gpu_model (byte order), every model with an active fleet or contract.
    var models: [ModelMonth]
    var power: Double
    var colocation: Double
    /// Fixed opex plus variable opex on the base revenue (CREDIT §C.1).
    var opex: Double
    /// Σ fixed_rent_usd_per_month of the provider's facilities (CREDIT §C.1).
    var fixedRent: Double
    var capex: Double
    /// Prepayments applied against this month's invoices (CREDIT §C.1); CFADS subtracts it.
    var prepaymentApplied: Double = 0
    /// Prepayments of later contracts received this month: cash, not CFADS (CREDIT §C.1).
    var prepaymentReceived: Double = 0
  }

  struct Revenue {
    var contract: Double
    var onDemand: Double
    var slaCredit: Double
  }

  private(set) var months: [MonthDrivers]
  /// p0 of every model with active fleets in M1…MH (nil entry: no p0).
  let marketPricesUsed: [String: MarketPrice?]
  /// SLA factor s per contract, in the book's contract order.
  let slaFactors: [Double]
  /// Per contract (book order): the index of its model in each month's `models`, or -1 when
  /// the contract is not active in that month; row-major, `months.count` entries per contract.
  let contractModelSlots: [Int]
  /// Uptime rows in M0−11…M0.
  let uptimeMonthsInWindow: Int
  /// Per contract (book order), per month offset: the contract revenue booked (after ramp,
  /// min(1, C/K) and the SLA factor; 0 when inactive or defaulted); row-major like the slots.
  private(set) var contractBooked: [Double] = []
  /// The customers whose contracts default in this projection (CREDIT §C.5), sorted.
  let defaultedCustomers: [String]
  /// relet-utilization × (1 − haircut): the share of p(M) × 730 a freed GPU earns.
  let reletFactor: Double

  /// Builds the drivers in one pass over fleets and one over contracts: each fleet adds to the
  /// months it is active in only (no per-month scan of every fleet), facility and model are
  /// resolved once per fleet, and accumulators are indexed by month and model position. Every
  /// floating-point sum adds the same terms in the same order as a month-by-month scan (months
  /// in order; within a month and model, fleets and contracts in book order), so the figures
  /// are bit-identical to the straightforward definition.
  init(
    book: ProviderBook, prices: MarketPriceIndex, asOf: Day, assumptions: Assumptions,
    defaulted: Set<String> = []
  ) {
    let m0 = asOf.month
    let terms = assumptions.customerDefault
    defaultedCustomers = defaulted.sorted()
    reletFactor = terms.reletUtilizationPct / 100 * (1 - terms.reletHaircutPct / 100)
    let defaultFromIndex = terms.firstMonth(m0: m0).index
    let reletFromIndex = defaultFromIndex + terms.reletDelayMonths
    let m0Index = m0.index
    let count = assumptions.projectedMonthCount
    let hours = Assumptions.hoursPerMonth
    let decayFactor = 1 - assumptions.priceDecayPct / 100
    let shockFactor = 1 + assumptions.priceShockPct / 100

    // SLA factor s per contract (§4): m = months with uptime rows in M0−11…M0, b = those below
    // the contract's sla_uptime_pct.
    let window = book.uptime.filter { $0.month >= m0 - 11 && $0.month <= m0 }
    uptimeMonthsInWindow = window.count
    var factors: [Double] = []
    factors.reserveCapacity(book.contracts.count)
    for contract in book.contracts {
      guard !window.isEmpty else {
        factors.append(1)
        continue
      }
      let threshold = contract.effectiveSLAUptimePct
      var below = 0
      for row in window where row.uptimePct < threshold { below += 1 }
      factors.append(
        1 - contract.effectiveSLACreditPct / 100 * Double(below) / Double(window.count))
    }
    slaFactors = factors

    // Every model with a fleet or a contract, sorted by name.
    var modelNames: [String] = []
    var modelSlot: [String: Int] = [:]
    for name in Set(book.fleets.map(\.gpuModel)).union(book.contracts.map(\.gpuModel)).sorted() {
      modelSlot[name] = modelNames.count
      modelNames.append(name)
    }
    let modelCount = modelNames.count
    var p0: [MarketPrice?] = []
    p0.reserveCapacity(modelCount)
    for model in modelNames { p0.append(prices.latest(model, onOrBefore: asOf)) }

    // The months a record is active in, as 0-based offsets into M1…MH (empty when none).
    func offsets(first: Int, last: Int) -> Range<Int> {
      let low = max(first - m0Index - 1, 0)
      let high = min(last - m0Index, count)
      return low < high ? low..<high : 0..<0
    }

    // Accumulators, month-major: [month * modelCount + model].
    var capacity = [Double](repeating: 0, count: count * modelCount)
    var utilizedPctGPUs = [Double](repeating: 0, count: count * modelCount)
    var contracted = [Double](repeating: 0, count: count * modelCount)
    var contractedBase = [Double](repeating: 0, count: count * modelCount)
    var freed = [Double](repeating: 0, count: count * modelCount)
    var gross = [Double](repeating: 0, count: count * modelCount)
    var net = [Double](repeating: 0, count: count * modelCount)
    var power = [Double](repeating: 0, count: count)
    var colocation = [Double](repeating: 0, count: count)
    var capex = [Double](repeating: 0, count: count)

    var facilities: [String: Facility] = [:]
    for facility in book.facilities where facilities[facility.id] == nil {
      facilities[facility.id] = facility
    }
    for fleet in book.fleets {
      let start = fleet.inServiceOn.month.index
      // Capex in equal cent parts over the first ramp_months + 1 months (CREDIT §C.1).
      for (k, part) in fleet.capexParts.enumerated() {
        let capexOffset = start + k - m0Index - 1
        if capexOffset >= 0 && capexOffset < count { capex[capexOffset] += part.dollars }
      }
      let active = offsets(first: start, last: start + 12 * fleet.effectiveUsefulLifeYears - 1)
      guard !active.isEmpty, let model = modelSlot[fleet.gpuModel] else { continue }
      let ramp = fleet.effectiveRampMonths
      // Ramped GPUs (fractional) in the month at `offset`; gpu_count once the ramp is done.
      func gpus(_ offset: Int) -> Double {
        rampedCount(fleet.gpuCount, ramp: ramp, k: m0Index + 1 + offset - start)
      }
      for offset in active {
        let ramped = gpus(offset)
        capacity[offset * modelCount + model] += ramped
        utilizedPctGPUs[offset * modelCount + model] += ramped * fleet.utilizationPct
      }
      // A fleet whose facility is missing from the book costs no power or colocation.
      guard let facility = facilities[fleet.facilityID] else { continue }
      for offset in active {
        let kilowatts = gpus(offset) * fleet.gpuPowerKW
        power[offset] += kilowatts * facility.pue * hours * facility.powerUSDPerKWh
        colocation[offset] += kilowatts * facility.colocationUSDPerKWMonth
      }
    }
    var contractRanges: [Range<Int>] = []
    contractRanges.reserveCapacity(book.contracts.count)
    for (position, contract) in book.contracts.enumerated() {
      let active = offsets(first: contract.startOn.month.index, last: contract.endOn.month.index)
      contractRanges.append(active)
      guard !active.isEmpty, let model = modelSlot[contract.gpuModel] else { continue }
      let isDefaulted = defaulted.contains(contract.customer)
      let end = contract.endOn.month.index
      let start = contract.startOn.month.index
      let ramp = contract.effectiveRampMonths
      for offset in active {
        let monthIndex = m0Index + 1 + offset
        let ramped = rampedCount(contract.gpuCount, ramp: ramp, k: monthIndex - start)
        contractedBase[offset * modelCount + model] += ramped
        if isDefaulted && monthIndex >= defaultFromIndex {
          if monthIndex >= reletFromIndex && monthIndex <= end {
            freed[offset * modelCount + model] += ramped
          }
          continue
        }
        let monthly = ramped * contract.priceUSDPerGPUHour * hours
        contracted[offset * modelCount + model] += ramped
        gross[offset * modelCount + model] += monthly
        net[offset * modelCount + model] += monthly * factors[position]
      }
    }

    // Models with an active fleet in some month (their p0 is reported as used), by slot: one
    // dictionary entry per model at the end instead of one write per month.
    var usedModels = [Bool](repeating: false, count: modelCount)
    var drivers: [MonthDrivers] = []
    drivers.reserveCapacity(count)
    // Per month, the position in `models` of each model slot (-1: not listed that month).
    var listed = [Int](repeating: -1, count: count * modelCount)
    let opex = book.provider.fixedOpexPerMonth.dollars
    var fixedRent = 0.0
    for facility in book.facilities { fixedRent += facility.fixedRentPerMonth?.dollars ?? 0 }
    for offset in 0..<count {
      let month = Month(index: m0Index + 1 + offset)
      var models: [ModelMonth] = []
      for model in 0..<modelCount {
        let slot = offset * modelCount + model
        guard capacity[slot] > 0 || contractedBase[slot] > 0 else { continue }
        let base = p0[model]
        if capacity[slot] > 0 { usedModels[model] = true }
        let price = base.map {
          $0.priceUSDPerGPUHour
            * pow(decayFactor, Double(month - $0.observedOn.month) / 12) * shockFactor
        }
        listed[slot] = models.count
        models.append(
          ModelMonth(
            gpuModel: modelNames[model], capacity: capacity[slot], contracted: contracted[slot],
            contractedBase: contractedBase[slot], freed: freed[slot], utilizedGPUs: utilizedPctGPUs[slot] / 100,
            contractGross: gross[slot],
            contractNet: net[slot], marketPrice: price))
      }
      drivers.append(
        MonthDrivers(
          month: month, models: models, power: power[offset], colocation: colocation[offset],
          opex: opex, fixedRent: fixedRent, capex: capex[offset]))
    }
    var slots = [Int](repeating: -1, count: book.contracts.count * count)
    for (position, contract) in book.contracts.enumerated() {
      guard let model = modelSlot[contract.gpuModel] else { continue }
      for offset in contractRanges[position] {
        slots[position * count + offset] = listed[offset * modelCount + model]
      }
    }
    var used: [String: MarketPrice?] = [:]
    for model in 0..<modelCount where usedModels[model] { used[modelNames[model]] = p0[model] }
    months = drivers
    marketPricesUsed = used
    contractModelSlots = slots

    // Booked contract revenue per contract and month, and prepayments (CREDIT §C.1, §C.7):
    // applied = min(what is left, that month's booked revenue) from the first projected month
    // the contract is active; a later contract's prepayment is received in its start month
    // (M1 when at or before M0), not when due in or after default-from for a defaulted one.
    var booked = [Double](repeating: 0, count: book.contracts.count * count)
    for (position, contract) in book.contracts.enumerated() {
      let isDefaulted = defaulted.contains(contract.customer)
      var left = contract.prepaid?.dollars ?? 0
      let isLater = contract.startOn > book.provider.asOf
      if isLater && left > 0 {
        let receivedIndex = max(contract.startOn.month.index, m0Index + 1)
        let offset = receivedIndex - m0Index - 1
        if offset < count && !(isDefaulted && receivedIndex >= defaultFromIndex) {
          drivers[offset].prepaymentReceived += left
        } else {
          left = 0
        }
      }
      for offset in contractRanges[position] {
        let slot = slots[position * count + offset]
        guard slot >= 0 else { continue }
        let monthIndex = m0Index + 1 + offset
        if isDefaulted && monthIndex >= defaultFromIndex { continue }
        let ramped = rampedCount(
          contract.gpuCount, ramp: contract.effectiveRampMonths,
          k: monthIndex - contract.startOn.month.index)
        let revenue =
          drivers[offset].models[slot].fillRatio * ramped * contract.priceUSDPerGPUHour * hours
          * factors[position]
        booked[position * count + offset] = revenue
        if left > 0 {
          let applied = min(left, revenue)
          left -= applied
          drivers[offset].prepaymentApplied += applied
        }
      }
    }
    months = drivers
    contractBooked = booked

    // Variable opex (CREDIT §C.1, §C.7) reads the base revenue: the data's own utilization, no
    // price shock, the default decay; stresses move revenue, never opex.
    let variablePct = book.provider.effectiveVariableOpexPct
    if variablePct > 0 {
      let baseAssumptions = assumptions.baseRevenueAssumptions
      let base =
        assumptions.priceShockPct == baseAssumptions.priceShockPct
          && assumptions.priceDecayPct == baseAssumptions.priceDecayPct && defaulted.isEmpty
        ? self
        : OperatingModel(book: book, prices: prices, asOf: asOf, assumptions: baseAssumptions)
      for index in months.indices {
        let revenue = base.revenue(index, utilizationPct: nil)
        months[index].opex += variablePct / 100 * (revenue.contract + revenue.onDemand)
      }
    }
  }

  /// Revenue of month `index` (0 for M1) under the fleets' own utilization or an override (§4).
  func revenue(_ index: Int, utilizationPct: Double?) -> Revenue {
    var contract = 0.0
    var gross = 0.0
    var onDemand = 0.0
    for model in months[index].models {
      let fill = model.fillRatio
      contract += fill * model.contractNet
      gross += fill * model.contractGross
      if let price = model.marketPrice {
        let idle = model.utilized(overridePct: utilizationPct) - model.contractedBase
        onDemand += max(0, idle) * price * Assumptions.hoursPerMonth
        // Re-let GPUs of defaulted contracts (CREDIT §C.5): no SLA factor, inside on-demand.
        if model.freed > 0 {
          onDemand += model.freed * reletFactor * price * Assumptions.hoursPerMonth
        }
      }
    }
    return Revenue(contract: contract, onDemand: onDemand, slaCredit: gross - contract)
  }

  /// CFADS of month `index` from a revenue (§4).
  func cfads(_ index: Int, revenue: Revenue) -> Double {
    let drivers = months[index]
    return revenue.contract + revenue.onDemand - drivers.power - drivers.colocation - drivers.opex
      - drivers.fixedRent - drivers.prepaymentApplied
  }

  /// Σ CFADS(M1…M12), summed in month order.
  func cfads12(utilizationPct: Double?) -> Double {
    var total = 0.0
    for index in 0..<12 {
      total += cfads(index, revenue: revenue(index, utilizationPct: utilizationPct))
    }
    return total
  }
}
