import Foundation
import Testing

/// The stress of the stressed goldens, the same as `risk`'s.
let showStress = ["--utilization", "55", "--price-shock", "-30", "--rate-shock", "200"]

/// Every JSON number that is a negative zero (`-0`, `-0.0`), which §5 forbids.
func negativeZeros(in json: String) -> [String] {
  let pattern = #"-0(\.0+)?(?![.0-9])"#
  guard let regex = try? NSRegularExpression(pattern: pattern) else { return ["bad pattern"] }
  let range = NSRange(json.startIndex..., in: json)
  return regex.matches(in: json, range: range).compactMap { Range($0.range, in: json).map { String(json[$0]) } }
}

@Suite struct ShowTests {
  @Test(arguments: ["table", "tsv", "json"])
  func showOverSamples(format: String) throws {
    let box = try Sandbox.withSamples()
    let result = box.run(["show", "gale-metal", "--as-of", "2026-11-23", "--format", format])
    #expect(result.code == 0)
    #expect(result.stderr.isEmpty)
    expectSnapshot(result.stdout, named: "show-gale-metal.\(format)")
  }

  @Test(arguments: ["table", "json"])
  func stressedShowSaysSo(format: String) throws {
    let box = try Sandbox.withSamples()
    let result = box.run(["show", "gale-metal", "--as-of", "2026-11-23", "--format", format] + showStress)
    #expect(result.code == 0)
    expectSnapshot(result.stdout, named: "show-gale-metal-stressed.\(format)")
    if format == "table" {
      #expect(
        result.stdout.hasPrefix(
          "STRESSED: utilization 55% for every fleet; market prices -30%; floating rates +200 bp\n"))
    }
  }

  @Test func stressedJSONHasItsAssumptions() throws {
    let box = try Sandbox.withSamples()
    let result = box.run(["show", "ionic-labs", "--as-of", "2026-11-23", "--format", "json"] + showStress)
    #expect(result.code == 0)
    let object = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
    let assumptions = object?["assumptions"] as? [String: Any]
    #expect(assumptions?["utilization_pct"] as? Double == 55)
    #expect(assumptions?["price_shock_pct"] as? Double == -30)
    #expect(assumptions?["rate_shock_bp"] as? Double == 200)
    #expect(assumptions?["horizon_months"] as? Int == 36)
    #expect(object?["as_of"] as? String == "2026-11-23")
    #expect((object?["months"] as? [Any])?.count == 36)
    let base = box.run(["show", "ionic-labs", "--as-of", "2026-11-23", "--format", "json"])
    #expect(base.stdout.contains(#""utilization_pct": null"#))
    #expect(base.stdout != result.stdout)
  }

  @Test func jsonNeverWritesNegativeZero() throws {
    let box = try Sandbox.withSamples()
    let ids = [
      "auroragrid", "boreal-compute", "cinder-ai", "driftwood-gpu", "ember-cloud", "fjord-hpc", "gale-metal",
      "harbor-gpu", "ionic-labs",
    ]
    for id in ids {
      for stress in [[], showStress, ["--utilization", "0", "--horizon", "120"]] {
        let result = box.run(["show", id, "--as-of", "2026-11-23", "--format", "json"] + stress)
        #expect(result.code == 0)
        #expect(negativeZeros(in: result.stdout).isEmpty, "show \(id) \(stress)")
      }
    }
    #expect(negativeZeros(in: #"{"a": -0, "b": -0.0, "c": -0.5, "d": -10}"#) == ["-0", "-0.0"])
  }

  @Test func tsvIsTheSectionNamedBySection() throws {
    let box = try Sandbox.withSamples()
    let result = box.run(["show", "gale-metal", "--as-of", "2026-11-23", "--format", "tsv", "--horizon", "24"])
    let months = result.stdout.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
    #expect(months.count == 25)
    #expect(months.first?.hasPrefix("month\tcontract_revenue_usd\t") == true)
    #expect(
      months.first?.hasSuffix(
        "\tcash_usd\tprepayment_applied_usd\tassumptions.horizon_months\tassumptions.hours_per_month"
          + "\tassumptions.utilization_pct"
          + "\tassumptions.price_shock_pct\tassumptions.price_decay_pct\tassumptions.rate_shock_bp"
          + "\tassumptions.collateral_margin_pct\tassumptions.customer_default\tassumptions.top_customer_default"
          + "\tassumptions.default_from\tassumptions.relet_delay_months\tassumptions.relet_haircut_pct"
          + "\tassumptions.relet_utilization_pct") == true)
    #expect(months.dropFirst().first?.hasPrefix("2026-12\t") == true)
    let explicit = box.run(
      ["show", "gale-metal", "--as-of", "2026-11-23", "--format", "tsv", "--horizon", "24", "--section", "months"])
    #expect(explicit.stdout == result.stdout)
    let loans = box.run(["show", "gale-metal", "--as-of", "2026-11-23", "--format", "tsv", "--section", "loans"])
    #expect(loans.stdout.hasPrefix("loan_id\tlender\tprincipal_usd\t"))
    #expect(loans.stdout.split(separator: "\n").count == 4)
  }

  @Test func outputFileTakesItsFormatFromTheExtension() throws {
    let box = try Sandbox.withSamples()
    let result = box.run(["show", "cinder-ai", "--as-of", "2026-11-23", "--output", "cinder.json"])
    #expect(result.code == 0)
    #expect(result.stdout.isEmpty)
    let written = try String(contentsOfFile: box.path("cinder.json"), encoding: .utf8)
    let json = box.run(["show", "cinder-ai", "--as-of", "2026-11-23", "--format", "json"])
    #expect(written == json.stdout)
  }

  @Test func unknownProviderExits64WithASuggestion() throws {
    let box = try Sandbox.withSamples()
    let close = box.run(["show", "gale-metl"])
    #expect(close.code == 64)
    #expect(close.stdout.isEmpty)
    #expect(close.stderr == "neocloud: unknown provider 'gale-metl': did you mean 'gale-metal'?\n")
    let far = box.run(["show", "nobody-here"])
    #expect(far.code == 64)
    #expect(far.stderr == "neocloud: unknown provider 'nobody-here': run `neocloud rank` to list the providers.\n")
  }

  @Test func missingDatabaseExits66() throws {
    let box = try Sandbox()
    let result = box.run(["show", "gale-metal"])
    #expect(result.code == 66)
    #expect(
      result.stderr == "neocloud: database '\(box.db)' does not exist: run `neocloud init` first (or pass --db PATH).\n"
    )
  }

  @Test(arguments: [["--utilization", "101"], ["--horizon", "11"], ["--format", "html"], ["--as-of", "2026-13-01"]])
  func badFlagsExit64(arguments: [String]) throws {
    let box = try Sandbox.withSamples()
    let result = box.run(["show", "gale-metal"] + arguments)
    #expect(result.code == 64)
    #expect(result.stdout.isEmpty)
  }

  @Test func missingProviderArgumentExits64() throws {
    let box = try Sandbox.withSamples()
    #expect(box.run(["show"]).code == 64)
  }
}
