import Domain

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Field grammar of DESIGN §2 over raw bytes. These run once per field of a big import,
/// so they parse digits by hand and never build a `String`.
enum FieldParsers {
  private static let zero = UInt8(ascii: "0")
  private static let nine = UInt8(ascii: "9")
  private static let minus = UInt8(ascii: "-")
  private static let dot = UInt8(ascii: ".")

  @inline(__always) static func isDigit(_ b: UInt8) -> Bool { b &- zero <= 9 }

  @inline(__always) static func isAlnum(_ b: UInt8) -> Bool {
    isDigit(b) || (b | 0x20) &- UInt8(ascii: "a") < 26
  }

  /// `[A-Za-z0-9][A-Za-z0-9._-]{0,63}`.
  static func isIdentifier(_ p: UnsafePointer<UInt8>, _ n: Int) -> Bool {
    guard n >= 1, n <= 64, isAlnum(p[0]) else { return false }
    var i = 1
    while i < n {
      let b = p[i]
      if !(isAlnum(b) || b == dot || b == minus || b == UInt8(ascii: "_")) { return false }
      i += 1
    }
    return true
  }

  /// Identifiers separated by `;`, none empty (a collateral pool).
  static func isIdentifierList(_ p: UnsafePointer<UInt8>, _ n: Int) -> Bool {
    var start = 0
    var i = 0
    while i <= n {
      if i == n || p[i] == UInt8(ascii: ";") {
        if !isIdentifier(p + start, i - start) { return false }
        start = i + 1
      }
      i += 1
    }
    return true
  }

  enum IntegerResult {
    case value(Int64)
    case invalid
    case overflow
  }

  /// `-?[0-9]+`.
  static func parseInteger(_ p: UnsafePointer<UInt8>, _ n: Int) -> IntegerResult {
    var i = 0
    var negative = false
    if n > 0 && p[0] == minus {
      negative = true
      i = 1
    }
    guard i < n else { return .invalid }
    var value: Int64 = 0
    var overflow = false
    while i < n {
      let d = p[i] &- zero
      guard d <= 9 else { return .invalid }
      if !overflow {
        let (times, o1) = value.multipliedReportingOverflow(by: 10)
        let (plus, o2) = times.addingReportingOverflow(Int64(d))
        if o1 || o2 { overflow = true } else { value = plus }
      }
      i += 1
    }
    if overflow { return .overflow }
    return .value(negative ? -value : value)
  }

  /// Exact powers of ten representable in a Double.
  private static let powersOfTen: [Double] = (0...22).map { exponent in
    var value = 1.0
    for _ in 0..<exponent { value *= 10 }
    return value
  }

  /// `-?[0-9]+(\.[0-9]+)?` to the nearest Double. `p[n]` must be a NUL byte (the row buffer
  /// appends one), for the rare `strtod` fallback on long digit strings.
  static func parseNumber(_ p: UnsafePointer<UInt8>, _ n: Int) -> Double? {
    var i = 0
    var negative = false
    if n > 0 && p[0] == minus {
      negative = true
      i = 1
    }
    var mantissa: UInt64 = 0
    var exact = true
    var wholeDigits = 0
    while i < n {
      let d = p[i] &- zero
      if d > 9 { break }
      if mantissa < 100_000_000_000_000_000 {
        mantissa = mantissa * 10 + UInt64(d)
      } else {
        exact = false
      }
      wholeDigits += 1
      i += 1
    }
    guard wholeDigits > 0 else { return nil }
    var fractionDigits = 0
    if i < n {
      guard p[i] == dot else { return nil }
      i += 1
      while i < n {
        let d = p[i] &- zero
        guard d <= 9 else { return nil }
        if mantissa < 100_000_000_000_000_000 {
          mantissa = mantissa * 10 + UInt64(d)
        } else {
          exact = false
        }
        fractionDigits += 1
        i += 1
      }
      guard fractionDigits > 0 else { return nil }
    }
    var value: Double
    if exact && mantissa <= UInt64(1) << 53 && fractionDigits <= 22 {
      // Both operands are exact, so one IEEE division rounds correctly.
      value = Double(mantissa) / powersOfTen[fractionDigits]
      if negative { value = -value }
    } else {
      value = p.withMemoryRebound(to: CChar.self, capacity: n + 1) { strtod($0, nil) }
      guard value.isFinite else { return nil }
    }
    return value + 0.0  // -0 becomes 0
  }

