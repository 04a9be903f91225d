import Domain
import Foundation

/// Loan flows known before the cash loop, in cents per month offset (0 for M1).
struct ScheduledFlows {
  /// Interest plus scheduled principal, balloons excluded.
  var debtService: [Int64]
  var balloons: [Int64]
  /// Later loans' first draws and delayed-draw tranches.
  var draws: [Int64]
  var interest: [Int64]
  /// Every principal repaid, balloons included (for `refinancing_dependent`).
  var principal: [Int64]

  init(count: Int) {
    debtService = [Int64](repeating: 0, count: count)
    balloons = debtService
    draws = debtService
    interest = debtService
    principal = debtService
  }

  mutating func add(_ payment: LoanPayment, at offset: Int) {
    debtService[offset] += payment.debtService.cents
    balloons[offset] += payment.balloon.cents
    interest[offset] += payment.interest.cents
    principal[offset] += payment.principal.cents
  }
}

/// A revolving facility as the cash loop sees it (CREDIT §C.2 step 5).
struct Revolver {
  var loanIndex: Int
  var startMonth: Month
  /// The month of available_until: the last month a draw can be made.
  var lastDrawMonth: Month
  var maturity: Month
  /// Annual rate (a floating one with the rate shock, floored at 0) / 1200.
  var monthlyRate: Double
  /// U at M0, dollars.
  var undrawn: Double
}

/// What one revolver pays in a month: interest (cents) and repayment (dollars), and its
/// outstanding step-5 draws after the month.
struct RevolverMonth {
  var interestCents: Int64 = 0
  var repaid = 0.0
  var balance = 0.0
}

/// The revolvers' state along one projection (CREDIT §C.2 step 5, §C.7): each revolver's drawn
/// balance, what was drawn in its maturity month (repaid the next month, without interest) and
/// its undrawn commitment. The projection and every simulated path move it by the same two steps,
/// so both apply one set of rules.
struct RevolverLedger {
  let revolvers: [Revolver]
  private var balance: [Double]
  private var drawnAtMaturity: [Double]
  private var undrawn: [Double]

  init(_ revolvers: [Revolver]) {
    self.revolvers = revolvers
    balance = [Double](repeating: 0, count: revolvers.count)
    drawnAtMaturity = balance
    undrawn = revolvers.map(\.undrawn)
  }

  /// Back to M0: nothing drawn, every commitment undrawn (a simulated path starts afresh).
  mutating func reset() {
    for position in revolvers.indices {
      balance[position] = 0
      drawnAtMaturity[position] = 0
      undrawn[position] = revolvers[position].undrawn
    }
  }

  /// A revolver's outstanding step-5 draws.
  func outstanding(_ position: Int) -> Double { balance[position] + drawnAtMaturity[position] }

  /// Step 5's payments at the start of `month`: interest on each drawn balance up to and including
  /// maturity (cents per revolver, rounded), the balance repaid at maturity, and a draw made in
  /// the maturity month repaid the month after. `record` hears each revolver's interest and
  /// repayment. Returns the totals over the revolvers.
  @inline(__always)
  mutating func pay(
    in month: Month, record: (_ position: Int, _ interestCents: Int64, _ repaid: Double) -> Void = { _, _, _ in }
  ) -> (interestCents: Int64, repaid: Double) {
    var interestCents: Int64 = 0
    var repaid = 0.0
    for position in revolvers.indices {
      let revolver = revolvers[position]
      var interest: Int64 = 0
      var paid = 0.0
      if balance[position] > 0 && month <= revolver.maturity {
        interest = roundedCents(balance[position] * 100 * revolver.monthlyRate)
        if month == revolver.maturity {
          paid += balance[position]
          balance[position] = 0
        }
      }
      if drawnAtMaturity[position] > 0 && month == revolver.maturity + 1 {
        paid += drawnAtMaturity[position]
        drawnAtMaturity[position] = 0
      }
      interestCents += interest
      repaid += paid
      record(position, interest, paid)
    }
    return (interestCents, repaid)
  }

  /// Step 5's draw: when `cash` (rounded to cents) is below `floor`, the revolvers available in
  /// `month` are drawn in order by floor − cash (unrounded), so cash lands on the floor, or by
  /// what is left of their commitments. `record` hears each draw. Returns the cash after the
  /// draws and the amount drawn.
  @inline(__always)
  mutating func draw(
    toFloor floor: Double, cash: Double, in month: Month,
    record: (_ position: Int, _ amount: Double) -> Void = { _, _ in }
  ) -> (cash: Double, drawn: Double) {
    guard !revolvers.isEmpty, roundedToCents(cash) < floor else { return (cash, 0) }
    var need = floor - cash
    var drawn = 0.0
    for position in revolvers.indices where need > 0 {
      let revolver = revolvers[position]
      guard revolver.startMonth <= month, month <= revolver.lastDrawMonth, undrawn[position] > 0
      else { continue }
      let take = min(need, undrawn[position])
      undrawn[position] -= take
      need -= take
      drawn += take
      record(position, take)
      if month == revolver.maturity {
        drawnAtMaturity[position] += take
      } else {
        balance[position] += take
      }
    }
    guard drawn > 0 else { return (cash, 0) }
    return (need > 0 ? cash + drawn : floor, drawn)
  }
}

