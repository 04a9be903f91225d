import ArgumentParser
import Engine
import Evidence
import Foundation
import Import
import Store

#if canImport(Glibc)
  import Glibc
#endif

/// Entry point: parses arguments, runs one command with an injected context, maps errors to
/// the exit codes of DESIGN §5. Tests call `run(arguments:context:)` in-process.
public enum NeocloudMain {
  @TaskLocal static var context: Context = .live()

  /// The process entry point.
  public static func run() async {
    let code = run(arguments: Array(CommandLine.arguments.dropFirst()), context: .live())
    exit(code)
  }

  /// Runs one invocation and returns its exit code.
  public static func run(arguments: [String], context: Context) -> Int32 {
    $context.withValue(context) {
      do {
        var command = try Neocloud.parseAsRoot(arguments)
        try command.run()
        return ExitCode.ok
      } catch let exit as CommandExit {
        return exit.code
      } catch {
        return report(error, context: context)
      }
    }
  }

  /// Prints one sentence for `error` on stderr and returns its exit code.
  static func report(_ error: Error, context: Context) -> Int32 {
    switch error {
    case let error as StoreError:
      context.stderr.write("neocloud: \(error.localizedDescription)\n")
      switch error {
      case .databaseNotFound, .cannotOpen: return ExitCode.notFound
      case .databaseNewer: return ExitCode.newerDatabase
      case .notADatabase: return ExitCode.badData
      case .locked: return ExitCode.locked
      case .backupFailed: return ExitCode.internalError
      }
    case let error as EngineError:
      context.stderr.write("neocloud: \(error.localizedDescription)\n")
      switch error {
      case .unknownProvider, .usage: return ExitCode.usage
      case .badData: return ExitCode.badData
      case .notFound: return ExitCode.notFound
      case .cannotWrite: return ExitCode.notFound
      }
    case let error as ImportError:
      // Diagnostics print exactly as `file:line:column: reason`; the closing sentence is ours.
      let lines = error.lines
      for (index, line) in lines.enumerated() {
        context.stderr.write((index == lines.count - 1 ? "neocloud: " : "") + line + "\n")
      }
      switch error {
      case .invalidData: return ExitCode.badData
      case .fileNotFound, .noCSVFiles, .unreadable, .cannotWrite: return ExitCode.notFound
      case .database: return ExitCode.internalError
      }
    case let error as EvidenceError:
      context.stderr.write("neocloud: \(error.message)\n")
      return error.exitCode
    default:
      break
    }
    // ArgumentParser's own errors: help, version, usage (64).
    let code = Neocloud.exitCode(for: error).rawValue
    let message = Neocloud.fullMessage(for: error)
    if code == 0 {
      context.stdout.write(message.hasSuffix("\n") ? message : message + "\n")
      return 0
    }
    if code == ExitCode.usage || isArgumentParserError(error) {
      context.stderr.write(message.hasSuffix("\n") ? message : message + "\n")
      return code == 1 ? ExitCode.usage : code
    }
    context.stderr.write("neocloud: internal error: \(error)\n")
    return ExitCode.internalError
  }

  private static func isArgumentParserError(_ error: Error) -> Bool {
    error is ValidationError || String(reflecting: type(of: error)).contains("ArgumentParser")
  }
}

/// Thrown by a command to end with a specific exit code after it has printed what it had to.
struct CommandExit: Error {
  let code: Int32
}
