import Domain
import Scoring
import Store

/// `input_fingerprint` (§7): the first 12 lowercase hex digits of SHA-256 over every input table
/// in canonical text, so that two runs over the same data carry the same fingerprint.
///
/// The text is the one `rubric_version` hashes, extended to every table: table by table in §2
/// order (providers, facilities, fleets, loans, contracts, uptime, assessments, rubric,
/// market_prices), rows sorted by key in byte order, each row the table's §2 columns in §2 order
/// joined by U+001F and ended by `\n`. Numbers are written in shortest round-trip plain decimal
/// form (`plainDecimal`), money as decimal dollars (`Money.csvText`), dates `YYYY-MM-DD`, months
/// `YYYY-MM`, a missing optional field empty. The rubric rows are exactly `rubricCanonicalText`
/// (so `source` reads `assessment` when not given). Tables are simply concatenated.
package func inputFingerprint(_ dataset: Dataset) -> String {
  var hasher = SHA256()
  writeInputCanonicalText(dataset) { hasher.update($0) }
  return String(lowercaseHex(hasher.finalize()).prefix(12))
}

/// The text `inputFingerprint` hashes, in one string (for tests and for checking by hand;
/// the fingerprint itself streams it in chunks).
package func inputCanonicalText(_ dataset: Dataset) -> String {
  var bytes: [UInt8] = []
  writeInputCanonicalText(dataset) { bytes.append(contentsOf: $0) }
  return String(decoding: bytes, as: UTF8.self)
}

/// Streams the canonical text to `consume` in chunks of about 64 KiB.
package func writeInputCanonicalText(_ dataset: Dataset, to consume: (UnsafeRawBufferPointer) -> Void) {
  withoutActuallyEscaping(consume) { consume in
    var writer = CanonicalWriter(consume: consume)
    writeTables(dataset, to: &writer)
    writer.flush()
  }
}

private func writeTables(_ dataset: Dataset, to writer: inout CanonicalWriter) {
  let books = sortedByKey(dataset.books) { $0.provider.id }

  for book in books {
    let provider = book.provider
    writer.field(provider.id)
    writer.field(provider.name)
    writer.field(provider.segment.rawValue)
    writer.field(provider.country)
    writer.field(provider.cash)
    writer.field(provider.fixedOpexPerMonth)
    writer.field(provider.asOf.description)
    writer.lastField(provider.minLiquidity)
  }

  for facility in sortedByKey(books.flatMap(\.facilities), key: \.id) {
    writer.field(facility.id)
    writer.field(facility.providerID)
    writer.field(facility.name)
    writer.field(facility.region)
    writer.field(facility.itCapacityMW)
    writer.field(facility.pue)
    writer.field(facility.powerUSDPerKWh)
    writer.field(facility.colocationUSDPerKWMonth)
    writer.lastField(facility.ownership.rawValue)
  }

  for fleet in sortedByKey(books.flatMap(\.fleets), key: \.id) {
    writer.field(fleet.id)
    writer.field(fleet.providerID)
    writer.field(fleet.facilityID)
    writer.field(fleet.gpuModel)
    writer.field(fleet.gpuCount)
    writer.field(fleet.inServiceOn.description)
    writer.field(fleet.capex)
    writer.field(fleet.usefulLifeYears)
    writer.field(fleet.gpuPowerKW)
    writer.field(fleet.utilizationPct)
    writer.field(fleet.interconnect.rawValue)
    writer.lastField(fleet.fabricGbpsPerGPU)
  }

  for loan in sortedByKey(books.flatMap(\.loans), key: \.id) {
    writer.field(loan.id)
    writer.field(loan.providerID)
    writer.field(loan.lender)
    writer.field(loan.principal)
    writer.field(loan.balance)
    writer.field(loan.annualRatePct)
    writer.field(loan.rateType.rawValue)
    writer.field(loan.amortization.rawValue)
    writer.field(loan.paymentsPerYear)
    writer.field(loan.startOn.description)
    writer.field(loan.maturityOn.description)
    writer.field(loan.collateralFleetID)
    writer.lastField(loan.minDSCR)
  }

  for contract in sortedByKey(books.flatMap(\.contracts), key: \.id) {
    writer.field(contract.id)
    writer.field(contract.providerID)
    writer.field(contract.customer)
    writer.field(contract.gpuModel)
    writer.field(contract.gpuCount)
    writer.field(contract.priceUSDPerGPUHour)
    writer.field(contract.startOn.description)
    writer.field(contract.endOn.description)
    writer.field(contract.slaUptimePct)
    writer.lastField(contract.slaCreditPct)
  }

  // Keys (provider_id, month): provider order, then month order within a provider.
  for book in books {
    for entry in book.uptime.sorted(by: { $0.month < $1.month }) {
      writer.field(entry.providerID)
      writer.field(entry.month.description)
      writer.field(entry.uptimePct)
      writer.field(entry.incidents)
      writer.field(entry.failuresPer1kGPUMonths)
      writer.field(entry.mttrHours)
      writer.lastField(entry.source)
    }
  }

  // Keys (provider_id, criterion_id, assessed_on).
  for book in books {
    let assessments = book.assessments.sorted { a, b in
      if a.criterionID != b.criterionID { return byteOrderLess(a.criterionID, b.criterionID) }
      return a.assessedOn < b.assessedOn
    }
    for assessment in assessments {
      writer.field(assessment.providerID)
      writer.field(assessment.criterionID)
      writer.field(assessment.value)
      writer.field(assessment.evidence)
      writer.lastField(assessment.assessedOn.description)
    }
  }

  writer.raw(rubricCanonicalText(dataset.rubric))

  let prices = dataset.marketPrices.sorted { a, b in
    if a.gpuModel != b.gpuModel { return byteOrderLess(a.gpuModel, b.gpuModel) }
    return a.observedOn < b.observedOn
  }
  for price in prices {
    writer.field(price.gpuModel)
    writer.field(price.observedOn.description)
    writer.field(price.priceUSDPerGPUHour)
    writer.lastField(price.source)
  }
}

