import Foundation
import TestSupport
import Testing

/// CREDIT §C.5 through the CLI: the customer-default options of `risk`, `show` and `report`, their
/// JSON keys and banner, and the Samples stories of issues 11 and 12.
@Suite struct CustomerDefaultTests {
  static let asOf = ["--as-of", "2026-11-23"]

  /// The `providers` of `risk --format json`, by provider_id.
  func providers(_ arguments: [String], in box: Sandbox) throws -> [String: [String: JSONDocument]] {
    let result = box.run(["risk"] + Self.asOf + arguments + ["--format", "json"])
    #expect(result.code == 0, "\(arguments): \(result.stderr)")
    guard case .object(let top) = try JSONDocument.parse(result.stdout), case .array(let rows)? = top["providers"]
    else { return [:] }
    var byID: [String: [String: JSONDocument]] = [:]
    for case .object(let row) in rows {
      if case .string(let id)? = row["provider_id"] { byID[id] = row }
    }
    return byID
  }

  func strings(_ value: JSONDocument?) -> [String]? {
    guard case .array(let items)? = value else { return nil }
    return items.compactMap { if case .string(let text) = $0 { return text } else { return nil } }
  }

  func string(_ value: JSONDocument?) -> String? {
    if case .string(let text)? = value { return text }
    return nil
  }

