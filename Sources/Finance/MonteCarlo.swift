import Domain
import Foundation

// The Monte Carlo probability of default (CREDIT §C.6, §C.7).
//
// Determinism: every draw comes from a counter-based generator keyed by the seed, a stream, a
// key and the path index — the market factor by (seed, path), a provider's utilization shift by
// (seed, provider id, path), a customer's default by (seed, customer name, path) — so a figure
// does not depend on which thread computes it, in which order, or which provider asks for a
// shared customer: a customer defaults in the same month for every provider of a path.

/// SplitMix64's finalizer.
@inline(__always)
func mix64(_ value: UInt64) -> UInt64 {
  var z = value
  z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
  z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
  return z ^ (z >> 31)
}

/// A stable 64-bit hash of a name (FNV-1a over its UTF-8 bytes, then mixed): the same on every
/// machine and run, unlike `Hasher`.
func stableHash(_ text: String) -> UInt64 {
  var hash: UInt64 = 0xCBF2_9CE4_8422_2325
  for byte in text.utf8 {
    hash ^= UInt64(byte)
    hash = hash &* 0x0000_0100_0000_01B3
  }
  return mix64(hash)
}

/// The draws of one (stream, key, path): SplitMix64 started from a state mixed from the four.
struct PathRandom {
  static let golden: UInt64 = 0x9E37_79B9_7F4A_7C15
  static let marketStream: UInt64 = 1
  static let utilizationStream: UInt64 = 2
  static let customerStream: UInt64 = 3

  private var state: UInt64

  init(seed: UInt64, stream: UInt64, key: UInt64, path: Int) {
    var state = mix64(seed &+ PathRandom.golden &* (stream &+ 1))
    state = mix64(state ^ key)
    state = mix64(state ^ UInt64(truncatingIfNeeded: path) &* PathRandom.golden)
    self.state = state
  }

  mutating func next() -> UInt64 {
    state &+= PathRandom.golden
    return mix64(state)
  }

  /// Uniform in (0, 1), never 0 or 1.
  mutating func uniform() -> Double {
    (Double(next() >> 11) + 0.5) * 0x1p-53
  }

  /// A standard normal draw (Box–Muller, the cosine branch).
  mutating func normal() -> Double {
    let u1 = uniform()
    let u2 = uniform()
    return (-2 * log(u1)).squareRoot() * cos(2 * Double.pi * u2)
  }
}

/// What a simulation shares across providers: its settings, the market factor of every path, and
/// each customer's probability of default by its worst rating over every provider.
package struct SimulationContext: Sendable {
  package let settings: SimulationSettings
  let m0: Month
  let horizonMonths: Int
  /// Months per path (M1…MH).
  let count: Int
  /// Per path, per month offset: exp(Σ returns up to M − (M − M0)·σ²/24); path-major.
  let marketFactors: [Double]
  /// Per customer name: 1 − (1 − a)^(H/12) at its worst rating.
  let customerProbability: [String: Double]

  /// `customerRatings`: every customer's worst rating over every provider (unrated is worst);
  /// a customer missing from it is taken as unrated.
  package init(
    settings: SimulationSettings, asOf: Day, assumptions: Assumptions,
    customerRatings: [String: CustomerRating]
  ) {
    self.settings = settings
    m0 = asOf.month
    horizonMonths = assumptions.horizonMonths
    count = assumptions.projectedMonthCount
    let sigma = settings.effectivePriceVolPct / 100
    let monthlySD = sigma / 12.0.squareRoot()
    let drift = sigma * sigma / 24
    let count = count
    var factors = [Double](repeating: 1, count: settings.paths * count)
    for path in 0..<settings.paths {
      var random = PathRandom(seed: settings.seed, stream: PathRandom.marketStream, key: 0, path: path)
      var cumulative = 0.0
      for offset in 0..<count {
        cumulative += monthlySD * random.normal()
        factors[path * count + offset] = exp(cumulative - Double(offset + 1) * drift)
      }
    }
    marketFactors = factors
    var probability: [String: Double] = [:]
    for (name, rating) in customerRatings {
      probability[name] = settings.defaultRates.probability(for: rating, horizonMonths: horizonMonths)
    }
    customerProbability = probability
  }

  func probability(of customer: String) -> Double {
    customerProbability[customer]
      ?? settings.defaultRates.probability(for: .unrated, horizonMonths: horizonMonths)
  }

  /// The month index (of `Month.index`) a customer defaults from in `path`, nil when it does not.
  func customerDefaultMonth(key: UInt64, probability: Double, path: Int) -> Int? {
    var random = PathRandom(seed: settings.seed, stream: PathRandom.customerStream, key: key, path: path)
    guard random.uniform() < probability else { return nil }
    let offset = min(horizonMonths - 1, Int(random.uniform() * Double(horizonMonths)))
    return m0.index + 1 + offset
  }

  /// The utilization shift δ, in points, of the provider keyed `key` in `path`.
  func utilizationShift(key: UInt64, path: Int) -> Double {
    var random = PathRandom(seed: settings.seed, stream: PathRandom.utilizationStream, key: key, path: path)
    return settings.utilizationVolPts * random.normal()
  }
}

