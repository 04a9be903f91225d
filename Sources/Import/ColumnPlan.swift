import Domain

/// A parsed field, bound to the statements as is. Text points into the reader's row buffer,
/// which outlives `sqlite3_step` (bound `SQLITE_STATIC`).
enum Value {
  case null
  case integer(Int64)
  case real(Double)
  case text(UnsafePointer<UInt8>, Int)
}

/// A column's checks, flattened so the hot loop touches no reference counts.
struct ColumnPlan {
  enum Code: UInt8 {
    case identifier, identifierList, text, country, date, month, enumeration, integer, money,
      number
  }
  var code: Code
  var required: Bool
  var intMin: Int64 = .min
  /// The largest value (integers), or the largest amount in cents (money).
  var intMax: Int64 = .max
  /// Bit v set: v is allowed (payments_per_year); 0 means any value in range.
  var allowedMask: UInt64 = 0
  var bounds = NumberBounds.any
  var enumFirst = 0
  var enumCount = 0
}

extension ColumnPlan {
  /// Flattens each column's checks into `plans` (one per column, initialized here); returns the
  /// enumeration values, which plans address by `enumFirst`/`enumCount`.
  static func make(_ columns: [ColumnSpec], into plans: UnsafeMutablePointer<ColumnPlan>) -> [[UInt8]] {
    var entries: [[UInt8]] = []
    for (index, column) in columns.enumerated() {
      var plan = ColumnPlan(code: .text, required: column.required)
      switch column.type {
      case .identifier: plan.code = .identifier
      case .identifierList: plan.code = .identifierList
      case .text: plan.code = .text
      case .country: plan.code = .country
      case .date: plan.code = .date
      case .month: plan.code = .month
      case .enumeration(let options):
        plan.code = .enumeration
        plan.enumFirst = entries.count
        plan.enumCount = options.count
        entries.append(contentsOf: options.map { Array($0.utf8) })
      case .integer(let min, let max, let allowed):
        plan.code = .integer
        plan.intMin = min ?? .min
        plan.intMax = max ?? .max
        for value in allowed { plan.allowedMask |= 1 << UInt64(value) }
      case .money:
        plan.code = .money
        plan.intMax = Money.maximum.cents  // read once here: a global's every read costs a call
      case .number(let bounds):
        plan.code = .number
        plan.bounds = bounds
      }
      (plans + index).initialize(to: plan)
    }
    return entries
  }

  /// `must be at least 1 and at most 15` for an integer column's range.
  var integerRequirement: String {
    var bounds = NumberBounds()
    if intMin != .min { bounds.lower = Double(intMin) }
    if intMax != .max { bounds.upper = Double(intMax) }
    return bounds.requirement
  }
}
