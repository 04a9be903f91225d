import Domain

/// A score or ratio for tables: one decimal, half away from zero, never `-0.0` (§7).
/// `91.25` → `91.3`, `-0.04` → `0.0`.
package func formatOneDecimal(_ value: Double) -> String {
  formatFixed(value, decimals: 1)
}

/// Dollars for tables: two decimals with thousands separators, `1,234,567.89`, `-1,234.00`.
package func formatMoney(_ dollars: Double) -> String {
  formatFixed(dollars, decimals: 2, grouping: true)
}

/// Cents for tables, exact: `1,234,567.89`, `-1,234.00`.
package func formatMoney(_ money: Money) -> String {
  let sign = money.cents < 0 ? "-" : ""
  let magnitude = money.cents.magnitude
  let fraction = magnitude % 100
  return sign + groupThousands(String(magnitude / 100)) + (fraction < 10 ? ".0" : ".")
    + String(fraction)
}

/// Dollars for tsv/csv: two decimals, no separators, `1234567.89`, `-1234.00`.
package func formatMoneyPlain(_ dollars: Double) -> String {
  formatFixed(dollars, decimals: 2)
}

/// A percentage for tables: `12.5%` (the value is already in percent).
package func formatPercent(_ percent: Double, decimals: Int = 1) -> String {
  formatFixed(percent, decimals: decimals) + "%"
}

/// `value` with exactly `decimals` decimals, rounded half away from zero, optionally with
/// thousands separators; never a negative zero. Non-finite values print as `nan`, `inf`, `-inf`.
package func formatFixed(_ value: Double, decimals: Int, grouping: Bool = false) -> String {
  guard value.isFinite else { return plainDecimal(value) }
  let places = max(0, min(decimals, 15))
  var factor = 1.0
  for _ in 0..<places { factor *= 10 }
  let scaled = (value * factor).rounded(.toNearestOrAwayFromZero)
  var whole: String
  var fraction: String
  var negative: Bool
  if abs(scaled) < 9e18 {
    let units = Int64(scaled)
    negative = units < 0
    var digits = String(units.magnitude)
    if digits.count <= places {
      digits = String(repeating: "0", count: places + 1 - digits.count) + digits
    }
    whole = String(digits.dropLast(places))
    fraction = String(digits.suffix(places))
  } else {
    // Beyond Int64: the value is an integer at this size, so the decimals are zeros.
    let integral = value.rounded(.toNearestOrAwayFromZero)
    negative = integral < 0
    whole = plainDecimal(abs(integral))
    fraction = String(repeating: "0", count: places)
  }
  if grouping { whole = groupThousands(whole) }
  let body = places == 0 ? whole : whole + "." + fraction
  return negative ? "-" + body : body
}

/// Compact axis labels: `950`, `1.5k`, `12M`, `-3.2B`, `0.25`.
package func formatCompact(_ value: Double) -> String {
  guard value.isFinite else { return plainDecimal(value) }
  let magnitude = abs(value)
  let units: [(Double, String)] = [(1e12, "T"), (1e9, "B"), (1e6, "M"), (1e3, "k")]
  for (size, suffix) in units where magnitude >= size {
    return plainDecimal(roundedTo(value / size, decimals: 1)) + suffix
  }
  return plainDecimal(roundedTo(value, decimals: magnitude >= 10 ? 0 : 2))
}

func roundedTo(_ value: Double, decimals: Int) -> Double {
  var factor = 1.0
  for _ in 0..<decimals { factor *= 10 }
  let rounded = (value * factor).rounded(.toNearestOrAwayFromZero) / factor
  return rounded == 0 ? 0 : rounded
}

/// `1234567` → `1,234,567` (digits only, no sign).
func groupThousands(_ digits: String) -> String {
  guard digits.count > 3 else { return digits }
  var result = ""
  result.reserveCapacity(digits.count + digits.count / 3)
  let leading = digits.count % 3
  for (offset, character) in digits.enumerated() {
    if offset > 0, (offset - leading) % 3 == 0 { result.append(",") }
    result.append(character)
  }
  return result
}
