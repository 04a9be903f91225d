import Domain
import Finance

/// What `show PROVIDER` prints: one provider as a credit analyst reads it (§5) — its profile
/// (financials, facilities, fleets, loans, contracts, recent uptime), the risk summary, the
/// monthly projection M1…MH and each loan's payment schedule with its book loan-to-value.
///
/// Table and markdown print titled sections; tsv and csv print one of them, a rectangular table
/// (``Section``, the monthly projection by default). JSON is the §5 `show` object with every
/// section in it.
package struct ShowReport: Sendable, SectionedDocument {
  /// The sections of `show`, in print order; tsv and csv write one of them.
  package enum Section: String, CaseIterable, Sendable {
    case profile, facilities, fleets, loans, contracts, uptime, risk, liquidity, months, payments
  }

  package var asOf: Day
  package var assumptions: Assumptions
  package var book: ProviderBook
  package var risk: RiskResult

  package init(asOf: Day, assumptions: Assumptions, book: ProviderBook, risk: RiskResult) {
    self.asOf = asOf
    self.assumptions = assumptions
    self.book = book
    self.risk = risk
  }

  /// `section` picks the table tsv and csv write; the other formats hold every section. `width`:
  /// the terminal's width for `table` (nil: never truncated).
  package func render(_ format: OutputFormat, section: Section = .months, width: TerminalWidth? = nil) -> String {
    renderSections(format, section: section, width: width)
  }

  /// One line saying which stresses apply, naming the customers defaulted; nil for the base case.
  package var stressLine: String? {
    stressDescription(assumptions, defaulted: risk.defaultedCustomers, asOf: asOf)
  }

  /// `--format xlsx`: one sheet per tsv section (profile, facilities, fleets, loans, contracts,
  /// uptime, risk, liquidity, months, payments), keys as headers, then `about` (provider, as-of date and
  /// every assumption).
  package var workbook: Workbook {
    let sections = sections(forPeople: false).map { Workbook.Sheet(name: $0.name, table: $0.table) }
    let about = aboutTable(
      asOf: asOf, assumptions: assumptions, leading: [(Column("provider_id"), .text(book.provider.id))])
    return Workbook(sheets: sections + [Workbook.Sheet(name: "about", table: about)])
  }

  /// `STRESSED: …` first when stressed, then who and when.
  package var titleLines: [String] {
    var lines = [
      "\(book.provider.id) · \(book.provider.name) · as of \(asOf) · horizon \(assumptions.horizonMonths) months"
    ]
    if let stressLine { lines.insert(stressLine, at: 0) }
    // `--simulate N`: its terms, as `risk` prints them (no portfolio: one provider).
    lines += simulationTitleLines(assumptions, portfolio: nil)
    return lines
  }

  /// The uptime rows of the window M0−11…M0 that the SLA factor and `no_uptime_data` read (§4).
  package var recentUptime: [UptimeMonth] {
    let m0 = asOf.month
    return book.uptime.filter { m0 - 11 <= $0.month && $0.month <= m0 }.sorted { $0.month < $1.month }
  }

  /// The sections in print order. People get the profile and the risk summary as label/value
  /// lines and one payment table per loan; machines get one row per record, a loan column in the
  /// payments, and the assumption columns of a stressed run in the risk and month rows (§5).
  func sections(forPeople: Bool) -> [ReportSection] {
    [
      ReportSection(name: "profile", title: "Profile", table: profileTable, layout: forPeople ? .fields : .rows),
      ReportSection(name: "facilities", title: "Facilities", table: facilitiesTable),
      ReportSection(name: "fleets", title: "Fleets", table: fleetsTable),
      ReportSection(name: "loans", title: "Loans", table: loansTable(forPeople: forPeople)),
      ReportSection(name: "contracts", title: "Contracts", table: contractsTable),
      ReportSection(
        name: "uptime", title: "Uptime \(asOf.month - 11)…\(asOf.month)", table: uptimeTable,
        emptyNote: "no uptime rows in these 12 months"),
      forPeople
        ? ReportSection(name: "risk", title: "Risk", table: riskFields, layout: .fields)
        : ReportSection(name: "risk", title: "Risk", table: riskRow),
      ReportSection(
        name: "liquidity", title: "Liquidity and leverage", table: liquidityTable,
        layout: forPeople ? .fields : .rows),
      ReportSection(
        name: "months", title: "Monthly projection",
        table: monthsTable(forPeople: forPeople, withAssumptions: !forPeople)),
      ReportSection(
        name: "payments", title: "Loan payments", table: paymentsTable(forPeople: forPeople),
        emptyNote: "no loans"),
    ]
  }

}