/// The worst rating of every customer name over `books` (CREDIT §C.6: unrated is worst).
package func worstCustomerRatings(_ books: [ProviderBook]) -> [String: CustomerRating] {
  var ratings: [String: CustomerRating] = [:]
  for book in books {
    for contract in book.contracts {
      mergeWorstRating(&ratings, contract.customer, contract.effectiveCustomerRating)
    }
  }
  return ratings
}

/// Keeps the worse of the rating held for `name` and `rating`.
package func mergeWorstRating(
  _ ratings: inout [String: CustomerRating], _ name: String, _ rating: CustomerRating
) {
  if let held = ratings[name], held.riskRank <= rating.riskRank { return }
  ratings[name] = rating
}

/// Per path, how many providers ran out of cash within M1…M12 and within M1…MH. Integer sums,
/// so merging partial counts in any order gives the same result.
package struct PortfolioCounts: Sendable {
  package var within12: [Int32]
  package var withinHorizon: [Int32]
  package var providers: Int

  package init(paths: Int) {
    within12 = [Int32](repeating: 0, count: paths)
    withinHorizon = within12
    providers = 0
  }

  package mutating func merge(_ other: PortfolioCounts) {
    for index in within12.indices {
      within12[index] += other.within12[index]
      withinHorizon[index] += other.withinHorizon[index]
    }
    providers += other.providers
  }

  /// The mean, median and 95th percentile (nearest rank) of each count over the paths.
  package var summary: PortfolioSimulation {
    func stats(_ counts: [Int32]) -> (Double, Int, Int) {
      guard !counts.isEmpty else { return (0, 0, 0) }
      var total = 0
      for count in counts { total += Int(count) }
      let sorted = counts.sorted()
      return (
        roundedTo9(Double(total) / Double(counts.count)), Int(sorted[nearestRank(0.5, counts.count)]),
        Int(sorted[nearestRank(0.95, counts.count)])
      )
    }
    let twelve = stats(within12)
    let horizon = stats(withinHorizon)
    return PortfolioSimulation(
      paths: within12.count, providers: providers, expectedDefaults12m: twelve.0,
      defaults12mP50: twelve.1, defaults12mP95: twelve.2, expectedDefaultsHorizon: horizon.0,
      defaultsHorizonP50: horizon.1, defaultsHorizonP95: horizon.2)
  }
}

/// The 0-based index of the q-quantile of n sorted values by nearest rank: ⌈q·n⌉ − 1.
func nearestRank(_ q: Double, _ n: Int) -> Int {
  min(n - 1, max(0, Int((q * Double(n)).rounded(.up)) - 1))
}

/// One provider's Monte Carlo: its PD over the paths, cash percentiles per month when
/// `collectCash`, and its cash-outs added to `portfolio` path by path.
///
/// Path-invariant parts are built once (the operating model with ramps, contract schedules,
/// capex, opex on base revenue, fixed rent, loan schedules and delayed-draw tranches); each path
/// recomputes only on-demand and re-let revenue, the contract revenue of customers that default
/// on the path, prepayments, revolver draws and interest, and cash, in the order and with the
/// arithmetic of ``projectCash(model:utilizationPct:flows:revolvers:cash:floor:)``, so a path
/// whose draws are neutral reproduces the deterministic cash exactly.
package func simulateProvider(
  _ book: ProviderBook, prices: MarketPriceIndex, asOf: Day, assumptions: Assumptions,
  context: SimulationContext, collectCash: Bool, portfolio: inout PortfolioCounts
) -> ProviderSimulation {
  let paths = ProviderPaths(
    book: book, prices: prices, asOf: asOf, assumptions: assumptions, context: context)
  return paths.run(collectCash: collectCash, portfolio: &portfolio)
}

