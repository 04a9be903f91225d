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
/// given). Tables are simply concatenated. The tables are streamed from the store (one read
/// transaction), so the market price history is hashed without being held in memory.
package func inputFingerprint(_ store: Store, rubric: [Criterion]) throws -> String {
  var hasher = SHA256()
  try writeInputCanonicalText(store, rubric: rubric) { hasher.update($0) }
  return String(lowercaseHex(hasher.finalize()).prefix(12))
}

/// The text `inputFingerprint` hashes, in one string (for tests and for checking by hand;
/// the fingerprint itself streams it in chunks).
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
        try reader.forEachRow(kind) { writer.row($0) }
      }
      writer.raw(rubricCanonicalText(rubric))
      try reader.forEachRow(.marketPrices) { writer.row($0) }
    }
    writer.flush()
  }
}

/// §7's table order before the rubric (which `rubricCanonicalText` writes) and market prices.
private let fingerprintOrder: [TableKind] = [
  .providers, .facilities, .fleets, .loans, .contracts, .uptime, .assessments,
]

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

  /// One row: the fields joined by U+001F, ended by `\n`.
  mutating func row(_ fields: [String]) {
    for (index, field) in fields.enumerated() {
      if index > 0 { buffer.append(CanonicalWriter.separator) }
      append(field)
    }
    buffer.append(CanonicalWriter.newline)
    if buffer.count >= CanonicalWriter.chunkSize { flush() }
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
