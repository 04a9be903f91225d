import Domain
import Scoring

/// What `explain PROVIDER` prints (§3): every criterion by pillar with its value, evidence and
/// points of weight; the pillar scores, overall score, coverage and tier; then the path to the
/// next tier from ``nextTierPath(_:rubric:)``.
///
/// Table and markdown print titled sections; tsv and csv print one of the sections `criteria`
/// (the default), `pillars`, `summary` and `next_tier` as a rectangular table (``Section``).
package struct ExplainReport: Sendable, SectionedDocument {
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

  /// `section` picks the table tsv and csv write; the other formats hold every section. `width`:
  /// the terminal's width for `table` (nil: never truncated).
  package func render(_ format: OutputFormat, section: Section = .criteria, width: TerminalWidth? = nil) -> String {
    renderSections(format, section: section, width: width)
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
            table: criteriaTable([pillar], withPillar: false, forPeople: true), emptyNote: "no criteria"))
      }
    } else {
      sections.append(
        ReportSection(
          name: "criteria", title: "Criteria", table: criteriaTable(score.pillars, withPillar: true, forPeople: false)))
    }
    sections.append(ReportSection(name: "pillars", title: "Pillars", table: pillarsTable))
    sections.append(
      ReportSection(
        name: "summary", title: "Summary", table: summaryTable, layout: forPeople ? .fields : .rows,
        notes: staleNotes))
    sections.append(forPeople ? pathSection : ReportSection(name: "next_tier", title: "Next tier", table: pathRows))
    return sections
  }

  /// People read `stale` (or nothing) in the Stale column; machines read `true` or `false`.
  func criteriaTable(_ pillars: [PillarScore], withPillar: Bool, forPeople: Bool) -> Table {
    var columns = [
      Column("Criterion", key: "criterion_id"), Column("Title"), Column("Kind"), Column("Value"),
      Column("Points", kind: .number), Column("Weight", kind: .number), Column("Required for"),
      Column("Assessed on"), Column("Stale"), Column("Evidence"),
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
          .text(result.assessedOn?.description),
          .text(forPeople ? (result.isStale ? "stale" : nil) : (result.isStale ? "true" : "false")),
          .text(result.evidence),
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

  /// The freshness rule in words, when any criterion rests on stale evidence.
  var staleNotes: [String] {
    let stale = score.criteria.filter(\.isStale).count
    guard stale > 0 else { return [] }
    let policy = score.freshness
    return [
      "\(stale) \(stale == 1 ? "criterion rests" : "criteria rest") on stale evidence (assessments older than "
        + "\(policy.assessmentMaxAgeMonths) months, uptime data older than \(policy.uptimeMaxAgeMonths) months): "
        + (stale == 1 ? "it keeps its points but counts" : "they keep their points but count")
        + " at half weight in coverage."
    ]
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
}
