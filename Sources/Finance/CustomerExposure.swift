import Domain

/// One customer of one provider as `neocloud customers` lists it (CREDIT §C.5): what the
/// provider would lose if that customer walked.
package struct CustomerExposure: Hashable, Sendable {
  package var providerID: String
  package var customer: String
  /// The worst rating over the customer's contracts with the provider (unrated is worst and the
  /// default, CREDIT §C.6).
  package var rating: CustomerRating
  /// Ramped GPUs of the customer's contracts active in M1 (fractional, CREDIT §C.1).
  package var gpusM1: Double
  /// Contract revenue booked over M1…M12 with no default: after ramp, min(1, C/K) and the SLA
  /// factor — the figure `--top-customer-default` ranks by (CREDIT §C.7).
  package var revenue12m: Double
  /// `revenue12m` as a share of the provider's contract revenue over M1…M12, in %; nil when
  /// that revenue is 0.
  package var sharePct: Double?
  /// The latest end_on of the customer's contracts with the provider.
  package var endOn: Day

  package init(
    providerID: String, customer: String, rating: CustomerRating, gpusM1: Double, revenue12m: Double,
    sharePct: Double?, endOn: Day
  ) {
    self.providerID = providerID
    self.customer = customer
    self.rating = rating
    self.gpusM1 = gpusM1
    self.revenue12m = revenue12m
    self.sharePct = sharePct
    self.endOn = endOn
  }
}

/// Every customer of the provider with a contract not ended by `asOf` (end_on ≥ as-of), one
/// entry per distinct customer name, unordered (see ``riskiestExposureFirst(_:_:)``). Figures
/// are those of the base case (no stress, no default): booked contract revenue does not depend
/// on prices or utilization.
package func customerExposures(_ book: ProviderBook, prices: MarketPriceIndex, asOf: Day) -> [CustomerExposure] {
  let live = book.contracts.filter { $0.endOn >= asOf }
  guard !live.isEmpty else { return [] }
  let model = OperatingModel(book: book, prices: prices, asOf: asOf, assumptions: .base)
  let revenue = Dictionary(uniqueKeysWithValues: customerRevenue12(book: book, model: model))
  let total = revenue.keys.sorted().reduce(0.0) { $0 + (revenue[$1] ?? 0) }
  let m1 = asOf.month + 1
  var byName: [String: CustomerExposure] = [:]
  for contract in live {
    let active = contract.startOn.month <= m1 && m1 <= contract.endOn.month
    let gpus =
      active
      ? rampedCount(contract.gpuCount, ramp: contract.effectiveRampMonths, k: m1 - contract.startOn.month) : 0
    let rating = contract.customerRating ?? .unrated
    if var entry = byName[contract.customer] {
      entry.gpusM1 += gpus
      if rating.riskRank < entry.rating.riskRank { entry.rating = rating }
      if contract.endOn > entry.endOn { entry.endOn = contract.endOn }
      byName[contract.customer] = entry
    } else {
      let booked = revenue[contract.customer] ?? 0
      byName[contract.customer] = CustomerExposure(
        providerID: book.provider.id, customer: contract.customer, rating: rating, gpusM1: gpus,
        revenue12m: roundedToCents(booked), sharePct: total > 0 ? roundedTo9(booked / total * 100) : nil,
        endOn: contract.endOn)
    }
  }
  return Array(byName.values)
}

/// The order of `neocloud customers`, riskiest exposure first: worst rating first (unrated,
/// high_yield, investment_grade), then the larger share of its provider's contract revenue (no
/// share last), then the larger revenue, then provider_id and customer (byte order).
package func riskiestExposureFirst(_ a: CustomerExposure, _ b: CustomerExposure) -> Bool {
  if a.rating.riskRank != b.rating.riskRank { return a.rating.riskRank < b.rating.riskRank }
  let shareA = a.sharePct ?? -1
  let shareB = b.sharePct ?? -1
  if shareA != shareB { return shareA > shareB }
  if a.revenue12m != b.revenue12m { return a.revenue12m > b.revenue12m }
  if a.providerID != b.providerID { return a.providerID < b.providerID }
  return a.customer < b.customer
}
