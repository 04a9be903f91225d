import Domain
import Finance
import Scoring

/// The DSCR12 bars and the projected-cash small multiples.
extension HTMLReport {
  /// At most this many bars in the DSCR chart and charts of projected cash, riskiest first, so
  /// a page over thousands of providers stays readable; the tables list every provider.
  package static let barLimit = 30
  package static let multipleLimit = 12
  /// The phone drawing of the DSCR chart, in SVG units (about CSS px at 400 px wide).
  package static let narrowChartWidth = 370

  private func limitNote(shown: Int) -> String {
    guard shown < risk.results.count else { return "" }
    return "<p class=\"muted\">The \(shown) riskiest of \(formatCount(risk.results.count)) providers; "
      + "the risk table lists every one.</p>\n"
  }

  func dscrSection() -> String {
    var html = "<section class=\"coverage\">\n<h2>Debt-service coverage</h2>\n"
    guard !risk.results.isEmpty else { return html + "<p class=\"muted\">No providers.</p>\n</section>\n" }
    let results = Array(risk.results.prefix(HTMLReport.barLimit))
    html += limitNote(shown: results.count)
    var colors: [String: String] = [:]
    let bars = results.map { result -> ChartBar in
      colors[result.name] = gradeColor(result.grade)
      return ChartBar(
        label: result.name, value: result.dscr12m, marker: terms[result.providerID]?.covenantDSCR)
    }
    let palette = colors
    let chart = SVGBarChart(
      title: "DSCR12 by provider, riskiest first", bars: bars, width: 1000, rowHeight: 26,
      reference: ReferenceLine(value: 1, label: "1.0× debt service covered"),
      markerLabel: "covenant (highest min DSCR of live loans)",
      color: { palette[$0.label] ?? chartPalette[6] },
      valueFormat: { formatRatio($0) })
    // A phone shows this narrow drawing instead, drawn at about its own size so that its
    // 11-unit labels stay about 11 px (the wide one would shrink them to 4 px at 400 px).
    let narrow = SVGBarChart(
      title: "DSCR12, riskiest first", bars: bars, width: HTMLReport.narrowChartWidth, rowHeight: 24,
      reference: ReferenceLine(value: 1, label: "1.0×"), markerLabel: "covenant",
      color: { palette[$0.label] ?? chartPalette[6] },
      valueFormat: { formatRatio($0) }, maxLabelCharacters: 16)
    html += gradeLegend()
    html += "<figure>\n<div class=\"chart-wide\">\n" + chart.render() + "</div>\n"
    html += "<div class=\"chart-narrow\">\n" + narrow.render() + "</div>\n"
    html += "<figcaption>Bars are coloured by risk grade; n/a means no scheduled debt service in the "
    html += "next 12 months. Below the dashed line, a provider's cash flow does not cover its debt "
    html += "service.</figcaption>\n</figure>\n"
    return html + "</section>\n"
  }

  func cashSection() -> String {
    var html = "<section class=\"cash\">\n<h2>Projected cash</h2>\n"
    let months = risk.results.first?.months.map(\.month.description) ?? []
    html += "<p class=\"muted\">Cash balance at the end of each month M1…M\(risk.assumptions.horizonMonths) "
    html += "after operating cash flow, debt service, balloons, capex and loan draws, riskiest first. "
    html += "Each chart has its own scale; the dashed line is the provider's minimum-liquidity covenant.</p>\n"
    guard !risk.results.isEmpty else { return html + "<p class=\"muted\">No providers.</p>\n</section>\n" }
    let results = risk.results.prefix(HTMLReport.multipleLimit)
    html += limitNote(shown: results.count)
    html += "<div class=\"multiples\">\n"
    for result in results {
      let floor = terms[result.providerID]?.minLiquidityUSD
      let chart = SVGLineChart(
        title: result.name, xLabels: months,
        series: [ChartSeries(name: "cash, USD", values: result.months.map(\.cash))],
        width: 340, height: 210, includesZero: true,
        reference: floor.map { ReferenceLine(value: $0, label: "min liquidity") })
      html += "<figure class=\"multiple\" data-provider=\"\(htmlEscape(result.providerID))\">\n"
      html += chart.render()
      html += "<figcaption>\(gradeBadge(result.grade.rawValue)) "
      if let month = result.cashOutMonth {
        html += "<span class=\"neg\">cash out \(htmlEscape(month.description))</span>"
      } else if let last = result.months.last {
        html += "\(htmlEscape(formatMillions(last.cash))) at \(htmlEscape(last.month.description))"
      }
      html += "</figcaption>\n</figure>\n"
    }
    return html + "</div>\n</section>\n"
  }
}
