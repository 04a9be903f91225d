import Domain
import Finance
import Testing

// Small builders for hand-made provider books. Every test uses as-of 2026-06-30 unless it says
// otherwise: M0 = 2026-06, M1 = 2026-07, M12 = 2027-06.

let asOfDay = day("2026-06-30")

func day(_ text: String) -> Day {
  guard let value = Day(text) else {
    Issue.record("bad day \(text)")
    return Day(daysSinceEpoch: 0)
  }
  return value
}

func month(_ text: String) -> Month {
  guard let value = Month(text) else {
    Issue.record("bad month \(text)")
    return Month(index: 0)
  }
  return value
}

func usd(_ dollars: Double) -> Money { Money(roundingDollars: dollars) }

/// |a − b| ≤ tolerance.
func close(_ a: Double?, _ b: Double, _ tolerance: Double = 1e-6) -> Bool {
  guard let a else { return false }
  return abs(a - b) <= tolerance
}

func makeProvider(
  id: String = "p1", cash: Double = 10_000_000, opex: Double = 0, asOf: String = "2026-06-30",
  minLiquidity: Double? = nil
) -> Provider {
  Provider(
    id: id, name: "Provider \(id)", segment: .neocloud, country: "US", cash: usd(cash),
    fixedOpexPerMonth: usd(opex), asOf: day(asOf), minLiquidity: minLiquidity.map(usd))
}

/// Facility `fac1`: PUE 1.0, $0.10/kWh, no colocation unless given.
func makeFacility(
  id: String = "fac1", pue: Double = 1.0, powerUSDPerKWh: Double = 0.10,
  colocation: Double = 0
) -> Facility {
  Facility(
    id: id, providerID: "p1", name: "Site \(id)", region: "us-east", itCapacityMW: 10, pue: pue,
    powerUSDPerKWh: powerUSDPerKWh, colocationUSDPerKWMonth: colocation, ownership: .leased)
}

/// A fleet in facility `fac1`; by default 100 H100 at 1 kW each, 100 % utilized, no capex.
func makeFleet(
  _ id: String = "fl1", model: String = "H100", gpus: Int = 100,
  inService: String = "2025-01-10", capex: Double = 0, life: Int? = nil, kW: Double = 1.0,
  utilization: Double = 100, facility: String = "fac1"
) -> Fleet {
  Fleet(
    id: id, providerID: "p1", facilityID: facility, gpuModel: model, gpuCount: gpus,
    inServiceOn: day(inService), capex: usd(capex), usefulLifeYears: life, gpuPowerKW: kW,
    utilizationPct: utilization, interconnect: .infiniband, fabricGbpsPerGPU: 400)
}

func makeLoan(
  _ id: String = "L1", principal: Double, balance: Double? = nil, ratePct: Double,
  rateType: RateType = .fixed, amortization: Amortization = .annuity, perYear: Int = 12,
  start: String, maturity: String, collateral: String? = nil, minDSCR: Double? = nil
) -> Loan {
  Loan(
    id: id, providerID: "p1", lender: "Bank", principal: usd(principal),
    balance: usd(balance ?? principal), annualRatePct: ratePct, rateType: rateType,
    amortization: amortization, paymentsPerYear: perYear, startOn: day(start),
    maturityOn: day(maturity), collateralFleetID: collateral, minDSCR: minDSCR)
}

func makeContract(
  _ id: String = "c1", customer: String = "acme", model: String = "H100", gpus: Int,
  price: Double, start: String = "2025-01-01", end: String = "2030-12-31",
  slaUptime: Double? = nil, slaCredit: Double? = nil
) -> Contract {
  Contract(
    id: id, providerID: "p1", customer: customer, gpuModel: model, gpuCount: gpus,
    priceUSDPerGPUHour: price, startOn: day(start), endOn: day(end), slaUptimePct: slaUptime,
    slaCreditPct: slaCredit)
}

func makeUptime(_ monthText: String, _ pct: Double) -> UptimeMonth {
  UptimeMonth(
    providerID: "p1", month: month(monthText), uptimePct: pct, incidents: 0,
    failuresPer1kGPUMonths: 0, mttrHours: 0)
}

/// Twelve uptime rows 2025-07…2026-06 (the window M0−11…M0) at 99.9 %.
func fullUptimeWindow() -> [UptimeMonth] {
  (0..<12).map { offset in
    UptimeMonth(
      providerID: "p1", month: month("2025-07") + offset, uptimePct: 99.9, incidents: 0,
      failuresPer1kGPUMonths: 0, mttrHours: 0)
  }
}

func makeBook(
  _ provider: Provider = makeProvider(), facilities: [Facility] = [makeFacility()],
  fleets: [Fleet] = [], loans: [Loan] = [], contracts: [Contract] = [],
  uptime: [UptimeMonth] = fullUptimeWindow()
) -> ProviderBook {
  ProviderBook(
    provider: provider, facilities: facilities, fleets: fleets, loans: loans,
    contracts: contracts, uptime: uptime)
}

func price(_ model: String = "H100", _ observed: String = "2026-06-10", usdPerHour: Double)
  -> MarketPrice
{
  MarketPrice(gpuModel: model, observedOn: day(observed), priceUSDPerGPUHour: usdPerHour)
}

func assess(
  _ book: ProviderBook, prices: [MarketPrice] = [], asOf: Day = asOfDay,
  _ assumptions: Assumptions = .base
) -> RiskResult {
  assessRisk(book, prices: MarketPriceIndex(prices), asOf: asOf, assumptions: assumptions)
}

/// The projection of month `text`, or a zero month (recording an issue) when it is absent.
func projected(_ result: RiskResult, _ text: String) -> MonthProjection {
  let wanted = month(text)
  guard let found = result.months.first(where: { $0.month == wanted }) else {
    Issue.record("no month \(text)")
    return MonthProjection(month: wanted)
  }
  return found
}

/// A schedule of `loan` as of 2026-06-30 with financials of the same date, not cut at a horizon.
func schedule(
  _ loan: Loan, providerAsOf: String = "2026-06-30", rateShockBP: Double = 0
) -> LoanSchedule {
  loanSchedule(
    loan, providerAsOf: day(providerAsOf), asOf: asOfDay, horizonEnd: nil,
    rateShockBP: rateShockBP)
}

/// (month, interest, principal, balance) in cents, for compact expectations.
func cents(_ payments: [LoanPayment]) -> [[Int64]] {
  payments.map { [Int64($0.month.index), $0.interest.cents, $0.principal.cents, $0.balance.cents] }
}

func row(_ monthText: String, _ interest: Int64, _ principal: Int64, _ balance: Int64) -> [Int64] {
  [Int64(month(monthText).index), interest, principal, balance]
}
