import Domain
import Foundation
import Testing

@testable import Scoring

/// Checks `Samples/rubric.csv` and `Samples/assessments.csv` against the §2 rules, and that with
/// the metrics the sample uptime and fleet files are meant to produce the providers land in the
/// tiers their story needs (expected tiers and scores worked out independently in Python).
@Suite struct SampleRubricTests {
  static let samples = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("Samples")

  /// A minimal RFC 4180 reader for the two sample files (quoted fields, doubled quotes).
  static func readCSV(_ name: String) throws -> [[String: String]] {
    let text = try String(contentsOf: samples.appendingPathComponent(name), encoding: .utf8)
    var records: [[String]] = []
    var record: [String] = []
    var field = ""
    var quoted = false
    let scalars = Array(text.unicodeScalars)
    var index = 0
    while index < scalars.count {
      let scalar = scalars[index]
      index += 1
      if quoted {
        if scalar != "\"" {
          field.unicodeScalars.append(scalar)
        } else if index < scalars.count, scalars[index] == "\"" {
          field.unicodeScalars.append("\"")
          index += 1
        } else {
          quoted = false
        }
        continue
      }
      switch scalar {
      case "\"": quoted = true
      case ",":
        record.append(field)
        field = ""
      case "\n":
        record.append(field)
        records.append(record)
        record = []
        field = ""
      default: field.unicodeScalars.append(scalar)
      }
    }
    guard let header = records.first else { return [] }
    return records.dropFirst().map { row in
      #expect(row.count == header.count, "ragged row \(row)")
      return Dictionary(uniqueKeysWithValues: zip(header, row).map { ($0, $1) })
    }
  }

  static func loadRubric() throws -> Rubric {
    let rows = try readCSV("rubric.csv")
    return Rubric(
      try rows.map { row in
        let kind = try #require(CriterionKind(rawValue: row["kind"] ?? ""))
        let requiredFor = row["required_for"].flatMap { $0.isEmpty ? nil : Tier(rawValue: $0) }
        let source = row["source"].flatMap { $0.isEmpty ? nil : CriterionSource(rawValue: $0) }
        return Criterion(
          id: row["criterion_id"] ?? "", pillar: row["pillar"] ?? "", title: row["title"] ?? "",
          kind: kind, weight: Double(row["weight"] ?? "") ?? 0,
          fullAt: row["full_at"].flatMap(Double.init), zeroAt: row["zero_at"].flatMap(Double.init),
          requiredFor: requiredFor, source: source)
      })
  }

