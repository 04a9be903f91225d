import Foundation
import GRDB
import TestSupport
import Testing

@testable import Import
@testable import Store

/// A fresh temporary database and directory per test, plus the sample data of every kind.
final class Fixture {
  private let temporary: TemporaryDirectory
  let directory: String
  let databasePath: String
  let store: Store

  init() throws {
    temporary = try TemporaryDirectory(prefix: "import-tests")
    directory = temporary.path
    databasePath = directory + "/test.sqlite"
    store = try Store.initialize(path: databasePath).store
  }

  /// Writes `text` (as UTF-8) to `name` in the fixture directory; returns its path.
  @discardableResult
  func write(_ name: String, _ text: String) throws -> String {
    try write(name, bytes: Array(text.utf8))
  }

  @discardableResult
  func write(_ name: String, bytes: [UInt8]) throws -> String {
    let path = directory + "/" + name
    let parent = (path as NSString).deletingLastPathComponent
    try FileManager.default.createDirectory(atPath: parent, withIntermediateDirectories: true)
    try Data(bytes).write(to: URL(fileURLWithPath: path))
    return path
  }

  func read(_ name: String) throws -> String {
    try String(contentsOfFile: directory + "/" + name, encoding: .utf8)
  }

  func path(_ name: String) -> String { directory + "/" + name }

  @discardableResult
  func importing(_ names: [String], _ options: ImportOptions = ImportOptions()) throws
    -> ImportSummary
  {
    let summary = try importFiles(names.map(path), into: store, options: options)
    // The importer checks references itself (foreign keys are off while it loads): whatever
    // it accepts must satisfy every foreign key of the schema.
    let violations = try store.queue.read { db in
      try Row.fetchAll(db, sql: "PRAGMA foreign_key_check")
    }
    #expect(violations.isEmpty, "foreign key violations after an import: \(violations)")
    let enabled = try store.queue.read { db in try Int.fetchOne(db, sql: "PRAGMA foreign_keys") }
    #expect(enabled == 1)
    return summary
  }

  /// Writes the sample files into `dir` and imports the directory.
  @discardableResult
  func importSamples(into dir: String = "samples") throws -> ImportSummary {
    for (kind, text) in Samples.files { try write("\(dir)/\(kind.rawValue).csv", text) }
    return try importing([dir])
  }

  /// The diagnostics (as printed) of an import that must fail with invalid data.
  func errors(_ names: [String], _ options: ImportOptions = ImportOptions()) -> [String] {
    do {
      _ = try importing(names, options)
      Issue.record("the import succeeded")
      return []
    } catch ImportError.invalidData(let diagnostics, _) {
      return diagnostics.map { $0.description.replacingOccurrences(of: directory + "/", with: "") }
    } catch {
      Issue.record("unexpected error \(error)")
      return []
    }
  }

  func count(_ table: String) throws -> Int {
    try store.queue.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM \(table)") ?? 0 }
  }

  func strings(_ sql: String) throws -> [String] {
    try store.queue.read { db in try String.fetchAll(db, sql: sql) }
  }

  /// The main database file's bytes after a checkpoint (WAL folded in).
  func databaseBytes() throws -> Data {
    try store.queue.writeWithoutTransaction { db in
      try db.execute(sql: "PRAGMA wal_checkpoint(TRUNCATE)")
    }
    return try Data(contentsOf: URL(fileURLWithPath: databasePath))
  }
}

/// A small consistent data set of every kind, each file in key order and canonical form, so
/// that exporting it reproduces it byte for byte.
enum Samples {
  static let rubric = #"""
    criterion_id,pillar,title,kind,weight,full_at,zero_at,required_for,source
    net-fabric,networking,"Fabric, per GPU",numeric,2,400,0,,fabric_gbps_per_gpu
    rel-uptime,reliability,Uptime over 12 months,numeric,3,99.99,99,,uptime_12m
    sec-soc2,security,SOC 2 Type II,level,2,,,,assessment
    sw-slurm,software,Managed Slurm,bool,1.5,,,gold,

    """#
  static let providers = #"""
    provider_id,name,segment,country,cash_usd,fixed_opex_usd_per_month,as_of,min_liquidity_usd
    acme,"Acme Cloud, Inc.",neocloud,US,125000000.5,2500000,2026-06-30,10000000
    borealis,Borealis GPU,sovereign,NO,0.29,0,2026-06-30,

    """#
  static let facilities = #"""
    facility_id,provider_id,name,region,it_capacity_mw,pue,power_usd_per_kwh,colocation_usd_per_kw_month,ownership
    acme-dal1,acme,Dallas 1,us-central,20,1.3,0.065,0,owned
    acme-phx1,acme,Phoenix 1,us-west,12.5,1.25,0.07,140,colo
    bor-osl1,borealis,Oslo 1,eu-north,8,1.1,0.04,0,leased