/// The precomputed, path-invariant model of one provider (see ``simulateProvider``).
struct ProviderPaths {
  let context: SimulationContext
  let count: Int
  let m0Index: Int
  let horizonMonths: Int
  let providerKey: UInt64
  let utilizationOverride: Double?
  let reletFactor: Double
  let reletDelay: Int

  // Entries: one per (month, listed model), months in order, models as OperatingModel lists them.
  var entryStart: [Int] = []
  var capacity: [Double] = []
  var utilizedBase: [Double] = []
  var contractedBase: [Double] = []
  /// Live contracted GPUs and Σ ramped × price × 730 × s of the deterministic projection.
  var contracted: [Double] = []
  var contractNet: [Double] = []
  var freed: [Double] = []
  var price: [Double] = []
  var hasPrice: [Bool] = []

  // Per month: the deterministic contract side and the fixed flows.
  var contractRevenue: [Double] = []
  var prepaymentApplied: [Double] = []
  var prepaymentReceived: [Double] = []
  var power: [Double] = []
  var colocation: [Double] = []
  var opex: [Double] = []
  var fixedRent: [Double] = []
  var capex: [Double] = []
  var flows: ScheduledFlows
  var revolvers: [Revolver]
  let floor: Double
  let startCash: Double

  /// Fleets with their (entry, ramped GPUs) per active month, by utilization descending.
  struct FleetEntries {
    var utilizationPct: Double
    var entries: [(entry: Int, ramped: Double)]
  }
  var fleetsDescending: [FleetEntries] = []

  /// The provider's customers: key, probability, deterministic default month index (Int.max: none).
  struct Customer {
    var key: UInt64
    var probability: Double
    var deterministicMonth: Int
  }
  var customers: [Customer] = []

  /// Contracts in book order with what a path needs to take one out.
  struct ContractTerms {
    var customer: Int
    var startIndex: Int
    var endIndex: Int
    var gpuCount: Int
    var ramp: Int
    var price: Double
    var slaFactor: Double
    var prepaid: Double
    var isLater: Bool
    /// (offset, entry) of each active month with a listed model.
    var months: [(offset: Int, entry: Int)]
  }
  var contracts: [ContractTerms] = []
  /// Contracts of each customer (indices into `contracts`).
  var contractsOfCustomer: [[Int]] = []
  /// Contracts with a prepayment, book order.
  var prepaidContracts: [Int] = []
  /// Every contract's active months with a listed model, flat (the hot loop reads no struct):
  /// contract `position` owns `monthStart[position]..<monthStart[position + 1]`; per month its
  /// offset, entry, ramped GPUs and ramped × price × 730 × s, computed as OperatingModel does.
  var monthStart: [Int] = [0]
  var monthOffset: [Int] = []
  var monthEntry: [Int] = []
  var monthRamped: [Double] = []
  var monthNet: [Double] = []
  /// Per contract: its end month index.
  var contractEnd: [Int] = []

