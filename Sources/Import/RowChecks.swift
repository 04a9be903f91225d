import Domain
import Store

/// Checks within a row, and the references each row makes to rows loaded before it.
extension KindLoader {
  func index(_ name: String) -> Int { columns.firstIndex { $0.name == name } ?? 0 }

  func text(_ column: Int) -> String? {
    if case .text(let pointer, let length) = values[column] {
      return String(decoding: UnsafeBufferPointer(start: pointer, count: length), as: UTF8.self)
    }
    return nil
  }

  func fieldText(_ reader: CSVReader, _ column: Int) -> String? {
    let field = fieldOf[column]
    return field >= 0 ? reader.fieldString(field) : nil
  }

  func checkRow(_ reader: CSVReader) -> Bool {
    switch kind {
    case .loans:
      var ok = true
      let principal = index("principal_usd")
      let balance = index("balance_usd")
      if case .integer(let p) = values[principal], case .integer(let b) = values[balance], b > p {
        report(
          reader, column: balance,
          reason: "must not exceed principal_usd (\(fieldText(reader, principal) ?? ""))",
          value: fieldText(reader, balance))
        ok = false
      }
      let start = index("start_on")
      let maturity = index("maturity_on")
      if let s = text(start), let m = text(maturity), m <= s {
        report(reader, column: maturity, reason: "must be after start_on (\(s))", value: m)
        ok = false
      }
      // CREDIT §C.1: a commitment for revolvers and delayed draws only, never below principal;
      // the last draw day no later than maturity.
      let facility = text(index("facility")) ?? LoanFacility.term.rawValue
      let commitment = index("commitment_usd")
      if case .integer(let c) = values[commitment] {
        if facility == LoanFacility.term.rawValue {
          report(
            reader, column: commitment,
            reason: "is only for a revolver or delayed_draw facility (this loan is term)",
            value: fieldText(reader, commitment))
          ok = false
        } else if case .integer(let p) = values[principal], c < p {
          report(
            reader, column: commitment,
            reason: "must not be below principal_usd (\(fieldText(reader, principal) ?? ""))",
            value: fieldText(reader, commitment))
          ok = false
        }
      } else if facility != LoanFacility.term.rawValue {
        report(reader, column: commitment, reason: "a value is required for a \(facility) facility")
        ok = false
      }
      let until = index("available_until")
      if let u = text(until), let m = text(maturity), u > m {
        report(reader, column: until, reason: "must not be after maturity_on (\(m))", value: u)
        ok = false
      }
      return ok
    case .contracts:
      let start = index("start_on")
      let end = index("end_on")
      if let s = text(start), let e = text(end), e < s {
        report(reader, column: end, reason: "must not be before start_on (\(s))", value: e)
        return false
      }
      return true
    case .rubric:
      return checkCriterion(reader)
    case .uptime:
      return checkUptime(reader)
    default:
      return true
    }
  }

  /// failures_per_1k_gpu_months may be empty only on a row with a source (status pages do not
  /// report it); mttr_hours only in a month without incidents.
  func checkUptime(_ reader: CSVReader) -> Bool {
    var ok = true
    let failures = index("failures_per_1k_gpu_months")
    let source = index("source")
    if case .null = values[failures], text(source) == nil {
      report(reader, column: failures, reason: "a value is required unless the row has a source")
      ok = false
    }
    let mttr = index("mttr_hours")
    if case .null = values[mttr], case .integer(let incidents) = values[index("incidents")], incidents > 0 {
      report(reader, column: mttr, reason: "a value is required in a month with incidents")
      ok = false
    }
    return ok
  }

