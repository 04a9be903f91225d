import ArgumentParser

struct Neocloud: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "neocloud",
    abstract: "Rank GPU clouds ClusterMAX-style and project their debt-service risk.",
    discussion: """
      Import provider CSVs into a local SQLite database, rank providers into tiers with every \
      point traced to evidence, and project monthly cash flow to flag providers whose debt \
      service beats what their fleet earns.

      Example:
        neocloud init && neocloud import Samples/ && neocloud rank && neocloud risk
      """,
    version: "0.1.0",
    subcommands: [
      InitCommand.self, ImportCommand.self, ExportCommand.self, RankCommand.self, RiskCommand.self,
      ScheduleCommand.self, ShowCommand.self, CustomersCommand.self, ExplainCommand.self, ReportCommand.self,
      RecomputeCommand.self, HistoryCommand.self, GlossaryCommand.self, EvidenceCommand.self,
    ])

  @OptionGroup var global: GlobalOptions
}
