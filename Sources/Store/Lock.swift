import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// An exclusive advisory lock on `<db>.lock` (flock, released by the kernel when the process
/// dies, even on `kill -9`). The holder writes its pid and start time into the file so a
/// second process can say who holds it.
///
/// The lock belongs to the database file, not to the name it was reached by: the lock file is
/// named after the database's resolved path (every symbolic link shares it), and the database
/// file itself is flocked too (every hard link shares its inode). The lock file is opened
/// with `O_NOFOLLOW` and used only when it is a regular file with one link, owned by us or by
/// the database's owner; it is truncated only once we hold its flock.
package final class DatabaseLock: @unchecked Sendable {
  package let path: String
  private var descriptor: Int32
  private let identity: IdentityLock

  private init(path: String, descriptor: Int32, identity: IdentityLock) {
    self.path = path
    self.descriptor = descriptor
    self.identity = identity
  }

  /// Takes the lock for the database at `databasePath`, waiting up to `waitSeconds`
  /// (0: fail at once with `StoreError.locked`).
  package static func acquire(
    databasePath: String, waitSeconds: Double = 0, now: () -> Date = Date.init
  ) throws -> DatabaseLock {
    let files = DatabaseFiles(databasePath: databasePath)
    let path = files.lockPath
    let descriptor = try openLockFile(path, database: files.realPath)
    let identity = IdentityLock.forDatabase(files.realPath)
    let deadline = Date().addingTimeInterval(max(0, waitSeconds))
    while true {
      let lockFileTaken = flock(descriptor, LOCK_EX | LOCK_NB) == 0
      if lockFileTaken && identity.tryLock(releasingOnFailure: descriptor) { break }
      if Date() >= deadline {
        let holder =
          lockFileTaken
          ? "another neocloud process (through another name of the same file)"
          : DatabaseLock.describeHolder(descriptor: descriptor)
        close(descriptor)
        throw StoreError.locked(path: databasePath, holder: holder)
      }
      usleep(50_000)
    }
    let lock = DatabaseLock(path: path, descriptor: descriptor, identity: identity)
    let stamp = ISO8601DateFormatter().string(from: now())
    let text = "pid \(getpid()) since \(stamp)\n"
    // Safe now: the file is a regular one we may use, and we hold its flock.
    _ = ftruncate(descriptor, 0)
    _ = text.withCString { pwrite(descriptor, $0, strlen($0), 0) }
    return lock
  }

  /// Opens (creating when missing) the lock file without following a link, and refuses one
  /// that another user planted: a link, a FIFO, a hard link to some other file.
  private static func openLockFile(_ path: String, database: String) throws -> Int32 {
    var descriptor = open(path, O_RDWR | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o644)
    if descriptor >= 0 { return descriptor }
    if errno == EEXIST {
      descriptor = open(path, O_RDWR | O_NOFOLLOW | O_NOCTTY | O_NONBLOCK | O_CLOEXEC)
    }
    guard descriptor >= 0 else {
      if errno == ELOOP {
        throw StoreError.unsafeLockFile(path: path, reason: "it is a symbolic link")
      }
      throw StoreError.cannotOpen(path: path, reason: String(cString: strerror(errno)))
    }
    var info = stat()
    var owner = stat()
    let databaseOwner = stat(database, &owner) == 0 ? owner.st_uid : geteuid()
    var problem: String?
    if fstat(descriptor, &info) != 0 || info.st_mode & S_IFMT != S_IFREG {
      problem = "it is not a regular file"
    } else if info.st_nlink != 1 {
      problem = "it has \(info.st_nlink) hard links"
    } else if info.st_uid != geteuid() && info.st_uid != databaseOwner {
      problem = "it belongs to user \(info.st_uid), neither you nor the database's owner"
    }
    if let problem {
      close(descriptor)
      throw StoreError.unsafeLockFile(path: path, reason: problem)
    }
    return descriptor
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
  package func release() {
    guard descriptor >= 0 else { return }
    identity.unlock()
    flock(descriptor, LOCK_UN)
    close(descriptor)
    descriptor = -1
  }

  deinit { release() }
}

/// A flock on the database file itself, so that two hard links to one database share a lock.
///
/// The descriptor is opened once per database and never closed while the process runs:
/// closing any descriptor of a file drops every POSIX lock the process holds on it, and
/// SQLite holds such locks on the database file. flock and SQLite's POSIX locks do not
/// interact on local file systems (WAL databases must not live on network ones anyway).
final class IdentityLock: @unchecked Sendable {
  private let descriptor: Int32
  private var held = false
  private static let registry = NSLock()
  nonisolated(unsafe) private static var byIdentity: [FileIdentity: IdentityLock] = [:]

  private init(descriptor: Int32) { self.descriptor = descriptor }

  /// The lock of the database at `path` (a no-op lock when the file cannot be opened: the
  /// lock file alone then guards it).
  static func forDatabase(_ path: String) -> IdentityLock {
    registry.lock()
    defer { registry.unlock() }
    guard let identity = FileIdentity(path: path) else { return IdentityLock(descriptor: -1) }
    if let existing = byIdentity[identity] { return existing }
    let descriptor = Glibc.open(path, O_RDONLY | O_NOCTTY | O_NONBLOCK | O_CLOEXEC)
    let lock = IdentityLock(descriptor: descriptor)
    if descriptor >= 0 { byIdentity[identity] = lock }
    return lock
  }

  /// Takes the flock without waiting; on failure releases `other` (the lock file's flock), so
  /// that the caller retries both.
  func tryLock(releasingOnFailure other: Int32) -> Bool {
    IdentityLock.registry.lock()
    defer { IdentityLock.registry.unlock() }
    if descriptor < 0 { return true }
    if held || flock(descriptor, LOCK_EX | LOCK_NB) != 0 {
      flock(other, LOCK_UN)
      return false
    }
    held = true
    return true
  }

  func unlock() {
    IdentityLock.registry.lock()
    defer { IdentityLock.registry.unlock() }
    guard held, descriptor >= 0 else { return }
    flock(descriptor, LOCK_UN)
    held = false
  }
}
