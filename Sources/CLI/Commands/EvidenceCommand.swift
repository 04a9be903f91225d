import ArgumentParser
import Engine

/// `neocloud evidence statuspage|cmax`: evidence from the field, with provenance.
struct EvidenceCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "evidence",
    abstract: "Ingest field evidence: a status page's incident history or a cmax audit.",
    discussion: """
      Both read a saved document (or - for standard input; nothing is fetched), write in one \
      transaction under the database lock, and are idempotent: ingesting the same file again \
      changes nothing. A malformed document exits 65, a missing one 66, and nothing is written.

      Examples:
        neocloud evidence statuspage incidents.json --provider auroragrid
        neocloud evidence cmax audit.json --provider cinder-ai --dry-run
      """,
    subcommands: [StatusPageEvidenceCommand.self, CmaxEvidenceCommand.self])

  @OptionGroup var global: GlobalOptions
}

struct StatusPageEvidenceCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "statuspage",
    abstract: "Derive monthly uptime, incidents and MTTR from a Statuspage v2 incidents.json.",
    discussion: """
      Per UTC calendar month, over incidents of impact minor or above (each from started_at, \
      else created_at, to resolved_at, else the page's updated_at): incidents = those that \
      start in the month; downtime = at each instant the highest weight of the incidents open \
      (critical 1.0, major 0.5, minor 0.1), split at month boundaries; uptime_pct = 100 × (1 − \
      weighted downtime minutes / minutes in the month); mttr_hours = mean duration of the \
      incidents that start in the month (empty when none). Months run from the earliest \
      incident's to the month of updated_at; those without incidents are 100 %. Rows are \
      upserted with source `statuspage:<page url>`; a failures figure already stored for a \
      month is kept (a status page does not report it).

      Example:
        curl -fsS https://status.example.com/api/v2/incidents.json -o incidents.json
        neocloud evidence statuspage incidents.json --provider example --components "GPU Compute"
      """)

  @OptionGroup var global: GlobalOptions

  @Argument(help: ArgumentHelp("A saved incidents.json, or - for standard input.", valueName: "file"))
  var file: String

  @Option(help: ArgumentHelp("The provider_id the status page belongs to.", valueName: "id"))
  var provider: String

  @Option(
    help: ArgumentHelp(
      "Count only incidents touching these components (names or ids, comma-separated).", valueName: "names"))
  var components: String?

  @Flag(name: .customLong("dry-run"), help: "Validate and report; write nothing.")
  var dryRun = false

  @Option(
    parsing: .unconditional,
    help: ArgumentHelp("Wait up to this many seconds for the database lock (default: 0).", valueName: "seconds"))
  var wait: Double?

  var componentList: [String] {
    (components ?? "").split(separator: ",").map(String.init)
  }

  func validate() throws {
    if let components, components.split(separator: ",", omittingEmptySubsequences: false).contains(where: \.isEmpty) {
      throw ValidationError("--components '\(components)' has an empty name: give names separated by commas.")
    }
    try validateLockWait(wait)
  }

  func run() throws {
    try EvidenceUseCase.statusPage(
      .init(
        database: global.db, path: file, providerID: provider, components: componentList, dryRun: dryRun,
        waitSeconds: wait ?? 0),
      context: context)
  }
}

struct CmaxEvidenceCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "cmax",
    abstract: "Turn a cmax audit's graded checks into rubric assessments.",
    discussion: """
      Maps each check (pass, warning, fail, skipped) to a rubric criterion through the mapping \
      built from Samples/evidence/cmax-map.csv (or --map FILE: check key or prefix ending in *, \
      criterion_id, and the value pass, warning and fail stand for). Per criterion the worst \
      mapped check decides; skipped checks give no evidence. Assessments are upserted dated \
      the audit's cluster.audited_at (UTC) or --assessed-on, with evidence \
      `cmax:<check key>:<status>`. Checks no row maps are listed on stderr.

      Example:
        neocloud evidence cmax audit.json --provider cinder-ai
      """)

  @OptionGroup var global: GlobalOptions

  @Argument(help: ArgumentHelp("A saved cmax audit (graded checks), or - for standard input.", valueName: "file"))
  var file: String

  @Option(help: ArgumentHelp("The provider_id the audited cluster belongs to.", valueName: "id"))
  var provider: String

  @Option(
    name: .customLong("assessed-on"),
    help: ArgumentHelp("Date the assessments (default: the audit's audited_at, UTC).", valueName: "date"),
    transform: parseDay)
  var assessedOn: Day?

  @Option(help: ArgumentHelp("A mapping CSV instead of the built-in one.", valueName: "file"))
  var map: String?

  @Flag(name: .customLong("dry-run"), help: "Validate and report; write nothing.")
  var dryRun = false

  @Option(
    parsing: .unconditional,
    help: ArgumentHelp("Wait up to this many seconds for the database lock (default: 0).", valueName: "seconds"))
  var wait: Double?

  func validate() throws {
    try validateLockWait(wait)
  }

  func run() throws {
    try EvidenceUseCase.cmax(
      .init(
        database: global.db, path: file, providerID: provider, assessedOn: assessedOn, mapPath: map, dryRun: dryRun,
        waitSeconds: wait ?? 0),
      context: context)
  }
}
