import Domain
import Foundation
import Store

/// What a nightly `recompute --log FILE` (the line `schedule` installs) leaves where people
/// notice it (issue 14): cron mails whatever the command prints, stdout and stderr alike.
///
/// - Informational lines (the import's summary, the run's log line) go to the log only, so a
///   quiet night mails nothing.
/// - Change lines go to stdout and errors to stderr (both reach the mail) and to the log.
/// - When anything is printed, one header line comes first: database, as-of date, run id and
///   exit status.
package enum NightlyMail {
  /// `neocloud recompute: database /data/neocloud.sqlite, as of 2026-11-23, run 12, exit 0`.
  package static func header(database: String, asOf: Day, runID: Int64?, exitCode: Int32) -> String {
    "neocloud recompute: database \(database), as of \(asOf), run \(runID.map(String.init) ?? "none"), "
      + "exit \(exitCode)\(meaning(exitCode))"
  }

  /// A few words for the exit codes DESIGN §5 lists.
  static func meaning(_ code: Int32) -> String {
    let words: [Int32: String] = [
      1: "internal error", 3: "--fail-on met", 64: "usage", 65: "bad data", 66: "not found",
      73: "database newer than neocloud", 74: "I/O error", 75: "locked", 77: "no permission",
    ]
    return words[code].map { " (\($0))" } ?? ""
  }
}

/// Where a recompute's lines go. Without `--log`: change lines on stdout, everything else on
/// stderr (as before). With `--log FILE` (the nightly line `schedule` installs): see
/// `NightlyMail` — a quiet night prints nothing, anything printed starts with one header line,
/// and the log keeps every line.
package struct RecomputeOutput {
  let context: Context
  let database: String
  let asOf: Day
  private var log: AppendFile?
  /// Lines for the log only (stderr without --log).
  private var infoLines = ""
  /// Errors and warnings: stderr, and the log.
  private var messages = ""
  /// The change lines (stdout, and the log).
  package var changes = ""

  package init(context: Context, database: String, asOf: Day) {
    self.context = context
    self.database = database
    self.asOf = asOf
  }

  /// Whether `--log` was given: the mail rules apply even when the log cannot be opened.
  private var nightly = false

  package mutating func openLog(_ path: String?) throws {
    guard let path else { return }
    nightly = true
    log = try AppendFile(path: path, protecting: DatabaseFiles(databasePath: database))
  }

  package mutating func info(_ line: String) { infoLines += line.hasSuffix("\n") ? line : line + "\n" }
  package mutating func message(_ line: String) {
    guard !line.isEmpty else { return }
    messages += line.hasSuffix("\n") ? line : line + "\n"
  }

  /// Writes everything out and returns the final exit code: 74 when the change lines could
  /// not all be written to standard output (the run is stored; the log line says exit=74).
  package mutating func finish(runID: Int64?, code: Int32, logLine: (Int32) -> String) -> Int32 {
    var code = code
    if nightly {
      if !changes.isEmpty || code != 0 {
        context.stdout.write(
          NightlyMail.header(database: database, asOf: asOf, runID: runID, exitCode: code) + "\n")
      }
      context.stdout.write(changes)
      code = checkStandardOutput(code, runID: runID)
      context.stderr.write(messages)
      do {
        guard let log else {
          // The log could not be opened (the error is in `messages`): its lines go to the mail.
          context.stderr.write(infoLines + logLine(code) + "\n")
          return code
        }
        try log.append(infoLines + changes + messages + logLine(code) + "\n")
      } catch {
        context.stderr.write("neocloud: \(error.localizedDescription)\n")
        if code == 0 || code == 3 { code = 74 }
      }
    } else {
      context.stderr.write(infoLines)
      context.stdout.write(changes)
      code = checkStandardOutput(code, runID: runID)
      context.stderr.write(messages + logLine(code) + "\n")
    }
    return code
  }

  /// Adds the sentence for lost standard output to `messages`; 74 when output was lost.
  private mutating func checkStandardOutput(_ code: Int32, runID: Int64?) -> Int32 {
    guard let failure = context.stdout.writeFailure else { return code }
    if let runID, !changes.isEmpty {
      // The change lines are stored with the run: nothing is lost for good.
      messages +=
        "neocloud: cannot write the change lines to standard output (\(failure)): run \(runID) is stored; "
        + "`neocloud history --run \(runID)` prints them.\n"
    } else {
      messages += "neocloud: \(standardOutputFailure(failure))\n"
    }
    return 74
  }
}

/// The sentence for output lost on its way to standard output (exit 74).
package func standardOutputFailure(_ reason: String) -> String {
  "cannot write to standard output (\(reason)): the output is incomplete; check the disk or the pipe it goes to."
}
