import Domain
import Foundation
import GRDB
import Testing

@testable import Engine
@testable import Store

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
    "alpha\u{1F}Alpha Cloud\u{1F}neocloud\u{1F}US\u{1F}1000\u{1F}0\u{1F}2026-10-31\u{1F}\u{1F}\n"
    + "beta\u{1F}Beta GPU\u{1F}neocloud\u{1F}DE\u{1F}5000.5\u{1F}10\u{1F}2026-10-31\u{1F}\u{1F}\n"
    + "gamma\u{1F}Gamma Compute\u{1F}marketplace\u{1F}SG\u{1F}2000\u{1F}0\u{1F}2026-10-31\u{1F}\u{1F}\n"
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

/// What the first recompute over TinyData prints: every provider is new.
let tinyFirstRunLines = """
  alpha: new provider (tier platinum, score 100.0, grade low)
  beta: new provider (tier silver, score 75.0, grade low)
  gamma: new provider (tier unrated, score 0.0, grade low)

  """

/// The stored runs, oldest first.
func storedRuns(_ box: Sandbox) throws -> [RunRecord] {
  try Store.open(path: box.db).runs()
}

@Suite struct RecomputeTests {
  @Test func firstRunListsEveryProviderAsNewThenUnchangedDataPrintsNothing() throws {
    let box = try TinyData.sandbox()
    let first = box.run(["recompute", "--import", box.path("drop")])
    #expect(first.code == 0)
    #expect(first.stdout == tinyFirstRunLines)

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
    // No debt: every provider holds net cash (CREDIT §C.4).
    #expect(
      snapshots.map(\.flags) == [
        [.netCash, .noUptimeData], [.netCash, .noUptimeData], [.netCash, .noUptimeData],
      ])
    #expect(snapshots[1].pillars == ["networking": 100, "reliability": 100, "security": 100, "software": 0])
    // The JSON columns as stored: GRDB encodes them with sorted keys.
    let stored = try DatabaseQueue(path: box.db).read { db in
      try Row.fetchOne(
        db, sql: "SELECT pillars, flags FROM snapshots WHERE run_id = ? AND provider_id = 'beta'",
        arguments: [run.runID])
    }
    #expect(stored?["pillars"] == #"{"networking":100,"reliability":100,"security":100,"software":0}"#)
    #expect(stored?["flags"] == #"["net_cash","no_uptime_data"]"#)
    #expect(snapshots.allSatisfy { $0.dscr12m == nil && $0.runwayMonths == nil && $0.cashOutMonth == nil })
    #expect(run.rubricVersion.count == 12)
    #expect(
      run.assumptionsJSON
        == #"{"collateral_margin_pct":35,"customer_default":[],"default_from":null,"horizon_months":36,"hours_per_month":730,"#
        + #""price_decay_pct":20,"price_shock_pct":0,"rate_shock_bp":0,"relet_delay_months":6,"relet_haircut_pct":20,"#
        + #""relet_utilization_pct":50,"top_customer_default":null,"utilization_pct":null}"#
    )
  }

  @Test func changedDataPrintsExactlyTheChangeLines() throws {
    let box = try TinyData.sandbox()
    #expect(box.run(["recompute", "--import", box.path("drop")]).code == 0)

    // alpha: opex 100/month from cash 1000 → Cash(M1) = 900 < the new 950 minimum, and cash is
    // negative from M11 (1000 − 1100) → critical, and a net-cash provider burning cash (CREDIT
    // §C.4). beta: software assessed true later → every
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
        alpha: grade low -> critical (cash out none -> 2027-10)
        alpha: flag added: burning_cash (net cash, but burning it fast enough to run out within 24 months after the horizon)
        alpha: flag added: min_liquidity_breach (cash falls below its 950.00 USD minimum liquidity within 12 months)
        beta: tier silver -> platinum (score 75.0 -> 100.0)
        beta: flag removed: no_uptime_data (was: no uptime data in the last 12 months)
        delta: new provider (tier unrated, score 0.0, grade low)
        gamma: gone (was tier unrated, grade low)

        """)
    let lines = result.stderr.split(separator: "\n")
    #expect(lines.count == 2)  // the import summary, then the log line
    #expect(lines.last == "2026-11-23T12:00:00Z recompute run=2 exit=0 duration=0.00s providers=3 changes=7")
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

  /// CREDIT §C.4: runs record the credit model; a run after one of another model says so first.
  @Test func modelChangeIsOneLineFirst() throws {
    let box = try TinyData.sandbox()
    #expect(box.run(["recompute", "--import", box.path("drop")]).code == 0)
    #expect(try storedRuns(box).map(\.modelVersion) == [3])
    // A run stored before schema 3 has no model version: it followed model 2.
    let store = try Store.open(path: box.db)
    try store.queue.write { try $0.execute(sql: "UPDATE runs SET model_version = NULL") }
    let next = box.run(["recompute"])
    #expect(next.code == 0)
    #expect(next.stdout == "model 2 -> 3: grades follow the credit model v3\n")
    #expect(try store.changeLines(runID: 2) == ["model 2 -> 3: grades follow the credit model v3"])
    #expect(try storedRuns(box).map(\.changed) == [true, true])
    #expect(box.run(["recompute"]).stdout == "")
  }

  @Test func storedFingerprintIsTheCanonicalTextsHash() throws {
    let box = try TinyData.sandbox()
    #expect(box.run(["recompute", "--import", box.path("drop")]).code == 0)
    let store = try Store.open(path: box.db)
    let dataset = try store.loadDataset(prices: .all)
    #expect(try inputCanonicalText(store, rubric: dataset.rubric) == TinyData.canonicalText)
    let expected = String(sha256Hex(Array(TinyData.canonicalText.utf8)).prefix(12))
    #expect(try store.latestRun()?.inputFingerprint == expected)
    // Worked out independently (Python hashlib over the same text).
    #expect(expected == "f983997ea175")
  }

  @Test func failOnExitsThreeAtOrAboveTheGradeAfterStoringTheRun() throws {
    let box = try TinyData.sandbox()
    let calm = box.run(["recompute", "--import", box.path("drop"), "--fail-on", "high"])
    #expect(calm.code == 0)

    // alpha: opex 50/month from 1000 → negative from M21 (1000 − 1050): within the horizon but
    // after M12 → high (and burning its net cash, CREDIT §C.4).
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
    #expect(
      critical.stdout == "alpha: grade low -> high (cash out none -> 2028-08)\n"
        + "alpha: flag added: burning_cash (net cash, but burning it fast enough to run out within 24 months after the horizon)\n"
    )

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
    (["recompute", "--fail-on", "low"], "elevated, high, critical"),
    (["recompute", "--fail-on", "hgh"], "did you mean 'high'?"),
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
