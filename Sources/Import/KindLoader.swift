import Domain
import GRDBSQLite

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
    case identifier, text, country, date, month, enumeration, integer, money, number
  }
  var code: Code
  var required: Bool
  var intMin: Int64 = .min
  var intMax: Int64 = .max
  /// Bit v set: v is allowed (payments_per_year); 0 means any value in range.
  var allowedMask: UInt64 = 0
  var bounds = NumberBounds.any
  var enumFirst = 0
  var enumCount = 0
}

/// Loads every file of one kind into its table: parses and checks each field, upserts with one
/// reused statement, counts inserted / updated / unchanged, and remembers where each row came
/// from (for duplicate keys and for the checks across rows): rows it inserts in a `LineLog`,
/// stored rows it updates or finds unchanged in a TEMP table (§8).
final class KindLoader {
  unowned let session: ImportSession
  let kind: Kind
  let columns: [ColumnSpec]
  let connection: OpaquePointer
  private let plans: UnsafeMutablePointer<ColumnPlan>
  private let values: UnsafeMutablePointer<Value>
  private let keyIndexes: [Int]
  private let enumEntries: [[UInt8]]
  private let insert: RawStatement
  private let update: RawStatement
  private let findExisting: RawStatement
  /// The last row's key existed: try the lookup before the insert (a re-import updates).
  private var predictConflict = false
  private let findLine: RawStatement
  private let insertLine: RawStatement
  private let insertRejected: RawStatement
  private var counts = KindCounts()
  private var rows = 0
  /// The table's largest rowid before the import: rows above it were inserted by it.
  let base: Int64
  private let lineLog: LineLog
  /// TEMP table of the stored rows this import touched (rowid, file, line).
  let touchedTable: String
  // References checked as each row loads (its parents are loaded already, dependency order).
  private let providerColumn: Int?
  /// The column naming a parent that must belong to the same provider (fleet: facility_id,
  /// loan: collateral_fleet_id).
  private let ownerColumn: Int?
  private let providerExists: RawStatement
  private let ownerOf: RawStatement?
  private var references = ReferenceCache()

  init(session: ImportSession, kind: Kind) throws {
    self.session = session
    self.kind = kind
    self.columns = kind.columns
    self.connection = session.connection
    let n = columns.count
    plans = .allocate(capacity: n)
    values = .allocate(capacity: n)
    values.initialize(repeating: .null, count: n)
    var entries: [[UInt8]] = []
    for (index, column) in columns.enumerated() {
      var plan = ColumnPlan(code: .text, required: column.required)
      switch column.type {
      case .identifier: plan.code = .identifier
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
      case .money: plan.code = .money
      case .number(let bounds):
        plan.code = .number
        plan.bounds = bounds
      }
      (plans + index).initialize(to: plan)
    }
    enumEntries = entries
    let names = columns.map(\.name)
    let keys = kind.keyColumns.compactMap { names.firstIndex(of: $0) }
    keyIndexes = keys
    let table = kind.table
    let lines = ImportSession.touchedTable(kind)
    touchedTable = lines
    lineLog = try LineLog()
    do {
      try connection.exec(
        "CREATE TEMP TABLE \(lines) (rid INTEGER PRIMARY KEY, file INTEGER NOT NULL, line INTEGER NOT NULL)"
      )
      base = try connection.scalarInt("SELECT ifnull(max(rowid), 0) FROM \(table)")
    } catch let error as RawSQLError {
      throw ImportError.database(reason: error.message)
    }
    let placeholders = (1...n).map { "?\($0)" }.joined(separator: ", ")
    insert = try RawStatement(
      connection,
      "INSERT INTO \(table) (\(names.joined(separator: ", "))) VALUES (\(placeholders)) ON CONFLICT DO NOTHING"
    )
    let keyMatch = keys.map { "\(names[$0]) = ?\($0 + 1)" }.joined(separator: " AND ")
    let others = (0..<n).filter { !keys.contains($0) }
    let differs =
      others.isEmpty
      ? "0" : others.map { "\(names[$0]) IS NOT ?\($0 + 1)" }.joined(separator: " OR ")
    findExisting = try RawStatement(
      connection, "SELECT rowid, \(differs) FROM \(table) WHERE \(keyMatch)")
    let sets = (0..<n).map { "\(names[$0]) = ?\($0 + 1)" }.joined(separator: ", ")
    update = try RawStatement(connection, "UPDATE \(table) SET \(sets) WHERE rowid = ?\(n + 1)")
    findLine = try RawStatement(connection, "SELECT file, line FROM \(lines) WHERE rid = ?1")
    insertLine = try RawStatement(
      connection,
      "INSERT INTO \(lines) (rid, file, line) VALUES (?1, ?2, ?3) ON CONFLICT DO NOTHING")
    insertRejected = try RawStatement(
      connection,
      "INSERT OR IGNORE INTO \(ImportSession.rejectedTable) (kind, key) VALUES (?1, ?2)")
    providerColumn = kind == .providers ? nil : names.firstIndex(of: "provider_id")
    providerExists = try RawStatement(
      connection, "SELECT 1 FROM providers WHERE provider_id = ?1")
    ownerColumn =
      kind == .fleets
      ? names.firstIndex(of: "facility_id")
      : kind == .loans ? names.firstIndex(of: "collateral_fleet_id") : nil
    switch kind {
    case .fleets:
      ownerOf = try RawStatement(
        connection, "SELECT provider_id FROM facilities WHERE facility_id = ?1")
    case .loans:
      ownerOf = try RawStatement(connection, "SELECT provider_id FROM fleets WHERE fleet_id = ?1")
    default:
      ownerOf = nil
    }
  }

