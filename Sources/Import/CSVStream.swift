import CCSV

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Fields of the current record, filled by libcsv's field callback. Plain memory, so the
/// `@convention(c)` callbacks touch no reference counts.
struct RowStore {
  var buffer: UnsafeMutablePointer<UInt8>
  var capacity: Int
  var used: Int
  var offsets: UnsafeMutablePointer<Int>
  var lengths: UnsafeMutablePointer<Int>
  /// Fields seen, including any beyond `maxStoredFields` (counted, not stored).
  var fieldCount: Int
  var recordReady: Bool
}

/// More fields than any kind has columns; a longer (ragged) record is only counted.
let maxStoredFields = 64
/// The longest field accepted (§2).
let maxFieldBytes = 64 * 1024

private let onField:
  @convention(c) (UnsafeMutableRawPointer?, Int, UnsafeMutableRawPointer?) ->
    Void = { data, length, context in
      guard let context else { return }
      let row = context.assumingMemoryBound(to: RowStore.self)
      let index = row.pointee.fieldCount
      row.pointee.fieldCount = index &+ 1
      guard index < maxStoredFields else { return }
      let start = row.pointee.used
      let needed = start + length + 1
      if needed > row.pointee.capacity {
        var capacity = row.pointee.capacity * 2
        while capacity < needed { capacity *= 2 }
        guard let grown = realloc(row.pointee.buffer, capacity) else { return }
        row.pointee.buffer = grown.assumingMemoryBound(to: UInt8.self)
        row.pointee.capacity = capacity
      }
      let buffer = row.pointee.buffer
      if length > 0, let data { memcpy(buffer + start, data, length) }
      buffer[start + length] = 0  // NUL after every field, for the rare strtod fallback
      row.pointee.offsets[index] = start
      row.pointee.lengths[index] = length
      row.pointee.used = needed
    }

private let onRecord: @convention(c) (Int32, UnsafeMutableRawPointer?) -> Void = { _, context in
  guard let context else { return }
  context.assumingMemoryBound(to: RowStore.self).pointee.recordReady = true
}

/// Bytes that never end or quote a field and need no UTF-8 or NUL check: the scanner skips
/// runs of them in a tight loop.
nonisolated(unsafe) private let plainBytes: UnsafeMutablePointer<UInt8> = {
  let table = UnsafeMutablePointer<UInt8>.allocate(capacity: 256)
  for byte in 0..<256 {
    let plain =
      byte > 0 && byte < 0x80 && byte != 0x22 && byte != 0x2C && byte != 0x0A && byte != 0x0D
    table[byte] = plain ? 1 : 0
  }
  return table
}()

/// A problem that stops reading the file (the CSV structure is broken from here on).
struct StructuralError: Error, Equatable {
  var line: Int
  /// The field index within the record, when known.
  var field: Int?
  var reason: String
}

/// A byte-level problem inside one record (the record is rejected, reading goes on).
struct ByteError: Equatable {
  var field: Int
  var reason: String
}

/// Streams one CSV file through libcsv in bounded chunks, in strict RFC 4180, and scans the
/// bytes itself for what libcsv does not report: line numbers, bare CR, NUL, invalid UTF-8,
/// field length, and which strict rule was broken (§8). Memory stays constant.
final class CSVReader {
  static let chunkSize = 128 * 1024

  let path: String
  private var descriptor: Int32
  private let chunk: UnsafeMutablePointer<UInt8>
  private let parser: UnsafeMutablePointer<csv_parser>
  let row: UnsafeMutablePointer<RowStore>
  /// Raw bytes of the current record that came in earlier chunks (for `--rejects`).
  private var carry: [UInt8] = []
  private static let maxCarry = 4 << 20
  /// The record has an unquoted field that starts or ends with a space or tab.
  private var edgeSpace = false

  // The current record, valid while the record handler runs.
  private(set) var recordLine = 0
  private(set) var byteError: ByteError?
  private var recordChunkStart = 0
  private var recordChunkEnd = 0

  /// Completely empty lines skipped so far.
  private(set) var emptyLines = 0
  private(set) var bytesRead: Int64 = 0

