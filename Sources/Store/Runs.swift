import Domain
import Foundation
import GRDB

/// A completed `recompute`: one row of `runs`.
package struct RunRecord: Codable, FetchableRecord, PersistableRecord, Sendable, Equatable {
  package static let databaseTableName = "runs"

  /// 0 until the run is stored; then the id SQLite gave it.
  package var runID: Int64
  package var startedAt: String
  package var finishedAt: String
  package var asOf: String
  package var rubricVersion: String
  package var inputFingerprint: String
  /// The assumptions of the run as the JSON object `risk` prints (rendered by Reports).
  package var assumptionsJSON: String
  /// Whether the run printed change lines (tier, grade, flags, new or gone providers) against
  /// the run before it; the first run with any provider is changed.
  package var changed: Bool
  /// The credit model the grades follow (CREDIT §C.4); nil for runs stored before schema 3,
  /// which followed model 2.
  package var modelVersion: Int?

  package init(
    runID: Int64 = 0, startedAt: String, finishedAt: String, asOf: String, rubricVersion: String,
    inputFingerprint: String, assumptionsJSON: String, changed: Bool, modelVersion: Int? = nil
  ) {
    self.runID = runID
    self.startedAt = startedAt
    self.finishedAt = finishedAt
    self.asOf = asOf
    self.rubricVersion = rubricVersion
    self.inputFingerprint = inputFingerprint
    self.assumptionsJSON = assumptionsJSON
    self.changed = changed
    self.modelVersion = modelVersion
  }

  /// The model version, 2 for a run stored before versions were recorded.
  package var effectiveModelVersion: Int { modelVersion ?? 2 }

  enum CodingKeys: String, CodingKey {
    case runID = "run_id"
    case startedAt = "started_at"
    case finishedAt = "finished_at"
    case asOf = "as_of"
    case rubricVersion = "rubric_version"
    case inputFingerprint = "input_fingerprint"
    case assumptionsJSON = "assumptions"
    case changed
    case modelVersion = "model_version"
  }

  /// A run not stored yet (id 0) leaves `run_id` out, so SQLite assigns the next one.
  package func encode(to encoder: Encoder) throws {
    var container = encoder.container(keyedBy: CodingKeys.self)
    if runID != 0 { try container.encode(runID, forKey: .runID) }
    try container.encode(startedAt, forKey: .startedAt)
    try container.encode(finishedAt, forKey: .finishedAt)
    try container.encode(asOf, forKey: .asOf)
    try container.encode(rubricVersion, forKey: .rubricVersion)
    try container.encode(inputFingerprint, forKey: .inputFingerprint)
    try container.encode(assumptionsJSON, forKey: .assumptionsJSON)
    try container.encode(changed, forKey: .changed)
    try container.encodeIfPresent(modelVersion, forKey: .modelVersion)
  }
}

/// One provider's outcome in a run: one row of `snapshots`. `pillars` and `flags` are JSON
/// columns (an object pillar → score, an array of flag names), encoded and decoded by GRDB.
package struct SnapshotRecord: Codable, FetchableRecord, PersistableRecord, Sendable, Equatable {
  package static let databaseTableName = "snapshots"

  package var runID: Int64
  package var providerID: String
  package var name: String
  package var tier: Tier
  package var score: Double?
  /// Pillar → score (9 decimals).
  package var pillars: [String: Double]
  package var coveragePct: Double
  package var grade: RiskGrade
  package var dscr12m: Double?
  package var breakEvenUtilizationPct: Double?
  package var runwayMonths: Int?
  package var cashOutMonth: String?
  /// Sorted by name.
  package var flags: [RiskFlag]

  package init(
    runID: Int64 = 0, providerID: String, name: String, tier: Tier, score: Double?,
    pillars: [String: Double], coveragePct: Double, grade: RiskGrade, dscr12m: Double?,
    breakEvenUtilizationPct: Double?, runwayMonths: Int?, cashOutMonth: String?, flags: [RiskFlag]
  ) {
    self.runID = runID
    self.providerID = providerID
    self.name = name
    self.tier = tier
    self.score = score
    self.pillars = pillars
    self.coveragePct = coveragePct
    self.grade = grade
    self.dscr12m = dscr12m
    self.breakEvenUtilizationPct = breakEvenUtilizationPct
    self.runwayMonths = runwayMonths
    self.cashOutMonth = cashOutMonth
    self.flags = flags
  }

  enum CodingKeys: String, CodingKey {
    case runID = "run_id"
    case providerID = "provider_id"
    case name, tier, score, pillars
    case coveragePct = "coverage_pct"
    case grade
    case dscr12m = "dscr_12m"
    case breakEvenUtilizationPct = "break_even_utilization_pct"
    case runwayMonths = "runway_months"
    case cashOutMonth = "cash_out_month"
    case flags
  }
}

