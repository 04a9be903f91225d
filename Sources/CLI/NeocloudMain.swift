import ArgumentParser
import Engine

/// Entry point: parses arguments, runs one command with an injected context, maps errors to
/// the exit codes of DESIGN §5. Tests call `run(arguments:context:)` in-process.
package enum NeocloudMain {
  @TaskLocal static var context: Context = .live()

  /// The process entry point.
  package static func run() async {
    Context.prepareProcess()
    let context = Context.live()
    let code = context.closeStandardOutput(
      exitCode: run(arguments: Array(CommandLine.arguments.dropFirst()), context: context))
    Neocloud.exit(withError: code == 0 ? nil : ExitCode(code))
  }

  /// Runs one invocation and returns its exit code.
  package static func run(arguments: [String], context: Context) -> Int32 {
    let code = $context.withValue(context) {
      do {
        var command = try Neocloud.parseAsRoot(arguments)
        try command.run()
        return ExitCode.success.rawValue
      } catch let exit as ExitCode {
        return exit.rawValue
      } catch let error as EngineError {
        context.report(error)
        return error.exitCode
      } catch {
        // Help, version and completion scripts end in a "success" error: never a typo.
        if Neocloud.exitCode(for: error) != .success, let hint = unknownCommand(in: arguments) {
          context.stderr.write("neocloud: \(hint)\n")
          return ExitCode.validationFailure.rawValue
        }
        return report(error, context: context)
      }
    }
    // Every write to standard output is checked: lost output is never a success (exit 74).
    if let failure = context.stdout.writeFailure, code != 74 {
      context.stderr.write("neocloud: \(standardOutputFailure(failure))\n")
      return 74
    }
    return code
  }

  /// Prints ArgumentParser's own errors (help, version, usage) or an internal error, and
  /// returns the exit code.
  static func report(_ error: Error, context: Context) -> Int32 {
    let code = Neocloud.exitCode(for: error).rawValue
    let message = Neocloud.fullMessage(for: error)
    if code == 0 {
      context.stdout.write(message.hasSuffix("\n") ? message : message + "\n")
      return 0
    }
    if code == ExitCode.validationFailure.rawValue || isArgumentParserError(error) {
      context.stderr.write(message.hasSuffix("\n") ? message : message + "\n")
      return code == 1 ? ExitCode.validationFailure.rawValue : code
    }
    return context.reportAny(error)
  }

  private static func isArgumentParserError(_ error: Error) -> Bool {
    error is ValidationError || String(reflecting: type(of: error)).contains("ArgumentParser")
  }

  /// `unknown command 'rnak' (did you mean 'rank'?) …` when the first word that is not an
  /// option (or `--db`'s value) names no subcommand; nil otherwise.
  static func unknownCommand(in arguments: [String]) -> String? {
    var index = 0
    while index < arguments.count, arguments[index].hasPrefix("-") {
      index += ["--db", "--generate-completion-script"].contains(arguments[index]) ? 2 : 1
    }
    guard index < arguments.count else { return nil }
    let word = arguments[index]
    var names: [String] = []
    for subcommand in Neocloud.configuration.subcommands {
      if let name = subcommand.configuration.commandName { names.append(name) }
    }
    names.append("help")
    guard !names.contains(word) else { return nil }
    let hint = closestName(word, among: names).map { " (did you mean '\($0)'?)" } ?? ""
    return "unknown command '\(word)'\(hint): run `neocloud --help` for the list."
  }
}
