import Foundation
import Testing

@Suite struct ExportTests {
  /// Samples/ is written in export form (rows by key, §2 column order), so exporting an import of
  /// it gives the same bytes; the rubric file is grouped by pillar, so it matches as a set of rows.
  @Test func exportOfSamplesReproducesThemAndReimportChangesNothing() throws {
    let box = try Sandbox.withSamples()
    let directory = box.path("export")
    let result = box.run(["export", directory])
    #expect(result.code == 0)
    #expect(result.stderr.hasPrefix("exported 42 rubric, 10 providers, 20 facilities"))
    let kinds = [
      "providers", "facilities", "market_prices", "fleets", "loans", "contracts", "uptime", "assessments",
    ]
    for kind in kinds {
      let exported = try String(contentsOfFile: "\(directory)/\(kind).csv", encoding: .utf8)
      let sample = try String(contentsOfFile: "\(repositoryRoot)/Samples/\(kind).csv", encoding: .utf8)
      #expect(exported == sample, "\(kind).csv differs from Samples")
    }
    let rubric = try String(contentsOfFile: "\(directory)/rubric.csv", encoding: .utf8)
    let sampleRubric = try String(contentsOfFile: "\(repositoryRoot)/Samples/rubric.csv", encoding: .utf8)
    #expect(rubric.split(separator: "\n").first == sampleRubric.split(separator: "\n").first)
    #expect(Set(rubric.split(separator: "\n")) == Set(sampleRubric.split(separator: "\n")))

    let again = box.run(["import", directory])
    #expect(again.code == 0)
    #expect(!again.stderr.contains("inserted,") && !again.stderr.contains("updated"))
    #expect(again.stderr.contains("10 providers (10 unchanged)"))
    #expect(again.stderr.contains("353 assessments (353 unchanged)"))
  }

  @Test func missingDatabaseExits66AndWritesNothing() throws {
    let box = try Sandbox()
    let result = box.run(["export", box.path("out")])
    #expect(result.code == 66)
    #expect(!FileManager.default.fileExists(atPath: box.path("out")))
  }
}
