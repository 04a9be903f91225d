import ArgumentParser
import Domain
import Engine
import Foundation
import Reports

/// `--db`, shared by the root and every subcommand so both `neocloud --db X rank` and
/// `neocloud rank --db X` parse (§8).
struct GlobalOptions: ParsableArguments {
  @Option(
    name: .long,
    help: ArgumentHelp(
      "Database file (default: $NEOCLOUD_DB, else ./neocloud.sqlite).", valueName: "path"))
  var db: String?
}

extension ParsableCommand {
  var context: Context { NeocloudMain.context }
}

/// `--as-of DATE`: the reports' as-of date (§5).
struct AsOfOption: ParsableArguments {
  @Option(
    name: .customLong("as-of"),
    help: ArgumentHelp("The as-of date, YYYY-MM-DD (default: today, UTC).", valueName: "date"))
  var asOf: String?

  func validate() throws {
    if let asOf, Day(asOf) == nil {
      throw ValidationError("--as-of '\(asOf)' is not a date that exists: use YYYY-MM-DD, e.g. 2026-11-23.")
    }
  }

  /// The as-of date: the option, else today in UTC.
  func day(_ context: Context) -> Day {
    asOf.flatMap { Day($0) } ?? context.today()
  }
}

/// `--format` and `--output`: how and where a text report is written (§5).
struct OutputOptions: ParsableArguments {
  @Option(
    help: ArgumentHelp(
      "Output format: table, tsv, json, csv or markdown (default: table on a terminal, else tsv).",
      valueName: "format"))
  var format: String?

  @Option(
    help: ArgumentHelp(
      "Write the report to this file instead of standard output ('-' is standard output); without --format its extension names the format.",
      valueName: "file"))
  var output: String?

  func validate() throws {
    if let format {
      do {
        _ = try OutputFormat.parse(format)
      } catch {
        throw ValidationError(error.description)
      }
    } else if let output, !OutputTarget.isStandardOutput(output),
      OutputFormat(fileExtensionOf: output) == nil
    {
      throw ValidationError(OutputFormat.unknownExtensionMessage(output))
    }
  }

  /// The explicit format, else the one the --output extension names, else table on a
  /// terminal and tsv otherwise.
  func resolvedFormat(_ context: Context) -> OutputFormat {
    if let format, let parsed = try? OutputFormat.parse(format) { return parsed }
    if let output, !OutputTarget.isStandardOutput(output), let implied = OutputFormat(fileExtensionOf: output) {
      return implied
    }
    return OutputFormat.defaultFormat(stdoutIsTerminal: context.stdoutIsTerminal)
  }

  /// Writes the rendered report to standard output or to --output (see `OutputTarget`), never
  /// onto the database's own files.
  func emit(_ text: String, _ context: Context, database: String) throws {
    guard let output, !OutputTarget.isStandardOutput(output) else {
      context.stdout.write(text)
      return
    }
    try OutputTarget.write(text, to: context.absolutePath(output), database: database)
  }
}

/// `--as-of`, `--format`, `--output`: shared by every text report command (§5).
struct ReportOptions: ParsableArguments {
  @OptionGroup var asOf: AsOfOption
  @OptionGroup var output: OutputOptions

  func day(_ context: Context) -> Day { asOf.day(context) }
  func resolvedFormat(_ context: Context) -> OutputFormat { output.resolvedFormat(context) }
  func emit(_ text: String, _ context: Context, database: String) throws {
    try output.emit(text, context, database: database)
  }
}
