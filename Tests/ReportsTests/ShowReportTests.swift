import Domain
import Finance
import Testing

@testable import Reports

/// A small hand-built provider and a hand-written risk result (not computed: the report only
/// renders what it is given). Amounts ending in .125/.875 round half away from zero exactly.
func showFixture(assumptions: Assumptions = .base) -> ShowReport {
  func day(_ text: String) -> Day { Day(text) ?? Day(daysSinceEpoch: 0) }
  func month(_ text: String) -> Month { Month(text) ?? Month(index: 0) }
  let provider = Provider(
    id: "nimbus", name: "Nimbus GPU", segment: .neocloud, country: "US", cash: Money(cents: 123_456_789),
    fixedOpexPerMonth: Money(cents: 5_000_000), asOf: day("2026-10-31"))
  let book = ProviderBook(
    provider: provider,
    facilities: [
      Facility(
        id: "nim-f1", providerID: "nimbus", name: "Hall 1", region: "us-east", itCapacityMW: 2, pue: 1.25,
        powerUSDPerKWh: 0.08, colocationUSDPerKWMonth: 120, ownership: .leased)
    ],
    fleets: [
      Fleet(
        id: "nim-b200", providerID: "nimbus", facilityID: "nim-f1", gpuModel: "B200", gpuCount: 64,
        inServiceOn: day("2027-03-01"), capex: Money(cents: 320_000_000), usefulLifeYears: 5, gpuPowerKW: 1.5,
        utilizationPct: 70, interconnect: .roce, fabricGbpsPerGPU: 200),
      Fleet(
        id: "nim-h100", providerID: "nimbus", facilityID: "nim-f1", gpuModel: "H100", gpuCount: 256,
        inServiceOn: day("2025-01-15"), capex: Money(cents: 640_000_000), gpuPowerKW: 1.2, utilizationPct: 80,
        interconnect: .infiniband, fabricGbpsPerGPU: 400),
    ],
    loans: [
      Loan(
        id: "nim-dd", providerID: "nimbus", lender: "Birch Bank", principal: Money(cents: 100_000_000),
        balance: .zero, annualRatePct: 9.5, rateType: .floating, amortization: .interestOnly,
        paymentsPerYear: 4, startOn: day("2027-02-15"), maturityOn: day("2029-02-15"),
        collateralFleetID: "nim-b200", minDSCR: 1.3),
      Loan(
        id: "nim-tl", providerID: "nimbus", lender: "Acme Credit", principal: Money(cents: 500_000_000),
        balance: Money(cents: 300_000_000), annualRatePct: 10, rateType: .fixed, amortization: .annuity,
        paymentsPerYear: 12, startOn: day("2025-01-31"), maturityOn: day("2028-01-31"),
        collateralFleetID: "nim-h100"),
    ],
    contracts: [
      Contract(
        id: "nim-c1", providerID: "nimbus", customer: "Pax AI", gpuModel: "H100", gpuCount: 128,
        priceUSDPerGPUHour: 2.5, startOn: day("2025-02-01"), endOn: day("2027-01-31"))
    ],
    uptime: [
      UptimeMonth(
        providerID: "nimbus", month: month("2025-11"), uptimePct: 99, incidents: 2, failuresPer1kGPUMonths: 9,
        mttrHours: 4),
      UptimeMonth(
        providerID: "nimbus", month: month("2025-12"), uptimePct: 99.95, incidents: 1,
        failuresPer1kGPUMonths: 4.5, mttrHours: 2),
      UptimeMonth(
        providerID: "nimbus", month: month("2026-11"), uptimePct: 99.9, incidents: 0,
        failuresPer1kGPUMonths: 3.25, mttrHours: 0),
    ])
  let risk = RiskResult(
    providerID: "nimbus", name: "Nimbus GPU", grade: .elevated, dscr12m: 1.1, revenue12m: 1_000_000.004,
    cfads12m: 500_000, debtService12m: 454_545.45, balloon12m: 0, topCustomerSharePct: 100, utilizationPct: 80,
    breakEvenUtilizationPct: 72.5, cashOutMonth: nil, runwayMonths: nil, flags: [.customerConcentration],
    months: [
      MonthProjection(
        month: month("2026-12"), contractRevenue: 233_600.125, onDemandRevenue: 14_016, slaCredit: 2_336,
        revenue: 247_616.125, power: 22_075.25, colocation: 36_864, opex: 50_000, cfads: 138_676.875,
        debtService: 138_000, cash: 1_235_244.75),
      MonthProjection(
        month: month("2027-01"), opex: 50_000, cfads: -50_000, debtService: 138_000, cash: -0.004),
    ],
    loans: [
      LoanSchedule(
        loanID: "nim-dd", isDraw: true, startingBalance: Money(cents: 100_000_000), drawMonth: month("2027-02"),
        annualRatePct: 9.5, paymentCount: 8, isPastMaturity: false, isLive: true, payments: []),
      LoanSchedule(
        loanID: "nim-tl", ltvBook: 0.625, isDraw: false, startingBalance: Money(cents: 300_000_000),
        drawMonth: nil, annualRatePct: 10, paymentCount: 14, isPastMaturity: false, isLive: true,
        payments: [
          LoanPayment(
            month: month("2026-12"), interest: Money(cents: 2_500_000), principal: Money(cents: 11_300_000),
            balance: Money(cents: 288_700_000), isBalloon: false),
          LoanPayment(
            month: month("2027-01"), interest: Money(cents: 2_405_833), principal: Money(cents: 11_394_167),
            balance: Money(cents: 277_305_833), isBalloon: false),
        ]),
    ])
  return ShowReport(
    asOf: Day(year: 2026, month: 11, day: 23) ?? provider.asOf, assumptions: assumptions, book: book, risk: risk)
}

