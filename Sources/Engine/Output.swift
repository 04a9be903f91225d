import Foundation
import Reports

/// `--format` and `--output`: how and where a text report is written (§5).
package struct ReportOutput: Sendable, Equatable {
  /// The explicit `--format`, if any.
  package var format: OutputFormat?
  /// `--output FILE`; nil writes to standard output.
  package var path: String?

  package init(format: OutputFormat? = nil, path: String? = nil) {
    self.format = format
    self.path = path
  }

  /// The explicit format, else the one the --output extension names, else table on a
  /// terminal and tsv otherwise (`-` and `/dev/stdout` are standard output).
  func resolvedFormat(_ context: Context) -> OutputFormat {
    if let format { return format }
    if let path, !OutputTarget.isStandardOutput(path), let implied = OutputFormat(fileExtensionOf: path) {
      return implied
    }
    return OutputFormat.defaultFormat(stdoutIsTerminal: context.stdoutIsTerminal)
  }

  /// The width a `table` may take: the terminal's when the report goes to a terminal, nil (never
  /// truncated) for files, pipes and every other format.
  func textWidth(_ format: OutputFormat, _ context: Context) -> TerminalWidth? {
    guard format == .table else { return nil }
    if let path, !OutputTarget.isStandardOutput(path) { return nil }
    return context.stdoutWidth
  }

  /// Writes the rendered report to standard output or to --output (see `OutputTarget`), never
  /// onto the database's own files.
  func emit(_ text: String, _ context: Context, database: String) throws {
    guard let path, !OutputTarget.isStandardOutput(path) else {
      context.stdout.write(text)
      return
    }
    try OutputTarget.write(text, to: context.absolutePath(path), database: database)
  }

  /// Writes a report in the resolved format: text, or for `xlsx` its workbook (nil when the
  /// command has none: then `xlsx` is a usage error). A workbook is binary: to a terminal it is
  /// refused; to a pipe or a file it is written as bytes (see `OutputTarget`).
  func emit(
    _ context: Context, database: String, workbook: () -> Workbook?, text: (OutputFormat) -> String
  ) throws {
    let format = resolvedFormat(context)
    guard format == .xlsx else {
      try emit(text(format), context, database: database)
      return
    }
    guard let workbook = workbook() else {
      throw EngineError.usage(
        "xlsx is written by rank, risk, show and customers only: choose --format table, tsv, json, csv or markdown.")
    }
    guard let path, !OutputTarget.isStandardOutput(path) else {
      if context.stdoutIsTerminal {
        throw EngineError.usage(
          "An xlsx workbook is binary and is not written to a terminal: add --output FILE.xlsx or redirect standard output to a file."
        )
      }
      context.stdout.write(bytes: try workbookData(workbook))
      return
    }
    try OutputTarget.write(bytes: try workbookData(workbook), to: context.absolutePath(path), database: database)
  }

  private func workbookData(_ workbook: Workbook) throws -> [UInt8] {
    do {
      return Array(try workbook.data())
    } catch {
      throw EngineError.cannotWrite(path: path ?? "standard output", reason: error.description)
    }
  }
}
