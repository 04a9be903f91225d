import Domain
import Scoring

extension ExplainReport {
  /// `{"as_of", "rubric_version", "provider_id", "name", "tier", "score", "coverage_pct",
  /// "pillars": {PILLAR: {"score", "points", "weight", "criteria": [...]}}, "next_tier": {...}}`;
  /// scores, points and gains are the 9-decimal values (§7).
  package var json: JSONValue {
    var pillars: [String: JSONValue] = [:]
    for pillar in score.pillars {
      pillars[pillar.pillar] = .object([
        "score": .metric(pillar.score),
        "points": .metric(pillar.points),
        "weight": .number(pillar.weight),
        "criteria": .array(pillar.criteria.map(criterionJSON)),
      ])
    }
    return .object([
      "as_of": .string(asOf.description),
      "rubric_version": .string(rubricVersion),
      "provider_id": .string(score.providerID),
      "name": .string(score.name),
      "tier": .string(score.tier.rawValue),
      "score": .metric(score.score),
      "coverage_pct": .metric(score.coveragePct),
      "freshness": .object([
        "assessment_max_age_months": .number(Double(score.freshness.assessmentMaxAgeMonths)),
        "uptime_max_age_months": .number(Double(score.freshness.uptimeMaxAgeMonths)),
        "stale_weight_factor": .number(FreshnessPolicy.staleCoverageFactor),
      ]),
      "pillars": .object(pillars),
      "next_tier": nextTierJSON,
    ])
  }

  /// `{"target", "at_top", "gates": [...], "coverage_weight_missing", "criteria_without_value"}`:
  /// `target` is null for platinum (`at_top`) and for unrated, whose path is coverage.
  var nextTierJSON: JSONValue {
    .object([
      "target": JSONValue(path.target?.rawValue),
      "at_top": .bool(score.tier == .platinum),
      "gates": .array(
        path.gates.map { gate in
          var criterionID: String?
          var requiredFor: String?
          var pillar: String?
          switch gate.kind {
          case .required(let id, let tier):
            criterionID = id
            requiredFor = tier.rawValue
          case .overall: break
          case .pillar(let name): pillar = name
          }
          return .object([
            "gate": .string(gateName(gate.kind)),
            "criterion_id": JSONValue(criterionID),
            "required_for": JSONValue(requiredFor),
            "pillar": JSONValue(pillar),
            "threshold": .metric(gate.threshold),
            "actual": .metric(gate.actual),
            "points_missing": .metric(gate.pointsMissing),
            "criteria": .array(
              gate.criteria.map { improvement in
                let criterion = improvement.result.criterion
                return .object([
                  "criterion_id": .string(criterion.id),
                  "pillar": .string(criterion.pillar),
                  "title": .string(criterion.title),
                  "points": .metric(improvement.result.points),
                  "weight": .number(criterion.weight),
                  "gain": .metric(improvement.gain),
                  "pillar_gain": .metric(improvement.pillarGain),
                  "required_for": JSONValue(criterion.requiredFor?.rawValue),
                ])
              }),
          ])
        }),
      "coverage_weight_missing": .metric(path.coverageWeightMissing),
      "stale_criteria": .array(path.staleCriteria.map { .string($0.criterion.id) }),
      "criteria_without_value": .array(
        path.criteriaWithoutValue.map { result in
          .object([
            "criterion_id": .string(result.criterion.id),
            "pillar": .string(result.criterion.pillar),
            "title": .string(result.criterion.title),
            "weight": .number(result.criterion.weight),
            "required_for": JSONValue(result.criterion.requiredFor?.rawValue),
          ])
        }),
    ])
  }

  /// A criterion as JSON; `value` is typed by kind (`true`, `3`, `99.95`), null without one.
  func criterionJSON(_ result: CriterionResult) -> JSONValue {
    let criterion = result.criterion
    return .object([
      "criterion_id": .string(criterion.id),
      "title": .string(criterion.title),
      "kind": .string(criterion.kind.rawValue),
      "source": .string(criterion.effectiveSource.rawValue),
      "value": typedValue(result.value, kind: criterion.kind),
      "evidence": JSONValue(result.evidence),
      "assessed_on": JSONValue(result.assessedOn?.description),
      "stale": .bool(result.isStale),
      "points": .metric(result.points),
      "weight": .number(criterion.weight),
      "required_for": JSONValue(criterion.requiredFor?.rawValue),
      "earned_in_full": .bool(result.isEarnedInFull),
    ])
  }

  private func typedValue(_ text: String?, kind: CriterionKind) -> JSONValue {
    guard let text else { return .null }
    if kind == .bool, text == "true" || text == "false" { return .bool(text == "true") }
    if kind != .bool, let number = assessmentValue(Substring(text), kind: kind) { return .number(number) }
    return .string(text)
  }

  /// `overall`, `pillar:networking`, `required:hardware_sla` (tsv, csv).
  func gateLabel(_ kind: UnmetGate.Kind) -> String {
    switch kind {
    case .required(let criterionID, _): return "required:" + criterionID
    case .overall: return "overall"
    case .pillar(let pillar): return "pillar:" + pillar
    }
  }

  private func gateName(_ kind: UnmetGate.Kind) -> String {
    switch kind {
    case .required: return "required"
    case .overall: return "overall"
    case .pillar: return "pillar"
    }
  }
}
