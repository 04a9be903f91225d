import ArgumentParser
import Engine

struct RiskCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "risk",
    abstract: "Project each provider's cash flow and flag those whose debt service beats what they earn.",
    discussion: """
      Providers come riskiest first: grade (critical, high, elevated, low), then runway, then \
      DSCR12. Stress the base case with --utilization, --price-shock, --price-decay, \
      --rate-shock and --horizon; a stressed report says so in its first line (table, markdown), \
      in extra columns (tsv, csv) and in `assumptions` (json).

      Examples:
        neocloud risk
        neocloud risk --utilization 55 --price-shock -30 --rate-shock 200
      """)

  @OptionGroup var global: GlobalOptions
  @OptionGroup var report: ReportOptions
  @OptionGroup var stress: StressOptions

  func run() throws {
    try RiskUseCase.run(
      RiskUseCase.Request(
        database: global.db, asOf: report.day, assumptions: stress.assumptions, output: report.reportOutput),
      context: context)
  }
}