  init(
    book: ProviderBook, prices: MarketPriceIndex, asOf: Day, assumptions: Assumptions,
    context: SimulationContext
  ) {
    self.context = context
    let m0 = asOf.month
    m0Index = m0.index
    horizonMonths = assumptions.horizonMonths
    providerKey = stableHash(book.provider.id)
    utilizationOverride = assumptions.utilizationPct
    let terms = assumptions.customerDefault
    reletDelay = terms.reletDelayMonths
    let defaulted = defaultedCustomers(book: book, prices: prices, asOf: asOf, assumptions: assumptions)
    let model = OperatingModel(
      book: book, prices: prices, asOf: asOf, assumptions: assumptions, defaulted: defaulted)
    reletFactor = model.reletFactor
    count = model.months.count
    let inputs = CashInputs(book: book, asOf: asOf, assumptions: assumptions, count: count)
    flows = inputs.flows
    revolvers = inputs.revolvers
    floor = inputs.floor
    startCash = inputs.startCash

    var modelNames = Set(book.fleets.map(\.gpuModel)).union(book.contracts.map(\.gpuModel)).sorted()
    var slotOf: [String: Int] = [:]
    for (slot, name) in modelNames.enumerated() { slotOf[name] = slot }
    modelNames = []
    let modelCount = slotOf.count
    var entryOf = [Int](repeating: -1, count: count * max(1, modelCount))
    for (offset, drivers) in model.months.enumerated() {
      entryStart.append(capacity.count)
      for item in drivers.models {
        if let slot = slotOf[item.gpuModel] { entryOf[offset * modelCount + slot] = capacity.count }
        capacity.append(item.capacity)
        utilizedBase.append(item.utilizedGPUs)
        contractedBase.append(item.contractedBase)
        contracted.append(item.contracted)
        contractNet.append(item.contractNet)
        freed.append(item.freed)
        price.append(item.marketPrice ?? 0)
        hasPrice.append(item.marketPrice != nil)
      }
      let revenue = model.revenue(offset, utilizationPct: nil)
      contractRevenue.append(revenue.contract)
      prepaymentApplied.append(drivers.prepaymentApplied)
      prepaymentReceived.append(drivers.prepaymentReceived)
      power.append(drivers.power)
      colocation.append(drivers.colocation)
      opex.append(drivers.opex)
      fixedRent.append(drivers.fixedRent)
      capex.append(drivers.capex)
    }
    entryStart.append(capacity.count)

    // Fleets (as OperatingModel counts them in u × C): active months and ramped GPUs.
    func offsets(first: Int, last: Int) -> Range<Int> {
      let low = max(first - m0Index - 1, 0)
      let high = min(last - m0Index, count)
      return low < high ? low..<high : 0..<0
    }
    var fleets: [FleetEntries] = []
    for fleet in book.fleets {
      guard let slot = slotOf[fleet.gpuModel] else { continue }
      let start = fleet.inServiceOn.month.index
      let active = offsets(first: start, last: start + 12 * fleet.effectiveUsefulLifeYears - 1)
      var entries: [(entry: Int, ramped: Double)] = []
      for offset in active {
        let entry = entryOf[offset * modelCount + slot]
        let ramped = rampedCount(fleet.gpuCount, ramp: fleet.effectiveRampMonths, k: m0Index + 1 + offset - start)
        if entry >= 0 && ramped > 0 { entries.append((entry, ramped)) }
      }
      if !entries.isEmpty { fleets.append(FleetEntries(utilizationPct: fleet.utilizationPct, entries: entries)) }
    }
    fleetsDescending = fleets.sorted { $0.utilizationPct > $1.utilizationPct }

    // Customers and contracts.
    let deterministicFrom = terms.firstMonth(m0: m0).index
    var customerIndex: [String: Int] = [:]
    for name in Set(book.contracts.map(\.customer)).sorted() {
      customerIndex[name] = customers.count
      customers.append(
        Customer(
          key: stableHash(name), probability: context.probability(of: name),
          deterministicMonth: defaulted.contains(name) ? deterministicFrom : Int.max))
      contractsOfCustomer.append([])
    }
    for (position, contract) in book.contracts.enumerated() {
      guard let customer = customerIndex[contract.customer] else { continue }
      var months: [(offset: Int, entry: Int)] = []
      for offset in offsets(first: contract.startOn.month.index, last: contract.endOn.month.index) {
        let listed = model.contractModelSlots[position * count + offset]
        if listed >= 0 { months.append((offset, entryStart[offset] + listed)) }
      }
      let prepaid = contract.prepaid?.dollars ?? 0
      if prepaid > 0 { prepaidContracts.append(contracts.count) }
      contractsOfCustomer[customer].append(contracts.count)
      let hours = Assumptions.hoursPerMonth
      for (offset, entry) in months {
        let ramped = rampedCount(
          contract.gpuCount, ramp: contract.effectiveRampMonths,
          k: m0Index + 1 + offset - contract.startOn.month.index)
        monthOffset.append(offset)
        monthEntry.append(entry)
        monthRamped.append(ramped)
        monthNet.append(ramped * contract.priceUSDPerGPUHour * hours * model.slaFactors[position])
      }
      monthStart.append(monthOffset.count)
      contractEnd.append(contract.endOn.month.index)
      contracts.append(
        ContractTerms(
          customer: customer, startIndex: contract.startOn.month.index,
          endIndex: contract.endOn.month.index, gpuCount: contract.gpuCount,
          ramp: contract.effectiveRampMonths, price: contract.priceUSDPerGPUHour,
          slaFactor: model.slaFactors[position], prepaid: prepaid,
          isLater: contract.startOn > book.provider.asOf, months: months))
    }
  }

