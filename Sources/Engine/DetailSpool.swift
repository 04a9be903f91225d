import Foundation
import Reports
import Store

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The report's per-provider details, written to an unnamed temporary file as each batch is
/// rendered and read back in order when the page is written (issue 14: the page never holds
/// every provider's charts and tables at once). The file is unlinked as soon as it is made, so
/// nothing is left behind whatever happens to the process.
final class DetailSpool: HTMLDetailSource, @unchecked Sendable {
  /// Details are written in pieces of at least this many bytes (whole providers each), the last
  /// one smaller.
  private let pieceBytes: Int
  private let descriptor: Int32
  private let path: String
  private var pending = ""
  /// Each written piece's offset and length, in order.
  private var pieces: [(offset: Int64, length: Int)] = []
  private var size: Int64 = 0

  /// Opens the file in the temporary directory (`TMPDIR`, else `/tmp`).
  init(pieceBytes: Int = 1 << 20) throws {
    self.pieceBytes = max(1, pieceBytes)
    let template = FileManager.default.temporaryDirectory.appendingPathComponent("neocloud-report-XXXXXX").path
    var name = Array(template.utf8CString)
    let descriptor = mkstemp(&name)
    let path = String(decoding: name.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    guard descriptor >= 0 else { throw DetailSpool.failure(path) }
    unlink(path)
    self.descriptor = descriptor
    self.path = path
  }

  deinit { close(descriptor) }

  /// Adds one provider's detail after the others.
  func append(_ detail: String) throws {
    pending += detail
    if pending.utf8.count >= pieceBytes { try flush() }
  }

  private func flush() throws {
    guard !pending.isEmpty else { return }
    var text = pending
    pending = ""
    let length = try text.withUTF8 { buffer -> Int in
      guard let base = buffer.baseAddress else { return 0 }
      var done = 0
      while done < buffer.count {
        let written = pwrite(descriptor, base + done, buffer.count - done, off_t(size) + off_t(done))
        if written < 0 {
          if errno == EINTR { continue }
          throw DetailSpool.failure(path)
        }
        done += written
      }
      return done
    }
    pieces.append((size, length))
    size += Int64(length)
  }

  func write(to sink: (String) throws -> Void) throws {
    try flush()
    for piece in pieces {
      var bytes = [UInt8](repeating: 0, count: piece.length)
      let read = bytes.withUnsafeMutableBytes { buffer -> Int in
        guard let base = buffer.baseAddress else { return 0 }
        var done = 0
        while done < piece.length {
          let count = pread(
            descriptor, base + done, piece.length - done, off_t(piece.offset) + off_t(done))
          if count < 0, errno == EINTR { continue }
          if count <= 0 { return -1 }
          done += count
        }
        return done
      }
      guard read == piece.length else { throw DetailSpool.failure(path) }
      try sink(String(decoding: bytes, as: UTF8.self))
    }
  }

  private static func failure(_ path: String) -> OutputFileError {
    OutputFileError(path: path, problem: .system(String(cString: strerror(errno))), kind: .ioFailure)
  }
}
