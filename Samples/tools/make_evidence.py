#!/usr/bin/env python3
"""Write the bundled field-evidence documents into Samples/evidence/ (Python 3 stdlib only).

  auroragrid-incidents.json  A Statuspage v2 `/api/v2/incidents.json` as AuroraGrid's status page
                             would serve it on 2026-11-22: its 50 most recent incidents (2024-12 …
                             2026-11), timestamps in the page's zone (America/Chicago), components,
                             updates; one incident still open, a few of impact none.
  cinder-ai-cmax-audit.json  The graded checks of a `cmax audit` of Cinder AI's Slurm cluster
                             (2026-10-27): the `cluster` object of cmax's audit.values.json plus
                             `checks` (key, title, category, status, observed, assessment).

Both are written for the tour from the public formats; names, ids and figures are invented and the
output is deterministic (seeded). Usage: python3 Samples/tools/make_evidence.py [OUT_DIR]
"""

import datetime as dt
import json
import os
import random
import sys
import zoneinfo

CHICAGO = zoneinfo.ZoneInfo("America/Chicago")
UTC = dt.timezone.utc
PAGE = {
    "id": "y7k2m9q4v1xz",
    "name": "AuroraGrid Compute",
    "url": "https://status.auroragrid.example",
    "time_zone": "America/Chicago",
    "updated_at": None,  # set below
}
COMPONENTS = [
    ("GPU Compute (us-south)", "b1q8r3t6w0nz"),
    ("GPU Compute (us-east)", "c4v7x2k9m5pd"),
    ("GPU Compute (ca-east)", "d8n3h6j1s4qa"),
    ("InfiniBand Fabric", "e2w5y8z1r7tb"),
    ("Object Storage", "f6k9p2c5x8lm"),
    ("Dashboard & API", "g3t7v1n4q6yc"),
]
MINOR_TITLES = [
    ("Elevated job start latency in {region}", 0),
    ("Degraded object storage throughput", 4),
    ("Intermittent dashboard errors", 5),
    ("Slow node provisioning in {region}", 1),
    ("Delayed Slurm job accounting", 0),
    ("Elevated API error rates", 5),
    ("Reduced capacity for new H200 reservations", 1),
]
MAJOR_TITLES = [
    ("Partial InfiniBand link degradation in {region}", 3),
    ("GPU nodes unavailable in one hall of {region}", 0),
    ("Shared file system unavailable for some clusters", 4),
]
CRITICAL_TITLES = [("InfiniBand fabric outage in {region}", 3)]
REGIONS = ["us-south", "us-east", "ca-east"]


def local(instant):
    """ISO 8601 with milliseconds in the page's zone, as Statuspage writes it."""
    text = instant.astimezone(CHICAGO).isoformat(timespec="milliseconds")
    return text


def ident(rng, length=12):
    return "".join(rng.choice("0123456789abcdefghijklmnopqrstuvwxyz") for _ in range(length))


def component(index, updated):
    name, cid = COMPONENTS[index]
    return {
        "id": cid, "name": name, "status": "operational", "created_at": "2023-05-02T09:00:00.000-05:00",
        "updated_at": local(updated), "position": index + 1, "description": None, "showcase": True,
        "start_date": "2023-05-02", "group_id": None, "page_id": PAGE["id"], "group": False,
        "only_show_if_degraded": False,
    }