  /// Bytes served before reading the descriptor (a pipe's header, read by an earlier pass).
  private var replay: [UInt8] = []
  private var replayOffset = 0
  /// Set for the header pass over a pipe: the bytes read are kept for the load pass.
  private let handoff: StreamHandoff?

  /// Opens `path`; for a pipe or FIFO (`handoff` given) the first reader opens it and records
  /// what it reads, and the next reader takes over its descriptor and replays those bytes, so a
  /// stream that can be read only once is read once.
  init(path: String, handoff: StreamHandoff? = nil) throws {
    self.path = path
    self.handoff = handoff
    if let handoff, handoff.descriptor >= 0 {
      descriptor = handoff.descriptor
      replay = handoff.replay
      handoff.descriptor = -1
      handoff.replay = []
    } else {
      descriptor = open(path, O_RDONLY | O_CLOEXEC)
    }
    guard descriptor >= 0 else {
      throw ImportError.unreadable(path: path, reason: String(cString: strerror(errno)))
    }
    chunk = .allocate(capacity: CSVReader.chunkSize)
    parser = .allocate(capacity: 1)
    row = .allocate(capacity: 1)
    let initial = 64 * 1024
    guard let buffer = malloc(initial) else {
      close(descriptor)
      chunk.deallocate()
      parser.deallocate()
      row.deallocate()
      throw ImportError.unreadable(path: path, reason: "out of memory")
    }
    row.initialize(
      to: RowStore(
        buffer: buffer.assumingMemoryBound(to: UInt8.self), capacity: initial, used: 0,
        offsets: .allocate(capacity: maxStoredFields),
        lengths: .allocate(capacity: maxStoredFields), fieldCount: 0, recordReady: false))
    _ = csv_init(parser, UInt8(CSV_STRICT | CSV_STRICT_FINI))
    csv_set_blk_size(parser, 4096)
  }

  deinit {
    if let handoff, handoff.isRecording, descriptor >= 0 {
      // The header pass over a pipe: hand the descriptor and what was read to the load pass.
      handoff.descriptor = descriptor
      handoff.replay = handoff.recorded
      handoff.recorded = []
      handoff.isRecording = false
      descriptor = -1
    }
    if descriptor >= 0 { _ = close(descriptor) }
    csv_free(parser)
    parser.deallocate()
    chunk.deallocate()
    free(row.pointee.buffer)
    row.pointee.offsets.deallocate()
    row.pointee.lengths.deallocate()
    row.deallocate()
  }

  var fieldCount: Int { row.pointee.fieldCount }

  /// Field `index` (< min(fieldCount, maxStoredFields)); `pointer[length]` is NUL.
  @inline(__always) func field(_ index: Int) -> (pointer: UnsafeMutablePointer<UInt8>, length: Int) {
    let r = row.pointee
    return (r.buffer + r.offsets[index], r.lengths[index])
  }

  func fieldString(_ index: Int) -> String {
    let (pointer, length) = field(index)
    return String(decoding: UnsafeBufferPointer(start: pointer, count: length), as: UTF8.self)
  }

  /// The raw bytes of the current record, without its line end.
  private func recordBytes() -> [UInt8] {
    var bytes = carry
    if recordChunkEnd > recordChunkStart {
      bytes.append(
        contentsOf: UnsafeBufferPointer(
          start: chunk + recordChunkStart, count: recordChunkEnd - recordChunkStart))
    }
    while let last = bytes.last, last == 0x0A || last == 0x0D { bytes.removeLast() }
    return bytes
  }

  /// The raw text of the current record, without its line end.
  func recordText() -> String { String(decoding: recordBytes(), as: UTF8.self) }

