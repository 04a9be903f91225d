import Domain
import Foundation
import GRDB
import Store
import Testing

@testable import Engine

/// A tiny dataset whose outcomes are easy to work out by hand: four bool criteria (one per
/// pillar), three providers without fleets, loans or contracts, so that
/// Cash(M) = cash − M × opex and every provider has `no_uptime_data` (no uptime rows).
///
/// - alpha: every criterion true → 100 → platinum; cash 1000, no opex → grade low.
/// - beta: software false → pillars 100/100/100/0, overall 75, a pillar < 50 → silver; low.
/// - gamma: no assessment → coverage 0 → unrated; low.
enum TinyData {
  static let rubric = """
    criterion_id,pillar,title,kind,weight
    net_ok,networking,Network OK,bool,1
    rel_ok,reliability,Reliability OK,bool,1
    sec_ok,security,Security OK,bool,1
    sw_ok,software,Software OK,bool,1

    """

  static let providers = """
    provider_id,name,segment,country,cash_usd,fixed_opex_usd_per_month,as_of,min_liquidity_usd
    alpha,Alpha Cloud,neocloud,US,1000,0,2026-10-31,
    beta,Beta GPU,neocloud,DE,5000.5,10,2026-10-31,
    gamma,Gamma Compute,marketplace,SG,2000,0,2026-10-31,

    """

  static let assessments = """
    provider_id,criterion_id,value,evidence,assessed_on
    alpha,net_ok,true,,2026-01-15
    alpha,rel_ok,true,,2026-01-15
    alpha,sec_ok,true,,2026-01-15
    alpha,sw_ok,true,,2026-01-15
    beta,net_ok,true,,2026-01-15
    beta,rel_ok,true,,2026-01-15
    beta,sec_ok,true,,2026-01-15
    beta,sw_ok,false,no Slurm,2026-01-15

    """

  /// The canonical text of §7 for this dataset, written out by hand: providers, then (no
  /// facilities, fleets, loans, contracts or uptime) assessments, then the rubric (source
  /// written as `assessment`), no market prices.
  static let canonicalText =
    "alpha\u{1F}Alpha Cloud\u{1F}neocloud\u{1F}US\u{1F}1000\u{1F}0\u{1F}2026-10-31\u{1F}\n"
    + "beta\u{1F}Beta GPU\u{1F}neocloud\u{1F}DE\u{1F}5000.5\u{1F}10\u{1F}2026-10-31\u{1F}\n"
    + "gamma\u{1F}Gamma Compute\u{1F}marketplace\u{1F}SG\u{1F}2000\u{1F}0\u{1F}2026-10-31\u{1F}\n"
    + "alpha\u{1F}net_ok\u{1F}true\u{1F}\u{1F}2026-01-15\n"
    + "alpha\u{1F}rel_ok\u{1F}true\u{1F}\u{1F}2026-01-15\n"
    + "alpha\u{1F}sec_ok\u{1F}true\u{1F}\u{1F}2026-01-15\n"
    + "alpha\u{1F}sw_ok\u{1F}true\u{1F}\u{1F}2026-01-15\n"
    + "beta\u{1F}net_ok\u{1F}true\u{1F}\u{1F}2026-01-15\n"
    + "beta\u{1F}rel_ok\u{1F}true\u{1F}\u{1F}2026-01-15\n"
    + "beta\u{1F}sec_ok\u{1F}true\u{1F}\u{1F}2026-01-15\n"
    + "beta\u{1F}sw_ok\u{1F}false\u{1F}no Slurm\u{1F}2026-01-15\n"
    + "net_ok\u{1F}networking\u{1F}Network OK\u{1F}bool\u{1F}1\u{1F}\u{1F}\u{1F}\u{1F}assessment\n"
    + "rel_ok\u{1F}reliability\u{1F}Reliability OK\u{1F}bool\u{1F}1\u{1F}\u{1F}\u{1F}\u{1F}assessment\n"
    + "sec_ok\u{1F}security\u{1F}Security OK\u{1F}bool\u{1F}1\u{1F}\u{1F}\u{1F}\u{1F}assessment\n"
    + "sw_ok\u{1F}software\u{1F}Software OK\u{1F}bool\u{1F}1\u{1F}\u{1F}\u{1F}\u{1F}assessment\n"