@Suite struct ShowReportTests {
  @Test func tableStartsWithTheTitleThenTheProfileAsLabelledLines() {
    let text = showFixture().render(.table)
    let expected = """
      nimbus · Nimbus GPU · as of 2026-11-23 · horizon 36 months

      Profile
      =======
      Provider            nimbus
      Name                Nimbus GPU
      Segment             neocloud
      Country             US
      Financials as of    2026-10-31
      Cash                1,234,567.89
      Fixed opex / month  50,000.00
      Min liquidity       none

      Facilities
      ==========
      Facility  Name    Region   Ownership  IT MW   PUE  Power $/kWh  Colocation $/kW-month
      --------  ------  -------  ---------  -----  ----  -----------  ---------------------
      nim-f1    Hall 1  us-east  leased         2  1.25         0.08                    120

      """
    #expect(text.hasPrefix(expected))
  }

  @Test func tableRiskSummarySaysWhyFiguresAreMissing() {
    let text = showFixture().render(.table)
    let expected = """

      Risk
      ====
      Grade               elevated
      DSCR 12m            1.10
      Revenue 12m         1,000,000.00
      CFADS 12m           500,000.00
      Debt service 12m    454,545.45
      Balloons 12m        0.00
      Utilization         80.0% (break-even 72.5%)
      Runway              cash lasts the 36-month horizon
      Top customer share  100.0%
      Flags               customer_concentration

      """
    #expect(text.contains(expected))
  }

  @Test func tableLoanPaymentsOneGroupPerLoan() {
    let text = showFixture().render(.table)
    let expected = """

      Loan payments
      =============
      Month     Interest   Principal       Balance  Note
      -------  ---------  ----------  ------------  ----
      nim-dd · Birch Bank · draw of 1,000,000.00 in 2027-02 at 9.5% · book LTV n/a · no payments in the horizon

      nim-tl · Acme Credit · balance 3,000,000.00 at 10% · book LTV 62.5%
      2026-12  25,000.00  113,000.00  2,887,000.00
      2027-01  24,058.33  113,941.67  2,773,058.33

      """
    #expect(text.hasSuffix(expected))
  }

