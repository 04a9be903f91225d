import Domain
import Testing

@testable import Scoring

/// Builders for hand-made providers; every expected value in the tests is computed by hand.

func day(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) -> Day {
  guard let value = Day(text) else {
    Issue.record("bad test date \(text)", sourceLocation: sourceLocation)
    return Day(daysSinceEpoch: 0)
  }
  return value
}

func month(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) -> Month {
  guard let value = Month(text) else {
    Issue.record("bad test month \(text)", sourceLocation: sourceLocation)
    return Month(index: 0)
  }
  return value
}

func boolean(
  _ id: String, pillar: String = "security", weight: Double = 1, requiredFor: Tier? = nil
) -> Criterion {
  Criterion(
    id: id, pillar: pillar, title: id, kind: .bool, weight: weight, requiredFor: requiredFor)
}

func level(
  _ id: String, pillar: String = "software", weight: Double = 1, requiredFor: Tier? = nil
) -> Criterion {
  Criterion(
    id: id, pillar: pillar, title: id, kind: .level, weight: weight, requiredFor: requiredFor)
}

func numeric(
  _ id: String, pillar: String = "networking", weight: Double = 1, fullAt: Double,
  zeroAt: Double, requiredFor: Tier? = nil, source: CriterionSource? = nil
) -> Criterion {
  Criterion(
    id: id, pillar: pillar, title: id, kind: .numeric, weight: weight, fullAt: fullAt,
    zeroAt: zeroAt, requiredFor: requiredFor, source: source)
}

func provider(_ id: String = "p1", name: String? = nil) -> Provider {
  Provider(
    id: id, name: name ?? "Provider \(id)", segment: .neocloud, country: "US",
    cash: Money(cents: 100_000_00), fixedOpexPerMonth: Money(cents: 10_000_00),
    asOf: day("2026-09-30"))
}

/// Assessments as `(criterion_id, value, assessed_on)`.
func book(
  _ id: String = "p1", assessments: [(String, String, String)] = [], uptime: [UptimeMonth] = [],
  fleets: [Fleet] = []
) -> ProviderBook {
  ProviderBook(
    provider: provider(id), fleets: fleets, uptime: uptime,
    assessments: assessments.map { criterion, value, date in
      Assessment(
        providerID: id, criterionID: criterion, value: value, evidence: "note \(criterion)",
        assessedOn: day(date))
    })
}

func uptimeRow(
  _ monthText: String, uptime: Double = 99.9, incidents: Int = 0, failures: Double = 10,
  mttr: Double = 0
) -> UptimeMonth {
  UptimeMonth(
    providerID: "p1", month: month(monthText), uptimePct: uptime, incidents: incidents,
    failuresPer1kGPUMonths: failures, mttrHours: mttr)
}

func fleet(
  _ id: String, gpus: Int, gbps: Double, interconnect: Interconnect,
  inService: String = "2025-01-15", lifeYears: Int? = nil
) -> Fleet {
  Fleet(
    id: id, providerID: "p1", facilityID: "f1", gpuModel: "H100", gpuCount: gpus,
    inServiceOn: day(inService), capex: Money(cents: 1_000_000_00), usefulLifeYears: lifeYears,
    gpuPowerKW: 1.2, utilizationPct: 80, interconnect: interconnect, fabricGbpsPerGPU: gbps)
}

let asOfNov2026 = Day(year: 2026, month: 11, day: 15) ?? Day(daysSinceEpoch: 0)

/// A rubric with one bool criterion per required pillar (weight 1 each); `true` for the
/// pillars listed, `false` for the others.
func fourPillarBook(passing: Set<String>) -> (Rubric, ProviderBook) {
  let pillars = RequiredPillar.allCases.map(\.rawValue)
  let rubric = Rubric(pillars.map { boolean("c_\($0)", pillar: $0) })
  let rows = pillars.map { ("c_\($0)", passing.contains($0) ? "true" : "false", "2026-01-01") }
  return (rubric, book(assessments: rows))
}
