import Domain
import Store

extension KindLoader {
  /// `--replace` (always for the rubric): deletes rows of the kind in scope whose key was not
  /// imported, and what they own: a facility's fleets; a deleted fleet's loans lose their
  /// collateral. (Foreign keys are off during the import, so these cascades are explicit.)
  func finish() throws {
    if kind == .rubric || session.options.replace {
      let table = kind.table
      /// The rows to delete, `alias` naming the table.
      func condition(_ alias: String) -> String {
        var text = "NOT \(importedCondition(alias))"
        if let scope = kind.replaceScopeColumn {
          text +=
            " AND \(alias)\(scope) IN (SELECT \(scope) FROM \(table) WHERE \(importedCondition("")))"
        }
        return text
      }
      do {
        var fleetsDeleted = kind == .fleets
        if kind == .facilities {
          try session.bulk.execute(
            """
            DELETE FROM fleets WHERE EXISTS (SELECT 1 FROM facilities fa
              WHERE fa.facility_id = fleets.facility_id AND fa.provider_id = fleets.provider_id
                AND \(condition("fa.")))
            """)
          let cascaded = session.bulk.changes
          if cascaded > 0 {
            session.add(.fleets) { $0.deleted += cascaded }
            fleetsDeleted = true
          }
        }
        try session.bulk.execute("DELETE FROM \(table) WHERE \(condition(""))")
        counts.deleted += session.bulk.changes
        if fleetsDeleted {
          try session.bulk.execute(
            "UPDATE loans SET collateral_fleet_id = NULL WHERE collateral_fleet_id IS NOT NULL AND instr(collateral_fleet_id, ';') = 0 AND NOT EXISTS (SELECT 1 FROM fleets f WHERE f.fleet_id = loans.collateral_fleet_id)"
          )
          try prunePools()
        }
      }
    }
    let final = counts
    session.add(kind) {
      $0.inserted += final.inserted
      $0.updated += final.updated
      $0.unchanged += final.unchanged
      $0.deleted += final.deleted
    }
  }

  /// A deleted fleet leaves every collateral pool it was in; a pool left empty is no collateral.
  func prunePools() throws {
    let pools = try session.bulk.prepare(
      "SELECT rowid, collateral_fleet_id FROM loans WHERE instr(collateral_fleet_id, ';') > 0")
    var rows: [(Int64, String)] = []
    try pools.forEach { row in rows.append((row.int(0), row.text(1) ?? "")) }
    guard !rows.isEmpty else { return }
    let exists = try session.bulk.prepare("SELECT 1 FROM fleets WHERE fleet_id = ?1")
    let update = try session.bulk.prepare("UPDATE loans SET collateral_fleet_id = ?1 WHERE rowid = ?2")
    for (rowid, pool) in rows {
      var kept: [String] = []
      for fleet in pool.split(separator: ";").map(String.init) {
        exists.bind(1, fleet)
        if try exists.step() { kept.append(fleet) }
        exists.reset()
      }
      let joined = kept.joined(separator: ";")
      guard joined != pool else { continue }
      update.bind(1, kept.isEmpty ? nil : joined)
      update.bind(2, rowid)
      _ = try update.step()
      update.reset()
    }
  }
}
