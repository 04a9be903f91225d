import Foundation
import Testing

@testable import Import

/// Uptime rows with a `source` (schema 0004): a row from a status page may leave
/// failures_per_1k_gpu_months empty, and a month without incidents mttr_hours.
@Suite struct UptimeSourceTests {
  static let header = "provider_id,month,uptime_pct,incidents,failures_per_1k_gpu_months,mttr_hours,source"

  private func fixture(_ text: String) throws -> Fixture {
    let fixture = try Fixture()
    try fixture.importSamples()
    try fixture.write("uptime.csv", bytes: Array(text.utf8))
    return fixture
  }

  @Test func aRowWithASourceMayOmitFailuresAndAQuietMonthMTTR() throws {
    let fixture = try fixture(
      Self.header + "\nacme,2026-07,99.97,1,,0.5,statuspage:https://status.acme.example\n"
        + "acme,2026-08,100,0,,,statuspage:https://status.acme.example\n")
    let summary = try fixture.importing(["uptime.csv"])
    #expect(summary.counts(for: .uptime) == KindCounts(inserted: 2))
    #expect(
      try fixture.strings(
        "SELECT month || '/' || ifnull(failures_per_1k_gpu_months, '-') || '/' || ifnull(mttr_hours, '-') || '/' || source "
          + "FROM uptime WHERE month >= '2026-07' ORDER BY month")
        == [
          "2026-07/-/0.5/statuspage:https://status.acme.example",
          "2026-08/-/-/statuspage:https://status.acme.example",
        ])
  }

  @Test func withoutASourceFailuresAreRequired() throws {
    let fixture = try fixture(Self.header + "\nacme,2026-07,99.97,1,,0.5,\n")
    #expect(
      fixture.errors(["uptime.csv"]) == [
        "uptime.csv:2:failures_per_1k_gpu_months: a value is required unless the row has a source"
      ])
    // The old six-column header still imports, and still needs both figures.
    let old = try self.fixture(
      "provider_id,month,uptime_pct,incidents,failures_per_1k_gpu_months,mttr_hours\nacme,2026-07,99.9,2,1,\n")
    #expect(old.errors(["uptime.csv"]) == ["uptime.csv:2:mttr_hours: a value is required in a month with incidents"])
  }
}
