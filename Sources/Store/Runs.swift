import Domain
import Foundation
import GRDB

/// A completed `recompute`: one row of `runs`.
public struct RunRecord: Sendable, Equatable {
  public var runID: Int64
  public var startedAt: String
  public var finishedAt: String
  public var asOf: String
  public var rubricVersion: String
  public var inputFingerprint: String
  public var assumptionsJSON: String
  /// Whether the run printed change lines (tier, grade, flags, new or gone providers) against
  /// the run before it; the first run with any provider is changed.
  public var changed: Bool

  public init(
    runID: Int64 = 0, startedAt: String, finishedAt: String, asOf: String, rubricVersion: String,
    inputFingerprint: String, assumptionsJSON: String, changed: Bool
  ) {
    self.runID = runID
    self.startedAt = startedAt
    self.finishedAt = finishedAt
    self.asOf = asOf
    self.rubricVersion = rubricVersion
    self.inputFingerprint = inputFingerprint
    self.assumptionsJSON = assumptionsJSON
    self.changed = changed
  }
}

/// One provider's outcome in a run: one row of `snapshots`.
public struct SnapshotRecord: Sendable, Equatable {
  public var runID: Int64
  public var providerID: String
  public var name: String
  public var tier: String
  public var score: Double?
  public var pillarsJSON: String
  public var coveragePct: Double
  public var grade: String
  public var dscr12m: Double?
  public var breakEvenUtilizationPct: Double?
  public var runwayMonths: Int?
  public var cashOutMonth: String?
  public var flags: [String]

  public init(
    runID: Int64 = 0, providerID: String, name: String, tier: String, score: Double?,
    pillarsJSON: String, coveragePct: Double, grade: String, dscr12m: Double?,
    breakEvenUtilizationPct: Double?, runwayMonths: Int?, cashOutMonth: String?, flags: [String]
  ) {
    self.runID = runID
    self.providerID = providerID
    self.name = name
    self.tier = tier
    self.score = score
    self.pillarsJSON = pillarsJSON
    self.coveragePct = coveragePct
    self.grade = grade
    self.dscr12m = dscr12m
    self.breakEvenUtilizationPct = breakEvenUtilizationPct
    self.runwayMonths = runwayMonths
    self.cashOutMonth = cashOutMonth
    self.flags = flags
  }
}

extension Store {
  /// The latest completed run (the baseline for change lines and rank's change column).
  public func latestRun() throws -> RunRecord? {
    try queue.read { db in try Store.latestRun(db: db) }
  }

  /// The same inside a transaction the caller holds (recompute reads its baseline and writes
  /// the new run in one transaction).
  public static func latestRun(db: GRDB.Database) throws -> RunRecord? {
    try Row.fetchOne(db, sql: "SELECT * FROM runs ORDER BY run_id DESC LIMIT 1").map(RunRecord.init(row:))
  }

  /// Runs, oldest first (the last `limit` when given).
  public func runs(limit: Int? = nil) throws -> [RunRecord] {
    try queue.read { db in
      let rows: [Row]
      if let limit {
        rows = try Row.fetchAll(
          db, sql: "SELECT * FROM (SELECT * FROM runs ORDER BY run_id DESC LIMIT ?) ORDER BY run_id",
          arguments: [limit])
      } else {
        rows = try Row.fetchAll(db, sql: "SELECT * FROM runs ORDER BY run_id")
      }
      return rows.map(RunRecord.init(row:))
    }
  }

  /// The snapshots of one run, by provider_id.
  public func snapshots(runID: Int64) throws -> [SnapshotRecord] {
    try queue.read { db in try Store.snapshots(runID: runID, db: db) }
  }

  /// The same inside a transaction the caller holds.
  public static func snapshots(runID: Int64, db: GRDB.Database) throws -> [SnapshotRecord] {
    try Row.fetchAll(
      db, sql: "SELECT * FROM snapshots WHERE run_id = ? ORDER BY provider_id", arguments: [runID]
    ).map(SnapshotRecord.init(row:))
  }

  /// Every provider id ever stored in a snapshot, by provider_id (for "did you mean" hints
  /// about providers that have left the database).
  public func snapshotProviderIDs() throws -> [String] {
    try queue.read { db in
      try String.fetchAll(db, sql: "SELECT DISTINCT provider_id FROM snapshots ORDER BY provider_id")
    }
  }

