import Domain

/// One criterion as evaluated for a provider: the value shown, its evidence and the points earned.
package struct CriterionResult: Hashable, Sendable {
  package var criterion: Criterion
  /// The value as users read it: the assessment text (`true`, `3`, `99.95`) or, for a derived
  /// criterion, the metric in plain decimal form. Nil when the criterion has no value.
  package var value: String?
  /// The assessment's evidence, or for a derived criterion a note on the data it came from.
  package var evidence: String?
  /// The date of the assessment that counted (nil for derived criteria and missing values).
  package var assessedOn: Day?
  /// Points earned in [0, weight], rounded to 9 decimals.
  package var points: Double
  package var hasValue: Bool
  /// The value rests on stale evidence (`FreshnessPolicy`): it earns its points but counts at
  /// half weight in coverage.
  package var isStale: Bool

  package init(
    criterion: Criterion, value: String?, evidence: String?, assessedOn: Day?, points: Double,
    hasValue: Bool, isStale: Bool = false
  ) {
    self.criterion = criterion
    self.value = value
    self.evidence = evidence
    self.assessedOn = assessedOn
    self.points = points
    self.hasValue = hasValue
    self.isStale = isStale
  }

  /// Whether the criterion earned its whole weight (what a `required_for` demands).
  package var isEarnedInFull: Bool { points >= roundedTo9(criterion.weight) }
}

package struct PillarScore: Hashable, Sendable {
  package var pillar: String
  /// 100 × points / weight, rounded to 9 decimals.
  package var score: Double
  /// Σ criterion points (in criterion_id order), rounded to 9 decimals.
  package var points: Double
  /// Σ weight of the pillar's criteria, with or without a value.
  package var weight: Double
  /// The pillar's criteria, by criterion_id.
  package var criteria: [CriterionResult]

  package init(
    pillar: String, score: Double, points: Double, weight: Double, criteria: [CriterionResult]
  ) {
    self.pillar = pillar
    self.score = score
    self.points = points
    self.weight = weight
    self.criteria = criteria
  }
}

package struct ProviderScore: Hashable, Sendable {
  package var providerID: String
  package var name: String
  package var tier: Tier
  /// The plain mean of the pillar scores, rounded to 9 decimals; computed for unrated too.
  package var score: Double
  /// In the rubric's pillar order.
  package var pillars: [PillarScore]
  /// Weight of criteria with a value / total weight × 100, rounded to 9 decimals.
  package var coveragePct: Double
  /// Criteria with a `required_for` not earned in full, by criterion_id. Each excludes its tier
  /// and every tier above it (also listed for an unrated provider, whose tier stays `unrated`).
  package var excludedBy: [CriterionResult]
  /// The metrics the derived criteria read.
  package var metrics: DerivedMetrics
  /// The freshness rule the score was computed with.
  package var freshness: FreshnessPolicy

  package init(
    providerID: String, name: String, tier: Tier, score: Double, pillars: [PillarScore],
    coveragePct: Double, excludedBy: [CriterionResult], metrics: DerivedMetrics = DerivedMetrics(),
    freshness: FreshnessPolicy = .standard
  ) {
    self.providerID = providerID
    self.name = name
    self.tier = tier
    self.score = score
    self.pillars = pillars
    self.coveragePct = coveragePct
    self.excludedBy = excludedBy
    self.metrics = metrics
    self.freshness = freshness
  }

  /// Every criterion result, pillar by pillar.
  package var criteria: [CriterionResult] { pillars.flatMap(\.criteria) }

  package func pillar(_ name: String) -> PillarScore? { pillars.first { $0.pillar == name } }
}

