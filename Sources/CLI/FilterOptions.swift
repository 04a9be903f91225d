import ArgumentParser
import Engine
import Foundation

/// `--segment`, `--country`, `--gpu-model`: which providers `rank` and `risk` list.
struct ProviderFilterOptions: ParsableArguments {
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

  var filters: RankUseCase.Filters { RankUseCase.Filters(segment: segment, country: country, gpuModel: gpuModel) }
}

/// `--since RUN`: the recompute run a Change column compares with.
struct SinceOption: ParsableArguments {
  @Option(
    help: ArgumentHelp(
      "Compare the Change column with this recompute run (default: the run before the latest; `neocloud history` lists them).",
      valueName: "run"))
  var since: Int64?
}

/// Parses one `--grade` value: a grade or a comma-separated list of them, any case.
@Sendable func parseGrades(_ text: String) throws -> [RiskGrade] {
  let names = RiskGrade.allCases.map(\.rawValue)
  return try text.split(separator: ",", omittingEmptySubsequences: false).map { part in
    let name = part.trimmingCharacters(in: .whitespaces).lowercased()
    if let grade = RiskGrade(rawValue: name) { return grade }
    let hint = closestName(name, among: names).map { " (did you mean '\($0)'?)" } ?? ""
    throw InvalidValue(description: "'\(part)' is not a grade\(hint); use one of \(names.joined(separator: ", ")).")
  }
}
