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
        "a: tier gold -> silver (score 70.0)",
        "a: grade low -> high",
        "a: flag added: balloon_within_12m (a balloon payment falls due within 12 months)",
        "a: flag added: covenant_breach (DSCR below its loans' covenant)",
        "a: flag removed: overcommitted (was: contracts commit more GPUs than its fleets hold in some month)",
        "b: flag added: no_uptime_data (no uptime data in the last 12 months)",
        "b: flag removed: past_maturity (was: a loan is past maturity and still owes its balance)",
        "c: new provider (tier gold, score 70.0, grade low)",
        "z: gone (was tier gold, grade low)",
      ])
  }

  @Test func linesCarryTheFiguresBehindTheMove() {
    var before = snapshot("ionic-labs", tier: .underperforming, grade: .high)
    before.score = 65.7
    before.dscr12m = 0.93
    var after = snapshot(
      "ionic-labs", tier: .silver, grade: .elevated, flags: [.covenantBreach, .customerConcentration])
    after.score = 68.2
    after.dscr12m = 1.2149
    after.cashOutMonth = "2028-02"
    let facts = ChangeFacts(covenantDSCR: 1.35, minLiquidityUSD: 1_000_000, topCustomerSharePct: 62.04)
    var asked: [String] = []
    let lines = runChanges(baseline: [before], current: [after]) { id in
      asked.append(id)
      return facts
    }.map(\.description)
    #expect(
      lines == [
        "ionic-labs: tier underperforming -> silver (score 65.7 -> 68.2)",
        "ionic-labs: grade high -> elevated (DSCR 0.93 -> 1.21; cash out none -> 2028-02)",
        "ionic-labs: flag added: covenant_breach (DSCR 1.21 below its 1.35 covenant)",
        "ionic-labs: flag added: customer_concentration (one customer earns 62.0% of contract revenue, over 50%)",
      ])
    #expect(asked == ["ionic-labs"])  // once per provider that gains a flag
    #expect(
      flagWords(.minLiquidityBreach, snapshot: after, facts: facts)
        == "cash falls below its 1,000,000.00 USD minimum liquidity within 12 months")
    #expect(flagWords(.debtServiceExceedsCFADS, snapshot: before, facts: nil).hasPrefix("DSCR 0.93 below 1"))
  }

  @Test func everyFlagHasWordsFromTheOneTable() {
    for flag in RiskFlag.allCases {
      let meaning = riskFlagMeanings[flag]
      #expect(meaning != nil, "no words for \(flag.rawValue)")
      #expect(meaning?.contains(flag.rawValue) == false)
    }
  }

  @Test func noBaselineMakesEveryProviderNewAndEqualSnapshotsMakeNoLines() {
    let current = [snapshot("b"), snapshot("a", flags: [.noMarketPrice])]
    #expect(
      runChanges(baseline: nil, current: current).map(\.description) == [
        "a: new provider (tier gold, score 70.0, grade low)", "b: new provider (tier gold, score 70.0, grade low)",
      ])
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