  /// libcsv trims spaces and tabs around unquoted fields (§8). Rather than turn that off with
  /// a space function, which libcsv calls for every byte, the scanner flags the rare record
  /// whose unquoted field starts or ends with one, and this splits it again from its raw bytes
  /// (its structure is already checked).
  private func resplit() {
    let bytes = recordBytes()
    row.pointee.used = 0
    row.pointee.fieldCount = 0
    var current: [UInt8] = []
    var inQuotes = false
    var index = 0
    func submit() {
      current.withUnsafeMutableBytes { onField($0.baseAddress, $0.count, row) }
      current.removeAll(keepingCapacity: true)
    }
    while index < bytes.count {
      let byte = bytes[index]
      if inQuotes {
        if byte == 0x22 {
          if index + 1 < bytes.count && bytes[index + 1] == 0x22 {
            current.append(0x22)
            index += 1
          } else {
            inQuotes = false
          }
        } else {
          current.append(byte)
        }
      } else if byte == 0x22 {
        inQuotes = true
      } else if byte == 0x2C {
        submit()
      } else {
        current.append(byte)
      }
      index += 1
    }
    submit()
    row.pointee.recordReady = true
  }

  private func feed(_ start: Int, _ end: Int) throws(StructuralError) {
    guard end > start else { return }
    let parsed = csv_parse(parser, chunk + start, end - start, onField, onRecord, row)
    if parsed != end - start {
      throw StructuralError(
        line: recordLine, field: nil,
        reason: "malformed CSV (\(String(cString: csv_strerror(csv_error(parser)))))")
    }
  }

  private func resetRecord() {
    row.pointee.used = 0
    row.pointee.fieldCount = 0
    row.pointee.recordReady = false
    byteError = nil
    edgeSpace = false
    carry.removeAll(keepingCapacity: true)
  }

  private static let utf16Reason = "the file is UTF-16: save it as UTF-8"

