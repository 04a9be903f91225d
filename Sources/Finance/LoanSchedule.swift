import Domain
import Foundation

/// One payment of a loan schedule, in cents (§7).
package struct LoanPayment: Hashable, Sendable {
  package var month: Month
  package var interest: Money
  /// Principal repaid by this payment (a balloon included).
  package var principal: Money
  /// Balance after this payment.
  package var balance: Money
  /// True when the principal of this payment is a balloon (§4): the principal an
  /// `interest_only` loan repays at maturity, or what a loan owes past maturity. A balloon is
  /// paid from cash but kept out of debt service.
  package var isBalloon: Bool

  package init(month: Month, interest: Money, principal: Money, balance: Money, isBalloon: Bool) {
    self.month = month
    self.interest = interest
    self.principal = principal
    self.balance = balance
    self.isBalloon = isBalloon
  }

  /// What this payment adds to debt service: interest, plus principal unless it is a balloon.
  package var debtService: Money {
    Money(cents: interest.cents + (isBalloon ? 0 : principal.cents))
  }

  /// What this payment adds to balloons.
  package var balloon: Money { isBalloon ? principal : .zero }
}

/// One draw on a loan in M1…MH (CREDIT §C.3 show `draws`): a later loan's first draw, a
/// delayed-draw tranche, or a revolver draw (unrounded dollars).
package struct LoanDraw: Hashable, Sendable {
  package var month: Month
  package var amount: Double

  package init(month: Month, amount: Double) {
    self.month = month
    self.amount = amount
  }
}

/// The schedule of one loan from M1 on (§4 Loans, §7 cents).
package struct LoanSchedule: Hashable, Sendable {
  package var loanID: String
  /// Book loan-to-value of the loan's collateral fleet (§4): Σ B of the live loans on that fleet
  /// / its depreciated value. Nil without collateral, when the collateral fleet is not in the
  /// book, or when the value is 0. ``loanSchedule(_:providerAsOf:asOf:horizonEnd:rateShockBP:)``
  /// leaves it nil (it does not see fleets); ``assessRisk(_:prices:asOf:assumptions:)`` fills it.
  package var ltvBook: Double?
  /// A later loan (start_on after the provider's as_of): its principal arrives as a draw.
  package var isDraw: Bool
  /// B: balance_usd of an existing loan, principal_usd of a draw.
  package var startingBalance: Money
  /// For a draw: max(start month, M1), the month its principal arrives (may lie past MH).
  package var drawMonth: Month?
  /// The annual rate used, in percent: a floating loan's includes the rate shock, floored at 0.
  package var annualRatePct: Double
  /// n: the number of payment months the loan amortizes over, to maturity (not cut at MH).
  package var paymentCount: Int
  /// The maturity month is ≤ M0 while B > 0: B is owed in M1, without interest, as a balloon.
  package var isPastMaturity: Bool
  /// Live (§4 covenant_breach): B > 0 at M0, or a later draw.
  package var isLive: Bool
  /// Payments in month order, from M1 up to maturity or to the horizon end when one is given.
  package var payments: [LoanPayment]
  /// CREDIT §C.1 facility kind (`term` for a plain loan).
  package var facility: LoanFacility
  /// Commitment and undrawn amount U at M0 of a revolver or delayed-draw facility; nil for term.
  package var commitment: Money?
  package var undrawn: Money?
  /// Market loan-to-value of the collateral (CREDIT §C.3); filled by ``assessRisk``.
  package var ltvMarket: Double?
  /// Every draw in M1…MH: the first draw of a later loan, tranches, revolver draws.
  package var draws: [LoanDraw]
  /// Payments summed per month over the loan, its tranches and its revolver draws (interest,
  /// principal and repayments; balance = all of them outstanding after the month), in cents.
  /// Equal to ``payments`` for a term loan.
  package var allPayments: [LoanPayment]

  package init(
    loanID: String, ltvBook: Double? = nil, isDraw: Bool, startingBalance: Money,
    drawMonth: Month?, annualRatePct: Double, paymentCount: Int, isPastMaturity: Bool,
    isLive: Bool, payments: [LoanPayment], facility: LoanFacility = .term,
    commitment: Money? = nil, undrawn: Money? = nil, ltvMarket: Double? = nil,
    draws: [LoanDraw] = [], allPayments: [LoanPayment]? = nil
  ) {
    self.loanID = loanID
    self.ltvBook = ltvBook
    self.isDraw = isDraw
    self.startingBalance = startingBalance
    self.drawMonth = drawMonth
    self.annualRatePct = annualRatePct
    self.paymentCount = paymentCount
    self.isPastMaturity = isPastMaturity
    self.isLive = isLive
    self.payments = payments
    self.facility = facility
    self.commitment = commitment
    self.undrawn = undrawn
    self.ltvMarket = ltvMarket
    self.draws = draws
    self.allPayments = allPayments ?? payments
  }
}

