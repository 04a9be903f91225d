import Domain
import Scoring

/// What `explain PROVIDER` prints (§3): every criterion by pillar with its value, evidence and
/// points of weight; the pillar scores, overall score, coverage and tier; then the path to the
/// next tier from ``nextTierPath(_:rubric:)``.
///
/// Table and markdown print titled sections; tsv and csv print one of the sections `criteria`
/// (the default), `pillars`, `summary` and `next_tier` as a rectangular table (``Section``).
package struct ExplainReport: Sendable {
  /// The sections tsv and csv can write, one at a time.
  package enum Section: String, CaseIterable, Sendable {
    case criteria, pillars, summary
    case nextTier = "next_tier"
  }

  package var asOf: Day
  package var rubricVersion: String
  package var score: ProviderScore
  package var path: NextTierPath

  package init(asOf: Day, rubricVersion: String, score: ProviderScore, path: NextTierPath) {
    self.asOf = asOf
    self.rubricVersion = rubricVersion
    self.score = score
    self.path = path
  }

  /// `section` picks the table tsv and csv write; the other formats hold every section.
  package func render(_ format: OutputFormat, section: Section = .criteria) -> String {
    switch format {
    case .json: return json.render()
    case .tsv: return machineTable(section).renderTSV()
    case .csv: return machineTable(section).renderCSV()
    case .table, .markdown, .html:
      return SectionedReport(titleLines: titleLines, sections: sections(forPeople: true)).render(format)
    }
  }

  /// One section as machines read it: one row per record, a header line of keys.
  package func machineTable(_ section: Section) -> Table {
    sections(forPeople: false).first { $0.name == section.rawValue }?.table ?? Table(columns: [], rows: [])
  }

  package var titleLines: [String] {
    ["\(score.providerID) · \(score.name) · as of \(asOf) · rubric \(rubricVersion)"]
  }

  // MARK: Sections

  /// People: one section per pillar, then the pillar scores, the summary and the path.
  /// Machines: one `criteria` block with a pillar column, `pillars`, `summary`, `next_tier`.
  func sections(forPeople: Bool) -> [ReportSection] {
    var sections: [ReportSection] = []
    if forPeople {
      for pillar in score.pillars {
        sections.append(
          ReportSection(
            name: "criteria",
            title: "\(titleCase(pillar.pillar)): \(formatOneDecimal(pillar.score)) "
              + "(\(formatOneDecimal(pillar.points)) of \(plainDecimal(pillar.weight)) points)",
            table: criteriaTable([pillar], withPillar: false), emptyNote: "no criteria"))
      }
    } else {
      sections.append(
        ReportSection(name: "criteria", title: "Criteria", table: criteriaTable(score.pillars, withPillar: true)))
    }
    sections.append(ReportSection(name: "pillars", title: "Pillars", table: pillarsTable))
    sections.append(
      ReportSection(
        name: "summary", title: "Summary", table: summaryTable, layout: forPeople ? .fields : .rows))
    sections.append(forPeople ? pathSection : ReportSection(name: "next_tier", title: "Next tier", table: pathRows))
    return sections
  }

  func criteriaTable(_ pillars: [PillarScore], withPillar: Bool) -> Table {
    var columns = [
      Column("Criterion", key: "criterion_id"), Column("Title"), Column("Kind"), Column("Value"),
      Column("Points", kind: .number), Column("Weight", kind: .number), Column("Required for"),
      Column("Assessed on"), Column("Evidence"),
    ]
    if withPillar {
      // Machines: the pillar first, the source in its own column and whether the criterion earns
      // its weight in full, as in JSON.
      columns.insert(Column("Pillar"), at: 0)
      columns.insert(Column("Source"), at: 4)
      columns.append(Column("Earned in full", key: "earned_in_full"))
    }
    let rows = pillars.flatMap { pillar in
      pillar.criteria.map { result -> [Cell] in
        let criterion = result.criterion
        var kind = criterion.kind.rawValue
        if !withPillar, criterion.effectiveSource != .assessment { kind += " (\(criterion.effectiveSource.rawValue))" }
        var cells: [Cell] = [
          .text(criterion.id), .text(criterion.title), .text(kind),
          result.value.map { Cell.text($0) } ?? .note("no value"), .oneDecimal(result.points),
          .decimal(criterion.weight), .text(criterion.requiredFor?.rawValue),
          .text(result.assessedOn?.description), .text(result.evidence),
        ]
        if withPillar {
          cells.insert(.text(pillar.pillar), at: 0)
          cells.insert(.text(criterion.effectiveSource.rawValue), at: 4)
          cells.append(.text(result.isEarnedInFull ? "true" : "false"))
        }
        return cells
      }
    }
    return Table(columns: columns, rows: rows)
  }

  var pillarsTable: Table {
    Table(
      columns: [
        Column("Pillar"), Column("Score", kind: .number), Column("Points", kind: .number),
        Column("Weight", kind: .number),
      ],
      rows: score.pillars.map { pillar in
        [.text(pillar.pillar), .oneDecimal(pillar.score), .oneDecimal(pillar.points), .decimal(pillar.weight)]
      })
  }

  var summaryTable: Table {
    Table(
      columns: [
        Column("Provider", key: "provider_id"), Column("Name"), Column("Overall", kind: .number, key: "score"),
        Column("Coverage %", kind: .number, key: "coverage_pct"), Column("Tier"),
      ],
      rows: [
        [
          .text(score.providerID), .text(score.name), .oneDecimal(score.score), .oneDecimal(score.coveragePct),
          .text(score.tier.rawValue),
        ]
      ])
  }

  /// People: the path as one titled group per gate, each listing the criteria that close it.
  var pathSection: ReportSection {
    if score.pillars.isEmpty {
      return ReportSection(
        name: "next_tier", title: "Path to a tier", table: Table(columns: [], rows: []),
        emptyNote: "The rubric is empty: import a rubric (rubric.csv) to score providers.")
    }
    if score.tier == .unrated {
      return ReportSection(
        name: "next_tier", title: "Path to a tier",
        table: Table(
          columns: [
            Column("Criterion"), Column("Pillar"), Column("Title"), Column("Kind"), Column("Weight", kind: .number),
          ],
          rows: path.criteriaWithoutValue.map { result in
            [
              .text(result.criterion.id), .text(result.criterion.pillar), .text(result.criterion.title),
              .text(result.criterion.kind.rawValue), .decimal(result.criterion.weight),
            ]
          }),
        notes: [
          "Unrated: coverage \(formatPercent(score.coveragePct)) is below \(formatPercent(TierRule.minimumCoveragePct, decimals: 0)). "
            + "\(plainDecimal(path.coverageWeightMissing ?? 0)) more rubric weight needs a value; "
            + "criteria without a value, heaviest first:"
        ],
        emptyNote: "no criterion lacks a value")
    }
    guard let target = path.target else {
      return ReportSection(
        name: "next_tier", title: "Path to the next tier", table: Table(columns: [], rows: []),
        emptyNote: "\(titleCase(score.tier.rawValue)) is the top tier: there is no tier above it.")
    }
    let groups = path.gates.map { gate in
      RowGroup(
        title: gateHeading(gate, target: target),
        rows: gate.criteria.map { improvement in
          let criterion = improvement.result.criterion
          return [
            .text(criterion.id), .text(criterion.pillar), .text(criterion.title),
            .oneDecimal(improvement.result.points), .decimal(criterion.weight),
            .oneDecimal(improvement.gain), .oneDecimal(improvement.pillarGain),
            .text(criterion.requiredFor?.rawValue),
          ]
        })
    }
    return ReportSection(
      name: "next_tier", title: "Path to \(target.rawValue)",
      table: Table(columns: improvementColumns, groups: groups),
      notes: [
        "Each gate not met, with the criteria that would close it, failing required_for criteria first, "
          + "then by gain (overall points)."
      ],
      emptyNote: "every gate of \(target.rawValue) is met")
  }

  private var improvementColumns: [Column] {
    [
      Column("Criterion", key: "criterion_id"), Column("Pillar"), Column("Title"),
      Column("Points", kind: .number), Column("Weight", kind: .number), Column("Gain", kind: .number),
      Column("Pillar gain", kind: .number), Column("Required for"),
    ]
  }

  /// `Overall 62.5 of 70: 7.5 points missing`, `Networking 45.0 of 50: 5.0 pillar points missing`,
  /// `hardware_sla is required for silver: 0.0 of 2 points, earn it in full`.
  func gateHeading(_ gate: UnmetGate, target: Tier) -> String {
    var heading: String
    switch gate.kind {
    case .required(let criterionID, let requiredFor):
      heading =
        "\(criterionID) is required for \(requiredFor.rawValue): \(formatOneDecimal(gate.actual)) of "
        + "\(plainDecimal(gate.threshold)) points, earn it in full"
    case .overall:
      heading =
        "Overall \(formatOneDecimal(gate.actual)) of \(plainDecimal(gate.threshold)): "
        + "\(formatOneDecimal(gate.pointsMissing)) points missing"
    case .pillar(let pillar):
      heading =
        "\(titleCase(pillar)) \(formatOneDecimal(gate.actual)) of \(plainDecimal(gate.threshold)): "
        + "\(formatOneDecimal(gate.pointsMissing)) pillar points missing"
    }
    if !closes(gate) { heading += " (even all of these fall short)" }
    return heading
  }

  /// Whether earning the gate's criteria in full reaches its threshold.
  func closes(_ gate: UnmetGate) -> Bool {
    switch gate.kind {
    case .required: return !gate.criteria.isEmpty
    case .overall: return roundedTo9(gate.actual + gate.criteria.reduce(0) { $0 + $1.gain }) >= gate.threshold
    case .pillar:
      return roundedTo9(gate.actual + gate.criteria.reduce(0) { $0 + $1.pillarGain }) >= gate.threshold
    }
  }

  /// Machines: one row per gate and criterion (a gate without criteria keeps one row), scores
  /// and points with one decimal as in every table (§7); for an unrated provider the gate is
  /// `coverage`, `Missing` is rubric weight, and the rows are the criteria without a value.
  var pathRows: Table {
    let columns = [
      Column("Target"), Column("Gate"), Column("Threshold", kind: .number), Column("Actual", kind: .number),
      Column("Missing", kind: .number, key: "points_missing"), Column("Criterion", key: "criterion_id"),
      Column("Pillar"), Column("Points", kind: .number), Column("Weight", kind: .number),
      Column("Gain", kind: .number), Column("Pillar gain", kind: .number), Column("Required for"),
    ]
    var rows: [[Cell]] = []
    if score.tier == .unrated {
      let gate: [Cell] = [
        .text(nil), .text("coverage"), .decimal(TierRule.minimumCoveragePct), .oneDecimal(score.coveragePct),
        .decimal(path.coverageWeightMissing),
      ]
      for result in path.criteriaWithoutValue {
        rows.append(
          gate + [
            .text(result.criterion.id), .text(result.criterion.pillar), .oneDecimal(result.points),
            .decimal(result.criterion.weight), .empty, .empty, .text(result.criterion.requiredFor?.rawValue),
          ])
      }
      if rows.isEmpty { rows.append(gate) }
      return Table(columns: columns, rows: rows)
    }
    for gate in path.gates {
      let lead: [Cell] = [
        .text(path.target?.rawValue), .text(gateLabel(gate.kind)), .decimal(gate.threshold),
        .oneDecimal(gate.actual), .oneDecimal(gate.pointsMissing),
      ]
      if gate.criteria.isEmpty { rows.append(lead) }
      for improvement in gate.criteria {
        let criterion = improvement.result.criterion
        rows.append(
          lead + [
            .text(criterion.id), .text(criterion.pillar), .oneDecimal(improvement.result.points),
            .decimal(criterion.weight), .oneDecimal(improvement.gain), .oneDecimal(improvement.pillarGain),
            .text(criterion.requiredFor?.rawValue),
          ])
      }
    }
    return Table(columns: columns, rows: rows)
  }

  // MARK: JSON

  /// `{"as_of", "rubric_version", "provider_id", "name", "tier", "score", "coverage_pct",
  /// "pillars": {PILLAR: {"score", "points", "weight", "criteria": [...]}}, "next_tier": {...}}`;
  /// scores, points and gains are the 9-decimal values (§7).
  package var json: JSONValue {
    var pillars: [String: JSONValue] = [:]
    for pillar in score.pillars {
      pillars[pillar.pillar] = .object([
        "score": .metric(pillar.score),
        "points": .metric(pillar.points),
        "weight": .number(pillar.weight),
        "criteria": .array(pillar.criteria.map(criterionJSON)),
      ])
    }
    return .object([
      "as_of": .string(asOf.description),
      "rubric_version": .string(rubricVersion),
      "provider_id": .string(score.providerID),
      "name": .string(score.name),
      "tier": .string(score.tier.rawValue),
      "score": .metric(score.score),
      "coverage_pct": .metric(score.coveragePct),
      "pillars": .object(pillars),
      "next_tier": nextTierJSON,
    ])
  }

  /// `{"target", "at_top", "gates": [...], "coverage_weight_missing", "criteria_without_value"}`:
  /// `target` is null for platinum (`at_top`) and for unrated, whose path is coverage.
  var nextTierJSON: JSONValue {
    .object([
      "target": JSONValue(path.target?.rawValue),
      "at_top": .bool(score.tier == .platinum),
      "gates": .array(
        path.gates.map { gate in
          var criterionID: String?
          var requiredFor: String?
          var pillar: String?
          switch gate.kind {
          case .required(let id, let tier):
            criterionID = id
            requiredFor = tier.rawValue
          case .overall: break
          case .pillar(let name): pillar = name
          }
          return .object([
            "gate": .string(gateName(gate.kind)),
            "criterion_id": JSONValue(criterionID),
            "required_for": JSONValue(requiredFor),
            "pillar": JSONValue(pillar),
            "threshold": .metric(gate.threshold),
            "actual": .metric(gate.actual),
            "points_missing": .metric(gate.pointsMissing),
            "criteria": .array(
              gate.criteria.map { improvement in
                let criterion = improvement.result.criterion
                return .object([
                  "criterion_id": .string(criterion.id),
                  "pillar": .string(criterion.pillar),
                  "title": .string(criterion.title),
                  "points": .metric(improvement.result.points),
                  "weight": .number(criterion.weight),
                  "gain": .metric(improvement.gain),
                  "pillar_gain": .metric(improvement.pillarGain),
                  "required_for": JSONValue(criterion.requiredFor?.rawValue),
                ])
              }),
          ])
        }),
      "coverage_weight_missing": .metric(path.coverageWeightMissing),
      "criteria_without_value": .array(
        path.criteriaWithoutValue.map { result in
          .object([
            "criterion_id": .string(result.criterion.id),
            "pillar": .string(result.criterion.pillar),
            "title": .string(result.criterion.title),
            "weight": .number(result.criterion.weight),
            "required_for": JSONValue(result.criterion.requiredFor?.rawValue),
          ])
        }),
    ])
  }

  /// A criterion as JSON; `value` is typed by kind (`true`, `3`, `99.95`), null without one.
  func criterionJSON(_ result: CriterionResult) -> JSONValue {
    let criterion = result.criterion
    return .object([
      "criterion_id": .string(criterion.id),
      "title": .string(criterion.title),
      "kind": .string(criterion.kind.rawValue),
      "source": .string(criterion.effectiveSource.rawValue),
      "value": typedValue(result.value, kind: criterion.kind),
      "evidence": JSONValue(result.evidence),
      "assessed_on": JSONValue(result.assessedOn?.description),
      "points": .metric(result.points),
      "weight": .number(criterion.weight),
      "required_for": JSONValue(criterion.requiredFor?.rawValue),
      "earned_in_full": .bool(result.isEarnedInFull),
    ])
  }

  private func typedValue(_ text: String?, kind: CriterionKind) -> JSONValue {
    guard let text else { return .null }
    if kind == .bool, text == "true" || text == "false" { return .bool(text == "true") }
    if kind != .bool, let number = assessmentValue(Substring(text), kind: kind) { return .number(number) }
    return .string(text)
  }

  /// `overall`, `pillar:networking`, `required:hardware_sla` (tsv, csv).
  private func gateLabel(_ kind: UnmetGate.Kind) -> String {
    switch kind {
    case .required(let criterionID, _): return "required:" + criterionID
    case .overall: return "overall"
    case .pillar(let pillar): return "pillar:" + pillar
    }
  }

  private func gateName(_ kind: UnmetGate.Kind) -> String {
    switch kind {
    case .required: return "required"
    case .overall: return "overall"
    case .pillar: return "pillar"
    }
  }
}
