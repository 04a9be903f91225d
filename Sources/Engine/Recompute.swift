import Domain
import Finance
import Foundation
import Import
import Reports
import Scoring
import Store

/// One change between the baseline run and a new one (§5 `recompute`), worded for people.
///
/// Lines are sorted by provider_id (byte order), then by kind in the order of `Kind`
/// (tier, grade, flag added, flag removed, new, gone), then by flag name. Every line starts
/// with `ID: `, so a mail reader or `grep '^ID:'` finds one provider's lines.
package struct RunChange: Hashable, Sendable, CustomStringConvertible {
  package enum Kind: Int, CaseIterable, Comparable, Sendable {
    /// The credit model changed between the runs (CREDIT §C.4): printed first, once.
    case model = -1
    case tier = 0
    case grade, flagAdded, flagRemoved, new, gone

    package static func < (lhs: Kind, rhs: Kind) -> Bool { lhs.rawValue < rhs.rawValue }

    /// The words after `ID: `.
    package var word: String {
      switch self {
      case .model: "model"
      case .tier: "tier"
      case .grade: "grade"
      case .flagAdded: "flag added:"
      case .flagRemoved: "flag removed:"
      case .new: "new provider"
      case .gone: "gone"
      }
    }
  }

  package var kind: Kind
  package var providerID: String
  /// `tier`/`grade`: the baseline value; flags: the flag.
  package var detail: String?
  /// `tier`/`grade`: the new value.
  package var newValue: String?
  /// The figures or words in parentheses at the end of the line (nil: none).
  package var figures: String?

  package init(
    kind: Kind, providerID: String, detail: String? = nil, newValue: String? = nil, figures: String? = nil
  ) {
    self.kind = kind
    self.providerID = providerID
    self.detail = detail
    self.newValue = newValue
    self.figures = figures
  }

  /// `gale-metal: tier underperforming -> silver (score 65.7 -> 68.2)`,
  /// `driftwood-gpu: grade high -> elevated (DSCR 0.93 -> 1.21)`,
  /// `ionic-labs: flag added: covenant_breach (DSCR 1.21 below its 1.35 covenant)`,
  /// `ionic-labs: flag removed: covenant_breach (was: DSCR below its loans' covenant)`,
  /// `delta: new provider (tier unrated, grade low)`, `gamma: gone (was tier unrated, grade low)`.
  /// ASCII `->`, not an arrow: cron mails with the locale cron gives it (often none), where
  /// non-ASCII text arrives garbled, and `rank`'s Change column writes `->` too.
  package var description: String {
    if kind == .model {
      return "model \(detail ?? "") -> \(newValue ?? ""): grades follow the credit model v\(newValue ?? "")"
    }
    var line = "\(providerID): \(kind.word)"
    switch kind {
    case .tier, .grade: line += " \(detail ?? "") -> \(newValue ?? "")"
    case .flagAdded, .flagRemoved: line += " \(detail ?? "")"
    case .new, .gone, .model: break
    }
    if let figures { line += " (\(figures))" }
    return line
  }

  static func ordered(_ lhs: RunChange, _ rhs: RunChange) -> Bool {
    if lhs.providerID != rhs.providerID { return byteOrderLess(lhs.providerID, rhs.providerID) }
    if lhs.kind != rhs.kind { return lhs.kind < rhs.kind }
    return byteOrderLess(lhs.detail ?? "", rhs.detail ?? "")
  }
}

/// What a flag-added line can say beyond the snapshot: figures from the provider's current
/// book and base-case projection (nil fields are left out of the words).
package struct ChangeFacts: Sendable, Equatable {
  /// The highest min_dscr of the live loans (the covenant `covenant_breach` compares with).
  package var covenantDSCR: Double?
  /// The provider's min_liquidity_usd.
  package var minLiquidityUSD: Double?
  /// The largest customer's share of contract revenue over M1…M12, in percent.
  package var topCustomerSharePct: Double?

  package init(covenantDSCR: Double? = nil, minLiquidityUSD: Double? = nil, topCustomerSharePct: Double? = nil) {
    self.covenantDSCR = covenantDSCR
    self.minLiquidityUSD = minLiquidityUSD
    self.topCustomerSharePct = topCustomerSharePct
  }
}

/// The words for each risk flag in change lines: what it means, with its threshold (§4). One
/// table, the glossary's (``Glossary/flagTexts``), so every flag reads the same in every line
/// and in `glossary`; `flagWords(_:)` adds figures where the snapshot or `ChangeFacts` has them.
package var riskFlagMeanings: [RiskFlag: String] { Glossary.flagPhrases }

