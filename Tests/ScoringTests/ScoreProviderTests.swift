import Domain
import Testing

@testable import Scoring

@Suite struct ScoreProviderTests {
  let soc2 = boolean("soc2", pillar: "security", weight: 2)
  let slurm = level("slurm", pillar: "software", weight: 4)

  var assessed: ProviderBook {
    book(assessments: [
      ("soc2", "false", "2025-03-01"), ("soc2", "true", "2026-06-01"),
      ("slurm", "1", "2025-02-01"), ("slurm", "3", "2026-07-01"), ("slurm", "4", "2026-12-01"),
    ])
  }

  @Test func theLatestAssessmentOnOrBeforeAsOfCounts() throws {
    let rubric = Rubric([soc2, slurm])

    let may = scoreProvider(assessed, rubric: rubric, asOf: day("2026-05-31"))
    let maySOC2 = try #require(may.criteria.first { $0.criterion.id == "soc2" })
    #expect(maySOC2.value == "false")
    #expect(maySOC2.points == 0)
    #expect(maySOC2.hasValue)
    #expect(maySOC2.assessedOn == day("2025-03-01"))
    #expect(may.pillar("software")?.points == 1)

    let june = scoreProvider(assessed, rubric: rubric, asOf: day("2026-06-01"))  // same day counts
    #expect(june.pillar("security")?.points == 2)
    #expect(june.criteria.first { $0.criterion.id == "soc2" }?.value == "true")
    #expect(june.pillar("software")?.points == 1)

    let november = scoreProvider(assessed, rubric: rubric, asOf: asOfNov2026)
    let slurmResult = try #require(november.criteria.first { $0.criterion.id == "slurm" })
    #expect(slurmResult.value == "3")  // the 2026-12-01 assessment is after as-of
    #expect(slurmResult.points == 3)
    #expect(slurmResult.evidence == "note slurm")
    #expect(slurmResult.assessedOn == day("2026-07-01"))
  }

  @Test func nothingAssessedYetMeansNoValue() {
    let score = scoreProvider(assessed, rubric: Rubric([soc2, slurm]), asOf: day("2025-01-31"))
    #expect(score.criteria.allSatisfy { !$0.hasValue && $0.value == nil && $0.points == 0 })
    #expect(score.coveragePct == 0)
    #expect(score.tier == .unrated)
  }

  @Test func assessmentsOfDerivedCriteriaAreIgnored() throws {
    let uptime = numeric(
      "uptime_12m", pillar: "reliability", weight: 4, fullAt: 99.9, zeroAt: 98.5,
      source: .uptime12m)
    let rubric = Rubric([uptime])
    let claimed = [("uptime_12m", "99.99", "2026-01-01")]

    let noData = scoreProvider(book(assessments: claimed), rubric: rubric, asOf: asOfNov2026)
    let noDataResult = try #require(noData.criteria.first)
    #expect(!noDataResult.hasValue)
    #expect(noDataResult.value == nil)
    #expect(noDataResult.points == 0)
    #expect(noData.coveragePct == 0)

    let rows = [uptimeRow("2026-10", uptime: 99.0), uptimeRow("2026-11", uptime: 99.4)]
    let withData = scoreProvider(
      book(assessments: claimed, uptime: rows), rubric: rubric, asOf: asOfNov2026)
    let result = try #require(withData.criteria.first)
    #expect(result.hasValue)
    #expect(result.value == "99.2")  // the metric, not the claimed 99.99
    #expect(result.points == 2)
    #expect(result.assessedOn == nil)
    #expect(result.evidence == "derived from 2 months of uptime data in 2025-12…2026-11")
    #expect(withData.coveragePct == 100)
  }

  @Test func assessmentsOfUnknownCriteriaAndMisfitValuesAreIgnored() throws {
    let rubric = Rubric([soc2, slurm])
    let rows = [
      ("soc2", "true", "2025-01-01"), ("soc2", "yes", "2026-01-01"),  // misfit: older one counts
      ("slurm", "7", "2026-01-01"),  // out of range: no value
      ("retired_criterion", "true", "2026-01-01"),
    ]
    // Freshness is tested on its own below: here no assessment is old enough to be stale.
    let score = scoreProvider(book(assessments: rows), rubric: rubric, asOf: asOfNov2026, freshness: neverStale)
    let soc2Result = try #require(score.criteria.first { $0.criterion.id == "soc2" })
    #expect(soc2Result.value == "true")
    #expect(soc2Result.points == 2)
    #expect(score.criteria.first { $0.criterion.id == "slurm" }?.hasValue == false)
    #expect(score.criteria.count == 2)
    #expect(score.coveragePct == 33.333333333)  // 2 of 6
  }

