import Domain
import TestSupport
import Testing

@testable import Scoring

@Suite struct ScorePropertyTests {
  static let pillars = ["reliability", "networking", "software", "security", "storage", "pricing"]

  func randomCriterion(_ index: Int, using rng: inout SplitMix64) -> Criterion {
    let kind = CriterionKind.allCases.randomElement(using: &rng) ?? .bool
    let weight = Double(Int.random(in: 1...1000, using: &rng)) / 100
    var criterion = Criterion(
      id: "c\(index)", pillar: Self.pillars.randomElement(using: &rng) ?? "security",
      title: "criterion \(index)", kind: kind, weight: weight,
      requiredFor: Bool.random(using: &rng) ? nil : Tier.gateable.randomElement(using: &rng))
    if kind == .numeric {
      let a = Double(Int.random(in: -1000...1000, using: &rng)) / 10
      var b = Double(Int.random(in: -1000...1000, using: &rng)) / 10
      if a == b { b += 1 }
      criterion.fullAt = a
      criterion.zeroAt = b
      if Int.random(in: 0..<4, using: &rng) == 0 {
        criterion.source = CriterionSource.allCases.randomElement(using: &rng)
      }
    }
    return criterion
  }

  func randomValue(for kind: CriterionKind, using rng: inout SplitMix64) -> String {
    switch kind {
    case .bool: return ["true", "false", "maybe"].randomElement(using: &rng) ?? "true"
    case .level: return String(Int.random(in: -1...5, using: &rng))
    case .numeric:
      return ["\(Int.random(in: -5000...5000, using: &rng))", "12.345", "-0.5", "1e3"]
        .randomElement(using: &rng) ?? "0"
    }
  }

  @Test(arguments: 0..<40)
  func scoresStayWithinZeroToHundred(batch: Int) {
    var rng = SplitMix64(seed: UInt64(batch) &* 7919 &+ 17)
    var scores: [ProviderScore] = []
    for iteration in 0..<25 {
      let criteria = (0..<Int.random(in: 0...14, using: &rng)).map {
        randomCriterion($0, using: &rng)
      }
      let rubric = Rubric(criteria)
      var assessments: [(String, String, String)] = []
      for _ in 0..<Int.random(in: 0...30, using: &rng) {
        guard let criterion = criteria.randomElement(using: &rng) else { break }
        let date =
          "202\(Int.random(in: 5...6, using: &rng))-0\(Int.random(in: 1...9, using: &rng))-1\(Int.random(in: 0...9, using: &rng))"
        assessments.append((criterion.id, randomValue(for: criterion.kind, using: &rng), date))
      }
      let uptime = (0..<Int.random(in: 0...14, using: &rng)).map { offset in
        UptimeMonth(
          providerID: "p1", month: asOfNov2026.month - offset,
          uptimePct: Double(Int.random(in: 0...10000, using: &rng)) / 100,
          incidents: Int.random(in: 0...5, using: &rng),
          failuresPer1kGPUMonths: Double(Int.random(in: 0...500, using: &rng)) / 10,
          mttrHours: Double(Int.random(in: 0...480, using: &rng)) / 10)
      }
      let fleets = (0..<Int.random(in: 0...4, using: &rng)).map { index in
        fleet(
          "f\(index)", gpus: Int.random(in: 1...4096, using: &rng),
          gbps: Double(Int.random(in: 0...800, using: &rng)),
          interconnect: Interconnect.allCases.randomElement(using: &rng) ?? .ethernet,
          inService: "202\(Int.random(in: 0...7, using: &rng))-06-01")
      }
      let provider = book(
        "p\(batch)-\(iteration)", assessments: assessments, uptime: uptime, fleets: fleets)
      let score = scoreProvider(provider, rubric: rubric, asOf: asOfNov2026)
      scores.append(score)

      #expect((0...100).contains(score.score), "seed batch \(batch) iteration \(iteration)")
      #expect((0...100).contains(score.coveragePct))
      for pillar in score.pillars {
        #expect((0...100).contains(pillar.score))
        #expect(pillar.points >= 0 && pillar.points <= roundedTo9(pillar.weight))
      }
      for result in score.criteria {
        #expect(result.points >= 0 && result.points <= roundedTo9(result.criterion.weight))
        #expect(result.hasValue || result.points == 0)
      }
      #expect((score.coveragePct < 60) == (score.tier == .unrated))
      let path = nextTierPath(score, rubric: rubric)
      for gate in path.gates {
        #expect(gate.pointsMissing > 0)
        #expect(gate.criteria.allSatisfy { $0.gain > 0 && $0.gain <= 100 })
      }
    }
    let ranked = rankProviders(scores)
    #expect(ranked.map(\.rank) == Array(1...scores.count))
    for (before, after) in zip(ranked, ranked.dropFirst()) {
      #expect(before.score.tier <= after.score.tier)
    }
  }
}
