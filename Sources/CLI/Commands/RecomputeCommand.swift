import ArgumentParser
import Engine

struct RecomputeCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "recompute",
    abstract: "Score and project every provider, store the run, and print only what changed.",
    discussion: """
      Meant to run nightly (see `neocloud schedule`). Under the database lock it optionally \
      imports a directory of CSVs first, then scores and projects every provider as of --as-of \
      in the base case (no stress), and stores a run and one snapshot per provider in one \
      transaction: a run that is interrupted leaves nothing behind.

      It then prints one line per change since the latest completed run, sorted by provider id, \
      then in this order of kinds, each with the figures behind it:
        ID: tier OLD -> NEW (score 65.7 -> 68.2)
        ID: grade OLD -> NEW (DSCR 0.93 -> 1.21; cash out none -> 2027-10)
        ID: flag added: FLAG (what it means, e.g. DSCR 1.21 below its 1.35 covenant)
        ID: flag removed: FLAG (was: what it meant)
        ID: new provider (tier T, score S, grade G)
        ID: gone (was tier T, grade G)
      and nothing at all when nothing changed. The first run ever prints `new provider` for \
      every provider. A run that prints no line is stored with changed = 0, and \
      `neocloud history --run N` prints a run's lines again.

      One log line goes to stderr per run (after the import's summary line with --import): \
      start time, run id, exit code and duration, then for a stored run the number of \
      providers and of change lines:
        2026-11-23T02:15:00Z recompute run=12 exit=0 duration=1.84s providers=9 changes=3
        2026-11-24T02:15:00Z recompute run=none exit=75 duration=0.00s

      With --log FILE (the line `neocloud schedule` installs) the summary and log lines go only \
      to FILE, which also gets the change lines and errors; a quiet night prints nothing, and \
      anything printed (and so mailed by cron) starts with one header line:
        neocloud recompute: database /data/neocloud.sqlite, as of 2026-11-23, run 12, exit 0

      Exit codes: 0 ok; 3 when --fail-on is met (after the run is stored and printed); 65 when \
      the import finds bad data or the database is damaged (no run is stored); 74 when the \
      change lines cannot be written (the run and its lines are stored); 75 when another \
      neocloud holds the lock or another program holds SQLite's lock past --wait (5 s without \
      it); 77 when the database is read-only.

      Examples:
        neocloud recompute
        neocloud recompute --import /data/drop --fail-on high --wait 600
      """)

  @OptionGroup var global: GlobalOptions

  @Option(
    name: .customLong("as-of"),
    help: ArgumentHelp("The as-of date, YYYY-MM-DD (default: today, UTC).", valueName: "date"),
    transform: parseDay)
  var asOf: Day?

  @Option(
    name: .customLong("import"),
    help: ArgumentHelp("Import this directory's *.csv first, under the same lock.", valueName: "dir"))
  var importDirectory: String?

  @Option(
    name: .customLong("fail-on"),
    help: ArgumentHelp(
      "Exit 3 when a provider's grade is at or above this one (\(RiskGrade.values(failOnGrades))).",
      valueName: "grade"),
    transform: RiskGrade.parser("a grade --fail-on takes", allowed: failOnGrades))
  var failOn: RiskGrade?

  @Option(
    parsing: .unconditional,
    help: ArgumentHelp(
      "Wait up to this many seconds for the lock (default: 0, exit 75 at once), and for SQLite's lock (else 5 s).",
      valueName: "seconds"))
  var wait: Double?

  @Option(
    help: ArgumentHelp(
      "Append every line to this log file and print only what needs a reader, after a header line (for cron mail).",
      valueName: "file"))
  var log: String?

  func validate() throws {
    if let wait, !(wait.isFinite && wait >= 0 && wait <= 86_400) {
      throw ValidationError("--wait must be a number of seconds from 0 to 86400, got \(wait).")
    }
  }

  func run() throws {
    let outcome = RecomputeUseCase.run(
      RecomputeUseCase.Request(
        database: global.db, asOf: asOf, importDirectory: importDirectory, failOn: failOn,
        waitSeconds: wait ?? 0, logPath: log),
      context: context)
    if outcome.exitCode != 0 { throw ExitCode(outcome.exitCode) }
  }
}

/// The grades `--fail-on` accepts, mildest first: `low` would fail every run.
let failOnGrades = ["elevated", "high", "critical"]
