import Foundation
import TestSupport
import Testing

/// The machine-readable contract (issue 14): JSON conforms to docs/schema, tsv and csv headers
/// are the JSON keys, and a format's columns never depend on state.
@Suite struct ContractTests {
  static let asOf = ["--as-of", "2026-11-23"]
  static let providers = ["gale-metal", "ionic-labs", "harbor-gpu", "auroragrid", "cinder-ai"]

  func validator(_ command: String) throws -> JSONSchemaValidator {
    let path = repositoryRoot + "/docs/schema/\(command).schema.json"
    return try JSONSchemaValidator(schema: try String(contentsOfFile: path, encoding: .utf8))
  }

  func expectConforms(
    _ arguments: [String], in box: Sandbox, to schema: String, sourceLocation: SourceLocation = #_sourceLocation
  ) throws {
    let result = box.run(arguments + ["--format", "json"])
    #expect(result.code == 0, "\(arguments)", sourceLocation: sourceLocation)
    let violations = try validator(schema).violations(of: try JSONDocument.parse(result.stdout))
    #expect(violations.isEmpty, "\(arguments): \(violations.prefix(5))", sourceLocation: sourceLocation)
  }

  @Test func everyCommandsJSONConformsToItsSchema() throws {
    let box = try Sandbox.withSamples()
    try expectConforms(["history"], in: box, to: "history")
    try expectConforms(["glossary"], in: box, to: "glossary")
    try expectConforms(["glossary", "covenant_breach"], in: box, to: "glossary")
    try expectConforms(["rank"] + Self.asOf, in: box, to: "rank")
    #expect(box.run(["recompute", "--as-of", "2026-11-23"]).code == 0)
    #expect(box.run(["recompute", "--as-of", "2026-11-30"]).code == 0)
    try expectConforms(["rank"] + Self.asOf, in: box, to: "rank")
    try expectConforms(["history"], in: box, to: "history")
    try expectConforms(["history", "gale-metal"], in: box, to: "history")
    for stress in [
      [], showStress, ["--utilization", "0", "--horizon", "120"],
      ["--top-customer-default", "2", "--customer-default", "Kestrelwing Labs", "--default-from", "2027-03"],
    ] {
      try expectConforms(["risk"] + Self.asOf + stress, in: box, to: "risk")
      for provider in Self.providers {
        try expectConforms(["show", provider] + Self.asOf + stress, in: box, to: "show")
      }
    }
    for provider in Self.providers {
      try expectConforms(["explain", provider] + Self.asOf, in: box, to: "explain")
    }
    try expectConforms(["customers"] + Self.asOf, in: box, to: "customers")
  }

