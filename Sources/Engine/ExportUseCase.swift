import Foundation
import Import
import Store

/// `neocloud export DIR`: every kind to `DIR/<kind>.csv` in the import format.
package enum ExportUseCase {
  package struct Request: Sendable, Equatable {
    package var database: String?
    /// Created when missing.
    package var directory: String

    package init(database: String?, directory: String) {
      self.database = database
      self.directory = directory
    }
  }

  /// Writes the files, then one line on stderr: how many rows of each kind went where.
  @discardableResult
  package static func run(_ request: Request, context: Context) throws -> [(Kind, Int)] {
    let written = try translatingErrors {
      let store = try Databases.open(request.database, context: context)
      do {
        return try exportAll(from: store, to: context.absolutePath(request.directory))
      } catch {
        // A read that failed because the file is damaged says so (not that an import failed).
        if let problem = store.damage() { throw StoreError.damaged(path: store.path, reason: problem) }
        throw StoreError.wrap(error, path: store.path)
      }
    }
    let parts = written.map { "\($0.1) \($0.0.rawValue)" }
    context.stderr.write("exported " + parts.joined(separator: ", ") + " to \(request.directory)\n")
    return written
  }
}
