import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Why an output file cannot be written. `CLI` maps `kind` to an exit code: `.refused` 64,
/// `.cannotCreate` 66, `.ioFailure` 74 (DESIGN §5).
package struct OutputFileError: Error, LocalizedError, Equatable, Sendable {
  package enum Kind: Equatable, Sendable {
    /// The path names the database or one of its files, or a link that is not safe to follow.
    case refused
    /// The file cannot be created where it is named (missing directory, a directory, permissions).
    case cannotCreate
    /// Writing, flushing or renaming failed (disk full, file-size limit, I/O error).
    case ioFailure
  }

  package enum Problem: Equatable, Sendable {
    case missingDirectory(String)
    case isDirectory
    case database(String)
    case unsafeLink
    case unsupportedType
    case system(String)
  }

  package var path: String
  package var problem: Problem
  package var kind: Kind

  package init(path: String, problem: Problem, kind: Kind) {
    self.path = path
    self.problem = problem
    self.kind = kind
  }

  /// What is wrong with the path, without the `cannot write 'path'` part.
  package var reason: String {
    switch problem {
    case .missingDirectory(let directory): return "directory '\(directory)' does not exist"
    case .isDirectory: return String(cString: strerror(EISDIR))
    case .database(let database):
      return "it is the database '\(database)' or one of its files: choose another file"
    case .unsafeLink:
      return
        "it is a symbolic link owned by another user to a file that user does not own: remove the link or choose another file"
    case .unsupportedType:
      return "it is neither a regular file, a FIFO nor a character device: choose another file"
    case .system(let reason): return reason
    }
  }

  package var errorDescription: String? { "cannot write '\(path)': \(reason)." }

  static func system(_ path: String, _ code: Int32, _ kind: Kind) -> OutputFileError {
    OutputFileError(path: path, problem: .system(String(cString: strerror(code))), kind: kind)
  }
}

/// A file's identity: device and inode, what two names of the same file share.
struct FileIdentity: Hashable {
  var device: UInt64
  var inode: UInt64

  init(_ info: stat) {
    device = UInt64(info.st_dev)
    inode = UInt64(info.st_ino)
  }

  /// The identity of what `path` names (symbolic links followed), nil when nothing is there.
  init?(path: String) {
    var info = stat()
    guard stat(path, &info) == 0 else { return nil }
    self.init(info)
  }
}

/// `path` with every symbolic link resolved, nil when it does not exist.
func realPath(_ path: String) -> String? {
  guard let resolved = realpath(path, nil) else { return nil }
  defer { free(resolved) }
  return String(cString: resolved)
}

/// `path` made canonical even when its last component does not exist yet: the directory
/// resolved, the name kept.
func canonicalPath(_ path: String) -> String {
  if let resolved = realPath(path) { return resolved }
  let name = (path as NSString).lastPathComponent
  let directory = (path as NSString).deletingLastPathComponent
  guard let resolvedDirectory = realPath(directory.isEmpty ? "." : directory) else { return path }
  return (resolvedDirectory as NSString).appendingPathComponent(name)
}

/// Refuses an output whose directory is missing or that names one of the database's files.
func checkTarget(_ path: String, protecting database: DatabaseFiles?) throws {
  let directory = (path as NSString).deletingLastPathComponent
  var isDirectory: ObjCBool = false
  if !directory.isEmpty,
    !FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory) || !isDirectory.boolValue
  {
    throw OutputFileError(path: path, problem: .missingDirectory(directory), kind: .cannotCreate)
  }
  if let database, database.covers(path) {
    throw OutputFileError(path: path, problem: .database(database.path), kind: .refused)
  }
}

/// The files that belong to one database: the file itself, SQLite's `-wal`, `-shm` and
/// `-journal`, and neocloud's `.lock`. No output may name one of them (issue 15 item 2):
/// compared by device and inode for files that exist, and by canonical path for those that
/// do not exist yet.
package struct DatabaseFiles: Sendable {
  /// The database path as given (absolute).
  package let path: String
  /// The database path with symbolic links resolved (SQLite names its `-wal` and `-shm` after it).
  package let realPath: String

  static let suffixes = ["", "-wal", "-shm", "-journal", ".lock"]

  package init(databasePath: String) {
    path = databasePath
    realPath = canonicalPath(databasePath)
  }

  /// The lock file: named after the resolved path, so that every symbolic link to the
  /// database shares it.
  package var lockPath: String { realPath + ".lock" }

  /// Whether writing `candidate` (symbolic links followed) would write one of the database's files.
  package func covers(_ candidate: String) -> Bool {
    let names = Set(DatabaseFiles.suffixes.flatMap { [path + $0, realPath + $0] })
    let identities = Set(names.compactMap { FileIdentity(path: $0) })
    if let identity = FileIdentity(path: candidate), identities.contains(identity) { return true }
    return names.contains(canonicalPath(candidate)) || names.contains(candidate)
  }
}

