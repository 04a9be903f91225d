import Foundation
import Store

/// Where `--output` writes (issue 14): `-` and `/dev/stdout` are standard output; a regular
/// file is replaced atomically (temporary file and rename in its directory, its mode kept); a
/// symbolic link is written through to its target; a FIFO or character device is opened and
/// written in place. No output may be the database or one of its files (exit 64).
package enum OutputTarget {
  /// `-`, `/dev/stdout` and the descriptor paths of standard output.
  package static func isStandardOutput(_ path: String) -> Bool {
    ["-", "/dev/stdout", "/dev/fd/1", "/proc/self/fd/1"].contains(path)
  }

  /// Writes `text` to the file at `path`; a failure is one sentence that says what to do.
  package static func write(_ text: String, to path: String, database: String) throws {
    try write(to: path, database: database) { file in try file.write(text) }
  }

  /// Writes text to the file at `path` piece by piece: `body` is given a function that writes
  /// one piece. A regular file is still replaced atomically, when `body` has returned.
  package static func write(
    to path: String, database: String, streaming body: ((String) throws -> Void) throws -> Void
  ) throws {
    try write(to: path, database: database) { file in try body { try file.write($0) } }
  }

  /// Writes bytes (a binary format such as a workbook) to the file at `path`.
  package static func write(bytes: [UInt8], to path: String, database: String) throws {
    try write(to: path, database: database) { file in
      try bytes.withUnsafeBytes { buffer in try file.write(buffer) }
    }
  }

  private static func write(to path: String, database: String, _ body: (OutputFile) throws -> Void) throws {
    do {
      let file = try OutputFile.create(
        path, policy: .writeThrough, protecting: DatabaseFiles(databasePath: database))
      do {
        try body(file)
        try file.commit()
      } catch {
        file.discard()
        throw error
      }
    } catch let error as OutputFileError {
      switch error.problem {
      case .missingDirectory(let directory):
        throw EngineError.cannotWrite(
          path: path, reason: "directory '\(directory)' does not exist: create it or choose another --output")
      case .isDirectory:
        throw EngineError.cannotWrite(path: path, reason: "it is a directory: name a file for --output")
      default:
        throw error
      }
    }
  }
}