  enum MoneyResult {
    case cents(Int64)
    case invalid
    case tooManyDecimals
    case overflow
  }

  /// `-?[0-9]+(\.[0-9]{1,2})?` to integer cents, from the digits.
  static func parseCents(_ p: UnsafePointer<UInt8>, _ n: Int) -> MoneyResult {
    var i = 0
    var negative = false
    if n > 0 && p[0] == minus {
      negative = true
      i = 1
    }
    var value: Int64 = 0
    var overflow = false
    var wholeDigits = 0
    @inline(__always) func push(_ d: UInt8) {
      let (times, o1) = value.multipliedReportingOverflow(by: 10)
      let (plus, o2) = times.addingReportingOverflow(Int64(d))
      if o1 || o2 { overflow = true } else { value = plus }
    }
    while i < n {
      let d = p[i] &- zero
      if d > 9 { break }
      push(d)
      wholeDigits += 1
      i += 1
    }
    guard wholeDigits > 0 else { return .invalid }
    var fractionDigits = 0
    if i < n {
      guard p[i] == dot else { return .invalid }
      i += 1
      while i < n {
        let d = p[i] &- zero
        guard d <= 9 else { return .invalid }
        push(d)
        fractionDigits += 1
        i += 1
      }
      guard fractionDigits > 0 else { return .invalid }
      if fractionDigits > 2 { return .tooManyDecimals }
    }
    while fractionDigits < 2 {
      push(0)
      fractionDigits += 1
    }
    if overflow { return .overflow }
    return .cents(negative ? -value : value)
  }

  @inline(__always) private static func twoDigits(_ p: UnsafePointer<UInt8>) -> Int? {
    let a = p[0] &- zero
    let b = p[1] &- zero
    guard a <= 9, b <= 9 else { return nil }
    return Int(a) * 10 + Int(b)
  }

  @inline(__always) private static func year(_ p: UnsafePointer<UInt8>) -> Int? {
    guard let high = twoDigits(p), let low = twoDigits(p + 2) else { return nil }
    let year = high * 100 + low
    return year >= 1 ? year : nil
  }

  /// `YYYY-MM-DD`, a date that exists.
  static func isDate(_ p: UnsafePointer<UInt8>, _ n: Int) -> Bool {
    guard n == 10, p[4] == minus, p[7] == minus, let year = year(p),
      let month = twoDigits(p + 5), let day = twoDigits(p + 8), month >= 1, month <= 12
    else { return false }
    return day >= 1 && (day <= 28 || day <= Day.daysIn(year: year, month: month))
  }

  /// `YYYY-MM`.
  static func isMonth(_ p: UnsafePointer<UInt8>, _ n: Int) -> Bool {
    guard n == 7, p[4] == minus, year(p) != nil, let month = twoDigits(p + 5) else {
      return false
    }
    return month >= 1 && month <= 12
  }

  /// ISO 3166-1 alpha-2: the officially assigned codes, plus XK (Kosovo, in wide use).
  static func isCountry(_ p: UnsafePointer<UInt8>, _ n: Int) -> Bool {
    guard n == 2 else { return false }
    let a = p[0] &- UInt8(ascii: "A")
    let b = p[1] &- UInt8(ascii: "A")
    guard a < 26, b < 26 else { return false }
    return countryTable[Int(a) * 26 + Int(b)]
  }

  private static let countryTable: [Bool] = {
    var table = [Bool](repeating: false, count: 26 * 26)
    for code in countryCodes.split(separator: " ") {
      let bytes = Array(code.utf8)
      table[Int(bytes[0] - 65) * 26 + Int(bytes[1] - 65)] = true
    }
    return table
  }()

  private static let countryCodes =
    "AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ "
    + "BR BS BT BV BW BY BZ CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM "
    + "DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS "
    + "GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP KE KG KH KI KM KN "
    + "KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ "
    + "MR MS MT MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM "
    + "PN PR PS PT PW PY QA RE RO RS RU RW SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV "
    + "SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG UM US UY UZ VA VC VE VG VI "
    + "VN VU WF WS YE YT ZA ZM ZW XK"

  /// Whether `p[0..<n]` equals `text` byte for byte.
  @inline(__always) static func equals(_ p: UnsafePointer<UInt8>, _ n: Int, _ text: [UInt8]) -> Bool {
    guard n == text.count else { return false }
    return text.withUnsafeBufferPointer { buffer in
      guard let base = buffer.baseAddress else { return n == 0 }
      return memcmp(p, base, n) == 0
    }
  }
}
