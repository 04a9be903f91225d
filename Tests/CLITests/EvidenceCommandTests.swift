import Domain
import Foundation
import Store
import Testing

#if canImport(Glibc)
  import Glibc
#endif

let incidentsSample = repositoryRoot + "/Samples/evidence/auroragrid-incidents.json"
let auditSample = repositoryRoot + "/Samples/evidence/cinder-ai-cmax-audit.json"

/// Every stored row of uptime and assessments, to prove a failed ingest wrote nothing.
func evidenceRows(_ box: Sandbox) throws -> [String] {
  let store = try Store.open(path: box.db)
  let dataset = try store.loadDataset(prices: .all)
  return dataset.books.flatMap { book in
    book.uptime.map { "\($0)" } + book.assessments.map { "\($0)" }
  }
}

@Suite struct EvidenceCommandTests {
  /// The tour: the status page and the audit go in, twice (nothing changes the second time), and
  /// explain cites them.
  @Test func statusPageAndAuditAreIngestedOnceAndCitedByExplain() throws {
    let box = try Sandbox.withSamples()
    let first = box.run(["evidence", "statuspage", incidentsSample, "--provider", "auroragrid"])
    #expect(first.code == 0)
    #expect(
      first.stderr
        == "evidence statuspage: auroragrid 2024-12…2026-11: 24 uptime months (24 updated) from statuspage:https://status.auroragrid.example.\n"
    )
    let again = box.run(["evidence", "statuspage", incidentsSample, "--provider", "auroragrid"])
    #expect(again.stderr.contains("24 uptime months (24 unchanged)"))

    let audit = box.run(["evidence", "cmax", auditSample, "--provider", "cinder-ai"])
    #expect(audit.code == 0)
    let lines = audit.stderr.split(separator: "\n")
    #expect(
      lines.first
        == "evidence cmax: cinder-ai 2026-10-27: 16 assessments (16 inserted) from 51 checks, 3 skipped, 7 not mapped.")
    #expect(lines.dropFirst().first == "not mapped: cmax:containers.singularity:fail")
    #expect(lines.count == 8)
    let auditAgain = box.run(["evidence", "cmax", auditSample, "--provider", "cinder-ai"])
    #expect(auditAgain.stderr.hasPrefix("evidence cmax: cinder-ai 2026-10-27: 16 assessments (16 unchanged)"))

    let aurora = box.run(["explain", "auroragrid", "--as-of", "2026-11-23", "--format", "tsv"])
    #expect(
      aurora.stdout.contains(
        "\tderived from 12 months of uptime data in 2025-12…2026-11 (statuspage:https://status.auroragrid.example)"))
    let cinder = box.run(["explain", "cinder-ai", "--as-of", "2026-11-23", "--format", "tsv"])
    #expect(
      cinder.stdout.contains(
        "\tminimum_patched_versions\t"))
    #expect(
      cinder.stdout.contains(
        "\tbool\tassessment\tfalse\t0.0\t1\tplatinum\t2026-10-27\tfalse"
          + "\tcmax:securityVersions.runc.status:fail (worst of 7 checks: 5 pass, 1 warning, 1 fail)"
      ))
    #expect(cinder.stdout.contains("\t2026-10-27\tfalse\tcmax:containers.enrootImportWorks:pass"))
  }

  @Test func dryRunWritesNothing() throws {
    let box = try Sandbox.withSamples()
    let before = try evidenceRows(box)
    let dry = box.run(["evidence", "cmax", auditSample, "--provider", "cinder-ai", "--dry-run"])
    #expect(dry.code == 0)
    #expect(dry.stderr.hasPrefix("evidence cmax: cinder-ai 2026-10-27: 16 assessments (16 inserted) from 51 checks"))
    #expect(dry.stderr.contains("(dry run: nothing written)."))
    let dryPage = box.run(["evidence", "statuspage", incidentsSample, "--provider", "auroragrid", "--dry-run"])
    #expect(dryPage.stderr.contains("(24 updated)") && dryPage.stderr.contains("dry run"))
    #expect(try evidenceRows(box) == before)
  }

  @Test func assessedOnOverridesTheAuditsDateAndStdinIsAccepted() throws {
    let box = try Sandbox.withSamples()
    let result = box.run(["evidence", "cmax", auditSample, "--provider", "cinder-ai", "--assessed-on", "2026-11-01"])
    #expect(result.stderr.hasPrefix("evidence cmax: cinder-ai 2026-11-01:"))
    let bad = box.run(["evidence", "cmax", auditSample, "--provider", "cinder-ai", "--assessed-on", "2026-02-30"])
    #expect(bad.code == 64)
  }

  @Test func componentsFilterAndSource() throws {
    let box = try Sandbox.withSamples()
    let result = box.run([
      "evidence", "statuspage", incidentsSample, "--provider", "auroragrid", "--components", "InfiniBand Fabric",
    ])
    #expect(result.code == 0)
    // Only fabric incidents count: the span starts at the first of them (2025-02, the critical outage).
    #expect(result.stderr.contains("auroragrid 2025-02…2026-11"))
    #expect(result.stderr.contains("statuspage:https://status.auroragrid.example components=InfiniBand Fabric"))
  }
}

