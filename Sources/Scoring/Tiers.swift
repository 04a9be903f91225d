import Domain

/// The §3 thresholds: a tier's minimum overall score and, for platinum and gold, the minimum
/// every pillar must reach.
package struct TierRule: Hashable, Sendable {
  package var tier: Tier
  package var minimumOverall: Double
  package var minimumPillar: Double?

  /// Platinum, gold, silver, bronze: the first that holds is the tier.
  package static let all: [TierRule] = [
    TierRule(tier: .platinum, minimumOverall: 85, minimumPillar: 70),
    TierRule(tier: .gold, minimumOverall: 70, minimumPillar: 50),
    TierRule(tier: .silver, minimumOverall: 55, minimumPillar: nil),
    TierRule(tier: .bronze, minimumOverall: 40, minimumPillar: nil),
  ]

  package static func of(_ tier: Tier) -> TierRule? { all.first { $0.tier == tier } }

  /// The coverage (percent of rubric weight with a value) below which a provider is `unrated`.
  package static let minimumCoveragePct = 60.0
}

/// The tier from the (already 9-decimal-rounded) scores alone, before `required_for` and coverage.
package func tierFor(overall: Double, pillarScores: [Double]) -> Tier {
  for gate in TierRule.all where overall >= gate.minimumOverall {
    if let minimum = gate.minimumPillar, pillarScores.contains(where: { $0 < minimum }) { continue }
    return gate.tier
  }
  return .underperforming
}

/// The tier of §3: `unrated` below 60 % coverage; else the score tier, capped below every tier
/// named by a `required_for` that was not earned in full.
package func tierFor(
  overall: Double, pillarScores: [Double], coveragePct: Double, excludedBy: [Tier]
) -> Tier {
  guard coveragePct >= TierRule.minimumCoveragePct else { return .unrated }
  var tier = tierFor(overall: overall, pillarScores: pillarScores)
  for excluded in excludedBy where Tier.gateable.contains(excluded) && tier <= excluded {
    tier = Tier.allCases[excluded.order + 1]  // the tier just below; bronze ⇒ underperforming
  }
  return tier
}

package struct RankedProvider: Hashable, Sendable {
  /// 1-based, no shared ranks.
  package var rank: Int
  package var score: ProviderScore

  package init(rank: Int, score: ProviderScore) {
    self.rank = rank
    self.score = score
  }
}

/// §3 rank order: tier (platinum first, unrated last), score descending, provider_id (byte order).
package func rankProviders(_ scores: [ProviderScore]) -> [RankedProvider] {
  let ordered = scores.sorted { lhs, rhs in
    if lhs.tier != rhs.tier { return lhs.tier < rhs.tier }
    if lhs.score != rhs.score { return lhs.score > rhs.score }
    return byteOrderLess(lhs.providerID, rhs.providerID)
  }
  return ordered.enumerated().map { RankedProvider(rank: $0.offset + 1, score: $0.element) }
}