  /// Runs every path of the context.
  func run(collectCash: Bool, portfolio: inout PortfolioCounts) -> ProviderSimulation {
    let pathCount = context.settings.paths
    let entryCount = capacity.count
    let hours = Assumptions.hoursPerMonth
    var within12 = 0
    var withinHorizon = 0
    var cashByMonth = collectCash ? [Double](repeating: 0, count: count * pathCount) : []
    // Per-path working copies, allocated once.
    // The per-path working arrays are raw buffers: written on every path, they should cost no
    // uniqueness or bounds check.
    func scratch<T>(_ source: [T]) -> UnsafeMutableBufferPointer<T> {
      let buffer = UnsafeMutableBufferPointer<T>.allocate(capacity: max(1, source.count))
      _ = buffer.initialize(from: source)
      return buffer
    }
    let pathContracted = scratch(contracted)
    let pathNet = scratch(contractNet)
    let pathFreed = scratch(freed)
    let pathRevenue = scratch(contractRevenue)
    let correction = scratch([Double](repeating: 0, count: entryCount))
    let effectiveMonth = scratch([Int](repeating: Int.max, count: customers.count))
    defer {
      for buffer in [pathContracted, pathNet, pathFreed, pathRevenue, correction] { buffer.deallocate() }
      effectiveMonth.deallocate()
    }
    var pathApplied = prepaymentApplied
    var pathReceived = prepaymentReceived
    var correctionUsed = false
    var ledger = RevolverLedger(revolvers)
    let horizonEnd = m0Index + horizonMonths
    let twelveEnd = m0Index + 12
    let debtServiceDollars = flows.debtService.map { Money(cents: $0).dollars }
    let balloonDollars = flows.balloons.map { Money(cents: $0).dollars }
    let drawDollars = flows.draws.map { Money(cents: $0).dollars }

    for path in 0..<pathCount {
      let factors = path * count
      let shift = context.utilizationShift(key: providerKey, path: path)

      // Customers: the earlier of the deterministic month and the path's.
      var firstChanged = Int.max
      for (index, customer) in customers.enumerated() {
        effectiveMonth[index] = customer.deterministicMonth
        guard
          let month = context.customerDefaultMonth(
            key: customer.key, probability: customer.probability, path: path),
          month < customer.deterministicMonth
        else { continue }
        effectiveMonth[index] = month
        firstChanged = min(firstChanged, month)
      }
      let contractSideChanged = firstChanged != Int.max
      if contractSideChanged {
        // Element by element: the working arrays keep their own storage (no copy per path).
        for entry in 0..<entryCount {
          pathContracted[entry] = contracted[entry]
          pathNet[entry] = contractNet[entry]
          pathFreed[entry] = freed[entry]
        }
        for (index, customer) in customers.enumerated() where effectiveMonth[index] < customer.deterministicMonth {
          let from = effectiveMonth[index]
          let before = customer.deterministicMonth
          // Freed GPUs are re-let from the path's month + delay, up to the contract's end,
          // except where the deterministic default already re-lets them.
          let reletBefore = before == Int.max ? Int.max : before + reletDelay
          for position in contractsOfCustomer[index] {
            let end = contractEnd[position]
            for k in monthStart[position]..<monthStart[position + 1] {
              let monthIndex = m0Index + 1 + monthOffset[k]
              guard monthIndex >= from else { continue }
              let entry = monthEntry[k]
              if monthIndex < before {
                pathContracted[entry] -= monthRamped[k]
                pathNet[entry] -= monthNet[k]
              }
              if monthIndex >= from + reletDelay && monthIndex <= end && monthIndex < reletBefore {
                pathFreed[entry] += monthRamped[k]
              }
            }
          }
        }
        let firstOffset = max(0, firstChanged - m0Index - 1)
        for offset in 0..<count {
          guard offset >= firstOffset else {
            pathRevenue[offset] = contractRevenue[offset]
            continue
          }
          var revenue = 0.0
          for entry in entryStart[offset]..<entryStart[offset + 1] {
            revenue += fill(capacity[entry], pathContracted[entry]) * pathNet[entry]
          }
          pathRevenue[offset] = revenue
        }
        if !prepaidContracts.isEmpty {
          applyPrepayments(
            contracted: Array(pathContracted[0..<entryCount]),
            effectiveMonth: Array(effectiveMonth[0..<customers.count]), applied: &pathApplied,
            received: &pathReceived)
        }
      }

      // Utilization: fleets clamped to 0–100 after the shift.
      if correctionUsed {
        for entry in 0..<entryCount { correction[entry] = 0 }
        correctionUsed = false
      }
      if shift > 0 {
        for fleet in fleetsDescending {
          let shifted = fleet.utilizationPct + shift
          guard shifted > 100 else { break }
          correctionUsed = true
          for (entry, ramped) in fleet.entries { correction[entry] += ramped * (shifted - 100) / 100 }
        }
      } else if shift < 0 {
        for fleet in fleetsDescending.reversed() {
          let shifted = fleet.utilizationPct + shift
          guard shifted < 0 else { break }
          correctionUsed = true
          for (entry, ramped) in fleet.entries { correction[entry] += ramped * shifted / 100 }
        }
      }
      let override = utilizationOverride.map { min(100, max(0, $0 + shift)) }

      // Revolvers start afresh.
      ledger.reset()
      var cash = startCash
      var cashOut: Int?
      for offset in 0..<count {
        let factor = context.marketFactors[factors + offset]
        var onDemand = 0.0
        for entry in entryStart[offset]..<entryStart[offset + 1] where hasPrice[entry] {
          let marketPrice = price[entry] * factor
          let utilized =
            override.map { capacity[entry] * $0 / 100 }
            ?? utilizedBase[entry] + capacity[entry] * shift / 100 - correction[entry]
          let idle = utilized - contractedBase[entry]
          onDemand += max(0, idle) * marketPrice * hours
          let freedGPUs = contractSideChanged ? pathFreed[entry] : freed[entry]
          if freedGPUs > 0 { onDemand += freedGPUs * reletFactor * marketPrice * hours }
        }
        let contract = contractSideChanged ? pathRevenue[offset] : contractRevenue[offset]
        let applied = contractSideChanged ? pathApplied[offset] : prepaymentApplied[offset]
        let received = contractSideChanged ? pathReceived[offset] : prepaymentReceived[offset]
        let cfads =
          contract + onDemand - power[offset] - colocation[offset] - opex[offset] - fixedRent[offset]
          - applied
        let debtService: Double
        let balloon: Double
        if revolvers.isEmpty {
          debtService = debtServiceDollars[offset]
          balloon = balloonDollars[offset]
          cash = cash + cfads - debtService - balloon - capex[offset] + drawDollars[offset] + received
        } else {
          let month = Month(index: m0Index + 1 + offset)
          let (revolverInterest, repaid) = ledger.pay(in: month)
          debtService = Money(cents: flows.debtService[offset] + revolverInterest).dollars
          balloon = balloonDollars[offset] + repaid
          cash = cash + cfads - debtService - balloon - capex[offset] + drawDollars[offset] + received
          cash = ledger.draw(toFloor: floor, cash: cash, in: month).cash
        }
        if collectCash { cashByMonth[offset * pathCount + path] = cash }
        // roundedToCents(cash) < 0 only when cash < 0: the rounding is skipped on most months.
        if cashOut == nil && cash < 0 && roundedToCents(cash) < 0 {
          cashOut = m0Index + 1 + offset
          if !collectCash { break }
        }
      }
      if let cashOut {
        if cashOut <= twelveEnd {
          within12 += 1
          portfolio.within12[path] += 1
        }
        if cashOut <= horizonEnd {
          withinHorizon += 1
          portfolio.withinHorizon[path] += 1
        }
      }
    }
    portfolio.providers += 1

    var percentiles: [CashPercentiles] = []
    if collectCash {
      percentiles.reserveCapacity(count)
      for offset in 0..<count {
        let sorted = cashByMonth[offset * pathCount..<(offset + 1) * pathCount].sorted()
        percentiles.append(
          CashPercentiles(
            month: Month(index: m0Index + 1 + offset),
            p5: roundedToCents(sorted[nearestRank(0.05, pathCount)]),
            p50: roundedToCents(sorted[nearestRank(0.5, pathCount)]),
            p95: roundedToCents(sorted[nearestRank(0.95, pathCount)])))
      }
    }
    return ProviderSimulation(
      paths: pathCount, pd12m: wilsonEstimate(successes: within12, trials: pathCount),
      pdHorizon: wilsonEstimate(successes: withinHorizon, trials: pathCount), cash: percentiles)
  }

