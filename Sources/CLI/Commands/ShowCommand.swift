import ArgumentParser
import Engine

struct ShowCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "show",
    abstract: "Show one provider: profile, risk summary, monthly projection and loan schedules.",
    discussion: """
      A credit analyst's view of one provider: its financials, facilities, fleets, loans, \
      contracts and the last 12 months of uptime; the risk summary of `neocloud risk`; the \
      projection month by month (M1…MH: revenue, power, colocation, opex, CFADS, debt \
      service, balloons, capex, draws, cash); and each loan's payments with its book \
      loan-to-value. The stress options of `risk` apply; a stressed report says so in its \
      first line (table, markdown); tsv and csv always carry the assumptions as columns \
      (`assumptions.horizon_months`, `assumptions.utilization_pct`, …) in the risk and months \
      sections, and json in `assumptions`.

      tsv and csv write one rectangular table, the section --section names (default: months, \
      the projection M1…MH), its header line the JSON keys; e.g. `neocloud show gale-metal \
      --format csv --section loans`. json holds everything the table shows: the provider's \
      object of `risk --format json` with `months` (M1…MH), `loans` (every term, \
      `ltv_book_ratio` and the `payments`), `profile`, `facilities`, `fleets`, `contracts` and \
      `uptime`, plus the top-level `as_of` and `assumptions` of `risk`. Schema: \
      docs/schema/show.schema.json.

      Examples:
        neocloud show gale-metal
        neocloud show gale-metal --utilization 55 --rate-shock 200 --format json
      """)

  @OptionGroup var global: GlobalOptions
  @OptionGroup var report: ReportOptions
  @OptionGroup var stress: StressOptions
  @OptionGroup(title: "Simulation") var simulation: SimulationOptions

  @Option(
    help: ArgumentHelp(
      "The section tsv and csv write (\(ShowSection.values()); default: months).", valueName: "section"),
    transform: ShowSection.parser("a section of show"))
  var section: ShowSection?

  @Argument(help: ArgumentHelp("The provider_id to show.", valueName: "provider"))
  var provider: String

  func run() throws {
    try ShowUseCase.run(
      ShowUseCase.Request(
        database: global.db, providerID: provider, asOf: report.day,
        assumptions: simulation.applied(to: stress.assumptions),
        output: report.reportOutput, section: section ?? .months),
      context: context)
  }
}