  /// Five pillars, values derived and assessed; every figure below is worked by hand.
  @Test func pillarScoresOverallAndCoverage() throws {
    let rubric = Rubric([
      numeric(
        "uptime", pillar: "reliability", weight: 4, fullAt: 99.9, zeroAt: 98.5, source: .uptime12m),
      boolean("hot_spares", pillar: "reliability", weight: 2),
      numeric(
        "fabric", pillar: "networking", weight: 3, fullAt: 400, zeroAt: 50,
        source: .fabricGbpsPerGPU),
      numeric("nccl_pct", pillar: "networking", weight: 1, fullAt: 95, zeroAt: 50),
      level("slurm", pillar: "software", weight: 4),
      level("k8s", pillar: "software", weight: 4),
      boolean("soc2", pillar: "security", weight: 3),
      boolean("iso27001", pillar: "security", weight: 1),
      boolean("parallel_fs", pillar: "storage", weight: 2),
    ])
    let provider = book(
      assessments: [
        ("hot_spares", "true", "2026-01-10"), ("slurm", "2", "2026-02-01"),
        ("k8s", "4", "2026-02-01"), ("soc2", "true", "2025-06-30"),
        ("iso27001", "false", "2025-06-30"),
      ],
      uptime: [uptimeRow("2026-10", uptime: 99.0), uptimeRow("2026-11", uptime: 99.4)],
      fleets: [fleet("f1", gpus: 64, gbps: 400, interconnect: .infiniband)])
    let score = scoreProvider(provider, rubric: rubric, asOf: asOfNov2026, freshness: neverStale)

    #expect(score.providerID == "p1")
    #expect(score.name == "Provider p1")
    #expect(
      score.pillars.map(\.pillar) == [
        "reliability", "networking", "software", "security", "storage",
      ])
    let reliability = try #require(score.pillar("reliability"))
    #expect(reliability.points == 4)  // uptime 99.2 → 2 of 4, hot spares 2 of 2
    #expect(reliability.weight == 6)
    #expect(reliability.score == 66.666666667)
    #expect(reliability.criteria.map(\.criterion.id) == ["hot_spares", "uptime"])
    #expect(score.pillar("networking")?.score == 75)  // fabric 400 → 3 of 3, nccl no value → 0 of 1
    #expect(score.pillar("software")?.score == 75)  // 2 + 4 of 8
    #expect(score.pillar("security")?.score == 75)  // 3 of 4
    // A pillar whose criteria have no value scores 0 and still counts in the mean.
    #expect(score.pillar("storage")?.score == 0)
    #expect(score.pillar("storage")?.points == 0)
    // (66.666666667 + 75 + 75 + 75 + 0) / 5 = 58.3333333334 → 58.333333333
    #expect(score.score == 58.333333333)
    // valued 4 + 2 + 3 + 4 + 4 + 3 + 1 = 21 of 24
    #expect(score.coveragePct == 87.5)
    #expect(score.tier == .silver)
    // With the standard 12 months, soc2 and iso27001 (2025-06-30) are stale as of 2026-11-15:
    // they keep their points but count half: 21 − (3 + 1) / 2 = 19 of 24.
    let standard = scoreProvider(provider, rubric: rubric, asOf: asOfNov2026)
    #expect(standard.coveragePct == 79.166666667)
    #expect(standard.score == score.score)
    #expect(standard.criteria.filter(\.isStale).map(\.criterion.id) == ["iso27001", "soc2"])
    #expect(score.excludedBy.isEmpty)
    #expect(score.metrics.uptime12m == 99.2)
    #expect(score.metrics.fabricGbpsPerGPU == 400)
  }

  @Test func anEmptyRubricScoresZeroAndIsUnrated() {
    let score = scoreProvider(book(), rubric: Rubric([]), asOf: asOfNov2026)
    #expect(score.score == 0)
    #expect(score.coveragePct == 0)
    #expect(score.pillars.isEmpty)
    #expect(score.tier == .unrated)
  }

  @Test func anUnratedProviderStillGetsItsScore() {
    // 3 of 10 weight valued (30 % coverage), all of it earned.
    let rubric = Rubric([
      boolean("a", pillar: "security", weight: 3), boolean("b", pillar: "reliability", weight: 7),
    ])
    let score = scoreProvider(
      book(assessments: [("a", "true", "2026-01-01")]), rubric: rubric, asOf: asOfNov2026)
    #expect(score.coveragePct == 30)
    #expect(score.tier == .unrated)
    #expect(score.score == 50)  // (0 + 100) / 2
  }
}

/// A freshness rule under which nothing in these fixtures is stale.
let neverStale = FreshnessPolicy(assessmentMaxAgeMonths: 1200, uptimeMaxAgeMonths: 1200)
