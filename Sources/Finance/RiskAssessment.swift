import Domain

/// The version of the credit model the figures follow (CREDIT §C.4: runs record it).
package let creditModelVersion = 3

/// Projects one provider's cash flow over M1…MH and assesses its bankruptcy risk (DESIGN §4, §7;
/// CREDIT §C.1–§C.4, §C.7).
///
/// Pure: values in, values out. M0 is the month of `asOf`. See ``RiskResult`` for rounding,
/// ``loanSchedule(_:providerAsOf:asOf:horizonEnd:rateShockBP:)`` for the loan rules.
/// Settled ambiguities:
/// - `contract_revenue_usd` is after the SLA factor (§4 defines contract revenue with s);
///   revenue = contract + on-demand, and `sla_credit_usd` is shown beside it, not subtracted again.
/// - Cash comparisons (`min_liquidity_breach`, `cash_out_month`, the revolver trigger) use the
///   month's cash rounded to cents, as printed; `revenue_below_debt_service` compares the
///   cent-rounded 12-month totals.
/// - `utilization_pct` is nil when no fleet is active in M1, even under `--utilization`.
/// - `thin_coverage` and `burning_cash` name the conditions of the `elevated` rung; they are
///   raised whenever the condition holds, also when cash runs out and the grade is worse.
package func assessRisk(
  _ book: ProviderBook, prices: MarketPriceIndex, asOf: Day, assumptions: Assumptions
) -> RiskResult {
  let provider = book.provider
  let m0 = asOf.month
  let defaulted = defaultedCustomers(
    book: book, prices: prices, asOf: asOf, assumptions: assumptions)
  let model = OperatingModel(
    book: book, prices: prices, asOf: asOf, assumptions: assumptions, defaulted: defaulted)
  let count = model.months.count

  let inputs = CashInputs(book: book, asOf: asOf, assumptions: assumptions, count: count)
  let loans = inputs.loans
  var schedules = inputs.schedules
  let tranches = inputs.tranches
  let flows = inputs.flows
  let revolvers = inputs.revolvers
  let floor = inputs.floor
  let path = projectCash(
    model: model, utilizationPct: assumptions.utilizationPct, flows: flows, revolvers: revolvers,
    cash: provider.cash.dollars, floor: floor)
  let months = path.months

  // Draws and combined payments per loan; liveness (CREDIT §C.7).
  for tranche in tranches {
    schedules[tranche.loanIndex].draws.append(
      LoanDraw(month: tranche.month, amount: Money(cents: tranche.cents).dollars))
  }
  for (position, revolver) in revolvers.enumerated() {
    for (offset, amount) in path.revolverDraws[position].enumerated() where amount > 0 {
      schedules[revolver.loanIndex].draws.append(LoanDraw(month: m0 + 1 + offset, amount: amount))
    }
  }
  for index in schedules.indices {
    schedules[index].draws.sort { $0.month < $1.month }
    if schedules[index].startingBalance.cents == 0 && !schedules[index].draws.isEmpty {
      schedules[index].isLive = true
    }
  }
  let revolverPosition = Dictionary(
    uniqueKeysWithValues: revolvers.enumerated().map { ($1.loanIndex, $0) })
  for index in schedules.indices where schedules[index].facility != .term {
    schedules[index].allPayments = combinedPayments(
      schedules[index], tranches: tranches.filter { $0.loanIndex == index },
      revolver: revolverPosition[index].map { (revolvers[$0], path.revolverFlows[$0]) },
      m0: m0)
  }

  let collateral = collateralLTV(
    book: book, loans: loans, schedules: schedules, prices: prices, asOf: asOf,
    assumptions: assumptions)
  for index in schedules.indices {
    schedules[index].ltvBook = collateral.book[index]
    schedules[index].ltvMarket = collateral.market[index]
  }

  // 12-month figures: sums of unrounded months in month order, rounded at the end (§7).
  var revenueSum = 0.0
  var cfadsSum = 0.0
  var debtServiceSum = 0.0
  var balloonSum = 0.0
  for month in months.prefix(12) {
    revenueSum += month.revenue
    cfadsSum += month.cfads
    debtServiceSum += month.debtService
    balloonSum += month.balloon
  }
  var interestCents: Int64 = 0
  for index in 0..<12 { interestCents += flows.interest[index] + path.revolverInterestCents[index] }
  let interest12 = Money(cents: interestCents).dollars
  let dscr = debtServiceCoverage(cfads12: cfadsSum, debtService12: debtServiceSum)
  let cfads12 = roundedToCents(cfadsSum)

  var flags = Set<RiskFlag>()
  if let dscr, dscr < 1 { flags.insert(.debtServiceExceedsCFADS) }
  if roundedToCents(revenueSum) < roundedToCents(debtServiceSum) {
    flags.insert(.revenueBelowDebtService)
  }
  let covenant = zip(loans, schedules).filter { $1.isLive }.compactMap { $0.0.covenantMinDSCR }
    .max()
  if let dscr, let covenant, dscr < covenant { flags.insert(.covenantBreach) }
  if let minimum = provider.minLiquidity,
    months.prefix(12).contains(where: { roundedToCents($0.cash) < minimum.dollars })
  {
    flags.insert(.minLiquidityBreach)
  }
  if roundedToCents(balloonSum) > 0 { flags.insert(.balloonWithin12m) }
  let pastMaturity = zip(loans, schedules).contains { $1.isPastMaturity && $0.maturityOn < asOf }
  if pastMaturity { flags.insert(.pastMaturity) }
  let topShare = topCustomerShare(book: book, model: model)
  if let topShare, topShare > 50 { flags.insert(.customerConcentration) }
  if model.months.contains(where: { $0.models.contains { $0.contracted > $0.capacity } }) {
    flags.insert(.overcommitted)
  }
  for (_, price) in model.marketPricesUsed {
    guard let price else {
      flags.insert(.noMarketPrice)
      continue
    }
    if asOf.daysSinceEpoch - price.observedOn.daysSinceEpoch > 90 {
      flags.insert(.staleMarketPrice)
    }
  }
  if model.uptimeMonthsInWindow == 0 { flags.insert(.noUptimeData) }
  if m0 - provider.asOf.month > 6 { flags.insert(.staleFinancials) }
  if provider.asOf > asOf { flags.insert(.financialsAfterAsOf) }
  let belowContracted = model.months[0].models.contains {
    roundedTo9($0.utilized(overridePct: assumptions.utilizationPct)) < $0.contracted
  }
  if belowContracted { flags.insert(.utilizationBelowContracted) }

  // CREDIT §C.3 figures.
  var totalDebtCents: Int64 = 0
  for schedule in schedules where !schedule.isDraw { totalDebtCents += schedule.startingBalance.cents }
  let totalDebt = Money(cents: totalDebtCents).dollars
  let netDebt = roundedToCents(totalDebt - provider.cash.dollars)
  let m12 = m0 + 12
  var debtAtM12Cents: Int64 = 0
  for schedule in schedules { debtAtM12Cents += balance(of: schedule, atEndOf: m12) }
  for tranche in tranches where tranche.month <= m12 {
    debtAtM12Cents += tranche.payments.last { $0.month <= m12 }?.balance.cents ?? tranche.cents
  }
  let debtAtM12 = Money(cents: debtAtM12Cents).dollars + months[11].revolverBalance
  let netLeverage =
    cfads12 > 0 ? roundedTo9((debtAtM12 - months[11].cash) / cfadsSum) : nil
  let netLeverageM0 = cfads12 > 0 ? roundedTo9(netDebt / cfadsSum) : nil
  let interestCoverage = interestCents == 0 ? nil : roundedTo9(cfadsSum / interest12)
  var liquidity = provider.cash.dollars
  for revolver in revolvers
  where revolver.startMonth <= m0 + 1 && m0 + 1 <= revolver.lastDrawMonth {
    liquidity += revolver.undrawn
  }
  var minCash12 = Double.infinity
  var minCash = Double.infinity
  for (index, month) in months.enumerated() {
    if index < 12 { minCash12 = min(minCash12, month.cash) }
    minCash = min(minCash, month.cash)
  }
  let minCashRounded = roundedToCents(minCash)
  let minCashMonth = months.first { roundedToCents($0.cash) == minCashRounded }?.month
  let headroom: Double? =
    if let dscr, let covenant { roundedTo9((dscr / covenant - 1) * 100) } else { nil }

  // Runway.
  let cashOut = months.first { roundedToCents($0.cash) < 0 }?.month
  let runway = cashOut.map { $0 - m0 }

  // CREDIT §C.4 flags.
  let netCash = netDebt <= 0
  if netCash { flags.insert(.netCash) }
  let firstRevolverDraw = path.firstDrawMonth
  if let firstRevolverDraw, firstRevolverDraw <= m12 { flags.insert(.revolverDependent) }
  var refinancingBalloon: Double?
  var refinancingBalloonMonth: Month?
  if let cashOut {
    var principalPaid = 0.0
    var largest = 0.0
    for offset in 0...(cashOut - m0 - 1) {
      let repaid = Money(cents: flows.principal[offset]).dollars + path.revolverRepaid[offset]
      principalPaid += repaid
      let balloon = months[offset].balloon
      if balloon > largest {
        largest = balloon
        refinancingBalloonMonth = months[offset].month
      }
    }
    if roundedToCents(months[cashOut - m0 - 1].cash + principalPaid) >= 0 {
      flags.insert(.refinancingDependent)
      refinancingBalloon = largest > 0 ? roundedToCents(largest) : nil
      if largest == 0 { refinancingBalloonMonth = nil }
    } else {
      refinancingBalloonMonth = nil
    }
  }
  if collateral.market.contains(where: { ($0 ?? 0) > 1 }) { flags.insert(.ltvAbove100) }
  let leverageNotMeaningful = cfads12 <= 0 && roundedToCents(debtAtM12) > 0
  let thinCoverage =
    !netCash
    && ((dscr.map { $0 < 1.25 } ?? false) || (interestCoverage.map { $0 < 2.0 } ?? false)
      || (netLeverage.map { $0 > 4.0 } ?? false) || leverageNotMeaningful)
  if thinCoverage { flags.insert(.thinCoverage) }
  var burning = false
  if netCash {
    let last = months[count - 1].cash
    let earlier = count > 12 ? months[count - 13].cash : provider.cash.dollars
    let burn = (earlier - last) / 12
    burning = burn > 0 && last / burn < 24
  }
  if burning { flags.insert(.burningCash) }

  // CREDIT §C.4 grade.
  let grade: RiskGrade
  if let runway, runway <= 12 {
    grade = .critical
  } else if runway != nil || pastMaturity {
    grade = .high
  } else if thinCoverage || burning || flags.contains(.covenantBreach)
    || flags.contains(.minLiquidityBreach)
  {
    grade = .elevated
  } else {
    grade = .low
  }

  let breakEven = breakEvenUtilization(
    model: model, debtService12: debtServiceSum,
    reproject: revolvers.isEmpty
      ? nil
      : { pct in
        let stressed = projectCash(
          model: model, utilizationPct: pct, flows: flows, revolvers: revolvers,
          cash: provider.cash.dollars, floor: floor)
        var cfads = 0.0
        var service = 0.0
        for month in stressed.months.prefix(12) {
          cfads += month.cfads
          service += month.debtService
        }
        return (cfads, service)
      })

  let credit = CreditFigures(
    totalDebt: totalDebt, netDebt: netDebt, interest12m: interest12,
    interestCoverage: interestCoverage, netLeverage: netLeverage, netLeverageM0: netLeverageM0,
    debtAtM12: roundedToCents(debtAtM12), liquidity: roundedToCents(liquidity),
    minCash12m: roundedToCents(minCash12), minCash: minCashRounded, minCashMonth: minCashMonth,
    covenantDSCR: covenant, covenantHeadroomPct: headroom, breakEvenBasis: breakEven.basis,
    firstRevolverDrawMonth: firstRevolverDraw, refinancingBalloon: refinancingBalloon,
    refinancingBalloonMonth: refinancingBalloonMonth)

  var result = RiskResult(
    providerID: provider.id, name: provider.name, grade: grade, dscr12m: dscr,
    revenue12m: roundedToCents(revenueSum), cfads12m: cfads12,
    debtService12m: roundedToCents(debtServiceSum), balloon12m: roundedToCents(balloonSum),
    topCustomerSharePct: topShare,
    utilizationPct: fleetUtilization(book: book, month: m0 + 1, assumptions: assumptions),
    breakEvenUtilizationPct: breakEven.pct, cashOutMonth: cashOut, runwayMonths: runway,
    flags: flags.sorted(), months: months, loans: schedules, credit: credit)
  result.defaultedCustomers = model.defaultedCustomers
  return result
}

