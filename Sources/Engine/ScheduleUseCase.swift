import Domain
import Foundation

/// `neocloud schedule`: print, install or remove the crontab entry for a nightly `recompute`.
package enum ScheduleUseCase {
  package enum Action: Sendable, Equatable {
    /// Print the line (the default).
    case print
    /// Add (or replace) the entry.
    case install
    /// Remove the entry.
    case remove
  }

  package struct Request: Sendable, Equatable {
    package var database: String?
    package var action: Action
    /// Time of day, 24-hour.
    package var hour: Int
    package var minute: Int
    /// `--fail-on` for the nightly run.
    package var failOn: RiskGrade
    /// The nightly run's log (nil: `<db>.log`).
    package var logFile: String?
    /// `--import DIR` for the nightly run.
    package var importDirectory: String?
    /// Edit this file instead of the user's crontab.
    package var crontabFile: String?

    package init(
      database: String?, action: Action = .print, hour: Int = 2, minute: Int = 15, failOn: RiskGrade = .high,
      logFile: String? = nil, importDirectory: String? = nil, crontabFile: String? = nil
    ) {
      self.database = database
      self.action = action
      self.hour = hour
      self.minute = minute
      self.failOn = failOn
      self.logFile = logFile
      self.importDirectory = importDirectory
      self.crontabFile = crontabFile
    }
  }

  /// Prints the entry (stdout) or edits the crontab and says what changed (stderr); returns
  /// the entry.
  @discardableResult
  package static func run(_ request: Request, context: Context) throws -> Schedule.Entry {
    // Like every command but init: the database must exist and be one this binary can use.
    let database = try Databases.open(request.database, context: context).path
    let entry = Schedule.Entry(
      hour: request.hour, minute: request.minute, binary: context.executablePath, database: database,
      failOn: request.failOn.rawValue, importDirectory: request.importDirectory.map { context.absolutePath($0) },
      logFile: context.absolutePath(request.logFile ?? database + ".log"))
    try entry.validate()
    let crontab: any CrontabStore =
      request.crontabFile.map { CrontabFile(path: context.absolutePath($0)) } ?? SystemCrontab()
    switch request.action {
    case .install:
      let (text, removed) = Schedule.edit(crontab: try crontab.read(), database: database, entry: entry)
      try crontab.write(text)
      context.stderr.write(
        (removed > 0 ? "replaced" : "installed") + " the nightly recompute for \(database):\n")
      context.stdout.write(entry.line + "\n")
    case .remove:
      let (text, removed) = Schedule.edit(crontab: try crontab.read(), database: database, entry: nil)
      if removed > 0 { try crontab.write(text) }
      context.stderr.write(
        removed > 0
          ? "removed the nightly recompute for \(database)\n"
          : "no nightly recompute was scheduled for \(database)\n")
    case .print:
      context.stdout.write(entry.line + "\n")
    }
    return entry
  }
}
