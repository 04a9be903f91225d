import Domain
import Finance
import Scoring

/// Where the per-provider detail of the page comes from (issue 14). The report is made batch by
/// batch, so the Engine renders each provider's detail while its batch is in memory
/// (``HTMLReport/providerDetail(book:result:assumptions:)``) and hands the page a source that
/// writes them back in order; tests hold them in memory.
package protocol HTMLDetailSource: Sendable {
  /// Writes every provider's detail, in order, to `sink`.
  func write(to sink: (String) throws -> Void) throws
}

/// Details held in memory, in order.
package struct InMemoryDetails: HTMLDetailSource {
  package var details: [String]

  package init(_ details: [String]) {
    self.details = details
  }

  package func write(to sink: (String) throws -> Void) throws {
    for detail in details { try sink(detail) }
  }
}

/// The fragment of a provider's detail: `p-` and the id with every byte outside `A–Z a–z 0–9 -`
/// written `_XX` (hex), so that any id gives a distinct, valid id attribute and URL fragment.
package func detailAnchor(_ providerID: String) -> String {
  var anchor = "p-"
  for byte in providerID.utf8 {
    switch byte {
    case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
      UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"):
      anchor.unicodeScalars.append(Unicode.Scalar(byte))
    default:
      let hex = String(byte, radix: 16, uppercase: true)
      anchor += "_" + (hex.count == 1 ? "0" + hex : hex)
    }
  }
  return anchor
}

extension HTMLReport {
  /// The provider detail section's opening: heading and how to read it. The details follow
  /// from ``details``, then ``detailSectionEnd``.
  func detailSectionStart() -> String {
    var html = "<section class=\"details\" id=\"providers\">\n<h2>Provider detail</h2>\n"
    html += "<p class=\"muted\">Every provider in provider id order, closed until opened; a provider's "
    html += "name in the tier and risk tables leads here. Each holds its projected cash"
    html += risk.results.contains { $0.simulation != nil } ? " (with the simulated p5–p95 band and median)" : ""
    html += ", its monthly CFADS against debt service, its loans with their schedule by year and its contracts (the "
    html += "\(HTMLReport.detailRowLimit) largest of each; <code>neocloud show</code> lists them all). "
    html += "Printed pages leave this section out: print one provider with <code>neocloud show PROVIDER</code>.</p>\n"
    return html
  }

  var detailSectionEnd: String { "</section>\n" }

  /// One provider's detail: a closed `<details>` whose summary names the provider and grade,
  /// holding the projection charts, the loan schedule summary and the contracts.
  package static func providerDetail(book: ProviderBook, result: RiskResult, assumptions: Assumptions) -> String {
    let id = book.provider.id
    var html = "<details class=\"provider-detail\" id=\"\(detailAnchor(id))\">\n<summary>"
    html += "\(gradeBadge(result.grade.rawValue)) <strong>\(htmlEscape(result.name))</strong> "
    html += "<span class=\"id\">\(htmlEscape(id))</span></summary>\n<div class=\"detail-body\">\n"
    let why = riskReasons(
      result, covenantDSCR: result.credit.covenantDSCR, minLiquidityUSD: book.provider.minLiquidity?.dollars)
    if !why.isEmpty {
      html += "<p class=\"why\"><span class=\"label\">Why</span> \(htmlEscape(why.joined(separator: "; "))).</p>\n"
    }
    html += "<div class=\"detail-charts\">\n"
    html += cashChart(result, floor: book.provider.minLiquidity?.dollars)
    html += coverageChart(result)
    html += "</div>\n"
    html += loansTable(book: book, result: result, horizon: assumptions.horizonMonths)
    html += loanScheduleTable(book: book, result: result, horizon: assumptions.horizonMonths)
    html += contractsTable(book, m1: result.months.first?.month)
    return html + "</div>\n</details>\n"
  }

  private static func cashChart(_ result: RiskResult, floor: Double?) -> String {
    let months = result.months.map(\.month)
    var series = [ChartSeries(name: "cash", values: result.months.map(\.cash))]
    var band: ChartBand?
    var caption = "Cash at each month end"
    if let simulation = result.simulation {
      // Aligned on the projection's months: a month the simulation lacks leaves a gap.
      let byMonth = Dictionary(simulation.cash.map { ($0.month, $0) }, uniquingKeysWith: { first, _ in first })
      band = ChartBand(
        name: "p5–p95", low: months.map { byMonth[$0]?.p5 }, high: months.map { byMonth[$0]?.p95 })
      series.append(ChartSeries(name: "p50", values: months.map { byMonth[$0]?.p50 }))
      caption += "; shaded, the 5th to 95th percentile over \(formatCount(simulation.paths)) simulated paths, "
      caption += "with their median"
    }
    if floor != nil { caption += "; dashed, the minimum-liquidity covenant" }
    let chart = SVGLineChart(
      title: "Projected cash", xLabels: months.map(\.description), series: series, width: 340, height: 210,
      includesZero: true, reference: floor.map { ReferenceLine(value: $0, label: "min liquidity") }, band: band)
    return "<figure>\n" + chart.render() + "<figcaption>\(htmlEscape(caption)).</figcaption>\n</figure>\n"
  }

