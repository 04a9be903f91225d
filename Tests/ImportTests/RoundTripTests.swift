import Foundation
import GRDB
import Testing

@testable import Import
@testable import Store

@Suite struct RoundTripTests {
  @Test func importsEveryKindAndCountsInserted() throws {
    let fixture = try Fixture()
    let summary = try fixture.importSamples()
    let expected: [(Kind, Int)] = [
      (.rubric, 4), (.providers, 2), (.facilities, 3), (.marketPrices, 3), (.fleets, 3),
      (.loans, 3), (.contracts, 2), (.uptime, 3), (.assessments, 3),
    ]
    #expect(summary.counts.map(\.0) == expected.map(\.0))
    for (kind, rows) in expected {
      #expect(summary.counts(for: kind) == KindCounts(inserted: rows), "\(kind)")
      #expect(try fixture.count(kind.rawValue) == rows)
    }
    #expect(
      summary.line
        == "imported 4 rubric criteria (4 inserted), 2 providers (2 inserted), 3 facilities (3 inserted), 3 market prices (3 inserted), 3 fleets (3 inserted), 3 loans (3 inserted), 2 contracts (2 inserted), 3 uptime months (3 inserted), 3 assessments (3 inserted)"
    )
  }

  @Test func storesMoneyAsCentsAndOptionalAsNull() throws {
    let fixture = try Fixture()
    try fixture.importSamples()
    let values = try fixture.store.queue.read { db in
      try Row.fetchAll(
        db, sql: "SELECT provider_id, cash_usd, min_liquidity_usd FROM providers ORDER BY 1")
    }
    #expect(values[0]["cash_usd"] as Int64? == 12_500_000_050)
    #expect(values[0]["min_liquidity_usd"] as Int64? == 1_000_000_000)
    #expect(values[1]["cash_usd"] as Int64? == 29)
    #expect(values[1]["min_liquidity_usd"] as Int64? == nil)
    let capex = try fixture.strings(
      "SELECT capex_usd || '/' || ifnull(useful_life_years, 'null') FROM fleets ORDER BY fleet_id")
    #expect(capex == ["3072000000/5", "2150400075/null", "768000000/6"])
    let names = try fixture.strings("SELECT customer FROM contracts ORDER BY contract_id")
    #expect(names == ["Model Lab \"Alpha\"", "Université de Tromsø"])
  }

  @Test func exportReproducesCanonicalInputAndReimportChangesNothing() throws {
    let fixture = try Fixture()
    try fixture.importSamples()
    let written = try exportAll(from: fixture.store, to: fixture.path("out/first"))
    #expect(written.map(\.0) == Kind.allCases)
    #expect(written.map(\.1) == [4, 2, 3, 3, 3, 3, 2, 3, 3])
    for (kind, text) in Samples.files {
      #expect(try fixture.read("out/first/\(kind.rawValue).csv") == text, "\(kind)")
    }
    let summary = try fixture.importing(["out/first"])
    for (kind, counts) in summary.counts {
      #expect(counts == KindCounts(unchanged: counts.rows), "\(kind)")
      #expect(counts.rows > 0)
    }
    _ = try exportAll(from: fixture.store, to: fixture.path("out/second"))
    for kind in Kind.allCases {
      let first = try fixture.read("out/first/\(kind.rawValue).csv")
      let second = try fixture.read("out/second/\(kind.rawValue).csv")
      #expect(first == second)
    }
  }

  @Test func exportOfNumbersUsesShortestPlainForm() throws {
    let fixture = try Fixture()
    try fixture.importSamples()
    try fixture.write(
      "prices.csv",
      "gpu_model,observed_on,price_usd_per_gpu_hour\nX1,2026-01-01,0.0000001\nX2,2026-01-01,12345678901234567890.5\nX3,2026-01-01,0.1000\n"
    )
    try fixture.importing(["prices.csv"])
    _ = try exportAll(from: fixture.store, to: fixture.path("out"))
    let text = try fixture.read("out/market_prices.csv")
    #expect(text.contains("\nX1,2026-01-01,0.0000001,\n"))
    #expect(text.contains("\nX2,2026-01-01,12345678901234567000,\n"))
    #expect(text.contains("\nX3,2026-01-01,0.1,\n"))
    let again = try fixture.importing(["out/market_prices.csv"])
    #expect(again.counts(for: .marketPrices) == KindCounts(unchanged: 6))
  }

  @Test func exportLeavesOutAssessmentsOfRemovedCriteria() throws {
    let fixture = try Fixture()
    try fixture.importSamples()
    let rubric = Samples.rubric.replacingOccurrences(
      of: "sw-slurm,software,Managed Slurm,bool,1.5,,,gold,\n",
      with: "sw-k8s,software,Managed Kubernetes,bool,1,,,,\n")
    try fixture.write("rubric.csv", rubric)
    let summary = try fixture.importing(["rubric.csv"])
    #expect(summary.counts(for: .rubric) == KindCounts(inserted: 1, unchanged: 3, deleted: 1))
    #expect(try fixture.count("assessments") == 3)  // kept
    _ = try exportAll(from: fixture.store, to: fixture.path("out"))
    #expect(
      try fixture.read("out/assessments.csv")
        == "provider_id,criterion_id,value,evidence,assessed_on\nacme,sec-soc2,3,\"SOC 2 report, 2026\",2026-04-15\n"
    )
  }

  @Test func exportOfAnEmptyDatabaseImportsBack() throws {
    let fixture = try Fixture()
    _ = try exportAll(from: fixture.store, to: fixture.path("empty"))
    #expect(try fixture.read("empty/fleets.csv") == Samples.fleets.prefix { $0 != "\n" } + "\n")
    let summary = try fixture.importing(["empty"])
    #expect(summary.counts.allSatisfy { $0.1 == KindCounts() })
    #expect(summary.counts.count == 9)
  }
}