def incidents():
    rng = random.Random("statuspage:auroragrid")
    result = []
    # (month, day, hour, impact, minutes) — two a month on average, mostly minor.
    plan = []
    month = dt.datetime(2024, 12, 1, tzinfo=UTC)
    while month < dt.datetime(2026, 12, 1, tzinfo=UTC):
        count = rng.choice([1, 2, 2, 2, 3])
        for _ in range(count):
            day = rng.randint(1, 27)
            hour = rng.randint(0, 23)
            roll = rng.random()
            if roll < 0.08:
                impact, minutes = "major", rng.randint(12, 30)
            elif roll < 0.14:
                impact, minutes = "none", rng.randint(20, 90)
            else:
                impact, minutes = "minor", rng.randint(20, 150)
            plan.append((month.replace(day=day, hour=hour, minute=rng.randint(0, 59)), impact, minutes))
        month = (month + dt.timedelta(days=32)).replace(day=1)
    # One short critical fabric outage, early in the record.
    plan.append((dt.datetime(2025, 2, 11, 14, 7, tzinfo=UTC), "critical", 24))
    # A major that overlaps a minor one: the downtime counts the major's weight only.
    plan.append((dt.datetime(2026, 4, 16, 3, 12, tzinfo=UTC), "major", 22))
    plan.append((dt.datetime(2026, 4, 16, 3, 5, tzinfo=UTC), "minor", 50))
    plan.sort()
    plan = [p for p in plan if p[0] < dt.datetime(2026, 11, 21, tzinfo=UTC)]
    plan = plan[-49:]
    # The open one: minor, started the day before the page was last updated.
    plan.append((dt.datetime(2026, 11, 22, 9, 40, tzinfo=UTC), "minor", None))
    for started, impact, minutes in plan:
        region = rng.choice(REGIONS)
        titles = {"minor": MINOR_TITLES, "none": MINOR_TITLES, "major": MAJOR_TITLES,
                  "critical": CRITICAL_TITLES}[impact]
        title, comp = rng.choice(titles)
        if comp in (0, 1, 2):
            comp = REGIONS.index(region)
        created = started + dt.timedelta(minutes=rng.randint(2, 9))
        resolved = None if minutes is None else started + dt.timedelta(minutes=minutes)
        last = resolved or created + dt.timedelta(minutes=35)
        iid = ident(rng)
        updates = [{
            "id": ident(rng), "status": "investigating",
            "body": f"We are investigating reports of {title[0].lower() + title[1:].format(region=region)}.",
            "incident_id": iid, "created_at": local(created), "updated_at": local(created),
            "display_at": local(created), "affected_components": None, "deliver_notifications": True,
            "custom_tweet": None, "tweet_id": None,
        }]
        if resolved is None:
            updates.insert(0, {
                "id": ident(rng), "status": "monitoring",
                "body": "A fix has been deployed and we are monitoring the results.",
                "incident_id": iid, "created_at": local(last), "updated_at": local(last), "display_at": local(last),
                "affected_components": None, "deliver_notifications": True, "custom_tweet": None, "tweet_id": None,
            })
        else:
            updates.insert(0, {
                "id": ident(rng), "status": "resolved",
                "body": "This incident has been resolved. Affected jobs were requeued automatically.",
                "incident_id": iid, "created_at": local(resolved), "updated_at": local(resolved),
                "display_at": local(resolved), "affected_components": None, "deliver_notifications": True,
                "custom_tweet": None, "tweet_id": None,
            })
        result.append({
            "id": iid,
            "name": title.format(region=region),
            "status": "monitoring" if resolved is None else "resolved",
            "created_at": local(created),
            "updated_at": local(last),
            "monitoring_at": local(last) if resolved is None else None,
            "resolved_at": None if resolved is None else local(resolved),
            "impact": impact,
            "shortlink": f"https://stspg.io/{ident(rng, 7)}",
            "started_at": local(started),
            "page_id": PAGE["id"],
            "incident_updates": updates,
            "components": [component(comp, last)],
            "reminder_intervals": None,
        })
    result.reverse()  # newest first, as the API lists them
    return result


def status_page():
    page = dict(PAGE)
    page["updated_at"] = local(dt.datetime(2026, 11, 22, 12, 5, 31, 412000, tzinfo=UTC))
    return {"page": page, "incidents": incidents()}


