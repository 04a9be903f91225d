import Domain
import Scoring
import Store

/// `input_fingerprint` (§7): the first 12 lowercase hex digits of SHA-256 over every input table
/// in canonical text, so that two runs over the same data carry the same fingerprint.
///
/// The text is the one `rubric_version` hashes, extended to every table: table by table in §2
/// order (providers, facilities, fleets, loans, contracts, uptime, assessments, rubric,
/// market_prices), rows sorted by key in byte order, each row the table's §2 columns in §2 order
/// (`TableKind.columns`, the list `export` writes too) joined by U+001F and ended by `\n`. Numbers
/// are written in shortest round-trip plain decimal form, money as decimal dollars
/// (`Money.csvText`), dates `YYYY-MM-DD`, months `YYYY-MM`, a missing optional field empty. The
/// rubric rows are exactly `rubricCanonicalText` (so `source` reads `assessment` when not
/// given). Tables are simply concatenated.
///
/// Two ways to the same text: `recompute` hashes the dataset it has already loaded for scoring
/// and projection (`inputFingerprint(_:priceHistoryFrom:)`: one read of the tables, and the
/// market price history, which the dataset holds only the latest of, streamed from the store);
/// the reference (`inputFingerprint(_:rubric:)`) streams every table from the store as text, the
/// form `export` writes. Tests hold the two equal.

// MARK: - From the loaded dataset (what `recompute` uses)

/// The fingerprint of `dataset`, which must hold every row of the provider tables and the whole
/// rubric, as `Store.loadDataset` reads them whole (it places each row under its provider, and
/// the schema's foreign keys give every row one). The market prices come from `store` (every
/// price ever stored, streamed) when given, else from `dataset.marketPrices`.
package func inputFingerprint(_ dataset: Dataset, priceHistoryFrom store: Store?) throws -> String {
  var hasher = SHA256()
  try writeInputCanonicalText(dataset, priceHistoryFrom: store) { hasher.update($0) }
  return String(lowercaseHex(hasher.finalize()).prefix(12))
}

/// The text `inputFingerprint(_:priceHistoryFrom:)` hashes, in one string (for tests).
package func inputCanonicalText(_ dataset: Dataset, priceHistoryFrom store: Store?) throws -> String {
  var bytes: [UInt8] = []
  try writeInputCanonicalText(dataset, priceHistoryFrom: store) { bytes.append(contentsOf: $0) }
  return String(decoding: bytes, as: UTF8.self)
}

/// Streams the canonical text of `dataset` to `consume` in chunks of about 64 KiB. Rows are
/// written straight from the loaded values (no second read through SQLite, no text per field
/// where bytes will do); books and their rows arrive in key order from the loader, which is
/// checked, and sorted here only when not.
package func writeInputCanonicalText(
  _ dataset: Dataset, priceHistoryFrom store: Store?, to consume: (UnsafeRawBufferPointer) -> Void
) throws {
  try withoutActuallyEscaping(consume) { consume in
    var writer = CanonicalWriter(consume: consume)
    let books = sortedIfNeeded(dataset.books) { byteOrderLess($0.provider.id, $1.provider.id) }
    for book in books { writer.provider(book.provider) }
    forEachInKeyOrder(books, \.facilities, id: \.id) { writer.facility($0) }
    forEachInKeyOrder(books, \.fleets, id: \.id) { writer.fleet($0) }
    forEachInKeyOrder(books, \.loans, id: \.id) { writer.loan($0) }
    forEachInKeyOrder(books, \.contracts, id: \.id) { writer.contract($0) }
    // Keys (provider_id, month) and (provider_id, criterion_id, assessed_on): books are in
    // provider order, so each book's rows in key order are the table's.
    for book in books {
      for entry in sortedIfNeeded(book.uptime, by: { $0.month < $1.month }) { writer.uptime(entry) }
    }
    for book in books {
      let assessments = sortedIfNeeded(book.assessments) {
        $0.criterionID == $1.criterionID
          ? $0.assessedOn < $1.assessedOn : byteOrderLess($0.criterionID, $1.criterionID)
      }
      for assessment in assessments { writer.assessment(assessment) }
    }
    writer.raw(rubricCanonicalText(dataset.rubric))
    if let store {
      try store.readTables { reader in
        try reader.forEachRow(.marketPrices) { writer.textRow($0) }
      }
    } else {
      let prices = sortedIfNeeded(dataset.marketPrices) {
        $0.gpuModel == $1.gpuModel ? $0.observedOn < $1.observedOn : byteOrderLess($0.gpuModel, $1.gpuModel)
      }
      for price in prices { writer.marketPrice(price) }
    }
    writer.flush()
  }
}

/// `items` in order (`sortIfNeeded`): as given when they already are.
private func sortedIfNeeded<T>(_ items: [T], by less: (T, T) -> Bool) -> [T] {
  var items = items
  sortIfNeeded(&items, by: less)
  return items
}

