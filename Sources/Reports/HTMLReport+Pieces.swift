import Domain
import Finance
import Scoring

/// Cells and legends several sections share.
extension HTMLReport {
  /// The provider's name, a link to its detail when the page has details.
  func providerCell(id: String, name: String) -> String {
    let shown = details == nil ? htmlEscape(name) : "<a href=\"#\(detailAnchor(id))\">\(htmlEscape(name))</a>"
    return "<td class=\"provider\">\(shown)<br><span class=\"id\">\(htmlEscape(id))</span></td>"
  }

  func gradeLegend() -> String {
    "<p class=\"legend\">Bar colour: "
      + RiskGrade.allCases.map { "<span class=\"swatch swatch-\($0.rawValue)\"></span>\($0.rawValue)" }
      .joined(separator: " ") + "</p>\n"
  }
}

/// The assumptions line of the header: every figure the projection used.
func assumptionsText(_ assumptions: Assumptions) -> String {
  let utilization =
    assumptions.utilizationPct.map { "\(plainDecimal($0))% for every fleet" } ?? "each fleet's own"
  let shock = assumptions.priceShockPct
  let rate = assumptions.rateShockBP
  return "utilization \(utilization); market prices \(shock > 0 ? "+" : "")\(plainDecimal(shock))%; "
    + "price decay \(plainDecimal(assumptions.priceDecayPct))%/yr; "
    + "floating rates \(rate > 0 ? "+" : "")\(plainDecimal(rate)) bp; "
    + "horizon \(assumptions.horizonMonths) months; \(plainDecimal(Assumptions.hoursPerMonth)) hours a month"
}

/// `1.27×`.
func formatRatio(_ value: Double) -> String {
  formatFixed(value, decimals: 2) + "×"
}

/// `$412.3M`, `-$1.2M`, `$0.4M`.
func formatMillions(_ dollars: Double) -> String {
  let text = formatFixed(abs(dollars) / 1_000_000, decimals: 1, grouping: true)
  return (dollars < 0 && text != "0.0" ? "-$" : "$") + text + "M"
}

/// The bar colour of a risk grade: grey for low so the eye goes to the risky ones; sky blue,
/// orange and vermilion from the colour-blind-safe palette for the rest.
func gradeColor(_ grade: RiskGrade) -> String {
  switch grade {
  case .critical: return "#D55E00"
  case .high: return "#E69F00"
  case .elevated: return "#56B4E9"
  case .low: return "#9AA3B2"
  }
}

/// A grade badge; the class name comes from a fixed list so unknown text cannot inject one.
func gradeBadge(_ grade: String) -> String {
  let known = RiskGrade(rawValue: grade) != nil
  return "<span class=\"badge grade-\(known ? grade : "unknown")\">\(htmlEscape(grade))</span>"
}

/// A tier badge; `short` abbreviates `underperforming` (with the full name as a tooltip) where
/// space is tight.
func tierBadge(_ tier: String, short: Bool = false) -> String {
  let known = Tier(rawValue: tier) != nil
  let classes = "badge tier-\(known ? tier : "unknown")"
  if short, tier == Tier.underperforming.rawValue {
    return "<span class=\"\(classes)\" title=\"underperforming\">underperf.</span>"
  }
  return "<span class=\"\(classes)\">\(htmlEscape(tier))</span>"
}

/// Flags that mean money is short get the warning colour; the rest are data-quality notes.
func flagChip(_ flag: RiskFlag) -> String {
  let serious: Set<RiskFlag> = [
    .debtServiceExceedsCFADS, .revenueBelowDebtService, .covenantBreach, .minLiquidityBreach,
    .pastMaturity, .balloonWithin12m,
  ]
  let name = htmlEscape(flag.rawValue)
  return "<span class=\"flag\(serious.contains(flag) ? " serious" : "")\">\(name)</span>"
}
