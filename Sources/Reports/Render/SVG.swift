import Domain
import Foundation

/// One named line of a chart; `nil` values leave a gap.
package struct ChartSeries: Hashable, Sendable {
  package var name: String
  package var values: [Double?]

  package init(name: String, values: [Double?]) {
    self.name = name
    self.values = values
  }
}

/// A dashed horizontal (line chart) or vertical (bar chart) marker, e.g. a 1.25× covenant.
package struct ReferenceLine: Hashable, Sendable {
  package var value: Double
  package var label: String

  package init(value: Double, label: String) {
    self.value = value
    self.label = label
  }
}

/// A shaded range between two series, drawn under the lines (e.g. simulated cash p5–p95).
package struct ChartBand: Hashable, Sendable {
  package var name: String
  package var low: [Double?]
  package var high: [Double?]

  package init(name: String, low: [Double?], high: [Double?]) {
    self.name = name
    self.low = low
    self.high = high
  }
}

/// The band's fill: light sky blue, under lines of any palette colour.
private let bandColor = "#cfe6f5"

/// Colours that stay apart for colour-blind readers and on paper (Okabe–Ito).
package let chartPalette = [
  "#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#7A7A7A",
]
private let inkColor = "#1d2330"
private let mutedColor = "#5b6475"
private let gridColor = "#e3e7ee"
/// A white outline under text that sits on lines, so it stays readable.
private let halo = "stroke=\"#fff\" stroke-width=\"3\" paint-order=\"stroke\""

