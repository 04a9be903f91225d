import Domain
import Scoring

/// What `rank` prints: tiers grouped Platinum first (§5), with the change since the last run.
package struct RankReport: Sendable {
  package struct Change: Hashable, Sendable {
    /// The tier in the baseline run.
    package var previousTier: String
    /// Score now − score then, rounded to 9 decimals (nil when either score is undefined).
    package var scoreDelta: Double?

    package init(previousTier: String, scoreDelta: Double?) {
      self.previousTier = previousTier
      self.scoreDelta = scoreDelta
    }
  }

  package struct Row: Sendable {
    package var ranked: RankedProvider
    /// nil when there is no baseline run or the provider was not in it.
    package var change: Change?

    package init(ranked: RankedProvider, change: Change?) {
      self.ranked = ranked
      self.change = change
    }
  }

  package var asOf: Day
  package var rubricVersion: String
  package var pillars: [String]
  package var rows: [Row]
  /// Whether a baseline run exists (then table and markdown show the change column; tsv and csv
  /// always have it, empty without a baseline).
  package var hasBaseline: Bool
  /// The run the change column compares with, when known.
  package var baselineRunID: Int64?

  package init(
    asOf: Day, rubricVersion: String, pillars: [String], rows: [Row], hasBaseline: Bool, baselineRunID: Int64? = nil
  ) {
    self.asOf = asOf
    self.rubricVersion = rubricVersion
    self.pillars = pillars
    self.rows = rows
    self.hasBaseline = hasBaseline
    self.baselineRunID = baselineRunID
  }

  /// `width`: the terminal's width for `table` (nil: never truncated).
  package func render(_ format: OutputFormat, width: TerminalWidth? = nil) -> String {
    format == .json
      ? json.render()
      : table(forMachines: format == .tsv || format == .csv).render(format, width: width) + format.glossaryFooter()
  }

  /// `--format xlsx`: the sheet `providers` (the tsv columns, keys as headers) and the sheet
  /// `about` (as-of date and rubric version).
  package var workbook: Workbook {
    let about = Table(
      columns: [Column("as_of"), Column("rubric_version")],
      rows: [[.text(asOf.description), .text(rubricVersion)]])
    return Workbook(sheets: [
      Workbook.Sheet(name: "providers", table: table(forMachines: true)),
      Workbook.Sheet(name: "about", table: about),
    ])
  }

  /// The table people read: the change column only when there is a baseline.
  package var table: Table { table(forMachines: false) }

  /// Grouped by tier in table and markdown; one flat list in tsv and csv. Machines get the same
  /// columns whatever the state (the change column is there, empty, without a baseline); a
  /// pillar's column is keyed by its JSON path (`pillars.reliability`).
  package func table(forMachines: Bool) -> Table {
    let withChange = hasBaseline || forMachines
    var columns = [
      Column("Rank", kind: .number), Column("Provider", key: "provider_id"), Column("Name"),
      Column("Tier"), Column("Overall", kind: .number, key: "score"),
    ]
    columns += pillars.map { Column(titleCase($0), kind: .number, key: "pillars." + $0) }
    columns.append(Column("Coverage %", kind: .number, key: "coverage_pct"))
    if withChange { columns.append(Column("Change", key: "change")) }
    var groups: [RowGroup] = []
    for tier in Tier.allCases {
      let rows = self.rows.filter { $0.ranked.score.tier == tier }
      guard !rows.isEmpty else { continue }
      groups.append(RowGroup(title: titleCase(tier.rawValue), rows: rows.map { cells($0, withChange: withChange) }))
    }
    var title = "As of \(asOf) · rubric \(rubricVersion)"
    if hasBaseline, let baselineRunID { title += " · change since run \(baselineRunID)" }
    return Table(titleLines: [title], columns: columns, groups: groups)
  }

  private func cells(_ row: Row, withChange: Bool) -> [Cell] {
    let score = row.ranked.score
    var cells: [Cell] = [
      .integer(row.ranked.rank), .text(score.providerID), .text(score.name), .text(score.tier.rawValue),
      .oneDecimal(score.score),
    ]
    cells += pillars.map { .oneDecimal(score.pillar($0)?.score) }
    cells.append(.oneDecimal(score.coveragePct))
    if withChange { cells.append(hasBaseline ? .text(describe(row.change, tier: score.tier)) : .empty) }
    return cells
  }

  private func describe(_ change: Change?, tier: Tier) -> String {
    guard let change else { return "new" }
    let previous = change.previousTier
    guard let delta = change.scoreDelta else { return previous == tier.rawValue ? "" : "from \(previous)" }
    let deltaText = formatOneDecimal(delta)
    let signed = delta > 0 && deltaText != "0.0" ? "+" + deltaText : deltaText
    return previous == tier.rawValue ? signed : "\(previous) -> \(tier.rawValue), \(signed)"
  }

  /// `{"as_of", "rubric_version", "providers": [...]}` exactly as §5.
  package var json: JSONValue {
    .object([
      "as_of": .string(asOf.description),
      "rubric_version": .string(rubricVersion),
      "providers": .array(
        rows.map { row in
          let score = row.ranked.score
          var pillarScores: [String: JSONValue] = [:]
          for pillar in score.pillars { pillarScores[pillar.pillar] = .metric(pillar.score) }
          let change: JSONValue =
            row.change.map {
              .object([
                "previous_tier": .string($0.previousTier), "score_delta": .metric($0.scoreDelta),
              ])
            } ?? .null
          return .object([
            "rank": .integer(Int64(row.ranked.rank)),
            "provider_id": .string(score.providerID),
            "name": .string(score.name),
            "tier": .string(score.tier.rawValue),
            "score": .metric(score.score),
            "pillars": .object(pillarScores),
            "coverage_pct": .metric(score.coveragePct),
            "change": change,
          ])
        }),
    ])
  }
}

/// `reliability` → `Reliability`, `interest_only` → `Interest only`.
package func titleCase(_ name: String) -> String {
  let spaced = name.replacingOccurrences(of: "_", with: " ")
  return spaced.prefix(1).uppercased() + spaced.dropFirst()
}
