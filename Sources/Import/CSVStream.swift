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
  /// Fields delivered in the whole file (tells whether a new field began during one feed).
  var fieldsSeen: Int
  /// A field longer than `maxFieldBytes` was delivered.
  var overflow: Bool
  /// Growing `buffer` failed: the record is incomplete and the read must stop.
  var outOfMemory: Bool
  /// Grows `buffer` (`realloc`; tests pass one that fails).
  var reallocate: Reallocate
}

/// `realloc`'s shape, so that a test can make growing the row buffer fail.
typealias Reallocate = @convention(c) (UnsafeMutableRawPointer?, Int) -> UnsafeMutableRawPointer?

/// `realloc` itself.
let systemReallocate: Reallocate = { pointer, size in realloc(pointer, size) }

/// More fields than any kind has columns; a longer (ragged) record is only counted.
let maxStoredFields = 64
/// The longest field accepted (§2).
let maxFieldBytes = 64 * 1024

/// Grows the row buffer to at least `needed` bytes (doubling); false, with `outOfMemory` set,
/// when memory ran out. Out of line: the field callback stays small enough to inline.
@inline(never) private func growRow(_ row: UnsafeMutablePointer<RowStore>, _ needed: Int) -> Bool {
  var capacity = row.pointee.capacity * 2
  while capacity < needed { capacity *= 2 }
  guard let grown = row.pointee.reallocate(row.pointee.buffer, capacity) else {
    row.pointee.outOfMemory = true  // the read stops after this feed (a callback cannot throw)
    return false
  }
  row.pointee.buffer = grown.assumingMemoryBound(to: UInt8.self)
  row.pointee.capacity = capacity
  return true
}

private let onField:
  @convention(c) (UnsafeMutableRawPointer?, Int, UnsafeMutableRawPointer?) ->
    Void = { data, length, context in
      guard let context else { return }
      let row = context.assumingMemoryBound(to: RowStore.self)
      let index = row.pointee.fieldCount
      row.pointee.fieldCount = index &+ 1
      row.pointee.fieldsSeen &+= 1
      if length > maxFieldBytes { row.pointee.overflow = true }
      guard index < maxStoredFields else { return }
      let start = row.pointee.used
      let needed = start &+ length &+ 1
      if needed > row.pointee.capacity && !growRow(row, needed) { return }
      let buffer = row.pointee.buffer
      if let data { memcpy(buffer + start, data, length) }
      buffer[start &+ length] = 0  // NUL after every field, for the rare strtod fallback
      row.pointee.offsets[index] = start
      row.pointee.lengths[index] = length
      row.pointee.used = needed
    }

private let onRecord: @convention(c) (Int32, UnsafeMutableRawPointer?) -> Void = { _, context in
  guard let context else { return }
  context.assumingMemoryBound(to: RowStore.self).pointee.recordReady = true
}

/// libcsv's space test: nothing is a space, so nothing is trimmed (§2, §8).
private let noSpace: @convention(c) (UInt8) -> Int32 = { _ in 0 }

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

/// Streams one CSV file through libcsv, which does the parsing (strict RFC 4180, nothing
/// trimmed), and adds what libcsv cannot tell (§8): physical line numbers, bare CR, NUL, UTF-8,
/// the 64 KiB field cap, and which strict rule a malformed record broke. Lines are fed one at a
/// time (at most `feedLimit` bytes per call), so libcsv's state after each feed says where a
/// record or a quoted field began. Memory stays constant.
final class CSVReader {
  static let chunkSize = 128 * 1024
  /// The most bytes one `csv_parse` call gets. Not more than `maxFieldBytes`: then a field over
  /// the cap cannot begin and end within one feed, so the field it is and whether it is quoted
  /// are known from the state before that feed.
  static let feedLimit = maxFieldBytes
  /// The longest header row (issue 15: a header read from a pipe is recorded for the load pass).
  static let maxHeaderBytes = maxFieldBytes

