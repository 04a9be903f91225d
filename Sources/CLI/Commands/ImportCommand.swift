import ArgumentParser
import Engine
import Foundation
import Import
import Reports

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

  @Option(help: "Treat every file as this kind instead of detecting it from the header.")
  var kind: String?

  @Flag(name: .customLong("dry-run"), help: "Validate only; write nothing.")
  var dryRun = false

  @Flag(
    help: """
      For each kind imported, delete rows of providers present in the file whose keys the file \
      does not list (market_prices: per gpu_model).
      """)
  var replace = false

  @Option(help: ArgumentHelp("Write every error as CSV (file,line,column,reason,record).", valueName: "file"))
  var rejects: String?

  @Option(
    parsing: .unconditional, help: ArgumentHelp("Wait up to this long for the database lock.", valueName: "seconds"))
  var wait: Double = 0

  func validate() throws {
    if let kind, Kind(rawValue: kind) == nil {
      let names = Kind.allCases.map(\.rawValue)
      let hint = closestKind(kind, among: names).map { " (did you mean '\($0)'?)" } ?? ""
      throw ValidationError("--kind '\(kind)' is not a kind\(hint): use one of \(names.joined(separator: ", ")).")
    }
    if !(wait.isFinite && wait >= 0) {
      throw ValidationError("--wait must be a number of seconds ≥ 0, got \(wait).")
    }
  }

  func run() throws {
    let progress = context.stderrIsTerminal ? ImportProgressPrinter(sink: context.stderr) : nil
    var options = ImportOptions(
      kind: kind.flatMap(Kind.init(rawValue:)), dryRun: dryRun, replace: replace,
      rejectsPath: rejects.map { context.absolutePath($0) })
    if let progress {
      options.progress = { @Sendable update in progress.update(update) }
    }
    defer { progress?.finish() }
    let summary = try ImportUseCase.importFiles(
      paths.map(displayPath), dbOption: global.db, options: options,
      waitSeconds: wait, context: context)
    progress?.finish()
    context.stderr.write(summary.line + "\n")
  }

  /// Relative paths stay as typed (errors name them as the user wrote them) but resolve
  /// against the injected working directory.
  private func displayPath(_ path: String) -> String {
    if path == standardInputArgument { return path }
    return context.currentDirectory == FileManager.default.currentDirectoryPath ? path : context.absolutePath(path)
  }
}

func closestKind(_ input: String, among names: [String]) -> String? {
  Reports.closestMatch(input, among: names)
}
