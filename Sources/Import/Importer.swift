import Domain
import Foundation
import Store

/// How `importFiles` runs.
package struct ImportOptions: Sendable {
  /// Forces every file to this kind (its header must still fit the kind).
  package var kind: Kind?
  /// Validate everything, then roll back.
  package var dryRun: Bool
  /// Delete rows of the imported kinds that belong to a provider (gpu_model for market prices)
  /// present in the input but whose key is not.
  package var replace: Bool
  /// Write every error as CSV `file,line,column,reason,record` here (even though the import fails).
  package var rejectsPath: String?
  /// Called after every chunk read.
  package var progress: (@Sendable (ImportProgress) -> Void)?

  package init(
    kind: Kind? = nil, dryRun: Bool = false, replace: Bool = false, rejectsPath: String? = nil,
    progress: (@Sendable (ImportProgress) -> Void)? = nil
  ) {
    self.kind = kind
    self.dryRun = dryRun
    self.replace = replace
    self.rejectsPath = rejectsPath
    self.progress = progress
  }
}

package struct ImportProgress: Sendable {
  package var file: String
  package var kind: Kind
  package var bytesRead: Int64
  package var totalBytes: Int64
  package var rows: Int
}

package struct KindCounts: Sendable, Equatable {
  package var inserted = 0
  package var updated = 0
  package var unchanged = 0
  package var deleted = 0

  package init(inserted: Int = 0, updated: Int = 0, unchanged: Int = 0, deleted: Int = 0) {
    self.inserted = inserted
    self.updated = updated
    self.unchanged = unchanged
    self.deleted = deleted
  }

  /// Rows read from the input.
  package var rows: Int { inserted + updated + unchanged }
}

package struct ImportSummary: Sendable {
  /// Per kind imported (or touched by a cascade), in dependency order.
  package var counts: [(Kind, KindCounts)]
  /// Completely empty lines skipped.
  package var emptyLines: Int
  package var dryRun: Bool
  /// The one summary line for stderr.
  package var line: String

  package func counts(for kind: Kind) -> KindCounts? {
    counts.first { $0.0 == kind }?.1
  }
}

/// Imports CSV files and directories of them (DESIGN §2) in one transaction: any error and
/// nothing is written. The caller holds the database lock.
package func importFiles(_ paths: [String], into store: Store, options: ImportOptions) throws
  -> ImportSummary
{
  let inputs = try resolveInputs(paths)
  if let rejects = options.rejectsPath,
    inputs.contains(where: { canonicalPath($0.path) == canonicalPath(rejects) })
  {
    throw ImportError.cannotWrite(path: rejects, reason: "it is one of the files to import")
  }
  let sink = try DiagnosticSink(rejectsPath: options.rejectsPath, database: store.path)
  var summary: ImportSummary?
  do {
    var plans: [FilePlan] = []
    for (index, input) in inputs.enumerated() {
      if let plan = try readHeader(input, index: index, forced: options.kind, sink: sink) {
        plans.append(plan)
      }
    }
    plans.sort { ($0.kind.order, $0.index) < ($1.kind.order, $1.index) }
    summary = try store.bulkLoad { bulk in
      let session = ImportSession(bulk: bulk, files: inputs, plans: plans, options: options, sink: sink)
      return try session.run()
    }
  } catch {
    try? sink.close()  // the rejects file: the error that stopped the import is the one to tell
    if let error = error as? ImportError { throw error }
    if let failure = error as? DatabaseFailure {
      throw ImportError.database(reason: failure.message, code: failure.code)
    }
    throw ImportError.database(reason: "\(error)")
  }
  try sink.close()
  if sink.total > 0 {
    throw ImportError.invalidData(diagnostics: sink.kept, total: sink.total)
  }
  guard let summary else { throw ImportError.database(reason: "the import did not run") }
  return summary
}

/// One input file: as the user named it (for messages) and where it is.
struct InputFile {
  var display: String
  var path: String
  var size: Int64
  /// Set for a pipe or FIFO, which is opened once for both passes.
  var stream: StreamHandoff? = nil
}

/// A file with a recognized header.
struct FilePlan {
  var index: Int
  var kind: Kind
  /// CSV field index → index in `kind.columns`.
  var map: [Int]
}

/// The path argument that means standard input.
package let standardInputArgument = "-"