  /// Reads the whole file, calling `handler` once per record (the header included) with this
  /// reader positioned on it; `handler` returns false to stop. Throws `StructuralError` when the
  /// CSV structure is broken, `ImportError.unreadable` when the file cannot be read.
  func run(
    progress: (Int64) -> Void = { _ in },
    handler: (CSVReader) -> Bool
  ) throws -> Void {
    // Scanner states.
    let fieldStart: UInt8 = 0
    let unquoted: UInt8 = 1
    let quoted: UInt8 = 2
    let quoteSeen: UInt8 = 3
    let quote: UInt8 = 0x22
    let comma: UInt8 = 0x2C
    let lf: UInt8 = 0x0A
    let cr: UInt8 = 0x0D

    var state = fieldStart
    var line = 1
    var field = 0
    var fieldLength = 0
    var quoteLine = 0
    var atRecordStart = true
    var afterCR = false
    var utf8Need = 0
    var utf8Low: UInt8 = 0x80
    var utf8High: UInt8 = 0xBF
    var utf8Lead: UInt8 = 0
    var firstChunk = true
    var previous: UInt8 = 0
    let space: UInt8 = 0x20
    let tab: UInt8 = 0x09

    @inline(__always) func markByteError(_ reason: String) {
      if byteError == nil { byteError = ByteError(field: field, reason: reason) }
    }

    /// Validates one byte of UTF-8; returns false on an invalid sequence.
    @inline(__always) func startUTF8(_ b: UInt8) -> Bool {
      switch b {
      case 0x00..<0x80: return true
      case 0xC2...0xDF: (utf8Need, utf8Low, utf8High) = (1, 0x80, 0xBF)
      case 0xE0: (utf8Need, utf8Low, utf8High) = (2, 0xA0, 0xBF)
      case 0xE1...0xEC, 0xEE, 0xEF: (utf8Need, utf8Low, utf8High) = (2, 0x80, 0xBF)
      case 0xED: (utf8Need, utf8Low, utf8High) = (2, 0x80, 0x9F)
      case 0xF0: (utf8Need, utf8Low, utf8High) = (3, 0x90, 0xBF)
      case 0xF1...0xF3: (utf8Need, utf8Low, utf8High) = (3, 0x80, 0xBF)
      case 0xF4: (utf8Need, utf8Low, utf8High) = (3, 0x80, 0x8F)
      default: return false
      }
      utf8Lead = b
      return true
    }

    func invalidUTF8(_ byte: UInt8) -> String {
      let hex = String(byte, radix: 16, uppercase: true)
      return "invalid UTF-8 (byte 0x\(hex.count < 2 ? "0" : "")\(hex)): save the file as UTF-8"
    }

    func tooLong() -> StructuralError {
      // A field of NUL bytes (a sparse or binary file) ends here too: its first NUL is the cause.
      if let byteError, byteError.field == field, byteError.reason.hasPrefix("contains a NUL") {
        return StructuralError(line: recordLine, field: field, reason: byteError.reason)
      }
      if state == quoted || state == quoteSeen {
        return StructuralError(
          line: quoteLine, field: field,
          reason:
            "quoted field longer than 65536 bytes (64 KiB) from this line on: is a closing quote missing?"
        )
      }
      return StructuralError(
        line: recordLine, field: field, reason: "field longer than 65536 bytes (64 KiB)")
    }

    func deliver(end: Int) -> Bool {
      recordChunkEnd = end
      if edgeSpace { resplit() }
      guard row.pointee.recordReady else { return true }
      return handler(self)
    }

    resetRecord()
    while true {
      var n = 0
      while true {
        if replayOffset < replay.count {
          n = min(CSVReader.chunkSize, replay.count - replayOffset)
          replay.withUnsafeBufferPointer { bytes in
            if let base = bytes.baseAddress { chunk.update(from: base + replayOffset, count: n) }
          }
          replayOffset += n
          break
        }
        n = read(descriptor, chunk, CSVReader.chunkSize)
        if n < 0 && errno == EINTR { continue }
        if n > 0, let handoff, handoff.isRecording {
          handoff.recorded.append(contentsOf: UnsafeBufferPointer(start: chunk, count: n))
        }
        break
      }
      if n < 0 {
        throw ImportError.unreadable(path: path, reason: String(cString: strerror(errno)))
      }
      if n == 0 { break }
      bytesRead += Int64(n)
      var i = 0
      if firstChunk {
        firstChunk = false
        if n >= 3 && chunk[0] == 0xEF && chunk[1] == 0xBB && chunk[2] == 0xBF {
          i = 3
        } else if n >= 2
          && ((chunk[0] == 0xFF && chunk[1] == 0xFE) || (chunk[0] == 0xFE && chunk[1] == 0xFF))
        {
          throw StructuralError(line: 1, field: nil, reason: CSVReader.utf16Reason)
        }
      }
      var segmentStart = i
      recordChunkStart = atRecordStart ? i : 0
      let plain = plainBytes
      while i < n {
        // Fast path: a run of plain bytes inside a field.
        if (state == unquoted || state == quoted) && !afterCR && utf8Need == 0 {
          var j = i
          while j < n && plain[Int(chunk[j])] != 0 { j &+= 1 }
          if j > i {
            fieldLength += j - i
            if fieldLength > maxFieldBytes { throw tooLong() }
            previous = chunk[j - 1]
            i = j
            if i == n { break }
          }
        }
        let b = chunk[i]
        if afterCR {
          guard b == lf else {
            throw StructuralError(
              line: atRecordStart ? line : recordLine, field: nil,
              reason: "carriage return (CR) without a line feed: use LF or CRLF line ends")
          }
          afterCR = false
        }
        if b >= 0x80 || utf8Need > 0 {
          if utf8Need > 0 {
            if b >= utf8Low && b <= utf8High {
              utf8Need -= 1
              utf8Low = 0x80
              utf8High = 0xBF
            } else {
              markByteError(invalidUTF8(utf8Lead))
              utf8Need = 0
              if !startUTF8(b) { markByteError(invalidUTF8(b)) }
            }
          } else if !startUTF8(b) {
            markByteError(invalidUTF8(b))
          }
        }
        switch state {
        case quoted:
          if b == quote {
            state = quoteSeen
          } else {
            fieldLength += 1
            if fieldLength > maxFieldBytes { throw tooLong() }
            if b == lf {
              line += 1
            } else if b == 0 {
              markByteError("contains a NUL byte")
            }
          }
        case unquoted:
          if (b == comma || b == lf || b == cr) && (previous == space || previous == tab) {
            edgeSpace = true
          }
          if b == comma {
            state = fieldStart
            field += 1
            fieldLength = 0
          } else if b == lf {
            try feed(segmentStart, i + 1)
            segmentStart = i + 1
            line += 1
            guard deliver(end: i + 1) else { return }
            resetRecord()
            recordChunkStart = i + 1
            state = fieldStart
            field = 0
            fieldLength = 0
            atRecordStart = true
          } else if b == cr {
            afterCR = true
          } else if b == quote {
            throw StructuralError(
              line: recordLine, field: field,
              reason: "quote inside an unquoted field: quote the whole field and double the quote")
          } else {
            fieldLength += 1
            if fieldLength > maxFieldBytes { throw tooLong() }
            if b == 0 { markByteError("contains a NUL byte") }
          }
        case fieldStart:
          if b == lf {
            if atRecordStart {
              emptyLines += 1
              line += 1
              recordChunkStart = i + 1
            } else {
              try feed(segmentStart, i + 1)
              segmentStart = i + 1
              line += 1
              guard deliver(end: i + 1) else { return }
              resetRecord()
              recordChunkStart = i + 1
              field = 0
              atRecordStart = true
            }
          } else if b == cr {
            afterCR = true
          } else {
            if atRecordStart {
              atRecordStart = false
              recordLine = line
            }
            if b == quote {
              state = quoted
              quoteLine = line
              fieldLength = 0
            } else if b == comma {
              field += 1
            } else {
              state = unquoted
              fieldLength = 1
              if b == space || b == tab {
                edgeSpace = true
              } else if b == 0 {
                markByteError("contains a NUL byte")
              }
            }
          }
        default:  // quoteSeen
          if b == quote {
            state = quoted
            fieldLength += 1
            if fieldLength > maxFieldBytes { throw tooLong() }
          } else if b == comma {
            state = fieldStart
            field += 1
            fieldLength = 0
          } else if b == lf {
            try feed(segmentStart, i + 1)
            segmentStart = i + 1
            line += 1
            guard deliver(end: i + 1) else { return }
            resetRecord()
            recordChunkStart = i + 1
            state = fieldStart
            field = 0
            fieldLength = 0
            atRecordStart = true
          } else if b == cr {
            afterCR = true
          } else {
            throw StructuralError(
              line: recordLine, field: field,
              reason: "text after a closing quote: a quote inside a quoted field is written \"\"")
          }
        }
        previous = b
        i += 1
      }
      try feed(segmentStart, n)
      if !atRecordStart && carry.count < CSVReader.maxCarry {
        carry.append(
          contentsOf: UnsafeBufferPointer(
            start: chunk + recordChunkStart, count: n - recordChunkStart))
      }
      progress(bytesRead)
    }
    if afterCR {
      throw StructuralError(
        line: atRecordStart ? line : recordLine, field: nil,
        reason: "carriage return (CR) without a line feed: use LF or CRLF line ends")
    }
    if state == quoted {
      throw StructuralError(
        line: quoteLine, field: field,
        reason: "unterminated quoted field: the quote opened here is never closed")
    }
    if utf8Need > 0 { markByteError(invalidUTF8(utf8Lead)) }
    if state == unquoted && (previous == space || previous == tab) { edgeSpace = true }
    // The last record may lack its line end: csv_fini delivers it.
    recordChunkStart = 0
    recordChunkEnd = 0
    if csv_fini(parser, onField, onRecord, row) != 0 {
      throw StructuralError(
        line: recordLine, field: nil,
        reason: "malformed CSV (\(String(cString: csv_strerror(csv_error(parser)))))")
    }
    if edgeSpace && !atRecordStart { resplit() }
    if row.pointee.recordReady && !atRecordStart {
      _ = handler(self)
    }
  }

}

/// A pipe or FIFO named as an input: it can be read only once, so the header pass records the
/// bytes it reads and hands its descriptor to the load pass, which replays them first.
final class StreamHandoff {
  var descriptor: Int32 = -1
  var replay: [UInt8] = []
  var recorded: [UInt8] = []
  var isRecording = true

  deinit {
    if descriptor >= 0 { _ = close(descriptor) }
  }
}