  /// A sandbox with an initialized database and the three CSVs in `drop/` (not yet imported).
  static func sandbox() throws -> Sandbox {
    let box = try Sandbox()
    let initialized = box.run(["init"])
    guard initialized.code == 0 else { throw FixtureError(message: initialized.stderr) }
    try FileManager.default.createDirectory(atPath: box.path("drop"), withIntermediateDirectories: true)
    try box.write("drop/rubric.csv", rubric)
    try box.write("drop/providers.csv", providers)
    try box.write("drop/assessments.csv", assessments)
    return box
  }

  /// A fresh directory `name/` in the sandbox holding the given files.
  static func directory(_ box: Sandbox, _ name: String, _ files: [String: String]) throws -> String {
    try FileManager.default.createDirectory(atPath: box.path(name), withIntermediateDirectories: true)
    for (file, text) in files { try box.write(name + "/" + file, text) }
    return box.path(name)
  }
}

/// The stored runs, oldest first.
func storedRuns(_ box: Sandbox) throws -> [RunRecord] {
  try Store.open(path: box.db).runs()
}

@Suite struct RecomputeTests {
  @Test func firstRunListsEveryProviderAsNewThenUnchangedDataPrintsNothing() throws {
    let box = try TinyData.sandbox()
    let first = box.run(["recompute", "--import", box.path("drop")])
    #expect(first.code == 0)
    #expect(first.stdout == "new alpha\nnew beta\nnew gamma\n")

    let second = box.run(["recompute"])
    #expect(second.code == 0)
    #expect(second.stdout == "")
    // The sandbox clock is fixed, so the whole line is known, duration included.
    #expect(second.stderr == "2026-11-23T12:00:00Z recompute run=2 exit=0 duration=0.00s providers=3 changes=0\n")

    let runs = try storedRuns(box)
    #expect(runs.map(\.runID) == [1, 2])
    #expect(runs.map(\.changed) == [true, false])
    #expect(runs.map(\.asOf) == ["2026-11-23", "2026-11-23"])  // today (UTC) from the clock
    #expect(runs[0].inputFingerprint == runs[1].inputFingerprint)
    #expect(runs[0].startedAt == "2026-11-23T12:00:00Z")
    #expect(runs[0].finishedAt == "2026-11-23T12:00:00Z")
  }

