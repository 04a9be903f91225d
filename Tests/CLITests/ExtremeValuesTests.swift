import Foundation
import Testing

/// Import bounds every count and amount so that no later sum can overflow: the largest values
/// it accepts must go through every command without a crash, and one more must be refused.
@Suite struct ExtremeValuesTests {
  @Test func oneBeyondEachBoundIsRefusedWithItsLimit() throws {
    let box = try Sandbox.withSamples()
    try box.write(
      "fleets.csv",
      """
      fleet_id,provider_id,facility_id,gpu_model,gpu_count,in_service_on,capex_usd,gpu_power_kw,utilization_pct,interconnect,fabric_gbps_per_gpu
      hx-3,gale-metal,gal-man2,H100,10000001,2026-01-01,1000000000000.01,5,100,infiniband,400

      """)
    try box.write(
      "uptime.csv",
      """
      provider_id,month,uptime_pct,incidents,failures_per_1k_gpu_months,mttr_hours
      gale-metal,2026-11,99,1000001,1,1

      """)
    let result = box.run(["import", box.path("fleets.csv"), box.path("uptime.csv")])
    #expect(result.code == 65)
    #expect(
      result.stderr == """
        \(box.path("fleets.csv")):2:gpu_count: '10000001' is out of range: must be at least 1 and at most 10000000
        \(box.path("fleets.csv")):2:capex_usd: '1000000000000.01' is too large an amount: at most 1000000000000 USD
        \(box.path("uptime.csv")):2:incidents: '1000001' is out of range: must be at least 0 and at most 1000000
        neocloud: 3 errors; nothing was imported.

        """)
  }

  @Test func theLargestAcceptedValuesGoThroughEveryCommand() throws {
    let box = try Sandbox.withSamples()
    try box.write(
      "fleets.csv",
      """
      fleet_id,provider_id,facility_id,gpu_model,gpu_count,in_service_on,capex_usd,gpu_power_kw,utilization_pct,interconnect,fabric_gbps_per_gpu
      hx-1,gale-metal,gal-man2,H100,10000000,2026-01-01,1000000000000,5,100,infiniband,400
      hx-2,gale-metal,gal-man2,H100,10000000,2026-01-01,1000000000000,5,100,infiniband,400

      """)
    try box.write(
      "loans.csv",
      """
      loan_id,provider_id,lender,principal_usd,balance_usd,annual_rate_pct,rate_type,amortization,payments_per_year,start_on,maturity_on
      big-1,gale-metal,X,1000000000000,1000000000000,100,floating,interest_only,1,2020-01-01,2030-01-01
      big-2,gale-metal,X,1000000000000,1000000000000,0,fixed,annuity,12,2020-01-01,2026-01-01

      """)
    try box.write(
      "uptime.csv",
      """
      provider_id,month,uptime_pct,incidents,failures_per_1k_gpu_months,mttr_hours
      gale-metal,2026-10,99,1000000,1,1
      gale-metal,2026-11,99,1000000,1,1

      """)
    let imported = box.run(["import", box.path("fleets.csv"), box.path("loans.csv"), box.path("uptime.csv")])
    #expect(imported.code == 0, "\(imported.stderr)")
    for arguments in [
      ["rank"], ["risk"], ["risk", "--rate-shock", "10000", "--utilization", "100"], ["show", "gale-metal"],
      ["explain", "gale-metal"], ["recompute"], ["report", "--output", box.path("r.html")],
    ] {
      let result = box.run(arguments + ["--as-of", "2026-11-23"])
      #expect(result.code == 0, "\(arguments): \(result.stderr)")
    }
  }
}