  private static func coverageChart(_ result: RiskResult) -> String {
    let chart = SVGLineChart(
      title: "CFADS vs debt service", xLabels: result.months.map(\.month.description),
      series: [
        ChartSeries(name: "CFADS", values: result.months.map(\.cfads)),
        ChartSeries(name: "debt service", values: result.months.map(\.debtService)),
      ],
      width: 340, height: 210, includesZero: true)
    return "<figure>\n" + chart.render()
      + "<figcaption>Each month's cash flow available for debt service against its scheduled interest "
      + "and principal (balloons excluded).</figcaption>\n</figure>\n"
  }

  /// One row per loan, the largest first when some are left out: its terms, facility and LTVs, and its payments summarised over M1…M12
  /// and the horizon (`neocloud show` lists them month by month).
  private static func loansTable(book: ProviderBook, result: RiskResult, horizon: Int) -> String {
    var html = "<h4>Loans</h4>\n"
    guard !book.loans.isEmpty else { return html + "<p class=\"muted\">No loans.</p>\n" }
    let schedules = Dictionary(result.loans.map { ($0.loanID, $0) }, uniquingKeysWith: { first, _ in first })
    let m12 = result.months.first.map { $0.month + 11 }
    html += "<div class=\"scroll\">\n<table class=\"detail-loans\">\n<thead>\n<tr><th>Loan</th><th>Facility</th>"
    html += "<th class=\"num\">Balance</th><th class=\"num\">Commitment<br><span class=\"sub\">undrawn</span></th>"
    html += "<th class=\"num\">Rate</th><th>Maturity</th>"
    html += "<th class=\"num\">LTV book<br><span class=\"sub\">market</span></th>"
    html += "<th class=\"num\">Debt service 12m</th><th class=\"num\">Paid over \(horizon) mo</th>"
    html += "<th>Balloon</th></tr>\n</thead>\n<tbody>\n"
    let shown = largestLoans(book.loans)
    for loan in shown {
      let schedule = schedules[loan.id]
      let payments = schedule?.allPayments ?? []
      let firstYear = payments.filter { payment in m12.map { payment.month <= $0 } ?? false }
      let service12m = firstYear.reduce(0.0) { $0 + $1.debtService.dollars }
      let paid = payments.reduce(0.0) { $0 + $1.interest.dollars + $1.principal.dollars }
      let balloon = payments.first(where: \.isBalloon)
      html += "<tr data-loan=\"\(htmlEscape(loan.id))\"><td>\(htmlEscape(loan.id))"
      html += "<br><span class=\"sub\">\(htmlEscape(loan.lender))</span></td>"
      html += "<td>\(htmlEscape(loan.effectiveFacility.rawValue))</td>"
      html += "<td class=\"num\">\(formatMillions(loan.balance.dollars))</td>"
      if let commitment = loan.commitment {
        html += "<td class=\"num\">\(formatMillions(commitment.dollars))<br><span class=\"sub\">"
        html += (schedule?.undrawn).map { formatMillions($0.dollars) } ?? "n/a"
        html += "</span></td>"
      } else {
        html += "<td class=\"num muted\">—</td>"
      }
      let rate = schedule?.annualRatePct ?? loan.annualRatePct
      html += "<td class=\"num\">\(formatPercent(rate, decimals: 2))<br><span class=\"sub\">"
      html += "\(htmlEscape(loan.rateType.rawValue))</span></td>"
      html += "<td>\(htmlEscape(loan.maturityOn.description))</td>"
      html +=
        "<td class=\"num\">\(ltvText(schedule?.ltvBook))<br><span class=\"sub\">\(ltvText(schedule?.ltvMarket))</span></td>"
      html += "<td class=\"num\">\(formatMillions(service12m))</td>"
      html += "<td class=\"num\">\(formatMillions(paid))</td>"
      if let balloon {
        html += "<td>\(formatMillions(balloon.principal.dollars)) in \(htmlEscape(balloon.month.description))</td>"
      } else {
        html += "<td class=\"muted\">none</td>"
      }
      html += "</tr>\n"
    }
    html += "</tbody>\n</table>\n</div>\n"
    return html + moreRows(book.loans.count - shown.count, "loan", providerID: book.provider.id)
  }

