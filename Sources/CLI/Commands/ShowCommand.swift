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
      first line (table, markdown), in extra columns of the risk and months blocks (tsv, csv) \
      and in `assumptions` (json).

      tsv and csv hold several tables: each section (profile, facilities, fleets, loans, \
      contracts, uptime, risk, months, payments) is a block of a header line and its rows, \
      every line starting with the section name, blocks separated by one blank line; e.g. \
      `neocloud show gale-metal --format tsv | grep '^months'` keeps the monthly projection. \
      json is the provider's object of `risk --format json` with `months` (M1…MH) and `loans` \
      (each with `ltv_book` and its `payments`), plus the top-level `as_of` and `assumptions` of \
      `risk`, so that a stressed document says so.

      Examples:
        neocloud show gale-metal
        neocloud show gale-metal --utilization 55 --rate-shock 200 --format json
      """)

  @OptionGroup var global: GlobalOptions
  @OptionGroup var report: ReportOptions
  @OptionGroup var stress: StressOptions

  @Argument(help: ArgumentHelp("The provider_id to show.", valueName: "provider"))
  var provider: String

  func run() throws {
    try ShowUseCase.run(
      ShowUseCase.Request(
        database: global.db, providerID: provider, asOf: report.day, assumptions: stress.assumptions,
        output: report.reportOutput),
      context: context)
  }
}
