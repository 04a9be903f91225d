import Foundation

/// Errors of the use cases, each with the exit code DESIGN §5 assigns.
public enum EngineError: Error, LocalizedError, Equatable, Sendable {
  case unknownProvider(id: String, suggestion: String?)
  case usage(String)
  case badData(String)
  case notFound(String)
  case cannotWrite(path: String, reason: String)

  public var errorDescription: String? {
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
    }
  }
}

/// The exit codes of DESIGN §5.
public enum ExitCode {
  public static let ok: Int32 = 0
  public static let internalError: Int32 = 1
  public static let failOnMet: Int32 = 3
  public static let usage: Int32 = 64
  public static let badData: Int32 = 65
  public static let notFound: Int32 = 66
  public static let newerDatabase: Int32 = 73
  public static let ioError: Int32 = 74
  public static let locked: Int32 = 75
  public static let noPermission: Int32 = 77
}
