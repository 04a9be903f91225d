import Foundation
import GRDB
import Testing

@testable import Import
@testable import Store

/// The import turns SQLite's CHECK constraints off while it loads a kind whose every CHECK the
/// loader enforces itself (`Kind.loaderEnforcesChecks`, for speed): these tests pin those CHECK
/// clauses and prove that the loader accepts only what they accept.
@Suite struct CheckConstraintTests {
  /// The CHECK clauses of `table` in the fresh schema, whitespace collapsed, in order.
  static func checkClauses(_ fixture: Fixture, _ table: String) throws -> [String] {
    let sql = try fixture.strings("SELECT sql FROM sqlite_schema WHERE name = '\(table)'").first ?? ""
    let text = sql.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    var clauses: [String] = []
    var rest = Substring(text)
    while let start = rest.range(of: "CHECK (") {
      var depth = 0
      var end = start.upperBound
      for index in rest[start.lowerBound...].indices {
        if rest[index] == "(" { depth += 1 }
        if rest[index] == ")" {
          depth -= 1
          if depth == 0 {
            end = rest.index(after: index)
            break
          }
        }
      }
      clauses.append(String(rest[start.lowerBound..<end]))
      rest = rest[end...]
    }
    return clauses
  }

  /// If this fails, a migration changed the CHECK constraints of a table the loader loads with
  /// SQLite's checks off: make the loader's field checks (`TableKind.columns`) enforce exactly
  /// the new ones (or drop the kind from `loaderEnforcesChecks`), then update this list.
  @Test func checksOfTheKindsLoadedWithoutThemArePinned() throws {
    let fixture = try Fixture()
    #expect(Kind.allCases.filter(\.loaderEnforcesChecks) == [.fleets])
    #expect(
      try Self.checkClauses(fixture, "fleets") == [
        "CHECK (gpu_count > 0 AND gpu_count <= 10000000)",
        "CHECK (capex_usd >= 0 AND capex_usd <= 100000000000000)",
        "CHECK (useful_life_years BETWEEN 1 AND 15)",
        "CHECK (gpu_power_kw > 0 AND gpu_power_kw <= 5)",
        "CHECK (utilization_pct >= 0 AND utilization_pct <= 100)",
        "CHECK (interconnect = 'infiniband' OR interconnect = 'roce' OR interconnect = 'ethernet')",
        "CHECK (fabric_gbps_per_gpu >= 0)",
        "CHECK (ramp_months >= 0 AND ramp_months <= 60)",
      ])
  }

  /// `PRAGMA ignore_check_constraints` on the store's connection after the import (0: on).
  static func checksIgnored(_ fixture: Fixture) throws -> Int? {
    try fixture.store.queue.read { db in
      try Int.fetchOne(db, sql: "PRAGMA ignore_check_constraints")
    }
  }

  static let header =
    "fleet_id,provider_id,facility_id,gpu_model,gpu_count,in_service_on,capex_usd,useful_life_years,gpu_power_kw,utilization_pct,interconnect,fabric_gbps_per_gpu,ramp_months"

  /// A fleet row of the samples' provider and facility with `changes` applied.
  static func row(_ id: String, _ changes: [String: String]) -> String {
    var fields: [String: String] = [
      "fleet_id": id, "provider_id": "acme", "facility_id": "acme-dal1", "gpu_model": "H100",
      "gpu_count": "8", "in_service_on": "2025-01-01", "capex_usd": "1000", "useful_life_years": "5",
      "gpu_power_kw": "1", "utilization_pct": "50", "interconnect": "roce",
      "fabric_gbps_per_gpu": "100",
    ]
    fields.merge(changes) { $1 }
    return header.split(separator: ",").map { fields[String($0)] ?? "" }.joined(separator: ",")
  }

  /// Values at and next to each CHECK's bounds that the loader accepts: stored with SQLite's
  /// checks off, they must still satisfy every CHECK (`PRAGMA integrity_check` verifies them).
  @Test func whatTheLoaderAcceptsSatisfiesEveryCheck() throws {
    let fixture = try Fixture()
    try fixture.importSamples()
    let accepted: [(String, String)] = [
      ("gpu_count", "1"), ("gpu_count", "10000000"), ("capex_usd", "0"), ("capex_usd", "0.01"),
      ("capex_usd", "1000000000000"), ("capex_usd", "1000000000000.00"),
      ("useful_life_years", "1"), ("useful_life_years", "15"), ("useful_life_years", ""),
      ("gpu_power_kw", "0.000001"), ("gpu_power_kw", "5"), ("gpu_power_kw", "5.0"),
      ("utilization_pct", "0"), ("utilization_pct", "-0"), ("utilization_pct", "100"),
      ("utilization_pct", "100.000"), ("interconnect", "infiniband"), ("interconnect", "ethernet"),
      ("fabric_gbps_per_gpu", "0"), ("fabric_gbps_per_gpu", "-0.0"),
      ("fabric_gbps_per_gpu", "1" + String(repeating: "0", count: 300)),
      ("ramp_months", "0"), ("ramp_months", "60"), ("ramp_months", ""),
    ]
    let rows = accepted.enumerated().map { Self.row("chk-\($0.offset)", [$0.element.0: $0.element.1]) }
    try fixture.write("fleets.csv", ([Self.header] + rows).joined(separator: "\n") + "\n")
    let summary = try fixture.importing(["fleets.csv"])
    #expect(summary.counts(for: .fleets)?.inserted == accepted.count)
    #expect(try fixture.strings("PRAGMA integrity_check") == ["ok"])
    #expect(try Self.checksIgnored(fixture) == 0)
  }

  /// Values just past each CHECK's bounds: the loader rejects each at its field, in its own
  /// words, before SQLite sees it.
  @Test func whatAnyCheckRefusesTheLoaderRejectsAtTheField() throws {
    let fixture = try Fixture()
    try fixture.importSamples()
    let refused: [(String, String)] = [
      ("gpu_count", "0"), ("gpu_count", "-1"), ("gpu_count", "10000001"), ("capex_usd", "-0.01"),
      ("capex_usd", "1000000000000.01"), ("useful_life_years", "0"),
      ("useful_life_years", "16"), ("gpu_power_kw", "0"), ("gpu_power_kw", "-0"),
      ("gpu_power_kw", "5.000001"), ("utilization_pct", "-0.001"), ("utilization_pct", "100.001"),
      ("interconnect", "Infiniband"), ("interconnect", "nvlink"),
      ("fabric_gbps_per_gpu", "-0.001"), ("ramp_months", "-1"), ("ramp_months", "61"),
    ]
    for (column, value) in refused {
      try fixture.write("bad.csv", Self.header + "\n" + Self.row("chk-bad", [column: value]) + "\n")
      let errors = fixture.errors(["bad.csv"])
      #expect(errors.count == 1, "\(column) = \(value)")
      #expect(errors.allSatisfy { $0.hasPrefix("bad.csv:2:\(column): ") }, "\(errors)")
      #expect(!errors.contains { $0.contains("rejected by the database") }, "\(errors)")
    }
    #expect(try Self.checksIgnored(fixture) == 0)
    #expect(try fixture.count("fleets") == 3)
  }
}
