import Foundation
import Testing

@Suite struct ExplainTests {
  /// ionic-labs: silver, short of gold on overall and two pillars; gale-metal: capped at
  /// underperforming by a failing `required_for: bronze`; harbor-gpu: unrated (48.7 % coverage).
  @Test(arguments: [
    ("ionic-labs", "table"), ("ionic-labs", "json"), ("gale-metal", "table"), ("harbor-gpu", "table"),
    ("harbor-gpu", "json"),
  ])
  func explainOverSamples(provider: String, format: String) throws {
    let box = try Sandbox.withSamples()
    let result = box.run(["explain", provider, "--as-of", "2026-11-23", "--format", format])
    #expect(result.code == 0)
    #expect(result.stderr.isEmpty)
    expectSnapshot(result.stdout, named: "explain-\(provider).\(format)")
  }

  @Test func requiredForCriterionComesFirst() throws {
    let box = try Sandbox.withSamples()
    let result = box.run(
      ["explain", "gale-metal", "--as-of", "2026-11-23", "--format", "tsv", "--section", "next_tier"])
    let path = result.stdout.split(separator: "\n").dropFirst()
    #expect(path.first?.hasPrefix("bronze\trequired:third_party_attestation\t3\t0.0\t3.0\t") == true)
  }

  @Test func explainAgreesWithRank() throws {
    let box = try Sandbox.withSamples()
    let rank = box.run(["rank", "--as-of", "2026-11-23", "--format", "json"])
    for id in ["auroragrid", "ionic-labs", "harbor-gpu"] {
      let explain = box.run(["explain", id, "--as-of", "2026-11-23", "--format", "json"])
      let object = try JSONSerialization.jsonObject(with: Data(explain.stdout.utf8)) as? [String: Any]
      let ranked = try JSONSerialization.jsonObject(with: Data(rank.stdout.utf8)) as? [String: Any]
      let row = (ranked?["providers"] as? [[String: Any]])?.first { $0["provider_id"] as? String == id }
      #expect(object?["tier"] as? String == row?["tier"] as? String)
      #expect(object?["score"] as? Double == row?["score"] as? Double)
      #expect(object?["rubric_version"] as? String == ranked?["rubric_version"] as? String)
      #expect(negativeZeros(in: explain.stdout).isEmpty)
    }
  }

  @Test func platinumIsAtTheTopTier() throws {
    let box = try Sandbox.withSamples()
    let result = box.run(["explain", "auroragrid", "--as-of", "2026-11-23", "--format", "table"])
    #expect(
      result.stdout.hasSuffix(
        "\nPath to the next tier\n=====================\nPlatinum is the top tier: there is no tier above it.\n"))
  }

  @Test func unknownProviderExits64WithASuggestion() throws {
    let box = try Sandbox.withSamples()
    let result = box.run(["explain", "harbour-gpu"])
    #expect(result.code == 64)
    #expect(result.stdout.isEmpty)
    #expect(result.stderr == "neocloud: unknown provider 'harbour-gpu': did you mean 'harbor-gpu'?\n")
  }

  @Test func missingDatabaseExits66() throws {
    let box = try Sandbox()
    let result = box.run(["explain", "harbor-gpu"])
    #expect(result.code == 66)
    #expect(result.stderr.hasPrefix("neocloud: database '\(box.db)' does not exist"))
  }
}
