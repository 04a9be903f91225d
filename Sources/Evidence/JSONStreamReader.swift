/// A pull reader of one JSON document fed in chunks, so memory stays flat whatever the
/// document's size: it holds one chunk, the container stack and the string being read, never
/// the document. Only the values a caller asks for are materialized; `skipValue()` walks the
/// rest without keeping it. Limits: total bytes (`maxBytes`), nesting depth, and the length of a
/// kept string; each is an error, not a crash. Locations are 1-based lines and byte columns.
package struct JSONStreamReader {
  package enum Token: Equatable, Sendable {
    case beginObject, endObject, beginArray, endArray
    case key(String)
    case string(String)
    case number(String)
    case bool(Bool)
    case null
  }

  private enum Container {
    case object, array
  }

  /// What the grammar allows next inside the current container (or at the top level).
  private enum Expect {
    case value  // top-level value, a value after ':' or after ',' in an array
    case keyOrEnd  // right after '{'
    case key  // after ',' in an object
    case colon
    case valueOrEnd  // right after '['
    case commaOrEnd
    case done  // the top-level value is complete
  }

  package let file: String
  private let source: () throws -> [UInt8]?
  private let maxBytes: Int
  private let maxDepth: Int
  private let maxStringBytes: Int

  private var chunk: [UInt8] = []
  private var position = 0
  private var consumed = 0  // bytes before `chunk`
  private var finished = false
  private var stack: [Container] = []
  private var expect = Expect.value
  package private(set) var line = 1
  package private(set) var column = 1

  /// `source` returns the next chunk, or nil at the end of the input.
  package init(
    file: String, maxBytes: Int, maxDepth: Int = 64, maxStringBytes: Int = 65_536,
    source: @escaping () throws -> [UInt8]?
  ) {
    self.file = file
    self.source = source
    self.maxBytes = maxBytes
    self.maxDepth = maxDepth
    self.maxStringBytes = maxStringBytes
  }

  /// A reader over bytes already in memory (tests, small inputs).
  package init(file: String, bytes: [UInt8], maxBytes: Int = .max) {
    var given = false
    self.init(file: file, maxBytes: maxBytes) {
      if given { return nil }
      given = true
      return bytes
    }
  }

  // MARK: Tokens

  /// The next token, or nil once the document is complete (trailing content is an error).
  package mutating func next() throws -> Token? {
    try nextToken(keep: true)
  }

  /// Reads the next token without materializing strings or numbers (they come back empty).
  private mutating func nextToken(keep: Bool) throws -> Token? {
    try skipWhitespace()
    guard let byte = try peek() else {
      if expect == .done { return nil }
      throw EvidenceError.truncated(file: file, line: line, column: column)
    }
    switch expect {
    case .done:
      throw syntax("unexpected \(describe(byte)) after the end of the document")
    case .colon:
      guard byte == UInt8(ascii: ":") else { throw syntax("expected ':' but found \(describe(byte))") }
      advance()
      expect = .value
      return try nextToken(keep: keep)
    case .commaOrEnd:
      if byte == UInt8(ascii: ",") {
        advance()
        expect = stack.last == .object ? .key : .value
        return try nextToken(keep: keep)
      }
      return try closeContainer(byte)
    case .keyOrEnd, .key:
      if expect == .keyOrEnd, byte == UInt8(ascii: "}") { return try closeContainer(byte) }
      guard byte == UInt8(ascii: "\"") else {
        throw syntax("expected a quoted key but found \(describe(byte))")
      }
      let key = try readString(keep: true)
      expect = .colon
      return .key(key)
    case .valueOrEnd:
      if byte == UInt8(ascii: "]") { return try closeContainer(byte) }
      return try readValueStart(byte, keep: keep)
    case .value:
      return try readValueStart(byte, keep: keep)
    }
  }

  private mutating func closeContainer(_ byte: UInt8) throws -> Token {
    let container = stack.last
    if byte == UInt8(ascii: "}"), container == .object {
      advance()
      stack.removeLast()
      afterValue()
      return .endObject
    }
    if byte == UInt8(ascii: "]"), container == .array {
      advance()
      stack.removeLast()
      afterValue()
      return .endArray
    }
    let wanted = container == .object ? "',' or '}'" : "',' or ']'"
    throw syntax("expected \(wanted) but found \(describe(byte))")
  }

  private mutating func afterValue() {
    expect = stack.isEmpty ? .done : .commaOrEnd
  }

  private mutating func readValueStart(_ byte: UInt8, keep: Bool) throws -> Token {
    switch byte {
    case UInt8(ascii: "{"), UInt8(ascii: "["):
      guard stack.count < maxDepth else { throw syntax("nesting deeper than \(maxDepth) levels") }
      advance()
      let isObject = byte == UInt8(ascii: "{")
      stack.append(isObject ? .object : .array)
      expect = isObject ? .keyOrEnd : .valueOrEnd
      return isObject ? .beginObject : .beginArray
    case UInt8(ascii: "\""):
      let text = try readString(keep: keep)
      afterValue()
      return .string(text)
    case UInt8(ascii: "t"):
      try readLiteral("true")
      afterValue()
      return .bool(true)
    case UInt8(ascii: "f"):
      try readLiteral("false")
      afterValue()
      return .bool(false)
    case UInt8(ascii: "n"):
      try readLiteral("null")
      afterValue()
      return .null
    case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
      let number = try readNumber()
      afterValue()
      return .number(keep ? number : "")
    default:
      throw syntax("unexpected \(describe(byte))")
    }
  }

  // MARK: Structured reading

  /// Skips the next value whole (a scalar, or an object or array with everything in it).
  package mutating func skipValue() throws {
    guard let token = try nextToken(keep: false) else {
      throw EvidenceError.truncated(file: file, line: line, column: column)
    }
    var depth: Int
    switch token {
    case .beginObject, .beginArray: depth = 1
    default: return
    }
    while depth > 0 {
      guard let inner = try nextToken(keep: false) else {
        throw EvidenceError.truncated(file: file, line: line, column: column)
      }
      switch inner {
      case .beginObject, .beginArray: depth += 1
      case .endObject, .endArray: depth -= 1
      default: break
      }
    }
  }

  /// Reads an object, calling `field` with each key; `field` must consume the value (read or skip it).
  package mutating func readObject(at path: String, _ field: (inout JSONStreamReader, String) throws -> Void)
    throws
  {
    guard let token = try next() else {
      throw EvidenceError.truncated(file: file, line: line, column: column)
    }
    guard token == .beginObject else {
      throw EvidenceError.wrongShape(file: file, path: path, expected: "an object, not \(kindName(token))")
    }
    while true {
      guard let inner = try next() else {
        throw EvidenceError.truncated(file: file, line: line, column: column)
      }
      switch inner {
      case .endObject: return
      case .key(let key): try field(&self, key)
      default: throw syntax("unexpected token in object")  // unreachable: the grammar allows only keys
      }
    }
  }

  /// Reads an array, calling `element` with each index; `element` must consume the value.
  package mutating func readArray(at path: String, _ element: (inout JSONStreamReader, Int) throws -> Void) throws {
    guard let token = try next() else {
      throw EvidenceError.truncated(file: file, line: line, column: column)
    }
    guard token == .beginArray else {
      throw EvidenceError.wrongShape(file: file, path: path, expected: "an array, not \(kindName(token))")
    }
    var index = 0
    while true {
      try skipWhitespace()
      if expect == .valueOrEnd || expect == .commaOrEnd, try peek() == UInt8(ascii: "]") {
        _ = try next()
        return
      }
      if expect == .commaOrEnd {
        guard try peek() == UInt8(ascii: ",") else {
          guard let byte = try peek() else {
            throw EvidenceError.truncated(file: file, line: line, column: column)
          }
          throw syntax("expected ',' or ']' but found \(describe(byte))")
        }
        advance()
        expect = .value
      }
      try element(&self, index)
      index += 1
    }
  }

  /// A string, or nil for `null`; any other value is a shape error at `path`.
  package mutating func readOptionalString(at path: String) throws -> String? {
    guard let token = try next() else {
      throw EvidenceError.truncated(file: file, line: line, column: column)
    }
    switch token {
    case .string(let text): return text
    case .null: return nil
    case .beginObject, .beginArray:
      throw EvidenceError.wrongShape(file: file, path: path, expected: "a string, not \(kindName(token))")
    default:
      throw EvidenceError.wrongShape(file: file, path: path, expected: "a string, not \(kindName(token))")
    }
  }

  /// Whether the next value is an object or an array (nothing is consumed but a pending ':').
  package mutating func nextValueIsContainer() throws -> Bool {
    try skipWhitespace()
    if expect == .colon {
      guard let byte = try peek() else { throw EvidenceError.truncated(file: file, line: line, column: column) }
      guard byte == UInt8(ascii: ":") else { throw syntax("expected ':' but found \(describe(byte))") }
      advance()
      expect = .value
      try skipWhitespace()
    }
    guard let byte = try peek() else { throw EvidenceError.truncated(file: file, line: line, column: column) }
    return byte == UInt8(ascii: "{") || byte == UInt8(ascii: "[")
  }

  /// Reads to the end of the input and checks nothing but whitespace follows the document.
  package mutating func finish() throws {
    guard expect == .done else {
      throw EvidenceError.truncated(file: file, line: line, column: column)
    }
    if let token = try next() { throw syntax("unexpected \(kindName(token)) after the end of the document") }
  }

  // MARK: Bytes

  private mutating func peek() throws -> UInt8? {
    while position == chunk.count {
      if finished { return nil }
      consumed += chunk.count
      guard let more = try source() else {
        finished = true
        chunk = []
        position = 0
        return nil
      }
      chunk = more
      position = 0
      if consumed + chunk.count > maxBytes { throw EvidenceError.tooLarge(file: file, limitBytes: maxBytes) }
    }
    return chunk[position]
  }

  private mutating func advance() {
    if chunk[position] == UInt8(ascii: "\n") {
      line += 1
      column = 1
    } else {
      column += 1
    }
    position += 1
  }

  private mutating func skipWhitespace() throws {
    while let byte = try peek(),
      byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\t")
        || byte == UInt8(ascii: "\r")
    {
      advance()
    }
  }

  private mutating func readLiteral(_ word: String) throws {
    for expected in word.utf8 {
      guard let byte = try peek() else { throw EvidenceError.truncated(file: file, line: line, column: column) }
      guard byte == expected else { throw syntax("unexpected \(describe(byte))") }
      advance()
    }
    try checkDelimiter()
  }

  /// After a literal or number, the next byte must end the token.
  private mutating func checkDelimiter() throws {
    guard let byte = try peek() else { return }
    switch byte {
    case UInt8(ascii: ","), UInt8(ascii: "]"), UInt8(ascii: "}"), UInt8(ascii: " "), UInt8(ascii: "\n"),
      UInt8(ascii: "\t"), UInt8(ascii: "\r"):
      return
    default: throw syntax("unexpected \(describe(byte))")
    }
  }

  private mutating func readNumber() throws -> String {
    var text: [UInt8] = []
    func isDigit(_ byte: UInt8?) -> Bool { byte.map { $0 >= 48 && $0 <= 57 } ?? false }
    func take(_ byte: UInt8) {
      if text.count < 64 { text.append(byte) }
    }
    if try peek() == UInt8(ascii: "-") {
      take(UInt8(ascii: "-"))
      advance()
    }
    guard let first = try peek() else { throw EvidenceError.truncated(file: file, line: line, column: column) }
    guard isDigit(first) else { throw syntax("expected a digit but found \(describe(first))") }
    if first == UInt8(ascii: "0") {
      take(first)
      advance()
    } else {
      while let byte = try peek(), isDigit(byte) {
        take(byte)
        advance()
      }
    }
    if try peek() == UInt8(ascii: ".") {
      take(UInt8(ascii: "."))
      advance()
      guard isDigit(try peek()) else { throw syntax("expected a digit after '.'") }
      while let byte = try peek(), isDigit(byte) {
        take(byte)
        advance()
      }
    }
    if let byte = try peek(), byte == UInt8(ascii: "e") || byte == UInt8(ascii: "E") {
      take(byte)
      advance()
      if let sign = try peek(), sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") {
        take(sign)
        advance()
      }
      guard isDigit(try peek()) else { throw syntax("expected a digit in the exponent") }
      while let byte = try peek(), isDigit(byte) {
        take(byte)
        advance()
      }
    }
    try checkDelimiter()
    return String(decoding: text, as: UTF8.self)
  }

  /// Reads a string starting at its opening quote. With `keep`, returns its text (at most
  /// `maxStringBytes` bytes of UTF-8, else an error); without, validates and drops it.
  private mutating func readString(keep: Bool) throws -> String {
    let startLine = line
    let startColumn = column
    advance()  // the opening quote
    var bytes: [UInt8] = []
    while true {
      guard let byte = try peek() else {
        throw EvidenceError.truncated(file: file, line: line, column: column)
      }
      if byte == UInt8(ascii: "\"") {
        advance()
        break
      }
      if byte < 0x20 { throw syntax("a control character inside a string") }
      if byte != UInt8(ascii: "\\") {
        // Plain bytes up to the next quote, backslash or control byte, taken in one run.
        var end = position
        while end < chunk.count {
          let next = chunk[end]
          if next == UInt8(ascii: "\"") || next == UInt8(ascii: "\\") || next < 0x20 { break }
          end += 1
        }
        if keep { bytes.append(contentsOf: chunk[position..<end]) }
        column += end - position
        position = end
      } else {
        advance()
        try readEscape(into: &bytes, keep: keep)
      }
      if keep, bytes.count > maxStringBytes {
        throw EvidenceError.malformedJSON(
          file: file, line: startLine, column: startColumn,
          reason: "a string longer than \(maxStringBytes / 1024) KiB")
      }
    }
    guard keep else { return "" }
    guard let text = String(validating: bytes, as: UTF8.self) else {
      throw EvidenceError.malformedJSON(
        file: file, line: startLine, column: startColumn, reason: "a string that is not valid UTF-8")
    }
    return text
  }

  private mutating func readEscape(into bytes: inout [UInt8], keep: Bool) throws {
    guard let byte = try peek() else { throw EvidenceError.truncated(file: file, line: line, column: column) }
    advance()
    let simple: UInt8?
    switch byte {
    case UInt8(ascii: "\""): simple = UInt8(ascii: "\"")
    case UInt8(ascii: "\\"): simple = UInt8(ascii: "\\")
    case UInt8(ascii: "/"): simple = UInt8(ascii: "/")
    case UInt8(ascii: "b"): simple = 0x08
    case UInt8(ascii: "f"): simple = 0x0C
    case UInt8(ascii: "n"): simple = 0x0A
    case UInt8(ascii: "r"): simple = 0x0D
    case UInt8(ascii: "t"): simple = 0x09
    case UInt8(ascii: "u"): simple = nil
    default: throw syntax("an invalid escape '\\\(describeRaw(byte))'")
    }
    if let simple {
      if keep { bytes.append(simple) }
      return
    }
    var scalar = try readHex4()
    if (0xD800...0xDBFF).contains(scalar) {
      // A high surrogate must be followed by an escaped low surrogate.
      guard try peek() == UInt8(ascii: "\\") else { throw syntax("an unpaired surrogate escape") }
      advance()
      guard try peek() == UInt8(ascii: "u") else { throw syntax("an unpaired surrogate escape") }
      advance()
      let low = try readHex4()
      guard (0xDC00...0xDFFF).contains(low) else { throw syntax("an unpaired surrogate escape") }
      scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
    } else if (0xDC00...0xDFFF).contains(scalar) {
      throw syntax("an unpaired surrogate escape")
    }
    if keep, let unicode = Unicode.Scalar(scalar) { bytes.append(contentsOf: Array(String(Character(unicode)).utf8)) }
  }

  private mutating func readHex4() throws -> UInt32 {
    var value: UInt32 = 0
    for _ in 0..<4 {
      guard let byte = try peek() else { throw EvidenceError.truncated(file: file, line: line, column: column) }
      let digit: UInt32
      switch byte {
      case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = UInt32(byte - 48)
      case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = UInt32(byte - 87)
      case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = UInt32(byte - 55)
      default: throw syntax("an invalid \\u escape")
      }
      advance()
      value = value * 16 + digit
    }
    return value
  }

  // MARK: Messages

  private func syntax(_ reason: String) -> EvidenceError {
    .malformedJSON(file: file, line: line, column: column, reason: reason)
  }

  private func describe(_ byte: UInt8) -> String {
    "'\(describeRaw(byte))'"
  }

  private func describeRaw(_ byte: UInt8) -> String {
    if byte >= 0x20, byte < 0x7F { return String(UnicodeScalar(byte)) }
    return "\\x" + String(byte, radix: 16, uppercase: true)
  }
}

/// How a token reads in a shape error: "a number", "an object", ...
func kindName(_ token: JSONStreamReader.Token) -> String {
  switch token {
  case .beginObject, .endObject: return "an object"
  case .beginArray, .endArray: return "an array"
  case .key, .string: return "a string"
  case .number: return "a number"
  case .bool: return "a boolean"
  case .null: return "null"
  }
}
