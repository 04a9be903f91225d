import Domain

/// What it takes to reach the next tier (§3 `explain`).
///
/// For a rated provider below platinum: the target is the tier just above the current one, and
/// `gates` lists each of its gates not met — failing `required_for` criteria first, then the
/// overall score, then pillars in rubric order — each with the points missing and the criteria
/// that would close it. For an unrated provider: the rubric weight missing to reach 60 % coverage
/// and every criterion without a value, heaviest first. A platinum provider has nothing to do.
package struct NextTierPath: Hashable, Sendable {
  package var current: Tier
  /// The tier just above `current`; nil for platinum and for unrated (whose path is coverage).
  package var target: Tier?
  package var gates: [UnmetGate]
  /// Unrated only: rubric weight that must gain a value to reach 60 % coverage (9 decimals).
  package var coverageWeightMissing: Double?
  /// Unrated only: the criteria without a value, by weight descending, then criterion_id.
  package var criteriaWithoutValue: [CriterionResult]
  /// Unrated only: the criteria whose evidence is stale (fresh evidence doubles what they add to
  /// coverage), by weight descending, then criterion_id.
  package var staleCriteria: [CriterionResult]

  package init(
    current: Tier, target: Tier?, gates: [UnmetGate], coverageWeightMissing: Double? = nil,
    criteriaWithoutValue: [CriterionResult] = [], staleCriteria: [CriterionResult] = []
  ) {
    self.current = current
    self.target = target
    self.gates = gates
    self.coverageWeightMissing = coverageWeightMissing
    self.criteriaWithoutValue = criteriaWithoutValue
    self.staleCriteria = staleCriteria
  }
}

/// A gate of the target tier that the provider does not meet.
package struct UnmetGate: Hashable, Sendable {
  package enum Kind: Hashable, Sendable {
    /// A criterion with `required_for` at or below the target tier, not earned in full.
    case required(criterionID: String, requiredFor: Tier)
    /// The overall score must reach `threshold`.
    case overall
    /// The named pillar's score must reach `threshold`.
    case pillar(String)
  }

  package var kind: Kind
  /// The score to reach (overall or pillar), or for `required` the criterion's weight.
  package var threshold: Double
  /// The provider's score (overall or pillar), or for `required` the criterion's points.
  package var actual: Double
  /// threshold − actual, rounded to 9 decimals: overall points, pillar points, or criterion points.
  package var pointsMissing: Double
  /// The criteria that would close the gate, taken in order until their gains close it:
  /// failing `required_for` criteria of the target first, then by gain, largest first.
  package var criteria: [Improvement]

  package init(
    kind: Kind, threshold: Double, actual: Double, pointsMissing: Double,
    criteria: [Improvement]
  ) {
    self.kind = kind
    self.threshold = threshold
    self.actual = actual
    self.pointsMissing = pointsMissing
    self.criteria = criteria
  }
}

/// A criterion short of its full weight and what earning it in full would add.
package struct Improvement: Hashable, Sendable {
  package var result: CriterionResult
  /// Overall points: 100 × (weight − points) / pillar weight / number of pillars (9 decimals).
  package var gain: Double
  /// Pillar points: 100 × (weight − points) / pillar weight (9 decimals).
  package var pillarGain: Double

  package init(result: CriterionResult, gain: Double, pillarGain: Double) {
    self.result = result
    self.gain = gain
    self.pillarGain = pillarGain
  }
}