/// One output file, written so that a reader never sees half of it and nothing is lost on a
/// failure: a regular file is written to a temporary file in the same directory (created with
/// `O_EXCL | O_NOFOLLOW`, never following a planted link) and renamed over the name only by
/// `commit()`, keeping an existing file's mode; a FIFO or a character device is opened and
/// written in place, never renamed over.
package final class OutputFile {
  /// What to do when the name already holds something other than a regular file.
  package enum Policy: Sendable {
    /// `--output`, `--rejects`: a symbolic link is written through to its target (only when
    /// the link belongs to us or to the target's owner); a FIFO or a character device is
    /// written in place.
    case writeThrough
    /// `export`: the name gets a new regular file whatever it held; a symbolic link is
    /// replaced, never followed.
    case replace
  }

  /// The path as the user named it (for messages).
  package let path: String
  /// Where the file ends up: `path`, or a symbolic link's target.
  package let destination: String
  private var descriptor: Int32
  private let temporaryPath: String?
  private var finished = false
  private var published = false

  private init(path: String, destination: String, descriptor: Int32, temporaryPath: String?) {
    self.path = path
    self.destination = destination
    self.descriptor = descriptor
    self.temporaryPath = temporaryPath
  }

  deinit { discard() }

  /// The prefix of every temporary name, so that a later export can recognise the leftovers of
  /// a killed one.
  static let temporaryMarker = ".neocloud-"

  /// Opens `path` for writing; nothing at `path` changes before `commit()`.
  package static func create(
    _ path: String, policy: Policy, protecting database: DatabaseFiles? = nil
  ) throws -> OutputFile {
    try checkTarget(path, protecting: database)
    if policy == .writeThrough && isDescriptorPath(path) { return try inPlace(path) }
    var link = stat()
    guard lstat(path, &link) == 0 else {
      if errno != ENOENT { throw OutputFileError.system(path, errno, .cannotCreate) }
      return try atomic(path: path, destination: path, existing: nil)
    }
    let type = link.st_mode & S_IFMT
    if type == S_IFDIR { throw OutputFileError(path: path, problem: .isDirectory, kind: .cannotCreate) }
    if policy == .replace {
      return try atomic(path: path, destination: path, existing: type == S_IFREG ? link : nil)
    }
    if type == S_IFLNK { return try throughLink(path: path, link: link, database: database) }
    return try existing(path: path, destination: path, info: link)
  }

  /// A name that holds a FIFO, a character device or a regular file.
  private static func existing(path: String, destination: String, info: stat) throws
    -> OutputFile
  {
    switch info.st_mode & S_IFMT {
    case S_IFREG: return try atomic(path: path, destination: destination, existing: info)
    case S_IFDIR: throw OutputFileError(path: path, problem: .isDirectory, kind: .cannotCreate)
    case S_IFIFO, S_IFCHR:
      let descriptor = open(destination, O_WRONLY | O_NOCTTY | O_CLOEXEC)
      guard descriptor >= 0 else { throw OutputFileError.system(path, errno, .cannotCreate) }
      return OutputFile(path: path, destination: destination, descriptor: descriptor, temporaryPath: nil)
    default:
      throw OutputFileError(path: path, problem: .unsupportedType, kind: .refused)
    }
  }

  /// `/dev/stdout`, `/dev/stderr`, `/dev/fd/N`, `/proc/…/fd/N`: an open descriptor of this
  /// process, whatever it is (a terminal, a pipe, a file the shell opened): written in place,
  /// appending, never replaced by renaming over what the link resolves to.
  static func isDescriptorPath(_ path: String) -> Bool {
    if ["/dev/stdout", "/dev/stderr"].contains(path) || path.hasPrefix("/dev/fd/") { return true }
    let parts = path.split(separator: "/")
    return parts.count == 4 && parts[0] == "proc" && parts[2] == "fd"
  }

  private static func inPlace(_ path: String) throws -> OutputFile {
    let descriptor = open(path, O_WRONLY | O_APPEND | O_NOCTTY | O_CLOEXEC)
    guard descriptor >= 0 else { throw OutputFileError.system(path, errno, .cannotCreate) }
    return OutputFile(path: path, destination: path, descriptor: descriptor, temporaryPath: nil)
  }

  /// Follows a symbolic link when it is ours or its target's owner's (the rule of Linux's
  /// `fs.protected_symlinks`): another user's link to a file they do not own is refused.
  private static func throughLink(path: String, link: stat, database: DatabaseFiles?) throws -> OutputFile {
    var target = stat()
    let targetExists = stat(path, &target) == 0
    // A cycle of links (ELOOP) or an unreadable directory on the way: not a missing target.
    if !targetExists && errno != ENOENT { throw OutputFileError.system(path, errno, .cannotCreate) }
    let ours = link.st_uid == geteuid()
    guard ours || (targetExists && target.st_uid == link.st_uid) else {
      throw OutputFileError(path: path, problem: .unsafeLink, kind: .refused)
    }
    let type = target.st_mode & S_IFMT
    if targetExists && (type == S_IFIFO || type == S_IFCHR) {
      // Opened through the link: `/dev/stderr` or `/proc/self/fd/N` have no path of their own.
      return try existing(path: path, destination: path, info: target)
    }
    guard let resolved = targetExists ? realPath(path) : danglingTarget(of: path) else {
      throw OutputFileError.system(path, errno == 0 ? ENOENT : errno, .cannotCreate)
    }
    if let database, database.covers(resolved) {
      throw OutputFileError(path: path, problem: .database(database.path), kind: .refused)
    }
    guard targetExists else { return try create(resolved, policy: .writeThrough, protecting: database) }
    return try existing(path: path, destination: resolved, info: target)
  }

  /// Where a link whose target does not exist points, made absolute.
  private static func danglingTarget(of path: String) -> String? {
    guard let target = try? FileManager.default.destinationOfSymbolicLink(atPath: path) else { return nil }
    if target.hasPrefix("/") { return target }
    return ((path as NSString).deletingLastPathComponent as NSString).appendingPathComponent(target)
  }

  /// A temporary file beside `destination` that `commit()` renames over it; an existing
  /// regular file's mode (and, for root, owner) is kept.
  private static func atomic(path: String, destination: String, existing: stat?) throws
    -> OutputFile
  {
    let directory = (destination as NSString).deletingLastPathComponent
    let name = (destination as NSString).lastPathComponent
    for _ in 0..<16 {
      let random = String(UInt64.random(in: 0...UInt64.max), radix: 16)
      let temporary = (directory as NSString).appendingPathComponent(
        ".\(name)\(temporaryMarker)\(getpid())-\(random).tmp")
      let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o666)
      if descriptor < 0 {
        if errno == EEXIST { continue }
        throw OutputFileError.system(path, errno, .cannotCreate)
      }
      if let existing {
        _ = fchmod(descriptor, existing.st_mode & 0o777)
        if existing.st_uid != geteuid() || existing.st_gid != getegid() {
          _ = fchown(descriptor, existing.st_uid, existing.st_gid)  // only root may; best effort
        }
      }
      return OutputFile(path: path, destination: destination, descriptor: descriptor, temporaryPath: temporary)
    }
    throw OutputFileError.system(path, EEXIST, .cannotCreate)
  }

  /// A writer over a descriptor someone else owns (`AppendFile`); `detach()` before it goes.
  static func appending(descriptor: Int32, path: String) -> OutputFile {
    OutputFile(path: path, destination: path, descriptor: descriptor, temporaryPath: nil)
  }

  /// Forgets the descriptor without closing it.
  func detach() {
    descriptor = -1
    finished = true
  }

  /// Writes all of `bytes` (retrying short writes).
  package func write(_ bytes: UnsafeRawBufferPointer) throws {
    guard var base = bytes.baseAddress else { return }
    var remaining = bytes.count
    while remaining > 0 {
      let written = Glibc.write(descriptor, base, remaining)
      if written < 0 {
        if errno == EINTR { continue }
        throw OutputFileError.system(path, errno, .ioFailure)
      }
      if written == 0 { throw OutputFileError.system(path, EIO, .ioFailure) }
      base += written
      remaining -= written
    }
  }

  package func write(_ text: String) throws {
    var text = text
    try text.withUTF8 { buffer in try write(UnsafeRawBufferPointer(buffer)) }
  }

  /// Flushes the written bytes to the disk and closes the file: after this only the rename is
  /// left, so several files can be renamed in a quick row (`export`).
  package func finishWriting() throws {
    guard !finished else { return }
    finished = true
    let descriptor = self.descriptor
    self.descriptor = -1
    if temporaryPath != nil, fsync(descriptor) != 0 {
      let code = errno
      _ = close(descriptor)
      throw OutputFileError.system(path, code, .ioFailure)
    }
    if close(descriptor) != 0 && errno != EINTR { throw OutputFileError.system(path, errno, .ioFailure) }
  }

  /// Renames the temporary file over the destination (nothing to do for a FIFO or device).
  package func publish() throws {
    try finishWriting()
    guard let temporaryPath, !published else { return }
    guard rename(temporaryPath, destination) == 0 else { throw OutputFileError.system(path, errno, .ioFailure) }
    published = true
  }

  /// Flushes the directory holding `path` so that a rename in it survives a crash (best effort).
  package static func syncDirectory(of path: String) {
    let directory = open((path as NSString).deletingLastPathComponent, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
    if directory >= 0 {
      _ = fsync(directory)
      _ = close(directory)
    }
  }

  /// `finishWriting()`, `publish()`, then the directory flushed; on failure the file is dropped.
  package func commit() throws {
    do {
      try publish()
    } catch {
      discard()
      throw error
    }
    if temporaryPath != nil { OutputFile.syncDirectory(of: destination) }
  }

  /// Drops an unpublished file: the temporary file is removed, the destination untouched.
  package func discard() {
    if descriptor >= 0 {
      _ = close(descriptor)
      descriptor = -1
    }
    finished = true
    if let temporaryPath, !published {
      _ = unlink(temporaryPath)
      published = true
    }
  }

  /// Removes temporary files that a killed neocloud left in `directory` (their process is gone).
  package static func removeLeftovers(in directory: String) {
    guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory) else { return }
    for name in names where name.hasPrefix(".") && name.hasSuffix(".tmp") {
      guard let marker = name.range(of: temporaryMarker, options: .backwards) else { continue }
      let rest = name[marker.upperBound...]
      guard let dash = rest.firstIndex(of: "-"), let pid = Int32(rest[..<dash]) else { continue }
      if pid != getpid(), kill(pid, 0) != 0, errno == ESRCH {
        _ = unlink((directory as NSString).appendingPathComponent(name))
      }
    }
  }
}

