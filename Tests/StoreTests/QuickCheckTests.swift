import Foundation
import GRDB
import TestSupport
import Testing

@testable import Store

/// Writers check the file's structure before writing, without re-evaluating every CHECK
/// constraint (docs/performance.md), and leave SQLite's CHECKs on for what they write.
@Suite struct QuickCheckTests {
  @Test func writersLeaveCheckConstraintsOnAfterTheCheck() throws {
    let dir = try TemporaryDirectory(prefix: "neocloud-store-tests")
    defer { dir.cleanup() }
    let path = dir.file("db.sqlite")
    _ = try Store.initialize(path: path)
    let store = try Store.open(path: path)
    #expect(try store.queue.read { try Int.fetchOne($0, sql: "PRAGMA ignore_check_constraints") } == 0)
    #expect(throws: DatabaseError.self) {
      try store.queue.write { db in
        try db.execute(
          sql: "INSERT INTO providers (provider_id, name, segment, country, cash_usd, fixed_opex_usd_per_month, as_of) "
            + "VALUES ('p', 'P', 'nonsense', 'US', 0, 0, '2026-01-01')")
      }
    }
  }

  @Test func structureOnlySkipsCheckConstraintsAndTurnsThemBackOn() throws {
    let dir = try TemporaryDirectory(prefix: "neocloud-store-tests")
    defer { dir.cleanup() }
    let path = dir.file("db.sqlite")
    let store = try Store.initialize(path: path).store
    // A row that breaks a CHECK (written with the CHECKs off): only the full check reports it.
    try store.queue.writeWithoutTransaction { db in
      try db.execute(sql: "PRAGMA ignore_check_constraints = ON")
      try db.execute(
        sql: "INSERT INTO providers (provider_id, name, segment, country, cash_usd, fixed_opex_usd_per_month, as_of) "
          + "VALUES ('p', 'P', 'nonsense', 'US', 0, 0, '2026-01-01')")
      try db.execute(sql: "PRAGMA ignore_check_constraints = OFF")
    }
    let (full, structure, ignoring) = try store.queue.read { db in
      (
        try Store.quickCheck(db), try Store.quickCheck(db, structureOnly: true),
        try Int.fetchOne(db, sql: "PRAGMA ignore_check_constraints")
      )
    }
    #expect(full?.contains("CHECK constraint failed") == true)
    #expect(structure == nil)
    #expect(ignoring == 0)
  }
}
