import Domain
import Finance
import Scoring

/// The words of neocloud's reports, defined once: `neocloud glossary [TERM]` prints them and the
/// HTML report's definitions section is generated from them, so the two never disagree.
package struct GlossaryEntry: Hashable, Sendable {
  package enum Kind: String, CaseIterable, Sendable {
    case flag, grade, tier, figure, option
  }

  /// As reports print it: `covenant_breach`, `critical`, `DSCR 12m`, `--rate-shock`.
  package var term: String
  package var kind: Kind
  /// One or two sentences, thresholds included.
  package var definition: String
  /// Other spellings a user may type (JSON keys, table headers).
  package var aliases: [String]

  package init(_ term: String, _ kind: Kind, _ definition: String, aliases: [String] = []) {
    self.term = term
    self.kind = kind
    self.definition = definition
    self.aliases = aliases
  }
}

/// Every term `glossary` defines, in print order: grades, tiers, figures, flags, stress options.
package enum Glossary {
  package static var entries: [GlossaryEntry] {
    grades + tiers + figures + flags + options
  }

  /// The entry `text` names (term or alias), else nil. An exact name (any case) wins, so
  /// `--horizon` is the option and `horizon` the figure; then case, a leading `--`, spaces,
  /// hyphens and underscores do not matter (`rate-shock`, `dscr 12m`).
  package static func entry(named text: String) -> GlossaryEntry? {
    let all = entries
    let lowered = text.lowercased()
    if let exact = all.first(where: { ([$0.term] + $0.aliases).contains { $0.lowercased() == lowered } }) {
      return exact
    }
    let wanted = normalized(text)
    return all.first { entry in
      normalized(entry.term) == wanted || entry.aliases.contains { normalized($0) == wanted }
    }
  }

  /// The term a mistyped `text` most likely meant.
  package static func suggestion(for text: String) -> String? {
    let names = entries.map(\.term)
    if let match = closestMatch(text, among: names.map(normalized)) {
      return names.first { normalized($0) == match }
    }
    return nil
  }

  /// `--Rate-Shock` → `rate_shock`, `DSCR 12m` → `dscr_12m`.
  static func normalized(_ text: String) -> String {
    var text = text.lowercased()
    while text.hasPrefix("-") { text.removeFirst() }
    return String(text.map { $0 == " " || $0 == "-" ? "_" : $0 }).replacingOccurrences(of: "%", with: "pct")
  }

  // MARK: - The text

  static let grades: [GlossaryEntry] = [
    GlossaryEntry(
      "critical", .grade, "Risk grade, worst: cash runs out within 12 months (a month M1…M12 ends below zero)."),
    GlossaryEntry(
      "high", .grade,
      "Risk grade: cash runs out in M13…MH (after the first year, within the horizon), or a loan is past maturity."),
    GlossaryEntry(
      "elevated", .grade,
      "Risk grade, a watch: cash lasts the horizon, but (without net cash) DSCR 12m is below 1.25, interest cover below 2.0, forward net leverage above 4.0 or not meaningful with debt; or a net-cash provider burns cash fast enough to reach zero within 24 months after the horizon; or a covenant or minimum liquidity is breached."
    ),
    GlossaryEntry("low", .grade, "Risk grade, best: none of critical, high or elevated holds."),
  ]

  static var tiers: [GlossaryEntry] {
    func rule(_ tier: Tier) -> String {
      guard let rule = TierRule.of(tier) else { return "" }
      var text = "overall score ≥ \(plainDecimal(rule.minimumOverall))"
      if let pillar = rule.minimumPillar { text += " and every pillar ≥ \(plainDecimal(pillar))" }
      return text
    }
    let coverage = plainDecimal(TierRule.minimumCoveragePct)
    return [
      GlossaryEntry("platinum", .tier, "ClusterMAX-style tier, best: \(rule(.platinum))."),
      GlossaryEntry("gold", .tier, "Tier: \(rule(.gold))."),
      GlossaryEntry("silver", .tier, "Tier: \(rule(.silver))."),
      GlossaryEntry("bronze", .tier, "Tier: \(rule(.bronze))."),
      GlossaryEntry(
        "underperforming", .tier,
        "Tier: overall score below \(plainDecimal(TierRule.of(.bronze)?.minimumOverall ?? 40)), or a criterion required for bronze not earned in full (a failed required_for criterion caps the tier below the one it names)."
      ),
      GlossaryEntry(
        "unrated", .tier,
        "No tier: less than \(coverage)% rubric coverage, too little evidence to rate (`neocloud explain` lists what is missing)."
      ),
    ]
  }

  static let figures: [GlossaryEntry] = [
    GlossaryEntry(
      "score", .figure,
      "Overall score 0–100: the plain mean of the pillar scores; a pillar's score is 100 × points earned / weight of its criteria.",
      aliases: ["overall"]),
    GlossaryEntry(
      "rubric coverage", .figure,
      "Coverage % in rank: the share of the rubric's weight whose criteria have a value (an assessment or a derived metric); below 60% a provider is unrated. Not debt coverage (see DSCR 12m).",
      aliases: ["coverage_pct", "coverage", "Coverage %"]),
    GlossaryEntry(
      "rubric version", .figure,
      "The first 12 hex digits of a SHA-256 over every rubric criterion: two reports with the same version scored against the same rubric.",
      aliases: ["rubric_version", "rubric"]),
    GlossaryEntry(
      "DSCR 12m", .figure,
      "Debt-service coverage ratio: CFADS over the next 12 months (M1…M12) ÷ scheduled debt service over them, balloons excluded; below 1 the cash flow does not cover the debt; empty when there is no debt service.",
      aliases: ["dscr_12m", "dscr12", "dscr", "debt service coverage"]),
    GlossaryEntry(
      "CFADS", .figure,
      "Cash flow available for debt service in a month: revenue − power − colocation − fixed opex.",
      aliases: ["cfads_12m_usd", "cfads_12m", "CFADS 12m"]),
    GlossaryEntry(
      "revenue 12m", .figure,
      "Contract revenue (after SLA credits) plus on-demand revenue over M1…M12, in US dollars.",
      aliases: ["revenue_12m_usd"]),
    GlossaryEntry(
      "debt service 12m", .figure,
      "Scheduled interest and principal over M1…M12, balloons excluded, in US dollars.",
      aliases: ["debt_service_12m_usd"]),
    GlossaryEntry(
      "balloons 12m", .figure,
      "Principal repaid at maturity by interest-only loans plus what loans owe past maturity, over M1…M12: paid from cash, kept out of DSCR 12m.",
      aliases: ["balloon_12m_usd", "balloon"]),
    GlossaryEntry(
      "utilization", .figure,
      "Utilization of the fleets active in M1 weighted by their GPUs in M1 (a ramping fleet's delivered GPUs only), in percent: the utilization the projection uses (or the --utilization override).",
      aliases: ["utilization_pct", "Utilization %"]),
    GlossaryEntry(
      "break-even", .figure,
      "Break-even utilization: the utilization, the same for every fleet, at which DSCR 12m = 1; 0 when contracts alone cover the debt, empty when even 100% does not or there is no debt service.",
      aliases: ["break_even_utilization_pct", "Break-even %", "break-even utilization"]),
    GlossaryEntry(
      "runway", .figure,
      "Months from the as-of month to the first month whose cash balance is below zero (cash out); empty when cash lasts the horizon.",
      aliases: ["runway_months"]),
    GlossaryEntry(
      "cash out", .figure, "The first month M1…MH whose projected cash balance is below zero.",
      aliases: ["cash_out_month"]),
    GlossaryEntry(
      "PD 12m", .figure,
      "With --simulate N: the share of simulated paths whose cash runs out (below zero after any revolver draw) within "
        + "M1…M12, with its 95% Wilson interval (pd_12m_ci); never above PD horizon.",
      aliases: ["pd_12m", "pd_12m_ci", "pd_12m_ci_low", "pd_12m_ci_high"]),
    GlossaryEntry(
      "PD horizon", .figure,
      "With --simulate N: the share of simulated paths whose cash runs out within M1…MH, with its 95% Wilson interval "
        + "(pd_horizon_ci); the risk order puts the higher first within a grade.",
      aliases: ["pd_horizon", "pd_horizon_ci", "pd_horizon_ci_low", "pd_horizon_ci_high", "PD %"]),
    GlossaryEntry(
      "cash percentiles", .figure,
      "With --simulate N, in `show`: a month's cash at the 5th, 50th and 95th percentile of the simulated paths "
        + "(the report's cash fan).",
      aliases: ["cash_p5_usd", "cash_p50_usd", "cash_p95_usd"]),
    GlossaryEntry(
      "portfolio defaults", .figure,
      "With --simulate N: the mean number of providers whose cash runs out within 12 months (and within the horizon) "
        + "across paths, with the median and 95th percentile of that count.",
      aliases: ["portfolio", "expected_defaults_12m", "expected_defaults_horizon"]),
    GlossaryEntry(
      "top customer share", .figure,
      "The largest customer's share of contract revenue over M1…M12, in percent; above 50% the customer_concentration flag is set.",
      aliases: ["top_customer_share_pct", "Top customer %"]),
    GlossaryEntry(
      "customer rating", .figure,
      "In `neocloud customers`: the worst contracts.customer_rating over a customer's contracts with the provider (unrated, the default, is worst, then high_yield, then investment_grade).",
      aliases: ["customer_rating"]),
    GlossaryEntry(
      "GPUs M1", .figure,
      "In `neocloud customers`: the GPUs a customer's contracts hold in M1, counted while ramping as gpu_count × min(1, (k+1)/(ramp_months+1)).",
      aliases: ["gpus_m1"]),
    GlossaryEntry(
      "customer share", .figure,
      "In `neocloud customers`: a customer's contract revenue booked over M1…M12 (revenue_12m_usd there: after ramp, min(1, C/K) and the SLA factor) as a share of the provider's, in percent.",
      aliases: ["share_pct", "Share %"]),
    GlossaryEntry(
      "book LTV", .figure,
      "Book loan-to-value of a loan's collateral (a fleet or a pool): the balance of the live loans on it ÷ the fleets' capex depreciated straight-line over their useful life, a fleet still ramping at the as-of month counting only the share delivered.",
      aliases: ["ltv_book", "ltv_book_ratio", "Book LTV %", "ltv"]),
    GlossaryEntry(
      "horizon", .figure,
      "The months projected after the as-of month, M1…MH (36 by default, --horizon 12–120); an hour-month is 730 hours.",
      aliases: ["horizon_months"]),
  ]

  /// Every `RiskFlag` in glossary order: its definition (a sentence, for `glossary` and the
  /// report's definitions) and its phrase (lower case, for change lines and the nightly mail).
  /// The one table of what a flag means (issue 11): both say the same thing with the same
  /// thresholds.
  package static let flagTexts: [(flag: RiskFlag, definition: String, phrase: String)] = [
    (
      .balloonWithin12m,
      "A balloon (an interest-only loan's principal at maturity, or a loan owed past maturity) falls due in M1…M12.",
      "a balloon payment falls due within 12 months"
    ),
    (
      .burningCash,
      "A net-cash provider whose cash falls fast enough over the last 12 months of the horizon to reach zero within 24 months after it.",
      "net cash, but burning it fast enough to run out within 24 months after the horizon"
    ),
    (
      .covenantBreach,
      "DSCR 12m is below the highest min_dscr covenant of the provider's live loans.",
      "DSCR below its loans' covenant"
    ),
    (
      .customerConcentration,
      "One customer earns more than 50% of contract revenue over M1…M12.",
      "one customer earns over 50% of contract revenue"
    ),
    (
      .debtServiceExceedsCFADS,
      "DSCR 12m below 1: the next 12 months' CFADS does not cover their scheduled debt service.",
      "DSCR below 1: 12 months of cash flow do not cover debt service"
    ),
    (
      .financialsAfterAsOf,
      "The provider's financials (cash, balances) are dated after the as-of date.",
      "financials dated after the as-of date"
    ),
    (
      .ltvAbove100,
      "A loan's market loan-to-value is above 100%: its collateral is worth less than the debt on it.",
      "a loan's market loan-to-value is above 100%"
    ),
    (
      .minLiquidityBreach,
      "Projected cash falls below the provider's min_liquidity_usd covenant in some month M1…M12.",
      "cash falls below its minimum liquidity within 12 months"
    ),
    (
      .netCash,
      "Cash exceeds total debt (net debt ≤ 0).",
      "cash exceeds total debt"
    ),
    (
      .noMarketPrice,
      "A GPU model with active fleets has no market price on or before the as-of date, so it earns no on-demand revenue.",
      "a GPU model in use has no market price on or before the as-of date"
    ),
    (
      .noUptimeData,
      "No uptime rows in the 12 months up to the as-of month; SLA credits are then assumed zero.",
      "no uptime data in the last 12 months"
    ),
    (
      .overcommitted,
      "Contracts promise more GPUs of a model than the active fleets have, in some month of the horizon.",
      "contracts commit more GPUs than its fleets hold in some month"
    ),
    (
      .pastMaturity,
      "A loan's maturity date is before the as-of date while it still has a balance, owed in full in M1.",
      "a loan is past maturity and still owes its balance"
    ),
    (
      .refinancingDependent,
      "Cash runs out in a month when it would not have if the principal repaid up to then had been rolled over.",
      "cash runs out unless maturing principal is refinanced"
    ),
    (
      .revenueBelowDebtService,
      "Revenue over M1…M12 is below the scheduled debt service over the same months.",
      "revenue over the next 12 months below debt service"
    ),
    (
      .revolverDependent,
      "The projection draws on a revolving credit facility in M1…M12 to stay above its cash floor.",
      "draws on its revolver within 12 months to stay above its cash floor"
    ),
    (
      .staleFinancials,
      "The provider's financials are more than 6 months older than the as-of month.",
      "financials more than 6 months older than the as-of date"
    ),
    (
      .staleMarketPrice,
      "A market price the projection uses was observed more than 90 days before the as-of date.",
      "a market price used is more than 90 days older than the as-of date"
    ),
    (
      .thinCoverage,
      "Graded elevated by its ratios: DSCR 12m below 1.25, interest cover below 2.0 or net leverage above 4.0.",
      "graded elevated by thin coverage: DSCR below 1.25, interest cover below 2.0 or net leverage above 4.0"
    ),
    (
      .utilizationBelowContracted,
      "In M1 the GPUs in use (utilization × fleet GPUs) are fewer than the GPUs contracted for a model.",
      "utilization below what contracts commit in the first month"
    ),
  ]

  /// Each flag's phrase (``flagTexts``), by flag.
  package static let flagPhrases: [RiskFlag: String] = Dictionary(
    flagTexts.map { ($0.flag, $0.phrase) }, uniquingKeysWith: { first, _ in first })

  static var flags: [GlossaryEntry] {
    flagTexts.map { GlossaryEntry($0.flag.rawValue, .flag, $0.definition) }
  }

  static let options: [GlossaryEntry] = [
    GlossaryEntry(
      "--utilization", .option,
      "Stress: every fleet runs at this utilization, 0–100% (default: each fleet's own utilization_pct)."),
    GlossaryEntry(
      "--price-shock", .option,
      "Stress: market GPU-hour prices move by this percentage, ≥ −100 (default 0; −30 is a 30% fall)."),
    GlossaryEntry(
      "--price-decay", .option,
      "How fast market prices fall each year from their last observation, in percent per year, between −100 and 100 (default 20)."
    ),
    GlossaryEntry(
      "--rate-shock", .option,
      "Stress: floating-rate loans' annual rates move by this many basis points, −10000…10000, floored at 0% (default 0)."
    ),
    GlossaryEntry(
      "--horizon", .option, "Months projected, 12–120 (default 36); runway and cash out look this far."),
    GlossaryEntry(
      "--customer-default", .option,
      "Stress: this customer (exactly as in contracts.customer; repeatable) stops paying from --default-from; "
        + "`neocloud customers` lists who each provider depends on."),
    GlossaryEntry(
      "--top-customer-default", .option,
      "Stress: each provider's N largest customers by contract revenue booked over M1…M12 stop paying (ties by name)."
    ),
    GlossaryEntry(
      "--default-from", .option,
      "The first month, YYYY-MM, a defaulted customer's contracts pay nothing (default: M1)."),
    GlossaryEntry(
      "--relet-delay", .option,
      "Months after --default-from before a defaulted customer's GPUs are re-let, 0–36 (default 6)."),
    GlossaryEntry(
      "--relet-haircut", .option,
      "How far below the market price re-let GPUs rent, 0–100% (default 20; 100 re-lets nothing)."),
    GlossaryEntry(
      "--simulate", .option,
      "Monte Carlo: N paths (100–100,000) of market prices, utilization and customer defaults; adds PD 12m, "
        + "PD horizon, cash percentiles and the portfolio's defaults. Not a stress: the other figures stay as they are."
    ),
    GlossaryEntry(
      "--seed", .option, "The seed of every simulated draw (default 1); the same seed gives the same bytes."),
    GlossaryEntry(
      "--price-vol", .option,
      "The market factor's annual volatility in percent (default: the median over GPU models of the last 36 "
        + "months' price changes, 40% without enough history)."),
    GlossaryEntry(
      "--utilization-vol", .option,
      "The standard deviation, in points, of each provider's utilization shift on a path (default 10)."),
    GlossaryEntry(
      "--default-rates", .option,
      "Annual default probabilities in percent for investment_grade, high_yield and unrated customers, "
        + "as IG,HY,UR (default 0.2,4,10)."),
    GlossaryEntry(
      "--relet-utilization", .option,
      "The share of a defaulted customer's GPUs re-let on demand, 0–100% (default 50); never beyond each contract's end."
    ),
  ]
}

