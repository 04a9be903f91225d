import Foundation
import TestSupport
import Testing

@testable import Store

@Suite struct LockTests {
  @Test func secondLockFailsWithHolderThenSucceedsAfterRelease() throws {
    let dir = try TemporaryDirectory(prefix: "neocloud-store-tests")
    defer { dir.cleanup() }
    let db = dir.file("db.sqlite")
    let first = try DatabaseLock.acquire(databasePath: db)
    do {
      _ = try DatabaseLock.acquire(databasePath: db)
      Issue.record("a second lock should fail")
    } catch let StoreError.locked(path, holder) {
      #expect(path == db)
      #expect(holder.contains("pid \(ProcessInfo.processInfo.processIdentifier)"))
    }
    first.release()
    let second = try DatabaseLock.acquire(databasePath: db)
    second.release()
  }

  @Test func waitingGivesUpAfterTheTimeout() throws {
    let dir = try TemporaryDirectory(prefix: "neocloud-store-tests")
    defer { dir.cleanup() }
    let db = dir.file("db.sqlite")
    let first = try DatabaseLock.acquire(databasePath: db)
    defer { first.release() }
    let start = Date()
    #expect(throws: StoreError.self) { _ = try DatabaseLock.acquire(databasePath: db, waitSeconds: 0.2) }
    #expect(Date().timeIntervalSince(start) >= 0.2)
  }
}
