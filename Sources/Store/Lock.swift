import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// An exclusive advisory lock on `<db>.lock` (flock, released by the kernel when the process
/// dies, even on `kill -9`). The holder writes its pid and start time into the file so a
/// second process can say who holds it.
public final class DatabaseLock: @unchecked Sendable {
  public let path: String
  private var descriptor: Int32

  private init(path: String, descriptor: Int32) {
    self.path = path
    self.descriptor = descriptor
  }

  /// Takes the lock for the database at `databasePath`, waiting up to `waitSeconds`
  /// (0: fail at once with `StoreError.locked`).
  public static func acquire(
    databasePath: String, waitSeconds: Double = 0, now: () -> Date = Date.init
  ) throws -> DatabaseLock {
    let path = databasePath + ".lock"
    let descriptor = Glibc.open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
    guard descriptor >= 0 else {
      throw StoreError.cannotOpen(
        path: path, reason: String(cString: strerror(errno)))
    }
    let deadline = Date().addingTimeInterval(max(0, waitSeconds))
    while flock(descriptor, LOCK_EX | LOCK_NB) != 0 {
      if Date() >= deadline {
        let holder = DatabaseLock.describeHolder(descriptor: descriptor)
        close(descriptor)
        throw StoreError.locked(path: databasePath, holder: holder)
      }
      usleep(50_000)
    }
    let lock = DatabaseLock(path: path, descriptor: descriptor)
    let stamp = ISO8601DateFormatter().string(from: now())
    let text = "pid \(getpid()) since \(stamp)\n"
    _ = ftruncate(descriptor, 0)
    _ = text.withCString { pwrite(descriptor, $0, strlen($0), 0) }
    return lock
  }

  private static func describeHolder(descriptor: Int32) -> String {
    var buffer = [UInt8](repeating: 0, count: 256)
    let count = pread(descriptor, &buffer, 255, 0)
    guard count > 0 else { return "another neocloud process" }
    let text = String(decoding: buffer[0..<count], as: UTF8.self)
      .trimmingCharacters(in: .whitespacesAndNewlines)
    return text.isEmpty ? "another neocloud process" : "another neocloud process (\(text))"
  }

  /// Releases the lock (also done on deinit).
  public func release() {
    guard descriptor >= 0 else { return }
    flock(descriptor, LOCK_UN)
    close(descriptor)
    descriptor = -1
  }

  deinit { release() }
}