/// The words of a flag-added line: the meaning, with the provider's figures where known
/// (`DSCR 1.21 below its 1.35 covenant`).
package func flagWords(_ flag: RiskFlag, snapshot: SnapshotRecord?, facts: ChangeFacts?) -> String {
  let dscr = snapshot?.dscr12m.map { formatFixed($0, decimals: 2) }
  switch flag {
  case .covenantBreach:
    if let dscr, let covenant = facts?.covenantDSCR {
      return "DSCR \(dscr) below its \(formatFixed(covenant, decimals: 2)) covenant"
    }
  case .debtServiceExceedsCFADS:
    if let dscr { return "DSCR \(dscr) below 1: 12 months of cash flow do not cover debt service" }
  case .minLiquidityBreach:
    if let floor = facts?.minLiquidityUSD {
      return "cash falls below its \(formatMoney(floor)) USD minimum liquidity within 12 months"
    }
  case .customerConcentration:
    if let share = facts?.topCustomerSharePct {
      return "one customer earns \(formatPercent(share)) of contract revenue, over 50%"
    }
  default: break
  }
  return riskFlagMeanings[flag] ?? "see `neocloud risk`"
}

/// The change lines from `baseline` to `current` (both one snapshot per provider). With no
/// baseline (the first run ever) every provider is `new`. A provider that appears or leaves
/// gets only its `new`/`gone` line, not its flags. `facts` gives a provider's figures for the
/// flags it gains (asked only for those).
package func runChanges(
  baseline: [SnapshotRecord]?, current: [SnapshotRecord], facts: (String) -> ChangeFacts? = { _ in nil }
) -> [RunChange] {
  var previous: [String: SnapshotRecord] = [:]
  for snapshot in baseline ?? [] { previous[snapshot.providerID] = snapshot }
  var changes: [RunChange] = []
  var seen = Set<String>()
  for snapshot in current {
    let id = snapshot.providerID
    seen.insert(id)
    guard let before = previous[id] else {
      changes.append(RunChange(kind: .new, providerID: id, figures: standing(snapshot, score: true)))
      continue
    }
    if before.tier != snapshot.tier {
      changes.append(
        RunChange(
          kind: .tier, providerID: id, detail: before.tier.rawValue, newValue: snapshot.tier.rawValue,
          figures: movement("score", before.score, snapshot.score, decimals: 1)))
    }
    if before.grade != snapshot.grade {
      var parts: [String] = []
      if let dscr = movement("DSCR", before.dscr12m, snapshot.dscr12m, decimals: 2) { parts.append(dscr) }
      if before.cashOutMonth != snapshot.cashOutMonth {
        parts.append("cash out \(before.cashOutMonth ?? "none") -> \(snapshot.cashOutMonth ?? "none")")
      }
      changes.append(
        RunChange(
          kind: .grade, providerID: id, detail: before.grade.rawValue, newValue: snapshot.grade.rawValue,
          figures: parts.isEmpty ? nil : parts.joined(separator: "; ")))
    }
    let oldFlags = Set(before.flags)
    let newFlags = Set(snapshot.flags)
    let added = newFlags.subtracting(oldFlags)
    let providerFacts = added.isEmpty ? nil : facts(id)
    for flag in added {
      changes.append(
        RunChange(
          kind: .flagAdded, providerID: id, detail: flag.rawValue,
          figures: flagWords(flag, snapshot: snapshot, facts: providerFacts)))
    }
    for flag in oldFlags.subtracting(newFlags) {
      changes.append(
        RunChange(
          kind: .flagRemoved, providerID: id, detail: flag.rawValue,
          figures: "was: " + (riskFlagMeanings[flag] ?? flag.rawValue)))
    }
  }
  for (id, before) in previous where !seen.contains(id) {
    changes.append(RunChange(kind: .gone, providerID: id, figures: "was " + standing(before, score: false)))
  }
  return changes.sorted(by: RunChange.ordered)
}

/// `score 65.7 -> 68.2` (`none` for an undefined side, one figure when both read the same);
/// nil when both are undefined.
func movement(_ name: String, _ old: Double?, _ new: Double?, decimals: Int) -> String? {
  guard old != nil || new != nil else { return nil }
  let before = old.map { formatFixed($0, decimals: decimals) } ?? "none"
  let after = new.map { formatFixed($0, decimals: decimals) } ?? "none"
  return before == after ? "\(name) \(after)" : "\(name) \(before) -> \(after)"
}

