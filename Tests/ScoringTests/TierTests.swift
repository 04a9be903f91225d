import Domain
import Testing

@testable import Scoring

@Suite struct TierTests {
  @Test(arguments: [
    (85.0, [70.0, 100, 100, 100], Tier.platinum),
    (100, [100, 100, 100, 100], .platinum),
    (84.999999999, [100, 100, 100, 100], .gold),  // overall just short of 85
    (90, [69.999999999, 100, 100, 100], .gold),  // one pillar just short of 70
    (70, [50, 100, 100, 100], .gold),
    // one pillar below 50: no gold whatever the overall
    (95, [49.999999999, 100, 100, 100], .silver),
    (69.999999999, [100, 100, 100, 100], .silver),
    (55, [0, 100, 100, 100], .silver),  // silver and bronze have no pillar gate
    (54.999999999, [100, 100, 100, 100], .bronze),
    (40, [0, 0, 100, 100], .bronze),
    (39.999999999, [100, 100, 100, 100], .underperforming),
    (0, [0, 0, 0, 0], .underperforming),
  ])
  func scoreGates(overall: Double, pillars: [Double], expected: Tier) {
    #expect(tierFor(overall: overall, pillarScores: pillars) == expected)
  }

  @Test func coverageBelowSixtyIsUnratedAtSixtyRated() {
    let scores = [100.0, 100, 100, 100]
    #expect(
      tierFor(overall: 100, pillarScores: scores, coveragePct: 60, excludedBy: []) == .platinum)
    #expect(
      tierFor(overall: 100, pillarScores: scores, coveragePct: 59.999999999, excludedBy: [])
        == .unrated)
    #expect(
      tierFor(overall: 100, pillarScores: scores, coveragePct: 0, excludedBy: [.bronze]) == .unrated
    )
  }

  @Test(arguments: [
    (Tier?.none, Tier.platinum), (.platinum, .gold), (.gold, .silver), (.silver, .bronze),
    (.bronze, .underperforming),
  ])
  func requiredForExcludesItsTierAndAllAbove(excluded: Tier?, expected: Tier) {
    let full = [100.0, 100, 100, 100]
    let excludedBy = excluded.map { [$0] } ?? []
    #expect(
      tierFor(overall: 100, pillarScores: full, coveragePct: 100, excludedBy: excludedBy)
        == expected)
  }

  @Test func requiredForAboveTheScoreTierChangesNothing() {
    let pillars = [60.0, 60, 60, 60]  // silver on scores
    #expect(
      tierFor(overall: 60, pillarScores: pillars, coveragePct: 100, excludedBy: [.platinum])
        == .silver)
    #expect(
      tierFor(overall: 60, pillarScores: pillars, coveragePct: 100, excludedBy: [.gold]) == .silver)
    #expect(
      tierFor(overall: 60, pillarScores: pillars, coveragePct: 100, excludedBy: [.silver])
        == .bronze)
    // The worst exclusion wins, whatever the order.
    #expect(
      tierFor(overall: 100, pillarScores: [100], coveragePct: 100, excludedBy: [.silver, .gold])
        == .bronze)
    #expect(
      tierFor(overall: 100, pillarScores: [100], coveragePct: 100, excludedBy: [.gold, .bronze])
        == .underperforming)
    // Not gateable tiers are ignored rather than trapping.
    #expect(
      tierFor(overall: 100, pillarScores: [100], coveragePct: 100, excludedBy: [.unrated])
        == .platinum)
  }

  /// Each required pillar: one gated criterion of weight 1 and a passing one of weight 9; the
  /// gated one failing leaves security at 90 and the overall at 97.5, platinum on scores.
  func gatedBook(requiredFor: Tier?, value: String, kind: CriterionKind = .bool) -> ProviderScore {
    var criteria = RequiredPillar.allCases.map {
      boolean("ok_\($0.rawValue)", pillar: $0.rawValue, weight: 9)
    }
    var gated = Criterion(
      id: "gated", pillar: "security", title: "gated", kind: kind, weight: 1,
      requiredFor: requiredFor)
    if kind == .numeric {
      gated.fullAt = 100
      gated.zeroAt = 0
    }
    criteria.append(gated)
    var rows = RequiredPillar.allCases.map { ("ok_\($0.rawValue)", "true", "2026-01-01") }
    rows.append(("gated", value, "2026-01-01"))
    return scoreProvider(book(assessments: rows), rubric: Rubric(criteria), asOf: asOfNov2026)
  }

  @Test(arguments: [
    (Tier?.none, Tier.platinum), (.platinum, .gold), (.gold, .silver), (.silver, .bronze),
    (.bronze, .underperforming),
  ])
  func requiredForCapsThroughScoring(requiredFor: Tier?, expected: Tier) {
    let score = gatedBook(requiredFor: requiredFor, value: "false")
    #expect(score.score == 97.5)
    #expect(score.pillar("security")?.score == 90)
    #expect(score.tier == expected)
    #expect(score.excludedBy.map(\.criterion.id) == (requiredFor == nil ? [] : ["gated"]))
  }

  @Test func requiredForNeedsTheCriterionInFull() {
    #expect(gatedBook(requiredFor: .gold, value: "true").tier == .platinum)
    #expect(gatedBook(requiredFor: .gold, value: "4", kind: .level).tier == .platinum)
    #expect(gatedBook(requiredFor: .gold, value: "3", kind: .level).tier == .silver)
    #expect(gatedBook(requiredFor: .gold, value: "100", kind: .numeric).tier == .platinum)
    #expect(gatedBook(requiredFor: .gold, value: "120", kind: .numeric).tier == .platinum)
    #expect(gatedBook(requiredFor: .gold, value: "99.99", kind: .numeric).tier == .silver)
  }

  @Test func requiredForWithoutAValueExcludes() {
    let criteria = [
      boolean("a", pillar: "security", weight: 9),
      boolean("gate", pillar: "security", requiredFor: .bronze),
    ]
    let score = scoreProvider(
      book(assessments: [("a", "true", "2026-01-01")]), rubric: Rubric(criteria), asOf: asOfNov2026)
    #expect(score.coveragePct == 90)
    #expect(score.tier == .underperforming)
    #expect(score.excludedBy.first?.hasValue == false)
  }

  @Test func unratedWinsOverRequiredFor() {
    let criteria = [
      boolean("a", pillar: "security", weight: 1), boolean("b", pillar: "security", weight: 9),
      boolean("gate", pillar: "security", requiredFor: .bronze),
    ]
    let score = scoreProvider(
      book(assessments: [("a", "true", "2026-01-01"), ("gate", "false", "2026-01-01")]),
      rubric: Rubric(criteria), asOf: asOfNov2026)
    #expect(score.coveragePct == 18.181818182)  // 2 of 11
    #expect(score.tier == .unrated)
    #expect(score.excludedBy.map(\.criterion.id) == ["gate"])
  }

  // Boundaries reached only after 9-decimal rounding (values found by search, checked in Python).

  /// Bool weights 0.3, 0.7, 0.6, 0.4 with the last three earned: 100 × 1.7 / 2.0 is
  /// 84.99999999999999 in Double and 85 after rounding, so every pillar and the overall reach
  /// platinum's 85/70.
  @Test func platinumAtEightyFiveAfterRounding() {
    var criteria: [Criterion] = []
    var rows: [(String, String, String)] = []
    for pillar in RequiredPillar.allCases.map(\.rawValue) {
      for (suffix, weight, value) in [
        ("a", 0.3, "false"), ("b", 0.7, "true"), ("c", 0.6, "true"), ("d", 0.4, "true"),
      ] {
        criteria.append(boolean("\(pillar)_\(suffix)", pillar: pillar, weight: weight))
        rows.append(("\(pillar)_\(suffix)", value, "2026-01-01"))
      }
    }
    let earned: Double = 0.7 + 0.6 + 0.4
    let total: Double = 0.3 + 0.7 + 0.6 + 0.4
    let raw: Double = 100 * earned / total
    #expect(raw < 85)
    let score = scoreProvider(book(assessments: rows), rubric: Rubric(criteria), asOf: asOfNov2026)
    #expect(score.pillars.allSatisfy { $0.score == 85 })
    #expect(score.score == 85)
    #expect(score.tier == .platinum)
  }

  /// Reliability: weights 0.1, 0.2, 0.3, only 0.3 earned: 49.99999999999999 → 50, which meets
  /// gold's every-pillar-≥-50 gate; the other pillars are full, overall 87.5 (no platinum: 50 < 70).
  @Test func goldPillarGateAtFiftyAfterRounding() {
    var criteria = [
      boolean("r_a", pillar: "reliability", weight: 0.1),
      boolean("r_b", pillar: "reliability", weight: 0.2),
      boolean("r_c", pillar: "reliability", weight: 0.3),
    ]
    var rows = [
      ("r_a", "false", "2026-01-01"), ("r_b", "false", "2026-01-01"), ("r_c", "true", "2026-01-01"),
    ]
    for pillar in ["networking", "software", "security"] {
      criteria.append(boolean("\(pillar)_x", pillar: pillar))
      rows.append(("\(pillar)_x", "true", "2026-01-01"))
    }
    let total: Double = 0.1 + 0.2 + 0.3
    let raw: Double = 100 * 0.3 / total
    #expect(raw < 50)
    let score = scoreProvider(book(assessments: rows), rubric: Rubric(criteria), asOf: asOfNov2026)
    #expect(score.pillar("reliability")?.score == 50)
    #expect(score.score == 87.5)
    #expect(score.tier == .gold)
  }

  /// Weights 0.2 and 0.7 valued of 0.2, 0.7, 0.6: 100 × 0.9 / 1.5 is 59.99999999999999 → 60,
  /// so the provider is rated (silver at 60).
  @Test func coverageOfSixtyAfterRoundingIsRated() {
    let criteria = [
      boolean("a", pillar: "security", weight: 0.2), boolean("b", pillar: "security", weight: 0.7),
      boolean("c", pillar: "security", weight: 0.6),
    ]
    let valued: Double = 0.2 + 0.7
    let total: Double = 0.2 + 0.7 + 0.6
    let raw: Double = 100 * valued / total
    #expect(raw < 60)
    let score = scoreProvider(
      book(assessments: [("a", "true", "2026-01-01"), ("b", "true", "2026-01-01")]),
      rubric: Rubric(criteria), asOf: asOfNov2026)
    #expect(score.coveragePct == 60)
    #expect(score.score == 60)
    #expect(score.tier == .silver)
  }

  @Test func coverageOfExactlySixtyIsRatedAndJustBelowIsNot() {
    let criteria = [
      boolean("a", pillar: "security", weight: 3), boolean("b", pillar: "security", weight: 2),
    ]
    let rated = scoreProvider(
      book(assessments: [("a", "true", "2026-01-01")]), rubric: Rubric(criteria), asOf: asOfNov2026)
    #expect(rated.coveragePct == 60)
    #expect(rated.tier == .silver)  // score 60

    let heavier = [
      boolean("a", pillar: "security", weight: 2.999999),
      boolean("b", pillar: "security", weight: 2),
    ]
    let unrated = scoreProvider(
      book(assessments: [("a", "true", "2026-01-01")]), rubric: Rubric(heavier), asOf: asOfNov2026)
    #expect(unrated.coveragePct == 59.999992)  // 100 × 2.999999 / 4.999999 = 59.99999200…
    #expect(unrated.tier == .unrated)
  }
}

@Suite struct RankTests {
  func score(_ id: String, _ tier: Tier, _ value: Double) -> ProviderScore {
    ProviderScore(
      providerID: id, name: id, tier: tier, score: value, pillars: [], coveragePct: 100,
      excludedBy: [])
  }

  @Test func ordersByTierThenScoreDescendingThenProviderID() {
    let ranked = rankProviders([
      score("zeta", .unrated, 99),
      score("beta", .silver, 60),
      score("alpha", .silver, 60),
      score("Omega", .silver, 60),  // uppercase sorts first in byte order
      score("gamma", .gold, 71),
      score("delta", .platinum, 86),
      score("eps", .silver, 68),
      score("capped", .underperforming, 95),  // capped by required_for: tier beats score
      score("low", .bronze, 41),
    ])
    #expect(
      ranked.map(\.score.providerID) == [
        "delta", "gamma", "eps", "Omega", "alpha", "beta", "low", "capped", "zeta",
      ])
    #expect(ranked.map(\.rank) == Array(1...9))
  }

  @Test func emptyInputRanksNothing() {
    #expect(rankProviders([]).isEmpty)
  }
}