/// Builds the schedule of `loan` as seen at `asOf` (M0 = its month), following §4 and §7.
///
/// Rules, and how the ambiguous spots are settled:
/// - Period p = 12 / payments_per_year months; r = annual rate / 100 / payments_per_year, where a
///   floating loan's annual rate is max(0, annual_rate_pct + rateShockBP / 100) (§4).
/// - Existing loan (start_on ≤ `providerAsOf`): B = balance_usd, taken as given at M0 with no
///   roll-forward (§7); it amortizes over the payment months in M1…maturity. The first payment
///   in M1… pays a full period of interest, B × r, however many months of that period fall
///   before M0: the balance is all we know, and §4 says "interest = balance × r per payment".
/// - Later loan (a draw): B = principal_usd arrives in max(start month, M1) and amortizes over
///   the payment months after max(start month, M0). A draw whose start month is ≤ M0 (the
///   provider's financials predate it) thus arrives in M1 and pays from M1 on.
/// - Payment months are the months start + k·p (k ≥ 1) inside that window and before maturity,
///   plus the maturity month itself, none after it. The whole schedule to maturity is built
///   (n counts every payment month, also past the horizon), then cut at `horizonEnd`.
/// - Interest = balance × r per payment, rounded to cents half away from zero. When the
///   maturity month is off the calendar start + k·p, the last payment is a stub of
///   s = maturity month − the previous calendar month and pays balance × r × s / p (§4). A
///   maturity in the start month itself (a loan of under a month) has s = 0: no interest.
/// - `annuity`: a level payment B·r/(1−(1+r)^−n) (B/n when r = 0), rounded to cents; each
///   payment's principal = level − interest (§7), never below 0 nor above the balance.
///   `linear`: principal B/n rounded to cents, never above the balance. `interest_only`:
///   interest only, and the balance at maturity, which is a balloon. The last payment repays the
///   remaining balance plus its interest, so the principal paid equals B exactly (§7).
/// - Maturity month ≤ M0 with B > 0: B is owed in M1 without interest, as a balloon (§4); the
///   `past_maturity` flag (maturity_on before the as-of date) is decided by the caller.
/// - B = 0 (a repaid loan, or a draw of 0): no payments.
package func loanSchedule(
  _ loan: Loan, providerAsOf: Day, asOf: Day, horizonEnd: Month? = nil, rateShockBP: Double = 0
) -> LoanSchedule {
  let m0 = asOf.month
  let m1 = m0 + 1
  let startMonth = loan.startOn.month
  let maturityMonth = loan.maturityOn.month
  let isDraw = loan.startOn > providerAsOf
  let b = isDraw ? loan.principal.cents : loan.balance.cents
  let facility = loan.effectiveFacility
  let undrawn: Money? =
    facility == .term ? nil : Money(cents: max(0, (loan.commitment?.cents ?? b) - b))
  let paymentsPerYear = [1, 2, 4, 12].contains(loan.paymentsPerYear) ? loan.paymentsPerYear : 12
  let period = 12 / paymentsPerYear
  let annualRatePct =
    loan.rateType == .floating
    ? max(0, loan.annualRatePct + rateShockBP / 100) : loan.annualRatePct
  let r = annualRatePct / 100 / Double(paymentsPerYear)

  var payments: [LoanPayment] = []
  var paymentCount = 0
  let isPastMaturity = b > 0 && maturityMonth <= m0
  if isPastMaturity {
    paymentCount = 1
    payments = [
      LoanPayment(
        month: m1, interest: .zero, principal: Money(cents: b), balance: .zero, isBalloon: true)
    ]
  } else if b > 0 {
    let windowStart = isDraw ? max(startMonth, m0) : m0
    let months = paymentMonths(
      start: startMonth, period: period, after: windowStart, maturity: maturityMonth)
    paymentCount = months.count
    let stubMonths = stubLength(start: startMonth, period: period, maturity: maturityMonth)
    payments = amortize(
      b, months: months, rate: r, period: period, lastPaymentMonths: stubMonths,
      amortization: loan.amortization)
  }
  if let horizonEnd {
    payments = payments.filter { $0.month <= horizonEnd }
  }
  let drawMonth = isDraw ? max(startMonth, m1) : nil
  var draws: [LoanDraw] = []
  if let drawMonth, b > 0, horizonEnd.map({ drawMonth <= $0 }) ?? true {
    draws.append(LoanDraw(month: drawMonth, amount: Money(cents: b).dollars))
  }
  return LoanSchedule(
    loanID: loan.id, isDraw: isDraw, startingBalance: Money(cents: b),
    drawMonth: drawMonth, annualRatePct: annualRatePct,
    paymentCount: paymentCount, isPastMaturity: isPastMaturity, isLive: b > 0,
    payments: payments, facility: facility, commitment: facility == .term ? nil : loan.commitment,
    undrawn: undrawn, draws: draws)
}

