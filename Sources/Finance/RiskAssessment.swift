import Domain

/// Projects one provider's cash flow over M1…MH and assesses its bankruptcy risk (§4, §7).
///
/// Pure: values in, values out. M0 is the month of `asOf`. See ``RiskResult`` for rounding,
/// ``loanSchedule(_:providerAsOf:asOf:horizonEnd:rateShockBP:)`` for the loan rules.
/// Settled ambiguities:
/// - `contract_revenue_usd` is after the SLA factor (§4 defines contract revenue with s);
///   revenue = contract + on-demand, and `sla_credit_usd` is shown beside it, not subtracted again.
/// - Cash comparisons (`min_liquidity_breach`, `cash_out_month`) use the month's cash rounded to
///   cents, as printed; `revenue_below_debt_service` compares the cent-rounded 12-month totals.
/// - `utilization_pct` is nil when no fleet is active in M1, even under `--utilization`.
/// - `covenant_breach` needs a DSCR12 (debt service in M1…M12) and a live loan.
public func assessRisk(
  _ book: ProviderBook, prices: MarketPriceIndex, asOf: Day, assumptions: Assumptions
) -> RiskResult {
  let provider = book.provider
  let m0 = asOf.month
  let model = OperatingModel(book: book, prices: prices, asOf: asOf, assumptions: assumptions)
  let count = model.months.count
  let horizonEnd = m0 + count

  // Loans, by loan id, each beside its schedule.
  let loans = book.loans.sorted { $0.id < $1.id }
  var schedules = loans.map {
    loanSchedule(
      $0, providerAsOf: provider.asOf, asOf: asOf, horizonEnd: horizonEnd,
      rateShockBP: assumptions.rateShockBP)
  }
  let ltv = bookLTV(fleets: book.fleets, loans: loans, schedules: schedules, m0: m0)
  for (index, loan) in loans.enumerated() {
    if let fleetID = loan.collateralFleetID, let value = ltv[fleetID] {
      schedules[index].ltvBook = value
    }
  }
  // Loan flows per month, summed in cents (exact), used in dollars.
  var debtServiceCents = [Int64](repeating: 0, count: count)
  var balloonCents = [Int64](repeating: 0, count: count)
  var drawCents = [Int64](repeating: 0, count: count)
  for schedule in schedules {
    if let drawMonth = schedule.drawMonth, drawMonth <= horizonEnd {
      drawCents[drawMonth - m0 - 1] += schedule.startingBalance.cents
    }
    for payment in schedule.payments {
      let index = payment.month - m0 - 1
      debtServiceCents[index] += payment.debtService.cents
      balloonCents[index] += payment.balloon.cents
    }
  }
  let debtService = debtServiceCents.map { Money(cents: $0).dollars }
  let balloons = balloonCents.map { Money(cents: $0).dollars }
  let draws = drawCents.map { Money(cents: $0).dollars }

  // The monthly projection and cash recursion (§4).
  var months: [MonthProjection] = []
  months.reserveCapacity(count)
  var cash = provider.cash.dollars
  for index in 0..<count {
    let drivers = model.months[index]
    let revenue = model.revenue(index, utilizationPct: assumptions.utilizationPct)
    let cfads = model.cfads(index, revenue: revenue)
    cash = cash + cfads - debtService[index] - balloons[index] - drivers.capex + draws[index]
    months.append(
      MonthProjection(
        month: drivers.month, contractRevenue: revenue.contract, onDemandRevenue: revenue.onDemand,
        slaCredit: revenue.slaCredit, revenue: revenue.contract + revenue.onDemand,
        power: drivers.power, colocation: drivers.colocation, opex: drivers.opex, cfads: cfads,
        debtService: debtService[index], balloon: balloons[index], capex: drivers.capex,
        draws: draws[index], cash: cash))
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
  let dscr = debtServiceCoverage(cfads12: cfadsSum, debtService12: debtServiceSum)

  var flags = Set<RiskFlag>()
  if let dscr, dscr < 1 { flags.insert(.debtServiceExceedsCFADS) }
  if roundedToCents(revenueSum) < roundedToCents(debtServiceSum) {
    flags.insert(.revenueBelowDebtService)
  }
  let covenant = zip(loans, schedules).filter { $1.isLive }.map { $0.0.effectiveMinDSCR }.max()
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
    roundedTo9($0.utilized(overridePct: assumptions.utilizationPct)) < Double($0.contracted)
  }
  if belowContracted { flags.insert(.utilizationBelowContracted) }

  // Runway and grade.
  let cashOut = months.first { roundedToCents($0.cash) < 0 }?.month
  let runway = cashOut.map { $0 - m0 }
  let grade: RiskGrade
  if let runway, runway <= 12 {
    grade = .critical
  } else if flags.contains(.debtServiceExceedsCFADS) || runway != nil || pastMaturity {
    grade = .high
  } else if flags.contains(.covenantBreach) || flags.contains(.minLiquidityBreach) {
    grade = .elevated
  } else {
    grade = .low
  }

  return RiskResult(
    providerID: provider.id, name: provider.name, grade: grade, dscr12m: dscr,
    revenue12m: roundedToCents(revenueSum), cfads12m: roundedToCents(cfadsSum),
    debtService12m: roundedToCents(debtServiceSum), balloon12m: roundedToCents(balloonSum),
    topCustomerSharePct: topShare,
    utilizationPct: fleetUtilization(book: book, month: m0 + 1, assumptions: assumptions),
    breakEvenUtilizationPct: breakEvenUtilization(model: model, debtService12: debtServiceSum),
    cashOutMonth: cashOut, runwayMonths: runway, flags: flags.sorted(), months: months,
    loans: schedules)
}