/// A schedule's balance at the end of `month`: 0 before its draw arrives and after a
/// past-maturity repayment, else the balance after its last payment by then.
func balance(of schedule: LoanSchedule, atEndOf month: Month) -> Int64 {
  if let drawMonth = schedule.drawMonth, drawMonth > month { return 0 }
  return schedule.payments.last { $0.month <= month }?.balance.cents
    ?? schedule.startingBalance.cents
}

/// DSCR12 rounded to 9 decimals (§7); nil when the debt service is 0.
func debtServiceCoverage(cfads12: Double, debtService12: Double) -> Double? {
  guard debtService12 != 0 else { return nil }
  return roundedTo9(cfads12 / debtService12)
}

/// §4 break-even utilization and its CREDIT §C.3 basis: the one utilization for every fleet at
/// which DSCR12 = 1, all other assumptions kept. Without revolvers debt service does not depend
/// on utilization, so only CFADS is recomputed; with revolvers every DSCR12(u) is a full
/// projection at u (`reproject` returns its CFADS12 and debt service12), and one whose debt
/// service is 0 counts as ≥ 1 (§C.7). Nil when the base debt service12 = 0 (`no_debt_service`)
/// or DSCR12(100) < 1 (`unreachable`); 0 when DSCR12(0) ≥ 1 (`contracts`); else the bisection
/// of §4, step for step (`utilization`).
func breakEvenUtilization(
  model: OperatingModel, debtService12: Double,
  reproject: ((Double) -> (cfads12: Double, debtService12: Double))? = nil
) -> (pct: Double?, basis: BreakEvenBasis) {
  func covers(_ pct: Double) -> Bool {
    let cfads: Double
    let service: Double
    if let reproject {
      (cfads, service) = reproject(pct)
    } else {
      (cfads, service) = (model.cfads12(utilizationPct: pct), debtService12)
    }
    guard let dscr = debtServiceCoverage(cfads12: cfads, debtService12: service) else {
      return true
    }
    return dscr >= 1
  }
  guard debtService12 != 0 else { return (nil, .noDebtService) }
  guard covers(100) else { return (nil, .unreachable) }
  if covers(0) { return (0, .contracts) }
  var low = 0.0
  var high = 100.0
  while high - low > 0.05 {
    let mid = (low + high) / 2
    if covers(mid) { high = mid } else { low = mid }
  }
  return (roundedTo9((low + high) / 2), .utilization)
}