  deinit {
    references.deallocate()
    values.deinitialize(count: columns.count)
    values.deallocate()
    plans.deinitialize(count: columns.count)
    plans.deallocate()
  }

  // MARK: - Per file

  private var file = InputFile(display: "", path: "", size: 0)
  private var fileIndex = 0
  private var map: [Int] = []
  /// Column index → CSV field index, or -1 when the file lacks the column.
  private var fieldOf: [Int] = []

  func load(_ plan: FilePlan, file: InputFile) throws {
    self.file = file
    fileIndex = plan.index
    lineLog.startFile(plan.index)
    map = plan.map
    fieldOf = [Int](repeating: -1, count: columns.count)
    for (field, column) in plan.map.enumerated() where column >= 0 { fieldOf[column] = field }
    for column in 0..<columns.count { values[column] = .null }
    let reader = try CSVReader(path: file.path, handoff: file.stream)
    let rowsBefore = rows
    var header = true
    let progress = session.options.progress
    do {
      try reader.run(
        progress: { bytes in
          progress?(
            ImportProgress(
              file: file.display, kind: self.kind, bytesRead: bytes, totalBytes: file.size,
              rows: self.rows - rowsBefore))
        },
        handler: { reader in
          if header {
            header = false
          } else {
            self.process(reader)
          }
          return true
        })
    } catch let error as StructuralError {
      let column = error.field.flatMap { $0 < map.count ? columns[map[$0]].name : nil }
      session.sink.add(
        Diagnostic(file: file.display, line: error.line, column: column, reason: error.reason))
    }
    session.emptyLines += reader.emptyLines
  }

  private func columnName(field: Int) -> String? {
    field < map.count ? columns[map[field]].name : nil
  }

  private func report(
    _ reader: CSVReader, column: Int?, reason: String, value: String? = nil
  ) {
    session.sink.add(
      Diagnostic(
        file: file.display, line: reader.recordLine, column: column.map { columns[$0].name },
        reason: reason, value: value, record: reader.recordText()))
  }

  private func reportField(_ reader: CSVReader, field: Int, reason: String) {
    report(reader, column: map[field], reason: reason, value: reader.fieldString(field))
  }

