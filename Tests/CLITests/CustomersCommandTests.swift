import Foundation
import TestSupport
import Testing

/// `neocloud customers`: golden files over Samples, the order, `--provider`, the schema and the
/// machine contract (tsv and csv headers are the JSON keys).
@Suite struct CustomersCommandTests {
  static let asOf = ["--as-of", "2026-11-23"]

  @Test(arguments: ["table", "json"])
  func customersOverSamples(format: String) throws {
    let box = try Sandbox.withSamples()
    let result = box.run(["customers", "--format", format] + Self.asOf)
    #expect(result.code == 0, "\(result.stderr)")
    #expect(result.stderr == "")
    expectSnapshot(result.stdout, named: "customers.\(format)")
  }

  @Test func theJSONConformsToItsSchemaAndTheHeadersAreItsKeys() throws {
    let box = try Sandbox.withSamples()
    let schema = try JSONSchemaValidator(
      schema: try String(contentsOfFile: repositoryRoot + "/docs/schema/customers.schema.json", encoding: .utf8))
    for arguments in [[], ["--provider", "cinder-ai"]] {
      let json = box.run(["customers", "--format", "json"] + Self.asOf + arguments)
      let violations = schema.violations(of: try JSONDocument.parse(json.stdout))
      #expect(violations.isEmpty, "\(violations.prefix(5))")
    }
    let json = box.run(["customers", "--format", "json"] + Self.asOf)
    guard case .object(let top) = try JSONDocument.parse(json.stdout), case .array(let rows)? = top["customers"],
      case .object(let first)? = rows.first
    else {
      Issue.record("no customers")
      return
    }
    let tsv = box.run(["customers", "--format", "tsv"] + Self.asOf).stdout
    let header = tsv.split(separator: "\n").first.map { $0.split(separator: "\t").map(String.init) } ?? []
    #expect(Set(header) == Set(first.keys))
    #expect(header.count == first.count)
    let csv = box.run(["customers", "--format", "csv"] + Self.asOf).stdout
    #expect(csv.split(separator: "\n").first.map(String.init) == header.joined(separator: ","))
    #expect(tsv.split(separator: "\n").count == rows.count + 1)
  }

  @Test func riskiestExposureComesFirst() throws {
    let box = try Sandbox.withSamples()
    let tsv = box.run(["customers", "--format", "tsv"] + Self.asOf).stdout
    let rows = tsv.split(separator: "\n").dropFirst().map {
      $0.split(separator: "\t", omittingEmptySubsequences: false)
    }
    // Every Samples customer is unrated: the largest share of its provider first.
    let shares = rows.map { Double($0[5]) ?? -1 }
    #expect(shares == shares.sorted(by: >))
    #expect(rows.first?[0] == "lumen-grid")
    #expect(rows.first?[1] == "Halcyon Frontier Labs")
    // One row per provider and customer: Kestrelwing Labs is a customer of two providers.
    #expect(rows.filter { $0[1] == "Kestrelwing Labs" }.map { $0[0] } == ["gale-metal", "cinder-ai"])
  }

  @Test func oneProviderAndItsFigures() throws {
    let box = try Sandbox.withSamples()
    let result = box.run(["customers", "--provider", "cinder-ai", "--format", "csv"] + Self.asOf)
    #expect(result.code == 0)
    let lines = result.stdout.split(separator: "\n").map(String.init)
    #expect(lines.first == "provider_id,customer,customer_rating,gpus_m1,revenue_12m_usd,share_pct,end_on")
    // Vesperline AI: 2,560 H100 and 512 H200 in M1, its two contracts' latest end 2028-08-31.
    #expect(lines.dropFirst().first?.hasPrefix("cinder-ai,Vesperline AI,unrated,3072.0,") == true)
    #expect(lines.dropFirst().first?.hasSuffix(",83.0,2028-08-31") == true)
    #expect(lines.dropFirst().allSatisfy { $0.hasPrefix("cinder-ai,") })
    #expect(lines.count == 5)
    // The revenue is the one --top-customer-default ranks by: the two largest are the ones
    // `risk --top-customer-default 2` defaults.
    let top2 = lines.dropFirst().prefix(2).map { $0.split(separator: ",")[1] }
    #expect(Set(top2) == ["Vesperline AI", "Brightfen Studios"])
  }

  @Test func anUnknownProviderExits64WithTheClosestName() throws {
    let box = try Sandbox.withSamples()
    let result = box.run(["customers", "--provider", "cinder-aj"] + Self.asOf)
    #expect(result.code == 64)
    #expect(result.stdout == "")
    #expect(result.stderr == "neocloud: unknown provider 'cinder-aj': did you mean 'cinder-ai'?\n")
  }

  @Test func xlsxIsWrittenToAFile() throws {
    let box = try Sandbox.withSamples()
    let result = box.run(["customers", "--output", box.path("c.xlsx")] + Self.asOf)
    #expect(result.code == 0, "\(result.stderr)")
    let data = try Data(contentsOf: URL(fileURLWithPath: box.path("c.xlsx")))
    #expect(data.prefix(2) == Data("PK".utf8))
  }

  @Test func anEmptyDatabaseListsNoCustomers() throws {
    let box = try Sandbox()
    #expect(box.run(["init"]).code == 0)
    let result = box.run(["customers", "--format", "json"] + Self.asOf)
    #expect(result.code == 0)
    #expect(result.stdout.contains("\"customers\": []"))
  }
}