/// `plainDecimal` with a fast path: Swift's `description` of a Double is already the shortest
/// round-trip form, so unless it has an exponent only a trailing `.0` must go.
func fastPlainDecimal(_ value: Double) -> String {
  guard value.isFinite, value != 0 else { return plainDecimal(value) }
  let text = value.description
  if text.utf8.contains(UInt8(ascii: "e")) { return plainDecimal(value) }
  if text.hasSuffix(".0") { return String(text.dropLast(2)) }
  return text
}

/// Sorts by a text key in byte order; the loader usually hands rows over already sorted, so
/// check first and skip the sort then.
private func sortedByKey<T>(_ items: [T], key: (T) -> String) -> [T] {
  var sorted = true
  var index = 1
  while index < items.count {
    if !byteOrderLess(key(items[index - 1]), key(items[index])) {
      sorted = false
      break
    }
    index += 1
  }
  if sorted { return items }
  return items.sorted { byteOrderLess(key($0), key($1)) }
}

/// Buffers canonical text and hands it on in chunks, so the whole text is never held at once.
private struct CanonicalWriter {
  static let chunkSize = 1 << 16
  static let separator = UInt8(0x1F)
  static let newline = UInt8(ascii: "\n")

  let consume: (UnsafeRawBufferPointer) -> Void
  var buffer: [UInt8] = []

  init(consume: @escaping (UnsafeRawBufferPointer) -> Void) {
    self.consume = consume
    buffer.reserveCapacity(CanonicalWriter.chunkSize + 4096)
  }

  mutating func append(_ text: String) {
    var text = text
    text.withUTF8 { buffer.append(contentsOf: $0) }
  }

  mutating func endField(last: Bool) {
    buffer.append(last ? CanonicalWriter.newline : CanonicalWriter.separator)
    if last && buffer.count >= CanonicalWriter.chunkSize { flush() }
  }

  mutating func field(_ text: String?) {
    if let text { append(text) }
    endField(last: false)
  }

  mutating func field(_ number: Double?) {
    if let number { append(fastPlainDecimal(number)) }
    endField(last: false)
  }

  mutating func field(_ integer: Int?) {
    if let integer { append(String(integer)) }
    endField(last: false)
  }

  mutating func field(_ money: Money?) {
    if let money { append(money.csvText) }
    endField(last: false)
  }

  mutating func lastField(_ text: String?) {
    if let text { append(text) }
    endField(last: true)
  }

  mutating func lastField(_ number: Double?) {
    if let number { append(fastPlainDecimal(number)) }
    endField(last: true)
  }

  mutating func lastField(_ money: Money?) {
    if let money { append(money.csvText) }
    endField(last: true)
  }

  mutating func raw(_ text: String) {
    append(text)
    if buffer.count >= CanonicalWriter.chunkSize { flush() }
  }

  mutating func flush() {
    guard !buffer.isEmpty else { return }
    buffer.withUnsafeBytes { consume($0) }
    buffer.removeAll(keepingCapacity: true)
  }
}