  func checkCriterion(_ reader: CSVReader) -> Bool {
    var ok = true
    let kindColumn = index("kind")
    let criterionKind = text(kindColumn) ?? ""
    let numeric = criterionKind == CriterionKind.numeric.rawValue
    let fullAt = index("full_at")
    let zeroAt = index("zero_at")
    for column in [fullAt, zeroAt] {
      let given: Bool
      if case .real = values[column] { given = true } else { given = false }
      if numeric && !given {
        report(reader, column: column, reason: "a value is required for a numeric criterion")
        ok = false
      } else if !numeric && given {
        report(
          reader, column: column,
          reason: "is only for numeric criteria (this one is \(criterionKind))",
          value: fieldText(reader, column))
        ok = false
      }
    }
    if case .real(let full) = values[fullAt], case .real(let zero) = values[zeroAt], full == zero {
      report(
        reader, column: zeroAt,
        reason: "must differ from full_at (\(fieldText(reader, fullAt) ?? ""))",
        value: fieldText(reader, zeroAt))
      ok = false
    }
    let source = index("source")
    if let value = text(source), value != CriterionSource.assessment.rawValue, !numeric {
      report(
        reader, column: source,
        reason: "is a derived source and needs kind numeric (this one is \(criterionKind))",
        value: value)
      ok = false
    }
    return ok
  }

  /// The row's provider exists; a fleet's facility, a loan's collateral fleet, belong to it.
  func checkReferences(_ reader: CSVReader) -> Bool {
    guard let providerColumn, case .text(let provider, let providerLength) = values[providerColumn]
    else { return true }
    var reference: (column: Int, pointer: UnsafePointer<UInt8>, length: Int)?
    if let ownerColumn, case .text(let pointer, let length) = values[ownerColumn] {
      reference = (ownerColumn, pointer, length)
    }
    let empty = UnsafePointer<UInt8>(provider)
    if references.contains(
      provider, providerLength, reference?.pointer ?? empty, reference?.length ?? 0)
    {
      return true
    }
    let providerText = text(providerColumn) ?? ""
    providerExists.bind(1, providerText)
    let exists = found(providerExists)
    providerExists.reset()
    if failure != nil { return false }
    guard exists else {
      if !isRejected(.providers, providerText) {
        report(
          reader, column: providerColumn, reason: "is not a known provider", value: providerText)
      }
      return false
    }
    if let reference, let ownerOf {
      // A loan's collateral may be a pool: every fleet of it is checked.
      for part in (text(reference.column) ?? "").split(separator: ";") {
        let referenceText = String(part)
        ownerOf.bind(1, referenceText)
        let owner = found(ownerOf) ? ownerOf.text(0) : nil
        ownerOf.reset()
        if failure != nil { return false }
        let noun = kind == .fleets ? "facility" : "fleet"
        guard let owner else {
          if !isRejected(kind == .fleets ? .facilities : .fleets, referenceText) {
            report(
              reader, column: reference.column, reason: "is not a known \(noun)",
              value: referenceText)
          }
          return false
        }
        guard owner == providerText else {
          report(
            reader, column: reference.column,
            reason: "is a \(noun) of provider '\(owner)', not of '\(providerText)'",
            value: referenceText)
          return false
        }
      }
    }
    references.insert(provider, providerLength, reference?.pointer ?? empty, reference?.length ?? 0)
    return true
  }

  func isRejected(_ kind: Kind, _ key: String) -> Bool {
    findRejected.bind(1, kind.rawValue)
    findRejected.bind(2, key)
    defer { findRejected.reset() }
    return found(findRejected)
  }

  /// Keeps the key of a rejected parent row, so that rows referring to it are not reported
  /// a second time as references to an unknown key.
  func rememberRejected(_ reader: CSVReader) {
    guard kind == .providers || kind == .facilities || kind == .fleets || kind == .rubric,
      let key = keyIndexes.first, fieldOf[key] >= 0
    else { return }
    let (pointer, length) = reader.field(fieldOf[key])
    guard FieldParsers.isIdentifier(pointer, length) else { return }
    insertRejected.bind(1, kind.rawValue)
    insertRejected.bind(2, reader.fieldString(fieldOf[key]))
    _ = found(insertRejected)
    insertRejected.reset()
  }
}
