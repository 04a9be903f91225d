import Domain

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

struct WriteFailure: Error, CustomStringConvertible {
  var description: String
}

/// A buffered RFC 4180 writer: fields quoted only when needed, LF line ends.
final class CSVWriter {
  private var descriptor: Int32
  private var buffer: [UInt8] = []
  private var failure: String?
  let path: String

  init(path: String) throws {
    self.path = path
    descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
    guard descriptor >= 0 else {
      throw ImportError.cannotWrite(path: path, reason: String(cString: strerror(errno)))
    }
    buffer.reserveCapacity(1 << 16)
  }

  deinit {
    if descriptor >= 0 { _ = Glibc.close(descriptor) }
  }

  func writeRow(_ fields: [String]) {
    for (index, field) in fields.enumerated() {
      if index > 0 { buffer.append(UInt8(ascii: ",")) }
      appendField(field)
    }
    buffer.append(UInt8(ascii: "\n"))
    if buffer.count >= 1 << 16 { flush() }
  }

  /// Quotes a field holding a comma, quote, CR or LF, and one that starts or ends with a space
  /// or tab (readers that trim, as libcsv does by default, keep it whole then).
  private func appendField(_ field: String) {
    let utf8 = field.utf8
    let edgeWhitespace =
      utf8.first.map { $0 == 0x20 || $0 == 0x09 } == true
      || utf8.last.map { $0 == 0x20 || $0 == 0x09 } == true
    buffer.append(contentsOf: csvQuoted(field, always: edgeWhitespace).utf8)
  }

  private func flush() {
    guard failure == nil, !buffer.isEmpty else {
      buffer.removeAll(keepingCapacity: true)
      return
    }
    var offset = 0
    buffer.withUnsafeBytes { raw in
      while offset < raw.count {
        let written = write(descriptor, raw.baseAddress.map { $0 + offset }, raw.count - offset)
        if written < 0 {
          if errno == EINTR { continue }
          failure = String(cString: strerror(errno))
          return
        }
        offset += written
      }
    }
    buffer.removeAll(keepingCapacity: true)
  }

  func close() throws {
    flush()
    if descriptor >= 0 {
      if Glibc.close(descriptor) != 0 && failure == nil {
        failure = String(cString: strerror(errno))
      }
      descriptor = -1
    }
    if let failure { throw WriteFailure(description: failure) }
  }
}
