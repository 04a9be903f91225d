import Domain
import Testing

@testable import Scoring

@Suite struct NextTierTests {
  /// reliability r_a 2 ✓, r_b 2 ✗ → 50; networking n_a 4 ✓, n_b level 2 of 4 → 75;
  /// software s_a 1 ✓, s_b 3 ✗ → 25; security x_a 3 ✓, x_c 1 ✗ (required for gold) → 75.
  /// Overall (50 + 75 + 25 + 75) / 4 = 56.25: silver (and capped at silver by x_c anyway).
  func silverProvider() -> (ProviderScore, Rubric) {
    let rubric = Rubric([
      boolean("r_a", pillar: "reliability", weight: 2),
      boolean("r_b", pillar: "reliability", weight: 2),
      boolean("n_a", pillar: "networking", weight: 4),
      level("n_b", pillar: "networking", weight: 4),
      boolean("s_a", pillar: "software", weight: 1), boolean("s_b", pillar: "software", weight: 3),
      boolean("x_a", pillar: "security", weight: 3),
      boolean("x_c", pillar: "security", weight: 1, requiredFor: .gold),
    ])
    let rows = [
      ("r_a", "true"), ("r_b", "false"), ("n_a", "true"), ("n_b", "2"), ("s_a", "true"),
      ("s_b", "false"), ("x_a", "true"), ("x_c", "false"),
    ].map { ($0.0, $0.1, "2026-03-01") }
    return (scoreProvider(book(assessments: rows), rubric: rubric, asOf: asOfNov2026), rubric)
  }

  @Test func silverToGoldListsRequiredThenOverallThenPillarGates() throws {
    let (score, rubric) = silverProvider()
    #expect(score.score == 56.25)
    #expect(score.tier == .silver)
    let path = nextTierPath(score, rubric: rubric)
    #expect(path.current == .silver)
    #expect(path.target == .gold)
    #expect(path.coverageWeightMissing == nil)
    #expect(path.gates.count == 3)

    let required = try #require(path.gates.first)
    #expect(required.kind == .required(criterionID: "x_c", requiredFor: .gold))
    #expect(required.threshold == 1)
    #expect(required.actual == 0)
    #expect(required.pointsMissing == 1)
    #expect(required.criteria.map(\.result.criterion.id) == ["x_c"])

    // Gains (overall points) = 100 × (weight − points) / pillar weight / 4 pillars:
    // x_c 100×1/4/4 = 6.25 (required for gold: first), s_b 100×3/4/4 = 18.75,
    // r_b 100×2/4/4 = 12.5, n_b 100×2/8/4 = 6.25. 56.25 + 6.25 + 18.75 = 81.25 ≥ 70 closes it.
    let overall = path.gates[1]
    #expect(overall.kind == .overall)
    #expect(overall.threshold == 70)
    #expect(overall.actual == 56.25)
    #expect(overall.pointsMissing == 13.75)
    #expect(overall.criteria.map(\.result.criterion.id) == ["x_c", "s_b"])
    #expect(overall.criteria.map(\.gain) == [6.25, 18.75])

    // Software 25 < 50; s_b earns 75 pillar points.
    let software = path.gates[2]
    #expect(software.kind == .pillar("software"))
    #expect(software.threshold == 50)
    #expect(software.actual == 25)
    #expect(software.pointsMissing == 25)
    #expect(software.criteria.map(\.result.criterion.id) == ["s_b"])
    #expect(software.criteria.first?.pillarGain == 75)
    #expect(software.criteria.first?.gain == 18.75)
  }

  @Test func gainOrderingWithoutARequiredCriterion() throws {
    // Same as above with x_c earned: security 100, overall (50 + 75 + 25 + 100) / 4 = 62.5.
    let (base, rubric) = silverProvider()
    var rows = [
      ("r_a", "true"), ("r_b", "false"), ("n_a", "true"), ("n_b", "2"), ("s_a", "true"),
      ("s_b", "false"), ("x_a", "true"), ("x_c", "true"),
    ].map { ($0.0, $0.1, "2026-03-01") }
    rows.append(("n_b", "0", "2026-04-01"))  // n_b drops to 0: networking 50, gain 12.5
    let score = scoreProvider(book(assessments: rows), rubric: rubric, asOf: asOfNov2026)
    #expect(base.score == 56.25)
    // (50 + 50 + 25 + 100) / 4 = 56.25
    #expect(score.score == 56.25)
    #expect(score.tier == .silver)
    let path = nextTierPath(score, rubric: rubric)
    #expect(path.gates.map(\.kind) == [.overall, .pillar("software")])
    // 56.25 + 18.75 (s_b) = 75 ≥ 70: one criterion closes the overall gate.
    #expect(path.gates[0].criteria.map(\.result.criterion.id) == ["s_b"])
  }

