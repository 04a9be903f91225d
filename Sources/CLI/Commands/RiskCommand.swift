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
      in extra columns (tsv, csv) and in `assumptions` (json). --segment, --country and \
      --gpu-model filter as in `rank`; --grade keeps only the grades named (repeat it, or give a \
      comma list: --grade critical,high); --top N keeps the N riskiest of what is left.

      --simulate N adds each provider's probability of running out of cash within 12 months and \
      within the horizon over N Monte Carlo paths (pd_12m, pd_horizon, 95 % Wilson intervals), \
      and the portfolio's expected number of defaults; within a grade, the higher pd_horizon \
      comes first. The same N, --seed, data and options give the same output.

      Examples:
        neocloud risk
        neocloud risk --utilization 55 --price-shock -30 --rate-shock 200
        neocloud risk --country US --grade critical,high --top 10
        neocloud risk --simulate 10000 --seed 7
      """)

  @OptionGroup var global: GlobalOptions
  @OptionGroup var report: ReportOptions
  @OptionGroup var stress: StressOptions
  @OptionGroup var filter: ProviderFilterOptions
  @OptionGroup(title: "Simulation") var simulation: SimulationOptions

  @Option(
    name: .customLong("grade"),
    help: ArgumentHelp(
      "Only providers of these grades: repeat it or give a comma list (values: critical, high, elevated, low).",
      valueName: "grade"),
    transform: parseGrades)
  var grades: [[RiskGrade]] = []

  @Option(help: ArgumentHelp("Only the N riskiest providers (after the other filters).", valueName: "n"))
  var top: Int?

  func validate() throws {
    if let top, top < 1 { throw ValidationError("--top must be 1 or more (got \(top)).") }
  }

  func run() throws {
    try RiskUseCase.run(
      RiskUseCase.Request(
        database: global.db, asOf: report.day, assumptions: simulation.applied(to: stress.assumptions),
        output: report.reportOutput,
        filters: filter.filters, grades: Set(grades.joined()), top: top),
      context: context)
  }
}
