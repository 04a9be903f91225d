import Foundation
import TestSupport
import Testing

/// `risk`, `show` and `report` with `--simulate N` (CREDIT §C.6) on the samples.
@Suite struct SimulateTests {
  static let asOf = ["--as-of", "2026-11-23"]

  @Test func outOfRangeOptionsExit64() throws {
    let box = try Sandbox.withSamples()
    for arguments in [
      ["--simulate", "99"], ["--simulate", "100001"], ["--seed", "3"], ["--price-vol", "20"],
      ["--simulate", "100", "--default-rates", "1,2"], ["--simulate", "100", "--default-rates", "1,2,101"],
      ["--simulate", "100", "--utilization-vol", "-1"], ["--simulate", "100", "--seed", "-1"],
    ] {
      let result = box.run(["risk"] + Self.asOf + arguments)
      #expect(result.code == 64, "\(arguments)")
      #expect(result.stderr.contains("--"), "\(arguments): \(result.stderr)")
    }
    #expect(box.run(["risk"] + Self.asOf + ["--simulate", "100"]).code == 0)
  }

  @Test func sameSeedSameBytesAtOneAndTwoThreads() throws {
    let box = try Sandbox.withSamples()
    let arguments = ["risk", "--format", "json", "--simulate", "500", "--seed", "9"] + Self.asOf
    let one = box.run(arguments, environment: ["NEOCLOUD_THREADS": "1"])
    let two = box.run(arguments, environment: ["NEOCLOUD_THREADS": "2"])
    #expect(one.code == 0 && two.code == 0)
    #expect(one.stdout == two.stdout)
    #expect(one.stdout.contains("\"pd_horizon_ci\": ["))
    // Another seed draws other paths.
    let other = box.run(["risk", "--format", "json", "--simulate", "500", "--seed", "10"] + Self.asOf)
    #expect(other.stdout != one.stdout)
    let show = ["show", "gale-metal", "--format", "json", "--simulate", "300"] + Self.asOf
    #expect(box.run(show, environment: ["NEOCLOUD_THREADS": "1"]).stdout == box.run(show).stdout)
    #expect(box.run(arguments, environment: ["NEOCLOUD_THREADS": "zero"]).code == 64)
  }

  @Test func riskShowsPDAndThePortfolio() throws {
    let box = try Sandbox.withSamples()
    let table = box.run(["risk", "--format", "table", "--simulate", "400"] + Self.asOf)
    #expect(table.code == 0)
    // σ from the Samples' price history, to one decimal for people (8.125814641 % in JSON).
    #expect(table.stdout.contains("SIMULATED: 400 paths, seed 1; price vol 8.1% (history)"))
    let typed = box.run(["risk", "--format", "table", "--simulate", "400", "--price-vol", "12.25"] + Self.asOf)
    #expect(typed.stdout.contains("price vol 12.25% (option)"))
    #expect(table.stdout.contains("Portfolio of 10: expected defaults within 12 months"))
    #expect(table.stdout.contains("PD %"))
    #expect(!box.run(["risk", "--format", "table"] + Self.asOf).stdout.contains("PD %"))
    let json = box.run(["risk", "--format", "json", "--simulate", "400"] + Self.asOf)
    guard case .object(let root) = try JSONDocument.parse(json.stdout),
      case .object(let portfolio)? = root["portfolio"], case .array(let providers)? = root["providers"],
      case .object(let assumptions)? = root["assumptions"]
    else {
      Issue.record("no portfolio in \(json.stdout.prefix(300))")
      return
    }
    #expect(portfolio["paths"] == .number(400) && portfolio["providers"] == .number(10))
    #expect(assumptions["simulate"] == .number(400) && assumptions["seed"] == .number(1))
    #expect(assumptions["price_vol_source"] == .string("history"))
    // Riskiest first: grade, then pd_horizon descending; pd_12m ≤ pd_horizon in every row.
    var previous: (grade: String, pd: Double)?
    for case .object(let row) in providers {
      guard case .string(let grade)? = row["grade"], case .number(let pd)? = row["pd_horizon"],
        case .number(let pd12)? = row["pd_12m"]
      else {
        Issue.record("row without PD")
        continue
      }
      #expect(pd12 <= pd)
      if let previous, previous.grade == grade { #expect(previous.pd >= pd) }
      previous = (grade, pd)
    }
    let base = box.run(["risk", "--format", "json"] + Self.asOf)
    #expect(base.stdout.contains("\"portfolio\": null"))
    #expect(base.stdout.contains("\"pd_12m_ci\": null"))
  }

  @Test func showGivesCashPercentilesPerMonth() throws {
    let box = try Sandbox.withSamples()
    let result = box.run(["show", "ionic-labs", "--format", "json", "--simulate", "300"] + Self.asOf)
    guard case .object(let root) = try JSONDocument.parse(result.stdout), case .array(let months)? = root["months"]
    else {
      Issue.record("no months")
      return
    }
    #expect(months.count == 36)
    for case .object(let month) in months {
      guard case .number(let p5)? = month["cash_p5_usd"], case .number(let p50)? = month["cash_p50_usd"],
        case .number(let p95)? = month["cash_p95_usd"]
      else {
        Issue.record("month without percentiles")
        continue
      }
      #expect(p5 <= p50 && p50 <= p95)
    }
    let plain = box.run(["show", "ionic-labs", "--format", "csv"] + Self.asOf)
    #expect(plain.stdout.contains("cash_p5_usd,cash_p50_usd,cash_p95_usd"))
  }

  /// People read the simulation in `show`'s table too: its terms, PD with intervals in the risk
  /// section and the cash fan beside the projection; none of it without `--simulate`.
  @Test func showsTableSaysThePDAndTheFan() throws {
    let box = try Sandbox.withSamples()
    let table = box.run(["show", "harbor-gpu", "--format", "table", "--simulate", "300"] + Self.asOf)
    #expect(table.code == 0)
    #expect(table.stdout.contains("SIMULATED: 300 paths, seed 1"))
    #expect(
      table.stdout.range(of: #"PD horizon +[0-9.]+% \(95% interval [0-9.]+%–[0-9.]+%\)"#, options: .regularExpression)
        != nil)
    #expect(table.stdout.contains("PD 12m"))
    #expect(table.stdout.contains("Cash p5") && table.stdout.contains("Cash p95"))
    let plain = box.run(["show", "harbor-gpu", "--format", "table"] + Self.asOf)
    #expect(plain.code == 0)
    for absent in ["SIMULATED", "PD horizon", "Cash p5"] { #expect(!plain.stdout.contains(absent), "\(absent)") }
  }

  @Test func reportTakesTheSimulation() throws {
    let box = try Sandbox.withSamples()
    let result = box.run(["report", "--simulate", "200", "--output", "-"] + Self.asOf)
    #expect(result.code == 0, "\(result.stderr)")
    #expect(result.stdout.contains("<html"))
  }
}