/// The monthly projection and what the revolvers did in it.
struct CashPath {
  var months: [MonthProjection]
  /// Per month offset: revolver interest (cents) and repayments (dollars), all revolvers.
  var revolverInterestCents: [Int64]
  var revolverRepaid: [Double]
  /// Per revolver (in `revolvers` order), per month offset: the draw.
  var revolverDraws: [[Double]]
  /// Per revolver, per month offset: its interest, repayment and balance.
  var revolverFlows: [[RevolverMonth]]
  /// The first month with a revolver draw.
  var firstDrawMonth: Month?
}

/// CREDIT §C.2 steps 1–5 for every month: CFADS, debt service (scheduled plus revolver interest),
/// balloons (scheduled plus revolver repayments), capex and draws move Cash; when Cash falls
/// below the floor, the revolvers available that month are drawn in loan_id order by floor −
/// Cash (unrounded), so Cash lands on the floor, or by what is left of their commitments.
/// A draw pays interest = balance × rate / 1200 (cents, per revolver and month) in every later
/// month up to and including maturity, where it is repaid as a balloon; a draw in the maturity
/// month is repaid the next month, without interest.
func projectCash(
  model: OperatingModel, utilizationPct: Double?, flows: ScheduledFlows, revolvers: [Revolver],
  cash startCash: Double, floor: Double
) -> CashPath {
  let count = model.months.count
  var ledger = RevolverLedger(revolvers)
  var revolverDraws = revolvers.map { _ in [Double](repeating: 0, count: count) }
  var revolverFlows = revolvers.map { _ in [RevolverMonth](repeating: RevolverMonth(), count: count) }
  var interestCents = [Int64](repeating: 0, count: count)
  var repaidByMonth = [Double](repeating: 0, count: count)
  var firstDrawMonth: Month?
  var months: [MonthProjection] = []
  months.reserveCapacity(count)
  var cash = startCash
  for index in 0..<count {
    let drivers = model.months[index]
    let month = drivers.month
    let revenue = model.revenue(index, utilizationPct: utilizationPct)
    let cfads = model.cfads(index, revenue: revenue)
    let (revolverInterest, repaid) = ledger.pay(in: month) { position, interest, paid in
      revolverFlows[position][index].interestCents = interest
      revolverFlows[position][index].repaid += paid
    }
    interestCents[index] = revolverInterest
    repaidByMonth[index] = repaid
    let debtService = Money(cents: flows.debtService[index] + revolverInterest).dollars
    let balloon =
      revolvers.isEmpty
      ? Money(cents: flows.balloons[index]).dollars
      : Money(cents: flows.balloons[index]).dollars + repaid
    var draws = Money(cents: flows.draws[index]).dollars
    cash = cash + cfads - debtService - balloon - drivers.capex + draws + drivers.prepaymentReceived
    let restored = ledger.draw(toFloor: floor, cash: cash, in: month) { position, take in
      revolverDraws[position][index] += take
    }
    if restored.drawn > 0 {
      cash = restored.cash
      draws += restored.drawn
      if firstDrawMonth == nil { firstDrawMonth = month }
    }
    var outstanding = 0.0
    for position in revolvers.indices {
      revolverFlows[position][index].balance = ledger.outstanding(position)
      outstanding += ledger.outstanding(position)
    }
    months.append(
      MonthProjection(
        month: month, contractRevenue: revenue.contract, onDemandRevenue: revenue.onDemand,
        slaCredit: revenue.slaCredit, revenue: revenue.contract + revenue.onDemand,
        power: drivers.power, colocation: drivers.colocation, opex: drivers.opex,
        fixedRent: drivers.fixedRent, prepaymentApplied: drivers.prepaymentApplied, cfads: cfads,
        debtService: debtService, balloon: balloon,
        capex: drivers.capex, draws: draws, revolverBalance: outstanding, cash: cash))
  }
  return CashPath(
    months: months, revolverInterestCents: interestCents, revolverRepaid: repaidByMonth,
    revolverDraws: revolverDraws, revolverFlows: revolverFlows, firstDrawMonth: firstDrawMonth)
}

