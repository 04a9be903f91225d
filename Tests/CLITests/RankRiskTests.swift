import Foundation
import Testing

@Suite struct RankGoldenTests {
  @Test(arguments: ["table", "tsv", "json", "csv", "markdown"])
  func rankOverSamples(format: String) throws {
    let box = try Sandbox.withSamples()
    let result = box.run(["rank", "--as-of", "2026-11-23", "--format", format])
    #expect(result.code == 0)
    #expect(result.stderr.isEmpty)
    expectSnapshot(result.stdout, named: "rank.\(format)")
  }

  @Test func defaultFormatIsTableOnATerminalAndTSVOtherwise() throws {
    let box = try Sandbox.withSamples()
    let piped = box.run(["rank", "--as-of", "2026-11-23"])
    let tsv = box.run(["rank", "--as-of", "2026-11-23", "--format", "tsv"])
    #expect(piped.stdout == tsv.stdout)
    let terminal = box.run(["rank", "--as-of", "2026-11-23"], terminal: true)
    let table = box.run(["rank", "--as-of", "2026-11-23", "--format", "table"])
    #expect(terminal.stdout == table.stdout)
  }

  @Test func filtersKeepGlobalRanks() throws {
    let box = try Sandbox.withSamples()
    let result = box.run(["rank", "--as-of", "2026-11-23", "--format", "tsv", "--gpu-model", "A100"])
    #expect(result.code == 0)
    let ids = result.stdout.split(separator: "\n").dropFirst().map { $0.split(separator: "\t")[1] }
    #expect(ids == ["fjord-hpc", "gale-metal", "harbor-gpu"])
    let segment = box.run(["rank", "--segment", "sovereign", "--format", "tsv"])
    #expect(segment.code == 0)
  }

  @Test func pastAsOfReproducesAnOlderRanking() throws {
    let box = try Sandbox.withSamples()
    let now = box.run(["rank", "--as-of", "2026-11-23", "--format", "json"])
    let then = box.run(["rank", "--as-of", "2025-12-31", "--format", "json"])
    #expect(now.code == 0 && then.code == 0)
    #expect(now.stdout != then.stdout)
    #expect(then.stdout.contains(#""as_of": "2025-12-31""#))
  }

  @Test(arguments: [
    (["rank", "--format", "jsn"], "json"), (["rank", "--as-of", "2026-02-30"], "YYYY-MM-DD"),
    (["rank", "--segment", "cloud"], "neocloud"),
  ])
  func badFlagsExit64(arguments: [String], hint: String) throws {
    let box = try Sandbox.withSamples()
    let result = box.run(arguments)
    #expect(result.code == 64)
    #expect(result.stderr.contains(hint))
    #expect(result.stdout.isEmpty)
  }

  @Test func outputIntoAMissingDirectoryIsOneSentence() throws {
    let box = try Sandbox.withSamples()
    let target = box.path("nope/rank.json")
    let result = box.run(["rank", "--output", target])
    #expect(result.code == 66)
    #expect(
      result.stderr
        == "neocloud: cannot write '\(target)': directory '\(box.path("nope"))' does not exist: create it or choose another --output.\n"
    )
    let json = box.run(["rank", "--output", box.path("rank.json"), "--as-of", "2026-11-23"])
    #expect(json.code == 0 && json.stdout.isEmpty)
    #expect(try String(contentsOfFile: box.path("rank.json"), encoding: .utf8).hasPrefix("{\n  \"as_of\""))
  }

  @Test func missingDatabaseExits66() throws {
    let box = try Sandbox()
    let result = box.run(["rank"])
    #expect(result.code == 66)
    #expect(
      result.stderr == "neocloud: database '\(box.db)' does not exist: run `neocloud init` first (or pass --db PATH).\n"
    )
  }
}

@Suite struct RiskGoldenTests {
  @Test(arguments: ["table", "tsv", "json", "csv", "markdown"])
  func riskOverSamples(format: String) throws {
    let box = try Sandbox.withSamples()
    let result = box.run(["risk", "--as-of", "2026-11-23", "--format", format])
    #expect(result.code == 0)
    expectSnapshot(result.stdout, named: "risk.\(format)")
  }

  @Test(arguments: ["table", "tsv", "json"])
  func stressedRiskSaysSo(format: String) throws {
    let box = try Sandbox.withSamples()
    let result = box.run([
      "risk", "--as-of", "2026-11-23", "--format", format, "--utilization", "55", "--price-shock", "-30",
      "--rate-shock", "200",
    ])
    #expect(result.code == 0)
    expectSnapshot(result.stdout, named: "risk-stressed.\(format)")
    switch format {
    case "table":
      #expect(
        result.stdout.hasPrefix(
          "STRESSED: utilization 55% for every fleet; market prices -30%; floating rates +200 bp\n"))
    case "tsv":
      let header = result.stdout.split(separator: "\n").first ?? ""
      #expect(header.contains("\tassumptions.collateral_margin_pct\t"))
      #expect(header.hasSuffix("\tassumptions.relet_utilization_pct"))
    default: #expect(result.stdout.contains(#""price_shock_pct": -30"#))
    }
  }

  @Test func samplesLandInEveryGrade() throws {
    let box = try Sandbox.withSamples()
    let result = box.run(["risk", "--as-of", "2026-11-23", "--format", "tsv"])
    let lines = result.stdout.split(separator: "\n").map { $0.split(separator: "\t", omittingEmptySubsequences: false) }
    let column = lines.first?.firstIndex(of: "grade") ?? 0
    let grades = Set(lines.dropFirst().map { String($0[column]) })
    #expect(grades == ["critical", "high", "elevated", "low"])
  }

  @Test(arguments: [
    ["--utilization", "101"], ["--utilization", "nan"], ["--price-shock", "-100.5"], ["--price-decay", "100"],
    ["--price-decay", "-100"], ["--rate-shock", "10001"], ["--horizon", "11"], ["--horizon", "121"],
  ])
  func outOfRangeStressExits64(arguments: [String]) throws {
    let box = try Sandbox.withSamples()
    #expect(box.run(["risk"] + arguments).code == 64)
  }

  @Test func negativeValuesParseInTheSpaceForm() throws {
    let box = try Sandbox.withSamples()
    #expect(box.run(["risk", "--price-shock", "-30", "--rate-shock", "-50", "--price-decay", "-5"]).code == 0)
  }
}

/// CREDIT §C.4 on the sample tour: the net-cash growth-stage provider (covenant-free
/// convertibles, negative CFADS until its GB200 hall opens) is `low` or `elevated` with
/// `net_cash`, never `covenant_breach`.
@Suite struct NetCashSampleTests {
  @Test func netCashProviderIsNeverACovenantBreach() throws {
    let box = try Sandbox.withSamples()
    let result = box.run(["risk", "--as-of", "2026-11-23", "--format", "json"])
    #expect(result.code == 0)
    let json = try #require(
      try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
    let providers = try #require(json["providers"] as? [[String: Any]])
    let lumen = try #require(providers.first { $0["provider_id"] as? String == "lumen-grid" })
    let flags = try #require(lumen["flags"] as? [String])
    #expect(["low", "elevated"].contains(lumen["grade"] as? String))
    #expect(flags.contains("net_cash"))
    #expect(!flags.contains("covenant_breach"))
    #expect(lumen["covenant_dscr"] is NSNull)
    #expect((lumen["net_debt_usd"] as? Double ?? 0) < 0)
  }
}