  @Test func snapshotsHoldTheScoreAndTheBaseCaseRisk() throws {
    let box = try TinyData.sandbox()
    #expect(box.run(["recompute", "--import", box.path("drop"), "--as-of", "2026-11-23"]).code == 0)
    let store = try Store.open(path: box.db)
    let run = try #require(try store.latestRun())
    let snapshots = try store.snapshots(runID: run.runID)
    #expect(snapshots.map(\.providerID) == ["alpha", "beta", "gamma"])
    #expect(snapshots.map(\.tier) == [.platinum, .silver, .unrated])
    #expect(snapshots.map(\.score) == [100, 75, 0])
    #expect(snapshots.map(\.coveragePct) == [100, 100, 0])
    #expect(snapshots.map(\.grade) == [.low, .low, .low])
    #expect(snapshots.map(\.flags) == [[.noUptimeData], [.noUptimeData], [.noUptimeData]])
    #expect(snapshots[1].pillars == ["networking": 100, "reliability": 100, "security": 100, "software": 0])
    // The JSON columns as stored: GRDB encodes them with sorted keys.
    let stored = try DatabaseQueue(path: box.db).read { db in
      try Row.fetchOne(
        db, sql: "SELECT pillars, flags FROM snapshots WHERE run_id = ? AND provider_id = 'beta'",
        arguments: [run.runID])
    }
    #expect(stored?["pillars"] == #"{"networking":100,"reliability":100,"security":100,"software":0}"#)
    #expect(stored?["flags"] == #"["no_uptime_data"]"#)
    #expect(snapshots.allSatisfy { $0.dscr12m == nil && $0.runwayMonths == nil && $0.cashOutMonth == nil })
    #expect(run.rubricVersion.count == 12)
    #expect(
      run.assumptionsJSON
        == #"{"horizon_months":36,"hours_per_month":730,"price_decay_pct":20,"price_shock_pct":0,"rate_shock_bp":0,"utilization_pct":null}"#
    )
  }

  @Test func changedDataPrintsExactlyTheChangeLines() throws {
    let box = try TinyData.sandbox()
    #expect(box.run(["recompute", "--import", box.path("drop")]).code == 0)

    // alpha: opex 100/month from cash 1000 → Cash(M1) = 900 < the new 950 minimum, and cash is
    // negative from M11 (1000 − 1100) → critical. beta: software assessed true later → every
    // pillar 100 → platinum; an uptime row in the window clears no_uptime_data. delta arrives
    // (unrated, no assessments); gamma is removed from the database.
    let changes = try TinyData.directory(
      box, "drop2",
      [
        "providers.csv": """
        provider_id,name,segment,country,cash_usd,fixed_opex_usd_per_month,as_of,min_liquidity_usd
        alpha,Alpha Cloud,neocloud,US,1000,100,2026-10-31,950
        delta,Delta AI,neocloud,FR,300,0,2026-10-31,

        """,
        "assessments.csv": """
        provider_id,criterion_id,value,evidence,assessed_on
        beta,sw_ok,true,Slurm now offered,2026-11-02

        """,
        "uptime.csv": """
        provider_id,month,uptime_pct,incidents,failures_per_1k_gpu_months,mttr_hours
        beta,2026-10,99.95,1,0.4,2.5

        """,
      ])
    let store = try Store.open(path: box.db)
    try store.queue.write { try $0.execute(sql: "DELETE FROM providers WHERE provider_id = 'gamma'") }

    let result = box.run(["recompute", "--import", changes])
    #expect(result.code == 0)
    #expect(
      result.stdout == """
        grade alpha low -> critical
        flag+ alpha min_liquidity_breach
        tier beta silver -> platinum
        flag- beta no_uptime_data
        new delta
        gone gamma

        """)
    let lines = result.stderr.split(separator: "\n")
    #expect(lines.count == 2)  // the import summary, then the log line
    #expect(lines.last == "2026-11-23T12:00:00Z recompute run=2 exit=0 duration=0.00s providers=3 changes=6")
    let runs = try storedRuns(box)
    #expect(runs.map(\.changed) == [true, true])
    #expect(runs[0].inputFingerprint != runs[1].inputFingerprint)
    #expect(runs[0].rubricVersion == runs[1].rubricVersion)

    let snapshot = try #require(try store.snapshots(runID: 2).first { $0.providerID == "alpha" })
    #expect(snapshot.runwayMonths == 11)
    #expect(snapshot.cashOutMonth == "2027-10")

    // The same data again: nothing to say.
    let again = box.run(["recompute"])
    #expect(again.stdout == "")
    #expect(try storedRuns(box).last?.changed == false)
  }

  @Test func storedFingerprintIsTheCanonicalTextsHash() throws {
    let box = try TinyData.sandbox()
    #expect(box.run(["recompute", "--import", box.path("drop")]).code == 0)
    let store = try Store.open(path: box.db)
    let dataset = try store.loadDataset()
    #expect(inputCanonicalText(dataset) == TinyData.canonicalText)
    let expected = String(sha256Hex(Array(TinyData.canonicalText.utf8)).prefix(12))
    #expect(try store.latestRun()?.inputFingerprint == expected)
    // Worked out independently (Python hashlib over the same text).
    #expect(expected == "ead5e442e978")
  }

  @Test func failOnExitsThreeAtOrAboveTheGradeAfterStoringTheRun() throws {
    let box = try TinyData.sandbox()
    let calm = box.run(["recompute", "--import", box.path("drop"), "--fail-on", "high"])
    #expect(calm.code == 0)

    // alpha: opex 50/month from 1000 → negative from M21 (1000 − 1050): within the horizon but
    // after M12 → high.
    let high = try TinyData.directory(
      box, "high",
      [
        "providers.csv": """
        provider_id,name,segment,country,cash_usd,fixed_opex_usd_per_month,as_of,min_liquidity_usd
        alpha,Alpha Cloud,neocloud,US,1000,50,2026-10-31,

        """
      ])
    let critical = box.run(["recompute", "--import", high, "--fail-on", "critical"])
    #expect(critical.code == 0)
    #expect(critical.stdout == "grade alpha low -> high\n")

    let failing = box.run(["recompute", "--fail-on", "high"])
    #expect(failing.code == 3)
    #expect(failing.stdout == "")
    #expect(
      failing.stderr == """
        neocloud: 1 provider is graded high or worse (alpha): see `neocloud risk`.
        2026-11-23T12:00:00Z recompute run=3 exit=3 duration=0.00s providers=3 changes=0

        """)
    #expect(try storedRuns(box).count == 3)  // stored before exiting 3
  }

  @Test func aBadImportExits65AndStoresNoRun() throws {
    let box = try TinyData.sandbox()
    #expect(box.run(["recompute", "--import", box.path("drop")]).code == 0)
    let bad = try TinyData.directory(
      box, "bad",
      [
        "providers.csv": """
        provider_id,name,segment,country,cash_usd,fixed_opex_usd_per_month,as_of,min_liquidity_usd
        alpha,Alpha Cloud,neocloud,US,lots,0,2026-10-31,

        """
      ])
    let result = box.run(["recompute", "--import", bad])
    #expect(result.code == 65)
    #expect(result.stdout == "")
    #expect(result.stderr.contains("providers.csv:2:cash_usd"))
    #expect(result.stderr.hasSuffix("recompute run=none exit=65 duration=0.00s\n"))
    #expect(try storedRuns(box).count == 1)
  }

  @Test func aMissingImportDirectoryExits66AndStoresNoRun() throws {
    let box = try TinyData.sandbox()
    let result = box.run(["recompute", "--import", box.path("nowhere")])
    #expect(result.code == 66)
    #expect(try storedRuns(box).isEmpty)
  }

  @Test func theLockHeldElsewhereExits75NamingTheHolder() throws {
    let box = try TinyData.sandbox()
    let lock = try DatabaseLock.acquire(databasePath: box.db, now: { Date(timeIntervalSince1970: 1_795_400_000) })
    defer { lock.release() }
    let result = box.run(["recompute", "--import", box.path("drop")])
    #expect(result.code == 75)
    #expect(result.stdout == "")
    #expect(
      result.stderr.hasPrefix(
        "neocloud: database '\(box.db)' is locked by another neocloud process (pid \(getpid()) since 2026-11-23T02:13:20Z)"
      ))
    #expect(result.stderr.hasSuffix("recompute run=none exit=75 duration=0.00s\n"))
    #expect(try storedRuns(box).isEmpty)
  }

  @Test func rankShowsTheChangeSinceTheLatestRun() throws {
    let box = try TinyData.sandbox()
    #expect(box.run(["recompute", "--import", box.path("drop")]).code == 0)
    let upgrade = try TinyData.directory(
      box, "up",
      [
        "assessments.csv": """
        provider_id,criterion_id,value,evidence,assessed_on
        beta,sw_ok,true,,2026-11-02

        """
      ])
    #expect(box.run(["import", upgrade]).code == 0)
    let rank = box.run(["rank", "--format", "tsv"])
    #expect(rank.code == 0)
    let rows = rank.stdout.split(separator: "\n").dropFirst().map {
      $0.split(separator: "\t", omittingEmptySubsequences: false)
    }
    // beta was silver at 75 in run 1 and is platinum at 100 now.
    let beta = try #require(rows.first { $0[1] == "beta" })
    #expect(beta.last == "silver -> platinum, +25.0")
    let alpha = try #require(rows.first { $0[1] == "alpha" })
    #expect(alpha.last == "0.0")
  }

  @Test(arguments: [
    (["recompute", "--fail-on", "elevated"], "high or critical"),
    (["recompute", "--as-of", "2026-02-30"], "YYYY-MM-DD"),
    (["recompute", "--wait", "-1"], "--wait"),
    (["recompute", "--wait", "nan"], "--wait"),
  ])
  func badFlagsExit64(arguments: [String], hint: String) throws {
    let box = try TinyData.sandbox()
    let result = box.run(arguments)
    #expect(result.code == 64)
    #expect(result.stderr.contains(hint))
    #expect(try storedRuns(box).isEmpty)
  }

  @Test func missingDatabaseExits66WithoutALockFile() throws {
    let box = try Sandbox()
    let result = box.run(["recompute"])
    #expect(result.code == 66)
    #expect(!FileManager.default.fileExists(atPath: box.db + ".lock"))
  }
}

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

