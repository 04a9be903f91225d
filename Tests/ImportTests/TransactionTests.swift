import Foundation
import Testing

@testable import Import

/// One transaction per invocation, dry runs, rejects, and which files are read.
@Suite struct TransactionTests {
  @Test func errorInTheLastFileLeavesTheDatabaseByteForByteUnchanged() throws {
    let fixture = try Fixture()
    try fixture.importSamples()
    let before = try fixture.databaseBytes()
    // Valid changes in every kind but the last, and one bad value in assessments.
    for (kind, text) in Samples.files {
      try fixture.write(
        "next/\(kind.rawValue).csv", text.replacingOccurrences(of: "2026-06", with: "2026-07"))
    }
    try fixture.write(
      "next/providers_more.csv",
      "provider_id,name,segment,country,cash_usd,fixed_opex_usd_per_month,as_of\nnewco,New Co,other,DE,1,1,2026-07-01\n"
    )
    try fixture.write(
      "next/zz.csv", Samples.oneRow(.assessments, ["value": "maybe", "assessed_on": "2026-04-16"]))
    #expect(
      fixture.errors(["next"]) == [
        "next/zz.csv:2:value: 'maybe' is not a level (an integer from 0 to 4)"
      ])
    #expect(try fixture.databaseBytes() == before)
    #expect(try fixture.count("providers") == 2)
  }

  @Test func dryRunValidatesAndWritesNothing() throws {
    let fixture = try Fixture()
    let before = try fixture.databaseBytes()
    for (kind, text) in Samples.files { try fixture.write("s/\(kind.rawValue).csv", text) }
    let summary = try fixture.importing(["s"], ImportOptions(dryRun: true))
    #expect(summary.dryRun)
    #expect(summary.counts(for: .fleets) == KindCounts(inserted: 3))
    #expect(
      summary.line.hasPrefix("dry run: would import 4 rubric criteria (4 inserted), 2 providers"))
    #expect(summary.line.hasSuffix("; nothing was written"))
    #expect(try fixture.databaseBytes() == before)
    #expect(try fixture.count("fleets") == 0)
  }

  @Test func dryRunReportsReferenceErrors() throws {
    let fixture = try Fixture()
    try fixture.write("facilities.csv", Samples.facilities)
    #expect(
      fixture.errors(["facilities.csv"], ImportOptions(dryRun: true)) == [
        "facilities.csv:2:provider_id: 'acme' is not a known provider",
        "facilities.csv:3:provider_id: 'acme' is not a known provider",
        "facilities.csv:4:provider_id: 'borealis' is not a known provider",
      ])
  }

  @Test func rejectsFileListsEveryErrorWithItsRecord() throws {
    let fixture = try Fixture()
    try fixture.importSamples()
    try fixture.write(
      "uptime.csv",
      "provider_id,month,uptime_pct,incidents,failures_per_1k_gpu_months,mttr_hours\nacme,2026-07,101,1,1,1\nacme,2026-08,99,x,1,1\nghost,2026-07,99,1,1,1\n"
    )
    let rejects = fixture.path("rejects.csv")
    let errors = fixture.errors(["uptime.csv"], ImportOptions(rejectsPath: rejects))
    #expect(errors.count == 3)
    let expected = """
      file,line,column,reason,record
      uptime.csv,2,uptime_pct,'101' is out of range: must be at least 0 and at most 100,"acme,2026-07,101,1,1,1"
      uptime.csv,3,incidents,'x' is not an integer,"acme,2026-08,99,x,1,1"
      uptime.csv,4,provider_id,'ghost' is not a known provider,"ghost,2026-07,99,1,1,1"

      """
    #expect(
      try fixture.read("rejects.csv").replacingOccurrences(of: fixture.directory + "/", with: "")
        == expected)
  }

  @Test func rejectsKeepsMultilineRecordsWhole() throws {
    let fixture = try Fixture()
    try fixture.write(
      "providers.csv",
      "provider_id,name,segment,country,cash_usd,fixed_opex_usd_per_month,as_of\r\np1,\"Two\r\nlines\",cloud,US,1,1,2026-01-01\r\n"
    )
    _ = fixture.errors(["providers.csv"], ImportOptions(rejectsPath: fixture.path("r.csv")))
    #expect(
      try fixture.read("r.csv").replacingOccurrences(of: fixture.directory + "/", with: "")
        == "file,line,column,reason,record\nproviders.csv,2,segment,\"'cloud' is not one of neocloud, hyperscaler, sovereign, marketplace, other\",\"p1,\"\"Two\r\nlines\"\",cloud,US,1,1,2026-01-01\"\n"
    )
  }

  @Test func rejectsFileMustNotBeAnInput() throws {
    let fixture = try Fixture()
    try fixture.write("d/providers.csv", Samples.providers)
    #expect(
      throws: ImportError.cannotWrite(
        path: fixture.path("d/providers.csv"), reason: "it is one of the files to import")
    ) {
      try fixture.importing(["d"], ImportOptions(rejectsPath: fixture.path("d/providers.csv")))
    }
    #expect(try fixture.read("d/providers.csv") == Samples.providers)
  }

  @Test func atMostFiftyDiagnosticsAreCarriedWithTheTotal() throws {
    let fixture = try Fixture()
    var text = "provider_id,month,uptime_pct,incidents,failures_per_1k_gpu_months,mttr_hours\n"
    for month in 1...12 {
      for year in 2001...2006 { text += "acme,\(year)-\(month < 10 ? "0" : "")\(month),x,1,1,1\n" }
    }
    try fixture.importSamples()
    try fixture.write("uptime.csv", text)
    do {
      try fixture.importing(["uptime.csv"])
      Issue.record("no error")
    } catch let error as ImportError {
      guard case .invalidData(let diagnostics, let total) = error else {
        Issue.record("wrong error \(error)")
        return
      }
      #expect(diagnostics.count == 50)
      #expect(total == 72)
      #expect(error.exitCode == 65)
      #expect(error.lines.count == 52)
      #expect(error.lines[50] == "… and 22 more (--rejects FILE writes them all).")
      #expect(error.lines[51] == "72 errors; nothing was imported.")
    }
  }

  @Test func filesAreImportedInDependencyOrderWhateverTheArgumentOrder() throws {
    let fixture = try Fixture()
    for (kind, text) in Samples.files { try fixture.write("\(kind.rawValue).csv", text) }
    let names = Samples.files.map { "\($0.0.rawValue).csv" }.reversed()
    let summary = try fixture.importing(Array(names))
    #expect(summary.counts.map(\.0) == Kind.allCases)
  }

  @Test func directoryIsNotRecursiveAndTakesOnlyCSV() throws {
    let fixture = try Fixture()
    try fixture.write("d/providers.csv", Samples.providers)
    try fixture.write("d/notes.txt", "not csv")
    try fixture.write("d/sub/facilities.csv", Samples.facilities)
    let summary = try fixture.importing(["d"])
    #expect(summary.counts.map(\.0) == [.providers])
  }

  @Test func missingPathAndEmptyDirectory() throws {
    let fixture = try Fixture()
    try fixture.write("empty/readme.txt", "x")
    #expect(throws: ImportError.fileNotFound(path: fixture.path("nope.csv"))) {
      try fixture.importing(["nope.csv"])
    }
    #expect(throws: ImportError.noCSVFiles(directory: fixture.path("empty"))) {
      try fixture.importing(["empty"])
    }
    #expect(ImportError.noCSVFiles(directory: "x").exitCode == 66)
    #expect(
      ImportError.fileNotFound(path: "a.csv").errorDescription
        == "'a.csv' does not exist: name a CSV file or a directory of CSV files.")
  }

  @Test func aFileNamedTwiceIsReadOnce() throws {
    let fixture = try Fixture()
    try fixture.write("d/providers.csv", Samples.providers)
    let summary = try fixture.importing(["d", "d/providers.csv"])
    #expect(summary.counts(for: .providers) == KindCounts(inserted: 2))
  }

  @Test func progressIsReported() throws {
    let fixture = try Fixture()
    try fixture.write("providers.csv", Samples.providers)
    let seen = Seen()
    _ = try fixture.importing(
      ["providers.csv"], ImportOptions(progress: { seen.add($0.bytesRead, $0.totalBytes) }))
    #expect(seen.last == Int64(Samples.providers.utf8.count))
  }
}

final class Seen: @unchecked Sendable {
  private var values: [(Int64, Int64)] = []
  func add(_ read: Int64, _ total: Int64) { values.append((read, total)) }
  var last: Int64? { values.last.map { $0.0 == $0.1 ? $0.0 : -1 } }
}
