import Domain
import GRDB

/// What an evidence ingest did (or, in a dry run, would do), per row.
package struct UpsertCounts: Hashable, Sendable {
  package var inserted = 0
  package var updated = 0
  package var unchanged = 0

  package init(inserted: Int = 0, updated: Int = 0, unchanged: Int = 0) {
    self.inserted = inserted
    self.updated = updated
    self.unchanged = unchanged
  }

  package var rows: Int { inserted + updated + unchanged }
}

/// An evidence write names a provider that is not stored; nothing was written.
package struct UnknownProviderError: Error, Equatable, Sendable {
  package var providerID: String
}

extension Store {
  /// The rubric as stored, for checking a mapping against it.
  package func loadRubric() throws -> [Criterion] {
    try read { db in try Store.loadDataset(db, prices: .all).rubric }
  }

  /// Upserts uptime months derived from a status page in one transaction (rolled back when
  /// `dryRun`). A row's uptime_pct, incidents, mttr_hours and source are replaced; a
  /// failures_per_1k_gpu_months already stored for the month is kept (a status page does not
  /// report it), a new row has none. Throws ``UnknownProviderError`` (writing nothing) when
  /// `providerID` is not stored.
  package func upsertUptime(_ rows: [UptimeMonth], providerID: String, dryRun: Bool) throws -> UpsertCounts {
    try upsert(
      rows.map { [$0.providerID, $0.month.description, $0.uptimePct, $0.incidents, $0.mttrHours, $0.source] },
      providerID: providerID, dryRun: dryRun,
      insert: """
        INSERT INTO uptime (provider_id, month, uptime_pct, incidents, failures_per_1k_gpu_months, mttr_hours, source)
        VALUES (?, ?, ?, ?, NULL, ?, ?) ON CONFLICT (provider_id, month) DO NOTHING
        """,
      update: """
        UPDATE uptime SET uptime_pct = ?3, incidents = ?4, mttr_hours = ?5, source = ?6
        WHERE provider_id = ?1 AND month = ?2
          AND (uptime_pct IS NOT ?3 OR incidents IS NOT ?4 OR mttr_hours IS NOT ?5 OR source IS NOT ?6)
        """)
  }

  /// Upserts assessments by key (provider, criterion, assessed_on) in one transaction (rolled
  /// back when `dryRun`): value and evidence are replaced.
  package func upsertAssessments(_ rows: [Assessment], providerID: String, dryRun: Bool) throws -> UpsertCounts {
    try upsert(
      rows.map { [$0.providerID, $0.criterionID, $0.value, $0.evidence, $0.assessedOn.description] },
      providerID: providerID, dryRun: dryRun,
      insert: """
        INSERT INTO assessments (provider_id, criterion_id, value, evidence, assessed_on)
        VALUES (?, ?, ?, ?, ?) ON CONFLICT (provider_id, criterion_id, assessed_on) DO NOTHING
        """,
      update: """
        UPDATE assessments SET value = ?3, evidence = ?4
        WHERE provider_id = ?1 AND criterion_id = ?2 AND assessed_on = ?5
          AND (value IS NOT ?3 OR evidence IS NOT ?4)
        """)
  }

  /// One upsert per row of `arguments`, in one transaction that first requires the provider
  /// (rolled back when `dryRun`): `insert` does nothing on a stored key; then `update` changes the
  /// stored row only where a value differs. Counts rows inserted, updated and left unchanged.
  private func upsert(
    _ arguments: [StatementArguments], providerID: String, dryRun: Bool, insert insertSQL: String,
    update updateSQL: String
  ) throws -> UpsertCounts {
    var counts = UpsertCounts()
    try guarding {
      try queue.inTransaction { db in
        try Store.requireProvider(db, providerID)
        let insert = try db.makeStatement(sql: insertSQL)
        let update = try db.makeStatement(sql: updateSQL)
        for row in arguments {
          try insert.execute(arguments: row)
          if db.changesCount == 1 {
            counts.inserted += 1
            continue
          }
          try update.execute(arguments: row)
          if db.changesCount == 1 { counts.updated += 1 } else { counts.unchanged += 1 }
        }
        return dryRun ? .rollback : .commit
      }
    }
    return counts
  }

  /// Throws when the provider is not stored (checked inside the writing transaction).
  static func requireProvider(_ db: Database, _ providerID: String) throws {
    let exists =
      try Bool.fetchOne(db, sql: "SELECT 1 FROM providers WHERE provider_id = ?", arguments: [providerID]) ?? false
    if !exists { throw UnknownProviderError(providerID: providerID) }
  }
}
