#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Limits on the documents `evidence` reads. A Statuspage `incidents.json` (at most 50 incidents
/// with their updates) is a few hundred KiB and a cmax audit well under a MiB, so 16 MiB is far
/// beyond any real one while keeping a mistaken input (a log, a disk image) a quick, clear error.
package enum DocumentLimits {
  package static let maxBytes = 16 << 20
  package static let chunkBytes = 64 << 10
}

/// Reads a document in fixed-size chunks from a path, or from standard input for `-`, so memory
/// stays flat whatever the input. A regular file larger than `maxBytes` is refused before
/// anything is read; a pipe is counted as it streams (the JSON reader stops at the limit).
package final class DocumentSource {
  package let name: String
  private let descriptor: Int32
  private let ownsDescriptor: Bool
  private var buffer: [UInt8]

  /// `path` is `-` for standard input (`stdinDescriptor`, injectable for tests); `name` is how
  /// messages call the file (the path as the user typed it; defaults to `path`).
  package init(
    path: String, name displayName: String? = nil, maxBytes: Int = DocumentLimits.maxBytes,
    stdinDescriptor: Int32 = 0
  ) throws {
    buffer = [UInt8](repeating: 0, count: DocumentLimits.chunkBytes)
    if path == "-" {
      name = "stdin"
      descriptor = stdinDescriptor
      ownsDescriptor = false
    } else {
      name = displayName ?? path
      let opened = open(path, O_RDONLY)
      guard opened >= 0 else {
        let code = errno
        if code == ENOENT || code == ENOTDIR { throw EvidenceError.notFound(file: displayName ?? path) }
        throw EvidenceError.unreadable(file: displayName ?? path, reason: String(cString: strerror(code)))
      }
      descriptor = opened
      ownsDescriptor = true
    }
    var status = stat()
    if fstat(descriptor, &status) == 0 {
      if (status.st_mode & S_IFMT) == S_IFDIR {
        close()
        throw EvidenceError.unreadable(file: name, reason: "it is a directory")
      }
      if (status.st_mode & S_IFMT) == S_IFREG, Int(status.st_size) > maxBytes {
        close()
        throw EvidenceError.tooLarge(file: name, limitBytes: maxBytes)
      }
    }
  }

  deinit { close() }

  private var closed = false

  package func close() {
    guard ownsDescriptor, !closed else { return }
    closed = true
    _ = Glibc.close(descriptor)
  }

  /// The next chunk, or nil at the end of the input.
  package func nextChunk() throws -> [UInt8]? {
    while true {
      let count = buffer.withUnsafeMutableBytes { raw in
        read(descriptor, raw.baseAddress, raw.count)
      }
      if count > 0 { return Array(buffer[0..<count]) }
      if count == 0 { return nil }
      if errno == EINTR { continue }
      throw EvidenceError.unreadable(file: name, reason: String(cString: strerror(errno)))
    }
  }

  /// A JSON reader over this source, limited to `maxBytes`.
  package func jsonReader(maxBytes: Int = DocumentLimits.maxBytes) -> JSONStreamReader {
    JSONStreamReader(file: name, maxBytes: maxBytes) { [self] in try self.nextChunk() }
  }
}