  /// Prepayments under the path's default months (CREDIT §C.1, §C.7), as OperatingModel applies
  /// them: contracts in book order, a later contract's prepayment received in its start month
  /// (M1 when at or before M0) unless due in or after its default month, applied against the
  /// contract revenue booked each month until used up.
  func applyPrepayments(
    contracted: [Double], effectiveMonth: [Int], applied: inout [Double], received: inout [Double]
  ) {
    let hours = Assumptions.hoursPerMonth
    for offset in 0..<count {
      applied[offset] = 0
      received[offset] = 0
    }
    for position in prepaidContracts {
      let terms = contracts[position]
      let defaultMonth = effectiveMonth[terms.customer]
      var left = terms.prepaid
      if terms.isLater && left > 0 {
        let receivedIndex = max(terms.startIndex, m0Index + 1)
        let offset = receivedIndex - m0Index - 1
        if offset < count && receivedIndex < defaultMonth {
          received[offset] += left
        } else {
          left = 0
        }
      }
      for (offset, entry) in terms.months {
        let monthIndex = m0Index + 1 + offset
        if monthIndex >= defaultMonth { continue }
        let ramped = rampedCount(terms.gpuCount, ramp: terms.ramp, k: monthIndex - terms.startIndex)
        let revenue = fill(capacity[entry], contracted[entry]) * ramped * terms.price * hours * terms.slaFactor
        if left > 0 {
          let use = min(left, revenue)
          left -= use
          applied[offset] += use
        }
      }
    }
  }
}