  @Test func theFullOrderingBreaksGainTiesByCriterionID() throws {
    let rubric = Rubric([
      boolean("b", pillar: "reliability", weight: 1),
      boolean("a", pillar: "reliability", weight: 1),
      boolean("f", pillar: "reliability", weight: 2),
      boolean("c", pillar: "networking", weight: 3), boolean("e", pillar: "networking", weight: 1),
      boolean("d", pillar: "networking", weight: 1),
    ])
    // reliability a ✓ of 4 → 25; networking c ✓ of 5 → 60. Overall 42.5: bronze.
    let rows = [("a", "true"), ("b", "false"), ("c", "true"), ("d", "false"), ("e", "false")]
      .map { ($0.0, $0.1, "2026-03-01") }  // f has no value: it earns 0 and can gain it all
    let score = scoreProvider(book(assessments: rows), rubric: rubric, asOf: asOfNov2026)
    #expect(score.score == 42.5)
    #expect(score.tier == .bronze)
    // f 100×2/4/2 = 25; b 100×1/4/2 = 12.5; d and e 100×1/5/2 = 10 each, tie broken by id.
    let ordered = rankedImprovements(score, target: .silver)
    #expect(ordered.map(\.result.criterion.id) == ["f", "b", "d", "e"])
    #expect(ordered.map(\.gain) == [25, 12.5, 10, 10])
    #expect(ordered.map(\.pillarGain) == [50, 25, 20, 20])
    let path = nextTierPath(score, rubric: rubric)
    #expect(path.target == .silver)
    let gate = try #require(path.gates.first)
    #expect(gate.pointsMissing == 12.5)
    #expect(gate.criteria.map(\.result.criterion.id) == ["f"])  // 42.5 + 25 ≥ 55
  }

  @Test func cappedProviderNeedsOnlyItsRequiredCriterion() throws {
    let rubric = Rubric([
      boolean("attestation", pillar: "security", weight: 3, requiredFor: .bronze),
      boolean("slurm", pillar: "software", weight: 1),
      boolean("patching", pillar: "security", weight: 1, requiredFor: .platinum),
    ])
    let rows = [
      ("attestation", "false", "2026-01-01"), ("slurm", "true", "2026-01-01"),
      ("patching", "false", "2026-01-01"),
    ]
    let score = scoreProvider(book(assessments: rows), rubric: rubric, asOf: asOfNov2026)
    #expect(score.score == 50)  // (100 + 0) / 2
    #expect(score.tier == .underperforming)
    #expect(score.excludedBy.map(\.criterion.id) == ["attestation", "patching"])
    let path = nextTierPath(score, rubric: rubric)
    #expect(path.target == .bronze)
    // patching is required for platinum only: it does not bar bronze.
    #expect(path.gates.count == 1)
    let gate = try #require(path.gates.first)
    #expect(gate.kind == .required(criterionID: "attestation", requiredFor: .bronze))
    #expect(gate.pointsMissing == 3)
    #expect(gate.criteria.first?.gain == 37.5)  // 100 × 3 / 4 / 2
  }

  @Test func goldToPlatinumNamesEveryPillarBelowSeventy() throws {
    let rubric = Rubric([
      boolean("r1", pillar: "reliability", weight: 1),
      boolean("r2", pillar: "reliability", weight: 1),
      boolean("n1", pillar: "networking", weight: 1), boolean("w1", pillar: "software", weight: 1),
      boolean("x1", pillar: "security", weight: 1),
    ])
    let rows = [("r1", "true"), ("r2", "false"), ("n1", "true"), ("w1", "true"), ("x1", "true")]
      .map { ($0.0, $0.1, "2026-03-01") }
    let score = scoreProvider(book(assessments: rows), rubric: rubric, asOf: asOfNov2026)
    #expect(score.score == 87.5)  // (50 + 100 + 100 + 100) / 4
    #expect(score.tier == .gold)
    let path = nextTierPath(score, rubric: rubric)
    #expect(path.target == .platinum)
    #expect(path.gates.map(\.kind) == [.pillar("reliability")])
    #expect(path.gates.first?.pointsMissing == 20)
    #expect(path.gates.first?.criteria.map(\.result.criterion.id) == ["r2"])
  }

  @Test func platinumHasNoPath() {
    let (rubric, provider) = fourPillarBook(passing: Set(RequiredPillar.allCases.map(\.rawValue)))
    let score = scoreProvider(provider, rubric: rubric, asOf: asOfNov2026)
    #expect(score.tier == .platinum)
    let path = nextTierPath(score, rubric: rubric)
    #expect(path.target == nil)
    #expect(path.gates.isEmpty)
    #expect(path.criteriaWithoutValue.isEmpty)
  }

  @Test func unratedNeedsCoverageByWeight() {
    let rubric = Rubric([
      boolean("a", pillar: "security", weight: 5), boolean("b", pillar: "security", weight: 3),
      boolean("c", pillar: "software", weight: 1), boolean("d", pillar: "reliability", weight: 3),
      boolean("e", pillar: "networking", weight: 2),
    ])
    let score = scoreProvider(
      book(assessments: [("a", "false", "2026-01-01")]), rubric: rubric, asOf: asOfNov2026)
    #expect(score.coveragePct == 35.714285714)  // 5 of 14
    #expect(score.tier == .unrated)
    let path = nextTierPath(score, rubric: rubric)
    #expect(path.current == .unrated)
    #expect(path.target == nil)
    #expect(path.gates.isEmpty)
    #expect(path.coverageWeightMissing == 3.4)  // 60 % of 14 = 8.4, minus 5
    #expect(path.criteriaWithoutValue.map(\.criterion.id) == ["b", "d", "e", "c"])
  }
}