  @Test func stressedTableSaysSoFirst() {
    let text = showFixture(assumptions: Assumptions(utilizationPct: 55, rateShockBP: 200)).render(.table)
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false).prefix(3)
    #expect(
      Array(lines) == [
        "STRESSED: utilization 55% for every fleet; floating rates +200 bp",
        "nimbus · Nimbus GPU · as of 2026-11-23 · horizon 36 months", "",
      ])
    #expect(showFixture().stressLine == nil)
  }

  @Test func uptimeKeepsTheTwelveMonthsEndingInM0() {
    #expect(showFixture().recentUptime.map(\.month.description) == ["2025-12", "2026-11"])
  }

  /// tsv and csv write one section, a header line of JSON keys and one line per record.
  @Test func tsvIsOneRectangularTablePerSection() {
    let expected: [ShowReport.Section: [String]] = [
      .profile: [
        "provider_id\tname\tsegment\tcountry\tfinancials_as_of\tcash_usd\tfixed_opex_usd_per_month\tmin_liquidity_usd",
        "nimbus\tNimbus GPU\tneocloud\tUS\t2026-10-31\t1234567.89\t50000.00\t",
      ],
      .facilities: [
        "facility_id\tname\tregion\townership\tit_capacity_mw\tpue\tpower_usd_per_kwh\tcolocation_usd_per_kw_month",
        "nim-f1\tHall 1\tus-east\tleased\t2\t1.25\t0.08\t120",
      ],
      .fleets: [
        "fleet_id\tfacility_id\tgpu_model\tgpu_count\tin_service_on\tuseful_life_years\tstatus\tcapex_usd"
          + "\tgpu_power_kw\tutilization_pct\tinterconnect\tfabric_gbps_per_gpu",
        "nim-b200\tnim-f1\tB200\t64\t2027-03-01\t5\tplanned\t3200000.00\t1.5\t70.0\troce\t200",
        "nim-h100\tnim-f1\tH100\t256\t2025-01-15\t6\tactive\t6400000.00\t1.2\t80.0\tinfiniband\t400",
      ],
      .loans: [
        "loan_id\tlender\tprincipal_usd\tbalance_usd\tannual_rate_pct\trate_type\tamortization\tpayments_per_year"
          + "\tstart_on\tmaturity_on\tcollateral_fleet_id\tmin_dscr\tdraw_month\tltv_book_ratio\tltv_market_ratio"
          + "\tfacility\tcommitment_usd\tundrawn_usd\tavailable_until\tdraws_usd\trate_used_pct"
          + "\tltv_book\tltv_market\trate",
        "nim-dd\tBirch Bank\t1000000.00\t0.00\t9.5\tfloating\tinterest_only\t4\t2027-02-15\t2029-02-15"
          + "\tnim-b200\t1.3\t2027-02\t\t\tterm\t\t\t\t0.00\t9.5\t\t\t9.5",
        // nim-tl has no min_dscr: no covenant (CREDIT §C.1), not 1.25.
        "nim-tl\tAcme Credit\t5000000.00\t3000000.00\t10\tfixed\tannuity\t12\t2025-01-31\t2028-01-31"
          + "\tnim-h100\t\t\t0.625\t\tterm\t\t\t\t0.00\t10\t0.625\t\t10",
      ],
      .contracts: [
        "contract_id\tcustomer\tgpu_model\tgpu_count\tprice_usd_per_gpu_hour\tstart_on\tend_on\tsla_uptime_pct"
          + "\tsla_credit_pct",
        "nim-c1\tPax AI\tH100\t128\t2.5\t2025-02-01\t2027-01-31\t99\t10",
      ],
      .uptime: [
        "month\tuptime_pct\tincidents\tfailures_per_1k_gpu_months\tmttr_hours",
        "2025-12\t99.95\t1\t4.5\t2",
        "2026-11\t99.9\t0\t3.25\t0",
      ],
      .risk: [
        "provider_id\tname\tgrade\tdscr_12m\trevenue_12m_usd\tcfads_12m_usd\tdebt_service_12m_usd\tballoon_12m_usd"
          + "\ttop_customer_share_pct\tutilization_pct\tbreak_even_utilization_pct\tcash_out_month\trunway_months"
          + "\tflags\tdefaulted_customers\ttotal_debt_usd\tnet_debt_usd\tinterest_12m_usd\tinterest_coverage\tnet_leverage\tnet_leverage_m0"
          + "\tliquidity_usd\tmin_cash_12m_usd\tmin_cash_usd\tmin_cash_month\tcovenant_dscr\tcovenant_headroom_pct"
          + "\tbreak_even_basis\tassumptions.horizon_months\tassumptions.hours_per_month\tassumptions.utilization_pct"
          + "\tassumptions.price_shock_pct\tassumptions.price_decay_pct\tassumptions.rate_shock_bp"
          + "\tassumptions.collateral_margin_pct\tassumptions.customer_default\tassumptions.top_customer_default\tassumptions.default_from"
          + "\tassumptions.relet_delay_months\tassumptions.relet_haircut_pct\tassumptions.relet_utilization_pct",
        // CREDIT §C.3: the fixture's credit figures are the defaults (zeros, no ratios).
        "nimbus\tNimbus GPU\televated\t1.10\t1000000.00\t500000.00\t454545.45\t0.00\t100.0\t80.0\t72.5\t\t"
          + "\tcustomer_concentration\t\t0.00\t0.00\t0.00\t\t\t\t0.00\t0.00\t0.00\t\t\t\tno_debt_service"
          + "\t36\t730\t\t0\t20\t0\t35\t\t\t\t6\t20\t50",
      ],
      .liquidity: [
        "total_debt_usd\tnet_debt_usd\tliquidity_usd\tinterest_12m_usd\tinterest_coverage\tnet_leverage"
          + "\tnet_leverage_m0\tcovenant_dscr\tcovenant_headroom_pct\tmin_cash_12m_usd\tmin_cash_usd",
        "0.00\t0.00\t0.00\t0.00\t\t\t\t\t\t0.00\t0.00",
      ],
      .months: [
        "month\tcontract_revenue_usd\ton_demand_revenue_usd\tsla_credit_usd\trevenue_usd\tpower_usd\tcolocation_usd"
          + "\topex_usd\tfixed_rent_usd\tcfads_usd\tdebt_service_usd\tballoon_usd\tcapex_usd\tdraws_usd\trevolver_usd"
          + "\tcash_usd\tprepayment_applied_usd\tassumptions.horizon_months\tassumptions.hours_per_month"
          + "\tassumptions.utilization_pct\tassumptions.price_shock_pct\tassumptions.price_decay_pct"
          + "\tassumptions.rate_shock_bp\tassumptions.collateral_margin_pct"
          + "\tassumptions.customer_default\tassumptions.top_customer_default\tassumptions.default_from"
          + "\tassumptions.relet_delay_months\tassumptions.relet_haircut_pct\tassumptions.relet_utilization_pct",
        "2026-12\t233600.13\t14016.00\t2336.00\t247616.13\t22075.25\t36864.00\t50000.00\t0.00\t138676.88"
          + "\t138000.00\t0.00\t0.00\t0.00\t0.00\t1235244.75\t0.00\t36\t730\t\t0\t20\t0\t35\t\t\t\t6\t20\t50",
        "2027-01\t0.00\t0.00\t0.00\t0.00\t0.00\t0.00\t50000.00\t0.00\t-50000.00\t138000.00\t0.00\t0.00"
          + "\t0.00\t0.00\t0.00\t0.00\t36\t730\t\t0\t20\t0\t35\t\t\t\t6\t20\t50",
      ],
      .payments: [
        "loan_id\tmonth\tinterest_usd\tprincipal_usd\tbalance_usd\tnote",
        "nim-tl\t2026-12\t25000.00\t113000.00\t2887000.00\t",
        "nim-tl\t2027-01\t24058.33\t113941.67\t2773058.33\t",
      ],
    ]
    #expect(Set(expected.keys) == Set(ShowReport.Section.allCases))
    for (section, lines) in expected {
      #expect(showFixture().render(.tsv, section: section) == lines.joined(separator: "\n") + "\n", "\(section)")
    }
    #expect(showFixture().render(.tsv) == expected[.months]?.joined(separator: "\n").appending("\n"))
  }

  @Test func stressedTSVHasTheSameColumnsWithTheAssumptionsFilledIn() {
    let stressed = showFixture(assumptions: Assumptions(utilizationPct: 55, rateShockBP: 200))
    for section in [ShowReport.Section.months, .risk] {
      let base = showFixture().render(.tsv, section: section).split(separator: "\n").first
      #expect(stressed.render(.tsv, section: section).split(separator: "\n").first == base)
    }
    let lines = stressed.render(.tsv).split(separator: "\n").map(String.init)
    #expect(
      lines.dropFirst().filter { $0.hasPrefix("20") && $0.hasSuffix("\t36\t730\t55\t0\t20\t200\t35\t\t\t\t6\t20\t50") }
        .count == 2)
    #expect(
      stressed.render(.tsv, section: .risk).hasSuffix(
        "\tno_debt_service\t36\t730\t55\t0\t20\t200\t35\t\t\t\t6\t20\t50\n"))
  }

  @Test func csvSectionsQuoteAsRFC4180() {
    #expect(
      showFixture().render(.csv, section: .profile).hasPrefix(
        "provider_id,name,segment,country,financials_as_of,cash_usd,fixed_opex_usd_per_month,min_liquidity_usd\n"))
    #expect(
      showFixture().render(.csv, section: .uptime)
        == "month,uptime_pct,incidents,failures_per_1k_gpu_months,mttr_hours\n2025-12,99.95,1,4.5,2\n"
        + "2026-11,99.9,0,3.25,0\n")
  }

  @Test func markdownHasOneHeadingPerSection() {
    let markdown = showFixture().render(.markdown)
    let headings = markdown.split(separator: "\n").filter { $0.hasPrefix("## ") }
    #expect(
      headings == [
        "## Profile", "## Facilities", "## Fleets", "## Loans", "## Contracts", "## Uptime 2025-12…2026-11",
        "## Risk", "## Liquidity and leverage", "## Monthly projection", "## Loan payments",
      ])
    #expect(
      markdown.contains("## Profile\n\n| Field              | Value        |\n| :----------------- | :----------- |\n"))
    #expect(markdown.contains("| Min liquidity      | none         |\n"))
  }

  /// The risk object (CREDIT §C.3's figures included; the fixture keeps their defaults), the
  /// months and loans (every term, `ltv_book_ratio` and `ltv_market_ratio`, draws, payments, and
  /// CREDIT §C.7's names `ltv_book`, `ltv_market` and `rate` as aliases), and every other section of the table keyed as in tsv and csv.
  @Test func jsonIsTheRiskObjectWithEverySectionAsOfAndAssumptions() {
    let expected = [
      #"{"as_of":"2026-11-23","assumptions":{"collateral_margin_pct":35,"customer_default":[],"default_from""#,
      #":null,"horizon_months":36,"hours_per_month":730,"price_decay_pct":20,"price_shock_pct":0,"rate_shock"#,
      #"_bp":0,"relet_delay_months":6,"relet_haircut_pct":20,"relet_utilization_pct":50,"top_customer_defaul"#,
      #"t":null,"utilization_pct":null},"balloon_12m_usd":0,"break_even_basis":"no_debt_service","break_even"#,
      #"_utilization_pct":72.5,"cash_out_month":null,"cfads_12m_usd":500000,"contracts":[{"contract_id":"nim"#,
      #"-c1","customer":"Pax AI","end_on":"2027-01-31","gpu_count":128,"gpu_model":"H100","price_usd_per_gpu"#,
      #"_hour":2.5,"sla_credit_pct":10,"sla_uptime_pct":99,"start_on":"2025-02-01"}],"covenant_dscr":null,"c"#,
      #"ovenant_headroom_pct":null,"debt_service_12m_usd":454545.45,"defaulted_customers":[],"dscr_12m":1.1,"#,
      #""facilities":[{"colocation_usd_per_kw_month":120,"facility_id":"nim-f1","it_capacity_mw":2,"name":"H"#,
      #"all 1","ownership":"leased","power_usd_per_kwh":0.08,"pue":1.25,"region":"us-east"}],"flags":["custo"#,
      #"mer_concentration"],"fleets":[{"capex_usd":3200000,"fabric_gbps_per_gpu":200,"facility_id":"nim-f1","#,
      #""fleet_id":"nim-b200","gpu_count":64,"gpu_model":"B200","gpu_power_kw":1.5,"in_service_on":"2027-03-"#,
      #"01","interconnect":"roce","status":"planned","useful_life_years":5,"utilization_pct":70},{"capex_usd"#,
      #"":6400000,"fabric_gbps_per_gpu":400,"facility_id":"nim-f1","fleet_id":"nim-h100","gpu_count":256,"gp"#,
      #"u_model":"H100","gpu_power_kw":1.2,"in_service_on":"2025-01-15","interconnect":"infiniband","status""#,
      #":"active","useful_life_years":6,"utilization_pct":80}],"grade":"elevated","interest_12m_usd":0,"inte"#,
      #"rest_coverage":null,"liquidity_usd":0,"loans":[{"amortization":"interest_only","annual_rate_pct":9.5"#,
      #","available_until":null,"balance_usd":0,"collateral_fleet_id":"nim-b200","commitment_usd":null,"draw"#,
      #"_month":"2027-02","draws":[],"draws_usd":0,"facility":"term","lender":"Birch Bank","loan_id":"nim-dd"#,
      #"","ltv_book":null,"ltv_book_ratio":null,"ltv_market":null,"ltv_market_ratio":null,"maturity_on":"202"#,
      #"9-02-15","min_dscr":1.3,"payments":[],"payments_per_year":4,"principal_usd":1000000,"rate":9.5,"rate"#,
      #"_type":"floating","rate_used_pct":9.5,"start_on":"2027-02-15","undrawn_usd":null},{"amortization":"a"#,
      #"nnuity","annual_rate_pct":10,"available_until":null,"balance_usd":3000000,"collateral_fleet_id":"nim"#,
      #"-h100","commitment_usd":null,"draw_month":null,"draws":[],"draws_usd":0,"facility":"term","lender":""#,
      #"Acme Credit","loan_id":"nim-tl","ltv_book":0.625,"ltv_book_ratio":0.625,"ltv_market":null,"ltv_marke"#,
      #"t_ratio":null,"maturity_on":"2028-01-31","min_dscr":null,"payments":[{"balance_usd":2887000,"interes"#,
      #"t_usd":25000,"month":"2026-12","note":null,"principal_usd":113000},{"balance_usd":2773058.33,"intere"#,
      #"st_usd":24058.33,"month":"2027-01","note":null,"principal_usd":113941.67}],"payments_per_year":12,"p"#,
      #"rincipal_usd":5000000,"rate":10,"rate_type":"fixed","rate_used_pct":10,"start_on":"2025-01-31","undr"#,
      #"awn_usd":null}],"min_cash_12m_usd":0,"min_cash_month":null,"min_cash_usd":0,"months":[{"balloon_usd""#,
      #":0,"capex_usd":0,"cash_usd":1235244.75,"cfads_usd":138676.88,"colocation_usd":36864,"contract_revenu"#,
      #"e_usd":233600.13,"debt_service_usd":138000,"draws_usd":0,"fixed_rent_usd":0,"month":"2026-12","on_de"#,
      #"mand_revenue_usd":14016,"opex_usd":50000,"power_usd":22075.25,"prepayment_applied_usd":0,"revenue_us"#,
      #"d":247616.13,"revolver_usd":0,"sla_credit_usd":2336},{"balloon_usd":0,"capex_usd":0,"cash_usd":0,"cf"#,
      #"ads_usd":-50000,"colocation_usd":0,"contract_revenue_usd":0,"debt_service_usd":138000,"draws_usd":0,"#,
      #""fixed_rent_usd":0,"month":"2027-01","on_demand_revenue_usd":0,"opex_usd":50000,"power_usd":0,"prepa"#,
      #"yment_applied_usd":0,"revenue_usd":0,"revolver_usd":0,"sla_credit_usd":0}],"name":"Nimbus GPU","net_"#,
      #"debt_usd":0,"net_leverage":null,"net_leverage_m0":null,"profile":{"cash_usd":1234567.89,"country":"U"#,
      #"S","financials_as_of":"2026-10-31","fixed_opex_usd_per_month":50000,"min_liquidity_usd":null,"name":"#,
      #""Nimbus GPU","provider_id":"nimbus","segment":"neocloud"},"provider_id":"nimbus","revenue_12m_usd":1"#,
      #"000000,"runway_months":null,"top_customer_share_pct":100,"total_debt_usd":0,"uptime":[{"failures_per"#,
      #"_1k_gpu_months":4.5,"incidents":1,"month":"2025-12","mttr_hours":2,"uptime_pct":99.95},{"failures_pe"#,
      #"r_1k_gpu_months":3.25,"incidents":0,"month":"2026-11","mttr_hours":0,"uptime_pct":99.9}],"utilizatio"#,
      #"n_pct":80}"#,
    ].joined()
    #expect(showFixture().json.render(pretty: false) == expected)
    #expect(showFixture().render(.json) == showFixture().json.render(pretty: true))
  }

  @Test func stressedJSONCarriesItsAssumptions() {
    let json = showFixture(assumptions: Assumptions(horizonMonths: 24, priceShockPct: -30)).json.render(pretty: false)
    #expect(
      json.contains(
        #""assumptions":{"collateral_margin_pct":35,"customer_default":[],"default_from":null,"#
          + #""horizon_months":24,"hours_per_month":730,"price_decay_pct":20,"price_shock_pct":-30,"#
          + #""rate_shock_bp":0,"relet_delay_months":6,"relet_haircut_pct":20,"relet_utilization_pct":50,"#
          + #""top_customer_default":null,"utilization_pct":null}"#))
  }

  @Test func loanHeadingForAPastMaturityLoan() {
    let report = showFixture()
    let schedule = LoanSchedule(
      loanID: "old", isDraw: false, startingBalance: Money(cents: 12_345), drawMonth: nil, annualRatePct: 7,
      paymentCount: 1, isPastMaturity: true, isLive: true,
      payments: [
        LoanPayment(
          month: Month(index: 24_323), interest: .zero, principal: Money(cents: 12_345), balance: .zero,
          isBalloon: true)
      ])
    #expect(report.loanHeading(schedule, lender: nil) == "old · 123.45 past maturity, owed in full · book LTV n/a")
  }

  @Test func emptySectionsSaySo() {
    var report = showFixture()
    report.book = ProviderBook(provider: report.book.provider)
    report.risk.loans = []
    let text = report.render(.table)
    #expect(text.contains("\nFleets\n======\nnone\n\nLoans\n=====\nnone\n"))
    #expect(text.contains("\nUptime 2025-12…2026-11\n======================\nno uptime rows in these 12 months\n"))
    #expect(text.hasSuffix("\nLoan payments\n=============\nno loans\n"))
    #expect(
      report.render(.tsv, section: .payments) == "loan_id\tmonth\tinterest_usd\tprincipal_usd\tbalance_usd\tnote\n")
  }

  @Test func htmlIsOnePageWithASectionPerHeading() {
    let html = showFixture(assumptions: Assumptions(utilizationPct: 55)).render(.html)
    #expect(html.hasPrefix("<!DOCTYPE html>"))
    #expect(html.contains("<p>STRESSED: utilization 55% for every fleet</p>"))
    #expect(html.components(separatedBy: "<h2>").count - 1 == 10)  // with Liquidity and leverage
    #expect(html.contains("<h2>Risk</h2>"))
    #expect(html.contains("1,234,567.89"))
  }
}