CHECKS = [
    # key, category, status, observed, assessment
    ("securityVersions.nvidiaDriver.status", "security", "pass", "observed version 570.172.08; minimum version 570.172.08", "The NVIDIA driver meets the published security minimum."),
    ("securityVersions.nvidiaContainerToolkit.status", "security", "pass", "observed version 1.17.8; minimum version 1.17.8", "The NVIDIA Container Toolkit meets the published security minimum."),
    ("securityVersions.cudaToolkit.status", "security", "pass", "observed version 12.9; minimum version 12.8; measured from the installed toolkit with nvcc", "The CUDA Toolkit meets the published security minimum."),
    ("securityVersions.runc.status", "security", "fail", "observed version 1.1.12; minimum version 1.2.8", "runc is older than the published security minimum (container breakout CVEs)."),
    ("securityVersions.docker.status", "security", "pass", "observed version 28.3.3; minimum version 28.3.3", "The Docker Engine version meets the published security minimum."),
    ("securityVersions.connectxFirmware.status", "security", "warning", "device mlx5_0: version 28.39.1002, device mlx5_1: version unknown; minimum version 28.43.2026", "One ConnectX device did not report its firmware version."),
    ("securityVersions.dcgm.status", "security", "pass", "observed version 4.2.3; minimum version 4.2.3", "The DCGM version meets the published security minimum."),
    ("security.guestKernel.newerInstalled", "security", "warning", "observed version 6.8.0-79-generic; minimum version not applicable; newest installed version 6.8.0-85-generic", "A newer kernel is installed and waits for a reboot."),
    ("security.fragnesia.status", "security", "pass", "observed version 6.8.0-79-generic; minimum version 6.8.0-71.71", "The running kernel does not match the affected Fragnesia or Dirty Frag ranges."),
    ("security.januscape.status", "security", "pass", "CPU virtualization exposed=false; KVM device exposed=false; nested virtualization enabled=false; status=not_exposed", "The audit did not find Januscape exposure on this target."),
    ("bmc-ipmi", "security", "pass", "ipmitool not installed; /dev/ipmi0 absent; BMC subnet unreachable", "Tenants cannot reach the BMC."),
    ("pcie-passthrough", "security", "pass", "bare metal; IOMMU groups isolate each GPU and NIC", "PCIe devices are isolated per tenant."),
    ("nvlink-boundary", "security", "pass", "8 GPUs in one NVSwitch domain, exclusive to the tenant (attested)", "The NVLink domain is tenant-exclusive."),
    ("ufm-profile", "security", "fail", "SM key default; M key unset", "The UFM secured bare-metal-cloud profile is not enabled."),
    ("kubernetes-nodes-proxy", "security", "skipped", "n/a for slurm machines", ""),
    ("access.slurmCommandsOk", "orchestration", "pass", True, "Core Slurm commands are functional."),
    ("access.sudoAvailable", "orchestration", "pass", True, "Passwordless sudo is available to the audited user."),
    ("access.userManagement", "orchestration", "pass", True, "User and group management commands are usable."),
    ("access.sshToComputeNodes", "orchestration", "pass", True, "Compute nodes are reachable over passwordless SSH."),
    ("access.externalIdp.detected", "orchestration", "pass", "okta (SAML)", "An external identity provider integration was detected."),
    ("containers.pyxisRuntimeWorks", "containers", "pass", "CLI available true; installed version 0.21.0", "The Slurm command-line interface exposes the Pyxis container options."),
    ("containers.enroot", "containers", "pass", True, "Enroot is installed on the worker."),
    ("containers.enrootImportWorks", "containers", "pass", "imported nvcr.io/nvidia/pytorch:25.09-py3 in 41 s", "Enroot can import container images."),
    ("containers.dockerOnWorkers", "containers", "pass", True, "Docker is installed on the worker nodes."),
    ("containers.singularity", "containers", "fail", False, "Neither Singularity nor Apptainer is installed."),
    ("software.lmod.modulesStatus", "software", "warning", "unknown", "Lmod is installed but no CUDA, HPC-X or NCCL module was found."),
    ("slurm.accounting.sacctAvailable", "software", "pass", True, "Slurm job accounting (sacct) is available."),
    ("software.nccl.installed", "software", "pass", "2.27.7", "NCCL is installed."),
    ("software.cudaVisibleDevicesStatus", "software", "pass", "CUDA_VISIBLE_DEVICES=0,1,2,3,4,5,6,7", "The scheduler assigned CUDA devices to the audited worker environment."),
    ("software.perf.installed", "profiling", "pass", True, "perf is installed."),
    ("software.perf.perfEventParanoid", "profiling", "fail", 4, "perf_event_paranoid blocks unprivileged profiling."),
    ("software.ncu.installed", "profiling", "pass", True, "NVIDIA Nsight Compute is installed."),
    ("software.ncu.profilingEnabled", "profiling", "warning", "unknown", "The collector could not verify this check."),
    ("storage.rwxStatus", "storage", "skipped", "not_applicable", "The collector reported that this check does not apply to the target."),
    ("kubelet_cpu_manager_policy.status", "orchestration", "skipped", "not_applicable", "The collector reported that this check does not apply to the target."),
    ("healthChecks.dcgmInstalled", "health", "pass", True, "DCGM is installed."),
    ("healthChecks.nhcInstalled", "health", "pass", True, "Node Health Check is installed."),
    ("healthChecks.dcgmSlurm", "health", "warning", "HealthCheckProgram=/usr/sbin/nhc (no dcgmi diag)", "DCGM health checks are not wired into the Slurm HealthCheckProgram."),
    ("healthChecks.monitoringStack.prometheus", "monitoring", "pass", True, "Prometheus is installed."),
    ("healthChecks.monitoringStack.grafana", "monitoring", "pass", True, "Grafana is installed."),
    ("healthChecks.monitoringStack.dcgmExporter", "monitoring", "pass", True, "DCGM Exporter is installed."),
    ("gpus.pcieAcs.enabled", "gpu", "pass", False, "PCIe ACS is disabled on the GPU-NIC path."),
    ("gpus.gdrcopy.installed", "gpu", "pass", True, "GDRCopy is installed."),
    ("gpus.gpuDirectRdmaPath.nvidiaPeermemLegacy", "gpu", "warning", True, "The deprecated nvidia_peermem path is in use; dma_buf is available."),
    ("gpu_controls.vboost.allowed", "gpu", "fail", "allowed=false; status=denied; mode=unknown; allowed nodes=0/4", "The operator cannot use the GPU vBoost control."),
    ("hbm_memory_exposure.status", "gpu", "pass", "not_exposed", "GPU HBM is not exposed as ordinary memory."),
    ("networking.ncclAutoConfig", "networking", "pass", True, "NCCL relies on auto-configuration without an overriding /etc/nccl.conf."),
    ("networking.hcaNamingValid", "networking", "pass", "valid=true; devices=mlx5_0, mlx5_1, mlx5_2, mlx5_3, mlx5_4, mlx5_5, mlx5_6, mlx5_7", "The HCA names use the expected convention."),
    ("nccl_ib_qps.status", "networking", "warning", "NCCL_IB_QPS_PER_CONNECTION unset on a 4,096-GPU fabric", "Large fabrics need several queue pairs per connection."),
    ("nccl_topo_file.status", "networking", "pass", "/etc/nccl/topo.xml mounted in the container", "The host NCCL topology file is available inside the benchmark container."),
    ("networking.topologyConfigured", "networking", "pass", "topology.conf with 8 leaf switches", "The scheduler has a topology configuration."),
]


