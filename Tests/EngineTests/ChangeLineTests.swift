import Domain
import Foundation
import Store
import Testing

@testable import Engine

@Suite struct ChangeLineTests {
  func snapshot(_ id: String, tier: Tier = .gold, grade: RiskGrade = .low, flags: [RiskFlag] = []) -> SnapshotRecord {
    SnapshotRecord(
      providerID: id, name: id, tier: tier, score: 70, pillars: [:], coveragePct: 100, grade: grade,
      dscr12m: nil, breakEvenUtilizationPct: nil, runwayMonths: nil, cashOutMonth: nil, flags: flags)
  }

  @Test func linesAreSortedByProviderThenKindThenFlag() {
    let baseline = [
      snapshot("b", tier: .gold, grade: .low, flags: [.pastMaturity, .staleFinancials]),
      snapshot("a", flags: [.overcommitted]),
      snapshot("z"),
    ]
    let current = [
      snapshot("a", tier: .silver, grade: .high, flags: [.covenantBreach, .balloonWithin12m]),
      snapshot("b", tier: .gold, grade: .low, flags: [.staleFinancials, .noUptimeData]),
      snapshot("c"),
    ]
    #expect(
      runChanges(baseline: baseline, current: current).map(\.description) == [
        "tier a gold -> silver", "grade a low -> high", "flag+ a balloon_within_12m", "flag+ a covenant_breach",
        "flag- a overcommitted", "flag+ b no_uptime_data", "flag- b past_maturity", "new c", "gone z",
      ])
  }

  @Test func noBaselineMakesEveryProviderNewAndEqualSnapshotsMakeNoLines() {
    let current = [snapshot("b"), snapshot("a", flags: [.noMarketPrice])]
    #expect(runChanges(baseline: nil, current: current).map(\.description) == ["new a", "new b"])
    #expect(runChanges(baseline: current, current: current).isEmpty)
    #expect(runChanges(baseline: [], current: []).isEmpty)
  }

  @Test func logLineRoundsTheDurationToHundredths() {
    let start = Date(timeIntervalSince1970: 1_795_400_100)
    let line = RecomputeUseCase.logLine(
      startedAt: start, finishedAt: start.addingTimeInterval(1.837), runID: 12, exitCode: 0, providers: 9,
      changes: 3)
    #expect(line == "2026-11-23T02:15:00Z recompute run=12 exit=0 duration=1.84s providers=9 changes=3")
  }
}
