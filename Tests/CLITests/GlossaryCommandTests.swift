import Foundation
import Testing

@Suite struct GlossaryCommandTests {
  @Test func listsEveryTermWithoutADatabase() throws {
    let box = try Sandbox()
    let run = box.run(["glossary", "--format", "json"])
    #expect(run.code == 0, "\(run.stderr)")
    struct Document: Decodable {
      struct Term: Decodable { let term: String }
      let terms: [Term]
    }
    let terms = try JSONDecoder().decode(Document.self, from: Data(run.stdout.utf8)).terms.map(\.term)
    for term in [
      "critical", "platinum", "unrated", "DSCR 12m", "break-even", "runway", "rubric coverage",
      "covenant_breach", "--utilization", "--price-shock", "--price-decay", "--rate-shock", "--horizon",
    ] {
      #expect(terms.contains(term), "glossary lacks \(term)")
    }
  }

  @Test func oneTermInEachFormat() throws {
    let box = try Sandbox()
    for format in ["table", "tsv", "csv", "markdown", "json"] {
      let run = box.run(["glossary", "dscr_12m", "--format", format])
      #expect(run.code == 0, "\(format): \(run.stderr)")
      #expect(run.stdout.contains("DSCR 12m"), "\(format)")
      #expect(run.stdout.contains("Debt-service coverage ratio"), "\(format)")
      #expect(!run.stdout.contains("platinum"), "\(format) printed more than the one term")
    }
  }

  @Test func unknownTermExits64WithDidYouMean() throws {
    let box = try Sandbox()
    let run = box.run(["glossary", "covenent_breach"])
    #expect(run.code == 64)
    #expect(run.stdout.isEmpty)
    #expect(
      run.stderr
        == "neocloud: 'covenent_breach' is not in the glossary (did you mean 'covenant_breach'?): run `neocloud glossary` to list every term.\n"
    )
  }

  @Test func rankAndRiskTablesPointToIt() throws {
    let box = try Sandbox.withSamples()
    for command in ["rank", "risk"] {
      for format in ["table", "markdown"] {
        let run = box.run([command, "--as-of", "2026-11-23", "--format", format])
        #expect(run.stdout.hasSuffix("`neocloud glossary` defines every flag, grade, tier and figure.\n"))
      }
      for format in ["tsv", "csv", "json"] {
        let run = box.run([command, "--as-of", "2026-11-23", "--format", format])
        #expect(!run.stdout.contains("glossary"), "\(command) \(format)")
      }
    }
  }
}