/// Series of values over x labels (months) as an inline `<svg>`: title, legend, y gridlines
/// with compact labels, x labels thinned to fit, one polyline per series.
package struct SVGLineChart: Sendable {
  package var title: String
  package var xLabels: [String]
  package var series: [ChartSeries]
  package var width: Int
  package var height: Int
  /// Whether the y axis always shows zero (cash and revenue charts should).
  package var includesZero: Bool
  package var reference: ReferenceLine?
  /// A shaded range under the lines; its name leads the legend.
  package var band: ChartBand?
  package var valueFormat: @Sendable (Double) -> String

  package init(
    title: String, xLabels: [String], series: [ChartSeries], width: Int = 720, height: Int = 320,
    includesZero: Bool = true, reference: ReferenceLine? = nil, band: ChartBand? = nil,
    valueFormat: @escaping @Sendable (Double) -> String = formatCompact
  ) {
    self.band = band
    self.title = title
    self.xLabels = xLabels
    self.series = series
    self.width = width
    self.height = height
    self.includesZero = includesZero
    self.reference = reference
    self.valueFormat = valueFormat
  }

  package func render() -> String {
    let plot = PlotArea(left: 64, top: 52, right: Double(width) - 20, bottom: Double(height) - 36)
    var svg = svgOpen(title: title, width: width, height: height)
    svg += svgTitle(title)
    svg += legend(x: plot.left, y: 36)
    var values = series.flatMap { $0.values.compactMap { $0 } }.filter(\.isFinite)
    if let band { values += (band.low + band.high).compactMap { $0 }.filter(\.isFinite) }
    if let reference { values.append(reference.value) }
    guard !values.isEmpty, !xLabels.isEmpty else {
      return svg + noData(x: Double(width) / 2, y: Double(height) / 2) + "</svg>\n"
    }
    var lower = values.min() ?? 0
    var upper = values.max() ?? 0
    if includesZero {
      lower = min(lower, 0)
      upper = max(upper, 0)
    }
    let ticks = niceTicks(lower: lower, upper: upper)
    let low = ticks.first ?? lower
    let high = ticks.last ?? upper
    func y(_ value: Double) -> Double {
      plot.bottom - (value - low) / (high - low) * (plot.bottom - plot.top)
    }
    func x(_ index: Int) -> Double {
      xLabels.count == 1
        ? (plot.left + plot.right) / 2
        : plot.left + Double(index) * (plot.right - plot.left) / Double(xLabels.count - 1)
    }

    svg += "<g stroke=\"\(gridColor)\" stroke-width=\"1\">\n"
    for tick in ticks {
      svg += line(x1: plot.left, y1: y(tick), x2: plot.right, y2: y(tick))
    }
    svg += "</g>\n"
    svg += "<g fill=\"\(mutedColor)\" text-anchor=\"end\">\n"
    for tick in ticks {
      svg += text(valueFormat(tick), x: plot.left - 8, y: y(tick) + 4)
    }
    svg += "</g>\n"
    let axisValue = low <= 0 && high >= 0 ? 0 : low
    svg += "<g stroke=\"\(inkColor)\" stroke-width=\"1\">\n"
    svg += line(x1: plot.left, y1: y(axisValue), x2: plot.right, y2: y(axisValue))
    svg += line(x1: plot.left, y1: plot.top, x2: plot.left, y2: plot.bottom)
    svg += "</g>\n"

    let labelStep = max(
      1, Int((Double(xLabels.count) * 56 / (plot.right - plot.left)).rounded(.up)))
    svg += "<g fill=\"\(mutedColor)\" text-anchor=\"middle\">\n"
    for (index, label) in xLabels.enumerated() where index % labelStep == 0 {
      svg += text(label, x: x(index), y: plot.bottom + 18)
    }
    svg += "</g>\n"

    if let reference {
      svg += dashedLine(
        x1: plot.left, y1: y(reference.value), x2: plot.right, y2: y(reference.value))
      svg += text(
        reference.label, x: plot.right, y: y(reference.value) - 4,
        attributes: "fill=\"\(mutedColor)\" text-anchor=\"end\" \(halo)")
    }

    if let band {
      // One polygon per run of months where both edges are known: along the top, back along
      // the bottom.
      var run: [(Double, Double, Double)] = []
      func close() {
        if run.count > 1 {
          let top = run.map { "\(coordinate($0.0)),\(coordinate($0.2))" }
          let bottom = run.reversed().map { "\(coordinate($0.0)),\(coordinate($0.1))" }
          svg +=
            "<polygon fill=\"\(bandColor)\" stroke=\"none\" points=\"\((top + bottom).joined(separator: " "))\"/>\n"
        }
        run = []
      }
      for index in xLabels.indices {
        if index < band.low.count, index < band.high.count, let low = band.low[index], let high = band.high[index],
          low.isFinite, high.isFinite
        {
          run.append((x(index), y(low), y(high)))
        } else {
          close()
        }
      }
      close()
    }

    for (seriesIndex, line) in series.enumerated() {
      let color = chartPalette[seriesIndex % chartPalette.count]
      var segment: [(Double, Double)] = []
      func flush() {
        if segment.count == 1, let point = segment.first {
          svg += "<circle cx=\"\(coordinate(point.0))\" cy=\"\(coordinate(point.1))\" r=\"2.5\""
          svg += " fill=\"\(color)\"/>\n"
        } else if segment.count > 1 {
          let points = segment.map { "\(coordinate($0.0)),\(coordinate($0.1))" }
          svg += "<polyline fill=\"none\" stroke=\"\(color)\" stroke-width=\"2\""
          svg += " stroke-linejoin=\"round\" points=\"\(points.joined(separator: " "))\"/>\n"
        }
        segment = []
      }
      for index in xLabels.indices {
        if index < line.values.count, let value = line.values[index], value.isFinite {
          segment.append((x(index), y(value)))
        } else {
          flush()
        }
      }
      flush()
    }
    return svg + "</svg>\n"
  }

  private func legend(x: Double, y: Double) -> String {
    guard !series.isEmpty || band != nil else { return "" }
    var svg = "<g fill=\"\(inkColor)\">\n"
    var cursor = x
    if let band {
      svg += "<rect x=\"\(coordinate(cursor))\" y=\"\(coordinate(y - 8))\" width=\"14\""
      svg += " height=\"9\" fill=\"\(bandColor)\"/>\n"
      svg += text(band.name, x: cursor + 20, y: y)
      cursor += 20 + estimatedTextWidth(band.name) + 18
    }
    for (index, line) in series.enumerated() {
      let color = chartPalette[index % chartPalette.count]
      svg += "<rect x=\"\(coordinate(cursor))\" y=\"\(coordinate(y - 5))\" width=\"14\""
      svg += " height=\"3\" fill=\"\(color)\"/>\n"
      svg += text(line.name, x: cursor + 20, y: y)
      cursor += 20 + estimatedTextWidth(line.name) + 18
    }
    return svg + "</g>\n"
  }
}

/// One bar of a bar chart; a `nil` value prints `n/a` instead of a bar. `marker` draws a tick
/// across the bar's row at that value (e.g. this provider's covenant).
package struct ChartBar: Hashable, Sendable {
  package var label: String
  package var value: Double?
  package var marker: Double?

  package init(label: String, value: Double?, marker: Double? = nil) {
    self.label = label
    self.value = value
    self.marker = marker
  }
}

