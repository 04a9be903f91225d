import Domain
import Foundation
import Testing

@testable import Evidence

/// The documents bundled in `Samples/evidence/` read and map as the tour says.
@Suite struct SampleDocumentTests {
  @Test func auroraGridsStatusPageCoversTwoYears() throws {
    let source = try DocumentSource(
      path: repositoryRoot.appendingPathComponent("Samples/evidence/auroragrid-incidents.json").path)
    var reader = source.jsonReader()
    let document = try readStatusPage(&reader)
    #expect(document.incidents.count == 46)
    #expect(document.incidents.filter { $0.resolvedAt == nil }.count == 1)
    let months = try deriveUptimeMonths(document)
    #expect(months.first?.month == Month("2024-12"))
    #expect(months.last?.month == Month("2026-11"))
    #expect(months.count == 24)
    // A healthy provider: every month of the last year at or above its 99.9 % contract SLA.
    #expect(months.suffix(12).allSatisfy { $0.uptimePct >= 99.9 && $0.uptimePct < 100 })
    #expect(months.reduce(0) { $0 + $1.incidents } == 41)  // 46 less the 5 of impact none
  }

  @Test func cinderAIsAuditMapsToSoftwareAndSecurityCriteria() throws {
    let source = try DocumentSource(
      path: repositoryRoot.appendingPathComponent("Samples/evidence/cinder-ai-cmax-audit.json").path)
    var reader = source.jsonReader()
    let audit = try readCmaxAudit(&reader)
    #expect(audit.auditedAt?.day == Day("2026-10-27"))
    let map = try CmaxMap(parsing: defaultCmaxMapCSV, file: "cmax-map.csv")
    let mapping = mapCmaxAudit(audit, map: map)
    let values = Dictionary(uniqueKeysWithValues: mapping.assessments.map { ($0.criterionID, $0.value) })
    #expect(
      values == [
        "active_health_checks": "2", "dcgm_job_metrics": "true", "gpudirect_rdma": "true",
        "host_management_isolation": "true", "ib_management_keys": "false", "managed_slurm": "3",
        "minimum_patched_versions": "false", "monitoring_dashboards": "3", "nccl_defaults": "false",
        "passive_health_checks": "4", "patch_process": "2", "rbac_sso": "true", "sane_defaults": "true",
        "tenant_isolation": "true", "time_to_first_job_min": "30", "topology_aware_scheduling": "true",
      ])
    #expect(
      mapping.unmapped.map(\.key) == [
        "containers.singularity", "gpu_controls.vboost.allowed", "hbm_memory_exposure.status",
        "software.ncu.installed", "software.ncu.profilingEnabled", "software.perf.installed",
        "software.perf.perfEventParanoid",
      ])
    #expect(
      mapping.skipped.map(\.key) == [
        "kubelet_cpu_manager_policy.status", "kubernetes-nodes-proxy", "storage.rwxStatus",
      ])
  }
}
