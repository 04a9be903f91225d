import Foundation
import Testing

@testable import Import

#if canImport(Glibc)
  import Glibc
#endif

/// The line log is what lets the checks across rows name (and so report) a problem row: a write
/// it loses must stop the import, not let unreported rows commit.
@Suite struct LineLogTests {
  @Test func aLostWriteStopsTheImportAsAFullDisk() throws {
    let descriptor = open("/dev/full", O_WRONLY | O_CLOEXEC)
    try #require(descriptor >= 0)
    let log = LineLog(descriptor: descriptor)
    for line in 0..<20_000 { log.append(line + 2) }  // more than one buffer: a write happened
    #expect(log.failure == ENOSPC)
    #expect(throws: ImportError.self) { try log.check() }
    do {
      try log.check()
    } catch {
      #expect(error.exitCode == 74)
      #expect(error.errorDescription == "the disk is full: nothing was imported.")
    }
  }

  @Test func writtenLinesReadBack() throws {
    let log = try LineLog()
    log.startFile(0)
    for line in 0..<20_000 { log.append(line + 2) }
    try log.check()
    #expect(log.lookup(0)?.line == 2)
    #expect(log.lookup(19_999)?.line == 20_001)
    #expect(log.lookup(20_000) == nil)
  }
}
