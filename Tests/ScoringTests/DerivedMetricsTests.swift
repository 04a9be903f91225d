import Domain
import Testing

@testable import Scoring

@Suite struct DerivedMetricsTests {
  // as-of 2026-11-15: M0 = 2026-11, the window is 2025-12 … 2026-11.

  @Test func uptimeAndFailuresAreMeansOverTheWindowOnly() {
    let rows = [
      uptimeRow("2025-11", uptime: 50, failures: 900),  // M0−12: outside
      uptimeRow("2025-12", uptime: 99.9, failures: 10),  // M0−11: first month inside
      uptimeRow("2026-06", uptime: 99.95, failures: 14),
      uptimeRow("2026-11", uptime: 99.97, failures: 12.5),  // M0
      uptimeRow("2026-12", uptime: 10, failures: 900),  // after M0: outside
    ]
    let metrics = DerivedMetrics.compute(book: book(uptime: rows), asOf: asOfNov2026)
    // (99.9 + 99.95 + 99.97) / 3 = 99.94 (99.94000000000001 in Double before rounding)
    #expect(metrics.uptime12m == 99.94)
    // (10 + 14 + 12.5) / 3 = 12.1666666666… → 12.166666667
    #expect(metrics.failures12m == 12.166666667)
    #expect(metrics.uptimeMonths == 3)
  }

  @Test func monthOrderDoesNotDependOnInputOrder() {
    let rows = [uptimeRow("2026-11", uptime: 99.97), uptimeRow("2025-12", uptime: 99.9)]
    let metrics = DerivedMetrics.compute(book: book(uptime: rows), asOf: asOfNov2026)
    #expect(metrics.uptime12m == 99.935)
  }

  @Test func mttrIsWeightedByIncidents() {
    let rows = [
      uptimeRow("2026-09", incidents: 2, mttr: 3),
      uptimeRow("2026-10", incidents: 1, mttr: 6),
      uptimeRow("2026-11", incidents: 0, mttr: 100),  // no incidents: no weight
    ]
    let metrics = DerivedMetrics.compute(book: book(uptime: rows), asOf: asOfNov2026)
    #expect(metrics.mttr12m == 4)  // (2×3 + 1×6 + 0×100) / 3
  }

  @Test func mttrIsZeroWhenTheWindowHasRowsButNoIncidents() {
    let rows = [uptimeRow("2026-10", incidents: 0, mttr: 7), uptimeRow("2026-11", incidents: 0)]
    let metrics = DerivedMetrics.compute(book: book(uptime: rows), asOf: asOfNov2026)
    #expect(metrics.mttr12m == 0)
  }

  @Test func mttrRoundsToNineDecimals() {
    let rows = [
      uptimeRow("2026-10", incidents: 1, mttr: 1), uptimeRow("2026-11", incidents: 2, mttr: 1.5),
    ]
    let metrics = DerivedMetrics.compute(book: book(uptime: rows), asOf: asOfNov2026)
    #expect(metrics.mttr12m == 1.333333333)  // (1 + 3) / 3
  }

  @Test func noUptimeRowsInTheWindowMeansNoValue() {
    let rows = [uptimeRow("2025-11", incidents: 3, mttr: 2)]
    let metrics = DerivedMetrics.compute(book: book(uptime: rows), asOf: asOfNov2026)
    #expect(metrics.uptime12m == nil)
    #expect(metrics.mttr12m == nil)
    #expect(metrics.failures12m == nil)
    #expect(metrics.uptimeMonths == 0)
  }

  @Test func fabricIsGPUWeightedAndRDMAShareCountsInfinibandAndRoCE() {
    let fleets = [
      fleet("a", gpus: 256, gbps: 400, interconnect: .infiniband),
      fleet("b", gpus: 512, gbps: 100, interconnect: .ethernet),
      fleet("c", gpus: 256, gbps: 200, interconnect: .roce),
    ]
    let metrics = DerivedMetrics.compute(book: book(fleets: fleets), asOf: asOfNov2026)
    // (256×400 + 512×100 + 256×200) / 1024 = 204800 / 1024 = 200
    #expect(metrics.fabricGbpsPerGPU == 200)
    #expect(metrics.rdmaShare == 50)  // (256 + 256) / 1024
    #expect(metrics.activeGPUs == 1024)
  }

  @Test func onlyFleetsActiveInTheAsOfMonthCount() {
    let fleets = [
      // active 2019-06 … 2025-05
      fleet("old", gpus: 1000, gbps: 25, interconnect: .ethernet, inService: "2019-06-01"),
      fleet(
        "short", gpus: 1000, gbps: 25, interconnect: .ethernet, inService: "2025-11-01",
        lifeYears: 1),  // 2025-11 … 2026-10: retired in M0
      fleet("future", gpus: 1000, gbps: 25, interconnect: .ethernet, inService: "2026-12-01"),
      fleet("live", gpus: 3, gbps: 400, interconnect: .infiniband, inService: "2026-11-30"),
      // active 2020-12 … 2026-11: its last month is M0
      fleet("eth", gpus: 1, gbps: 100, interconnect: .ethernet, inService: "2020-12-01"),
    ]
    let metrics = DerivedMetrics.compute(book: book(fleets: fleets), asOf: asOfNov2026)
    #expect(metrics.fabricGbpsPerGPU == 325)  // (3×400 + 1×100) / 4
    #expect(metrics.rdmaShare == 75)
  }

  @Test func rdmaShareRoundsToNineDecimals() {
    let fleets = [
      fleet("a", gpus: 1, gbps: 400, interconnect: .infiniband),
      fleet("b", gpus: 2, gbps: 100, interconnect: .ethernet),
    ]
    let metrics = DerivedMetrics.compute(book: book(fleets: fleets), asOf: asOfNov2026)
    #expect(metrics.rdmaShare == 33.333333333)
    #expect(metrics.fabricGbpsPerGPU == 200)
  }

  @Test func noActiveFleetsMeansNoValue() {
    let fleets = [
      fleet("future", gpus: 8, gbps: 400, interconnect: .infiniband, inService: "2027-01-01")
    ]
    let metrics = DerivedMetrics.compute(book: book(fleets: fleets), asOf: asOfNov2026)
    #expect(metrics.fabricGbpsPerGPU == nil)
    #expect(metrics.rdmaShare == nil)
    #expect(metrics.activeGPUs == 0)
  }

  @Test func valueForSourceMapsEachMetric() {
    let metrics = DerivedMetrics(
      uptime12m: 1, mttr12m: 2, failures12m: 3, fabricGbpsPerGPU: 4, rdmaShare: 5)
    #expect(metrics.value(for: .uptime12m) == 1)
    #expect(metrics.value(for: .mttr12m) == 2)
    #expect(metrics.value(for: .failures12m) == 3)
    #expect(metrics.value(for: .fabricGbpsPerGPU) == 4)
    #expect(metrics.value(for: .rdmaShare) == 5)
    #expect(metrics.value(for: .assessment) == nil)
  }
}