/// The schedule of a delayed-draw tranche (CREDIT §C.2 step 3, §C.7): `cents` drawn in `month`,
/// with the facility's rate, amortization, payments_per_year and maturity, amortizing as a
/// DESIGN §4 later loan anchored at `month` (payment months (M' − month) positive multiples of p,
/// plus the maturity month, stub rule included); a tranche drawn in the maturity month is repaid
/// in full that month.
func trancheSchedule(
  _ loan: Loan, cents: Int64, month: Month, horizonEnd: Month, rateShockBP: Double
) -> [LoanPayment] {
  let paymentsPerYear = [1, 2, 4, 12].contains(loan.paymentsPerYear) ? loan.paymentsPerYear : 12
  let period = 12 / paymentsPerYear
  let annualRatePct =
    loan.rateType == .floating
    ? max(0, loan.annualRatePct + rateShockBP / 100) : loan.annualRatePct
  let r = annualRatePct / 100 / Double(paymentsPerYear)
  let maturity = loan.maturityOn.month
  guard cents > 0, month <= maturity else { return [] }
  let months = paymentMonths(start: month, period: period, after: month, maturity: maturity)
  let stub = stubLength(start: month, period: period, maturity: maturity)
  return amortize(
    cents, months: months, rate: r, period: period, lastPaymentMonths: stub,
    amortization: loan.amortization
  ).filter { $0.month <= horizonEnd }
}

/// The calendar months start + k·p (k ≥ 1) after `after` and before `maturity`, then maturity.
/// The caller guarantees maturity > M0; maturity ≥ start by §2.
func paymentMonths(start: Month, period: Int, after: Month, maturity: Month) -> [Month] {
  var k = after < start ? 1 : (after - start) / period + 1
  var months: [Month] = []
  while start + k * period < maturity {
    months.append(start + k * period)
    k += 1
  }
  months.append(maturity)
  return months
}

/// The months of interest the maturity payment covers: p when maturity is on the calendar
/// start + k·p (k ≥ 1), else maturity − the previous calendar month (0 when maturity is in the
/// start month).
func stubLength(start: Month, period: Int, maturity: Month) -> Int {
  let elapsed = maturity - start
  guard elapsed > 0 else { return 0 }
  let intoPeriod = elapsed % period
  return intoPeriod == 0 ? period : intoPeriod
}

func amortize(
  _ b: Int64, months: [Month], rate r: Double, period: Int, lastPaymentMonths: Int,
  amortization: Amortization
) -> [LoanPayment] {
  let n = months.count
  guard n > 0 else { return [] }
  let level: Int64
  switch amortization {
  case .annuity:
    // 1 − (1+r)^−n computed as −expm1(−n·log1p(r)), exact for small r.
    let annuity =
      r == 0 ? Double(b) / Double(n) : Double(b) * r / -expm1(-Double(n) * log1p(r))
    level = roundedCents(annuity)
  case .linear:
    level = roundedCents(Double(b) / Double(n))
  case .interestOnly:
    level = 0
  }
  var balance = b
  var payments: [LoanPayment] = []
  payments.reserveCapacity(n)
  for (index, month) in months.enumerated() {
    let isLast = index == n - 1
    let interest: Int64
    if isLast && lastPaymentMonths != period {
      interest = roundedCents(Double(balance) * r * Double(lastPaymentMonths) / Double(period))
    } else {
      interest = roundedCents(Double(balance) * r)
    }
    let principal: Int64
    if isLast {
      principal = balance
    } else {
      switch amortization {
      case .annuity: principal = min(balance, max(0, level - interest))
      case .linear: principal = min(balance, level)
      case .interestOnly: principal = 0
      }
    }
    balance -= principal
    payments.append(
      LoanPayment(
        month: month, interest: Money(cents: interest), principal: Money(cents: principal),
        balance: Money(cents: balance), isBalloon: isLast && amortization == .interestOnly))
  }
  return payments
}

/// Cents, half away from zero (§7).
func roundedCents(_ cents: Double) -> Int64 {
  clampedCents(cents)
}
