import Domain
import Scoring
import Testing

@testable import Evidence

let testMap = """
  check,criterion_id,pass,warning,fail
  securityVersions.*,minimum_patched_versions,true,false,false
  healthChecks.*,passive_health_checks,4,2,1
  healthChecks.dcgmSlurm,active_health_checks,3,2,0
  nccl_topo_file.status,nccl_allreduce_pct,95,85,70
  """

let testRubric = Rubric([
  Criterion(id: "minimum_patched_versions", pillar: "security", title: "t", kind: .bool, weight: 1),
  Criterion(id: "passive_health_checks", pillar: "reliability", title: "t", kind: .level, weight: 2),
  Criterion(id: "active_health_checks", pillar: "reliability", title: "t", kind: .level, weight: 2),
  Criterion(
    id: "nccl_allreduce_pct", pillar: "networking", title: "t", kind: .numeric, weight: 3, fullAt: 95, zeroAt: 50),
  Criterion(
    id: "uptime_12m", pillar: "reliability", title: "t", kind: .numeric, weight: 4, fullAt: 99.9, zeroAt: 98.5,
    source: .uptime12m),
  Criterion(id: "software_x", pillar: "software", title: "t", kind: .bool, weight: 1),
])

func readAudit(_ json: String) throws -> CmaxAudit {
  var reader = JSONStreamReader(file: "audit.json", bytes: Array(json.utf8))
  return try readCmaxAudit(&reader)
}

@Suite struct CmaxMappingTests {
  let auditJSON = """
    {"schema_version": 1, "runner": "audit",
     "cluster": {"gpu_model": "H100", "nodes": 16, "orchestrator": "slurm", "audited_at": "2026-09-14T16:02:11Z"},
     "checks": [
       {"key": "securityVersions.nvidiaDriver.status", "title": "Security Versions / NVIDIA Driver", "category": "security",
        "status": "pass", "observed": "observed version 570.172.08; minimum version 570.172.08"},
       {"key": "securityVersions.runc.status", "status": "fail", "observed": "observed version 1.1.7; minimum version 1.2.8"},
       {"key": "securityVersions.docker.status", "status": "warning", "observed": "unknown"},
       {"key": "healthChecks.dcgmInstalled", "status": "pass", "observed": true},
       {"key": "healthChecks.nhcInstalled", "status": "warning", "observed": {"installed": false}},
       {"key": "healthChecks.dcgmSlurm", "status": "skipped", "observed": "not collected"},
       {"key": "nccl_topo_file.status", "status": "warning", "observed": "pass"},
       {"key": "software.perf.installed", "status": "pass", "observed": true},
       {"key": "software.ncu.installed", "status": "fail", "observed": false}
     ]}
    """