/// The provider's customers that default under `assumptions` (CREDIT §C.5, §C.7): those named
/// that hold a contract of the provider, plus its N largest by contract revenue booked over
/// M1…M12 with no default (ties by name; all when it has fewer than N).
func defaultedCustomers(
  book: ProviderBook, prices: MarketPriceIndex, asOf: Day, assumptions: Assumptions
) -> Set<String> {
  let terms = assumptions.customerDefault
  guard terms.isActive else { return [] }
  var result = Set(book.contracts.map(\.customer)).intersection(terms.names)
  if let n = terms.topN, n > 0 {
    let base = OperatingModel(book: book, prices: prices, asOf: asOf, assumptions: assumptions)
    for (name, _) in customerRevenue12(book: book, model: base).prefix(n) { result.insert(name) }
  }
  return result
}

/// Each customer's contract revenue booked over M1…M12 (after ramp, min(1, C/K) and the SLA
/// factor), largest first, ties by name (byte order).
func customerRevenue12(book: ProviderBook, model: OperatingModel) -> [(String, Double)] {
  var byName: [String: Double] = [:]
  let count = model.months.count
  for (position, contract) in book.contracts.enumerated() {
    var sum = byName[contract.customer] ?? 0
    for index in 0..<min(12, count) { sum += model.contractBooked[position * count + index] }
    byName[contract.customer] = sum
  }
  return byName.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
}