/// Labelled horizontal bars from a zero line (negative bars point left) as an inline `<svg>`,
/// with the value at the end of each bar and an optional reference line.
package struct SVGBarChart: Sendable {
  package var title: String
  package var bars: [ChartBar]
  package var width: Int
  package var rowHeight: Int
  package var reference: ReferenceLine?
  /// What the bars' markers mean, shown as a legend at the top right (e.g. `covenant`).
  package var markerLabel: String?
  /// One colour for every bar, or a colour per bar (e.g. by risk grade).
  package var color: @Sendable (ChartBar) -> String
  package var valueFormat: @Sendable (Double) -> String
  /// Longer bar labels are cut with `…`.
  package var maxLabelCharacters: Int

  package init(
    title: String, bars: [ChartBar], width: Int = 720, rowHeight: Int = 22,
    reference: ReferenceLine? = nil, markerLabel: String? = nil,
    color: @escaping @Sendable (ChartBar) -> String = { _ in chartPalette[0] },
    valueFormat: @escaping @Sendable (Double) -> String = formatCompact, maxLabelCharacters: Int = 34
  ) {
    self.maxLabelCharacters = maxLabelCharacters
    self.title = title
    self.bars = bars
    self.width = width
    self.rowHeight = rowHeight
    self.reference = reference
    self.markerLabel = markerLabel
    self.color = color
    self.valueFormat = valueFormat
  }

  /// The chart's height follows the number of bars.
  package var height: Int { 40 + max(bars.count, 1) * rowHeight + 32 }

  package func render() -> String {
    var svg = svgOpen(title: title, width: width, height: height)
    svg += svgTitle(title)
    var values = (bars.compactMap(\.value) + bars.compactMap(\.marker)).filter(\.isFinite)
    if let reference { values.append(reference.value) }
    guard !bars.isEmpty else {
      return svg + noData(x: Double(width) / 2, y: Double(height) / 2) + "</svg>\n"
    }
    let longest = bars.map { estimatedTextWidth(shortened($0.label, to: maxLabelCharacters)) }.max() ?? 0
    let labelWidth = min(max(longest + 16, 60), 240)
    let plot = PlotArea(
      left: labelWidth, top: 40, right: Double(width) - 64,
      bottom: Double(height) - 32)
    let ticks = niceTicks(lower: min(values.min() ?? 0, 0), upper: max(values.max() ?? 1, 0))
    let low = ticks.first ?? 0
    let high = ticks.last ?? 1
    func x(_ value: Double) -> Double {
      plot.left + (value - low) / (high - low) * (plot.right - plot.left)
    }

    svg += "<g stroke=\"\(gridColor)\" stroke-width=\"1\">\n"
    for tick in ticks { svg += line(x1: x(tick), y1: plot.top, x2: x(tick), y2: plot.bottom) }
    svg += "</g>\n"
    svg += "<g fill=\"\(mutedColor)\" text-anchor=\"middle\">\n"
    for tick in ticks { svg += text(valueFormat(tick), x: x(tick), y: plot.bottom + 16) }
    svg += "</g>\n"

    let row = Double(rowHeight)
    for (index, bar) in bars.enumerated() {
      let top = plot.top + Double(index) * row
      let middle = top + row / 2
      svg += text(
        shortened(bar.label, to: maxLabelCharacters), x: plot.left - 8, y: middle + 4,
        attributes: "fill=\"\(inkColor)\" text-anchor=\"end\"")
      guard let value = bar.value, value.isFinite else {
        svg += text(
          "n/a", x: x(0) + 6, y: middle + 4, attributes: "fill=\"\(mutedColor)\"")
        continue
      }
      let start = min(x(0), x(value))
      let end = max(x(0), x(value))
      svg += "<rect x=\"\(coordinate(start))\" y=\"\(coordinate(top + 3))\""
      svg += " width=\"\(coordinate(max(end - start, 1)))\" height=\"\(coordinate(row - 6))\""
      svg += " fill=\"\(htmlEscape(color(bar)))\"/>\n"
      if let marker = bar.marker, marker.isFinite {
        svg += "<line x1=\"\(coordinate(x(marker)))\" y1=\"\(coordinate(top + 1))\""
        svg += " x2=\"\(coordinate(x(marker)))\" y2=\"\(coordinate(top + row - 1))\""
        svg += " stroke=\"\(inkColor)\" stroke-width=\"2\"/>\n"
      }
      let valueX = value < 0 ? start - 6 : end + 6
      let anchor = value < 0 ? "end" : "start"
      // A marker may cross the value, so the value gets a halo then.
      svg += text(
        valueFormat(value), x: valueX, y: middle + 4,
        attributes: "fill=\"\(inkColor)\" text-anchor=\"\(anchor)\"" + (bar.marker == nil ? "" : " \(halo)"))
    }
    svg += "<g stroke=\"\(inkColor)\" stroke-width=\"1\">\n"
    svg += line(x1: x(0), y1: plot.top, x2: x(0), y2: plot.bottom)
    svg += "</g>\n"
    if let reference {
      svg += dashedLine(
        x1: x(reference.value), y1: plot.top - 4, x2: x(reference.value), y2: plot.bottom)
      svg += text(
        reference.label, x: x(reference.value) + 4, y: plot.top - 6,
        attributes: "fill=\"\(mutedColor)\" \(halo)")
    }
    if let markerLabel, bars.contains(where: { $0.marker != nil }) {
      let left = Double(width) - 8 - estimatedTextWidth(markerLabel) - 8
      svg += "<line x1=\"\(coordinate(left))\" y1=\"10\" x2=\"\(coordinate(left))\" y2=\"22\""
      svg += " stroke=\"\(inkColor)\" stroke-width=\"2\"/>\n"
      svg += text(markerLabel, x: left + 6, y: 20, attributes: "fill=\"\(mutedColor)\"")
    }
    return svg + "</svg>\n"
  }
}