@Suite struct EvidenceBadInputTests {
  func failing(_ name: String, _ text: String, _ kind: String = "statuspage", provider: String = "auroragrid") throws
    -> (Invocation, Bool)
  {
    let box = try Sandbox.withSamples()
    try box.write(name, text)
    let before = try evidenceRows(box)
    let result = box.run(["evidence", kind, name, "--provider", provider])
    return (result, try evidenceRows(box) == before)
  }

  static let page =
    #"{"page": {"id": "p", "url": "https://status.x.example", "updated_at": "2026-04-30T00:00:00Z"}, "incidents": "#

  @Test(arguments: [
    (
      page + #"[{"id": "a", "impact": "minor", "created_at": "2026-04-01T00:00:00Z", "resolved_at": nu"#,
      "bad.json:1:"
    ),
    (page + #"{"id": "a"}}"#, "bad.json: incidents should be an array, not an object"),
    (
      page
        + #"[{"id": "a", "impact": "major", "created_at": "2026-04-02T00:00:00Z", "resolved_at": "2026-04-01T00:00:00Z"}]}"#,
      "bad.json: incidents[0] ('a') ends (2026-04-01T00:00:00.000Z) before it starts (2026-04-02T00:00:00.000Z)"
    ),
    (
      page + #"[{"id": "a", "impact": "major", "created_at": "04/02/2026 10:00", "resolved_at": null}]}"#,
      "bad.json: incidents[0] ('a').created_at '04/02/2026 10:00' is not an ISO 8601 timestamp"
    ),
  ])
  func badStatusPagesExit65WithOneSentence(text: String, prefix: String) throws {
    let (result, unchanged) = try failing("bad.json", text)
    #expect(result.code == 65)
    #expect(result.stderr.hasPrefix("neocloud: " + prefix), "\(result.stderr)")
    #expect(result.stderr.split(separator: "\n").count == 1)
    #expect(unchanged)
  }

  @Test func unknownStatusUnknownProviderAndMissingFiles() throws {
    let (status, unchanged) = try failing(
      "audit.json",
      #"{"cluster": {"audited_at": "2026-10-27T21:14:09Z"}, "checks": [{"key": "containers.enroot", "status": "ok"}]}"#,
      "cmax", provider: "cinder-ai")
    #expect(status.code == 65)
    #expect(
      status.stderr
        == "neocloud: audit.json: check containers.enroot has status 'ok': expected pass, warning, fail or skipped.\n")
    #expect(unchanged)

    let (noDate, _) = try failing(
      "audit.json", #"{"checks": [{"key": "containers.enroot", "status": "pass"}]}"#, "cmax")
    #expect(noDate.code == 65)
    #expect(noDate.stderr.contains("no cluster.audited_at timestamp: give the audit's date with --assessed-on"))

    let box = try Sandbox.withSamples()
    let unknown = box.run(["evidence", "statuspage", incidentsSample, "--provider", "auroragird"])
    #expect(unknown.code == 65)
    #expect(unknown.stderr == "neocloud: unknown provider 'auroragird', nothing written: did you mean 'auroragrid'?\n")
    let missing = box.run(["evidence", "statuspage", "nope.json", "--provider", "auroragrid"])
    #expect(missing.code == 66)
    #expect(
      missing.stderr == "neocloud: nope.json does not exist: give the path of a saved document, or - for stdin.\n")
    let noDatabase = try Sandbox().run(["evidence", "cmax", auditSample, "--provider", "cinder-ai"])
    #expect(noDatabase.code == 66)
  }

