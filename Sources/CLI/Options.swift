import ArgumentParser
import Domain
import Engine
import Foundation
import Reports
import Store

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

/// Where `--output` writes (issue 14): `-` and `/dev/stdout` are standard output; a regular
/// file is replaced atomically (temporary file and rename in its directory, its mode kept); a
/// symbolic link is written through to its target; a FIFO or character device is opened and
/// written in place. No output may be the database or one of its files (exit 64).
enum OutputTarget {
  /// `-`, `/dev/stdout` and the descriptor paths of standard output.
  static func isStandardOutput(_ path: String) -> Bool {
    ["-", "/dev/stdout", "/dev/fd/1", "/proc/self/fd/1"].contains(path)
  }

  /// Writes `text` to the file at `path`; a failure is one sentence that says what to do.
  static func write(_ text: String, to path: String, database: String) throws {
    try write(to: path, database: database) { file in try file.write(text) }
  }

  /// Writes bytes (a binary format such as a workbook) to the file at `path`.
  static func write(bytes: [UInt8], to path: String, database: String) throws {
    try write(to: path, database: database) { file in
      try bytes.withUnsafeBytes { buffer in try file.write(buffer) }
    }
  }

  private static func write(to path: String, database: String, _ body: (OutputFile) throws -> Void) throws {
    do {
      let file = try OutputFile.create(
        path, policy: .writeThrough, protecting: DatabaseFiles(databasePath: database))
      do {
        try body(file)
        try file.commit()
      } catch {
        file.discard()
        throw error
      }
    } catch let error as OutputFileError {
      switch error.problem {
      case .missingDirectory(let directory):
        throw EngineError.cannotWrite(
          path: path, reason: "directory '\(directory)' does not exist: create it or choose another --output")
      case .isDirectory:
        throw EngineError.cannotWrite(path: path, reason: "it is a directory: name a file for --output")
      default:
        throw error
      }
    }
  }
}
