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
