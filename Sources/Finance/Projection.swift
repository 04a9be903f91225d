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
    var opex: Double
    var capex: Double
  }

  struct Revenue {
    var contract: Double
    var onDemand: Double
    var slaCredit: Double
  }

  let months: [MonthDrivers]
  /// p0 of every model with active fleets in M1…MH (nil entry: no p0).
  let marketPricesUsed: [String: MarketPrice?]
  /// SLA factor s per contract id.
  let slaFactors: [String: Double]
  /// Uptime rows in M0−11…M0.
  let uptimeMonthsInWindow: Int

  init(book: ProviderBook, prices: MarketPriceIndex, asOf: Day, assumptions: Assumptions) {
    let m0 = asOf.month
    let count = assumptions.projectedMonthCount
    let hours = Assumptions.hoursPerMonth
    let decayFactor = 1 - assumptions.priceDecayPct / 100
    let shockFactor = 1 + assumptions.priceShockPct / 100

    // SLA factor s per contract (§4): m = months with uptime rows in M0−11…M0, b = those below
    // the contract's sla_uptime_pct.
    let window = book.uptime.filter { $0.month >= m0 - 11 && $0.month <= m0 }
    uptimeMonthsInWindow = window.count
    var factors: [String: Double] = [:]
    for contract in book.contracts {
      guard !window.isEmpty else {
        factors[contract.id] = 1
        continue
      }
      let below = window.filter { $0.uptimePct < contract.effectiveSLAUptimePct }.count
      factors[contract.id] =
        1 - contract.effectiveSLACreditPct / 100 * Double(below) / Double(window.count)
    }
    slaFactors = factors

    let facilities = Dictionary(
      book.facilities.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
    let fleetsByModel = Dictionary(grouping: book.fleets, by: \.gpuModel)
    let contractsByModel = Dictionary(grouping: book.contracts, by: \.gpuModel)
    let modelNames = Set(fleetsByModel.keys).union(contractsByModel.keys).sorted()
    var p0: [String: MarketPrice?] = [:]
    for model in modelNames { p0[model] = prices.latest(model, onOrBefore: asOf) }

    var used: [String: MarketPrice?] = [:]
    var drivers: [MonthDrivers] = []
    drivers.reserveCapacity(count)
    for offset in 1...count {
      let month = m0 + offset
      var models: [ModelMonth] = []
      for model in modelNames {
        var capacity = 0
        var utilizedPctGPUs = 0.0
        for fleet in fleetsByModel[model] ?? [] where fleet.isActive(in: month) {
          capacity += fleet.gpuCount
          utilizedPctGPUs += Double(fleet.gpuCount) * fleet.utilizationPct
        }
        var contracted = 0
        var gross = 0.0
        var net = 0.0
        for contract in contractsByModel[model] ?? [] where contract.isActive(in: month) {
          contracted += contract.gpuCount
          let monthly = Double(contract.gpuCount) * contract.priceUSDPerGPUHour * hours
          gross += monthly
          net += monthly * (factors[contract.id] ?? 1)
        }
        guard capacity > 0 || contracted > 0 else { continue }
        let base = p0[model] ?? nil
        if capacity > 0 { used[model] = base }
        let price = base.map {
          $0.priceUSDPerGPUHour
            * pow(decayFactor, Double(month - $0.observedOn.month) / 12) * shockFactor
        }
        models.append(
          ModelMonth(
            gpuModel: model, capacity: capacity, contracted: contracted,
            utilizedGPUs: utilizedPctGPUs / 100, contractGross: gross, contractNet: net,
            marketPrice: price))
      }
      var power = 0.0
      var colocation = 0.0
      var capex = 0.0
      for fleet in book.fleets {
        if fleet.inServiceOn.month == month { capex += fleet.capex.dollars }
        guard fleet.isActive(in: month) else { continue }
        let kilowatts = Double(fleet.gpuCount) * fleet.gpuPowerKW
        // A fleet whose facility is missing from the book costs no power or colocation.
        if let facility = facilities[fleet.facilityID] {
          power += kilowatts * facility.pue * hours * facility.powerUSDPerKWh
          colocation += kilowatts * facility.colocationUSDPerKWMonth
        }
      }
      drivers.append(
        MonthDrivers(
          month: month, models: models, power: power, colocation: colocation,
          opex: book.provider.fixedOpexPerMonth.dollars, capex: capex))
    }
    months = drivers
    marketPricesUsed = used
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