  /// A 100 MB document: one sentence and 65, before anything is read (a file's size is known).
  @Test func aHundredMegabyteFileIsRefused() throws {
    let box = try Sandbox.withSamples()
    let path = box.path("huge.json")
    #expect(FileManager.default.createFile(atPath: path, contents: nil))
    let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
    try handle.truncate(atOffset: 100_000_000)  // sparse: no 100 MB written to disk
    try handle.close()
    let result = box.run(["evidence", "statuspage", "huge.json", "--provider", "auroragrid"])
    #expect(result.code == 65)
    #expect(
      result.stderr
        == "neocloud: huge.json is larger than 16 MiB, far beyond any real document of this kind: check that it is the right file.\n"
    )
  }
}

/// VmHWM of a live process, in KiB (nil when it is gone).
func highWaterMarkKiB(_ pid: pid_t) -> Int? {
  guard let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8) else { return nil }
  for line in status.split(separator: "\n") where line.hasPrefix("VmHWM:") {
    return Int(line.dropFirst(6).filter(\.isNumber))
  }
  return nil
}

/// A 100 MB document on a pipe: the binary reads it in chunks and stops at the limit, in flat
/// memory (its peak RSS stays far below the document's size).
@Suite struct EvidenceMemoryTests {
  @Test func aHundredMegabytePipeIsRefusedInFlatMemory() throws {
    let box = try Sandbox.withSamples()
    signal(SIGPIPE, SIG_IGN)
    var input: [Int32] = [0, 0]
    #expect(pipe(&input) == 0)
    let errPath = box.path("err.txt")
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_adddup2(&actions, input[0], 0)
    posix_spawn_file_actions_addclose(&actions, input[1])
    posix_spawn_file_actions_addopen(&actions, 2, errPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
    let arguments = [try neocloudBinary(), "--db", box.db, "evidence", "statuspage", "-", "--provider", "auroragrid"]
    var argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
    defer { argv.forEach { free($0) } }
    var pid: pid_t = 0
    #expect(posix_spawn(&pid, arguments[0], &actions, nil, &argv, environ) == 0)
    close(input[0])
    // A valid start, then 100 MB of padding in one skipped field.
    var sent = 0
    let head = Array(#"{"page": {"id": "p", "updated_at": "2026-04-30T00:00:00Z"}, "padding": ""#.utf8)
    sent += head.withUnsafeBytes { write(input[1], $0.baseAddress, $0.count) }
    let chunk = [UInt8](repeating: UInt8(ascii: "x"), count: 1 << 20)
    // Stop short of the 16 MiB limit: the child has read ~15 MiB and waits for more, so its
    // peak memory so far (VmHWM, per address space since exec) can be read while it lives.
    var peakKiB = -1
    while sent < 100_000_000 {
      if sent >= 15 << 20, peakKiB < 0 {
        usleep(300_000)
        peakKiB = highWaterMarkKiB(pid) ?? 0
      }
      let written = chunk.withUnsafeBytes { write(input[1], $0.baseAddress, $0.count) }
      if written <= 0 { break }  // the child stopped reading
      sent += written
    }
    close(input[1])
    var status: Int32 = 0
    #expect(waitpid(pid, &status, 0) == pid)
    let exitCode = (status >> 8) & 0xFF
    #expect(exitCode == 65)
    let stderr = (try? String(contentsOfFile: errPath, encoding: .utf8)) ?? ""
    #expect(
      stderr
        == "neocloud: stdin is larger than 16 MiB, far beyond any real document of this kind: check that it is the right file.\n"
    )
    // Well under the 15 MiB already read, let alone the 100 MB on offer.
    #expect(peakKiB > 0 && peakKiB < 64 * 1024, "peak RSS \(peakKiB) KiB")
    #expect(sent >= 16 << 20)
  }
}

@Suite struct EvidenceRoundTripTests {
  /// Status-page rows export with their source and import back unchanged.
  @Test func exportCarriesTheSourceAndReimportChangesNothing() throws {
    let box = try Sandbox.withSamples()
    #expect(box.run(["evidence", "statuspage", incidentsSample, "--provider", "auroragrid"]).code == 0)
    #expect(box.run(["export", box.path("out")]).code == 0)
    let uptime = try String(contentsOfFile: box.path("out/uptime.csv"), encoding: .utf8)
    #expect(uptime.hasPrefix("provider_id,month,uptime_pct,incidents,failures_per_1k_gpu_months,mttr_hours,source\n"))
    #expect(uptime.contains("\nauroragrid,2026-04,"))
    #expect(
      uptime.split(separator: "\n").filter { $0.hasSuffix(",statuspage:https://status.auroragrid.example") }.count == 24
    )
    let again = box.run(["import", box.path("out")])
    #expect(again.code == 0)
    #expect(again.stderr.contains("221 uptime months (221 unchanged)"))
  }
}