// MARK: - Shared pieces

struct PlotArea {
  var left: Double
  var top: Double
  var right: Double
  var bottom: Double
}

/// Round steps of 1, 2 or 5 × 10ⁿ covering `lower…upper` with about five intervals.
func niceTicks(lower: Double, upper: Double, intervals: Int = 5) -> [Double] {
  var lower = lower
  var upper = upper
  if upper - lower <= 0 || !(upper - lower).isFinite {
    let pad = abs(lower) > 0 ? abs(lower) / 2 : 1
    lower -= pad
    upper += pad
  }
  let rawStep = (upper - lower) / Double(max(intervals, 1))
  let magnitude = pow(10, (log10(rawStep)).rounded(.down))
  let residual = rawStep / magnitude
  let step = (residual <= 1 ? 1 : residual <= 2 ? 2 : residual <= 5 ? 5 : 10) * magnitude
  let first = (lower / step).rounded(.down)
  let last = (upper / step).rounded(.up)
  guard last - first < 1000 else { return [lower, upper] }
  return stride(from: first, through: last, by: 1).map { cleaned($0 * step) }
}

/// Removes binary noise such as `0.30000000000000004` (12 significant digits are plenty).
private func cleaned(_ value: Double) -> Double {
  guard value != 0, value.isFinite else { return 0 }
  let digits = 12 - Int(log10(abs(value)).rounded(.up))
  let factor = pow(10, Double(digits))
  let result = (value * factor).rounded() / factor
  return result == 0 ? 0 : result
}

/// An SVG coordinate: at most one decimal, never `-0`.
func coordinate(_ value: Double) -> String {
  plainDecimal(roundedTo(value, decimals: 1))
}

/// Text for SVG/XML: escaped, control characters (not allowed in XML 1.0) turned into spaces.
func svgEscape(_ text: String) -> String {
  htmlEscape(singleLine(text))
}

/// Roughly how wide text is at 11px in a sans-serif font.
func estimatedTextWidth(_ text: String) -> Double {
  Double(displayWidth(text)) * 6.5
}

private func shortened(_ label: String, to limit: Int = 34) -> String {
  label.count > limit ? String(label.prefix(max(limit - 1, 1))) + "…" : label
}

private func svgOpen(title: String, width: Int, height: Int) -> String {
  "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(width) \(height)\""
    + " width=\"\(width)\" height=\"\(height)\" role=\"img\" aria-label=\"\(svgEscape(title))\""
    + " font-family=\"system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif\" font-size=\"11\">\n"
}

private func svgTitle(_ title: String) -> String {
  "<title>\(svgEscape(title))</title>\n"
    + "<text x=\"8\" y=\"20\" font-size=\"14\" font-weight=\"600\" fill=\"\(inkColor)\">"
    + svgEscape(title) + "</text>\n"
}

private func noData(x: Double, y: Double) -> String {
  text("No data", x: x, y: y, attributes: "fill=\"\(mutedColor)\" text-anchor=\"middle\"")
}

private func line(x1: Double, y1: Double, x2: Double, y2: Double) -> String {
  "<line x1=\"\(coordinate(x1))\" y1=\"\(coordinate(y1))\" x2=\"\(coordinate(x2))\""
    + " y2=\"\(coordinate(y2))\"/>\n"
}

private func dashedLine(x1: Double, y1: Double, x2: Double, y2: Double) -> String {
  "<line x1=\"\(coordinate(x1))\" y1=\"\(coordinate(y1))\" x2=\"\(coordinate(x2))\""
    + " y2=\"\(coordinate(y2))\" stroke=\"\(mutedColor)\" stroke-width=\"1\""
    + " stroke-dasharray=\"4 3\"/>\n"
}

private func text(_ content: String, x: Double, y: Double, attributes: String = "") -> String {
  let extra = attributes.isEmpty ? "" : " " + attributes
  return
    "<text x=\"\(coordinate(x))\" y=\"\(coordinate(y))\"\(extra)>\(svgEscape(content))</text>\n"
}
