import ArgumentParser
import Engine

/// `--db`, shared by the root and every subcommand so both `neocloud --db X rank` and
/// `neocloud rank --db X` parse (§8).
struct GlobalOptions: ParsableArguments {
  @Option(
    name: .long,
    help: ArgumentHelp("Database file (default: $NEOCLOUD_DB, else ./neocloud.sqlite).", valueName: "path"))
  var db: String?
}

extension ParsableCommand {
  var context: Context { NeocloudMain.context }
}

/// The check of `--wait SECONDS` for `import` and `evidence`: a finite number of seconds ≥ 0.
func validateLockWait(_ wait: Double?) throws {
  if let wait, !(wait.isFinite && wait >= 0) {
    throw ValidationError("--wait must be a number of seconds ≥ 0, got \(wait).")
  }
}

/// `--as-of DATE`: the reports' as-of date (§5).
struct AsOfOption: ParsableArguments {
  @Option(
    name: .customLong("as-of"),
    help: ArgumentHelp("The as-of date, YYYY-MM-DD (default: today, UTC).", valueName: "date"),
    transform: parseDay)
  var asOf: Day?
}

/// `--format` and `--output`: how and where a text report is written (§5).
struct OutputOptions: ParsableArguments {
  @Option(
    help: ArgumentHelp(
      "Output format (\(OutputFormat.values()); xlsx for rank, risk, show and customers only; default: table on a terminal, else tsv).",
      valueName: "format"),
    transform: OutputFormat.parser("a format"))
  var format: OutputFormat?

  @Option(
    help: ArgumentHelp(
      "Write the report to this file instead of standard output ('-' is standard output); without --format its extension names the format.",
      valueName: "file"))
  var output: String?

  /// Without --format the --output extension must name a format (exit 64 naming them).
  func validate() throws {
    if format == nil, let output, !OutputTarget.isStandardOutput(output),
      OutputFormat(fileExtensionOf: output) == nil
    {
      throw ValidationError(OutputFormat.unknownExtensionMessage(output))
    }
  }

  var reportOutput: ReportOutput { ReportOutput(format: format, path: output) }
}

/// `--as-of`, `--format`, `--output`: shared by every text report command (§5).
struct ReportOptions: ParsableArguments {
  @OptionGroup var asOf: AsOfOption
  @OptionGroup var output: OutputOptions

  var day: Day? { asOf.asOf }
  var reportOutput: ReportOutput { output.reportOutput }
}
