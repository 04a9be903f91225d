import ArgumentParser
import Domain
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

  @Option(help: "Only providers of this segment (neocloud, hyperscaler, sovereign, marketplace, other).")
  var segment: String?

  @Option(help: "Only providers in this country (ISO 3166-1 alpha-2, e.g. US).")
  var country: String?

  @Option(name: .customLong("gpu-model"), help: "Only providers with a fleet of this GPU model (exact, e.g. H100).")
  var gpuModel: String?

  func validate() throws {
    if let segment, Segment(rawValue: segment) == nil {
      throw ValidationError(
        "--segment '\(segment)' is not a segment: use one of "
          + Segment.allCases.map(\.rawValue).joined(separator: ", ") + ".")
    }
  }

  func run() throws {
    let store = try Databases.open(global.db, context: context)
    let filters = RankUseCase.Filters(
      segment: segment.flatMap(Segment.init(rawValue:)), country: country, gpuModel: gpuModel)
    let result = try RankUseCase.run(store: store, asOf: report.day(context), filters: filters)
    try report.emit(context, workbook: { result.workbook }, text: result.render)
  }
}