/// DSCR12 rounded to 9 decimals (§7); nil when the debt service is 0.
func debtServiceCoverage(cfads12: Double, debtService12: Double) -> Double? {
  guard debtService12 != 0 else { return nil }
  return roundedTo9(cfads12 / debtService12)
}

/// §4 break-even utilization: the one utilization for every fleet at which DSCR12 = 1, all other
/// assumptions kept (debt service does not depend on utilization). Nil when debt service12 = 0
/// or DSCR12(100) < 1; 0 when DSCR12(0) ≥ 1; else the bisection of §4, step for step.
func breakEvenUtilization(model: OperatingModel, debtService12: Double) -> Double? {
  func covers(_ pct: Double) -> Bool {
    guard
      let dscr = debtServiceCoverage(
        cfads12: model.cfads12(utilizationPct: pct), debtService12: debtService12)
    else { return true }
    return dscr >= 1
  }
  guard debtService12 != 0, covers(100) else { return nil }
  if covers(0) { return 0 }
  var low = 0.0
  var high = 100.0
  while high - low > 0.05 {
    let mid = (low + high) / 2
    if covers(mid) { high = mid } else { low = mid }
  }
  return roundedTo9((low + high) / 2)
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
    let models = model.months[index].models
    for (position, contract) in book.contracts.enumerated() {
      let slot = model.contractModelSlots[position * count + index]
      guard slot >= 0 else { continue }
      let revenue =
        models[slot].fillRatio * Double(contract.gpuCount) * contract.priceUSDPerGPUHour
        * Assumptions.hoursPerMonth * model.slaFactors[position]
      byCustomer[customerOf[position]] += revenue
      total += revenue
    }
  }
  guard total > 0, let top = byCustomer.max() else { return nil }
  return roundedTo9(top / total * 100)
}

/// `utilization_pct`: GPU-weighted utilization of the fleets active in `month` (M1), or the
/// override; nil when no fleet is active then.
func fleetUtilization(book: ProviderBook, month: Month, assumptions: Assumptions) -> Double? {
  var gpus = 0
  var weighted = 0.0
  for fleet in book.fleets where fleet.isActive(in: month) {
    gpus += fleet.gpuCount
    weighted += Double(fleet.gpuCount) * fleet.utilizationPct
  }
  guard gpus > 0 else { return nil }
  return roundedTo9(assumptions.utilizationPct ?? weighted / Double(gpus))
}

/// Book loan-to-value per collateral fleet id (§4): value = capex × min(1, max(0, 1 −
/// max(0, M0 − in_service month) / (12 × life))); LTV = Σ B of the live loans on the fleet /
/// value, nil when the value is 0. Fleets named by no loan, or missing from the book, are absent.
func bookLTV(fleets: [Fleet], loans: [Loan], schedules: [LoanSchedule], m0: Month) -> [String:
  Double?]
{
  var owed: [String: Int64] = [:]
  for (loan, schedule) in zip(loans, schedules) {
    guard let fleetID = loan.collateralFleetID else { continue }
    owed[fleetID, default: 0] += schedule.isLive ? schedule.startingBalance.cents : 0
  }
  var result: [String: Double?] = [:]
  for fleet in fleets {
    guard let cents = owed[fleet.id] else { continue }
    let age = Double(max(0, m0 - fleet.inServiceOn.month))
    let remaining = min(1, max(0, 1 - age / Double(12 * fleet.effectiveUsefulLifeYears)))
    let value = fleet.capex.dollars * remaining
    result[fleet.id] = value == 0 ? nil : roundedTo9(Double(cents) / 100 / value)
  }
  return result
}
