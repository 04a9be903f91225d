import Evidence
import Foundation
import Import
import Store

/// The one error type the use cases throw: their own failures and the lower libraries' errors
/// (database, import), each with the exit code DESIGN §5 assigns.
package enum EngineError: Error, LocalizedError, Equatable, Sendable {
  case unknownProvider(id: String, suggestion: String?)
  case usage(String)
  case badData(String)
  case notFound(String)
  case cannotWrite(path: String, reason: String)
  /// Opening, migrating or locking the database failed.
  case store(StoreError)
  /// An import (or export) failed: bad data, a missing file, an output that cannot be written.
  case importFailed(ImportError)
  /// An evidence document or the cmax mapping could not be read or is bad.
  case evidence(EvidenceError)
  /// An output file (`--output`, `--rejects`, `--log`, an export file) cannot be written.
  case output(OutputFileError)

  package var errorDescription: String? {
    switch self {
    case .unknownProvider(let id, let suggestion):
      if let suggestion {
        return "unknown provider '\(id)': did you mean '\(suggestion)'?"
      }
      return "unknown provider '\(id)': run `neocloud rank` to list the providers."
    case .usage(let message), .badData(let message), .notFound(let message):
      return message
    case .cannotWrite(let path, let reason):
      return "cannot write '\(path)': \(reason)."
    case .store(let error):
      return error.errorDescription
    case .importFailed(let error):
      return error.errorDescription
    case .evidence(let error):
      return error.message
    case .output(let error):
      return error.errorDescription
    }
  }

  /// What goes to stderr, one sentence a line: an import's diagnostics
  /// (`file:line:column: reason`) and then its closing sentence; otherwise the one sentence.
  package var lines: [String] {
    switch self {
    case .importFailed(let error): error.lines
    default: [errorDescription ?? ""]
    }
  }

  /// The exit code of DESIGN §5: 1 internal, 64 usage, 65 bad data (or a damaged database),
  /// 66 not found, 73 a database newer than this binary, 74 I/O (an output that cannot be
  /// written too), 75 locked or busy, 77 read-only or a lock file neocloud refuses to use (a
  /// store error's own code: `StoreError.exitCode`).
  package var exitCode: Int32 {
    switch self {
    case .unknownProvider, .usage: 64
    case .badData: 65
    case .notFound, .cannotWrite: 66
    case .store(let error): error.exitCode
    case .importFailed(let error): error.exitCode
    case .evidence(let error): error.exitCode
    case .output(let error):
      switch error.kind {
      case .refused: 64
      case .cannotCreate: 66
      case .ioFailure: 74
      }
    }
  }
}

/// Runs `body` and turns the lower libraries' errors into ``EngineError``; any other error
/// (an internal one) passes through unchanged.
func translatingErrors<T>(_ body: () throws -> T) throws -> T {
  do {
    return try body()
  } catch let error as StoreError {
    throw EngineError.store(error)
  } catch let error as ImportError {
    throw EngineError.importFailed(error)
  } catch let error as OutputFileError {
    throw EngineError.output(error)
  }
}

extension Context {
  /// Prints an error on stderr: every line as it is, the last one after `neocloud: `.
  package func report(_ error: EngineError) {
    let lines = error.lines
    for (index, line) in lines.enumerated() {
      stderr.write((index == lines.count - 1 ? "neocloud: " : "") + line + "\n")
    }
  }

  /// Prints any error the way the process ends with it and returns its exit code: an
  /// ``EngineError`` (or a lower library's) with its own code, anything else as an internal
  /// error (1).
  package func reportAny(_ error: Error) -> Int32 {
    let engineError: EngineError? =
      switch error {
      case let error as EngineError: error
      case let error as StoreError: .store(error)
      case let error as ImportError: .importFailed(error)
      case let error as OutputFileError: .output(error)
      default: nil
      }
    guard let engineError else {
      stderr.write("neocloud: internal error: \(error)\n")
      return 1
    }
    report(engineError)
    return engineError.exitCode
  }
}
