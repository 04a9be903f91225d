import Foundation

/// `neocloud schedule`: the crontab entry for a nightly `recompute` (§5, §8).
/// The entry carries a marker comment `# neocloud:<absolute db path>` so that installing twice
/// leaves one entry and `--remove` finds it.
package enum Schedule {
  package struct Entry: Sendable, Equatable {
    package var hour: Int
    package var minute: Int
    package var binary: String
    package var database: String
    package var failOn: String?
    package var importDirectory: String?
    package var logFile: String

    package init(
      hour: Int, minute: Int, binary: String, database: String, failOn: String?,
      importDirectory: String?, logFile: String
    ) {
      self.hour = hour
      self.minute = minute
      self.binary = binary
      self.database = database
      self.failOn = failOn
      self.importDirectory = importDirectory
      self.logFile = logFile
    }

    package var marker: String { "# neocloud:\(Schedule.cronEscape(database))" }

    /// One crontab line: cron runs /bin/sh with a minimal PATH and no NEOCLOUD_DB, so every
    /// path is absolute and single-quoted, and `%` is escaped. Nothing is redirected: cron
    /// mails stdout and stderr alike, and `recompute --log` keeps the log itself while printing
    /// only what needs a reader (change lines, errors) after one header line (`NightlyMail`).
    package var line: String {
      var words = [Schedule.shellQuote(binary), "--db", Schedule.shellQuote(database), "recompute"]
      if let importDirectory {
        words += ["--import", Schedule.shellQuote(importDirectory)]
      }
      if let failOn { words += ["--fail-on", failOn] }
      words += ["--log", Schedule.shellQuote(logFile)]
      return "\(minute) \(hour) * * * \(Schedule.cronEscape(words.joined(separator: " "))) \(marker)"
    }

    /// Refuses a path with a control character (a newline would start a crontab job of its own,
    /// issue 15 item 5): one sentence naming the option, exit 64.
    package func validate() throws {
      let paths: [(String, String)] =
        [
          ("the neocloud binary's path", binary), ("--db", database), ("--log", logFile),
        ] + (importDirectory.map { [("--import", $0)] } ?? [])
      for (name, path) in paths {
        if let offender = Schedule.controlCharacter(in: path) {
          throw EngineError.usage(
            "\(name) '\(Schedule.visible(path))' holds a control character (\(offender)), "
              + "which cannot go into a crontab line: rename it or choose another path.")
        }
      }
    }
  }

  /// The first control character (below U+0020, or DEL) in `text`, written as `U+000A`.
  package static func controlCharacter(in text: String) -> String? {
    text.unicodeScalars.first { $0.value < 0x20 || $0.value == 0x7F }
      .map { "U+" + String(format: "%04X", $0.value) }
  }

  /// `text` with control characters shown as `\n`, `\r` or `\u{1b}` (for messages).
  static func visible(_ text: String) -> String {
    var out = ""
    for scalar in text.unicodeScalars {
      switch scalar {
      case "\n": out += "\\n"
      case "\r": out += "\\r"
      case "\t": out += "\\t"
      default:
        if scalar.value < 0x20 || scalar.value == 0x7F {
          out += "\\u{\(String(scalar.value, radix: 16))}"
        } else {
          out.unicodeScalars.append(scalar)
        }
      }
    }
    return out
  }

  /// Parses `HH:MM` (24-hour clock).
  package static func parseTime(_ text: String) -> (hour: Int, minute: Int)? {
    let parts = text.split(separator: ":", omittingEmptySubsequences: false)
    guard parts.count == 2, parts.allSatisfy({ (1...2).contains($0.count) && $0.allSatisfy(\.isASCII) }),
      let hour = Int(parts[0]), let minute = Int(parts[1]), (0...23).contains(hour),
      (0...59).contains(minute)
    else { return nil }
    return (hour, minute)
  }

  /// Single-quotes a word for /bin/sh.
  package static func shellQuote(_ word: String) -> String {
    "'" + word.replacingOccurrences(of: "'", with: "'\\''") + "'"
  }

  /// Escapes `%`, which cron turns into a newline.
  package static func cronEscape(_ text: String) -> String {
    text.replacingOccurrences(of: "%", with: "\\%")
  }

  /// The crontab text with this database's entry replaced by `entry` (nil: removed).
  /// Returns the new text and how many old entries were removed.
  package static func edit(crontab: String, database: String, entry: Entry?) -> (text: String, removed: Int) {
    let marker = "# neocloud:\(cronEscape(database))"
    var lines = crontab.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    if lines.last == "" { lines.removeLast() }
    let kept = lines.filter { !$0.hasSuffix(marker) }
    var result = kept
    if let entry { result.append(entry.line) }
    let text = result.isEmpty ? "" : result.joined(separator: "\n") + "\n"
    return (text, lines.count - kept.count)
  }
}

/// Reads and writes a crontab: the user's, through the real `crontab` command, or a file (tests).
package protocol CrontabStore: Sendable {
  func read() throws -> String
  func write(_ text: String) throws
}

package struct CrontabFile: CrontabStore {
  package let path: String
  package init(path: String) { self.path = path }

  package func read() throws -> String {
    guard FileManager.default.fileExists(atPath: path) else { return "" }
    do {
      return try String(contentsOfFile: path, encoding: .utf8)
    } catch {
      throw EngineError.notFound("cannot read crontab file '\(path)': \(error.localizedDescription)")
    }
  }

  package func write(_ text: String) throws {
    do {
      try text.write(toFile: path, atomically: true, encoding: .utf8)
    } catch {
      throw EngineError.cannotWrite(path: path, reason: error.localizedDescription)
    }
  }
}

/// The user's crontab through `crontab -l` / `crontab -`.
package struct SystemCrontab: CrontabStore {
  package let executable: String
  package init(executable: String = "crontab") { self.executable = executable }

  package func read() throws -> String {
    let (code, out, err) = try run(["-l"], input: nil)
    if code == 0 { return out }
    // `crontab -l` exits 1 when the user has no crontab: that is an empty one.
    if code == 1 && err.lowercased().contains("no crontab") { return "" }
    throw EngineError.notFound(
      "`crontab -l` failed (exit \(code)): \(err.trimmingCharacters(in: .whitespacesAndNewlines))")
  }

  package func write(_ text: String) throws {
    let (code, _, err) = try run(["-"], input: text)
    guard code == 0 else {
      throw EngineError.cannotWrite(
        path: "crontab",
        reason: "`crontab -` failed (exit \(code)): \(err.trimmingCharacters(in: .whitespacesAndNewlines))")
    }
  }

  private func run(_ arguments: [String], input: String?) throws -> (Int32, String, String) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = [executable] + arguments
    let outPipe = Pipe()
    let errPipe = Pipe()
    let inPipe = Pipe()
    process.standardOutput = outPipe
    process.standardError = errPipe
    process.standardInput = inPipe
    do {
      try process.run()
    } catch {
      throw EngineError.notFound("cannot run `crontab`: install cron (apt-get install cron) or use --crontab-file")
    }
    if let input { inPipe.fileHandleForWriting.write(Data(input.utf8)) }
    try? inPipe.fileHandleForWriting.close()
    let out = outPipe.fileHandleForReading.readDataToEndOfFile()
    let err = errPipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    if process.terminationStatus == 127 {
      throw EngineError.notFound("cannot run `crontab`: install cron (apt-get install cron) or use --crontab-file")
    }
    return (
      process.terminationStatus, String(decoding: out, as: UTF8.self), String(decoding: err, as: UTF8.self)
    )
  }
}