def title(key):
    parts = key.split(".")
    if parts[-1] in {"status", "allowed", "configured", "installed"} and len(parts) > 1:
        parts.pop()
    words = []
    for part in parts:
        spaced = "".join(" " + c if c.isupper() else c for c in part).replace("_", " ").replace("-", " ")
        words.append(" ".join(w[:1].upper() + w[1:] for w in spaced.split()))
    return " / ".join(words)


def audit():
    return {
        "schema_version": 1,
        "runner": "audit",
        "cluster": {
            "gpu_model": "H100", "nodes": 384, "gpus_per_node": 8, "gpu_memory_mb": 81559,
            "total_cpus": 43008, "total_memory_gb": 786432, "driver_version": "570.172.08",
            "cuda_version": "12.9", "nccl_version": "2.27.7", "gpu_direct_rdma": True,
            "orchestrator": "slurm", "region": "us-west-2 (Hillsboro, OR)", "slurm_version": "24.11.6",
            "environment": "baremetal", "audited_at": "2026-10-27T21:14:09Z",
        },
        "checks": [
            {"key": key, "title": title(key), "category": category, "status": status, "observed": observed,
             "assessment": assessment}
            for key, category, status, observed, assessment in CHECKS
        ],
    }


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    out = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(here), "evidence")
    os.makedirs(out, exist_ok=True)
    with open(os.path.join(out, "auroragrid-incidents.json"), "w", encoding="utf-8") as f:
        json.dump(status_page(), f, indent=2, ensure_ascii=False)
        f.write("\n")
    with open(os.path.join(out, "cinder-ai-cmax-audit.json"), "w", encoding="utf-8") as f:
        json.dump(audit(), f, indent=2, ensure_ascii=False)
        f.write("\n")


if __name__ == "__main__":
    main()