/// The path from `score`'s tier to the next one up. `rubric` must be the rubric `score` was
/// computed with (it gives the coverage total for an unrated provider).
package func nextTierPath(_ score: ProviderScore, rubric: Rubric) -> NextTierPath {
  if score.tier == .unrated {
    // Summed like the coverage in `scoreProvider`: over the rubric, in criterion_id order.
    // Stale evidence counts at half weight, as in the coverage itself.
    let valuedIDs = Set(score.criteria.filter(\.hasValue).map(\.criterion.id))
    let staleIDs = Set(score.criteria.filter(\.isStale).map(\.criterion.id))
    var total = 0.0
    var valued = 0.0
    for criterion in rubric.criteria {
      total += criterion.weight
      if valuedIDs.contains(criterion.id) {
        valued +=
          staleIDs.contains(criterion.id) ? criterion.weight * FreshnessPolicy.staleCoverageFactor : criterion.weight
      }
    }
    let missing = max(0, roundedTo9(total * TierRule.minimumCoveragePct / 100 - valued))
    let without = score.criteria.filter { !$0.hasValue }.sorted { lhs, rhs in
      if lhs.criterion.weight != rhs.criterion.weight {
        return lhs.criterion.weight > rhs.criterion.weight
      }
      return byteOrderLess(lhs.criterion.id, rhs.criterion.id)
    }
    let stale = score.criteria.filter(\.isStale).sorted { lhs, rhs in
      if lhs.criterion.weight != rhs.criterion.weight {
        return lhs.criterion.weight > rhs.criterion.weight
      }
      return byteOrderLess(lhs.criterion.id, rhs.criterion.id)
    }
    return NextTierPath(
      current: .unrated, target: nil, gates: [], coverageWeightMissing: missing,
      criteriaWithoutValue: without, staleCriteria: stale)
  }
  guard score.tier != .platinum, score.tier.order >= 1 else {
    return NextTierPath(current: score.tier, target: nil, gates: [])
  }
  let target = Tier.allCases[score.tier.order - 1]
  let improvements = rankedImprovements(score, target: target)
  var gates: [UnmetGate] = []

  // Failing required_for criteria at or below the target bar it whatever the scores.
  for result in score.excludedBy {
    guard let gated = result.criterion.requiredFor, gated >= target else { continue }
    let weight = roundedTo9(result.criterion.weight)
    gates.append(
      UnmetGate(
        kind: .required(criterionID: result.criterion.id, requiredFor: gated),
        threshold: weight, actual: result.points,
        pointsMissing: roundedTo9(weight - result.points),
        criteria: improvements.filter { $0.result.criterion.id == result.criterion.id }))
  }

  guard let rule = TierRule.of(target) else {
    return NextTierPath(current: score.tier, target: target, gates: gates)
  }
  if score.score < rule.minimumOverall {
    gates.append(
      UnmetGate(
        kind: .overall, threshold: rule.minimumOverall, actual: score.score,
        pointsMissing: roundedTo9(rule.minimumOverall - score.score),
        criteria: closing(improvements, from: score.score, to: rule.minimumOverall, by: \.gain)))
  }
  if let minimum = rule.minimumPillar {
    for pillar in score.pillars where pillar.score < minimum {
      let candidates = improvements.filter { $0.result.criterion.pillar == pillar.pillar }
      gates.append(
        UnmetGate(
          kind: .pillar(pillar.pillar), threshold: minimum, actual: pillar.score,
          pointsMissing: roundedTo9(minimum - pillar.score),
          criteria: closing(candidates, from: pillar.score, to: minimum, by: \.pillarGain)))
    }
  }
  return NextTierPath(current: score.tier, target: target, gates: gates)
}

/// Every criterion short of full weight: failing `required_for` criteria that bar the target
/// first, then by gain descending, then criterion_id.
func rankedImprovements(_ score: ProviderScore, target: Tier) -> [Improvement] {
  let pillarCount = Double(score.pillars.count)
  var improvements: [(improvement: Improvement, barsTarget: Bool)] = []
  for pillar in score.pillars where pillar.weight > 0 {
    for result in pillar.criteria where !result.isEarnedInFull {
      let shortfall = result.criterion.weight - result.points
      let pillarGain = 100 * shortfall / pillar.weight
      let barsTarget =
        result.criterion.requiredFor.map { Tier.gateable.contains($0) && $0 >= target } ?? false
      improvements.append(
        (
          Improvement(
            result: result, gain: roundedTo9(pillarGain / pillarCount),
            pillarGain: roundedTo9(pillarGain)),
          barsTarget
        ))
    }
  }
  improvements.sort { lhs, rhs in
    if lhs.barsTarget != rhs.barsTarget { return lhs.barsTarget }
    if lhs.improvement.gain != rhs.improvement.gain {
      return lhs.improvement.gain > rhs.improvement.gain
    }
    return byteOrderLess(lhs.improvement.result.criterion.id, rhs.improvement.result.criterion.id)
  }
  return improvements.map(\.improvement)
}

/// The shortest prefix of `candidates` whose gains lift `actual` to `threshold` (all of them
/// when even that falls short).
private func closing(
  _ candidates: [Improvement], from actual: Double, to threshold: Double,
  by gain: KeyPath<Improvement, Double>
) -> [Improvement] {
  var reached = actual
  var taken: [Improvement] = []
  for candidate in candidates {
    if roundedTo9(reached) >= threshold { break }
    taken.append(candidate)
    reached += candidate[keyPath: gain]
  }
  return taken
}