@Suite struct FreshnessSettingTests {
  /// NEOCLOUD_ASSESSMENT_MAX_AGE_MONTHS moves the assessment cut-off for every scoring command.
  @Test func theAssessmentAgeIsConfigurable() throws {
    let box = try Sandbox.withSamples()
    func coverage(_ environment: [String: String]) throws -> Double? {
      let result = box.run(["rank", "--as-of", "2026-11-23", "--format", "json"], environment: environment)
      let json = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
      let providers = json?["providers"] as? [[String: Any]] ?? []
      return providers.first { $0["provider_id"] as? String == "auroragrid" }?["coverage_pct"] as? Double
    }
    #expect(try coverage([:]) == 67.948717949)
    // With 24 months, AuroraGrid's 2025-06-23 assessments are fresh again: full coverage.
    #expect(try coverage(["NEOCLOUD_ASSESSMENT_MAX_AGE_MONTHS": "24"]) == 100)
    let explain = box.run(
      ["explain", "auroragrid", "--as-of", "2026-11-23", "--format", "json"],
      environment: ["NEOCLOUD_ASSESSMENT_MAX_AGE_MONTHS": "24"])
    #expect(explain.stdout.contains(#""assessment_max_age_months": 24"#))
    let bad = box.run(["rank", "--as-of", "2026-11-23"], environment: ["NEOCLOUD_ASSESSMENT_MAX_AGE_MONTHS": "twelve"])
    #expect(bad.code == 64)
    #expect(
      bad.stderr
        == "neocloud: NEOCLOUD_ASSESSMENT_MAX_AGE_MONTHS 'twelve' is not a number of months from 1 to 120: fix or unset it.\n"
    )
  }
}

@Suite struct StaleReportTests {
  /// The HTML report counts each provider's stale criteria and names them on hover.
  @Test func theReportMarksStaleEvidence() throws {
    let box = try Sandbox.withSamples()
    #expect(box.run(["report", "--as-of", "2026-11-23", "--output", "r.html"]).code == 0)
    let html = try String(contentsOfFile: box.path("r.html"), encoding: .utf8)
    #expect(html.contains("<th class=\"num\">Coverage</th><th class=\"num\">Stale</th>"))
    #expect(html.contains("title=\"stale: failures_12m, mttr_12m, uptime_12m\">3</td>"))  // harbor-gpu's uptime
    #expect(html.contains("<strong>Stale</strong> counts the criteria whose evidence is old"))
  }
}