/// min(1, C/K), 0 when C = 0 (as ``OperatingModel/ModelMonth/fillRatio``).
@inline(__always)
private func fill(_ capacity: Double, _ contracted: Double) -> Double {
  guard capacity > 0 else { return 0 }
  guard contracted > capacity else { return 1 }
  return capacity / contracted
}

/// Simulates `books` (every provider independently, spread over at most `threads` workers with
/// `DispatchQueue.concurrentPerform`; 1 runs them in order on the calling thread), each result
/// written into its provider's slot, and the portfolio counts merged from per-chunk partial
/// counts: the output does not depend on the thread count or on how providers are batched.
package func simulateProviders(
  _ books: [ProviderBook], prices: MarketPriceIndex, asOf: Day, assumptions: Assumptions,
  context: SimulationContext, collectCash: Bool, threads: Int, portfolio: inout PortfolioCounts
) -> [ProviderSimulation] {
  guard !books.isEmpty else { return [] }
  let chunkCount = max(1, min(books.count, threads <= 1 ? 1 : threads * 4))
  let chunkSize = (books.count + chunkCount - 1) / chunkCount
  let slots = SimulationSlots(providers: books.count, chunks: chunkCount, paths: context.settings.paths)
  let work: @Sendable (Int) -> Void = { chunk in
    let start = chunk * chunkSize
    let end = min(books.count, start + chunkSize)
    guard start < end else { return }
    var counts = PortfolioCounts(paths: context.settings.paths)
    for index in start..<end {
      slots.results[index] = simulateProvider(
        books[index], prices: prices, asOf: asOf, assumptions: assumptions, context: context,
        collectCash: collectCash, portfolio: &counts)
    }
    slots.counts[chunk] = counts
  }
  // At most `threads` workers, each taking every `workers`-th chunk.
  let workers = max(1, min(threads, chunkCount))
  if workers == 1 {
    for chunk in 0..<chunkCount { work(chunk) }
  } else {
    DispatchQueue.concurrentPerform(iterations: workers) { worker in
      var chunk = worker
      while chunk < chunkCount {
        work(chunk)
        chunk += workers
      }
    }
  }
  for counts in slots.counts { if let counts { portfolio.merge(counts) } }
  let empty = wilsonEstimate(successes: 0, trials: 0)
  return slots.results.map { $0 ?? ProviderSimulation(paths: 0, pd12m: empty, pdHorizon: empty, cash: []) }
}

/// One result slot per provider and one count slot per chunk; each job writes only its own.
private final class SimulationSlots: @unchecked Sendable {
  let results: UnsafeMutableBufferPointer<ProviderSimulation?>
  let counts: UnsafeMutableBufferPointer<PortfolioCounts?>

  init(providers: Int, chunks: Int, paths: Int) {
    results = .allocate(capacity: providers)
    results.initialize(repeating: nil)
    counts = .allocate(capacity: chunks)
    counts.initialize(repeating: nil)
  }

  deinit {
    _ = results.deinitialize()
    results.deallocate()
    _ = counts.deinitialize()
    counts.deallocate()
  }
}
