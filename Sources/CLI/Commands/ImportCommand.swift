import ArgumentParser
import Engine

struct ImportCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "import",
    abstract: "Import provider CSV files (or every *.csv in a directory) into the database.",
    discussion: """
      Each file's kind (rubric, providers, facilities, market_prices, fleets, loans, contracts, \
      uptime, assessments) is detected from its header; files are imported in dependency order \
      and upserted by key. The whole invocation is one transaction: any error and nothing is \
      written. Errors read `file:line:column: reason` (at most 50 are printed; exit 65).

      Examples:
        neocloud import Samples/
        neocloud import --dry-run --rejects rejects.csv drop/fleets.csv
        neocloud import --replace --kind contracts contracts-2026-11.csv
        curl -s https://example.net/fleets.csv | neocloud import -
      """)

  @OptionGroup var global: GlobalOptions

  @Argument(help: ArgumentHelp("CSV files or directories; - reads standard input.", valueName: "file-or-dir"))
  var paths: [String]

  @Option(
    help: ArgumentHelp(
      "Treat every file as this kind instead of detecting it from the header (\(Kind.values())).",
      valueName: "kind"),
    transform: Kind.parser("a kind"))
  var kind: Kind?

  @Flag(name: .customLong("dry-run"), help: "Validate only; write nothing.")
  var dryRun = false

  @Flag(
    help: """
      For each kind imported, delete rows of providers present in the file whose keys the file \
      does not list (market_prices: per gpu_model).
      """)
  var replace = false

  @Option(
    help: ArgumentHelp(
      "Write every error as CSV (file,line,column,reason,record); '-' is standard output.", valueName: "file"))
  var rejects: String?

  @Option(
    parsing: .unconditional,
    help: ArgumentHelp("Wait up to this many seconds for the database lock (default: 0).", valueName: "seconds"))
  var wait: Double?

  func validate() throws {
    try validateLockWait(wait)
  }

  func run() throws {
    try ImportUseCase.run(
      ImportUseCase.Request(
        database: global.db, paths: paths, kind: kind, dryRun: dryRun, replace: replace, rejectsPath: rejects,
        waitSeconds: wait ?? 0),
      context: context)
  }
}
