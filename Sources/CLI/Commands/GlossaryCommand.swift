import ArgumentParser
import Engine

struct GlossaryCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "glossary",
    abstract: "Define the words of the reports: flags, grades, tiers, figures and stress options.",
    discussion: """
      Every risk flag with its threshold, every risk grade and tier, the figures (DSCR 12m, \
      break-even, runway, rubric coverage, …) and the stress options of `risk`, `show` and \
      `report`. The HTML report's definitions come from the same text. TERM may be written as \
      reports print it or as its JSON key (`DSCR 12m`, `dscr_12m`, `--rate-shock`, `rate-shock`).

      Examples:
        neocloud glossary
        neocloud glossary covenant_breach
        neocloud glossary --format json
      """)

  @OptionGroup var global: GlobalOptions
  @OptionGroup var output: OutputOptions

  @Argument(help: ArgumentHelp("The term to define (default: every term).", valueName: "term"))
  var term: String?

  func run() throws {
    try GlossaryUseCase.run(
      GlossaryUseCase.Request(term: term, output: output.reportOutput, database: global.db), context: context)
  }
}
