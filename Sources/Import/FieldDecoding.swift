import Domain
import GRDBSQLite

extension KindLoader {
  /// Parses and checks every field of the current record into `values` and binds each good
  /// value right away (one pass, one `switch` per field) to `statement`'s parameters from
  /// `parameterOffset + 1` on (the insert, or one row of the batch insert; columns the file lacks
  /// were bound NULL when the file began); reports each bad field. Text is read from `base` (the
  /// reader's row buffer, or the batch's copy of it) at the reader's field offsets and stays
  /// there. False when any field is bad. `fields` is the file's field → column map, `count` the
  /// record's field count (equal to the file's).
  @inline(__always) func decodeFields(
    _ reader: CSVReader, fields: UnsafePointer<Int>, count: Int, base: UnsafeMutablePointer<UInt8>,
    statement insert: OpaquePointer, parameterOffset: Int32
  ) -> Bool {
    var ok = true
    let plans = self.plans
    let values = self.values
    let row = reader.row.pointee
    for field in 0..<count {
      let column = fields[field]
      let index = Int32(truncatingIfNeeded: column &+ 1) &+ parameterOffset
      let length = row.lengths[field]
      let pointer = base + row.offsets[field]
      if length == 0 {
        if plans[column].required {
          report(reader, column: column, reason: "a value is required")
          ok = false
        } else {
          values[column] = .null
          sqlite3_bind_null(insert, index)
        }
        continue
      }
      @inline(__always) func bindText() {
        values[column] = .text(pointer, length)
        sqlite3_bind_text(
          insert, index, UnsafeRawPointer(pointer).assumingMemoryBound(to: CChar.self),
          Int32(truncatingIfNeeded: length), nil)
      }
      @inline(__always) func bindInteger(_ v: Int64) {
        values[column] = .integer(v)
        sqlite3_bind_int64(insert, index, v)
      }
      switch plans[column].code {
      case .text:
        bindText()
      case .identifier:
        if FieldParsers.isIdentifier(pointer, length) {
          bindText()
        } else {
          reportField(
            reader, field: field,
            reason:
              "is not an identifier (1–64 letters, digits, '.', '_' or '-', starting with a letter or digit)"
          )
          ok = false
        }
      case .identifierList:
        if FieldParsers.isIdentifierList(pointer, length) {
          bindText()
        } else {
          reportField(
            reader, field: field,
            reason:
              "is not a fleet id or a ';'-separated list of fleet ids (each 1–64 letters, digits, '.', '_' or '-', starting with a letter or digit)"
          )
          ok = false
        }
      case .date:
        if FieldParsers.isDate(pointer, length) {
          bindText()
        } else {
          reportField(reader, field: field, reason: "is not a date (YYYY-MM-DD)")
          ok = false
        }
      case .month:
        if FieldParsers.isMonth(pointer, length) {
          bindText()
        } else {
          reportField(reader, field: field, reason: "is not a month (YYYY-MM)")
          ok = false
        }
      case .country:
        if FieldParsers.isCountry(pointer, length) {
          bindText()
        } else {
          reportField(
            reader, field: field, reason: "is not an ISO 3166-1 alpha-2 country code (e.g. US, DE)")
          ok = false
        }
      case .enumeration:
        var matched = false
        for option in plans[column].enumFirst..<(plans[column].enumFirst + plans[column].enumCount)
        where FieldParsers.equals(pointer, length, enumEntries[option]) {
          matched = true
          break
        }
        if matched {
          bindText()
        } else {
          let options = enumEntries[plans[column].enumFirst..<(plans[column].enumFirst + plans[column].enumCount)]
            .map { String(decoding: $0, as: UTF8.self) }
          reportField(
            reader, field: field, reason: "is not one of " + options.joined(separator: ", "))
          ok = false
        }
      case .integer:
        switch FieldParsers.parseInteger(pointer, length) {
        case .value(let v):
          if plans[column].allowedMask != 0 {
            if v < 0 || v > 63 || plans[column].allowedMask & (1 << UInt64(v)) == 0 {
              let allowed = (0..<64).filter { plans[column].allowedMask & (1 << UInt64($0)) != 0 }
              reportField(
                reader, field: field,
                reason: "is not one of " + allowed.map(String.init).joined(separator: ", "))
              ok = false
            } else {
              bindInteger(v)
            }
          } else if v < plans[column].intMin || v > plans[column].intMax {
            reportField(reader, field: field, reason: "is out of range: " + plans[column].integerRequirement)
            ok = false
          } else {
            bindInteger(v)
          }
        case .invalid:
          reportField(reader, field: field, reason: "is not an integer")
          ok = false
        case .overflow:
          reportField(reader, field: field, reason: "is out of range: " + plans[column].integerRequirement)
          ok = false
        }
      case .money:
        switch FieldParsers.parseCents(pointer, length) {
        case .cents(let cents):
          if cents < 0 {
            reportField(reader, field: field, reason: "is negative: amounts must be at least 0")
            ok = false
          } else if cents > plans[column].intMax {
            reportField(reader, field: field, reason: "is too large an amount: at most \(Money.maximum.csvText) USD")
            ok = false
          } else {
            bindInteger(cents)
          }
        case .invalid:
          reportField(reader, field: field, reason: "is not an amount in USD (e.g. 1250000.50)")
          ok = false
        case .tooManyDecimals:
          reportField(
            reader, field: field, reason: "has more than 2 decimals (amounts are in cents)")
          ok = false
        case .overflow:
          reportField(reader, field: field, reason: "is too large an amount: at most \(Money.maximum.csvText) USD")
          ok = false
        }
      case .number:
        if let number = FieldParsers.parseNumber(pointer, length) {
          if plans[column].bounds.contains(number) {
            values[column] = .real(number)
            sqlite3_bind_double(insert, index, number)
          } else {
            reportField(
              reader, field: field, reason: "is out of range: " + plans[column].bounds.requirement)
            ok = false
          }
        } else {
          reportField(reader, field: field, reason: "is not a number")
          ok = false
        }
      }
    }
    return ok
  }
}
