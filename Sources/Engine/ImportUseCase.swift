import Foundation
import Import
import Store

/// `neocloud import`: CSV files and directories into the database, under its lock.
package enum ImportUseCase {
  package struct Request: Sendable, Equatable {
    package var database: String?
    /// Files and directories, as the user typed them (errors name them that way).
    package var paths: [String]
    /// `--kind`: treat every file as this kind instead of detecting it from the header.
    package var kind: Kind?
    package var dryRun: Bool
    package var replace: Bool
    /// `--rejects FILE`: every error as CSV (`-` or `/dev/stdout`: standard output).
    package var rejectsPath: String?
    /// How long to wait for the lock (0: fail at once).
    package var waitSeconds: Double

    package init(
      database: String?, paths: [String], kind: Kind? = nil, dryRun: Bool = false, replace: Bool = false,
      rejectsPath: String? = nil, waitSeconds: Double = 0
    ) {
      self.database = database
      self.paths = paths
      self.kind = kind
      self.dryRun = dryRun
      self.replace = replace
      self.rejectsPath = rejectsPath
      self.waitSeconds = waitSeconds
    }
  }

  /// Imports in one transaction (all or nothing), shows progress on a terminal's stderr, and
  /// writes the summary line on stderr.
  @discardableResult
  package static func run(_ request: Request, context: Context) throws -> ImportSummary {
    let progress = context.stderrIsTerminal ? ImportProgressPrinter(sink: context.stderr) : nil
    var options = ImportOptions(
      kind: request.kind, dryRun: request.dryRun, replace: request.replace,
      rejectsPath: request.rejectsPath.map {
        OutputTarget.isStandardOutput($0) ? "/dev/stdout" : context.absolutePath($0)
      })
    if let progress {
      options.progress = { @Sendable update in progress.update(update) }
    }
    defer { progress?.finish() }
    let summary = try translatingErrors {
      let path = Databases.resolvePath(request.database, context: context)
      // What is at the path is checked before the lock file is created beside it.
      _ = try Store.checkPath(path, mayBeMissing: false, forWriting: true)
      let lock = try DatabaseLock.acquire(databasePath: path, waitSeconds: request.waitSeconds, now: context.now)
      defer { lock.release() }
      let store = try Databases.openForWriting(path: path, waitSeconds: request.waitSeconds)
      return try importFiles(request.paths.map { context.typedPath($0) }, into: store, options: options)
    }
    progress?.finish()
    context.stderr.write(summary.line + "\n")
    return summary
  }
}

extension Context {
  /// A path as typed (errors name files the way the user wrote them) unless the injected
  /// working directory differs from the process's, when it is made absolute.
  /// `-` (standard input) stays as it is.
  func typedPath(_ path: String) -> String {
    if path == standardInputArgument { return path }
    return currentDirectory == FileManager.default.currentDirectoryPath ? path : absolutePath(path)
  }
}

/// Progress on stderr for long imports, only when stderr is a terminal: one line redrawn in place,
/// at most about five times a second.
final class ImportProgressPrinter: @unchecked Sendable {
  private let sink: any TextSink
  private let lock = NSLock()
  private var lastDraw = Date.distantPast
  private var drewSomething = false

  init(sink: any TextSink) { self.sink = sink }

  func update(_ progress: ImportProgress) {
    lock.lock()
    defer { lock.unlock() }
    let now = Date()
    guard now.timeIntervalSince(lastDraw) >= 0.2 else { return }
    lastDraw = now
    let percent =
      progress.totalBytes > 0 ? Int(Double(progress.bytesRead) * 100 / Double(progress.totalBytes)) : 0
    sink.write("\r\u{1B}[K\(progress.file): \(progress.rows) rows, \(percent)%")
    drewSomething = true
  }

  /// Clears the progress line (before the summary or the errors are printed).
  func finish() {
    lock.lock()
    defer { lock.unlock() }
    if drewSomething { sink.write("\r\u{1B}[K") }
    drewSomething = false
  }
}
