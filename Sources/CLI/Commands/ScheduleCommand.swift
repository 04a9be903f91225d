import ArgumentParser
import Engine
import Foundation

struct ScheduleCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "schedule",
    abstract: "Print, install or remove the crontab entry for a nightly recompute.",
    discussion: """
      The entry runs `neocloud recompute --log FILE` with absolute paths to this binary and the \
      database. The log file gets every line of every run; cron mails what the run prints: \
      nothing on a quiet night, else one header line (database, as-of, run id, exit status) \
      then the change lines and any error. A marker comment `# neocloud:<db>` makes --install \
      idempotent and lets --remove find the entry. Paths with control characters are refused.

      Examples:
        neocloud schedule                      # print the line
        neocloud schedule --at 03:30 --install # add it to your crontab
        neocloud schedule --remove
      """)

  @OptionGroup var global: GlobalOptions

  @Option(help: ArgumentHelp("Time of day to run, 24-hour HH:MM.", valueName: "HH:MM"))
  var at: String = "02:15"

  @Option(name: .customLong("fail-on"), help: "Exit 3 when a provider is at or above this grade (high|critical).")
  var failOn: String = "high"

  @Option(help: ArgumentHelp("Log file for the nightly runs (default: <db>.log).", valueName: "file"))
  var log: String?

  @Option(name: .customLong("import"), help: ArgumentHelp("Import this directory's CSVs first.", valueName: "dir"))
  var importDirectory: String?

  @Flag(help: "Add (or replace) the entry in the crontab.")
  var install = false

  @Flag(help: "Remove the entry from the crontab.")
  var remove = false

  @Option(
    name: .customLong("crontab-file"),
    help: ArgumentHelp("Edit this file instead of the user's crontab.", valueName: "file"))
  var crontabFile: String?

  func validate() throws {
    if install && remove { throw ValidationError("--install and --remove cannot be used together.") }
    if Schedule.parseTime(at) == nil {
      throw ValidationError("--at '\(at)' is not a time of day: use HH:MM, e.g. 02:15.")
    }
    if !["high", "critical"].contains(failOn) {
      throw ValidationError("--fail-on '\(failOn)' is not a grade: use high or critical.")
    }
    // Before the database is opened: a path with a newline must never reach a crontab.
    for (name, path) in [("--db", global.db), ("--log", log), ("--import", importDirectory)] {
      if let path, let offender = Schedule.controlCharacter(in: path) {
        throw ValidationError(
          "\(name) holds a control character (\(offender)), which cannot go into a crontab line: "
            + "rename the path or choose another.")
      }
    }
  }

  func run() throws {
    // Like every command but init: the database must exist and be one this binary can use.
    let database = try Databases.open(global.db, context: context).path
    let time = Schedule.parseTime(at) ?? (2, 15)
    let entry = Schedule.Entry(
      hour: time.hour, minute: time.minute, binary: context.executablePath, database: database,
      failOn: failOn, importDirectory: importDirectory.map { context.absolutePath($0) },
      logFile: context.absolutePath(log ?? database + ".log"))
    try entry.validate()
    let crontab: any CrontabStore =
      crontabFile.map { CrontabFile(path: context.absolutePath($0)) } ?? SystemCrontab()
    if install {
      let (text, removed) = Schedule.edit(crontab: try crontab.read(), database: database, entry: entry)
      try crontab.write(text)
      context.stderr.write(
        (removed > 0 ? "replaced" : "installed") + " the nightly recompute for \(database):\n")
      context.stdout.write(entry.line + "\n")
    } else if remove {
      let (text, removed) = Schedule.edit(crontab: try crontab.read(), database: database, entry: nil)
      if removed > 0 { try crontab.write(text) }
      context.stderr.write(
        removed > 0
          ? "removed the nightly recompute for \(database)\n"
          : "no nightly recompute was scheduled for \(database)\n")
    } else {
      context.stdout.write(entry.line + "\n")
    }
  }
}
