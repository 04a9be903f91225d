import Domain
import Store

/// The checks that run after the last file, on the database as it will be after the import
/// (§2): what a later file can still break — stored fleets of a facility that changes
/// provider, a loan's collateral or balance against its provider, assessments against the
/// rubric — and the rubric's pillars. Each failure is reported at the imported row that causes
/// it (file and line from the loaders' line logs and TEMP tables).
struct Validator {
  let session: ImportSession
  var sink: DiagnosticSink { session.sink }

  func loaded(_ kind: Kind) -> Bool { session.loaded.contains(kind) }

  /// File and line of an imported row, nil when the row was not in the input.
  func locate(_ kind: Kind, rowid: Int64) throws -> (file: String, line: Int)? {
    try session.loaders[kind]?.locate(rowid)
  }

  func wasRejected(_ kind: Kind, _ key: String) throws -> Bool {
    let statement = try session.bulk.prepare(
      "SELECT 1 FROM \(ImportSession.rejectedTable) WHERE kind = ?1 AND key = ?2")
    statement.bind(1, kind.rawValue)
    statement.bind(2, key)
    defer { statement.reset() }
    return try statement.step()
  }

  func report(
    _ place: (file: String, line: Int), column: String, value: String?, reason: String
  ) {
    sink.add(
      Diagnostic(file: place.file, line: place.line, column: column, reason: reason, value: value))
  }

  func checkAcrossRows() throws {
    try checkReferences()
    if loaded(.loans) || loaded(.fleets) { try checkCollateralProvider() }
    if loaded(.loans) || loaded(.providers) { try checkLoanBalances() }
    if loaded(.assessments) || loaded(.rubric) { try checkAssessments() }
    if loaded(.rubric) && !session.kindsWithErrors.contains(.rubric) { try checkPillars() }
  }

  /// A loan's collateral is a fleet (or a `;` pool of fleets) of the same provider.
  private func checkCollateralProvider() throws {
    let statement = try session.bulk.prepare(
      """
      WITH RECURSIVE pool(rid, loan_id, provider_id, rest, fleet_id) AS (
        SELECT rowid, loan_id, provider_id, collateral_fleet_id || ';', NULL FROM loans
        WHERE instr(collateral_fleet_id, ';') > 0
        UNION ALL
        SELECT rid, loan_id, provider_id, substr(rest, instr(rest, ';') + 1),
          substr(rest, 1, instr(rest, ';') - 1)
        FROM pool WHERE rest <> ''
      ),
      collateral(rid, loan_id, provider_id, fleet_id) AS (
        SELECT rowid, loan_id, provider_id, collateral_fleet_id FROM loans
        WHERE instr(collateral_fleet_id, ';') = 0
        UNION ALL
        SELECT rid, loan_id, provider_id, fleet_id FROM pool WHERE fleet_id IS NOT NULL
      )
      SELECT l.rid, l.loan_id, l.provider_id, f.rowid, f.fleet_id, f.provider_id
      FROM collateral l JOIN fleets f ON f.fleet_id = l.fleet_id
      WHERE f.provider_id <> l.provider_id
        AND l.provider_id IN (SELECT provider_id FROM providers)
        AND f.provider_id IN (SELECT provider_id FROM providers)
      ORDER BY l.loan_id
      """)
    try statement.forEach { row in
      let loanID = row.text(1) ?? ""
      let loanProvider = row.text(2) ?? ""
      let fleetID = row.text(4) ?? ""
      let fleetProvider = row.text(5) ?? ""
      if try locate(.loans, rowid: row.int(0)) != nil {
        return  // reported as the loan loaded
      } else if let place = try locate(.fleets, rowid: row.int(3)) {
        report(
          place, column: "provider_id", value: fleetProvider,
          reason:
            "cannot own fleet '\(fleetID)': it is the collateral of loan '\(loanID)' of provider '\(loanProvider)'"
        )
      }
    }
  }

  /// balance = 0 when the loan starts after the provider's as_of.
  private func checkLoanBalances() throws {
    let statement = try session.bulk.prepare(
      """
      SELECT l.rowid, l.loan_id, l.balance_usd, l.start_on, p.rowid, p.as_of
      FROM loans l JOIN providers p ON p.provider_id = l.provider_id
      WHERE l.balance_usd > 0 AND l.start_on > p.as_of ORDER BY l.loan_id
      """)
    var reportedProviders = Set<Int64>()
    try statement.forEach { row in
      let loanID = row.text(1) ?? ""
      let balance = Money(cents: row.int(2)).csvText
      let start = row.text(3) ?? ""
      let asOf = row.text(5) ?? ""
      if let place = try locate(.loans, rowid: row.int(0)) {
        report(
          place, column: "balance_usd", value: balance,
          reason:
            "must be 0: the loan starts on \(start), after the provider's as_of \(asOf)")
      } else if reportedProviders.insert(row.int(4)).inserted,
        let place = try locate(.providers, rowid: row.int(4))
      {
        report(
          place, column: "as_of", value: asOf,
          reason:
            "is before loan '\(loanID)' starts (\(start)), but that loan has a balance: a loan that starts after as_of must have balance_usd 0"
        )
      }
    }
  }