  private func process(_ reader: CSVReader) {
    if let error = reader.byteError {
      session.sink.add(
        Diagnostic(
          file: file.display, line: reader.recordLine, column: columnName(field: error.field),
          reason: error.reason, record: reader.recordText()))
      return
    }
    let count = reader.fieldCount
    let map = self.map
    guard count == map.count else {
      report(
        reader, column: nil,
        reason: "has \(count) \(count == 1 ? "field" : "fields"), but the header has \(map.count)")
      return
    }
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
            reportField(reader, field: field, reason: "is out of range: " + integerRange(plan))
            ok = false
          } else {
            values[column] = .integer(v)
          }
        case .invalid:
          reportField(reader, field: field, reason: "is not an integer")
          ok = false
        case .overflow:
          reportField(reader, field: field, reason: "is out of range: " + integerRange(plan))
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
    if ok { ok = checkRow(reader) }
    if ok { ok = checkReferences(reader) }
    if ok {
      store(reader)
    } else {
      rememberRejected(reader)
    }
  }

  private func integerRange(_ plan: ColumnPlan) -> String {
    var bounds = NumberBounds()
    if plan.intMin != .min { bounds.lower = Double(plan.intMin) }
    if plan.intMax != .max { bounds.upper = Double(plan.intMax) }
    return bounds.requirement
  }

  // MARK: - Checks within a row

  private func index(_ name: String) -> Int { columns.firstIndex { $0.name == name } ?? 0 }

  private func text(_ column: Int) -> String? {
    if case .text(let pointer, let length) = values[column] {
      return String(decoding: UnsafeBufferPointer(start: pointer, count: length), as: UTF8.self)
    }
    return nil
  }

  private func fieldText(_ reader: CSVReader, _ column: Int) -> String? {
    let field = fieldOf[column]
    return field >= 0 ? reader.fieldString(field) : nil
  }

  private func checkRow(_ reader: CSVReader) -> Bool {
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
  private func checkUptime(_ reader: CSVReader) -> Bool {
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

  private func checkCriterion(_ reader: CSVReader) -> Bool {
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
  private func checkReferences(_ reader: CSVReader) -> Bool {
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
    let exists = (try? providerExists.step()) == true
    providerExists.reset()
    guard exists else {
      if !isRejected(.providers, providerText) {
        report(
          reader, column: providerColumn, reason: "is not a known provider", value: providerText)
      }
      return false
    }
    if let reference, let ownerOf {
      let referenceText = text(reference.column) ?? ""
      ownerOf.bind(1, referenceText)
      let owner = (try? ownerOf.step()) == true ? ownerOf.text(0) : nil
      ownerOf.reset()
      let noun = kind == .fleets ? "facility" : "fleet"
      guard let owner else {
        if !isRejected(kind == .fleets ? .facilities : .fleets, referenceText) {
          report(
            reader, column: reference.column, reason: "is not a known \(noun)", value: referenceText
          )
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
    references.insert(provider, providerLength, reference?.pointer ?? empty, reference?.length ?? 0)
    return true
  }

  private func isRejected(_ kind: Kind, _ key: String) -> Bool {
    guard
      let statement = try? RawStatement(
        connection, "SELECT 1 FROM \(ImportSession.rejectedTable) WHERE kind = ?1 AND key = ?2")
    else { return false }
    statement.bind(1, kind.rawValue)
    statement.bind(2, key)
    defer { statement.reset() }
    return (try? statement.step()) == true
  }

  /// Keeps the key of a rejected parent row, so that rows referring to it are not reported
  /// a second time as references to an unknown key.
  private func rememberRejected(_ reader: CSVReader) {
    guard kind == .providers || kind == .facilities || kind == .fleets || kind == .rubric,
      let key = keyIndexes.first, fieldOf[key] >= 0
    else { return }
    let (pointer, length) = reader.field(fieldOf[key])
    guard FieldParsers.isIdentifier(pointer, length) else { return }
    insertRejected.bind(1, kind.rawValue)
    insertRejected.bind(2, reader.fieldString(fieldOf[key]))
    _ = try? insertRejected.step()
    insertRejected.reset()
  }

  // MARK: - Upsert

  @inline(__always) private func bindValues(_ statement: OpaquePointer) {
    let values = self.values
    for column in 0..<columns.count {
      let index = Int32(column + 1)
      switch values[column] {
      case .null: sqlite3_bind_null(statement, index)
      case .integer(let v): sqlite3_bind_int64(statement, index, v)
      case .real(let v): sqlite3_bind_double(statement, index, v)
      case .text(let pointer, let length):
        sqlite3_bind_text(
          statement, index, UnsafeRawPointer(pointer).assumingMemoryBound(to: CChar.self),
          Int32(length), nil)
      }
    }
  }

  private enum Existing {
    case none
    case found(rowid: Int64, differs: Bool)
    case failed
  }

  /// The stored row with this row's key, and whether any of its columns differ.
  private func existing() -> Existing {
    let statement = findExisting.handle
    bindValues(statement)
    defer { sqlite3_reset(statement) }
    switch sqlite3_step(statement) {
    case SQLITE_ROW:
      return .found(
        rowid: sqlite3_column_int64(statement, 0), differs: sqlite3_column_int64(statement, 1) != 0)
    case SQLITE_DONE: return .none
    default: return .failed
    }
  }

  /// Inserts the row, or updates the stored row with its key (counting it updated or
  /// unchanged), or reports a duplicate of a row imported earlier. A fresh import inserts
  /// first; once a key exists, rows look theirs up first (a re-import mostly updates).
  private func store(_ reader: CSVReader) {
    var found = Existing.none
    if predictConflict {
      found = existing()
      if case .none = found { predictConflict = false }
    }
    if case .none = found {
      let statement = insert.handle
      bindValues(statement)
      let rc = sqlite3_step(statement)
      sqlite3_reset(statement)
      guard rc == SQLITE_DONE else {
        report(reader, column: nil, reason: "rejected by the database: " + errorMessage())
        return
      }
      if sqlite3_changes(connection) > 0 {
        rows += 1
        counts.inserted += 1
        let rowid = sqlite3_last_insert_rowid(connection)
        if rowid == base + Int64(lineLog.count) + 1 {
          lineLog.append(reader.recordLine)
        } else {
          rememberLine(rowid, reader.recordLine)  // not expected: rowids follow the largest
        }
        return
      }
      predictConflict = true
      found = existing()
    }
    guard case .found(let rowid, let differs) = found else {
      report(reader, column: nil, reason: "rejected by the database: " + errorMessage())
      return
    }
    // Imported earlier in this invocation (inserted, or a stored row already touched)?
    if rowid > base || !rememberLine(rowid, reader.recordLine) {
      let key = keyIndexes.compactMap { text($0) }.joined(separator: ", ")
      var place = "an earlier row"
      if let (firstFile, firstLine) = locateIndex(rowid) {
        place =
          firstFile == fileIndex
          ? "line \(firstLine)" : "\(session.display(fileIndex: firstFile)):\(firstLine)"
      }
      report(
        reader, column: keyIndexes.first, reason: "is a duplicate key (first at \(place))",
        value: key)
      return
    }
    rows += 1
    guard differs else {
      counts.unchanged += 1
      return
    }
    if kind == .facilities { rememberMove(rowid) }
    let statement = update.handle
    bindValues(statement)
    sqlite3_bind_int64(statement, Int32(columns.count + 1), rowid)
    let rc = sqlite3_step(statement)
    sqlite3_reset(statement)
    guard rc == SQLITE_DONE else {
      rows -= 1
      report(reader, column: nil, reason: "rejected by the database: " + errorMessage())
      return
    }
    counts.updated += 1
  }

  /// Records where a stored row was touched; false when it already was (a duplicate).
  @discardableResult
  private func rememberLine(_ rowid: Int64, _ line: Int) -> Bool {
    let statement = insertLine.handle
    sqlite3_bind_int64(statement, 1, rowid)
    sqlite3_bind_int64(statement, 2, Int64(fileIndex))
    sqlite3_bind_int64(statement, 3, Int64(line))
    sqlite3_step(statement)
    sqlite3_reset(statement)
    return sqlite3_changes(connection) > 0
  }

  private func errorMessage() -> String { String(cString: sqlite3_errmsg(connection)) }

  /// A stored facility that changes provider: its stored fleets must follow (checked later).
  private func rememberMove(_ rowid: Int64) {
    let providerColumn = index("provider_id")
    guard let newProvider = text(providerColumn), let facility = text(index("facility_id")),
      let lookup = try? RawStatement(
        connection, "SELECT provider_id FROM facilities WHERE rowid = ?1")
    else { return }
    lookup.bind(1, rowid)
    guard (try? lookup.step()) == true, let oldProvider = lookup.text(0) else { return }
    lookup.reset()
    guard oldProvider != newProvider,
      let insert = try? RawStatement(
        connection,
        "INSERT OR IGNORE INTO \(ImportSession.movedFacilitiesTable) (facility_id, old_provider_id) VALUES (?1, ?2)"
      )
    else { return }
    insert.bind(1, facility)
    insert.bind(2, oldProvider)
    _ = try? insert.step()
    insert.reset()
  }

  /// File index and line of a row this import inserted or touched; nil for other rows.
  private func locateIndex(_ rowid: Int64) -> (file: Int, line: Int)? {
    findLine.bind(1, rowid)
    defer { findLine.reset() }
    if (try? findLine.step()) == true {
      return (Int(findLine.int(0)), Int(findLine.int(1)))
    }
    return rowid > base ? lineLog.lookup(Int(rowid - base - 1)) : nil
  }

  /// File (as the user named it) and line of a row this import inserted or touched.
  func locate(_ rowid: Int64) -> (file: String, line: Int)? {
    locateIndex(rowid).map { (session.display(fileIndex: $0.file), $0.line) }
  }

  /// SQL conditions that, together (OR), select the rows this import inserted or touched;
  /// kept apart so that each query can use the rowid range or the TEMP table.
  func importedConditions(_ alias: String) -> [String] {
    ["\(alias)rowid > \(base)", "\(alias)rowid IN (SELECT rid FROM \(touchedTable))"]
  }

  func importedCondition(_ alias: String) -> String {
    "(" + importedConditions(alias).joined(separator: " OR ") + ")"
  }

  // MARK: - After the last file of the kind

  /// `--replace` (always for the rubric): deletes rows of the kind in scope whose key was not
  /// imported, and what they own: a facility's fleets; a deleted fleet's loans lose their
  /// collateral. (Foreign keys are off during the import, so these cascades are explicit.)
  func finish() throws {
    if kind == .rubric || session.options.replace {
      let table = kind.table
      /// The rows to delete, `alias` naming the table.
      func condition(_ alias: String) -> String {
        var text = "NOT \(importedCondition(alias))"
        if let scope = kind.replaceScopeColumn {
          text +=
            " AND \(alias)\(scope) IN (SELECT \(scope) FROM \(table) WHERE \(importedCondition("")))"
        }
        return text
      }
      try session.wrap {
        var fleetsDeleted = kind == .fleets
        if kind == .facilities {
          try connection.exec(
            """
            DELETE FROM fleets WHERE EXISTS (SELECT 1 FROM facilities fa
              WHERE fa.facility_id = fleets.facility_id AND fa.provider_id = fleets.provider_id
                AND \(condition("fa.")))
            """)
          let cascaded = Int(sqlite3_changes(connection))
          if cascaded > 0 {
            session.add(.fleets) { $0.deleted += cascaded }
            fleetsDeleted = true
          }
        }
        try connection.exec("DELETE FROM \(table) WHERE \(condition(""))")
        counts.deleted += Int(sqlite3_changes(connection))
        if fleetsDeleted {
          try connection.exec(
            "UPDATE loans SET collateral_fleet_id = NULL WHERE collateral_fleet_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM fleets f WHERE f.fleet_id = loans.collateral_fleet_id)"
          )
        }
      }
    }
    let final = counts
    session.add(kind) {
      $0.inserted += final.inserted
      $0.updated += final.updated
      $0.unchanged += final.unchanged
      $0.deleted += final.deleted
    }
  }
}
