import Domain

/// The rubric a score is computed against: criteria sorted by criterion_id (byte order),
/// the pillars they name, and the `rubric_version` fingerprint (§7).
package struct Rubric: Hashable, Sendable {
  /// The criteria, sorted by criterion_id in byte order.
  package let criteria: [Criterion]
  /// 12 lowercase hex digits identifying the rubric's content (§7).
  package let version: String
  /// The pillars that have at least one criterion: reliability, networking, software and
  /// security first (in that order), then the others alphabetically (byte order).
  package let pillars: [String]
  /// Lookups precomputed once per rubric for scoring many providers (derived from `criteria`):
  /// the kind of each criterion read from assessments, by criterion_id (the last one of an id
  /// wins); per position in `criteria`, the position of the last criterion with the same id;
  /// per pillar (in `pillars` order), the positions of its criteria.
  let assessedKinds: [String: CriterionKind]
  let canonicalPositions: [Int]
  let pillarPositions: [[Int]]

  package init(_ criteria: [Criterion]) {
    let sorted = criteria.sorted { byteOrderLess($0.id, $1.id) }
    self.criteria = sorted
    self.version = rubricVersion(sorted)
    let named = Set(sorted.map(\.pillar))
    let required = RequiredPillar.allCases.map(\.rawValue)
    let others = named.subtracting(required).sorted(by: byteOrderLess)
    self.pillars = required.filter(named.contains) + others

    var kinds: [String: CriterionKind] = [:]
    var lastPosition: [String: Int] = [:]
    for (position, criterion) in sorted.enumerated() {
      if criterion.effectiveSource == .assessment { kinds[criterion.id] = criterion.kind }
      lastPosition[criterion.id] = position
    }
    self.assessedKinds = kinds
    self.canonicalPositions = sorted.map { lastPosition[$0.id] ?? 0 }
    self.pillarPositions = pillars.map { pillar in
      sorted.indices.filter { sorted[$0].pillar == pillar }
    }
  }

  /// The criteria of one pillar, by criterion_id.
  package func criteria(of pillar: String) -> [Criterion] {
    criteria.filter { $0.pillar == pillar }
  }
}

/// `rubric_version` (§7): the first 12 hex digits of SHA-256 over the rubric's rows, sorted by
/// criterion_id, each the 9 rubric fields in §2 order joined by U+001F and ended by `\n`.
package func rubricVersion(_ criteria: [Criterion]) -> String {
  String(sha256Hex(Array(rubricCanonicalText(criteria).utf8)).prefix(12))
}

/// The text `rubricVersion` hashes; exposed so that a reader can check a version by hand.
package func rubricCanonicalText(_ criteria: [Criterion]) -> String {
  let separator = "\u{1F}"
  var text = ""
  for criterion in criteria.sorted(by: { byteOrderLess($0.id, $1.id) }) {
    let fields: [String] = [
      criterion.id,
      criterion.pillar,
      criterion.title,
      criterion.kind.rawValue,
      plainDecimal(criterion.weight),
      criterion.fullAt.map(plainDecimal) ?? "",
      criterion.zeroAt.map(plainDecimal) ?? "",
      criterion.requiredFor?.rawValue ?? "",
      criterion.effectiveSource.rawValue,
    ]
    text += fields.joined(separator: separator)
    text += "\n"
  }
  return text
}
