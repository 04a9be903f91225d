import ArgumentParser
import Engine

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
