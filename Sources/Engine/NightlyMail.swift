import Domain
import Foundation

/// What a nightly `recompute --log FILE` (the line `schedule` installs) leaves where people
/// notice it (issue 14): cron mails whatever the command prints, stdout and stderr alike.
///
/// - Informational lines (the import's summary, the run's log line) go to the log only, so a
///   quiet night mails nothing.
/// - Change lines go to stdout and errors to stderr (both reach the mail) and to the log.
/// - When anything is printed, one header line comes first: database, as-of date, run id and
///   exit status.
public enum NightlyMail {
  /// `neocloud recompute: database /data/neocloud.sqlite, as of 2026-11-23, run 12, exit 0`.
  public static func header(database: String, asOf: Day, runID: Int64?, exitCode: Int32) -> String {
    "neocloud recompute: database \(database), as of \(asOf), run \(runID.map(String.init) ?? "none"), "
      + "exit \(exitCode)\(meaning(exitCode))"
  }

  /// A few words for the exit codes DESIGN §5 lists.
  static func meaning(_ code: Int32) -> String {
    let words: [Int32: String] = [
      ExitCode.internalError: "internal error", ExitCode.failOnMet: "--fail-on met",
      ExitCode.usage: "usage", ExitCode.badData: "bad data", ExitCode.notFound: "not found",
      ExitCode.newerDatabase: "database newer than neocloud", ExitCode.ioError: "I/O error",
      ExitCode.locked: "locked", ExitCode.noPermission: "no permission",
    ]
    return words[code].map { " (\($0))" } ?? ""
  }
}
