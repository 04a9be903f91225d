import Foundation
import Testing

@testable import Import

/// Upsert counts, `--replace` with its cascades, the rubric's whole replacement.
@Suite struct UpsertTests {
  @Test func changedRowIsUpdatedOthersUnchanged() throws {
    let fixture = try Fixture()
    try fixture.importSamples()
    let text = Samples.facilities.replacingOccurrences(
      of: "Phoenix 1,us-west,12.5", with: "Phoenix 1,us-west,14")
    try fixture.write("facilities.csv", text)
    let summary = try fixture.importing(["facilities.csv"])
    #expect(summary.counts(for: .facilities) == KindCounts(updated: 1, unchanged: 2))
    #expect(summary.line == "imported 3 facilities (1 updated, 2 unchanged)")
    #expect(
      try fixture.strings("SELECT it_capacity_mw FROM facilities WHERE facility_id = 'acme-phx1'")
        == ["14.0"])
  }

  @Test func optionalValueRemovedIsAnUpdate() throws {
    let fixture = try Fixture()
    try fixture.importSamples()
    try fixture.write("providers.csv", Samples.oneRow(.providers, ["min_liquidity_usd": ""]))
    let summary = try fixture.importing(["providers.csv"])
    #expect(summary.counts(for: .providers) == KindCounts(updated: 1))
    #expect(
      try fixture.strings(
        "SELECT ifnull(min_liquidity_usd, 'null') FROM providers WHERE provider_id = 'acme'") == [
          "null"
        ])
  }

  @Test func withoutReplaceNothingIsDeleted() throws {
    let fixture = try Fixture()
    try fixture.importSamples()
    try fixture.write("fleets.csv", Samples.oneRow(.fleets, [:]))
    let summary = try fixture.importing(["fleets.csv"])
    #expect(summary.counts(for: .fleets) == KindCounts(unchanged: 1))
    #expect(try fixture.count("fleets") == 3)
  }

  @Test func replaceDeletesRowsOfProvidersInTheFileOnly() throws {
    let fixture = try Fixture()
    try fixture.importSamples()
    // Only acme-f1: acme-f2 (acme) goes, bor-f1 (borealis, not in the file) stays.
    try fixture.write("fleets.csv", Samples.oneRow(.fleets, [:]))
    let summary = try fixture.importing(["fleets.csv"], ImportOptions(replace: true))
    #expect(summary.counts(for: .fleets) == KindCounts(unchanged: 1, deleted: 1))
    #expect(summary.line == "imported 1 fleet (1 unchanged, 1 deleted)")
    #expect(try fixture.strings("SELECT fleet_id FROM fleets ORDER BY 1") == ["acme-f1", "bor-f1"])
  }

  @Test func replaceCascadesToOwnedRowsAndKeepsLoansWithoutCollateral() throws {
    let fixture = try Fixture()
    try fixture.importSamples()
    // borealis keeps no facility in this file? It is not in the file, so bor-osl1 stays;
    // acme keeps acme-phx1 only: acme-dal1 goes with its fleet acme-f1.
    let text =
      Samples.facilities.split(separator: "\n").enumerated()
      .filter { $0.offset != 1 }.map { String($0.element) }.joined(separator: "\n") + "\n"
    try fixture.write("facilities.csv", text)
    let summary = try fixture.importing(["facilities.csv"], ImportOptions(replace: true))
    #expect(summary.counts(for: .facilities) == KindCounts(unchanged: 2, deleted: 1))
    #expect(summary.counts(for: .fleets) == KindCounts(deleted: 1))
    #expect(summary.line == "imported 2 facilities (2 unchanged, 1 deleted), 1 fleet deleted")
    #expect(try fixture.strings("SELECT fleet_id FROM fleets ORDER BY 1") == ["acme-f2", "bor-f1"])
    #expect(
      try fixture.strings(
        "SELECT loan_id || ':' || ifnull(collateral_fleet_id, 'none') FROM loans ORDER BY 1")
        == ["acme-l1:none", "acme-l2:none", "bor-l1:bor-f1"])
  }

  @Test func replaceOfMarketPricesIsScopedByGPUModel() throws {
    let fixture = try Fixture()
    try fixture.importSamples()
    try fixture.write(
      "prices.csv", "gpu_model,observed_on,price_usd_per_gpu_hour\nH100,2026-07-01,2\n")
    let summary = try fixture.importing(["prices.csv"], ImportOptions(replace: true))
    #expect(summary.counts(for: .marketPrices) == KindCounts(inserted: 1, deleted: 2))
    #expect(
      try fixture.strings("SELECT gpu_model || ' ' || observed_on FROM market_prices ORDER BY 1")
        == ["B200 2026-06-01", "H100 2026-07-01"])
  }

  @Test func replaceOfUptimeAndAssessmentsIsScopedByProvider() throws {
    let fixture = try Fixture()
    try fixture.importSamples()
    try fixture.write(
      "r/uptime.csv",
      "provider_id,month,uptime_pct,incidents,failures_per_1k_gpu_months,mttr_hours\nacme,2026-07,99,1,1,1\n"
    )
    try fixture.write("r/assessments.csv", Samples.oneRow(.assessments, [:]))
    let summary = try fixture.importing(["r"], ImportOptions(replace: true))
    #expect(summary.counts(for: .uptime) == KindCounts(inserted: 1, deleted: 2))
    #expect(summary.counts(for: .assessments) == KindCounts(unchanged: 1, deleted: 1))
    #expect(try fixture.count("uptime") == 2)
    #expect(try fixture.count("assessments") == 2)
  }

  @Test func rubricImportReplacesTheWholeRubric() throws {
    let fixture = try Fixture()
    try fixture.importSamples()
    try fixture.write(
      "rubric.csv",
      "criterion_id,pillar,title,kind,weight\nr,reliability,R,bool,1\nn,networking,N,bool,1\ns,software,S,bool,1\nsec-soc2,security,SOC 2 Type II,level,2\n"
    )
    let summary = try fixture.importing(["rubric.csv"])
    #expect(summary.counts(for: .rubric) == KindCounts(inserted: 3, updated: 1, deleted: 3))
    #expect(
      try fixture.strings("SELECT criterion_id FROM rubric ORDER BY 1") == [
        "n", "r", "s", "sec-soc2",
      ])
    #expect(try fixture.count("assessments") == 3)
  }
}
