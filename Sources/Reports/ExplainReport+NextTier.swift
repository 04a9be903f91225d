import Domain
import Scoring

/// The path to the next tier: the gates not met and the criteria that would close them.
extension ExplainReport {
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
        ] + staleRefreshNotes,
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

  var improvementColumns: [Column] {
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
}

extension ExplainReport {
  /// Unrated: the stale criteria whose fresh evidence would add the other half of their weight.
  var staleRefreshNotes: [String] {
    guard !path.staleCriteria.isEmpty else { return [] }
    return [
      "Fresh evidence for stale criteria adds the other half of their weight: "
        + path.staleCriteria.map { "\($0.criterion.id) (\(plainDecimal($0.criterion.weight)))" }
        .joined(separator: ", ") + "."
    ]
  }
}
