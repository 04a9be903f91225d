import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The file and line of every row a kind's import inserted, by insertion ordinal. New rows get
/// consecutive rowids after the table's largest, so the ordinal is `rowid − base − 1`. Lines go
/// to an unlinked temporary file (4 bytes a row): constant memory, and far cheaper than a TEMP
/// table insert per row. Read back only to report a problem.
final class LineLog {
  private let descriptor: Int32
  private static let capacity = 16 * 1024
  private let buffer = UnsafeMutablePointer<UInt32>.allocate(capacity: LineLog.capacity)
  private var buffered = 0
  private var flushed = 0
  /// (first ordinal, file index), one entry per file.
  private var fileStarts: [(ordinal: Int, file: Int)] = []
  /// errno of the first write that failed: the lines are then lost, and the checks across
  /// rows could no longer name (or report) a problem row, so the import must stop.
  private(set) var failure: Int32?

  private(set) var count = 0

  init() throws {
    var template = Array((NSTemporaryDirectory() + "/neocloud-import-XXXXXX").utf8CString)
    let descriptor = template.withUnsafeMutableBufferPointer { buffer in
      buffer.baseAddress.map { mkstemp($0) } ?? -1
    }
    guard descriptor >= 0 else {
      buffer.deallocate()
      throw ImportError.cannotWrite(
        path: NSTemporaryDirectory(), reason: String(cString: strerror(errno)))
    }
    template.withUnsafeBufferPointer { buffer in
      if let base = buffer.baseAddress { _ = unlink(base) }
    }
    self.descriptor = descriptor
  }

  /// A log writing to `descriptor` (tests: a file that cannot be written).
  init(descriptor: Int32) {
    self.descriptor = descriptor
  }

  /// Throws when a write failed: `ImportError.database` with SQLITE_FULL for a full disk
  /// (`the disk is full: nothing was imported`), else SQLITE_IOERR.
  func check() throws(ImportError) {
    guard let failure else { return }
    let full = failure == ENOSPC || failure == EFBIG || failure == EDQUOT
    throw ImportError.database(
      reason:
        "cannot write the import's scratch file in \(NSTemporaryDirectory()): \(String(cString: strerror(failure)))",
      code: full ? SQLiteCode.full : SQLiteCode.ioError)
  }

  deinit {
    _ = close(descriptor)
    buffer.deallocate()
  }

  func startFile(_ index: Int) {
    if let last = fileStarts.last, last.ordinal == count {
      fileStarts[fileStarts.count - 1] = (count, index)
    } else {
      fileStarts.append((count, index))
    }
  }

  @inline(__always) func append(_ line: Int) {
    buffer[buffered] = UInt32(clamping: line)
    buffered += 1
    count += 1
    if buffered == LineLog.capacity { flush() }
  }

  private func flush() {
    let bytes = buffered * MemoryLayout<UInt32>.size
    let written = pwrite(
      descriptor, buffer, bytes, off_t(flushed * MemoryLayout<UInt32>.size))
    if written != bytes && failure == nil { failure = written < 0 ? errno : ENOSPC }
    flushed += buffered
    buffered = 0
  }

  /// File index and line of the row inserted `ordinal`-th (0-based).
  func lookup(_ ordinal: Int) -> (file: Int, line: Int)? {
    guard ordinal >= 0, ordinal < count else { return nil }
    let file = fileStarts.last { $0.ordinal <= ordinal }?.file ?? 0
    if ordinal >= flushed { return (file, Int(buffer[ordinal - flushed])) }
    guard failure == nil else { return nil }
    var value: UInt32 = 0
    let read = pread(
      descriptor, &value, MemoryLayout<UInt32>.size, off_t(ordinal * MemoryLayout<UInt32>.size))
    return read == MemoryLayout<UInt32>.size ? (file, Int(value)) : nil
  }
}
