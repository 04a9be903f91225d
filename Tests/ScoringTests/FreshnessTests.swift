import Domain
import Testing

@testable import Scoring

@Suite struct FreshnessTests {
  func day(_ text: String) -> Day { Day(text) ?? Day(daysSinceEpoch: 0) }

  @Test func assessmentsOlderThanTwelveMonthsAreStale() {
    let policy = FreshnessPolicy.standard
    let asOf = day("2026-11-23")
    #expect(policy.oldestFreshAssessment(asOf: asOf) == day("2025-11-23"))
    #expect(!policy.isAssessmentStale(assessedOn: day("2025-11-23"), asOf: asOf))  // exactly 12 months
    #expect(policy.isAssessmentStale(assessedOn: day("2025-11-22"), asOf: asOf))
    #expect(!policy.isAssessmentStale(assessedOn: day("2026-11-23"), asOf: asOf))
    // The age is configurable, and a month end is clamped (2026-03-31 − 1 month = 2026-02-28).
    let monthly = FreshnessPolicy(assessmentMaxAgeMonths: 1)
    #expect(monthly.oldestFreshAssessment(asOf: day("2026-03-31")) == day("2026-02-28"))
    #expect(monthly.isAssessmentStale(assessedOn: day("2026-02-27"), asOf: day("2026-03-31")))
    #expect(
      FreshnessPolicy(assessmentMaxAgeMonths: 12).oldestFreshAssessment(asOf: day("2028-02-29")) == day("2027-02-28"))
  }

  @Test func uptimeOlderThanThreeMonthsIsStale() {
    let policy = FreshnessPolicy.standard
    let asOf = day("2026-11-23")
    #expect(!policy.isUptimeStale(latestMonth: Month(year: 2026, month: 11) ?? Month(index: 0), asOf: asOf))
    #expect(!policy.isUptimeStale(latestMonth: Month(year: 2026, month: 8) ?? Month(index: 0), asOf: asOf))
    #expect(policy.isUptimeStale(latestMonth: Month(year: 2026, month: 7) ?? Month(index: 0), asOf: asOf))
  }

  @Test func staleEvidenceCountsAtHalfWeightInCoverage() {
    // Weights 4 (fresh), 2 (stale), 3 (no value), 1 (stale): (4 + 1 + 0.5) / 10 = 55 %.
    let coverage = coveragePct([
      (weight: 4, hasValue: true, isStale: false), (weight: 2, hasValue: true, isStale: true),
      (weight: 3, hasValue: false, isStale: false), (weight: 1, hasValue: true, isStale: true),
    ])
    #expect(coverage == 55)
    #expect(coveragePct([]) == 0)
    #expect(coveragePct([(weight: 3, hasValue: true, isStale: false)]) == 100)
  }
}