    """#
  static let marketPrices = #"""
    gpu_model,observed_on,price_usd_per_gpu_hour,source
    B200,2026-06-01,3.9,vendor quote
    H100,2026-05-01,2.25,
    H100,2026-06-01,2.1,SemiAnalysis

    """#
  static let fleets = #"""
    fleet_id,provider_id,facility_id,gpu_model,gpu_count,in_service_on,capex_usd,useful_life_years,gpu_power_kw,utilization_pct,interconnect,fabric_gbps_per_gpu
    acme-f1,acme,acme-dal1,H100,1024,2024-03-01,30720000,5,1.35,82.5,infiniband,400
    acme-f2,acme,acme-phx1,B200,512,2025-11-15,21504000.75,,1.85,64,roce,800
    bor-f1,borealis,bor-osl1,H100,256,2025-01-10,7680000,6,1.35,90,ethernet,100

    """#
  static let loans = #"""
    loan_id,provider_id,lender,principal_usd,balance_usd,annual_rate_pct,rate_type,amortization,payments_per_year,start_on,maturity_on,collateral_fleet_id,min_dscr
    acme-l1,acme,Big Bank,25000000,18000000.01,9.5,fixed,annuity,12,2024-03-01,2029-03-01,acme-f1,1.3
    acme-l2,acme,Private Credit Fund,20000000,0,12.25,floating,interest_only,4,2026-09-01,2030-09-01,,
    bor-l1,borealis,Nordic Lender,5000000,5000000,7,fixed,linear,2,2025-01-10,2028-01-10,bor-f1,

    """#
  static let contracts = #"""
    contract_id,provider_id,customer,gpu_model,gpu_count,price_usd_per_gpu_hour,start_on,end_on,sla_uptime_pct,sla_credit_pct
    acme-c1,acme,"Model Lab ""Alpha""",H100,768,1.95,2025-01-01,2027-12-31,99.5,15
    bor-c1,borealis,Université de Tromsø,H100,128,2.05,2025-02-01,2026-01-31,,

    """#
  static let uptime = #"""
    provider_id,month,uptime_pct,incidents,failures_per_1k_gpu_months,mttr_hours,source
    acme,2026-05,99.95,2,1.2,3.5,
    acme,2026-06,99.1,5,2.4,6,
    borealis,2026-06,100,0,,,statuspage:https://status.borealis.example

    """#
  static let assessments = #"""
    provider_id,criterion_id,value,evidence,assessed_on
    acme,sec-soc2,3,"SOC 2 report, 2026",2026-04-15
    acme,sw-slurm,true,https://example.com/slurm,2026-05-01
    borealis,sw-slurm,false,,2026-06-01

    """#

  static let files: [(Kind, String)] = [
    (.rubric, rubric), (.providers, providers), (.facilities, facilities),
    (.marketPrices, marketPrices), (.fleets, fleets), (.loans, loans), (.contracts, contracts),
    (.uptime, uptime), (.assessments, assessments),
  ]

  static func text(_ kind: Kind) -> String {
    files.first { $0.0 == kind }?.1 ?? ""
  }

  /// The header and the first data row of a kind's sample, as column → value.
  static func firstRow(_ kind: Kind) -> [(String, String)] {
    let lines = text(kind).split(separator: "\n").map(String.init)
    let header = lines[0].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
    let values = splitCSVLine(lines[1])
    return Array(zip(header, values))
  }

  /// A file of `kind` with the sample's first row, some fields replaced (values are written
  /// as given, so quote them yourself when needed).
  static func oneRow(_ kind: Kind, _ changes: [String: String]) -> String {
    let row = firstRow(kind)
    let header = row.map(\.0).joined(separator: ",")
    let values = row.map { changes[$0.0] ?? quoteIfNeeded($0.1) }.joined(separator: ",")
    return header + "\n" + values + "\n"
  }

  static func quoteIfNeeded(_ text: String) -> String {
    text.contains(",") || text.contains("\"")
      ? "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : text
  }

  static func splitCSVLine(_ line: String) -> [String] {
    var fields: [String] = []
    var current = ""
    var inQuotes = false
    var chars = Array(line)
    chars.append("\u{0}")
    var i = 0
    while i < chars.count - 1 {
      let c = chars[i]
      if inQuotes {
        if c == "\"" {
          if chars[i + 1] == "\"" {
            current.append("\"")
            i += 1
          } else {
            inQuotes = false
          }
        } else {
          current.append(c)
        }
      } else if c == "\"" {
        inQuotes = true
      } else if c == "," {
        fields.append(current)
        current = ""
      } else {
        current.append(c)
      }
      i += 1
    }
    fields.append(current)
    return fields
  }
}
