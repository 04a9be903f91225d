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
      positions among all providers, also when a filter hides some.

      Examples:
        neocloud rank
        neocloud rank --segment neocloud --gpu-model H100 --format json
      """)

  @OptionGroup var global: GlobalOptions
  @OptionGroup var report: ReportOptions

  @Option(
    help: ArgumentHelp("Only providers of this segment (\(Segment.values())).", valueName: "segment"),
    transform: Segment.parser("a segment"))
  var segment: Segment?

  @Option(
    help: ArgumentHelp("Only providers in this country (ISO 3166-1 alpha-2, any case, e.g. US).", valueName: "country"))
  var country: String?

  @Option(
    name: .customLong("gpu-model"),
    help: ArgumentHelp(
      "Only providers with a fleet of this GPU model (whole name, any case, e.g. H100).", valueName: "model"))
  var gpuModel: String?

  func run() throws {
    try RankUseCase.run(
      RankUseCase.Request(
        database: global.db, asOf: report.day,
        filters: RankUseCase.Filters(segment: segment, country: country, gpuModel: gpuModel),
        output: report.reportOutput),
      context: context)
  }
}