/// `top_customer_share_pct`: the largest customer's share of contract revenue (after the SLA
/// factor, §7) over M1…M12, customers matched by exact name; nil when that revenue is 0.
func topCustomerShare(book: ProviderBook, model: OperatingModel) -> Double? {
  // Customers numbered once; revenue summed per customer in month, then contract, order.
  var customerSlot: [String: Int] = [:]
  var customerOf: [Int] = []
  customerOf.reserveCapacity(book.contracts.count)
  for contract in book.contracts {
    if let slot = customerSlot[contract.customer] {
      customerOf.append(slot)
    } else {
      customerSlot[contract.customer] = customerSlot.count
      customerOf.append(customerSlot.count - 1)
    }
  }
  var byCustomer = [Double](repeating: 0, count: customerSlot.count)
  var total = 0.0
  let count = model.months.count
  for index in 0..<12 {
    for position in book.contracts.indices {
      guard model.contractModelSlots[position * count + index] >= 0 else { continue }
      // Booked: ramped GPUs of live contracts only (CREDIT §C.1, §C.5).
      let revenue = model.contractBooked[position * count + index]
      byCustomer[customerOf[position]] += revenue
      total += revenue
    }
  }
  guard total > 0, let top = byCustomer.max() else { return nil }
  return roundedTo9(top / total * 100)
}

/// `utilization_pct`: GPU-weighted utilization of the fleets active in `month` (M1), or the
/// override; nil when no fleet is active then. The weights are the fleets' ramped GPUs in that
/// month, as in the projection's u (CREDIT §C.2: GPUs not yet delivered are neither earned nor
/// sold), so the figure is the u the projection uses in M1.
func fleetUtilization(book: ProviderBook, month: Month, assumptions: Assumptions) -> Double? {
  var gpus = 0.0
  var weighted = 0.0
  for fleet in book.fleets where fleet.isActive(in: month) {
    let ramped = fleet.rampedGPUs(in: month)
    gpus += ramped
    weighted += ramped * fleet.utilizationPct
  }
  guard gpus > 0 else { return nil }
  return roundedTo9(assumptions.utilizationPct ?? weighted / gpus)
}
