import Domain
import Finance

/// What `neocloud customers` prints: one row per provider and customer, riskiest exposure first
/// (``riskiestExposureFirst(_:_:)``: worst rating, then the larger share of the provider's
/// contract revenue, then the larger revenue, then provider_id and customer).
package struct CustomersReport: Sendable {
  package var asOf: Day
  package var exposures: [CustomerExposure]

  /// `exposures` in any order; the report sorts them.
  package init(asOf: Day, exposures: [CustomerExposure]) {
    self.asOf = asOf
    self.exposures = exposures.sorted(by: riskiestExposureFirst)
  }

  /// `width`: the terminal's width for `table` (nil: never truncated).
  package func render(_ format: OutputFormat, width: TerminalWidth? = nil) -> String {
    format == .json
      ? json.render()
      : table(forMachines: format == .tsv || format == .csv).render(format, width: width) + format.glossaryFooter()
  }

  /// `--format xlsx`: the sheet `customers` (the tsv columns, keys as headers) and the sheet
  /// `about` (the as-of date).
  package var workbook: Workbook {
    Workbook(sheets: [
      Workbook.Sheet(name: "customers", table: table(forMachines: true)),
      Workbook.Sheet(
        name: "about", table: Table(columns: [Column("as_of")], rows: [[.text(asOf.description)]])),
    ])
  }

  static let columns = [
    Column("Provider", key: "provider_id"), Column("Customer", key: "customer"),
    Column("Rating", key: "customer_rating"), Column("GPUs M1", kind: .number, key: "gpus_m1"),
    Column("Revenue 12m", kind: .money, key: "revenue_12m_usd"),
    Column("Share %", kind: .number, key: "share_pct"), Column("Ends", key: "end_on"),
  ]

  static func cells(_ exposure: CustomerExposure) -> [Cell] {
    [
      .text(exposure.providerID), .text(exposure.customer), .text(exposure.rating.rawValue),
      gpuCell(exposure.gpusM1), .money(exposure.revenue12m), .oneDecimal(exposure.sharePct),
      .text(exposure.endOn.description),
    ]
  }

  /// GPUs (fractional while ramping): `4,096.0` for people, `4096.0` for machines (issue 14:
  /// thousands separators in counts).
  static func gpuCell(_ gpus: Double) -> Cell {
    guard gpus.isFinite else { return .empty }
    return Cell(
      display: formatFixed(gpus, decimals: 1, grouping: true), plain: formatOneDecimal(gpus),
      value: .number(roundedTo9(gpus)))
  }

  /// The same columns for people and machines; people get a title line saying the order.
  package func table(forMachines: Bool) -> Table {
    let title =
      "As of \(asOf) · riskiest exposure first: unrated, high_yield, investment_grade, then share of the provider's contract revenue"
    return Table(
      titleLines: forMachines ? [] : [title], columns: Self.columns, rows: exposures.map(Self.cells))
  }

  /// `{"as_of", "customers": [...]}`, each customer keyed as the tsv and csv headers.
  package var json: JSONValue {
    .object([
      "as_of": .string(asOf.description),
      "customers": .array(exposures.map { .object(jsonMembers(columns: Self.columns, cells: Self.cells($0))) }),
    ])
  }
}
