import Foundation
import Import
import Store

/// `neocloud import` and `neocloud export`, under the database lock.
public enum ImportUseCase {
  public static func importFiles(
    _ paths: [String], dbOption: String?, options: ImportOptions, waitSeconds: Double = 0,
    context: Context
  ) throws -> ImportSummary {
    let path = Databases.resolvePath(dbOption, context: context)
    // What is at the path is checked before the lock file is created beside it.
    _ = try Store.checkPath(path, mayBeMissing: false, forWriting: true)
    let lock = try DatabaseLock.acquire(databasePath: path, waitSeconds: waitSeconds, now: context.now)
    defer { lock.release() }
    let store = try Databases.openForWriting(path: path, waitSeconds: waitSeconds)
    return try Import.importFiles(paths, into: store, options: options)
  }

  public static func export(to directory: String, dbOption: String?, context: Context) throws -> [(Kind, Int)] {
    let store = try Databases.open(dbOption, context: context)
    do {
      return try exportAll(from: store, to: context.absolutePath(directory))
    } catch {
      // A read that failed because the file is damaged says so (not that an import failed).
      if let problem = store.damage() { throw StoreError.damaged(path: store.path, reason: problem) }
      throw StoreError.wrap(error, path: store.path)
    }
  }
}

/// Progress on stderr for long imports, only when stderr is a terminal: one line redrawn in place,
/// at most about five times a second.
public final class ImportProgressPrinter: @unchecked Sendable {
  private let sink: any TextSink
  private let lock = NSLock()
  private var lastDraw = Date.distantPast
  private var drewSomething = false

  public init(sink: any TextSink) { self.sink = sink }

  public func update(_ progress: ImportProgress) {
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
  public func finish() {
    lock.lock()
    defer { lock.unlock() }
    if drewSomething { sink.write("\r\u{1B}[K") }
    drewSomething = false
  }
}