  /// The criterion exists (for imported assessments) and the value fits its kind (for imported
  /// assessments, and for stored ones when the rubric changes).
  private func checkAssessments() throws {
    let imported = loaded(.assessments)
    let statement = try session.bulk.prepare(
      """
      SELECT a.rowid, a.provider_id, a.criterion_id, a.value, a.assessed_on, r.kind, r.rowid
      FROM assessments a LEFT JOIN rubric r ON r.criterion_id = a.criterion_id
      \(imported && !loaded(.rubric) ? "WHERE " + (session.loaders[.assessments]?.importedCondition("a.") ?? "1") : "")
      ORDER BY a.rowid
      """)
    var reportedCriteria = Set<Int64>()
    try statement.forEach { row in
      let criterion = row.text(2) ?? ""
      let value = row.text(3) ?? ""
      guard let kindText = row.text(5) else {
        if let assessmentPlace = try locate(.assessments, rowid: row.int(0)),
          try !wasRejected(.rubric, criterion)
        {
          report(
            assessmentPlace, column: "criterion_id", value: criterion,
            reason: "is not a criterion of the rubric")
        }
        return
      }
      let kind = CriterionKind(rawValue: kindText) ?? .numeric
      guard let problem = Validator.valueProblem(value, kind: kind) else { return }
      if let assessmentPlace = try locate(.assessments, rowid: row.int(0)) {
        report(assessmentPlace, column: "value", value: value, reason: problem)
      } else if reportedCriteria.insert(row.int(6)).inserted,
        let place = try locate(.rubric, rowid: row.int(6))
      {
        let provider = row.text(1) ?? ""
        let day = row.text(4) ?? ""
        report(
          place, column: "kind", value: kindText,
          reason:
            "does not fit the stored assessment of provider '\(provider)' on \(day) (value '\(value)'): import a corrected assessment too"
        )
      }
    }
  }

  /// Why an assessment value does not fit a criterion kind, or nil when it does.
  static func valueProblem(_ value: String, kind: CriterionKind) -> String? {
    var bytes = Array(value.utf8)
    bytes.append(0)
    let count = bytes.count - 1
    return bytes.withUnsafeBufferPointer { buffer -> String? in
      guard let pointer = buffer.baseAddress else { return "is empty" }
      switch kind {
      case .bool:
        return value == "true" || value == "false" ? nil : "is not a bool value (true or false)"
      case .level:
        if case .value(let level) = FieldParsers.parseInteger(pointer, count),
          (0...4).contains(level)
        {
          return nil
        }
        return "is not a level (an integer from 0 to 4)"
      case .numeric:
        return FieldParsers.parseNumber(pointer, count) == nil ? "is not a number" : nil
      }
    }
  }

  /// After a rubric import, each required pillar has a criterion (unless the rubric is empty
  /// and was empty before: exporting an empty database and importing it back changes nothing).
  private func checkPillars() throws {
    let total = try session.bulk.scalarInt("SELECT count(*) FROM rubric")
    let deleted = session.counts[.rubric]?.deleted ?? 0
    guard total > 0 || deleted > 0 else { return }
    var present = Set<String>()
    let statement = try session.bulk.prepare("SELECT DISTINCT pillar FROM rubric")
    try statement.forEach { row in
      if let pillar = row.text(0) { present.insert(pillar) }
    }
    let file =
      session.plans.first { $0.kind == .rubric }.map { session.display(fileIndex: $0.index) }
      ?? "rubric"
    let required = RequiredPillar.allCases.map(\.rawValue)
    for pillar in required where !present.contains(pillar) {
      sink.add(
        Diagnostic(
          file: file, line: 0,
          reason:
            "the rubric has no criterion for pillar '\(pillar)': each of \(required.joined(separator: ", ")) needs at least one"
        ))
    }
  }

  /// References whose parent may change after the referring row was loaded (the rows
  /// themselves are checked as they load): stored fleets of a facility the import moves.
  func checkReferences() throws {
    if loaded(.facilities),
      try session.bulk.scalarInt("SELECT count(*) FROM \(ImportSession.movedFacilitiesTable)") > 0
    {
      try checkMovedFacilities()
    }
  }

  /// A stored facility that this import gives another provider while stored fleets of the old
  /// provider (not imported now) are still in it.
  private func checkMovedFacilities() throws {
    let notImportedFleet =
      session.loaders[.fleets].map { "AND NOT " + $0.importedCondition("f.") } ?? ""
    let statement = try session.bulk.prepare(
      """
      SELECT fa.rowid, fa.facility_id, fa.provider_id, min(f.fleet_id), m.old_provider_id
      FROM fleets f
      JOIN \(ImportSession.movedFacilitiesTable) m
        ON m.facility_id = f.facility_id AND m.old_provider_id = f.provider_id
      JOIN facilities fa ON fa.facility_id = m.facility_id
      WHERE fa.provider_id <> m.old_provider_id \(notImportedFleet)
        AND EXISTS (SELECT 1 FROM providers p WHERE p.provider_id = fa.provider_id)
      GROUP BY fa.rowid ORDER BY fa.rowid
      """)
    try statement.forEach { row in
      guard let place = try locate(.facilities, rowid: row.int(0)) else { return }
      let facility = row.text(1) ?? ""
      let owner = row.text(2) ?? ""
      let fleet = row.text(3) ?? ""
      let provider = row.text(4) ?? ""
      report(
        place, column: "provider_id", value: owner,
        reason:
          "cannot own facility '\(facility)': fleet '\(fleet)' of provider '\(provider)' is in it (import the fleet with its new provider too)"
      )
    }
  }
}
