import ArgumentParser
import Engine

struct InitCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "init",
    abstract: "Create the database, or migrate an older one to this version.",
    discussion: """
      An older database is first copied to <db>.bak-<version>; a newer one is refused (exit 73).

      Example:
        neocloud --db ~/neocloud.sqlite init
      """)

  @OptionGroup var global: GlobalOptions

  func run() throws {
    try InitUseCase.run(InitUseCase.Request(database: global.db), context: context)
  }
}
