import ArgumentParser
import Engine

struct RankCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "rank",
    abstract: "Rank providers into ClusterMAX-style tiers, Platinum first.",
    discussion: """
      Every provider is scored on each pillar of the rubric (reliability, networking, software, \
      security, ...) from its latest assessments on or before --as-of and from its stored uptime \
      and fleet data; `neocloud explain PROVIDER` shows where each point comes from. Ranks are \
      positions among all providers, also when a filter hides some. The Change column compares \
      with the recompute run before the latest (so right after a nightly run it shows what that \
      run moved), or with --since RUN.

      Examples:
        neocloud rank
        neocloud rank --segment neocloud --gpu-model H100 --format json
        neocloud rank --since 12
      """)

  @OptionGroup var global: GlobalOptions
  @OptionGroup var report: ReportOptions

  @OptionGroup var filter: ProviderFilterOptions
  @OptionGroup var since: SinceOption

  func run() throws {
    try RankUseCase.run(
      RankUseCase.Request(
        database: global.db, asOf: report.day,
        filters: filter.filters, output: report.reportOutput, since: since.since),
      context: context)
  }
}