  /// One loan's figures over one 12-month period of the projection (the last one may be shorter),
  /// summed from its payments as `neocloud show` lists them (tranches and revolver included).
  package struct LoanYear: Equatable, Sendable {
    package var first: Month
    package var last: Month
    package var interest: Money
    /// Principal outside balloons.
    package var principal: Money
    package var balloon: Money
    /// Draws in the period (a later loan's first draw, tranches, revolver draws), in dollars.
    package var draws: Double
    /// The balance after the period's last payment; with no payment in the period, the balance
    /// carried from before (the starting balance, or 0 for a later loan).
    package var balance: Money
  }

  /// `schedule` in 12-month periods from `m1` over `months` months (M1–M12, M13–M24, …, to MH).
  package static func loanYears(_ schedule: LoanSchedule, m1: Month, months: Int) -> [LoanYear] {
    var years: [LoanYear] = []
    var balance = schedule.isDraw ? Money.zero : schedule.startingBalance
    var paymentIndex = 0
    var drawIndex = 0
    let payments = schedule.allPayments
    var start = 0
    while start < months {
      let first = m1 + start
      let last = m1 + (min(start + 12, months) - 1)
      var interest: Int64 = 0
      var principal: Int64 = 0
      var balloon: Int64 = 0
      var draws = 0.0
      while paymentIndex < payments.count, payments[paymentIndex].month < first { paymentIndex += 1 }
      var lastPayment: Month?
      while paymentIndex < payments.count, payments[paymentIndex].month <= last {
        let payment = payments[paymentIndex]
        interest += payment.interest.cents
        if payment.isBalloon { balloon += payment.principal.cents } else { principal += payment.principal.cents }
        balance = payment.balance
        lastPayment = payment.month
        paymentIndex += 1
      }
      while drawIndex < schedule.draws.count, schedule.draws[drawIndex].month < first { drawIndex += 1 }
      var drawnAfterLastPayment = 0.0
      while drawIndex < schedule.draws.count, schedule.draws[drawIndex].month <= last {
        let draw = schedule.draws[drawIndex]
        draws += draw.amount
        // A payment's balance already holds what was drawn up to its month; a draw after the
        // period's last payment is outstanding at the period's end too.
        if lastPayment.map({ draw.month > $0 }) ?? true { drawnAfterLastPayment += draw.amount }
        drawIndex += 1
      }
      if drawnAfterLastPayment != 0 {
        balance = Money(cents: balance.cents + Int64((drawnAfterLastPayment * 100).rounded()))
      }
      years.append(
        LoanYear(
          first: first, last: last, interest: Money(cents: interest), principal: Money(cents: principal),
          balloon: Money(cents: balloon), draws: draws, balance: balance))
      start += 12
    }
    return years
  }

  /// The loans of ``loansTable`` (same ones, same order), each in 12-month periods over the
  /// projection: interest, scheduled principal, balloon, draws and the balance at the period's end.
  /// One table, the loan's id in its first row; closed in its own `<details>` until opened.
  private static func loanScheduleTable(book: ProviderBook, result: RiskResult, horizon: Int) -> String {
    guard !book.loans.isEmpty, let m1 = result.months.first?.month else { return "" }
    let months = min(result.months.count, max(1, horizon))
    let schedules = Dictionary(result.loans.map { ($0.loanID, $0) }, uniquingKeysWith: { first, _ in first })
    var html = "<details class=\"loan-schedule\"><summary>Loan schedule by year</summary>\n"
    html += "<div class=\"scroll\">\n<table class=\"detail-schedule\">\n<thead>\n<tr><th>Loan</th><th>Months</th>"
    html += "<th class=\"num\">Interest</th><th class=\"num\">Principal</th><th class=\"num\">Balloon</th>"
    html += "<th class=\"num\">Draws</th><th class=\"num\">Balance<br><span class=\"sub\">at end</span></th>"
    html += "</tr>\n</thead>\n"
    for loan in largestLoans(book.loans) {
      guard let schedule = schedules[loan.id] else { continue }
      let years = loanYears(schedule, m1: m1, months: months)
      html += "<tbody data-loan=\"\(htmlEscape(loan.id))\">\n"
      for (index, year) in years.enumerated() {
        html += "<tr>"
        if index == 0 { html += "<th rowspan=\"\(years.count)\">\(htmlEscape(loan.id))</th>" }
        html += "<th>\(year.first) – \(year.last)</th>"
        html += "<td>\(scheduleAmount(year.interest.dollars))</td><td>\(scheduleAmount(year.principal.dollars))</td>"
        html += "<td>\(scheduleAmount(year.balloon.dollars))</td><td>\(scheduleAmount(year.draws))</td>"
        html += "<td>\(formatMillions(year.balance.dollars))</td></tr>\n"
      }
      html += "</tbody>\n"
    }
    return html + "</table>\n</div>\n</details>\n"
  }