@Suite struct FingerprintTests {
  func day(_ text: String) throws -> Day { try #require(Day(text)) }
  func month(_ text: String) throws -> Month { try #require(Month(text)) }

  /// Every table, rows handed over out of key order, optional fields both given and missing,
  /// numbers that need care (1e16, 1e-7, 1.0, 0.07 dollars).
  func dataset() throws -> Dataset {
    let one = ProviderBook(
      provider: Provider(
        id: "p1", name: "One", segment: .neocloud, country: "US", cash: Money(cents: 4_500_050),
        fixedOpexPerMonth: Money(cents: 7), asOf: try day("2026-10-31"), minLiquidity: Money(cents: 100_000)),
      facilities: [
        Facility(
          id: "fac-b", providerID: "p1", name: "B", region: "us-east", itCapacityMW: 1e16, pue: 1.0,
          powerUSDPerKWh: 0.000_000_1, colocationUSDPerKWMonth: 12.75, ownership: .colo)
      ],
      fleets: [
        Fleet(
          id: "f-2", providerID: "p1", facilityID: "fac-b", gpuModel: "H100", gpuCount: 16,
          inServiceOn: try day("2025-01-01"), capex: Money(cents: 123_456_789), gpuPowerKW: 1.1,
          utilizationPct: 62.5, interconnect: .infiniband, fabricGbpsPerGPU: 400)
      ],
      loans: [
        Loan(
          id: "l1", providerID: "p1", lender: "Bank, N.A.", principal: Money(cents: 100_000),
          balance: Money(cents: 50), annualRatePct: 9.75, rateType: .fixed, amortization: .annuity,
          paymentsPerYear: 12, startOn: try day("2025-01-01"), maturityOn: try day("2030-01-01"),
          collateralFleetID: "f-2", minDSCR: 1.3)
      ],
      contracts: [
        Contract(
          id: "c1", providerID: "p1", customer: "Acme", gpuModel: "H100", gpuCount: 8, priceUSDPerGPUHour: 2.1,
          startOn: try day("2026-01-01"), endOn: try day("2027-12-31"))
      ],
      uptime: [
        UptimeMonth(
          providerID: "p1", month: try month("2026-10"), uptimePct: 99.9, incidents: 0,
          failuresPer1kGPUMonths: 0, mttrHours: 0)
      ],
      assessments: [
        Assessment(providerID: "p1", criterionID: "sw", value: "true", assessedOn: try day("2026-01-01")),
        Assessment(
          providerID: "p1", criterionID: "net", value: "3", evidence: "see https://x.example/y",
          assessedOn: try day("2026-02-01")),
      ])
    let two = ProviderBook(
      provider: Provider(
        id: "p2", name: "Two", segment: .other, country: "GB", cash: .zero, fixedOpexPerMonth: Money(cents: 100),
        asOf: try day("2026-09-30")),
      facilities: [
        Facility(
          id: "fac-a", providerID: "p2", name: "A", region: "eu-west", itCapacityMW: 12.5, pue: 1.2,
          powerUSDPerKWh: 0.1, colocationUSDPerKWMonth: 0, ownership: .owned)
      ],
      fleets: [
        Fleet(
          id: "f-1", providerID: "p2", facilityID: "fac-a", gpuModel: "A100", gpuCount: 8,
          inServiceOn: try day("2024-06-01"), capex: .zero, usefulLifeYears: 5, gpuPowerKW: 0.7,
          utilizationPct: 0, interconnect: .ethernet, fabricGbpsPerGPU: 100)
      ],
      uptime: [
        UptimeMonth(
          providerID: "p2", month: try month("2026-10"), uptimePct: 98.5, incidents: 1,
          failuresPer1kGPUMonths: 0.5, mttrHours: 4),
        UptimeMonth(
          providerID: "p2", month: try month("2026-09"), uptimePct: 100, incidents: 2,
          failuresPer1kGPUMonths: 1.25, mttrHours: 3),
      ])
    let rubric = [
      Criterion(
        id: "up", pillar: "reliability", title: "Uptime", kind: .numeric, weight: 1, fullAt: 99.9, zeroAt: 99,
        requiredFor: .gold, source: .uptime12m),
      Criterion(id: "sw", pillar: "software", title: "Slurm", kind: .bool, weight: 1),
      Criterion(id: "net", pillar: "networking", title: "Fabric", kind: .level, weight: 2.5),
    ]
    let prices = [
      MarketPrice(gpuModel: "H100", observedOn: try day("2026-11-01"), priceUSDPerGPUHour: 2.1, source: "broker"),
      MarketPrice(gpuModel: "A100", observedOn: try day("2026-10-01"), priceUSDPerGPUHour: 1.05),
    ]
    return Dataset(books: [two, one], rubric: rubric, marketPrices: prices)
  }

  @Test func canonicalTextIsEveryTableInDesignOrderRowsByKey() throws {
    let expected = [
      // providers
      "p1|One|neocloud|US|45000.5|0.07|2026-10-31|1000",
      "p2|Two|other|GB|0|1|2026-09-30|",
      // facilities
      "fac-a|p2|A|eu-west|12.5|1.2|0.1|0|owned",
      "fac-b|p1|B|us-east|10000000000000000|1|0.0000001|12.75|colo",
      // fleets (useful_life_years missing on f-2)
      "f-1|p2|fac-a|A100|8|2024-06-01|0|5|0.7|0|ethernet|100",
      "f-2|p1|fac-b|H100|16|2025-01-01|1234567.89||1.1|62.5|infiniband|400",
      // loans
      "l1|p1|Bank, N.A.|1000|0.5|9.75|fixed|annuity|12|2025-01-01|2030-01-01|f-2|1.3",
      // contracts (no SLA fields)
      "c1|p1|Acme|H100|8|2.1|2026-01-01|2027-12-31||",
      // uptime (source, schema 0004, not given)
      "p1|2026-10|99.9|0|0|0|",
      "p2|2026-09|100|2|1.25|3|",
      "p2|2026-10|98.5|1|0.5|4|",
      // assessments
      "p1|net|3|see https://x.example/y|2026-02-01",
      "p1|sw|true||2026-01-01",
      // rubric (source written as assessment when not given)
      "net|networking|Fabric|level|2.5||||assessment",
      "sw|software|Slurm|bool|1||||assessment",
      "up|reliability|Uptime|numeric|1|99.9|99|gold|uptime_12m",
      // market prices
      "A100|2026-10-01|1.05|",
      "H100|2026-11-01|2.1|broker",
    ].map { $0.replacingOccurrences(of: "|", with: "\u{1F}") + "\n" }.joined()
    let dataset = try dataset()
    #expect(inputCanonicalText(dataset) == expected)
    #expect(inputFingerprint(dataset) == String(sha256Hex(Array(expected.utf8)).prefix(12)))
  }

  @Test func anyFieldChangeChangesTheFingerprintAndOrderDoesNot() throws {
    let original = try dataset()
    var reordered = original
    reordered.books.reverse()
    reordered.marketPrices.reverse()
    reordered.rubric.reverse()
    #expect(inputFingerprint(reordered) == inputFingerprint(original))

    var cash = original
    cash.books[1].provider.cash = Money(cents: 4_500_051)
    #expect(inputFingerprint(cash) != inputFingerprint(original))
    var life = original
    life.books[1].fleets[0].usefulLifeYears = 6  // the default, but now given
    #expect(inputFingerprint(life) != inputFingerprint(original))
  }

  @Test func largeTextsStreamInChunksToTheSameHash() throws {
    var dataset = try dataset()
    // About 200 KB of fleets: several 64 KiB chunks.
    let template = dataset.books[1].fleets[0]
    dataset.books[1].fleets = (0..<3000).map { index in
      var fleet = template
      fleet.id = "f-\(String(index, radix: 36))"
      return fleet
    }
    var chunks = 0
    writeInputCanonicalText(dataset) { _ in chunks += 1 }
    #expect(chunks > 2)
    let text = inputCanonicalText(dataset)
    #expect(inputFingerprint(dataset) == String(sha256Hex(Array(text.utf8)).prefix(12)))
  }

  @Test func fastPlainDecimalAgreesWithPlainDecimal() {
    var state: UInt64 = 0x9E37_79B9_7F4A_7C15
    func next() -> UInt64 {
      state &+= 0x9E37_79B9_7F4A_7C15
      var z = state
      z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
      z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
      return z ^ (z >> 31)
    }
    var values: [Double] = [
      0, -0.0, 1, -1, 0.1, 2.1, 1e-7, 1e16, 1e15, 123_456.789, .leastNonzeroMagnitude, .greatestFiniteMagnitude,
    ]
    for _ in 0..<20_000 {
      let bits = Double(bitPattern: next())
      if bits.isFinite { values.append(bits) }
      // Everyday magnitudes: up to 6 decimals.
      values.append(Double(Int64(bitPattern: next()) % 10_000_000_000) / 1_000_000)
    }
    for value in values {
      #expect(fastPlainDecimal(value) == plainDecimal(value), "\(value)")
    }
  }
}
