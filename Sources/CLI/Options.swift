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
      "Output format: table, tsv, json, csv, markdown or xlsx (default: table on a terminal, else tsv).",
      valueName: "format"))
  var format: String?

  @Option(help: ArgumentHelp("Write the report to this file instead of standard output.", valueName: "file"))
  var output: String?

  func validate() throws {
    if let format {
      do {
        _ = try OutputFormat.parse(format)
      } catch {
        throw ValidationError(error.description)
      }
    }
  }

  /// The explicit format, else one implied by the --output extension, else table on a
  /// terminal and tsv otherwise.
  func resolvedFormat(_ context: Context) -> OutputFormat {
    if let format, let parsed = try? OutputFormat.parse(format) { return parsed }
    if let output {
      switch (output as NSString).pathExtension.lowercased() {
      case "json": return .json
      case "csv": return .csv
      case "md", "markdown": return .markdown
      case "xlsx": return .xlsx
      default: return .tsv
      }
    }
    return OutputFormat.defaultFormat(stdoutIsTerminal: context.stdoutIsTerminal)
  }

  /// Writes the rendered report to --output (atomically) or standard output.
  func emit(_ text: String, _ context: Context) throws {
    guard let output else {
      context.stdout.write(text)
      return
    }
    try writeFile(text, to: context.absolutePath(output))
  }
}

extension OutputOptions {
  /// Writes a report in the resolved format: text, or for `xlsx` its workbook (nil when the
  /// command has none: then `xlsx` is a usage error). A workbook is binary: to a terminal it is
  /// refused.
  func emit(_ context: Context, workbook: () -> Workbook?, text: (OutputFormat) -> String) throws {
    let format = resolvedFormat(context)
    guard format == .xlsx else {
      try emit(text(format), context)
      return
    }
    guard let workbook = workbook() else {
      throw EngineError.usage(
        "xlsx is written by rank, risk and show only: choose --format table, tsv, json, csv or markdown.")
    }
    guard let output else {
      if context.stdoutIsTerminal {
        throw EngineError.usage(
          "An xlsx workbook is binary and is not written to a terminal: add --output FILE.xlsx or redirect standard output to a file."
        )
      }
      context.stdout.write(bytes: try workbookData(workbook))
      return
    }
    let path = context.absolutePath(output)
    try writeFile(data: Data(try workbookData(workbook)), to: path)
  }

  private func workbookData(_ workbook: Workbook) throws -> [UInt8] {
    do {
      return Array(try workbook.data())
    } catch {
      throw EngineError.cannotWrite(path: output ?? "standard output", reason: error.description)
    }
  }
}

/// `--as-of`, `--format`, `--output`: shared by every text report command (§5).
struct ReportOptions: ParsableArguments {
  @OptionGroup var asOf: AsOfOption
  @OptionGroup var output: OutputOptions

  func day(_ context: Context) -> Day { asOf.day(context) }
  func resolvedFormat(_ context: Context) -> OutputFormat { output.resolvedFormat(context) }
  func emit(_ text: String, _ context: Context) throws { try output.emit(text, context) }
  func emit(_ context: Context, workbook: () -> Workbook?, text: (OutputFormat) -> String) throws {
    try output.emit(context, workbook: workbook, text: text)
  }
}

/// Writes a report file atomically; a failure is one sentence that says what to do (exit 66).
func writeFile(_ text: String, to path: String) throws {
  try writeFile(data: Data(text.utf8), to: path)
}

/// Writes bytes to a report file atomically (see `writeFile(_:to:)`).
func writeFile(data: Data, to path: String) throws {
  let manager = FileManager.default
  let directory = (path as NSString).deletingLastPathComponent
  var isDirectory: ObjCBool = false
  if !directory.isEmpty,
    !manager.fileExists(atPath: directory, isDirectory: &isDirectory) || !isDirectory.boolValue
  {
    throw EngineError.cannotWrite(
      path: path, reason: "directory '\(directory)' does not exist: create it or choose another --output")
  }
  if manager.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
    throw EngineError.cannotWrite(path: path, reason: "it is a directory: name a file for --output")
  }
  do {
    try data.write(to: URL(fileURLWithPath: path), options: .atomic)
  } catch {
    throw EngineError.cannotWrite(
      path: path, reason: "the file system refused it (check permissions and free space)")
  }
}