  @Test func anUnknownCustomerExits64NamingTheClosestKnownNames() throws {
    let box = try Sandbox.withSamples()
    for command in [["risk"], ["show", "cinder-ai"], ["report", "--output", box.path("r.html")]] {
      let result = box.run(command + Self.asOf + ["--customer-default", "vesperline"])
      #expect(result.code == 64, "\(command)")
      #expect(result.stdout == "")
      #expect(
        result.stderr.hasPrefix(
          "neocloud: unknown customer 'vesperline' in --customer-default (names match contracts.customer exactly): did you mean 'Vesperline AI'"
        ), "\(command): \(result.stderr)")
      #expect(result.stderr.hasSuffix("?\n"))
      #expect(result.stderr.split(separator: "\n").count == 1)
    }
    #expect(!FileManager.default.fileExists(atPath: box.path("r.html")))
    // Exact match only: the right letters in the wrong case are unknown too, and a typo gets
    // the nearest names (edit distance) first.
    let typo = box.run(["risk"] + Self.asOf + ["--customer-default", "Vesperlin AI"])
    #expect(typo.code == 64)
    #expect(typo.stderr.contains("did you mean 'Vesperline AI', "))
    #expect(box.run(["risk"] + Self.asOf + ["--customer-default", "vesperline ai"]).code == 64)
    #expect(box.run(["risk"] + Self.asOf + ["--customer-default", "Vesperline AI"]).code == 0)
  }

  @Test(arguments: [
    ["--relet-delay", "37"], ["--relet-delay", "-1"], ["--relet-haircut", "100.5"], ["--relet-haircut", "-1"],
    ["--relet-utilization", "101"], ["--relet-utilization", "-0.1"], ["--top-customer-default", "0"],
    ["--top-customer-default", "-2"], ["--default-from", "2027-13"], ["--default-from", "2027-1"],
    ["--customer-default", ""],
  ])
  func outOfRangeValuesExit64(arguments: [String]) throws {
    let box = try Sandbox.withSamples()
    for command in [["risk"], ["show", "cinder-ai"], ["report", "--output", box.path("r.html")]] {
      let result = box.run(command + Self.asOf + arguments)
      #expect(result.code == 64, "\(command + arguments): \(result.stderr)")
      #expect(result.stdout == "")
      #expect(result.stderr.contains(arguments[0]), "\(result.stderr)")
    }
  }

  @Test func theRangesIncludeTheirEnds() throws {
    let box = try Sandbox.withSamples()
    for arguments in [
      ["--relet-delay", "0"], ["--relet-delay", "36"], ["--relet-haircut", "0"], ["--relet-haircut", "100"],
      ["--relet-utilization", "0"], ["--relet-utilization", "100"], ["--default-from", "2027-01"],
    ] {
      let result = box.run(["risk"] + Self.asOf + ["--top-customer-default", "1"] + arguments)
      #expect(result.code == 0, "\(arguments): \(result.stderr)")
    }
  }

  @Test func everyOptionHasOneHelpLineWithItsDefault() throws {
    let box = try Sandbox()
    for command in ["risk", "show", "report"] {
      // Help wraps lines: compare with runs of white space as one space.
      let help = box.run([command, "--help"], withDB: false).stdout.split(whereSeparator: \.isWhitespace)
        .joined(separator: " ")
      for (option, fragment) in [
        ("--customer-default", "(default: none)"), ("--top-customer-default", "(default: none)"),
        ("--default-from", "(default: the month after --as-of)"), ("--relet-delay", "0–36 (default: 6)"),
        ("--relet-haircut", "0–100 % (default: 20)"), ("--relet-utilization", "0–100 % (default: 50)"),
      ] {
        #expect(help.contains(option), "\(command) \(option)")
        #expect(help.contains(fragment), "\(command) \(option)")
      }
    }
  }

  @Test func theJSONCarriesTheAssumptionsAndEachProvidersDefaultedCustomers() throws {
    let box = try Sandbox.withSamples()
    let result = box.run(
      ["risk"] + Self.asOf + [
        "--customer-default", "Vesperline AI", "--customer-default", "Halcyon Frontier Labs", "--default-from",
        "2027-03", "--relet-delay", "3", "--relet-haircut", "40", "--relet-utilization", "70", "--format", "json",
      ])
    #expect(result.code == 0)
    guard case .object(let top) = try JSONDocument.parse(result.stdout),
      case .object(let assumptions)? = top["assumptions"]
    else {
      Issue.record("no assumptions")
      return
    }
    #expect(strings(assumptions["customer_default"]) == ["Halcyon Frontier Labs", "Vesperline AI"])
    #expect(assumptions["top_customer_default"] == .null)
    #expect(string(assumptions["default_from"]) == "2027-03")
    #expect(assumptions["relet_delay_months"] == .number(3))
    #expect(assumptions["relet_haircut_pct"] == .number(40))
    #expect(assumptions["relet_utilization_pct"] == .number(70))
    #expect(assumptions["collateral_margin_pct"] == .number(35))
    let rows = try providers(
      ["--customer-default", "Vesperline AI", "--customer-default", "Halcyon Frontier Labs"], in: box)
    #expect(strings(rows["cinder-ai"]?["defaulted_customers"]) == ["Vesperline AI"])
    #expect(strings(rows["lumen-grid"]?["defaulted_customers"]) == ["Halcyon Frontier Labs"])
    #expect(strings(rows["auroragrid"]?["defaulted_customers"]) == [])
    // The base case: the keys are there, with their defaults.
    let base = box.run(["risk"] + Self.asOf + ["--format", "json"])
    guard case .object(let baseTop) = try JSONDocument.parse(base.stdout),
      case .object(let baseAssumptions)? = baseTop["assumptions"]
    else { return }
    #expect(strings(baseAssumptions["customer_default"]) == [])
    #expect(baseAssumptions["default_from"] == .null)
    #expect(baseAssumptions["relet_delay_months"] == .number(6))
  }

  @Test func csvColumnsDoNotDependOnTheDefault() throws {
    let box = try Sandbox.withSamples()
    let header = { (arguments: [String]) -> String in
      let out = box.run(["risk"] + Self.asOf + arguments + ["--format", "csv"]).stdout
      return out.split(separator: "\n").first.map(String.init) ?? ""
    }
    let base = header([])
    #expect(base == header(["--top-customer-default", "2", "--default-from", "2027-02"]))
    for key in [
      "defaulted_customers", "assumptions.customer_default", "assumptions.top_customer_default",
      "assumptions.default_from", "assumptions.relet_delay_months", "assumptions.relet_haircut_pct",
      "assumptions.relet_utilization_pct",
    ] {
      #expect(base.split(separator: ",").contains(Substring(key)), "\(key)")
    }
    // Several names in one cell, separated by "; ".
    let tsv = box.run(
      ["risk"] + Self.asOf + ["--top-customer-default", "2", "--format", "tsv"]
    ).stdout
    #expect(tsv.contains("\tBrightfen Studios; Vesperline AI\t"))
  }

  @Test func topCustomerDefaultTakesEachProvidersLargestCustomers() throws {
    let box = try Sandbox.withSamples()
    let one = try providers(["--top-customer-default", "1"], in: box)
    #expect(strings(one["cinder-ai"]?["defaulted_customers"]) == ["Vesperline AI"])
    #expect(strings(one["auroragrid"]?["defaulted_customers"]) == ["Westerly Foundation Models"])
    #expect(strings(one["lumen-grid"]?["defaulted_customers"]) == ["Halcyon Frontier Labs"])
    let two = try providers(["--top-customer-default", "2"], in: box)
    #expect(strings(two["cinder-ai"]?["defaulted_customers"]) == ["Brightfen Studios", "Vesperline AI"])
    // A provider with fewer customers than N defaults them all (lumen-grid has two).
    let many = try providers(["--top-customer-default", "50"], in: box)
    #expect(strings(many["lumen-grid"]?["defaulted_customers"]) == ["Halcyon Frontier Labs", "Orrery Robotics"])
  }

  @Test func tiesInTopCustomerDefaultGoByName() throws {
    let box = try Sandbox.withSamples()
    // Two new customers of harbor-gpu with identical contracts, each far larger than its others.
    try box.write(
      "contracts.csv",
      """
      contract_id,provider_id,customer,gpu_model,gpu_count,price_usd_per_gpu_hour,start_on,end_on,sla_uptime_pct,sla_credit_pct
      hbr-tie-z,harbor-gpu,Zeta Tie,H100,1000,5,2026-01-01,2028-12-31,99.5,10
      hbr-tie-a,harbor-gpu,Alpha Tie,H100,1000,5,2026-01-01,2028-12-31,99.5,10

      """)
    #expect(box.run(["import", box.path("contracts.csv")]).code == 0)
    let one = try providers(["--top-customer-default", "1"], in: box)
    #expect(strings(one["harbor-gpu"]?["defaulted_customers"]) == ["Alpha Tie"])
    let two = try providers(["--top-customer-default", "2"], in: box)
    #expect(strings(two["harbor-gpu"]?["defaulted_customers"]) == ["Alpha Tie", "Zeta Tie"])
    // `customers` lists the tie in the same order.
    let customers = box.run(["customers", "--provider", "harbor-gpu", "--format", "tsv"] + Self.asOf).stdout
    let names = customers.split(separator: "\n").dropFirst().map { $0.split(separator: "\t")[1] }
    #expect(names.prefix(2) == ["Alpha Tie", "Zeta Tie"])
  }

  @Test func theBannerNamesEveryCustomerDefaulted() throws {
    let box = try Sandbox.withSamples()
    let risk = box.run(["risk"] + Self.asOf + ["--top-customer-default", "1", "--format", "table"])
    let first = risk.stdout.split(separator: "\n").first.map(String.init) ?? ""
    #expect(first.hasPrefix("STRESSED: customers defaulting from the month after as-of: "))
    for name in ["Vesperline AI", "Westerly Foundation Models", "Halcyon Frontier Labs", "Tidewater Quant"] {
      #expect(first.contains(name), "\(name)")
    }
    #expect(first.contains("(each provider's largest customer)"))
    #expect(first.contains("re-let after 6 months at 50% utilization, 20% below market"))
    let markdown = box.run(["risk"] + Self.asOf + ["--customer-default", "Vesperline AI", "--format", "markdown"])
    #expect(markdown.stdout.contains("STRESSED: customers defaulting from the month after as-of: Vesperline AI,"))
    let show = box.run(
      ["show", "cinder-ai"] + Self.asOf + [
        "--top-customer-default", "1", "--default-from", "2027-02", "--format", "table",
      ])
    #expect(show.stdout.hasPrefix("STRESSED: customers defaulting from 2027-02: Vesperline AI (each provider's"))
    let report = box.run(["report", "--output", "-"] + Self.asOf + ["--customer-default", "Vesperline AI"])
    #expect(report.code == 0)
    #expect(report.stdout.contains("<p class=\"stressed\" role=\"note\">STRESSED: customers defaulting"))
    #expect(report.stdout.contains("Vesperline AI, re-let after"))
    #expect(report.stdout.contains(" · STRESSED"))
    // Re-letting terms alone are no stress: nothing defaults.
    let terms = box.run(["risk"] + Self.asOf + ["--relet-haircut", "90", "--format", "table"])
    #expect(!terms.stdout.hasPrefix("STRESSED"))
  }

  /// Issue 12: the largest customer's default turns a `low` Samples provider `high` or worse.
  @Test func cinderAIsLargestCustomerTurnsItFromLowToHigh() throws {
    let box = try Sandbox.withSamples()
    let base = try providers([], in: box)
    #expect(string(base["cinder-ai"]?["grade"]) == "low")
    for stress in [["--top-customer-default", "1"], ["--customer-default", "Vesperline AI"]] {
      let stressed = try providers(stress, in: box)
      let grade = string(stressed["cinder-ai"]?["grade"])
      #expect(grade == "high" || grade == "critical", "\(stress): \(grade ?? "none")")
    }
  }

  /// Issue 11: a Samples provider draws its revolver and the watch list says when.
  @Test func emberCloudNeedsItsRevolver() throws {
    let box = try Sandbox.withSamples()
    let base = try providers([], in: box)
    #expect(strings(base["ember-cloud"]?["flags"])?.contains("revolver_dependent") == true)
    #expect(string(base["ember-cloud"]?["grade"]) == "elevated")
    let report = box.run(["report", "--output", "-"] + Self.asOf)
    #expect(report.stdout.contains("ember-cloud</span>: needs its revolver in 2027-06;"))
  }
}