  @Test func rubricFollowsTheRubricRules() throws {
    let rows = try Self.readCSV("rubric.csv")
    let rubric = try Self.loadRubric()
    #expect(rubric.criteria.count >= 30)
    #expect(rows.count == rubric.criteria.count)
    #expect(Set(rubric.criteria.map(\.id)).count == rubric.criteria.count)
    for pillar in RequiredPillar.allCases {
      #expect(!rubric.criteria(of: pillar.rawValue).isEmpty, "no \(pillar) criterion")
    }
    for row in rows {
      let id = row["criterion_id"] ?? ""
      #expect(
        ["", "platinum", "gold", "silver", "bronze"].contains(row["required_for"] ?? "?"), "\(id)")
      #expect(
        [
          "", "assessment", "uptime_12m", "mttr_12m", "failures_12m", "fabric_gbps_per_gpu",
          "rdma_share",
        ]
        .contains(row["source"] ?? "?"), "\(id)")
    }
    for criterion in rubric.criteria {
      #expect(criterion.weight > 0, "\(criterion.id)")
      if criterion.kind == .numeric {
        #expect(
          criterion.fullAt != nil && criterion.zeroAt != nil && criterion.fullAt != criterion.zeroAt
        )
      } else {
        #expect(criterion.fullAt == nil && criterion.zeroAt == nil, "\(criterion.id)")
        #expect(criterion.effectiveSource == .assessment, "\(criterion.id)")
      }
    }
    let derived = Set(rubric.criteria.filter { $0.effectiveSource != .assessment }.map(\.id))
    #expect(
      derived == ["uptime_12m", "mttr_12m", "failures_12m", "fabric_gbps_per_gpu", "rdma_share"])
    #expect(rubric.criteria.contains { $0.requiredFor == .bronze })
    #expect(rubric.version.count == 12)
  }

  @Test func assessmentsFitTheRubric() throws {
    let rubric = try Self.loadRubric()
    let criteria = Dictionary(uniqueKeysWithValues: rubric.criteria.map { ($0.id, $0) })
    let rows = try Self.readCSV("assessments.csv")
    var keys: Set<String> = []
    var perCriterion: [String: Int] = [:]
    guard let first = Day("2025-01-01"), let last = Day("2026-11-15") else { return }
    for row in rows {
      let provider = row["provider_id"] ?? ""
      let id = row["criterion_id"] ?? ""
      let criterion = try #require(criteria[id], "unknown criterion \(id)")
      #expect(criterion.effectiveSource == .assessment, "derived criterion \(id) assessed")
      #expect(
        assessmentValue(Substring(row["value"] ?? ""), kind: criterion.kind) != nil,
        "\(provider) \(id)")
      let date = try #require(Day(row["assessed_on"] ?? ""))
      #expect(first <= date && date <= last)
      #expect(
        keys.insert("\(provider)|\(id)|\(date)").inserted, "duplicate key \(provider) \(id) \(date)"
      )
      perCriterion["\(provider)|\(id)", default: 0] += 1
      #expect(!(row["evidence"] ?? "").isEmpty)
    }
    #expect(
      Set(rows.compactMap { $0["provider_id"] }) == [
        "auroragrid", "boreal-compute", "cinder-ai", "driftwood-gpu", "ember-cloud", "fjord-hpc",
        "gale-metal", "harbor-gpu", "ionic-labs",
      ])
    #expect(perCriterion.values.filter { $0 >= 2 }.count >= 9)  // older and newer values
  }

  /// Metrics assumed for each provider (uptime %, MTTR h, failures per 1k GPU-months, fabric
  /// Gb/s per GPU, RDMA share %): what the sample uptime and fleet files are meant to give.
  static let assumedMetrics: [String: (Double, Double, Double, Double, Double)] = [
    "auroragrid": (99.95, 1.5, 8, 400, 100), "boreal-compute": (99.9, 2.5, 11, 400, 100),
    "cinder-ai": (99.8, 3.0, 14, 300, 100), "driftwood-gpu": (99.6, 4.0, 16, 200, 100),
    "ember-cloud": (99.4, 6.0, 20, 200, 60), "fjord-hpc": (99.0, 8.0, 24, 100, 30),
    "gale-metal": (98.8, 10.0, 26, 100, 0), "harbor-gpu": (98.9, 9.0, 25, 100, 0),
    "ionic-labs": (99.7, 3.5, 15, 400, 100),
  ]

  /// One uptime row per month in the window and one or two fleets reproduce the metrics.
  static func book(_ id: String, rows: [[String: String]]) -> ProviderBook {
    let (uptime, mttr, failures, fabric, rdma) = assumedMetrics[id] ?? (0, 0, 0, 0, 0)
    let months = (0..<12).map { offset in
      UptimeMonth(
        providerID: id, month: asOfNov2026.month - offset, uptimePct: uptime, incidents: 1,
        failuresPer1kGPUMonths: failures, mttrHours: mttr)
    }
    // 100 GPUs: rdma of them at `fabric`, the rest on Ethernet at the same speed.
    var fleets: [Fleet] = []
    let rdmaGPUs = Int(rdma)
    if rdmaGPUs > 0 {
      fleets.append(fleet("\(id)-a", gpus: rdmaGPUs, gbps: fabric, interconnect: .infiniband))
    }
    if rdmaGPUs < 100 {
      fleets.append(fleet("\(id)-b", gpus: 100 - rdmaGPUs, gbps: fabric, interconnect: .ethernet))
    }
    let assessments = rows.filter { $0["provider_id"] == id }.compactMap { row -> Assessment? in
      guard let date = Day(row["assessed_on"] ?? "") else { return nil }
      return Assessment(
        providerID: id, criterionID: row["criterion_id"] ?? "", value: row["value"] ?? "",
        evidence: row["evidence"], assessedOn: date)
    }
    return ProviderBook(
      provider: provider(id), fleets: fleets, uptime: months, assessments: assessments)
  }

  /// Tiers and scores from an independent Python model of §3 over the same files and metrics.
  @Test(arguments: [
    ("auroragrid", Tier.platinum, 99.643759749), ("boreal-compute", .gold, 90.084954542),
    ("cinder-ai", .gold, 75.437790189), ("driftwood-gpu", .silver, 70.259237603),
    ("ember-cloud", .bronze, 50.886569484), ("fjord-hpc", .bronze, 42.449038675),
    ("gale-metal", .underperforming, 60.511736238), ("harbor-gpu", .unrated, 26.530969768),
    ("ionic-labs", .silver, 62.56809495),
  ])
  func samplesTellTheirStory(id: String, tier: Tier, score: Double) throws {
    let rubric = try Self.loadRubric()
    let rows = try Self.readCSV("assessments.csv")
    let result = scoreProvider(Self.book(id, rows: rows), rubric: rubric, asOf: asOfNov2026)
    #expect(result.tier == tier)
    #expect(result.score == score)
  }
}