/// What `neocloud glossary [TERM]` prints: every entry, or one.
package struct GlossaryReport: Sendable {
  package var entries: [GlossaryEntry]

  package init(entries: [GlossaryEntry] = Glossary.entries) {
    self.entries = entries
  }

  package func render(_ format: OutputFormat) -> String {
    format == .json ? json.render() : table.render(format)
  }

  package var table: Table {
    Table(
      columns: [Column("Term"), Column("Kind"), Column("Definition")],
      rows: entries.map { [.text($0.term), .text($0.kind.rawValue), .text($0.definition)] })
  }

  /// `{"terms": [{"term", "kind", "definition", "aliases"}]}`.
  package var json: JSONValue {
    .object([
      "terms": .array(
        entries.map { entry in
          .object([
            "term": .string(entry.term), "kind": .string(entry.kind.rawValue),
            "definition": .string(entry.definition), "aliases": .array(entry.aliases.map { .string($0) }),
          ])
        })
    ])
  }
}

/// The last line of `rank` and `risk` tables (table and markdown only: tsv, csv and json stay
/// data).
package let glossaryPointer = "Terms: `neocloud glossary` defines every flag, grade, tier and figure."

extension OutputFormat {
  /// The glossary pointer that ends a table or markdown report ("" elsewhere).
  func glossaryFooter() -> String {
    switch self {
    case .table: return glossaryPointer + "\n"
    case .markdown: return "\n" + glossaryPointer + "\n"
    case .tsv, .csv, .json, .html, .xlsx: return ""
    }
  }
}