/// One delayed-draw tranche (CREDIT §C.2 step 3).
struct Tranche {
  var loanIndex: Int
  var month: Month
  var cents: Int64
  var payments: [LoanPayment]
}

/// CREDIT §C.2 step 3: in each month M1…MH, each fleet's capex part (fleets in fleet_id order)
/// is drawn, up to what is available, from the delayed-draw facilities that may fund it (start
/// month ≤ M ≤ month of available_until, U > 0): those whose collateral includes the fleet
/// first, then those without collateral, each group in loan_id order. Each draw is a tranche.
func planTranches(
  book: ProviderBook, loans: [Loan], schedules: [LoanSchedule], m0: Month, count: Int,
  rateShockBP: Double
) -> [Tranche] {
  let facilities = loans.indices.filter {
    loans[$0].effectiveFacility == .delayedDraw && (schedules[$0].undrawn?.cents ?? 0) > 0
  }
  guard !facilities.isEmpty else { return [] }
  let horizonEnd = m0 + count
  var undrawn: [Int: Int64] = [:]
  for index in facilities { undrawn[index] = schedules[index].undrawn?.cents ?? 0 }
  let pools = Dictionary(
    uniqueKeysWithValues: facilities.map { ($0, Set(loans[$0].collateralFleetIDs)) })
  // Each fleet's capex parts (CREDIT §C.1, §C.7: a ramping fleet's parts are drawn part by part).
  var parts: [(month: Month, fleet: Fleet, cents: Int64)] = []
  for fleet in book.fleets {
    for (k, part) in fleet.capexParts.enumerated() {
      let month = fleet.inServiceOn.month + k
      if month > m0 && month <= horizonEnd && part.cents > 0 {
        parts.append((month, fleet, part.cents))
      }
    }
  }
  parts.sort { ($0.month, $0.fleet.id) < ($1.month, $1.fleet.id) }
  var tranches: [Tranche] = []
  for (month, fleet, cents) in parts {
    var remaining = cents
    let bound = facilities.filter { pools[$0]?.contains(fleet.id) ?? false }
    let unbound = facilities.filter { pools[$0]?.isEmpty ?? false }
    for index in bound + unbound where remaining > 0 {
      let loan = loans[index]
      let left = undrawn[index] ?? 0
      guard left > 0, loan.startOn.month <= month, month <= loan.effectiveAvailableUntil.month
      else { continue }
      let draw = min(remaining, left)
      remaining -= draw
      undrawn[index] = left - draw
      tranches.append(
        Tranche(
          loanIndex: index, month: month, cents: draw,
          payments: trancheSchedule(
            loan, cents: draw, month: month, horizonEnd: horizonEnd, rateShockBP: rateShockBP)))
    }
  }
  return tranches
}

/// A facility's payments summed per month over the loan, its tranches and its revolver draws
/// (CREDIT §C.7 show `payments`), in cents; balance = everything outstanding after the month.
func combinedPayments(
  _ schedule: LoanSchedule, tranches: [Tranche], revolver: (Revolver, [RevolverMonth])?, m0: Month
) -> [LoanPayment] {
  var byMonth: [Month: (interest: Int64, principal: Int64, balloon: Bool)] = [:]
  func add(_ month: Month, _ interest: Int64, _ principal: Int64, _ balloon: Bool) {
    let old = byMonth[month] ?? (0, 0, false)
    byMonth[month] = (old.interest + interest, old.principal + principal, old.balloon || balloon)
  }
  for payment in schedule.payments {
    add(payment.month, payment.interest.cents, payment.principal.cents, payment.isBalloon)
  }
  for tranche in tranches {
    for payment in tranche.payments {
      add(payment.month, payment.interest.cents, payment.principal.cents, payment.isBalloon)
    }
  }
  if let (_, flows) = revolver {
    for (offset, flow) in flows.enumerated() where flow.interestCents != 0 || flow.repaid > 0 {
      add(m0 + 1 + offset, flow.interestCents, roundedCents(flow.repaid * 100), flow.repaid > 0)
    }
  }
  var result: [LoanPayment] = []
  for month in byMonth.keys.sorted() {
    guard let sums = byMonth[month] else { continue }
    var outstanding = balance(of: schedule, atEndOf: month)
    for tranche in tranches where tranche.month <= month {
      outstanding += tranche.payments.last { $0.month <= month }?.balance.cents ?? tranche.cents
    }
    if let (_, flows) = revolver, month - m0 - 1 < flows.count {
      outstanding += roundedCents(flows[month - m0 - 1].balance * 100)
    }
    result.append(
      LoanPayment(
        month: month, interest: Money(cents: sums.interest),
        principal: Money(cents: sums.principal), balance: Money(cents: outstanding),
        isBalloon: sums.balloon))
  }
  return result
}

