import Domain
import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// Where text goes: stdout, stderr, or a buffer in tests.
package protocol TextSink: AnyObject, Sendable {
  func write(_ text: String)
  /// Why a write failed (the first failure), nil while every write succeeded.
  var writeFailure: String? { get }
}

extension TextSink {
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
    lock.lock()
    defer { lock.unlock() }
    var bytes = Array(text.utf8)
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

  package init() {}

  package func write(_ text: String) {
    lock.lock()
    storage += text
    lock.unlock()
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

  package init(
    stdout: any TextSink, stderr: any TextSink, stdoutIsTerminal: Bool = false,
    stderrIsTerminal: Bool = false, environment: [String: String] = [:],
    now: @escaping @Sendable () -> Date = Date.init,
    currentDirectory: String = FileManager.default.currentDirectoryPath,
    executablePath: String = Context.runningExecutablePath()
  ) {
    self.stdout = stdout
    self.stderr = stderr
    self.stdoutIsTerminal = stdoutIsTerminal
    self.stderrIsTerminal = stderrIsTerminal
    self.environment = environment
    self.now = now
    self.currentDirectory = currentDirectory
    self.executablePath = executablePath
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
      environment: ProcessInfo.processInfo.environment)
  }

  /// Today in UTC as `Day`.
  package func today() -> Day {
    let seconds = Int(now().timeIntervalSince1970.rounded(.down))
    let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
    return Day(daysSinceEpoch: days)
  }

  /// Resolves a user-given path against the current directory.
  package func absolutePath(_ path: String) -> String {
    if path.hasPrefix("/") { return path }
    let base = currentDirectory.hasSuffix("/") ? currentDirectory : currentDirectory + "/"
    return base + path
  }
}