  let path: String
  private var descriptor: Int32
  /// The bytes read, after at most 3 bytes kept from the previous read (see `holdBack`).
  private let chunk: UnsafeMutablePointer<UInt8>
  private let parser: UnsafeMutablePointer<csv_parser>
  let row: UnsafeMutablePointer<RowStore>
  /// Raw bytes of the current record that came in earlier chunks (for `--rejects`).
  private var carry: [UInt8] = []
  private static let maxCarry = 4 << 20

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
  /// `reallocate` grows the row buffer (tests: one that fails).
  init(path: String, handoff: StreamHandoff? = nil, reallocate: Reallocate = systemReallocate) throws {
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
    chunk = .allocate(capacity: CSVReader.chunkSize + 4)
    parser = .allocate(capacity: 1)
    row = .allocate(capacity: 1)
    let initial = 64 * 1024
    guard let buffer = malloc(initial) else {
      close(descriptor)
      chunk.deallocate()
      parser.deallocate()
      row.deallocate()
      throw ImportError.outOfMemory
    }
    row.initialize(
      to: RowStore(
        buffer: buffer.assumingMemoryBound(to: UInt8.self), capacity: initial, used: 0,
        offsets: .allocate(capacity: maxStoredFields),
        lengths: .allocate(capacity: maxStoredFields), fieldCount: 0, recordReady: false,
        fieldsSeen: 0, overflow: false, outOfMemory: false, reallocate: reallocate))
    _ = csv_init(parser, UInt8(CSV_STRICT | CSV_STRICT_FINI))
    csv_set_blk_size(parser, 4096)
    csv_set_space_func(parser, noSpace)
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

  /// The raw bytes of the current record (line end included) when they all lie in the current
  /// chunk, nil when the record began in an earlier one.
  var recordBytesInChunk: UnsafeBufferPointer<UInt8>? {
    guard carry.isEmpty else { return nil }
    return UnsafeBufferPointer(start: chunk + recordChunkStart, count: max(0, recordChunkEnd - recordChunkStart))
  }

  /// `bytes` as a record's text, without its line end.
  static func recordText(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
    var count = bytes.count
    while count > 0, bytes[count - 1] == CSVScan.lf || bytes[count - 1] == CSVScan.cr { count -= 1 }
    return String(decoding: UnsafeBufferPointer(rebasing: bytes[0..<count]), as: UTF8.self)
  }

  /// The raw text of the current record, without its line end.
  func recordText() -> String {
    var bytes = carry
    if recordChunkEnd > recordChunkStart {
      bytes.append(
        contentsOf: UnsafeBufferPointer(
          start: chunk + recordChunkStart, count: recordChunkEnd - recordChunkStart))
    }
    while let last = bytes.last, last == CSVScan.lf || last == CSVScan.cr { bytes.removeLast() }
    return String(decoding: bytes, as: UTF8.self)
  }

  private static let utf16Reason = "the file is UTF-16: save it as UTF-8"
  private static let bareCRReason =
    "carriage return (CR) without a line feed: use LF or CRLF line ends"

  /// The handler asked to stop.
  private struct Stop: Error {}

  /// Reads the whole file, calling `handler` once per record (the header included) with this
  /// reader positioned on it; `handler` returns false to stop. Throws `StructuralError` when the
  /// CSV structure is broken, `ImportError.unreadable` when the file cannot be read.
  func run(
    progress: (Int64) -> Void = { _ in },
    handler: (CSVReader) -> Bool
  ) throws {
    do {
      try scan(progress: progress, handler: handler)
    } catch is Stop {
      return
    }
  }

  private func scan(progress: (Int64) -> Void, handler: (CSVReader) -> Bool) throws {
    // libcsv's parser states (libcsv.c).
    let fieldBegun: Int32 = 2
    let fieldMightHaveEnded: Int32 = 3

    let chunk = self.chunk
    let parser = self.parser
    let row = self.row
    var line = 1
    /// A record has begun (its first line seen) and not been delivered yet.
    var inRecord = false
    var recordsDelivered = 0
    var headerBytes = 0
    /// The line where the open quoted field began.
    var quoteLine = 0
    var held = 0
    var limit = 0
    var firstChunk = true
    /// libcsv's space test is `noSpace` (for this line).
    var spaceTestSet = true

    /// libcsv is inside a quoted field (a quote seen there may still be the closing one).
    @inline(__always) func inQuotedField() -> Bool {
      let state = parser.pointee.pstate
      return parser.pointee.quoted != 0 && (state == fieldBegun || state == fieldMightHaveEnded)
    }

    @inline(__always) func markByteError(_ reason: @autoclosure () -> String) {
      if byteError == nil { byteError = ByteError(field: row.pointee.fieldCount, reason: reason()) }
    }

    func tooLong(field: Int, quoted: Bool) -> StructuralError {
      // A field of NUL bytes (a sparse or binary file) ends here too: its first NUL is the cause.
      if let byteError, byteError.field == field, byteError.reason.hasPrefix("contains a NUL") {
        return StructuralError(line: recordLine, field: field, reason: byteError.reason)
      }
      if quoted {
        return StructuralError(
          line: quoteLine, field: field,
          reason:
            "quoted field longer than 65536 bytes (64 KiB) from this line on: is a closing quote missing?"
        )
      }
      return StructuralError(
        line: recordLine, field: field, reason: "field longer than 65536 bytes (64 KiB)")
    }

    func malformed() -> StructuralError {
      let field = row.pointee.fieldCount
      guard csv_error(parser) == CSV_EPARSE else {
        return StructuralError(
          line: recordLine, field: nil,
          reason: "malformed CSV (\(String(cString: csv_strerror(csv_error(parser)))))")
      }
      // libcsv stops at the offending byte with one message for every strict rule.
      if parser.pointee.pstate == fieldMightHaveEnded {
        return StructuralError(
          line: recordLine, field: field,
          reason: "text after a closing quote: a quote inside a quoted field is written \"\"")
      }
      return StructuralError(
        line: recordLine, field: field,
        reason: "quote inside an unquoted field: quote the whole field and double the quote")
    }

    func deliver(end: Int) throws {
      recordChunkEnd = end
      recordsDelivered += 1
      let goOn = handler(self)
      row.pointee.used = 0
      row.pointee.fieldCount = 0
      row.pointee.recordReady = false
      byteError = nil
      if !carry.isEmpty { carry.removeAll(keepingCapacity: true) }
      inRecord = false
      if !goOn { throw Stop() }
    }

    /// Hands `start..<end` (within one line) to libcsv and checks what it did.
    func feed(_ start: Int, _ end: Int) throws {
      var from = start
      while from < end {
        let to = min(end, from + CSVReader.feedLimit)
        let fieldsBefore = row.pointee.fieldsSeen
        let fieldBefore = row.pointee.fieldCount
        let quotedBefore = inQuotedField()
        let parsed = csv_parse(parser, chunk + from, to - from, onField, onRecord, row)
        if row.pointee.outOfMemory { throw ImportError.outOfMemory }
        if row.pointee.overflow {
          // The field open before this feed ended over the cap (it cannot fit in one feed).
          throw tooLong(field: fieldBefore, quoted: quotedBefore)
        }
        let pending = parser.pointee.pstate == fieldMightHaveEnded ? 1 : 0
        if parser.pointee.entry_pos - pending > maxFieldBytes {
          throw tooLong(field: row.pointee.fieldCount, quoted: inQuotedField())
        }
        if parsed != to - from { throw malformed() }
        if inQuotedField() && (!quotedBefore || row.pointee.fieldsSeen != fieldsBefore) {
          quoteLine = line
        }
        if recordsDelivered == 0 {
          headerBytes += to - from
          if headerBytes > CSVReader.maxHeaderBytes {
            if let byteError, byteError.reason.hasPrefix("contains a NUL") {
              throw StructuralError(line: recordLine, field: byteError.field, reason: byteError.reason)
            }
            throw StructuralError(
              line: recordLine, field: nil, reason: "header row longer than 65536 bytes (64 KiB)")
          }
        }
        if row.pointee.recordReady { try deliver(end: to) }
        from = to
      }
    }

    /// Scans one line (`start..<end`, ending after its LF unless it is the last piece read so
    /// far) for NUL, CR and UTF-8, feeding libcsv up to each finding.
    func scanLine(_ start: Int, _ end: Int) throws {
      // A CRLF line end needs no look: libcsv ends the record at the CR, or keeps both bytes
      // inside a quoted field.
      let scanEnd =
        end - start >= 2 && chunk[end - 1] == CSVScan.lf && chunk[end - 2] == CSVScan.cr
        ? end - 2 : end
      // libcsv trims spaces and tabs around unquoted fields and after a closing quote unless
      // its space test says nothing is a space (§8). That test is a call per byte, so it is
      // set only for a line that has a space or tab where libcsv would trim or skip it.
      let (special, anyBlank) = CSVScan.firstSpecialAndBlank(chunk, from: start, to: scanEnd)
      let blanks = anyBlank && CSVScan.hasEdgeBlank(chunk, from: start, to: end)
      if blanks != spaceTestSet {
        csv_set_space_func(parser, blanks ? noSpace : nil)
        spaceTestSet = blanks
      }
      var fed = start
      var index = special
      while index < scanEnd {
        let byte = chunk[index]
        var next = index + 1
        if byte >= 0x80 {
          let sequence = CSVScan.utf8Sequence(chunk, at: index, end: scanEnd)
          if let invalidAt = sequence.invalidAt {
            if byteError == nil {
              try feed(fed, invalidAt)
              fed = invalidAt
              markByteError(CSVScan.invalidUTF8Reason(sequence.lead))
            }
            next = max(invalidAt, next)
          } else {
            next = sequence.next
          }
        } else if byte == 0 {
          if byteError == nil {
            try feed(fed, index)
            fed = index
            markByteError("contains a NUL byte")
          }
        } else {  // CR not followed by LF: a line end libcsv would take, unless inside quotes
          try feed(fed, index)
          fed = index
          guard parser.pointee.quoted != 0 && parser.pointee.pstate == fieldBegun else {
            throw StructuralError(line: recordLine, field: nil, reason: CSVReader.bareCRReason)
          }
        }
        index = CSVScan.firstSpecial(chunk, from: next, to: scanEnd)
      }
      try feed(fed, end)
    }

    carry.removeAll(keepingCapacity: true)
    while true {
      var n = 0
      while true {
        let room = CSVReader.chunkSize
        if replayOffset < replay.count {
          n = min(room, replay.count - replayOffset)
          replay.withUnsafeBufferPointer { bytes in
            if let base = bytes.baseAddress { (chunk + held).update(from: base + replayOffset, count: n) }
          }
          replayOffset += n
          break
        }
        n = read(descriptor, chunk + held, room)
        if n < 0 && errno == EINTR { continue }
        if n > 0, let handoff, handoff.isRecording {
          handoff.recorded.append(contentsOf: UnsafeBufferPointer(start: chunk + held, count: n))
        }
        break
      }
      if n < 0 {
        throw ImportError.unreadable(path: path, reason: String(cString: strerror(errno)))
      }
      let atEnd = n == 0
      bytesRead += Int64(n)
      var start = 0
      if firstChunk && n > 0 {
        firstChunk = false
        if n >= 3 && chunk[0] == 0xEF && chunk[1] == 0xBB && chunk[2] == 0xBF {
          start = 3
        } else if n >= 2
          && ((chunk[0] == 0xFF && chunk[1] == 0xFE) || (chunk[0] == 0xFE && chunk[1] == 0xFF))
        {
          throw StructuralError(line: 1, field: nil, reason: CSVReader.utf16Reason)
        }
      }
      let available = held + n
      limit = atEnd ? available : available - CSVScan.holdBack(chunk, from: start, to: available)
      recordChunkStart = start
      var lineStart = start
      while lineStart < limit {
        let found = memchr(chunk + lineStart, Int32(CSVScan.lf), limit - lineStart)
        let lineEnd = found.map { $0.assumingMemoryBound(to: UInt8.self) - chunk + 1 } ?? limit
        if !inRecord {
          let length = lineEnd - lineStart
          if found != nil && (length == 1 || (length == 2 && chunk[lineStart] == CSVScan.cr)) {
            emptyLines += 1
            line += 1
            lineStart = lineEnd
            continue
          }
          inRecord = true
          recordLine = line
          recordChunkStart = lineStart
        }
        try scanLine(lineStart, lineEnd)
        if found != nil { line += 1 }
        lineStart = lineEnd
      }
      if atEnd { break }
      if inRecord && carry.count < CSVReader.maxCarry {
        carry.append(
          contentsOf: UnsafeBufferPointer(start: chunk + recordChunkStart, count: limit - recordChunkStart))
      }
      held = available - limit
      if held > 0 { memmove(chunk, chunk + limit, held) }
      progress(bytesRead)
    }
    if parser.pointee.quoted != 0 && parser.pointee.pstate == fieldBegun {
      throw StructuralError(
        line: quoteLine, field: row.pointee.fieldCount,
        reason: "unterminated quoted field: the quote opened here is never closed")
    }
    // The last record may lack its line end: csv_fini delivers it.
    recordChunkEnd = limit
    let finished = csv_fini(parser, onField, onRecord, row)
    if row.pointee.outOfMemory { throw ImportError.outOfMemory }
    if finished != 0 { throw malformed() }
    if row.pointee.recordReady && inRecord { try deliver(end: limit) }
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
