/// The default cmax mapping, a copy of `Samples/evidence/cmax-map.csv` built into the binary so
/// that a cron job run from anywhere finds it (`--map FILE` overrides it). A test checks the two
/// agree. (Not `Samples/cmax-map.csv`: `neocloud import Samples/` imports every CSV there.)
///
/// Each row: a cmax check key (or a prefix ending in `*`), the rubric criterion it gives evidence
/// for, and the value `pass`, `warning` and `fail` stand for in that criterion's kind. Choices:
/// a warning (unverified or a soft finding) does not earn a bool criterion, except for the
/// GPUDirect RDMA path, where the warning is the deprecated but working peermem path. A numeric
/// criterion is mapped only where a check stands for a measure: an image that enroot cannot import
/// puts the first containerized job hours away (30 / 120 / 480 minutes). Measured NCCL bandwidth
/// is not guessed from configuration checks.
package let defaultCmaxMapCSV = """
  check,criterion_id,pass,warning,fail
  access.externalIdp.detected,rbac_sso,true,false,false
  access.slurmCommandsOk,managed_slurm,4,2,0
  access.sshToComputeNodes,sane_defaults,true,false,false
  access.sudoAvailable,sane_defaults,true,false,false
  access.userManagement,rbac_sso,true,false,false
  bmc-ipmi,host_management_isolation,true,false,false
  containers.dockerOnWorkers,sane_defaults,true,false,false
  containers.enroot,managed_slurm,4,3,1
  containers.enrootImportWorks,time_to_first_job_min,30,120,480
  containers.pyxisRuntimeWorks,managed_slurm,4,3,1
  gpus.gdrcopy.installed,gpudirect_rdma,true,false,false
  gpus.gpuDirectRdmaPath*,gpudirect_rdma,true,true,false
  gpus.pcieAcs.enabled,gpudirect_rdma,true,false,false
  healthChecks.dcgmInstalled,passive_health_checks,4,2,1
  healthChecks.dcgmSlurm,active_health_checks,3,2,1
  healthChecks.monitoringStack.*,monitoring_dashboards,3,2,1
  healthChecks.monitoringStack.dcgmExporter,dcgm_job_metrics,true,false,false
  healthChecks.nhcInstalled,passive_health_checks,4,3,1
  kubelet_cpu_manager_policy.status,managed_kubernetes,4,3,2
  kubernetes-nodes-proxy,tenant_isolation,true,false,false
  nccl_ib_qps.status,nccl_defaults,true,false,false
  nccl_topo_file.status,nccl_defaults,true,false,false
  networking.hcaNamingValid,nccl_defaults,true,false,false
  networking.ncclAutoConfig,nccl_defaults,true,false,false
  networking.topologyConfigured,topology_aware_scheduling,true,false,false
  nvlink-boundary,host_management_isolation,true,false,false
  pcie-passthrough,host_management_isolation,true,false,false
  security.fragnesia.status,patch_process,4,2,0
  security.guestKernel.newerInstalled,patch_process,4,2,1
  security.januscape.status,tenant_isolation,true,false,false
  securityVersions.*,minimum_patched_versions,true,false,false
  slurm.accounting.sacctAvailable,managed_slurm,4,3,2
  software.cudaVisibleDevicesStatus,sane_defaults,true,false,false
  software.lmod.modulesStatus,managed_slurm,4,3,2
  software.nccl.installed,sane_defaults,true,false,false
  storage.rwxStatus,managed_kubernetes,4,2,1
  ufm-profile,ib_management_keys,true,false,false
  """
