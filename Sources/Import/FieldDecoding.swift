import Domain

extension KindLoader {
  /// Parses and checks every field of the current record into `values` (text stays in the
  /// reader's row buffer); reports each bad field. False when any field is bad. `map` is the
  /// file's field → column map, `count` the record's field count (equal to `map.count`).
  @inline(__always) func decodeFields(_ reader: CSVReader, map: [Int], count: Int) -> Bool {
    var ok = true
    let plans = self.plans
    let values = self.values
    for field in 0..<count {
      let column = map[field]
      let plan = plans[column]
      let (pointer, length) = reader.field(field)
      if length == 0 {
        if plan.required {
          report(reader, column: column, reason: "a value is required")
          ok = false
        } else {
          values[column] = .null
        }
        continue
      }
      switch plan.code {
      case .text:
        values[column] = .text(pointer, length)
      case .identifier:
        if FieldParsers.isIdentifier(pointer, length) {
          values[column] = .text(pointer, length)
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
          values[column] = .text(pointer, length)
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
          values[column] = .text(pointer, length)
        } else {
          reportField(reader, field: field, reason: "is not a date (YYYY-MM-DD)")
          ok = false
        }
      case .month:
        if FieldParsers.isMonth(pointer, length) {
          values[column] = .text(pointer, length)
        } else {
          reportField(reader, field: field, reason: "is not a month (YYYY-MM)")
          ok = false
        }
      case .country:
        if FieldParsers.isCountry(pointer, length) {
          values[column] = .text(pointer, length)
        } else {
          reportField(
            reader, field: field, reason: "is not an ISO 3166-1 alpha-2 country code (e.g. US, DE)")
          ok = false
        }
      case .enumeration:
        var matched = false
        for option in plan.enumFirst..<(plan.enumFirst + plan.enumCount)
        where FieldParsers.equals(pointer, length, enumEntries[option]) {
          matched = true
          break
        }
        if matched {
          values[column] = .text(pointer, length)
        } else {
          let options = enumEntries[plan.enumFirst..<(plan.enumFirst + plan.enumCount)]
            .map { String(decoding: $0, as: UTF8.self) }
          reportField(
            reader, field: field, reason: "is not one of " + options.joined(separator: ", "))
          ok = false
        }
      case .integer:
        switch FieldParsers.parseInteger(pointer, length) {
        case .value(let v):
          if plan.allowedMask != 0 {
            if v < 0 || v > 63 || plan.allowedMask & (1 << UInt64(v)) == 0 {
              let allowed = (0..<64).filter { plan.allowedMask & (1 << UInt64($0)) != 0 }
              reportField(
                reader, field: field,
                reason: "is not one of " + allowed.map(String.init).joined(separator: ", "))
              ok = false
            } else {
              values[column] = .integer(v)
            }
          } else if v < plan.intMin || v > plan.intMax {
            reportField(reader, field: field, reason: "is out of range: " + plan.integerRequirement)
            ok = false
          } else {
            values[column] = .integer(v)
          }
        case .invalid:
          reportField(reader, field: field, reason: "is not an integer")
          ok = false
        case .overflow:
          reportField(reader, field: field, reason: "is out of range: " + plan.integerRequirement)
          ok = false
        }
      case .money:
        switch FieldParsers.parseCents(pointer, length) {
        case .cents(let cents):
          if cents < 0 {
            reportField(reader, field: field, reason: "is negative: amounts must be at least 0")
            ok = false
          } else if cents > Money.maximum.cents {
            reportField(reader, field: field, reason: "is too large an amount: at most \(Money.maximum.csvText) USD")
            ok = false
          } else {
            values[column] = .integer(cents)
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
          if plan.bounds.contains(number) {
            values[column] = .real(number)
          } else {
            reportField(
              reader, field: field, reason: "is out of range: " + plan.bounds.requirement)
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
