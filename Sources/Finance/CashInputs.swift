import Domain

/// What the cash loop of one provider needs besides its operating model, none of it depending on
/// cash (CREDIT §C.2 steps 2–3): loans by id with their schedules, delayed-draw tranches, the
/// scheduled flows per month, the revolvers, the floor and the starting cash. Built once per
/// projection; the Monte Carlo builds it once per provider and reuses it on every path.
struct CashInputs {
  var loans: [Loan]
  var schedules: [LoanSchedule]
  var tranches: [Tranche]
  var flows: ScheduledFlows
  var revolvers: [Revolver]
  var floor: Double
  var startCash: Double

  init(book: ProviderBook, asOf: Day, assumptions: Assumptions, count: Int) {
    let provider = book.provider
    let m0 = asOf.month
    let horizonEnd = m0 + count
    // Loans, by loan id, each beside its schedule.
    loans = book.loans.sorted { $0.id < $1.id }
    schedules = loans.map {
      loanSchedule(
        $0, providerAsOf: provider.asOf, asOf: asOf, horizonEnd: horizonEnd,
        rateShockBP: assumptions.rateShockBP)
    }
    // Delayed-draw tranches (CREDIT §C.2 step 3) do not depend on cash: planned before the loop.
    tranches = planTranches(
      book: book, loans: loans, schedules: schedules, m0: m0, count: count,
      rateShockBP: assumptions.rateShockBP)
    // Loan flows per month known before the cash loop, summed in cents (exact), used in dollars.
    flows = ScheduledFlows(count: count)
    for schedule in schedules {
      if let drawMonth = schedule.drawMonth, drawMonth <= horizonEnd {
        flows.draws[drawMonth - m0 - 1] += schedule.startingBalance.cents
      }
      for payment in schedule.payments { flows.add(payment, at: payment.month - m0 - 1) }
    }
    for tranche in tranches {
      flows.draws[tranche.month - m0 - 1] += tranche.cents
      for payment in tranche.payments { flows.add(payment, at: payment.month - m0 - 1) }
    }
    let loans = loans
    let schedules = schedules
    revolvers = loans.indices.compactMap { index -> Revolver? in
      let loan = loans[index]
      guard loan.effectiveFacility == .revolver, let undrawn = schedules[index].undrawn,
        undrawn.cents > 0
      else { return nil }
      let annualRatePct =
        loan.rateType == .floating
        ? max(0, loan.annualRatePct + assumptions.rateShockBP / 100) : loan.annualRatePct
      return Revolver(
        loanIndex: index, startMonth: loan.startOn.month,
        lastDrawMonth: loan.effectiveAvailableUntil.month, maturity: loan.maturityOn.month,
        monthlyRate: annualRatePct / 1200, undrawn: undrawn.dollars)
    }
    floor = provider.minLiquidity?.dollars ?? 0
    startCash = provider.cash.dollars
  }
}
