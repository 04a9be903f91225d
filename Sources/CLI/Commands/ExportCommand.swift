import ArgumentParser
import Engine

struct ExportCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "export",
    abstract: "Write every kind to DIR/<kind>.csv, in the import format.",
    discussion: """
      Columns in the documented order, rows by key, so that importing an export changes nothing.

      Example:
        neocloud export backup/
      """)

  @OptionGroup var global: GlobalOptions

  @Argument(help: ArgumentHelp("Directory to write (created when missing).", valueName: "dir"))
  var directory: String

  func run() throws {
    try ExportUseCase.run(ExportUseCase.Request(database: global.db, directory: directory), context: context)
  }
}