  /// `$1.2M`, or `—` for nothing at all.
  private static func scheduleAmount(_ dollars: Double) -> String {
    dollars == 0 ? "—" : formatMillions(dollars)
  }

  /// At most this many loans and contracts in a provider's detail (issue 14: the page at 10,000
  /// providers); `neocloud show` lists them all.
  package static let detailRowLimit = 25

  /// The largest loans first (balance, then principal, then id), at most ``detailRowLimit``.
  static func largestLoans(_ loans: [Loan]) -> [Loan] {
    guard loans.count > detailRowLimit else { return loans }
    let sorted = loans.sorted { a, b in
      if a.balance != b.balance { return a.balance > b.balance }
      if a.principal != b.principal { return a.principal > b.principal }
      return byteOrderLess(a.id, b.id)
    }
    return Array(sorted.prefix(detailRowLimit))
  }

  /// The largest contracts first, at most ``detailRowLimit``: those running in M1 or later before
  /// those ended, then GPU count, then price, then id.
  static func largestContracts(_ contracts: [Contract], m1: Month?) -> [Contract] {
    guard contracts.count > detailRowLimit else { return contracts }
    func running(_ contract: Contract) -> Bool { m1.map { contract.endOn.month >= $0 } ?? true }
    let sorted = contracts.sorted { a, b in
      if running(a) != running(b) { return running(a) }
      if a.gpuCount != b.gpuCount { return a.gpuCount > b.gpuCount }
      if a.priceUSDPerGPUHour != b.priceUSDPerGPUHour { return a.priceUSDPerGPUHour > b.priceUSDPerGPUHour }
      return byteOrderLess(a.id, b.id)
    }
    return Array(sorted.prefix(detailRowLimit))
  }

  /// `5 more contracts: neocloud show ID lists them all.`; empty when nothing was left out.
  private static func moreRows(_ count: Int, _ noun: String, providerID: String) -> String {
    guard count > 0 else { return "" }
    return "<p class=\"muted more\">\(formatCount(count)) more \(noun)\(count == 1 ? "" : "s"): "
      + "<code>neocloud show \(htmlEscape(providerID))</code> lists them all.</p>\n"
  }

  private static func ltvText(_ ratio: Double?) -> String {
    ratio.map { formatPercent($0 * 100, decimals: 0) } ?? "n/a"
  }

  /// One row per contract, the largest first when some are left out: customer and rating, GPUs, price, term, ramp and prepayment.
  private static func contractsTable(_ book: ProviderBook, m1: Month?) -> String {
    var html = "<h4>Contracts</h4>\n"
    guard !book.contracts.isEmpty else { return html + "<p class=\"muted\">No contracts.</p>\n" }
    html += "<div class=\"scroll\">\n<table class=\"detail-contracts\">\n<thead>\n<tr><th>Customer</th>"
    html += "<th>Rating</th><th class=\"num\">GPUs</th><th class=\"num\">$/GPU-hour</th><th>Start</th><th>End</th>"
    html += "<th class=\"num\">Ramp</th><th class=\"num\">Prepaid</th></tr>\n</thead>\n<tbody>\n"
    let shown = largestContracts(book.contracts, m1: m1)
    for contract in shown {
      html += "<tr data-contract=\"\(htmlEscape(contract.id))\"><td>\(htmlEscape(contract.customer))"
      html += "<br><span class=\"sub\">\(htmlEscape(contract.id))</span></td>"
      html +=
        "<td>\(htmlEscape((contract.customerRating ?? .unrated).rawValue.replacingOccurrences(of: "_", with: " ")))</td>"
      html += "<td class=\"num\">\(formatCount(contract.gpuCount))<br><span class=\"sub\">"
      html += "\(htmlEscape(contract.gpuModel))</span></td>"
      html += "<td class=\"num\">\(formatFixed(contract.priceUSDPerGPUHour, decimals: 2))</td>"
      html += "<td>\(htmlEscape(contract.startOn.description))</td><td>\(htmlEscape(contract.endOn.description))</td>"
      let ramp = contract.rampMonths ?? 0
      html += "<td class=\"num\">\(ramp == 0 ? "none" : "\(ramp) mo")</td>"
      html += "<td class=\"num\">\((contract.prepaid).map { formatMillions($0.dollars) } ?? "none")</td></tr>\n"
    }
    html += "</tbody>\n</table>\n</div>\n"
    return html + moreRows(book.contracts.count - shown.count, "contract", providerID: book.provider.id)
  }
}