/// Calls `body` with every row of one child table (each book's `rows`) in id order (byte order).
/// The loader hands books over by provider_id and each book's rows by id, so the rows are
/// usually in order already, book after book: then no copy and no sort; else the positions are
/// sorted by id.
private func forEachInKeyOrder<T>(
  _ books: [ProviderBook], _ rows: (ProviderBook) -> [T], id: (T) -> String, _ body: (T) -> Void
) {
  var inOrder = true
  var previous: String?
  check: for book in books {
    for row in rows(book) {
      let key = id(row)
      if let previous, !byteOrderLess(previous, key) {
        inOrder = false
        break check
      }
      previous = key
    }
  }
  if inOrder {
    for book in books {
      for row in rows(book) { body(row) }
    }
    return
  }
  var all: [T] = []
  for book in books { all.append(contentsOf: rows(book)) }
  for row in all.sorted(by: { byteOrderLess(id($0), id($1)) }) { body(row) }
}

// MARK: - Streamed from the store (the reference)

/// The fingerprint of the store's tables, each streamed as text (`TableReader`), one read
/// transaction; the rubric as given. The reference `recompute`'s dataset path is held to.
package func inputFingerprint(_ store: Store, rubric: [Criterion]) throws -> String {
  var hasher = SHA256()
  try writeInputCanonicalText(store, rubric: rubric) { hasher.update($0) }
  return String(lowercaseHex(hasher.finalize()).prefix(12))
}

/// The text `inputFingerprint(_:rubric:)` hashes, in one string (for tests and for checking by
/// hand; the fingerprint itself streams it in chunks).
package func inputCanonicalText(_ store: Store, rubric: [Criterion]) throws -> String {
  var bytes: [UInt8] = []
  try writeInputCanonicalText(store, rubric: rubric) { bytes.append(contentsOf: $0) }
  return String(decoding: bytes, as: UTF8.self)
}

/// Streams the canonical text to `consume` in chunks of about 64 KiB.
package func writeInputCanonicalText(
  _ store: Store, rubric: [Criterion], to consume: (UnsafeRawBufferPointer) -> Void
) throws {
  try withoutActuallyEscaping(consume) { consume in
    var writer = CanonicalWriter(consume: consume)
    try store.readTables { reader in
      for kind in fingerprintOrder {
        try reader.forEachRow(kind) { writer.textRow($0) }
      }
      writer.raw(rubricCanonicalText(rubric))
      try reader.forEachRow(.marketPrices) { writer.textRow($0) }
    }
    writer.flush()
  }
}

/// §7's table order before the rubric (which `rubricCanonicalText` writes) and market prices.
private let fingerprintOrder: [TableKind] = [
  .providers, .facilities, .fleets, .loans, .contracts, .uptime, .assessments,
]

// MARK: - The writer