  @Test func mapsPassWarningFailSkippedToBoolLevelAndNumeric() throws {
    let audit = try readAudit(auditJSON)
    #expect(audit.auditedAt?.day == Day("2026-09-14"))
    let map = try CmaxMap(parsing: testMap, file: "cmax-map.csv")
    try map.validate(against: testRubric)
    let mapping = mapCmaxAudit(audit, map: map)
    // bool: the failing runc check decides (worst of three).
    // level: dcgmInstalled pass (4) and nhcInstalled warning (2) → 2; dcgmSlurm skipped → no evidence.
    // numeric: the topology-file warning stands for 85 % of the reference bandwidth.
    #expect(
      mapping.assessments.map { [$0.criterionID, $0.value, $0.evidence] } == [
        [
          "minimum_patched_versions", "false",
          "cmax:securityVersions.runc.status:fail (worst of 3 checks: 1 pass, 1 warning, 1 fail)",
        ],
        ["nccl_allreduce_pct", "85", "cmax:nccl_topo_file.status:warning"],
        [
          "passive_health_checks", "2", "cmax:healthChecks.nhcInstalled:warning (worst of 2 checks: 1 pass, 1 warning)",
        ],
      ])
    #expect(mapping.skipped.map(\.key) == ["healthChecks.dcgmSlurm"])
    #expect(
      mapping.unmapped.map(\.evidence) == ["cmax:software.ncu.installed:fail", "cmax:software.perf.installed:pass"])
  }

  @Test func anExactKeyWinsOverAPrefix() throws {
    let map = try CmaxMap(parsing: testMap, file: "m")
    #expect(map.row(for: "healthChecks.dcgmSlurm")?.criterionID == "active_health_checks")
    #expect(map.row(for: "healthChecks.other")?.criterionID == "passive_health_checks")
    #expect(map.row(for: "healthChecks") == nil)
    let audit = CmaxAudit(
      auditedAt: nil, checks: [CmaxCheck(key: "healthChecks.dcgmSlurm", status: .pass)])
    #expect(mapCmaxAudit(audit, map: map).assessments.map(\.value) == ["3"])
  }

  @Test func checksKeyedByNameAreReadToo() throws {
    let audit = try readAudit(
      #"{"cluster": {"audited_at": null}, "checks": {"healthChecks.dcgmInstalled": {"status": "PASS", "observed": 1}, "x.y": "skipped"}}"#
    )
    #expect(audit.auditedAt == nil)
    #expect(
      audit.checks == [
        CmaxCheck(key: "healthChecks.dcgmInstalled", status: .pass), CmaxCheck(key: "x.y", status: .skipped),
      ])
  }

  @Test func unknownStatusesAndBadShapesAreErrors() {
    #expect(throws: EvidenceError.unknownStatus(file: "audit.json", key: "a.b", value: "passed")) {
      _ = try readAudit(#"{"checks": [{"key": "a.b", "status": "passed"}]}"#)
    }
    #expect(throws: EvidenceError.missingField(file: "audit.json", path: "checks")) {
      _ = try readAudit(#"{"cluster": {"audited_at": "2026-09-14T16:02:11Z"}}"#)
    }
    #expect(throws: EvidenceError.badTimestamp(file: "audit.json", path: "cluster.audited_at", value: "yesterday")) {
      _ = try readAudit(#"{"cluster": {"audited_at": "yesterday"}, "checks": []}"#)
    }
    #expect(
      throws: EvidenceError.wrongShape(
        file: "audit.json", path: "checks", expected: "an array or an object, not a number")
    ) {
      _ = try readAudit(#"{"checks": 3}"#)
    }
    #expect(throws: EvidenceError.missingField(file: "audit.json", path: "checks[0].key")) {
      _ = try readAudit(#"{"checks": [{"status": "pass"}]}"#)
    }
  }

  @Test(arguments: [
    ("check,criterion_id,pass,warning,fail\nx,nope,true,false,false", "criterion 'nope' is not in the rubric"),
    ("check,criterion_id,pass,warning,fail\nx,uptime_12m,99,98,97", "derived from stored data"),
    ("check,criterion_id,pass,warning,fail\nx,passive_health_checks,5,2,1", "the pass value '5' does not fit"),
    ("check,criterion_id,pass,warning,fail\nx,minimum_patched_versions,yes,false,false", "the pass value 'yes'"),
    ("check,criterion_id,pass,warning,fail\nx,nccl_allreduce_pct,95,8.5.1,70", "the warning value"),
  ])
  func mappingRowsAreCheckedAgainstTheRubric(text: String, reason: String) throws {
    let map = try CmaxMap(parsing: text, file: "m.csv")
    do {
      try map.validate(against: testRubric)
      Issue.record("no error")
    } catch let error as EvidenceError {
      guard case .badMapping(let file, let line, let message) = error else {
        Issue.record("unexpected \(error)")
        return
      }
      #expect(file == "m.csv")
      #expect(line == 2)
      #expect(message.contains(reason), "\(message)")
    }
  }

  @Test(arguments: [
    ("check,criterion\nx,y", 1), ("check,criterion_id,pass,warning,fail\nx,y,true,false", 2),
    ("check,criterion_id,pass,warning,fail\nx,y,true,false,false\nx,z,true,false,false", 3),
    ("check,criterion_id,pass,warning,fail\n\"x\",y,true,false,false", 2), ("", 1),
  ])
  func malformedMappingFiles(text: String, line: Int) {
    do {
      _ = try CmaxMap(parsing: text, file: "m.csv")
      Issue.record("no error")
    } catch let error as EvidenceError {
      guard case .badMapping(_, let errorLine, _) = error else {
        Issue.record("unexpected \(error)")
        return
      }
      #expect(errorLine == line)
    } catch {
      Issue.record("unexpected \(error)")
    }
  }
}
