import Domain
import Foundation
import Reports

#if canImport(Glibc)
  import Glibc
#endif

/// Where text goes: stdout, stderr, or a buffer in tests.
package protocol TextSink: AnyObject, Sendable {
  func write(_ text: String)
  /// Bytes as they are (an `.xlsx` workbook on a pipe).
  func write(bytes: [UInt8])
  /// Why a write failed (the first failure), nil while every write succeeded.
  var writeFailure: String? { get }
}

extension TextSink {
  /// Text sinks that hold only text keep bytes as (possibly lossy) UTF-8.
  package func write(bytes: [UInt8]) { write(String(decoding: bytes, as: UTF8.self)) }
  package var writeFailure: String? { nil }
}

/// A sink over a file descriptor (stdout = 1, stderr = 2).
///
/// Every write is checked: the first failure (disk full, a closed pipe) is kept in
/// `writeFailure` and later writes are dropped, so that the command ends with exit 74
/// instead of reporting success over lost output (issue 15 item 4).
package final class FileDescriptorSink: TextSink, @unchecked Sendable {
  private let descriptor: Int32
  private let lock = NSLock()
  private var failure: String?

  package init(descriptor: Int32) { self.descriptor = descriptor }

  package var writeFailure: String? {
    lock.lock()
    defer { lock.unlock() }
    return failure
  }

  package func write(_ text: String) {
    write(bytes: Array(text.utf8))
  }

  package func write(bytes: [UInt8]) {
    lock.lock()
    defer { lock.unlock() }
    var bytes = bytes
    if bytes.isEmpty || failure != nil { return }
    var offset = 0
    while offset < bytes.count {
      let written = bytes.withUnsafeMutableBytes { buffer -> Int in
        guard let base = buffer.baseAddress else { return 0 }
        return Glibc.write(descriptor, base + offset, buffer.count - offset)
      }
      if written <= 0 {
        if written < 0 && errno == EINTR { continue }
        failure = String(cString: strerror(written < 0 ? errno : EIO))
        return
      }
      offset += written
    }
  }
}

/// Collects text in memory (tests).
package final class BufferSink: TextSink, @unchecked Sendable {
  private let lock = NSLock()
  private var storage = ""
  private var byteStorage: [UInt8] = []

  package init() {}

  package func write(_ text: String) {
    lock.lock()
    storage += text
    byteStorage += Array(text.utf8)
    lock.unlock()
  }

  package func write(bytes: [UInt8]) {
    lock.lock()
    storage += String(decoding: bytes, as: UTF8.self)
    byteStorage += bytes
    lock.unlock()
  }

  /// Everything written, as bytes.
  package var bytes: [UInt8] {
    lock.lock()
    defer { lock.unlock() }
    return byteStorage
  }

  package var text: String {
    lock.lock()
    defer { lock.unlock() }
    return storage
  }
}

/// The side effects a command may have, injected so commands run in-process in tests.
package struct Context: Sendable {
  package var stdout: any TextSink
  package var stderr: any TextSink
  package var stdoutIsTerminal: Bool
  package var stderrIsTerminal: Bool
  package var environment: [String: String]
  package var now: @Sendable () -> Date
  package var currentDirectory: String
  /// The absolute path of the running binary (for the crontab entry).
  package var executablePath: String
  /// The terminal's width in columns as the terminal reports it (ioctl TIOCGWINSZ on stdout);
  /// nil when stdout is no terminal or it does not say. `COLUMNS` wins over it.
  package var terminalColumns: Int?

  package init(
    stdout: any TextSink, stderr: any TextSink, stdoutIsTerminal: Bool = false,
    stderrIsTerminal: Bool = false, environment: [String: String] = [:],
    now: @escaping @Sendable () -> Date = Date.init,
    currentDirectory: String = FileManager.default.currentDirectoryPath,
    executablePath: String = Context.runningExecutablePath(), terminalColumns: Int? = nil
  ) {
    self.stdout = stdout
    self.stderr = stderr
    self.stdoutIsTerminal = stdoutIsTerminal
    self.stderrIsTerminal = stderrIsTerminal
    self.environment = environment
    self.now = now
    self.currentDirectory = currentDirectory
    self.executablePath = executablePath
    self.terminalColumns = terminalColumns
  }

  /// How wide a table on stdout may be: nil unless stdout is a terminal; there `COLUMNS` (a
  /// positive number), else the terminal's own width, else unknown.
  package var stdoutWidth: TerminalWidth? {
    guard stdoutIsTerminal else { return nil }
    if let text = environment["COLUMNS"], let columns = Int(text.trimmingCharacters(in: .whitespaces)),
      columns > 0
    {
      return .columns(columns)
    }
    if let terminalColumns, terminalColumns > 0 { return .columns(terminalColumns) }
    return .unknown
  }

  /// The width of the terminal on `descriptor`, nil when it is none or does not say.
  package static func terminalWidth(descriptor: Int32) -> Int? {
    var size = winsize()
    guard ioctl(descriptor, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 else { return nil }
    return Int(size.ws_col)
  }

  /// `/proc/self/exe` resolved, else argv[0] made absolute.
  package static func runningExecutablePath() -> String {
    if let resolved = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") {
      return resolved
    }
    let first = CommandLine.arguments.first ?? "neocloud"
    return first.hasPrefix("/") ? first : FileManager.default.currentDirectoryPath + "/" + first
  }

  /// The real process: file descriptors 1 and 2, the real environment and clock.
  package static func live() -> Context {
    Context(
      stdout: FileDescriptorSink(descriptor: 1), stderr: FileDescriptorSink(descriptor: 2),
      stdoutIsTerminal: isatty(1) == 1, stderrIsTerminal: isatty(2) == 1,
      environment: ProcessInfo.processInfo.environment, terminalColumns: terminalWidth(descriptor: 1))
  }

  /// Today in UTC as `Day`.
  package func today() -> Day {
    utcDayAndSecond(now()).day
  }

  /// Resolves a user-given path against the current directory.
  package func absolutePath(_ path: String) -> String {
    if path.hasPrefix("/") { return path }
    let base = currentDirectory.hasSuffix("/") ? currentDirectory : currentDirectory + "/"
    return base + path
  }
}

/// The UTC calendar day of `date` and the second within it (0…86 399), counting whole seconds
/// down (so an instant before 1970 falls on the right day).
func utcDayAndSecond(_ date: Date) -> (day: Day, second: Int) {
  let seconds = Int(date.timeIntervalSince1970.rounded(.down))
  let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
  return (Day(daysSinceEpoch: days), seconds - days * 86_400)
}

extension Context {
  /// Process-wide set-up of the real binary: a file-size limit (`ulimit -f`) then fails a
  /// write with EFBIG, reported as exit 74, instead of killing the process with nothing said.
  package static func prepareProcess() {
    signal(SIGXFSZ, SIG_IGN)
  }

  /// Closes the real standard output and checks the close too (a file on NFS reports errors
  /// there): a failure turns a success (0, or 3 for `--fail-on`) into 74, said on stderr.
  package func closeStandardOutput(exitCode: Int32) -> Int32 {
    if close(1) != 0, errno != EBADF, errno != EINTR, exitCode == 0 || exitCode == 3 {
      stderr.write("neocloud: \(standardOutputFailure(String(cString: strerror(errno))))\n")
      return 74
    }
    return exitCode
  }
}
