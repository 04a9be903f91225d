import ArgumentParser
import Engine

struct HistoryCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "history",
    abstract: "List the stored runs, and how one provider's tier, score, grade and DSCR12 moved.",
    discussion: """
      Every `neocloud recompute` stores a run: when it started and finished, its as-of date, the \
      rubric version, the input fingerprint (a hash of every input table, the same for the same \
      data) and whether it printed change lines. With PROVIDER, the table lists the provider's \
      tier, score, grade and DSCR12 in each run; JSON carries both the runs and the provider.

      --last prints the age of the last run, for monitoring the nightly schedule, and exits 1 \
      when it is older than 36 hours or when there is no run at all.

      --run N prints the change lines run N printed, exactly as `neocloud recompute` printed \
      them (nothing when it printed none), for a run whose output was lost.

      Examples:
        neocloud history
        neocloud history ionic-labs --format json
        neocloud history --last || echo "the nightly recompute has stopped"
        neocloud history --run 12
      """)

  /// `--last` exits 1 when the last run is stale or missing (§5), like a monitoring check.
  static let staleExitCode = ExitCode(1)

  @OptionGroup var global: GlobalOptions

  @Argument(help: ArgumentHelp("Show how this provider moved from run to run.", valueName: "provider"))
  var provider: String?

  @OptionGroup var outputOptions: OutputOptions

  @Option(
    parsing: .unconditional,
    help: ArgumentHelp("Only the last N runs (default: all).", valueName: "n"))
  var limit: Int?

  @Flag(help: "Print the age of the last run; exit 1 when it is older than 36 hours or there is none.")
  var last = false

  @Option(
    name: .customLong("run"),
    help: ArgumentHelp("Print the change lines this run printed.", valueName: "run-id"))
  var runID: Int64?

  func validate() throws {
    if let limit, limit < 1 {
      throw ValidationError("--limit must be at least 1, got \(limit).")
    }
    if last && (provider != nil || outputOptions.format != nil || outputOptions.output != nil || limit != nil) {
      throw ValidationError("--last prints one line: use it without PROVIDER, --format, --output or --limit.")
    }
    if runID != nil
      && (last || provider != nil || outputOptions.format != nil || outputOptions.output != nil || limit != nil)
    {
      throw ValidationError(
        "--run prints one run's change lines: use it without PROVIDER, --last, --format, --output or --limit.")
    }
  }

  func run() throws {
    let request = HistoryUseCase.Request(
      database: global.db, providerID: provider, limit: limit, output: outputOptions.reportOutput)
    if let runID {
      try HistoryUseCase.printChangeLines(request, runID: runID, context: context)
      return
    }
    if last {
      let lastRun = try HistoryUseCase.last(request, context: context)
      if lastRun?.isStale ?? true { throw HistoryCommand.staleExitCode }
      return
    }
    try HistoryUseCase.run(request, context: context)
  }
}