/// Expands directories (their `*.csv`, not recursive, by name), checks existence, and drops a
/// file named twice.
func resolveInputs(_ paths: [String]) throws -> [InputFile] {
  let manager = FileManager.default
  var result: [InputFile] = []
  var seen = Set<String>()
  func add(_ display: String, _ path: String) throws {
    guard manager.isReadableFile(atPath: path) else {
      throw ImportError.unreadable(path: display, reason: "permission denied")
    }
    guard seen.insert(canonicalPath(path)).inserted else { return }
    let attributes = try? manager.attributesOfItem(atPath: path)
    let size = (attributes?[.size] as? NSNumber)?.int64Value ?? 0
    let isRegular = (attributes?[.type] as? FileAttributeType) == .typeRegular
    result.append(
      InputFile(display: display, path: path, size: size, stream: isRegular ? nil : StreamHandoff()))
  }
  for path in paths {
    // `-` is standard input (a pipe, a FIFO or a redirected file); errors name it `stdin`.
    if path == standardInputArgument {
      try add("stdin", "/dev/stdin")
      continue
    }
    var isDirectory: ObjCBool = false
    guard manager.fileExists(atPath: path, isDirectory: &isDirectory) else {
      throw ImportError.fileNotFound(path: path)
    }
    if isDirectory.boolValue {
      let names: [String]
      do { names = try manager.contentsOfDirectory(atPath: path) } catch {
        throw ImportError.unreadable(path: path, reason: "cannot list the directory")
      }
      let csvs = names.filter { $0.hasSuffix(".csv") && !$0.hasPrefix(".") }.sorted(by: byteOrderLess)
      var found = 0
      for name in csvs {
        let display = path.hasSuffix("/") ? path + name : path + "/" + name
        var childIsDirectory: ObjCBool = false
        guard manager.fileExists(atPath: display, isDirectory: &childIsDirectory),
          !childIsDirectory.boolValue
        else { continue }
        try add(display, display)
        found += 1
      }
      if found == 0 { throw ImportError.noCSVFiles(directory: path) }
    } else {
      try add(path, path)
    }
  }
  return result
}

func canonicalPath(_ path: String) -> String {
  URL(fileURLWithPath: path).resolvingSymlinksInPath().standardizedFileURL.path
}

/// Reads the first record of a file and matches it against the kinds.
func readHeader(_ input: InputFile, index: Int, forced: Kind?, sink: DiagnosticSink) throws
  -> FilePlan?
{
  let reader = try CSVReader(path: input.path, handoff: input.stream)
  var names: [String]?
  var headerError: Diagnostic?
  do {
    try reader.run { reader in
      if let error = reader.byteError {
        let reason =
          error.reason.hasPrefix("contains a NUL")
          ? "the header contains a NUL byte (is the file UTF-16?): save it as UTF-8"
          : "the header has " + error.reason
        headerError = Diagnostic(file: input.display, line: reader.recordLine, reason: reason)
        return false
      }
      names = (0..<min(reader.fieldCount, maxStoredFields)).map { reader.fieldString($0) }
      return false
    }
  } catch let error as StructuralError {
    let reason =
      error.reason.hasPrefix("contains a NUL")
      ? "the header contains a NUL byte (is the file UTF-16?): save it as UTF-8" : error.reason
    headerError = Diagnostic(file: input.display, line: error.line, reason: reason)
  }
  if let headerError {
    sink.add(headerError)
    return nil
  }
  guard let names else {
    sink.add(
      Diagnostic(
        file: input.display, line: 0, reason: "the file is empty: a header row is required"))
    return nil
  }
  let line = reader.recordLine
  switch HeaderMatcher.match(names, forced: forced) {
  case .matched(let kind, let map):
    return FilePlan(index: index, kind: kind, map: map)
  case .duplicate(let column):
    sink.add(
      Diagnostic(
        file: input.display, line: line, column: Diagnostic.display(column),
        reason: "duplicate column"))
  case .noKind(let closest, let missing, let unknown):
    sink.add(
      Diagnostic(
        file: input.display, line: line,
        reason: "the header matches no kind; closest is \(closest.rawValue)"
          + describe(missing: missing, unknown: unknown)))
  case .doesNotFit(let kind, let missing, let unknown):
    sink.add(
      Diagnostic(
        file: input.display, line: line,
        reason: "the header does not fit kind \(kind.rawValue)"
          + describe(missing: missing, unknown: unknown)))
  }
  return nil
}

private func describe(missing: [String], unknown: [String]) -> String {
  var parts: [String] = []
  if !missing.isEmpty { parts.append("missing " + missing.joined(separator: ", ")) }
  if !unknown.isEmpty {
    // Names are escaped like values: a quoted name may hold a line break.
    parts.append("unknown " + unknown.map { "'\(Diagnostic.display($0))'" }.joined(separator: ", "))
  }
  return parts.isEmpty ? "" : " (" + parts.joined(separator: "; ") + ")"
}

