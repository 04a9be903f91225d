import Domain
import Store

/// A buffered RFC 4180 writer: fields quoted only when needed, LF line ends. It writes an
/// `OutputFile`: nothing appears under the file's name before `commit()` (a failed or killed
/// writer leaves the previous file whole), and a planted symbolic link is never followed to
/// truncate its target.
final class CSVWriter {
  private let file: OutputFile
  private var buffer: [UInt8] = []
  private var failure: OutputFileError?
  var path: String { file.path }

  init(file: OutputFile) {
    self.file = file
    buffer.reserveCapacity(1 << 16)
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
    do {
      try buffer.withUnsafeBytes { raw in try file.write(raw) }
    } catch let error as OutputFileError {
      failure = error
    } catch {
      failure = OutputFileError(path: path, problem: .system("\(error)"), kind: .ioFailure)
    }
    buffer.removeAll(keepingCapacity: true)
  }

  /// Writes what is buffered and flushes it to the disk; the file is not yet under its name.
  func finishWriting() throws {
    flush()
    if let failure {
      file.discard()
      throw failure
    }
    do {
      try file.finishWriting()
    } catch {
      file.discard()
      throw error
    }
  }

  /// Renames the finished file over its name (the caller flushes the directory).
  func publish() throws { try file.publish() }

  /// `finishWriting()` then `publish()`.
  func commit() throws {
    try finishWriting()
    try file.commit()
  }

  /// Drops the file: its name keeps what it held.
  func discard() { file.discard() }
}
