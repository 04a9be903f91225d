import Foundation
import TestSupport
import Testing

@testable import Import

/// `CSVReader` (libcsv plus the byte scanner) against a plain byte-by-byte reading of DESIGN §2,
/// written the way the reader's earlier hand-made state machine read: random short files of
/// spaces, tabs, commas, quotes, line ends, NUL and non-UTF-8 bytes must give the same records
/// (fields untrimmed, physical start lines, the first byte problem) and the same first error.
@Suite struct CSVReaderDifferentialTests {
  struct Record: Equatable {
    var line: Int
    var fields: [[UInt8]]
    var byteError: ByteError?
  }

  struct Outcome: Equatable {
    var records: [Record]
    var error: StructuralError?
    var emptyLines: Int
  }

  /// A deterministic generator (xorshift), so a failure can be replayed.
  struct Random {
    var state: UInt64
    mutating func next(_ bound: Int) -> Int {
      state ^= state << 13
      state ^= state >> 7
      state ^= state << 17
      return Int(state % UInt64(bound))
    }
  }

  static let tokens: [[UInt8]] = [
    [0x61], [0x61, 0x62], [0x20], [0x09], [0x2C], [0x2C], [0x22], [0x22, 0x22], [0x0A], [0x0D],
    [0x0D, 0x0A], [0x00], [0xFF], [0xC3, 0xA9],
  ]

  static let bareCR = "carriage return (CR) without a line feed: use LF or CRLF line ends"
  static let quoteInside =
    "quote inside an unquoted field: quote the whole field and double the quote"
  static let textAfter = "text after a closing quote: a quote inside a quoted field is written \"\""
  static let unterminated = "unterminated quoted field: the quote opened here is never closed"

  /// The reference reading.
  static func reference(_ bytes: [UInt8]) -> Outcome {
    enum State { case fieldStart, unquoted, quoted, quoteSeen }
    var outcome = Outcome(records: [], error: nil, emptyLines: 0)
    var state = State.fieldStart
    var line = 1
    var recordLine = 0
    var quoteLine = 0
    var atRecordStart = true
    var afterCR = false
    var fields: [[UInt8]] = []
    var current: [UInt8] = []
    var byteError: ByteError?
    func mark(_ reason: String) {
      if byteError == nil { byteError = ByteError(field: fields.count, reason: reason) }
    }
    func endField() {
      fields.append(current)
      current = []
    }
    func endRecord() {
      endField()
      outcome.records.append(Record(line: recordLine, fields: fields, byteError: byteError))
      fields = []
      byteError = nil
      atRecordStart = true
      state = .fieldStart
    }
    func fail(_ line: Int, _ field: Int?, _ reason: String) -> Outcome {
      outcome.error = StructuralError(line: line, field: field, reason: reason)
      return outcome
    }
    var index = 0
    while index < bytes.count {
      let byte = bytes[index]
      index += 1
      if afterCR {
        guard byte == 0x0A else { return fail(atRecordStart ? line : recordLine, nil, bareCR) }
        afterCR = false
      }
      if byte == 0xFF { mark(CSVScan.invalidUTF8Reason(0xFF)) }
      switch state {
      case .quoted:
        if byte == 0x22 {
          state = .quoteSeen
        } else {
          if byte == 0x0A { line += 1 }
          if byte == 0 { mark("contains a NUL byte") }
          current.append(byte)
        }
      case .unquoted, .quoteSeen:
        if byte == 0x2C {
          endField()
          state = .fieldStart
        } else if byte == 0x0A {
          endRecord()
          line += 1
        } else if byte == 0x0D {
          afterCR = true
        } else if state == .quoteSeen && byte == 0x22 {
          current.append(byte)
          state = .quoted
        } else if state == .quoteSeen {
          return fail(recordLine, fields.count, textAfter)
        } else if byte == 0x22 {
          return fail(recordLine, fields.count, quoteInside)
        } else {
          if byte == 0 { mark("contains a NUL byte") }
          current.append(byte)
        }
      case .fieldStart:
        if byte == 0x0A {
          if atRecordStart {
            outcome.emptyLines += 1
          } else {
            endRecord()
          }
          line += 1
        } else if byte == 0x0D {
          afterCR = true
        } else {
          if atRecordStart {
            atRecordStart = false
            recordLine = line
          }
          if byte == 0x22 {
            state = .quoted
            quoteLine = line
          } else if byte == 0x2C {
            endField()
          } else {
            if byte == 0 { mark("contains a NUL byte") }
            current.append(byte)
            state = .unquoted
          }
        }
      }
    }
    if afterCR { return fail(atRecordStart ? line : recordLine, nil, bareCR) }
    if state == .quoted { return fail(quoteLine, fields.count, unterminated) }
    if !atRecordStart { endRecord() }
    return outcome
  }

  static func read(_ path: String) throws -> Outcome {
    var outcome = Outcome(records: [], error: nil, emptyLines: 0)
    let reader = try CSVReader(path: path)
    do {
      try reader.run { reader in
        let fields = (0..<reader.fieldCount).map { index in
          let (pointer, length) = reader.field(index)
          return Array(UnsafeBufferPointer(start: pointer, count: length))
        }
        outcome.records.append(
          Record(line: reader.recordLine, fields: fields, byteError: reader.byteError))
        return true
      }
    } catch let error as StructuralError {
      outcome.error = error
    }
    outcome.emptyLines = reader.emptyLines
    if outcome.error != nil { outcome.emptyLines = 0 }
    return outcome
  }

  @Test func randomFilesReadAsTheReferenceReadsThem() throws {
    let directory = try TemporaryDirectory(prefix: "neocloud-csv-reader")
    var random = Random(state: 0x2545_F491_4F6C_DD1D)
    var errors = 0
    for _ in 0..<1000 {
      var bytes: [UInt8] = []
      // The first byte is never 0xEF/0xFF/0xFE, so no byte order mark is read.
      bytes.append(0x61)
      for _ in 0..<random.next(24) { bytes += Self.tokens[random.next(Self.tokens.count)] }
      let path = directory.file("case.csv")
      try Data(bytes).write(to: URL(fileURLWithPath: path))
      var expected = Self.reference(bytes)
      if expected.error != nil { expected.emptyLines = 0 }
      let found = try Self.read(path)
      if expected.error != nil { errors += 1 }
      #expect(found == expected, "\(bytes)")
      if found != expected { break }
    }
    // Both kinds of outcome were exercised.
    #expect(errors > 50 && errors < 950, "\(errors) of 1000 random files had a structural error")
  }
}
