import Foundation
import Testing

/// Completion scripts as README documents them (`--generate-completion-script SHELL`).
@Suite struct CompletionTests {
  @Test(arguments: ["bash", "zsh", "fish"])
  func scriptForEachShell(shell: String) throws {
    let box = try Sandbox()
    for arguments in [["--generate-completion-script", shell], ["--generate-completion-script=\(shell)"]] {
      let run = box.run(arguments, withDB: false)
      #expect(run.code == 0, "\(arguments): \(run.stderr)")
      #expect(run.stdout.contains("neocloud"))
      #expect(run.stdout.contains("glossary"))
    }
  }

  @Test func aMistypedCommandStillGetsItsHint() throws {
    let box = try Sandbox()
    let run = box.run(["rnak"], withDB: false)
    #expect(run.code == 64)
    #expect(run.stderr.contains("did you mean 'rank'?"))
  }
}
