import Domain
import Foundation
import Store
import Testing

@Suite struct ReportTests {
  /// The `data-provider` ids of the rows of the table with `class`, in order.
  static func rowIDs(_ page: String, table className: String) -> [String] {
    guard let start = page.range(of: "<table class=\"\(className)\">"),
      let end = page.range(of: "</table>", range: start.upperBound..<page.endIndex)
    else { return [] }
    return page[start.upperBound..<end.lowerBound].components(separatedBy: "<tr").dropFirst().compactMap { row in
      guard let open = row.range(of: "data-provider=\""),
        let close = row.range(of: "\"", range: open.upperBound..<row.endIndex)
      else { return nil }
      return String(row[open.upperBound..<close.lowerBound])
    }
  }

  static func read(_ path: String) throws -> String {
    try String(contentsOfFile: path, encoding: .utf8)
  }

  /// Issue 11: the report's risk table and watch list and `show` say the same words, and
  /// issue 14: each provider's name in the tables leads to its detail.
  @Test func reportAndShowSpeakTheSameWords() throws {
    let box = try Sandbox.withSamples()
    let report = box.run(["report", "--as-of", "2026-11-23", "--output", "r.html"])
    #expect(report.code == 0)
    let page = try Self.read(box.path("r.html"))
    var said = 0
    for id in Self.rowIDs(page, table: "risk") {
      let show = box.run(["show", id, "--as-of", "2026-11-23", "--format", "table"])
      #expect(show.code == 0)
      let why = show.stdout.split(separator: "\n").first { $0.hasPrefix("Why ") }
      guard let why else { continue }
      let words = why.dropFirst(4).trimmingCharacters(in: .whitespaces)
      let escaped = words.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
        .replacingOccurrences(of: ">", with: "&gt;")
      #expect(page.contains("<span class=\"why\">\(escaped)</span>"), "\(id)")
      #expect(page.contains("<a href=\"#p-\(id)\">"), "\(id)")
      said += 1
    }
    #expect(said >= 2)
  }

  @Test func outputIsRequired() throws {
    let box = try Sandbox.withSamples()
    let result = box.run(["report"])
    #expect(result.code == 64)
    #expect(result.stderr.contains("report needs --output FILE.html"))
    #expect(result.stdout.isEmpty)
  }

  @Test(arguments: ["report.txt", "report", "report.htm", "out/.html", "report.html.gz"])
  func outputMustBeHTML(name: String) throws {
    let box = try Sandbox.withSamples()
    let result = box.run(["report", "--output", name])
    #expect(result.code == 64)
    #expect(result.stderr.contains("--output '\(name)' must name an .html file, e.g. --output report.html."))
    #expect(!FileManager.default.fileExists(atPath: box.path(name)))
  }

  @Test func badStressAndDateExit64() throws {
    let box = try Sandbox.withSamples()
    let date = box.run(["report", "--output", "r.html", "--as-of", "2026-02-30"])
    #expect(date.code == 64)
    #expect(date.stderr.contains("YYYY-MM-DD"))
    let stress = box.run(["report", "--output", "r.html", "--utilization", "120"])
    #expect(stress.code == 64)
    #expect(stress.stderr.contains("--utilization must be a percentage from 0 to 100"))
  }

  @Test func missingDatabaseExits66() throws {
    let box = try Sandbox()
    let result = box.run(["report", "--output", "r.html"])
    #expect(result.code == 66)
    #expect(!FileManager.default.fileExists(atPath: box.path("r.html")))
  }

  @Test func unwritableOutputExits66() throws {
    let box = try Sandbox.withSamples()
    let result = box.run(["report", "--output", "no/such/dir/r.html"])
    #expect(result.code == 66)
    #expect(result.stderr.hasPrefix("neocloud: cannot write '\(box.path("no/such/dir/r.html"))'"))
  }