/// Book and market loan-to-value per loan (DESIGN §4, CREDIT §C.3), in loan order: over the
/// loan's collateral (one fleet or a `;` pool), Σ B of the live loans on that same collateral
/// (the same set of fleets) / the collateral's value. Book value = Σ capex × the life fraction
/// left at M0; market value = Σ gpu_count × p(M0) × 730 × 12 × years of life left at M0 (the full
/// life before service) × margin / 100, nil when a fleet's model has no price. Both values take
/// the fleet's ramp (CREDIT §C.1: ramped GPUs apply to collateral value): a fleet in service at
/// M0 counts min(1, (k+1)/(ramp_months+1)) of its capex and GPUs (k = M0 − in-service month), a
/// later fleet all of them. Nil without collateral, when no fleet of the pool is in the book, or
/// when the value is 0.
func collateralLTV(
  book: ProviderBook, loans: [Loan], schedules: [LoanSchedule], prices: MarketPriceIndex,
  asOf: Day, assumptions: Assumptions
) -> (book: [Double?], market: [Double?]) {
  let m0 = asOf.month
  let pools = loans.map { Set($0.collateralFleetIDs) }
  guard pools.contains(where: { !$0.isEmpty }) else {
    return (loans.map { _ in nil }, loans.map { _ in nil })
  }
  var owed: [Set<String>: Int64] = [:]
  for (pool, schedule) in zip(pools, schedules) where !pool.isEmpty {
    owed[pool, default: 0] += schedule.isLive ? schedule.startingBalance.cents : 0
  }
  let decayFactor = 1 - assumptions.priceDecayPct / 100
  let shockFactor = 1 + assumptions.priceShockPct / 100
  // Each pool's fleets by position in the book, found through one index of fleet ids rather
  // than a scan of every fleet per pool, and summed in book order as the scan would. (Fleet ids
  // are unique; a hand-made book repeating one is scanned.)
  var positions: [String: Int] = [:]
  positions.reserveCapacity(book.fleets.count)
  for (position, fleet) in book.fleets.enumerated() { positions[fleet.id] = positions[fleet.id] ?? position }
  let uniqueIDs = positions.count == book.fleets.count
  func members(_ pool: Set<String>) -> [Int] {
    guard uniqueIDs else { return book.fleets.indices.filter { pool.contains(book.fleets[$0].id) } }
    return pool.compactMap { positions[$0] }.sorted()
  }
  var bookValues: [Set<String>: Double?] = [:]
  var marketValues: [Set<String>: Double?] = [:]
  for pool in owed.keys {
    var found = false
    var bookValue = 0.0
    var marketValue: Double? = 0
    for position in members(pool) {
      let fleet = book.fleets[position]
      found = true
      let lifeMonths = 12 * fleet.effectiveUsefulLifeYears
      let age = max(0, m0 - fleet.inServiceOn.month)
      let remaining = min(1, max(0, 1 - Double(age) / Double(lifeMonths)))
      // Ramped at M0 for a fleet in service, full for a later fleet (CREDIT §C.1, §C.3): the
      // share of the fleet delivered by M0, for its book value as for its market value.
      let inService = fleet.inServiceOn.month <= m0
      let gpusAtM0 = inService ? fleet.rampedGPUs(in: m0) : Double(fleet.gpuCount)
      let delivered =
        inService
        ? rampedCount(1, ramp: fleet.effectiveRampMonths, k: m0 - fleet.inServiceOn.month) : 1
      bookValue += fleet.capex.dollars * delivered * remaining
      if let running = marketValue,
        let p0 = prices.latest(fleet.gpuModel, onOrBefore: asOf)
      {
        let price =
          p0.priceUSDPerGPUHour * pow(decayFactor, Double(m0 - p0.observedOn.month) / 12)
          * shockFactor
        let yearsLeft = Double(max(0, lifeMonths - age)) / 12
        marketValue =
          running + gpusAtM0 * price * Assumptions.hoursPerMonth * 12 * yearsLeft
          * assumptions.collateralMarginPct / 100
      } else {
        marketValue = nil
      }
    }
    bookValues[pool] = found ? bookValue : nil
    marketValues[pool] = found ? marketValue : nil
  }
  func ratio(_ pool: Set<String>, _ values: [Set<String>: Double?]) -> Double? {
    guard !pool.isEmpty, let cents = owed[pool], let value = values[pool] ?? nil, value != 0
    else { return nil }
    return roundedTo9(Double(cents) / 100 / value)
  }
  return (pools.map { ratio($0, bookValues) }, pools.map { ratio($0, marketValues) })
}
