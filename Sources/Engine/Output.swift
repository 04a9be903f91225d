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

  /// The explicit format, else one implied by the --output extension, else table on a
  /// terminal and tsv otherwise.
  func resolvedFormat(_ context: Context) -> OutputFormat {
    if let format { return format }
    if let path {
      switch (path as NSString).pathExtension.lowercased() {
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
    guard let path else {
      context.stdout.write(text)
      return
    }
    try writeFile(text, to: context.absolutePath(path))
  }
}

extension ReportOutput {
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
    guard let path else {
      if context.stdoutIsTerminal {
        throw EngineError.usage(
          "An xlsx workbook is binary and is not written to a terminal: add --output FILE.xlsx or redirect standard output to a file."
        )
      }
      context.stdout.write(bytes: try workbookData(workbook))
      return
    }
    try writeFile(data: Data(try workbookData(workbook)), to: context.absolutePath(path))
  }

  private func workbookData(_ workbook: Workbook) throws -> [UInt8] {
    do {
      return Array(try workbook.data())
    } catch {
      throw EngineError.cannotWrite(path: path ?? "standard output", reason: error.description)
    }
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