@Suite struct ExportQuotingTests {
  @Test func awkwardTextRoundTrips() throws {
    let fixture = try Fixture()
    let names = [
      "Line\r\nbreak", "  spaced  ", "\"quoted\"", "comma, inside", "tab\there", "ünïcødé 🚀",
      "'single'",
    ]
    var text = "provider_id,name,segment,country,cash_usd,fixed_opex_usd_per_month,as_of\n"
    for (index, name) in names.enumerated() {
      let field = "\"" + name.replacingOccurrences(of: "\"", with: "\"\"") + "\""
      text += "p\(index),\(field),other,US,\(index).5,0,2026-01-01\n"
    }
    try fixture.write("providers.csv", text)
    try fixture.importing(["providers.csv"])
    #expect(try fixture.strings("SELECT name FROM providers ORDER BY provider_id") == names)
    _ = try exportAll(from: fixture.store, to: fixture.path("a"))
    let exported = try fixture.read("a/providers.csv")
    #expect(exported.contains("\np0,\"Line\r\nbreak\",other,US,0.5,0,2026-01-01,\n"))
    #expect(exported.contains("\np1,\"  spaced  \",other,US,1.5,0,2026-01-01,\n"))
    #expect(exported.contains("\np2,\"\"\"quoted\"\"\",other,US,2.5,0,2026-01-01,\n"))
    let summary = try fixture.importing(["a/providers.csv"])
    #expect(summary.counts(for: .providers) == KindCounts(unchanged: names.count))
    _ = try exportAll(from: fixture.store, to: fixture.path("b"))
    #expect(try fixture.read("b/providers.csv") == exported)
  }

  @Test func exportCreatesTheDirectory() throws {
    let fixture = try Fixture()
    let written = try exportAll(from: fixture.store, to: fixture.path("deep/er/dir"))
    #expect(written.count == 9)
    #expect(FileManager.default.fileExists(atPath: fixture.path("deep/er/dir/market_prices.csv")))
  }

  @Test func exportIntoAFileFails() throws {
    let fixture = try Fixture()
    try fixture.write("file", "x")
    #expect(throws: ImportError.self) {
      _ = try exportAll(from: fixture.store, to: fixture.path("file"))
    }
  }
}