  @Test func writesOnePageOverSamples() throws {
    let box = try Sandbox.withSamples()
    let result = box.run(["report", "--as-of", "2026-11-23", "--output", "report.html"])
    #expect(result.code == 0)
    #expect(result.stdout.isEmpty)
    #expect(result.stderr == "wrote report.html\n")
    let page = try Self.read(box.path("report.html"))
    #expect(page.hasPrefix("<!DOCTYPE html>\n"))
    #expect(page.hasSuffix("</html>\n"))
    // the tier table in rank order and the risk table riskiest first (as rank and risk print)
    #expect(
      Self.rowIDs(page, table: "tiers") == [
        "auroragrid", "boreal-compute", "cinder-ai", "driftwood-gpu", "ionic-labs", "ember-cloud",
        "fjord-hpc", "gale-metal", "harbor-gpu", "lumen-grid",
      ])
    #expect(
      Self.rowIDs(page, table: "risk") == [
        "ionic-labs", "gale-metal", "fjord-hpc", "harbor-gpu", "driftwood-gpu", "ember-cloud",
        "cinder-ai", "boreal-compute", "auroragrid", "lumen-grid",
      ])
    #expect(page.components(separatedBy: "<figure class=\"multiple\"").count - 1 == 10)
    #expect(!page.contains("STRESSED"))
    #expect(page.contains("<dt>Last recompute</dt><dd>no recompute runs yet</dd>"))
    #expect(page.contains("<dt>Generated</dt><dd>2026-11-23 12:00 UTC</dd>"))
    // ionic-labs: loans ion-conv (no covenant), ion-tl-a (1.4), ion-tl-b (1.3): covenant 1.40×
    #expect(page.contains("<span class=\"strong neg\">0.08×</span><br><span class=\"sub\">1.40×</span>"))
    // AuroraGrid's names are escaped where they appear: "AuroraGrid Compute, Inc." has none to
    // escape, but Fjord's and every other name come through htmlEscape; no raw markup from data.
    let withoutNamespace = page.replacingOccurrences(of: "xmlns=\"http://www.w3.org/2000/svg\"", with: "")
    for forbidden in ["http://", "https://", "src=", "<script", "<link", "url("] {
      #expect(!withoutNamespace.contains(forbidden), "\(forbidden)")
    }
  }

  @Test func sameInputSamePage() throws {
    let box = try Sandbox.withSamples()
    #expect(box.run(["report", "--as-of", "2026-11-23", "--output", "a.html"]).code == 0)
    #expect(box.run(["report", "--as-of", "2026-11-23", "--output", "b.html"]).code == 0)
    #expect(try Self.read(box.path("a.html")) == Self.read(box.path("b.html")))
  }

  @Test func stressedPageSaysSo() throws {
    let box = try Sandbox.withSamples()
    let result = box.run([
      "report", "--as-of", "2026-11-23", "--output", "stressed.HTML", "--utilization", "55", "--price-shock", "-30",
    ])
    #expect(result.code == 0)
    let page = try Self.read(box.path("stressed.HTML"))
    #expect(
      page.contains(
        "<p class=\"stressed\" role=\"note\">STRESSED: utilization 55% for every fleet; market prices -30%</p>"))
  }

  @Test func movementFromStoredRuns() throws {
    let box = try Sandbox.withSamples()
    let store = try Store.open(path: box.db)
    func snapshot(_ id: String, _ name: String, tier: Tier, grade: RiskGrade) -> SnapshotRecord {
      SnapshotRecord(
        providerID: id, name: name, tier: tier, score: 50, pillars: [:], coveragePct: 100, grade: grade,
        dscr12m: 1.1, breakEvenUtilizationPct: nil, runwayMonths: nil, cashOutMonth: nil, flags: [])
    }
    for (day, galeTier) in [("2026-11-21", Tier.bronze), ("2026-11-22", Tier.underperforming)] {
      _ = try store.insertRun(
        RunRecord(
          startedAt: day + "T02:00:00Z", finishedAt: day + "T02:00:05Z", asOf: day, rubricVersion: "r",
          inputFingerprint: "f", assumptionsJSON: "{}", changed: true),
        snapshots: [
          snapshot("gale-metal", "Gale Metal Ltd", tier: galeTier, grade: .high),
          snapshot("old-<x>", "Old <x> Cloud", tier: .bronze, grade: .low),
        ])
    }
    let result = box.run(["report", "--as-of", "2026-11-23", "--output", "report.html"])
    #expect(result.code == 0)
    let page = try Self.read(box.path("report.html"))
    #expect(page.contains("<dt>Last recompute</dt><dd>run #2, as of 2026-11-22, finished 2026-11-22T02:00:05Z</dd>"))
    #expect(page.contains("Run #1<br><span class=\"sub\">as of 2026-11-21</span>"))
    // every current provider, then the one that only past runs know
    let movement = Self.rowIDs(page, table: "movement")
    #expect(movement.count == 11)
    #expect(movement.last == "old-&lt;x&gt;")
    #expect(page.contains("Old &lt;x&gt; Cloud"))
    // gale-metal moved bronze → underperforming in run 2 and stays there now (high as before)
    #expect(page.contains("<span class=\"summary\">tier bronze → underperforming</span>"))
    // the tier table compares with run 2, the latest
    #expect(page.contains("<td>new</td>"))
  }
}