extension Store {
  /// The latest completed run (the baseline for change lines and rank's change column).
  package func latestRun() throws -> RunRecord? {
    try read { db in try Store.latestRun(db: db) }
  }

  static func latestRun(db: GRDB.Database) throws -> RunRecord? {
    try RunRecord.order(Column("run_id").desc).fetchOne(db)
  }

  /// Runs, oldest first (the last `limit` when given).
  package func runs(limit: Int? = nil) throws -> [RunRecord] {
    try read { db in
      if let limit {
        return try RunRecord.order(Column("run_id").desc).limit(limit).fetchAll(db).reversed()
      }
      return try RunRecord.order(Column("run_id")).fetchAll(db)
    }
  }

  /// The snapshots of one run, by provider_id.
  package func snapshots(runID: Int64) throws -> [SnapshotRecord] {
    try read { db in try Store.snapshots(runID: runID, db: db) }
  }

  static func snapshots(runID: Int64, db: GRDB.Database) throws -> [SnapshotRecord] {
    try SnapshotRecord.filter(Column("run_id") == runID).order(Column("provider_id")).fetchAll(db)
  }

  /// Every provider id ever stored in a snapshot, by provider_id (for "did you mean" hints
  /// about providers that have left the database).
  package func snapshotProviderIDs() throws -> [String] {
    try read { db in
      try String.fetchAll(db, sql: "SELECT DISTINCT provider_id FROM snapshots ORDER BY provider_id")
    }
  }

  /// Every provider id in the providers table, by provider_id.
  package func providerIDs() throws -> [String] {
    try read { db in
      try String.fetchAll(db, sql: "SELECT provider_id FROM providers ORDER BY provider_id")
    }
  }

  /// One provider's snapshots across runs, oldest first, with each run.
  package func providerHistory(_ providerID: String) throws -> [(run: RunRecord, snapshot: SnapshotRecord)] {
    try read { db in
      let snapshots = try SnapshotRecord.filter(Column("provider_id") == providerID).order(Column("run_id"))
        .fetchAll(db)
      let runs = try RunRecord.filter(keys: snapshots.map(\.runID)).fetchAll(db)
      let byID = Dictionary(runs.map { ($0.runID, $0) }, uniquingKeysWith: { first, _ in first })
      return snapshots.compactMap { snapshot in byID[snapshot.runID].map { ($0, snapshot) } }
    }
  }

  /// Stores a run, its snapshots and its change lines in one transaction; returns the run id.
  package func insertRun(_ run: RunRecord, snapshots: [SnapshotRecord], lines: [String] = []) throws -> Int64 {
    try write { db in try Store.insertRun(run, snapshots: snapshots, lines: lines, db: db).runID }
  }

  /// The change lines a run printed, in print order; nil when there is no such run. A changed
  /// run with no line was stored before schema version 2 kept them.
  package func changeLines(runID: Int64) throws -> [String]? {
    try read { db in
      guard try RunRecord.exists(db, key: runID) else { return nil }
      return try String.fetchAll(
        db, sql: "SELECT line FROM run_changes WHERE run_id = ? ORDER BY position", arguments: [runID])
    }
  }

  /// Records a `recompute` in one transaction: reads the baseline (the latest run and its
  /// snapshots, nil when there is no run), asks `changeLines` for the lines that describe the
  /// change from it, and stores the run (changed when there is any line) with its snapshots and the lines.
  /// Returns the stored run, with its id, and the lines.
  package func recordRun(
    _ run: RunRecord, snapshots: [SnapshotRecord], finishedAt: () -> String,
    changeLines: (RunRecord?, [SnapshotRecord]?) throws -> [String]
  ) throws -> (run: RunRecord, lines: [String]) {
    try write { db in
      let baselineRun = try Store.latestRun(db: db)
      let baseline = try baselineRun.map { try Store.snapshots(runID: $0.runID, db: db) }
      let lines = try changeLines(baselineRun, baseline)
      var stored = run
      stored.changed = !lines.isEmpty
      stored.finishedAt = finishedAt()
      stored = try Store.insertRun(stored, snapshots: snapshots, lines: lines, db: db)
      return (stored, lines)
    }
  }

  static func insertRun(_ run: RunRecord, snapshots: [SnapshotRecord], lines: [String], db: GRDB.Database) throws
    -> RunRecord
  {
    var stored = run
    stored.runID = 0
    try stored.insert(db)
    stored.runID = db.lastInsertedRowID
    for snapshot in snapshots {
      var row = snapshot
      row.runID = stored.runID
      try row.insert(db)
    }
    let statement = try db.makeStatement(
      sql: "INSERT INTO run_changes (run_id, position, line) VALUES (?, ?, ?)")
    for (index, line) in lines.enumerated() {
      try statement.execute(arguments: [stored.runID, index + 1, line])
    }
    return stored
  }
}
