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

  /// Writes the rendered report to standard output or to --output (see `OutputTarget`), never
  /// onto the database's own files.
  func emit(_ text: String, _ context: Context, database: String) throws {
    guard let path, !OutputTarget.isStandardOutput(path) else {
      context.stdout.write(text)
      return
    }
    try OutputTarget.write(text, to: context.absolutePath(path), database: database)
  }
}
