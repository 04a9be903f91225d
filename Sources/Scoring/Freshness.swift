import Domain

/// When evidence is stale (issue 13): an assessment older than `assessmentMaxAgeMonths` (12 by
/// default) before the as-of date, and uptime evidence whose latest month is more than
/// `uptimeMaxAgeMonths` (3) before the as-of month. Stale evidence still earns its points but
/// counts at half weight in coverage; the tier thresholds do not change.
package struct FreshnessPolicy: Hashable, Sendable {
  package static let defaultAssessmentMaxAgeMonths = 12
  package static let defaultUptimeMaxAgeMonths = 3
  /// What a stale criterion's weight counts for in coverage.
  package static let staleCoverageFactor = 0.5

  package var assessmentMaxAgeMonths: Int
  package var uptimeMaxAgeMonths: Int

  package init(
    assessmentMaxAgeMonths: Int = FreshnessPolicy.defaultAssessmentMaxAgeMonths,
    uptimeMaxAgeMonths: Int = FreshnessPolicy.defaultUptimeMaxAgeMonths
  ) {
    self.assessmentMaxAgeMonths = assessmentMaxAgeMonths
    self.uptimeMaxAgeMonths = uptimeMaxAgeMonths
  }

  package static let standard = FreshnessPolicy()

  /// The oldest assessment date that is still fresh: the as-of date moved back by the maximum
  /// age in calendar months (the 31st becomes the month's last day when it has fewer days).
  package func oldestFreshAssessment(asOf: Day) -> Day {
    let month = asOf.month - assessmentMaxAgeMonths
    let day = min(asOf.day, Day.daysIn(year: month.year, month: month.month))
    return Day(year: month.year, month: month.month, day: day) ?? asOf
  }

  /// An assessment is stale when it is dated before `oldestFreshAssessment(asOf:)`: one dated
  /// exactly 12 months before the as-of date is still fresh.
  package func isAssessmentStale(assessedOn: Day, asOf: Day) -> Bool {
    assessedOn < oldestFreshAssessment(asOf: asOf)
  }

  /// Uptime evidence is stale when its latest month is more than the maximum age before M0
  /// (with the default 3: data through 2026-08 is fresh in 2026-11, data through 2026-07 is not).
  package func isUptimeStale(latestMonth: Month, asOf: Day) -> Bool {
    asOf.month - latestMonth > uptimeMaxAgeMonths
  }
}

/// Coverage (§3) with stale evidence at half weight: Σ weight of criteria with a value, a stale
/// one counting `staleCoverageFactor` of its weight, / Σ weight × 100, rounded to 9 decimals.
/// Summed in the order given (the rubric's criterion_id order).
package func coveragePct(_ criteria: [(weight: Double, hasValue: Bool, isStale: Bool)]) -> Double {
  var total = 0.0
  var valued = 0.0
  for criterion in criteria {
    total += criterion.weight
    if criterion.hasValue {
      valued += criterion.isStale ? criterion.weight * FreshnessPolicy.staleCoverageFactor : criterion.weight
    }
  }
  return total > 0 ? roundedTo9(100 * valued / total) : 0
}
