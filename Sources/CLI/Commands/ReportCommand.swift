import ArgumentParser
import Engine

struct ReportCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "report",
    abstract: "Write one self-contained HTML page: tiers, risk, charts and movement since the last runs.",
    discussion: """
      The page holds the tier table (as `rank`), the risk table (as `risk`), DSCR12 against \
      1.0× and each provider's covenant, each provider's projected cash over the horizon, and \
      how tiers and grades moved over the last recompute runs. It loads nothing from the \
      network (no scripts, fonts or images), prints on A4 landscape, and can be mailed as it \
      is. The stress options work as in `risk`; a stressed page says STRESSED at the top. The \
      Tiers table's Change compares with the recompute run before the latest, or with --since RUN.

      Examples:
        neocloud report --output report.html
        neocloud report --output stressed.html --utilization 55 --price-shock -30
      """)

  @OptionGroup var global: GlobalOptions

  @OptionGroup var asOf: AsOfOption

  @Option(
    help: ArgumentHelp(
      "The HTML file to write (required, must end in .html; '-' is standard output).", valueName: "file"))
  var output: String?

  @OptionGroup var stress: StressOptions
  @OptionGroup(title: "Simulation") var simulation: SimulationOptions
  @OptionGroup var since: SinceOption

  func validate() throws {
    guard let output else {
      throw ValidationError("report needs --output FILE.html: it writes an HTML page, not text to the terminal.")
    }
    if OutputTarget.isStandardOutput(output) { return }
    let name = output.split(separator: "/").last.map(String.init) ?? output
    guard name.lowercased().hasSuffix(".html"), !name.hasPrefix(".html") else {
      throw ValidationError("--output '\(output)' must name an .html file, e.g. --output report.html.")
    }
  }

  func run() throws {
    guard let output else { throw ValidationError("report needs --output FILE.html.") }
    try ReportUseCase.run(
      ReportUseCase.Request(
        database: global.db, asOf: asOf.asOf, assumptions: simulation.applied(to: stress.assumptions),
        outputPath: output,
        since: since.since),
      context: context)
  }
}
