import Domain

/// The metrics derived criteria read (§3), over the window M0−11…M0 where M0 is the as-of month.
/// Each is nil when there is no data ("no data → no value"); values are rounded to 9 decimals
/// after summing in month order (fleets in fleet_id order) and dividing (§7).
package struct DerivedMetrics: Hashable, Sendable {
  /// Mean uptime_pct of the window's months with rows.
  package var uptime12m: Double?
  /// Σ(mttr_hours × incidents) / Σ incidents; 0 when the window has rows but no incidents.
  package var mttr12m: Double?
  /// Mean failures_per_1k_gpu_months of the window's months with a failures figure.
  package var failures12m: Double?
  /// GPU-weighted mean fabric_gbps_per_gpu of fleets active in M0.
  package var fabricGbpsPerGPU: Double?
  /// Percent of the GPUs of fleets active in M0 on `infiniband` or `roce`.
  package var rdmaShare: Double?
  /// Months with uptime rows in the window, and GPUs of fleets active in M0 (for evidence text).
  package var uptimeMonths: Int
  package var activeGPUs: Int
  /// The latest month of the window with an uptime row (for freshness); nil without rows.
  package var latestUptimeMonth: Month?
  /// Months of the window with a failures figure (status-page rows have none).
  package var failureMonths: Int = 0
  /// The distinct `source`s of the window's uptime rows, in month order (for evidence text).
  package var uptimeSources: [String] = []

  package init(
    uptime12m: Double? = nil, mttr12m: Double? = nil, failures12m: Double? = nil,
    fabricGbpsPerGPU: Double? = nil, rdmaShare: Double? = nil, uptimeMonths: Int = 0,
    activeGPUs: Int = 0, latestUptimeMonth: Month? = nil
  ) {
    self.uptime12m = uptime12m
    self.mttr12m = mttr12m
    self.failures12m = failures12m
    self.fabricGbpsPerGPU = fabricGbpsPerGPU
    self.rdmaShare = rdmaShare
    self.uptimeMonths = uptimeMonths
    self.activeGPUs = activeGPUs
    self.latestUptimeMonth = latestUptimeMonth
  }

  package static func compute(book: ProviderBook, asOf: Day) -> DerivedMetrics {
    var metrics = DerivedMetrics()
    let m0 = asOf.month
    let first = m0 - 11
    let window = sortedIfNeeded(book.uptime.filter { first <= $0.month && $0.month <= m0 }) {
      $0.month < $1.month
    }
    if !window.isEmpty {
      var uptimeSum = 0.0
      var failuresSum = 0.0
      var failureMonths = 0
      var repairHours = 0.0
      var incidents = 0
      var sources: [String] = []
      for row in window {
        uptimeSum += row.uptimePct
        // Months without a failures figure (status-page rows) do not count in its mean.
        if let failures = row.failuresPer1kGPUMonths {
          failuresSum += failures
          failureMonths += 1
        }
        repairHours += (row.mttrHours ?? 0) * Double(row.incidents)
        incidents += row.incidents
        if let source = row.source, !sources.contains(source) { sources.append(source) }
      }
      let count = Double(window.count)
      metrics.uptime12m = roundedTo9(uptimeSum / count)
      metrics.failures12m = failureMonths == 0 ? nil : roundedTo9(failuresSum / Double(failureMonths))
      metrics.failureMonths = failureMonths
      metrics.uptimeSources = sources
      metrics.mttr12m = incidents == 0 ? 0 : roundedTo9(repairHours / Double(incidents))
      metrics.uptimeMonths = window.count
      metrics.latestUptimeMonth = window.last?.month
    }

    let active = sortedIfNeeded(book.fleets.filter { $0.isActive(in: m0) }) {
      byteOrderLess($0.id, $1.id)
    }
    var gpus = 0
    var rdmaGPUs = 0
    var fabricSum = 0.0
    for fleet in active {
      gpus += fleet.gpuCount
      fabricSum += Double(fleet.gpuCount) * fleet.fabricGbpsPerGPU
      if fleet.interconnect == .infiniband || fleet.interconnect == .roce {
        rdmaGPUs += fleet.gpuCount
      }
    }
    if gpus > 0 {
      metrics.fabricGbpsPerGPU = roundedTo9(fabricSum / Double(gpus))
      metrics.rdmaShare = roundedTo9(Double(rdmaGPUs) * 100 / Double(gpus))
      metrics.activeGPUs = gpus
    }
    return metrics
  }

  /// The metric a derived criterion reads; nil for `assessment` or when there is no data.
  package func value(for source: CriterionSource) -> Double? {
    switch source {
    case .assessment: return nil
    case .uptime12m: return uptime12m
    case .mttr12m: return mttr12m
    case .failures12m: return failures12m
    case .fabricGbpsPerGPU: return fabricGbpsPerGPU
    case .rdmaShare: return rdmaShare
    }
  }
}

/// `items` sorted by `less`; the input itself when it already is in order (books come sorted
/// by key from the store, so the check is all most calls pay).
func sortedIfNeeded<T>(_ items: [T], by less: (T, T) -> Bool) -> [T] {
  var index = 1
  while index < items.count {
    if less(items[index], items[index - 1]) { return items.sorted(by: less) }
    index += 1
  }
  return items
}
