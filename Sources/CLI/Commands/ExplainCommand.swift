import ArgumentParser
import Engine

struct ExplainCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "explain",
    abstract: "Explain one provider's score criterion by criterion, and what it takes to reach the next tier.",
    discussion: """
      Every criterion of the rubric, pillar by pillar: its value (from the latest assessment \
      on or before --as-of, or derived from stored uptime and fleet data), evidence, date, \
      and the points it earns of its weight; then the pillar scores, overall score, coverage \
      and tier. The path to the next tier lists each gate not met, the points missing, and \
      the criteria that would close it: failing required_for criteria first, then by gain in \
      overall points. An unrated provider (coverage below 60 %) gets the rubric weight missing \
      and the criteria without a value, heaviest first.

      tsv and csv write one rectangular table, the section --section names (criteria, the \
      default; pillars; summary; next_tier), its header line the JSON keys. json: {as_of, rubric_version, provider_id, name, tier, score, \
      coverage_pct, pillars: {PILLAR: {score, points, weight, criteria: [...]}}, next_tier: \
      {target, at_top, gates: [{gate, criterion_id, required_for, pillar, threshold, actual, \
      points_missing, criteria: [...]}], coverage_weight_missing, criteria_without_value}}, \
      scores and points with 9 decimals, null where undefined. Schema: \
      docs/schema/explain.schema.json.

      Examples:
        neocloud explain auroragrid
        neocloud explain harbor-gpu --as-of 2026-06-30 --format json
      """)

  @OptionGroup var global: GlobalOptions
  @OptionGroup var report: ReportOptions

  @Option(
    help: ArgumentHelp(
      "The section tsv and csv write (\(ExplainSection.values()); default: criteria).", valueName: "section"),
    transform: ExplainSection.parser("a section of explain"))
  var section: ExplainSection?

  @Argument(help: ArgumentHelp("The provider_id to explain.", valueName: "provider"))
  var provider: String

  func run() throws {
    try ExplainUseCase.run(
      ExplainUseCase.Request(
        database: global.db, providerID: provider, asOf: report.day, output: report.reportOutput,
        section: section ?? .criteria),
      context: context)
  }
}