/// One invocation's load, inside `Store.bulkLoad`'s transaction: loads every file in
/// dependency order, applies `--replace`, runs the checks across rows, and says whether to
/// commit.
final class ImportSession {
  let bulk: BulkLoadSession
  /// The raw connection of the bulk load, for the hot loop's binds and steps.
  let connection: OpaquePointer
  let files: [InputFile]
  let plans: [FilePlan]
  let options: ImportOptions
  let sink: DiagnosticSink
  var counts: [Kind: KindCounts] = [:]
  var loaded: [Kind] = []
  var loaders: [Kind: KindLoader] = [:]
  /// Kinds whose files had errors: checks across rows that would only echo them are skipped.
  var kindsWithErrors: Set<Kind> = []
  var emptyLines = 0

  init(
    bulk: BulkLoadSession, files: [InputFile], plans: [FilePlan], options: ImportOptions,
    sink: DiagnosticSink
  ) {
    self.bulk = bulk
    self.connection = bulk.connection
    self.files = files
    self.plans = plans
    self.options = options
    self.sink = sink
  }

  static func touchedTable(_ kind: Kind) -> String { "temp.import_touched_\(kind.table)" }
  static let rejectedTable = "temp.import_rejected"
  static let movedFacilitiesTable = "temp.import_moved_facilities"

  /// Loads every plan and runs the checks across rows: commit unless there were errors or this
  /// is a dry run. Any database failure throws (and the store rolls everything back).
  func run() throws -> (value: ImportSummary, commit: Bool) {
    defer { loaders = [:] }
    try bulk.execute(
      "CREATE TEMP TABLE \(ImportSession.rejectedTable) (kind TEXT NOT NULL, key TEXT NOT NULL, PRIMARY KEY (kind, key)) WITHOUT ROWID"
    )
    try bulk.execute(
      "CREATE TEMP TABLE \(ImportSession.movedFacilitiesTable) (facility_id TEXT NOT NULL PRIMARY KEY, old_provider_id TEXT NOT NULL) WITHOUT ROWID"
    )
    var index = 0
    while index < plans.count {
      let kind = plans[index].kind
      let loader = try KindLoader(session: self, kind: kind)
      let errorsBefore = sink.total
      while index < plans.count && plans[index].kind == kind {
        try loader.load(plans[index], file: files[plans[index].index])
        try bulk.checkTransaction()
        index += 1
      }
      if kind.loaderEnforcesChecks { try bulk.setCheckConstraints(enabled: true) }
      try loader.finish()
      loaded.append(kind)
      loaders[kind] = loader
      if sink.total > errorsBefore { kindsWithErrors.insert(kind) }
    }
    try Validator(session: self).checkAcrossRows()
    return (makeSummary(), sink.total == 0 && !options.dryRun)
  }

  func add(_ kind: Kind, _ change: (inout KindCounts) -> Void) {
    var value = counts[kind] ?? KindCounts()
    change(&value)
    counts[kind] = value
  }

  private func makeSummary() -> ImportSummary {
    var list: [(Kind, KindCounts)] = []
    var parts: [String] = []
    for kind in Kind.allCases {
      guard let value = counts[kind] else { continue }
      list.append((kind, value))
      var details: [String] = []
      if value.inserted > 0 { details.append("\(formatCount(value.inserted)) inserted") }
      if value.updated > 0 { details.append("\(formatCount(value.updated)) updated") }
      if value.unchanged > 0 { details.append("\(formatCount(value.unchanged)) unchanged") }
      if value.deleted > 0 { details.append("\(formatCount(value.deleted)) deleted") }
      if loaded.contains(kind) {
        parts.append(
          kind.count(value.rows)
            + (details.isEmpty ? "" : " (" + details.joined(separator: ", ") + ")"))
      } else {
        parts.append(kind.count(value.deleted) + " deleted")
      }
    }
    var line =
      (options.dryRun ? "dry run: would import " : "imported ") + parts.joined(separator: ", ")
    if parts.isEmpty { line = options.dryRun ? "dry run: nothing to import" : "imported nothing" }
    if emptyLines > 0 {
      line += "; \(formatCount(emptyLines)) empty \(emptyLines == 1 ? "line" : "lines") skipped"
    }
    if options.dryRun { line += "; nothing was written" }
    return ImportSummary(counts: list, emptyLines: emptyLines, dryRun: options.dryRun, line: line)
  }

  func display(fileIndex: Int) -> String {
    fileIndex >= 0 && fileIndex < files.count ? files[fileIndex].display : "(input)"
  }
}