/// Scores one provider against a rubric as of a date (§3, §7).
///
/// Choices where §3 is silent:
/// - A pillar's weight counts all its criteria, so a pillar whose criteria have no value scores 0
///   (it is not left out of the overall mean). Only pillars with criteria exist (`Rubric.pillars`).
/// - An empty rubric scores 0 with 0 % coverage, hence `unrated`.
/// - An assessment whose value does not fit its criterion's kind (import rejects those) is
///   ignored, as are assessments dated after `asOf`, of derived criteria and of criteria not in
///   the rubric.
/// - Stale evidence (`freshness`) earns its points but counts at half weight in coverage.
/// - Sums run in criterion_id order (pillar points) and rubric pillar order (overall) over the
///   already rounded parts, so every figure is reproducible from the figures shown.
package func scoreProvider(
  _ book: ProviderBook, rubric: Rubric, asOf: Day, freshness: FreshnessPolicy = .standard
) -> ProviderScore {
  let metrics = DerivedMetrics.compute(book: book, asOf: asOf)
  let latest = latestAssessments(book.assessments, rubric: rubric, asOf: asOf)

  // One result per criterion_id, kept at the position of the last criterion with that id (a
  // rubric from the store has unique ids; the rule only matters for hand-built ones).
  let criteria = rubric.criteria
  let canonical = rubric.canonicalPositions
  var results = [CriterionResult?](repeating: nil, count: criteria.count)
  for (position, criterion) in criteria.enumerated() where canonical[position] == position {
    results[position] = evaluate(
      criterion, assessment: latest[criterion.id], metrics: metrics, asOf: asOf, freshness: freshness)
  }

  var pillars: [PillarScore] = []
  pillars.reserveCapacity(rubric.pillars.count)
  for (pillar, positions) in zip(rubric.pillars, rubric.pillarPositions) {
    let pillarResults = positions.compactMap { results[canonical[$0]] }
    var points = 0.0
    var weight = 0.0
    for result in pillarResults {
      points += result.points
      weight += result.criterion.weight
    }
    let score = weight > 0 ? roundedTo9(100 * points / weight) : 0
    pillars.append(
      PillarScore(
        pillar: pillar, score: score, points: roundedTo9(points), weight: weight,
        criteria: pillarResults))
  }

  var scoreSum = 0.0
  for pillar in pillars { scoreSum += pillar.score }
  let overall = pillars.isEmpty ? 0 : roundedTo9(scoreSum / Double(pillars.count))

  var coverageTerms: [(weight: Double, hasValue: Bool, isStale: Bool)] = []
  coverageTerms.reserveCapacity(criteria.count)
  for (position, criterion) in criteria.enumerated() {
    let result = results[canonical[position]]
    coverageTerms.append((criterion.weight, result?.hasValue == true, result?.isStale == true))
  }
  let coverage = coveragePct(coverageTerms)

  var excludedBy: [CriterionResult] = []
  for (position, criterion) in criteria.enumerated() {
    guard let gated = criterion.requiredFor, Tier.gateable.contains(gated),
      let result = results[canonical[position]],
      !result.isEarnedInFull
    else { continue }
    excludedBy.append(result)
  }

  let tier = tierFor(
    overall: overall, pillarScores: pillars.map(\.score), coveragePct: coverage,
    excludedBy: excludedBy.compactMap(\.criterion.requiredFor))

  return ProviderScore(
    providerID: book.provider.id, name: book.provider.name, tier: tier, score: overall,
    pillars: pillars, coveragePct: coverage, excludedBy: excludedBy, metrics: metrics, freshness: freshness)
}

/// The numeric reading of an assessment value by kind (§2): `bool` is `true`/`false` (1/0),
/// `level` an integer 0–4, `numeric` a number `-?[0-9]+(\.[0-9]+)?`. Nil when it does not fit,
/// so an importer can use it to check a value.
package func assessmentValue(_ text: Substring, kind: CriterionKind) -> Double? {
  switch kind {
  case .bool:
    switch text {
    case "true": return 1
    case "false": return 0
    default: return nil
    }
  case .level:
    guard isPlainNumber(text, allowFraction: false), let level = Int(text), (0...4).contains(level)
    else { return nil }
    return Double(level)
  case .numeric:
    guard isPlainNumber(text, allowFraction: true) else { return nil }
    return Double(text)
  }
}

/// `-?[0-9]+(\.[0-9]+)?` (or without the fraction).
private func isPlainNumber(_ text: Substring, allowFraction: Bool) -> Bool {
  var bytes = text.utf8[...]
  if bytes.first == UInt8(ascii: "-") { bytes = bytes.dropFirst() }
  let isDigit = { (byte: UInt8) in byte >= 48 && byte <= 57 }
  let whole = bytes.prefix(while: isDigit)
  guard !whole.isEmpty else { return false }
  let rest = bytes.dropFirst(whole.count)
  if rest.isEmpty { return true }
  guard allowFraction, rest.first == UInt8(ascii: ".") else { return false }
  let fraction = rest.dropFirst()
  return !fraction.isEmpty && fraction.allSatisfy(isDigit)
}

