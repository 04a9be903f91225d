import Foundation
import GRDB
import Testing

@testable import Import
@testable import Store

/// A pipe or FIFO can be read only once: the header pass and the load pass must share it.
@Suite struct PipeInputTests {
  /// Writes `text` into a new FIFO from a background thread; returns its path.
  private func fifo(_ fixture: Fixture, _ name: String, _ text: String) throws -> String {
    let path = fixture.path(name)
    // A reader that stops early must fail this writer's write, not kill the test process.
    signal(SIGPIPE, SIG_IGN)
    #expect(mkfifo(path, 0o600) == 0)
    let bytes = Array(text.utf8)
    Thread.detachNewThread {
      let descriptor = open(path, O_WRONLY)
      guard descriptor >= 0 else { return }
      var offset = 0
      while offset < bytes.count {
        let written = bytes[offset...].withUnsafeBufferPointer { write(descriptor, $0.baseAddress, $0.count) }
        if written <= 0 { break }
        offset += written
      }
      close(descriptor)
    }
    return path
  }

  @Test func aFIFOLargerThanOneChunkImportsEveryRow() throws {
    let fixture = try Fixture()
    var text = "provider_id,name,segment,country,cash_usd,fixed_opex_usd_per_month,as_of\n"
    for index in 0..<8000 { text += "p\(index),Provider \(index),neocloud,US,1,1,2026-01-01\n" }
    #expect(text.utf8.count > 256 * 1024)  // more than the header pass reads in one chunk
    let path = try fifo(fixture, "providers.csv", text)
    let summary = try importFiles([path], into: fixture.store, options: ImportOptions())
    #expect(summary.counts(for: .providers) == KindCounts(inserted: 8000))
    #expect(summary.line == "imported 8,000 providers (8,000 inserted)")
    let count = try fixture.store.queue.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM providers") }
    #expect(count == 8000)
  }

  @Test func aBadRowInAFIFOIsReportedAtItsLine() throws {
    let fixture = try Fixture()
    let path = try fifo(
      fixture, "providers.csv",
      "provider_id,name,segment,country,cash_usd,fixed_opex_usd_per_month,as_of\n"
        + "a,A,neocloud,US,1,1,2026-01-01\nb,B,cloud,US,1,1,2026-01-01\n")
    do {
      _ = try importFiles([path], into: fixture.store, options: ImportOptions())
      Issue.record("a bad segment should fail the import")
    } catch let ImportError.invalidData(diagnostics, total) {
      #expect(total == 1)
      #expect(diagnostics.first?.line == 3)
      #expect(diagnostics.first?.column == "segment")
    }
  }

  /// Issue 15 item 12: the header pass over a pipe keeps what it reads for the load pass, so a
  /// header without an end used to grow without limit. It is capped like a field: one sentence,
  /// and the reader stops after about 64 KiB instead of draining the stream.
  @Test func anEndlessHeaderFromAFIFOIsCappedLikeAField() throws {
    let fixture = try Fixture()
    let path = fixture.path("providers.csv")
    signal(SIGPIPE, SIG_IGN)
    #expect(mkfifo(path, 0o600) == 0)
    let total = 64 << 20  // 64 MiB of "x," and never a line end
    let written = SentCount()
    let finished = DispatchSemaphore(value: 0)
    Thread.detachNewThread {
      defer { finished.signal() }
      let descriptor = open(path, O_WRONLY)
      guard descriptor >= 0 else { return }
      let block: [UInt8] = (0..<64 * 1024).map { $0 % 2 == 0 ? 0x78 : 0x2C }  // "x,x,x,..."
      var sent = 0
      while sent < total {
        let count = block.withUnsafeBufferPointer { write(descriptor, $0.baseAddress, $0.count) }
        if count <= 0 { break }
        sent += count
        written.set(sent)
      }
      close(descriptor)
    }
    #expect(fixture.errors(["providers.csv"]) == ["providers.csv:1: header row longer than 65536 bytes (64 KiB)"])
    #expect(finished.wait(timeout: .now() + 60) == .success)
    let sent = written.get()
    #expect(sent < 4 << 20, "the reader took \(sent) bytes of an endless header")
  }
}

/// Bytes a writer thread has sent, read by the test.
private final class SentCount: @unchecked Sendable {
  private let lock = NSLock()
  private var value = 0
  func set(_ new: Int) { lock.withLock { value = new } }
  func get() -> Int { lock.withLock { value } }
}

@Suite struct CountSeparatorTests {
  @Test func errorCountsHaveThousandsSeparators() throws {
    let fixture = try Fixture()
    var text = "provider_id,name,segment,country,cash_usd,fixed_opex_usd_per_month,as_of\n"
    for index in 0..<1234 { text += "p\(index),P,cloud,US,1,1,2026-01-01\n" }
    try text.write(toFile: fixture.path("providers.csv"), atomically: true, encoding: .utf8)
    do {
      _ = try importFiles([fixture.path("providers.csv")], into: fixture.store, options: ImportOptions())
      Issue.record("bad segments should fail the import")
    } catch let error as ImportError {
      #expect(error.lines.last == "1,234 errors; nothing was imported.")
      #expect(error.lines.contains("… and 1,184 more (--rejects FILE writes them all)."))
    }
  }
}