/// A log file that lines are appended to (`recompute --log`): created when missing, never
/// truncated; a symbolic link is followed only under the rule `OutputFile` uses, and the
/// database's own files are refused.
package final class AppendFile {
  package let path: String
  private let descriptor: Int32

  package init(path: String, protecting database: DatabaseFiles? = nil) throws {
    self.path = path
    try checkTarget(path, protecting: database)
    var flags = O_WRONLY | O_APPEND | O_CREAT | O_NOCTTY | O_CLOEXEC
    var link = stat()
    if lstat(path, &link) == 0, link.st_mode & S_IFMT == S_IFLNK {
      var target = stat()
      let targetExists = stat(path, &target) == 0
      guard link.st_uid == geteuid() || (targetExists && target.st_uid == link.st_uid) else {
        throw OutputFileError(path: path, problem: .unsafeLink, kind: .refused)
      }
    } else {
      flags |= O_NOFOLLOW
    }
    descriptor = open(path, flags, 0o644)
    guard descriptor >= 0 else {
      if errno == EISDIR { throw OutputFileError(path: path, problem: .isDirectory, kind: .cannotCreate) }
      throw OutputFileError.system(path, errno, .cannotCreate)
    }
  }

  deinit { _ = close(descriptor) }

  /// Appends `text` in one write (so that lines of two runs do not interleave).
  package func append(_ text: String) throws {
    let file = OutputFile.appending(descriptor: descriptor, path: path)
    defer { file.detach() }
    try file.write(text)
  }
}
