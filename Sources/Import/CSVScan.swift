/// Byte tests for what libcsv cannot report (DESIGN §8): the scanner in `CSVReader.run` looks
/// only for NUL, carriage returns and bytes of 0x80 and above, eight bytes at a time; libcsv
/// does the parsing.
enum CSVScan {
  static let lf: UInt8 = 0x0A
  static let cr: UInt8 = 0x0D

  /// The index of the first NUL, CR or non-ASCII byte in `start..<end`, or `end`.
  @inline(__always)
  static func firstSpecial(_ bytes: UnsafePointer<UInt8>, from start: Int, to end: Int) -> Int {
    let ones: UInt64 = 0x0101_0101_0101_0101
    let highs: UInt64 = 0x8080_8080_8080_8080
    let crs: UInt64 = 0x0D0D_0D0D_0D0D_0D0D
    var index = start
    while index &+ 8 <= end {
      let word = UInt64(littleEndian: UnsafeRawPointer(bytes + index).loadUnaligned(as: UInt64.self))
      let crWord = word ^ crs
      // A byte's high bit is set when it is 0x80 or above, zero, or CR; borrows can flag bytes
      // above a true match only, so the lowest flag is exact.
      let flags = (word | ((word &- ones) & ~word) | ((crWord &- ones) & ~crWord)) & highs
      if flags != 0 { return index &+ flags.trailingZeroBitCount >> 3 }
      index &+= 8
    }
    while index < end {
      let byte = bytes[index]
      if byte == 0 || byte == cr || byte >= 0x80 { return index }
      index &+= 1
    }
    return end
  }

  /// One pass over a line: the index of its first NUL, CR or non-ASCII byte (or `end`), and
  /// whether it holds a space or tab anywhere.
  @inline(__always)
  static func firstSpecialAndBlank(_ bytes: UnsafePointer<UInt8>, from start: Int, to end: Int)
    -> (special: Int, blank: Bool)
  {
    let ones: UInt64 = 0x0101_0101_0101_0101
    let highs: UInt64 = 0x8080_8080_8080_8080
    let crs: UInt64 = 0x0D0D_0D0D_0D0D_0D0D
    let spaces: UInt64 = 0x2020_2020_2020_2020
    let tabs: UInt64 = 0x0909_0909_0909_0909
    var special = end
    var blanks: UInt64 = 0
    var index = start
    while index &+ 8 <= end {
      let word = UInt64(littleEndian: UnsafeRawPointer(bytes + index).loadUnaligned(as: UInt64.self))
      let crWord = word ^ crs
      let spaceWord = word ^ spaces
      let tabWord = word ^ tabs
      blanks |= ((spaceWord &- ones) & ~spaceWord) | ((tabWord &- ones) & ~tabWord)
      let flags = (word | ((word &- ones) & ~word) | ((crWord &- ones) & ~crWord)) & highs
      if flags != 0 && special == end { special = index &+ flags.trailingZeroBitCount >> 3 }
      index &+= 8
    }
    var blank = blanks & highs != 0
    while index < end {
      let byte = bytes[index]
      if special == end && (byte == 0 || byte == cr || byte >= 0x80) { special = index }
      if byte == 0x20 || byte == 0x09 { blank = true }
      index &+= 1
    }
    return (special, blank)
  }

  /// Whether `start..<end` holds a space or tab that libcsv's own space test would trim or
  /// skip: one next to a comma, after a quote, before a line end, or at either end of the range
  /// (the range may be part of a line). Only such lines need libcsv's space callback, which
  /// costs a call per byte.
  static func hasEdgeBlank(_ bytes: UnsafePointer<UInt8>, from start: Int, to end: Int) -> Bool {
    let ones: UInt64 = 0x0101_0101_0101_0101
    let highs: UInt64 = 0x8080_8080_8080_8080
    let spaces: UInt64 = 0x2020_2020_2020_2020
    let tabs: UInt64 = 0x0909_0909_0909_0909
    var index = start
    while index < end {
      // The next space or tab, eight bytes at a time.
      while index &+ 8 <= end {
        let word = UInt64(littleEndian: UnsafeRawPointer(bytes + index).loadUnaligned(as: UInt64.self))
        let s = word ^ spaces
        let t = word ^ tabs
        let flags = (((s &- ones) & ~s) | ((t &- ones) & ~t)) & highs
        if flags != 0 {
          index &+= flags.trailingZeroBitCount >> 3
          break
        }
        index &+= 8
      }
      guard index < end else { return false }
      let byte = bytes[index]
      if byte == 0x20 || byte == 0x09 {
        if index == start || index == end &- 1 { return true }
        let before = bytes[index &- 1]
        let after = bytes[index &+ 1]
        if before == 0x2C || before == 0x22 || after == 0x2C || after == lf || after == cr {
          return true
        }
      }
      index &+= 1
    }
    return false
  }

  /// Checks the UTF-8 sequence whose lead byte is at `start` (a byte of 0x80 or above), the
  /// sequence ending before `end`. Returns where the next byte starts, or, for an invalid
  /// sequence, where the problem shows (the lead byte, or the first byte that does not continue
  /// the sequence) and the byte to name in the error (the lead byte).
  @inline(__always)
  static func utf8Sequence(_ bytes: UnsafePointer<UInt8>, at start: Int, end: Int) -> (
    next: Int, invalidAt: Int?, lead: UInt8
  ) {
    let lead = bytes[start]
    var need = 0
    var low: UInt8 = 0x80
    var high: UInt8 = 0xBF
    switch lead {
    case 0xC2...0xDF: need = 1
    case 0xE0: (need, low) = (2, 0xA0)
    case 0xE1...0xEC, 0xEE, 0xEF: need = 2
    case 0xED: (need, high) = (2, 0x9F)
    case 0xF0: (need, low) = (3, 0x90)
    case 0xF1...0xF3: need = 3
    case 0xF4: (need, high) = (3, 0x8F)
    default: return (start, start, lead)
    }
    var index = start &+ 1
    while need > 0 {
      guard index < end, bytes[index] >= low, bytes[index] <= high else { return (index, index, lead) }
      (low, high) = (0x80, 0xBF)
      need &-= 1
      index &+= 1
    }
    return (index, nil, lead)
  }

  /// How many bytes at the end of `start..<end` to keep for the next read: a CR (its LF may
  /// follow) or a UTF-8 sequence cut short, so that both are judged whole.
  static func holdBack(_ bytes: UnsafePointer<UInt8>, from start: Int, to end: Int) -> Int {
    guard end > start else { return 0 }
    if bytes[end - 1] == cr { return 1 }
    var lead = end - 1
    while lead > start && end - lead < 4 && bytes[lead] & 0xC0 == 0x80 { lead -= 1 }
    let byte = bytes[lead]
    guard byte >= 0xC0 else { return 0 }
    let length = byte >= 0xF0 ? 4 : byte >= 0xE0 ? 3 : 2
    return end - lead < length ? end - lead : 0
  }

  static func invalidUTF8Reason(_ byte: UInt8) -> String {
    let hex = String(byte, radix: 16, uppercase: true)
    return "invalid UTF-8 (byte 0x\(hex.count < 2 ? "0" : "")\(hex)): save the file as UTF-8"
  }
}
