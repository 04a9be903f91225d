import Domain
import Foundation

/// The revenue and cost drivers of one provider over M1…MH, precomputed once so that revenue
/// can be re-evaluated cheaply under another utilization (break-even, §4).
struct OperatingModel {
  /// One GPU model in one month.
  struct ModelMonth {
    var gpuModel: String
    /// C: GPUs of active fleets of the model.
    var capacity: Int
    /// K: GPUs of active contracts of the model.
    var contracted: Int
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
      return Double(capacity) / Double(contracted)
    }

    func utilized(overridePct: Double?) -> Double {
      guard let overridePct else { return utilizedGPUs }
      return Double(capacity) * overridePct / 100
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

  /// Builds the drivers in one pass over fleets and one over contracts: each fleet adds to the
  /// months it is active in only (no per-month scan of every fleet), facility and model are
  /// resolved once per fleet, and accumulators are indexed by month and model position. Every
  /// floating-point sum adds the same terms in the same order as a month-by-month scan (months
  /// in order; within a month and model, fleets and contracts in book order), so the figures
  /// are bit-identical to the straightforward definition.
  init(book: ProviderBook, prices: MarketPriceIndex, asOf: Day, assumptions: Assumptions) {
    let m0 = asOf.month
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
    var capacity = [Int](repeating: 0, count: count * modelCount)
    var utilizedPctGPUs = [Double](repeating: 0, count: count * modelCount)
    var contracted = [Int](repeating: 0, count: count * modelCount)
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
      let capexOffset = start - m0Index - 1
      if capexOffset >= 0 && capexOffset < count { capex[capexOffset] += fleet.capex.dollars }
      let active = offsets(first: start, last: start + 12 * fleet.effectiveUsefulLifeYears - 1)
      guard !active.isEmpty, let model = modelSlot[fleet.gpuModel] else { continue }
      let gpus = fleet.gpuCount
      let pctGPUs = Double(gpus) * fleet.utilizationPct
      for offset in active {
        capacity[offset * modelCount + model] += gpus
        utilizedPctGPUs[offset * modelCount + model] += pctGPUs
      }
      // A fleet whose facility is missing from the book costs no power or colocation.
      guard let facility = facilities[fleet.facilityID] else { continue }
      let kilowatts = Double(gpus) * fleet.gpuPowerKW
      let fleetPower = kilowatts * facility.pue * hours * facility.powerUSDPerKWh
      let fleetColocation = kilowatts * facility.colocationUSDPerKWMonth
      for offset in active {
        power[offset] += fleetPower
        colocation[offset] += fleetColocation
      }
    }
    var contractRanges: [Range<Int>] = []
    contractRanges.reserveCapacity(book.contracts.count)
    for (position, contract) in book.contracts.enumerated() {
      let active = offsets(first: contract.startOn.month.index, last: contract.endOn.month.index)
      contractRanges.append(active)
      guard !active.isEmpty, let model = modelSlot[contract.gpuModel] else { continue }
      let monthly = Double(contract.gpuCount) * contract.priceUSDPerGPUHour * hours
      let monthlyNet = monthly * factors[position]
      for offset in active {
        contracted[offset * modelCount + model] += contract.gpuCount
        gross[offset * modelCount + model] += monthly
        net[offset * modelCount + model] += monthlyNet
      }
    }

    var used: [String: MarketPrice?] = [:]
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
        guard capacity[slot] > 0 || contracted[slot] > 0 else { continue }
        let base = p0[model]
        if capacity[slot] > 0 { used[modelNames[model]] = base }
        let price = base.map {
          $0.priceUSDPerGPUHour
            * pow(decayFactor, Double(month - $0.observedOn.month) / 12) * shockFactor
        }
        listed[slot] = models.count
        models.append(
          ModelMonth(
            gpuModel: modelNames[model], capacity: capacity[slot], contracted: contracted[slot],
            utilizedGPUs: utilizedPctGPUs[slot] / 100, contractGross: gross[slot],
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
    months = drivers
    marketPricesUsed = used
    contractModelSlots = slots

    // Variable opex (CREDIT §C.1, §C.7) reads the base revenue: the data's own utilization, no
    // price shock, the default decay; stresses move revenue, never opex.
    let variablePct = book.provider.effectiveVariableOpexPct
    if variablePct > 0 {
      let baseAssumptions = assumptions.baseRevenueAssumptions
      let base =
        assumptions.priceShockPct == baseAssumptions.priceShockPct
          && assumptions.priceDecayPct == baseAssumptions.priceDecayPct
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
        let idle = model.utilized(overridePct: utilizationPct) - Double(model.contracted)
        onDemand += max(0, idle) * price * Assumptions.hoursPerMonth
      }
    }
    return Revenue(contract: contract, onDemand: onDemand, slaCredit: gross - contract)
  }

  /// CFADS of month `index` from a revenue (§4).
  func cfads(_ index: Int, revenue: Revenue) -> Double {
    let drivers = months[index]
    return revenue.contract + revenue.onDemand - drivers.power - drivers.colocation - drivers.opex
      - drivers.fixedRent
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