  /// Every provider id in the providers table, by provider_id.
  public func providerIDs() throws -> [String] {
    try queue.read { db in
      try String.fetchAll(db, sql: "SELECT provider_id FROM providers ORDER BY provider_id")
    }
  }

  /// One provider's snapshots across runs, oldest first, with each run's as-of date.
  public func providerHistory(_ providerID: String) throws -> [(run: RunRecord, snapshot: SnapshotRecord)] {
    try queue.read { db in
      try Row.fetchAll(
        db,
        sql: """
          SELECT r.*, s.provider_id, s.name, s.tier, s.score, s.pillars, s.coverage_pct, s.grade,
                 s.dscr_12m, s.break_even_utilization_pct, s.runway_months, s.cash_out_month, s.flags
          FROM snapshots s JOIN runs r ON r.run_id = s.run_id
          WHERE s.provider_id = ? ORDER BY r.run_id
          """, arguments: [providerID]
      ).map { (RunRecord(row: $0), SnapshotRecord(row: $0)) }
    }
  }

  /// Stores a run and its snapshots in one transaction; returns the run id.
  public func insertRun(_ run: RunRecord, snapshots: [SnapshotRecord]) throws -> Int64 {
    try queue.write { db in try Store.insertRun(run, snapshots: snapshots, db: db) }
  }

  /// The same inside a transaction the caller holds (recompute after an import).
  public static func insertRun(_ run: RunRecord, snapshots: [SnapshotRecord], db: GRDB.Database) throws
    -> Int64
  {
    try db.execute(
      sql: """
        INSERT INTO runs (started_at, finished_at, as_of, rubric_version, input_fingerprint,
                          assumptions, changed)
        VALUES (?, ?, ?, ?, ?, ?, ?)
        """,
      arguments: [
        run.startedAt, run.finishedAt, run.asOf, run.rubricVersion, run.inputFingerprint,
        run.assumptionsJSON, run.changed ? 1 : 0,
      ])
    let runID = db.lastInsertedRowID
    let statement = try db.makeStatement(
      sql: """
        INSERT INTO snapshots (run_id, provider_id, name, tier, score, pillars, coverage_pct, grade,
                               dscr_12m, break_even_utilization_pct, runway_months, cash_out_month, flags)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        """)
    for snapshot in snapshots {
      try statement.execute(arguments: [
        runID, snapshot.providerID, snapshot.name, snapshot.tier, snapshot.score, snapshot.pillarsJSON,
        snapshot.coveragePct, snapshot.grade, snapshot.dscr12m, snapshot.breakEvenUtilizationPct,
        snapshot.runwayMonths, snapshot.cashOutMonth, encodeFlags(snapshot.flags),
      ])
    }
    return runID
  }
}

extension RunRecord {
  init(row: Row) {
    self.init(
      runID: row["run_id"], startedAt: row["started_at"], finishedAt: row["finished_at"],
      asOf: row["as_of"], rubricVersion: row["rubric_version"],
      inputFingerprint: row["input_fingerprint"], assumptionsJSON: row["assumptions"],
      changed: (row["changed"] as Int64? ?? 0) != 0)
  }
}

extension SnapshotRecord {
  init(row: Row) {
    self.init(
      runID: row["run_id"], providerID: row["provider_id"], name: row["name"], tier: row["tier"],
      score: row["score"], pillarsJSON: row["pillars"], coveragePct: row["coverage_pct"],
      grade: row["grade"], dscr12m: row["dscr_12m"],
      breakEvenUtilizationPct: row["break_even_utilization_pct"], runwayMonths: row["runway_months"],
      cashOutMonth: row["cash_out_month"], flags: decodeFlags(row["flags"]))
  }
}

/// Flags are stored as a JSON array of snake_case names (no quotes or escapes needed in them).
func encodeFlags(_ flags: [String]) -> String {
  "[" + flags.map { "\"\($0)\"" }.joined(separator: ",") + "]"
}

func decodeFlags(_ text: String?) -> [String] {
  guard let text, let data = text.data(using: .utf8),
    let array = try? JSONSerialization.jsonObject(with: data) as? [String]
  else { return [] }
  return array
}