/// Points a criterion earns for a value, in [0, weight], rounded to 9 decimals (§3).
package func criterionPoints(_ criterion: Criterion, value: Double) -> Double {
  let fraction: Double
  switch criterion.kind {
  case .bool:
    fraction = value == 1 ? 1 : 0
  case .level:
    fraction = min(max(value, 0), 4) / 4
  case .numeric:
    fraction = linearFraction(value, fullAt: criterion.fullAt, zeroAt: criterion.zeroAt)
  }
  return roundedTo9(criterion.weight * fraction)
}

/// 0 at `zeroAt`, 1 at `fullAt`, linear between, clamped; lower is better when fullAt < zeroAt.
/// 0 when either bound is missing or they are equal (a rubric import rejects both).
private func linearFraction(_ value: Double, fullAt: Double?, zeroAt: Double?) -> Double {
  guard let fullAt, let zeroAt, fullAt != zeroAt else { return 0 }
  let fraction = (value - zeroAt) / (fullAt - zeroAt)
  return min(max(fraction, 0), 1)
}

/// The latest assessment dated on or before `asOf` per assessed criterion of the rubric; a later
/// row in the array wins a tie of dates.
private func latestAssessments(_ assessments: [Assessment], rubric: Rubric, asOf: Day)
  -> [String: (Assessment, Double)]
{
  let kinds = rubric.assessedKinds
  var latest: [String: (Assessment, Double)] = [:]
  for assessment in assessments where assessment.assessedOn <= asOf {
    guard let kind = kinds[assessment.criterionID],
      let value = assessmentValue(Substring(assessment.value), kind: kind)
    else { continue }
    if let current = latest[assessment.criterionID], current.0.assessedOn > assessment.assessedOn {
      continue
    }
    latest[assessment.criterionID] = (assessment, value)
  }
  return latest
}

private func evaluate(
  _ criterion: Criterion, assessment: (Assessment, Double)?, metrics: DerivedMetrics, asOf: Day,
  freshness: FreshnessPolicy
) -> CriterionResult {
  let source = criterion.effectiveSource
  if source == .assessment {
    guard let (row, value) = assessment else {
      return CriterionResult(
        criterion: criterion, value: nil, evidence: nil, assessedOn: nil, points: 0,
        hasValue: false)
    }
    return CriterionResult(
      criterion: criterion, value: row.value, evidence: row.evidence, assessedOn: row.assessedOn,
      points: criterionPoints(criterion, value: value), hasValue: true,
      isStale: freshness.isAssessmentStale(assessedOn: row.assessedOn, asOf: asOf))
  }
  guard let metric = metrics.value(for: source) else {
    return CriterionResult(
      criterion: criterion, value: nil, evidence: nil, assessedOn: nil, points: 0,
      hasValue: false)
  }
  // A derived value is numeric whatever the kind says (import requires `numeric`).
  var numeric = criterion
  numeric.kind = .numeric
  var isStale = false
  if source == .uptime12m || source == .mttr12m || source == .failures12m,
    let latest = metrics.latestUptimeMonth
  {
    isStale = freshness.isUptimeStale(latestMonth: latest, asOf: asOf)
  }
  return CriterionResult(
    criterion: criterion, value: plainDecimal(metric),
    evidence: derivedEvidence(source, metrics: metrics, asOf: asOf), assessedOn: nil,
    points: criterionPoints(numeric, value: metric), hasValue: true, isStale: isStale)
}

private func derivedEvidence(_ source: CriterionSource, metrics: DerivedMetrics, asOf: Day)
  -> String
{
  let m0 = asOf.month
  switch source {
  case .fabricGbpsPerGPU, .rdmaShare:
    return "derived from \(metrics.activeGPUs) GPUs of fleets active in \(m0)"
  default:
    let count = source == .failures12m ? metrics.failureMonths : metrics.uptimeMonths
    let noun = count == 1 ? "month" : "months"
    var text = "derived from \(count) \(noun) of uptime data in \(m0 - 11)…\(m0)"
    if let latest = metrics.latestUptimeMonth, latest != m0 { text += ", latest \(latest)" }
    if source != .failures12m, !metrics.uptimeSources.isEmpty {
      text += " (" + metrics.uptimeSources.joined(separator: ", ") + ")"
    }
    return text
  }
}