  @Test func theValidatorRefusesWhatTheSchemaDoesNotAllow() throws {
    let schema = try JSONSchemaValidator(
      schema: """
        {"type": "object", "required": ["a", "b"], "additionalProperties": false,
         "properties": {"a": {"type": ["integer", "null"]}, "b": {"type": "array", "items": {"$ref": "#/$defs/t"}}},
         "$defs": {"t": {"type": "string", "enum": ["x", "y"]}}}
        """)
    #expect(schema.violations(of: try JSONDocument.parse(#"{"a": 3, "b": ["x"]}"#)).isEmpty)
    #expect(schema.violations(of: try JSONDocument.parse(#"{"a": null, "b": []}"#)).isEmpty)
    #expect(schema.violations(of: try JSONDocument.parse(#"{"a": 3.5, "b": []}"#)).count == 1)
    #expect(schema.violations(of: try JSONDocument.parse(#"{"a": true, "b": []}"#)).count == 1)
    #expect(schema.violations(of: try JSONDocument.parse(#"{"b": ["z"]}"#)).count == 2)
    #expect(schema.violations(of: try JSONDocument.parse(#"{"a": 1, "b": [], "c": 1}"#)).count == 1)
    let unsupported = try JSONSchemaValidator(schema: #"{"type": "object", "minProperties": 1}"#)
    #expect(unsupported.violations(of: try JSONDocument.parse("{}")).count == 1)
  }

  /// The header line of a tsv output.
  func header(_ arguments: [String], in box: Sandbox) -> [String] {
    let result = box.run(arguments + ["--format", "tsv"])
    #expect(result.code == 0, "\(arguments): \(result.stderr)")
    return result.stdout.split(separator: "\n").first.map { $0.split(separator: "\t").map(String.init) } ?? []
  }

  func object(_ arguments: [String], in box: Sandbox) throws -> [String: JSONDocument] {
    let result = box.run(arguments + ["--format", "json"])
    guard case .object(let members) = try JSONDocument.parse(result.stdout) else { return [:] }
    return members
  }

  func keys(_ value: JSONDocument?, prefix: String = "") -> Set<String> {
    var element = value
    if case .array(let elements)? = value { element = elements.first }
    guard case .object(let members)? = element else { return [] }
    return Set(members.keys.map { prefix + $0 })
  }

  @Test func riskHeadersAreTheJSONKeysWhetherStressedOrNot() throws {
    let box = try Sandbox.withSamples()
    let base = header(["risk"] + Self.asOf, in: box)
    let stressed = header(["risk"] + Self.asOf + showStress, in: box)
    #expect(base == stressed)
    let json = try object(["risk"] + Self.asOf, in: box)
    #expect(Set(base) == keys(json["providers"]).union(keys(json["assumptions"], prefix: "assumptions.")))
    #expect(base.count == Set(base).count)
    let csv = box.run(["risk", "--format", "csv"] + Self.asOf).stdout
    #expect(csv.split(separator: "\n").first.map(String.init) == base.joined(separator: ","))
  }

  @Test func rankHasItsChangeColumnBeforeAndAfterARun() throws {
    let box = try Sandbox.withSamples()
    let before = header(["rank"] + Self.asOf, in: box)
    #expect(box.run(["recompute", "--as-of", "2026-11-23"]).code == 0)
    let after = header(["rank"] + Self.asOf, in: box)
    #expect(before == after)
    #expect(before.last == "change")
    let json = try object(["rank"] + Self.asOf, in: box)
    guard case .array(let providers)? = json["providers"], let first = providers.first else {
      Issue.record("no providers")
      return
    }
    var expected = keys(first).subtracting(["pillars"])
    if case .object(let row) = first { expected.formUnion(keys(row["pillars"], prefix: "pillars.")) }
    #expect(Set(before) == expected)
    // Without a baseline the column is there and empty; people see no Change column.
    let fresh = try Sandbox.withSamples()
    let rows = fresh.run(["rank", "--format", "tsv"] + Self.asOf).stdout.split(separator: "\n").dropFirst()
    #expect(!rows.isEmpty && rows.allSatisfy { $0.hasSuffix("\t") })
    #expect(!fresh.run(["rank", "--format", "table"] + Self.asOf).stdout.contains("Change"))
  }

  @Test func showSectionsAreRectangularAndKeyedAsTheJSON() throws {
    let box = try Sandbox.withSamples()
    let json = try object(["show", "gale-metal"] + Self.asOf, in: box)
    var loans = keys(json["loans"])
    loans.subtract(["payments", "draws"])
    var payments: Set<String> = []
    if case .array(let all)? = json["loans"], case .object(let loan)? = all.first {
      payments = keys(loan["payments"]).union(["loan_id"])
    }
    var risk = keys(.object(json)).subtracting([
      "as_of", "assumptions", "profile", "facilities", "fleets", "contracts", "uptime", "months", "loans",
    ])
    risk.formUnion(keys(json["assumptions"], prefix: "assumptions."))
    let expected: [String: Set<String>] = [
      "profile": keys(json["profile"]), "facilities": keys(json["facilities"]), "fleets": keys(json["fleets"]),
      "loans": loans, "contracts": keys(json["contracts"]), "uptime": keys(json["uptime"]), "risk": risk,
      "months": keys(json["months"]).union(keys(json["assumptions"], prefix: "assumptions.")),
      "payments": payments,
      // CREDIT §C.3's figures, top-level keys of the risk object as well.
      "liquidity": [
        "total_debt_usd", "net_debt_usd", "liquidity_usd", "interest_12m_usd", "interest_coverage", "net_leverage",
        "net_leverage_m0", "covenant_dscr", "covenant_headroom_pct", "min_cash_12m_usd", "min_cash_usd",
      ],
    ]
    #expect(expected["liquidity"]?.isSubset(of: risk) == true)
    for (section, keys) in expected {
      #expect(!keys.isEmpty, "\(section)")
      for stress in [[], showStress] {
        let result = box.run(["show", "gale-metal", "--format", "tsv", "--section", section] + Self.asOf + stress)
        #expect(result.code == 0)
        let lines = result.stdout.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
        let columns = lines.first?.split(separator: "\t", omittingEmptySubsequences: false).map(String.init) ?? []
        #expect(Set(columns) == keys, "\(section)")
        #expect(!lines.contains(""), "\(section) has a blank line")
        #expect(lines.allSatisfy { $0.split(separator: "\t", omittingEmptySubsequences: false).count == columns.count })
      }
    }
    let months = box.run(["show", "gale-metal", "--format", "csv", "--horizon", "24"] + Self.asOf)
    #expect(months.stdout.split(separator: "\n").count == 25)
    #expect(months.stdout.hasPrefix("month,contract_revenue_usd,"))
  }

  @Test func explainSectionsAreRectangularAndKeyedAsTheJSON() throws {
    let box = try Sandbox.withSamples()
    for provider in Self.providers {
      let json = try object(["explain", provider] + Self.asOf, in: box)
      var criteria: Set<String> = []
      if case .object(let pillars)? = json["pillars"], case .object(let pillar)? = pillars.values.first {
        criteria = keys(pillar["criteria"]).union(["pillar"])
      }
      #expect(Set(header(["explain", provider] + Self.asOf, in: box)) == criteria)
      let summary = header(["explain", provider, "--section", "summary"] + Self.asOf, in: box)
      #expect(Set(summary).isSubset(of: keys(.object(json))))
      for section in ["pillars", "next_tier"] {
        let result = box.run(["explain", provider, "--format", "csv", "--section", section] + Self.asOf)
        #expect(result.code == 0)
        let lines = result.stdout.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
        #expect(!lines.contains(""))
        #expect(lines.first?.contains(" ") == false)
      }
    }
  }

  @Test(arguments: ["show", "explain"])
  func unknownSectionExits64AndHelpListsThem(command: String) throws {
    let box = try Sandbox.withSamples()
    let result = box.run([command, "gale-metal", "--format", "tsv", "--section", "mnths"])
    #expect(result.code == 64)
    #expect(result.stdout.isEmpty)
    #expect(result.stderr.contains("--section"))
    let help = box.run([command, "--help"])
    let values = command == "show" ? "profile, facilities, fleets, loans" : "criteria, pillars, summary, next_tier"
    let words = help.stdout.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    #expect(words.contains("--section <section> The section tsv and csv write (values: " + values))
  }

  @Test func csvAndTSVHaveTheSameColumns() throws {
    let box = try Sandbox.withSamples()
    var commands: [[String]] = [["rank"] + Self.asOf, ["risk"] + Self.asOf, ["history"]]
    commands += ["profile", "facilities", "fleets", "loans", "contracts", "uptime", "risk", "months", "payments"].map {
      ["show", "gale-metal", "--section", $0] + Self.asOf
    }
    commands += ["criteria", "pillars", "summary", "next_tier"].map {
      ["explain", "gale-metal", "--section", $0] + Self.asOf
    }
    for command in commands {
      let csv = box.run(command + ["--format", "csv"]).stdout.split(separator: "\n").first.map(String.init)
      #expect(csv != nil && csv == header(command, in: box).joined(separator: ","), "\(command)")
    }
  }

  @Test func historyHeadersAreTheJSONKeys() throws {
    let box = try Sandbox.withSamples()
    #expect(box.run(["recompute", "--as-of", "2026-11-23"]).code == 0)
    let json = try object(["history", "gale-metal"], in: box)
    #expect(Set(header(["history"], in: box)) == keys(json["runs"]))
    if case .object(let provider)? = json["provider"] {
      #expect(Set(header(["history", "gale-metal"], in: box)) == keys(provider["points"]))
    } else {
      Issue.record("no provider in history gale-metal")
    }
  }
}