/// `tier silver, score 75.0, grade low` (the score only when asked and defined).
func standing(_ snapshot: SnapshotRecord, score: Bool) -> String {
  var parts = ["tier \(snapshot.tier.rawValue)"]
  if score, let value = snapshot.score { parts.append("score \(formatFixed(value, decimals: 1))") }
  parts.append("grade \(snapshot.grade.rawValue)")
  return parts.joined(separator: ", ")
}

/// `neocloud recompute` (§5): under the database lock, optionally import a directory, then score
/// and project every provider as of a date in the base case, store a run and its snapshots in one
/// transaction, and report what changed since the latest completed run.
package enum RecomputeUseCase {
  package struct Request: Sendable, Equatable {
    /// `--db`; nil: `NEOCLOUD_DB`, else `./neocloud.sqlite`.
    package var database: String?
    /// Default: today (UTC) from the context's clock.
    package var asOf: Day?
    /// Import this directory's `*.csv` first, under the same lock.
    package var importDirectory: String?
    /// `--fail-on`: the run "fails" when a provider's grade is at or above this one.
    package var failOn: RiskGrade?
    /// How long to wait for the lock (0: fail at once).
    package var waitSeconds: Double
    /// `--log FILE`: the nightly mode of `RecomputeOutput` (every line to the log, a header
    /// before anything printed, nothing printed on a quiet night).
    package var logPath: String?

    package init(
      database: String? = nil, asOf: Day? = nil, importDirectory: String? = nil, failOn: RiskGrade? = nil,
      waitSeconds: Double = 0, logPath: String? = nil
    ) {
      self.database = database
      self.asOf = asOf
      self.importDirectory = importDirectory
      self.failOn = failOn
      self.waitSeconds = waitSeconds
      self.logPath = logPath
    }
  }

  /// What a run stored and found.
  package struct Recorded: Sendable {
    /// The stored run, with its id.
    package var run: RunRecord
    package var snapshots: [SnapshotRecord]
    /// Empty when nothing changed.
    package var changes: [RunChange]
    /// The import's one summary line, when `--import` was given.
    package var importSummary: String?
    /// Providers whose grade is at or above `--fail-on`, by provider_id (empty without it).
    package var failing: [String]
  }

  /// The recompute is always the base case: the nightly series must compare like with like.
  package static let assumptions = Assumptions.base

  /// The exit code of a run that met `--fail-on` (DESIGN §5).
  package static let failOnExitCode: Int32 = 3

  package struct Outcome: Sendable {
    /// The stored run; nil when the run failed before storing one.
    package var recorded: Recorded?
    /// 0, 3 when `--fail-on` is met, else the failure's code (65 bad import, 75 locked, …).
    package var exitCode: Int32
  }

  /// Runs the recompute and writes everything it says (see `RecomputeOutput`): the import's
  /// summary, the change lines (stdout), the `--fail-on` sentence or the error, and last the
  /// one log line; 74 when the change lines could not be written. Never throws: a failure is
  /// reported and carried in the exit code.
  package static func run(_ request: Request, context: Context) -> Outcome {
    let invoked = context.now()
    var output = RecomputeOutput(
      context: context, database: Databases.resolvePath(request.database, context: context),
      asOf: request.asOf ?? context.today())
    let recorded: Recorded
    do {
      try output.openLog(request.logPath.map { context.absolutePath($0) })
      recorded = try translatingErrors { try record(request, context: context) }
    } catch {
      // The sentence (and an import's diagnostics) is collected, to follow a mail's header.
      let buffer = BufferSink()
      var quiet = context
      quiet.stderr = buffer
      let failure = quiet.reportAny(error)
      output.message(buffer.text)
      let code = output.finish(runID: nil, code: failure) { code in
        logLine(
          startedAt: invoked, finishedAt: context.now(), runID: nil, exitCode: code, providers: nil, changes: nil)
      }
      return Outcome(recorded: nil, exitCode: code)
    }
    if let summary = recorded.importSummary { output.info(summary) }
    output.changes = recorded.changes.map { $0.description + "\n" }.joined()
    var code = recorded.failing.isEmpty ? 0 : failOnExitCode
    if code == failOnExitCode, let failOn = request.failOn {
      let count = recorded.failing.count
      var names = recorded.failing.prefix(10).joined(separator: ", ")
      if count > 10 { names += ", …" }
      output.message(
        "neocloud: \(count) provider\(count == 1 ? " is" : "s are") graded \(failOn.rawValue) or worse "
          + "(\(names)): see `neocloud risk`.")
    }
    code = output.finish(runID: recorded.run.runID, code: code) { code in
      logLine(
        startedAt: invoked, finishedAt: context.now(), runID: recorded.run.runID, exitCode: code,
        providers: recorded.snapshots.count, changes: recorded.changes.count)
    }
    return Outcome(recorded: recorded, exitCode: code)
  }

  /// Imports (with `--import`), scores, projects and stores one run under the lock.
  static func record(_ request: Request, context: Context) throws -> Recorded {
    let path = Databases.resolvePath(request.database, context: context)
    // Check before locking, so that a mistyped --db (or a directory, FIFO or device, or
    // read-only media) leaves no stray `.lock` file behind.
    _ = try Store.checkPath(path, mayBeMissing: false, forWriting: true)
    let lock = try DatabaseLock.acquire(
      databasePath: path, waitSeconds: request.waitSeconds, now: context.now)
    defer { lock.release() }
    let startedAt = context.now()
    let store = try Databases.openForWriting(path: path, waitSeconds: request.waitSeconds)

    var importSummary: String?
    if let directory = request.importDirectory {
      importSummary = try importDirectory(context.typedPath(directory), into: store)
    }

    let asOf = request.asOf ?? context.today()
    // Only the latest price per model at as-of: the fingerprint streams the history itself.
    let dataset = try store.loadDataset(prices: .latest(onOrBefore: asOf))
    let analysis = Analysis(dataset: dataset, asOf: asOf, freshness: try context.freshness())
    let (snapshots, hashed) = evaluate(analysis, fingerprintOf: store)
    let fingerprint = try hashed?.get() ?? ""
    let newRun = RunRecord(
      startedAt: isoTimestamp(startedAt), finishedAt: "", asOf: asOf.description,
      rubricVersion: analysis.rubric.version, inputFingerprint: fingerprint,
      assumptionsJSON: assumptionsJSON(assumptions).render(pretty: false), changed: false,
      modelVersion: creditModelVersion)

    // The baseline is read and the run written in one transaction, so two runs never share one.
    let books = Dictionary(
      analysis.dataset.books.map { ($0.provider.id, $0) }, uniquingKeysWith: { first, _ in first })
    var changes: [RunChange] = []
    let (run, _) = try store.recordRun(
      newRun, snapshots: snapshots, finishedAt: { isoTimestamp(context.now()) },
      changeLines: { baselineRun, baseline in
        changes = runChanges(
          baseline: baseline, current: snapshots, facts: { changeFacts(books[$0], analysis: analysis) })
        // A methodology change is never mistaken for news: one line first (CREDIT §C.4).
        if let baselineRun, baselineRun.effectiveModelVersion != creditModelVersion {
          changes.insert(
            RunChange(
              kind: .model, providerID: "", detail: String(baselineRun.effectiveModelVersion),
              newValue: String(creditModelVersion)), at: 0)
        }
        return changes.map(\.description)
      })

    var failing: [String] = []
    if let failOn = request.failOn {
      failing = snapshots.filter { $0.grade <= failOn }.map(\.providerID)
    }
    return Recorded(
      run: run, snapshots: snapshots.map { withRunID($0, run.runID) }, changes: changes,
      importSummary: importSummary, failing: failing)
  }

  /// The figures a flag-added line quotes, from the provider's book and base-case projection
  /// (projected again: only providers that gain a flag are asked for).
  static func changeFacts(_ book: ProviderBook?, analysis: Analysis) -> ChangeFacts? {
    guard let book else { return nil }
    let risk = assessRisk(book, prices: analysis.prices, asOf: analysis.asOf, assumptions: assumptions)
    return ChangeFacts(
      covenantDSCR: risk.credit.covenantDSCR,
      minLiquidityUSD: book.provider.minLiquidity?.dollars, topCustomerSharePct: risk.topCustomerSharePct)
  }

  /// One snapshot per provider, by provider_id: the §3 score and the §4 base-case risk.
  package static func makeSnapshots(_ analysis: Analysis) -> [SnapshotRecord] {
    evaluate(analysis, fingerprintOf: nil).snapshots
  }

  /// Snapshots and the input fingerprint of `store` (none without one), spread over the cores:
  /// every provider is scored and projected independently (ranks are not stored, so no global
  /// step is needed), and hashing the inputs is one more job running beside them: the loaded
  /// dataset (every row of every table but the market prices' history, which it streams from
  /// the store), so the tables are not read a second time.
  static func evaluate(_ analysis: Analysis, fingerprintOf store: Store?) -> (
    snapshots: [SnapshotRecord], fingerprint: Result<String, any Error>?
  ) {
    let books = analysis.dataset.books
    let chunkCount = max(1, min(books.count, ProcessInfo.processInfo.activeProcessorCount * 4))
    let chunkSize = (books.count + chunkCount - 1) / max(1, chunkCount)
    let slots = Slots(count: books.count)
    let hash = ResultBox()
    // Job 0 hashes; jobs 1… each take a contiguous chunk of providers and write their own slots.
    DispatchQueue.concurrentPerform(iterations: chunkCount + 1) { job in
      if job == 0 {
        if let store {
          hash.value = Result { try inputFingerprint(analysis.dataset, priceHistoryFrom: store) }
        }
        return
      }
      let start = (job - 1) * chunkSize
      let end = min(books.count, start + chunkSize)
      guard start < end else { return }
      for index in start..<end {
        slots.buffer[index] = snapshot(books[index], analysis)
      }
    }
    let snapshots = slots.buffer.compactMap { $0 }.sorted { byteOrderLess($0.providerID, $1.providerID) }
    return (snapshots, hash.value)
  }

  /// One provider's snapshot.
  static func snapshot(_ book: ProviderBook, _ analysis: Analysis) -> SnapshotRecord {
    let score = scoreProvider(book, rubric: analysis.rubric, asOf: analysis.asOf, freshness: analysis.freshness)
    let risk = assessRisk(book, prices: analysis.prices, asOf: analysis.asOf, assumptions: assumptions)
    var pillars: [String: Double] = [:]
    for pillar in score.pillars { pillars[pillar.pillar] = roundedTo9(pillar.score) }
    return SnapshotRecord(
      providerID: score.providerID, name: score.name, tier: score.tier,
      score: roundedTo9(score.score), pillars: pillars,
      coveragePct: roundedTo9(score.coveragePct), grade: risk.grade,
      dscr12m: risk.dscr12m.map(roundedTo9),
      breakEvenUtilizationPct: risk.breakEvenUtilizationPct.map(roundedTo9),
      runwayMonths: risk.runwayMonths, cashOutMonth: risk.cashOutMonth?.description,
      flags: risk.flags.sorted())
  }

  /// `2026-11-23T02:15:00Z recompute run=12 exit=0 duration=1.84s providers=9 changes=3`; a run
  /// that stored nothing reads `run=none` and leaves out the counts.
  package static func logLine(
    startedAt: Date, finishedAt: Date, runID: Int64?, exitCode: Int32, providers: Int?, changes: Int?
  ) -> String {
    let duration = max(0, finishedAt.timeIntervalSince(startedAt))
    var line = "\(isoTimestamp(startedAt)) recompute run=\(runID.map(String.init) ?? "none") exit=\(exitCode)"
    line += " duration=" + String(format: "%.2f", duration) + "s"
    if let providers { line += " providers=\(providers)" }
    if let changes { line += " changes=\(changes)" }
    return line
  }

  /// Imports a directory in the import's own all-or-nothing transaction, under the caller's lock;
  /// returns the import's summary line. Bad data throws `ImportError` before any run is stored.
  static func importDirectory(_ path: String, into store: Store) throws -> String {
    try importFiles([path], into: store, options: ImportOptions()).line
  }

  private static func withRunID(_ snapshot: SnapshotRecord, _ runID: Int64) -> SnapshotRecord {
    var copy = snapshot
    copy.runID = runID
    return copy
  }
}

/// A result written by one job of a `concurrentPerform` and read after it returns.
private final class ResultBox: @unchecked Sendable {
  var value: Result<String, any Error>?
}

/// One slot per provider; each `concurrentPerform` job writes only its own slots.
private final class Slots: @unchecked Sendable {
  let buffer: UnsafeMutableBufferPointer<SnapshotRecord?>

  init(count: Int) {
    buffer = .allocate(capacity: count)
    buffer.initialize(repeating: nil)
  }

  deinit {
    _ = buffer.deinitialize()
    buffer.deallocate()
  }
}

/// ISO 8601 UTC to the second: `2026-11-23T02:15:00Z`.
package func isoTimestamp(_ date: Date) -> String {
  let formatter = ISO8601DateFormatter()
  formatter.formatOptions = [.withInternetDateTime]
  formatter.timeZone = TimeZone(identifier: "UTC")
  return formatter.string(from: date)
}

/// Parses what `isoTimestamp` writes.
package func parseISOTimestamp(_ text: String) -> Date? {
  let formatter = ISO8601DateFormatter()
  formatter.formatOptions = [.withInternetDateTime]
  return formatter.date(from: text)
}