/// Buffers canonical text and hands it on in chunks, so the whole text is never held at once.
/// Each typed field writes its value and a U+001F; `endRow` turns the last one into `\n`.
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

  /// One row of text fields: joined by U+001F, ended by `\n`.
  mutating func textRow(_ fields: [String]) {
    guard !fields.isEmpty else { return }
    for field in fields { text(field) }
    endRow()
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

  mutating func endRow() {
    buffer[buffer.count - 1] = CanonicalWriter.newline
    if buffer.count >= CanonicalWriter.chunkSize { flush() }
  }

  // Fields: each the value (nothing when missing) and a separator.

  mutating func text(_ value: String?) {
    if let value { append(value) }
    buffer.append(CanonicalWriter.separator)
  }

  mutating func integer(_ value: Int?) {
    if let value {
      if value < 0 { buffer.append(UInt8(ascii: "-")) }
      digits(UInt64(value.magnitude))
    }
    buffer.append(CanonicalWriter.separator)
  }

  /// As `Money.csvText`: dollars, the cents only when not zero, a trailing zero dropped.
  mutating func money(_ value: Money?) {
    if let value {
      let magnitude = value.cents.magnitude
      if value.cents < 0 { buffer.append(UInt8(ascii: "-")) }
      digits(UInt64(magnitude / 100))
      let fraction = UInt8(magnitude % 100)
      if fraction != 0 {
        buffer.append(UInt8(ascii: "."))
        buffer.append(UInt8(ascii: "0") + fraction / 10)
        if fraction % 10 != 0 { buffer.append(UInt8(ascii: "0") + fraction % 10) }
      }
    }
    buffer.append(CanonicalWriter.separator)
  }

  /// As `fastPlainDecimal` (shortest round-trip plain form), without a second string.
  mutating func number(_ value: Double?) {
    if let value {
      if value.isFinite, value != 0 {
        var text = value.description
        let written = text.withUTF8 { bytes -> Bool in
          if bytes.contains(UInt8(ascii: "e")) { return false }
          var count = bytes.count
          if count >= 2, bytes[count - 2] == UInt8(ascii: "."), bytes[count - 1] == UInt8(ascii: "0") { count -= 2 }
          buffer.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[0..<count]))
          return true
        }
        if !written { append(plainDecimal(value)) }
      } else {
        append(plainDecimal(value))
      }
    }
    buffer.append(CanonicalWriter.separator)
  }

  /// `YYYY-MM-DD`, as `Day.description`.
  mutating func day(_ value: Day?) {
    if let value {
      if (0...9999).contains(value.year), (0...99).contains(value.monthNumber), (0...99).contains(value.day) {
        padded(value.year, 4)
        buffer.append(UInt8(ascii: "-"))
        padded(value.monthNumber, 2)
        buffer.append(UInt8(ascii: "-"))
        padded(value.day, 2)
      } else {
        append(value.description)
      }
    }
    buffer.append(CanonicalWriter.separator)
  }

  /// `YYYY-MM`, as `Month.description`.
  mutating func month(_ value: Month) {
    if (0...9999).contains(value.year), (0...99).contains(value.month) {
      padded(value.year, 4)
      buffer.append(UInt8(ascii: "-"))
      padded(value.month, 2)
    } else {
      append(value.description)
    }
    buffer.append(CanonicalWriter.separator)
  }

  private mutating func digits(_ value: UInt64) {
    if value < 10 {
      buffer.append(UInt8(ascii: "0") + UInt8(value))
      return
    }
    digits(value / 10)
    buffer.append(UInt8(ascii: "0") + UInt8(value % 10))
  }

  /// A value from 0 to 9999 in `width` (2 or 4) digits, zeros first.
  private mutating func padded(_ value: Int, _ width: Int) {
    let zero = UInt8(ascii: "0")
    if width == 4 {
      buffer.append(zero + UInt8(value / 1000))
      buffer.append(zero + UInt8(value / 100 % 10))
    }
    buffer.append(zero + UInt8(value / 10 % 10))
    buffer.append(zero + UInt8(value % 10))
  }

  // Rows: each table's §2 columns in `TableKind.columns` order (the reference test checks it).

  mutating func provider(_ p: Provider) {
    text(p.id)
    text(p.name)
    text(p.segment.rawValue)
    text(p.country)
    money(p.cash)
    money(p.fixedOpexPerMonth)
    day(p.asOf)
    money(p.minLiquidity)
    number(p.variableOpexPct)
    endRow()
  }

  mutating func facility(_ f: Facility) {
    text(f.id)
    text(f.providerID)
    text(f.name)
    text(f.region)
    number(f.itCapacityMW)
    number(f.pue)
    number(f.powerUSDPerKWh)
    number(f.colocationUSDPerKWMonth)
    text(f.ownership.rawValue)
    money(f.fixedRentPerMonth)
    endRow()
  }

  mutating func fleet(_ f: Fleet) {
    text(f.id)
    text(f.providerID)
    text(f.facilityID)
    text(f.gpuModel)
    integer(f.gpuCount)
    day(f.inServiceOn)
    money(f.capex)
    integer(f.usefulLifeYears)
    number(f.gpuPowerKW)
    number(f.utilizationPct)
    text(f.interconnect.rawValue)
    number(f.fabricGbpsPerGPU)
    integer(f.rampMonths)
    endRow()
  }

  mutating func loan(_ l: Loan) {
    text(l.id)
    text(l.providerID)
    text(l.lender)
    money(l.principal)
    money(l.balance)
    number(l.annualRatePct)
    text(l.rateType.rawValue)
    text(l.amortization.rawValue)
    integer(l.paymentsPerYear)
    day(l.startOn)
    day(l.maturityOn)
    text(l.collateralFleetID)
    number(l.minDSCR)
    text(l.facility?.rawValue)
    money(l.commitment)
    day(l.availableUntil)
    endRow()
  }

  mutating func contract(_ c: Contract) {
    text(c.id)
    text(c.providerID)
    text(c.customer)
    text(c.gpuModel)
    integer(c.gpuCount)
    number(c.priceUSDPerGPUHour)
    day(c.startOn)
    day(c.endOn)
    number(c.slaUptimePct)
    number(c.slaCreditPct)
    integer(c.rampMonths)
    money(c.prepaid)
    text(c.customerRating?.rawValue)
    endRow()
  }

  mutating func uptime(_ u: UptimeMonth) {
    text(u.providerID)
    month(u.month)
    number(u.uptimePct)
    integer(u.incidents)
    number(u.failuresPer1kGPUMonths)
    number(u.mttrHours)
    text(u.source)
    endRow()
  }

  mutating func assessment(_ a: Assessment) {
    text(a.providerID)
    text(a.criterionID)
    text(a.value)
    text(a.evidence)
    day(a.assessedOn)
    endRow()
  }

  mutating func marketPrice(_ m: MarketPrice) {
    text(m.gpuModel)
    day(m.observedOn)
    number(m.priceUSDPerGPUHour)
    text(m.source)
    endRow()
  }
}
