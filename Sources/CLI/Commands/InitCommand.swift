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
    let outcome = try InitDatabase.run(dbOption: global.db, context: context)
    let message: String
    if outcome.previousVersion == 0 {
      message = "created \(outcome.path) (schema version \(outcome.version))"
    } else if outcome.previousVersion == outcome.version {
      message = "\(outcome.path) is up to date (schema version \(outcome.version))"
    } else {
      message =
        "migrated \(outcome.path) from schema version \(outcome.previousVersion) to \(outcome.version) (backup: \(outcome.path).bak-\(String(outcome.previousVersion).leftPadded(4)))"
    }
    context.stderr.write(message + "\n")
  }
}

extension String {
  func leftPadded(_ width: Int, with pad: Character = "0") -> String {
    count >= width ? self : String(repeating: pad, count: width - count) + self
  }
}
