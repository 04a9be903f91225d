import Foundation

/// The last few key pairs (e.g. facility and provider) found valid, so that the rows of one
/// facility check their reference with a byte comparison instead of an index lookup. Plain
/// memory (keys are identifiers, at most 64 bytes each).
struct ReferenceCache {
  private static let slots = 4
  private static let width = 130  // two identifiers and their lengths
  private let storage: UnsafeMutablePointer<UInt8>
  private let lengths: UnsafeMutablePointer<(Int, Int)>
  private var next = 0

  init() {
    storage = .allocate(capacity: ReferenceCache.slots * ReferenceCache.width)
    lengths = .allocate(capacity: ReferenceCache.slots)
    lengths.initialize(repeating: (-1, -1), count: ReferenceCache.slots)
  }

  func deallocate() {
    storage.deallocate()
    lengths.deallocate()
  }

  @inline(__always) func contains(
    _ a: UnsafePointer<UInt8>, _ aLength: Int, _ b: UnsafePointer<UInt8>, _ bLength: Int
  ) -> Bool {
    for slot in 0..<ReferenceCache.slots {
      let (x, y) = lengths[slot]
      guard x == aLength, y == bLength else { continue }
      let base = storage + slot * ReferenceCache.width
      if memcmp(base, a, aLength) == 0 && memcmp(base + 65, b, bLength) == 0 { return true }
    }
    return false
  }

  mutating func insert(
    _ a: UnsafePointer<UInt8>, _ aLength: Int, _ b: UnsafePointer<UInt8>, _ bLength: Int
  ) {
    guard aLength <= 64, bLength <= 64 else { return }
    let base = storage + next * ReferenceCache.width
    memcpy(base, a, aLength)
    memcpy(base + 65, b, bLength)
    lengths[next] = (aLength, bLength)
    next = (next + 1) % ReferenceCache.slots
  }
}
