import Domain
import Foundation
import GRDB
import TestSupport
import Testing

@testable import Store

/// `TableKind.columns` is the one column list every reader and writer derives from: it must be
/// the schema's, column for column, in order.
@Suite struct TableKindTests {
  @Test(arguments: TableKind.allCases)
  func columnsAreTheSchemasInOrder(_ kind: TableKind) throws {
    let dir = try TemporaryDirectory()
    let (store, _) = try Store.initialize(path: dir.file("db.sqlite"))
    let stored = try store.queue.read { db in
      try Row.fetchAll(db, sql: "PRAGMA table_info(\(kind.table))").map { row -> String in row["name"] }
    }
    #expect(stored == kind.columns.map(\.name))
    for key in kind.keyColumns { #expect(kind.position(key) >= 0, "\(key)") }
  }
}
