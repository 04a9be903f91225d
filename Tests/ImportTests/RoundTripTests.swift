import Foundation
import GRDB
import Store
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
    // Old files import unchanged; the export adds the credit model v3 columns, empty.
    for (kind, text) in Samples.files {
      #expect(try fixture.read("out/first/\(kind.rawValue).csv") == withV3Columns(kind, text), "\(kind)")
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

  /// `text` with the optional columns CREDIT §C.1 adds to its kind appended, empty.
  func withV3Columns(_ kind: Kind, _ text: String) -> String {
    let added: [String] =
      switch kind {
      case .providers: ["variable_opex_pct"]
      case .facilities: ["fixed_rent_usd_per_month"]
      case .loans: ["facility", "commitment_usd", "available_until"]
      case .fleets: ["ramp_months"]
      case .contracts: ["ramp_months", "prepaid_usd", "customer_rating"]
      default: []
      }
    guard !added.isEmpty else { return text }
    var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    for index in lines.indices where !lines[index].isEmpty {
      lines[index] +=
        index == 0
        ? "," + added.joined(separator: ",") : String(repeating: ",", count: added.count)
    }
    return lines.joined(separator: "\n")
  }

  @Test func creditColumnsRoundTrip() throws {
    let fixture = try Fixture()
    try fixture.importSamples()
    try fixture.write(
      "v3/providers.csv",
      """
      provider_id,name,segment,country,cash_usd,fixed_opex_usd_per_month,as_of,min_liquidity_usd,variable_opex_pct
      borealis,Borealis GPU,sovereign,NO,0.29,0,2026-06-30,,12.5

      """)
    try fixture.write(
      "v3/facilities.csv",
      """
      facility_id,provider_id,name,region,it_capacity_mw,pue,power_usd_per_kwh,colocation_usd_per_kw_month,ownership,fixed_rent_usd_per_month
      bor-osl1,borealis,Oslo 1,eu-north,8,1.1,0.04,0,leased,15000.5

      """)
    try fixture.write(
      "v3/loans.csv",
      """
      loan_id,provider_id,lender,principal_usd,balance_usd,annual_rate_pct,rate_type,amortization,payments_per_year,start_on,maturity_on,collateral_fleet_id,min_dscr,facility,commitment_usd,available_until
      acme-l1,acme,Big Bank,25000000,18000000.01,9.5,fixed,annuity,12,2024-03-01,2029-03-01,acme-f1;acme-f2,1.3,delayed_draw,40000000,2027-03-01
      acme-rcf,acme,Bank Group,0,0,8,floating,interest_only,12,2025-01-01,2029-01-01,,0,revolver,50000000,
      bor-l1,borealis,Nordic Lender,5000000,5000000,7,fixed,linear,2,2025-01-10,2028-01-10,bor-f1,,term,,

      """)
    try fixture.importing(["v3"])
    _ = try exportAll(from: fixture.store, to: fixture.path("out/v3"))
    let loans = try fixture.read("out/v3/loans.csv")
    #expect(
      loans.contains(
        "acme-l1,acme,Big Bank,25000000,18000000.01,9.5,fixed,annuity,12,2024-03-01,2029-03-01,acme-f1;acme-f2,1.3,delayed_draw,40000000,2027-03-01\n"
      ))
    #expect(
      loans.contains(
        "acme-rcf,acme,Bank Group,0,0,8,floating,interest_only,12,2025-01-01,2029-01-01,,0,revolver,50000000,\n"))
    #expect(
      try fixture.read("out/v3/providers.csv").contains("borealis,Borealis GPU,sovereign,NO,0.29,0,2026-06-30,,12.5\n"))
    #expect(try fixture.read("out/v3/facilities.csv").contains(",leased,15000.5\n"))
    let again = try fixture.importing(["out/v3"])
    for (kind, counts) in again.counts {
      #expect(counts == KindCounts(unchanged: counts.rows), "\(kind)")
    }
    // The store reads them back into the domain.
    let books = try fixture.store.loadDataset(prices: .all).books
    let acme = try #require(books.first { $0.provider.id == "acme" })
    let facility = try #require(acme.loans.first { $0.id == "acme-l1" })
    #expect(facility.facility == .delayedDraw)
    #expect(facility.commitment?.cents == 4_000_000_000)
    #expect(facility.availableUntil?.description == "2027-03-01")
    #expect(facility.collateralFleetIDs == ["acme-f1", "acme-f2"])
    let revolver = try #require(acme.loans.first { $0.id == "acme-rcf" })
    #expect(revolver.facility == .revolver && revolver.covenantMinDSCR == nil)
    let borealis = try #require(books.first { $0.provider.id == "borealis" })
    #expect(borealis.provider.variableOpexPct == 12.5)
    #expect(borealis.facilities.first?.fixedRentPerMonth?.cents == 1_500_050)
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
    #expect(
      try fixture.read("empty/fleets.csv") == Samples.fleets.prefix { $0 != "\n" } + ",ramp_months\n")
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
    // min_liquidity_usd and variable_opex_pct (CREDIT §C.1) are empty.
    #expect(exported.contains("\np0,\"Line\r\nbreak\",other,US,0.5,0,2026-01-01,,\n"))
    #expect(exported.contains("\np1,\"  spaced  \",other,US,1.5,0,2026-01-01,,\n"))
    #expect(exported.contains("\np2,\"\"\"quoted\"\"\",other,US,2.5,0,2026-01-01,,\n"))
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
