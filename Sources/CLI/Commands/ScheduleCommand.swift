import ArgumentParser
import Engine

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

  @Option(help: ArgumentHelp("Time of day to run, 24-hour HH:MM (default: 02:15).", valueName: "HH:MM"))
  var at: String?

  @Option(
    name: .customLong("fail-on"),
    help: ArgumentHelp(
      "Exit 3 when a provider is at or above this grade (\(RiskGrade.values(failOnGrades)); default: high).",
      valueName: "grade"),
    transform: RiskGrade.parser("a grade --fail-on takes", allowed: failOnGrades))
  var failOn: RiskGrade?

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
    if let at, Schedule.parseTime(at) == nil {
      throw ValidationError("--at '\(at)' is not a time of day: use HH:MM, e.g. 02:15.")
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
    let time = at.flatMap(Schedule.parseTime) ?? (2, 15)
    try ScheduleUseCase.run(
      ScheduleUseCase.Request(
        database: global.db, action: install ? .install : remove ? .remove : .print, hour: time.hour,
        minute: time.minute, failOn: failOn ?? .high, logFile: log, importDirectory: importDirectory,
        crontabFile: crontabFile),
      context: context)
  }
}
