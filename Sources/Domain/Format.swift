/// Shortest round-trip plain decimal form of a Double: no exponent, no trailing `.0` (§7).
/// `1.0` → `1`, `0.1` → `0.1`, `1e-7` → `0.0000001`, `-0.0` → `0`.
package func plainDecimal(_ value: Double) -> String {
  guard value.isFinite else { return value.isNaN ? "nan" : (value < 0 ? "-inf" : "inf") }
  if value == 0 { return "0" }
  let text = "\(value)"  // Swift prints the shortest round-trip form, maybe with an exponent
  var mantissa = Substring(text)
  var exponent = 0
  if let e = text.firstIndex(where: { $0 == "e" || $0 == "E" }) {
    mantissa = text[..<e]
    exponent = Int(text[text.index(after: e)...]) ?? 0
  }
  var negative = false
  if mantissa.first == "-" {
    negative = true
    mantissa = mantissa.dropFirst()
  }
  var intPart = mantissa
  var fracPart: Substring = ""
  if let dot = mantissa.firstIndex(of: ".") {
    intPart = mantissa[..<dot]
    fracPart = mantissa[mantissa.index(after: dot)...]
  }
  var digits = String(intPart) + String(fracPart)
  var pointPosition = intPart.count + exponent
  // strip leading zeros
  while digits.count > 1, digits.first == "0" {
    digits.removeFirst()
    pointPosition -= 1
  }
  if pointPosition <= 0 {
    digits = String(repeating: "0", count: -pointPosition + 1) + digits
    pointPosition = 1
  } else if pointPosition > digits.count {
    digits += String(repeating: "0", count: pointPosition - digits.count)
  }
  var whole = String(digits.prefix(pointPosition))
  var fraction = String(digits.dropFirst(pointPosition))
  while fraction.last == "0" { fraction.removeLast() }
  if whole.isEmpty { whole = "0" }
  let body = fraction.isEmpty ? whole : whole + "." + fraction
  return negative ? "-" + body : body
}

/// `plainDecimal` with a fast path: Swift's `description` of a Double is already the shortest
/// round-trip form, so unless it has an exponent only a trailing `.0` must go.
package func fastPlainDecimal(_ value: Double) -> String {
  guard value.isFinite, value != 0 else { return plainDecimal(value) }
  let text = value.description
  if text.utf8.contains(UInt8(ascii: "e")) { return plainDecimal(value) }
  if text.hasSuffix(".0") { return String(text.dropLast(2)) }
  return text
}

/// A count with thousands separators, as people read it: `1234567` → `1,234,567`, `-1200` →
/// `-1,200`.
package func formatCount(_ count: Int) -> String {
  let digits = String(count.magnitude)
  var grouped = ""
  let leading = digits.count % 3
  for (offset, character) in digits.enumerated() {
    if offset > 0, (offset - leading) % 3 == 0 { grouped.append(",") }
    grouped.append(character)
  }
  return (count < 0 ? "-" : "") + grouped
}
