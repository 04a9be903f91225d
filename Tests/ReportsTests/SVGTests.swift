import Foundation
import Testing

@testable import Reports

#if canImport(FoundationXML)
  import FoundationXML
#endif

/// Parses `svg` as XML and collects the text of every `<text>` and `<title>` element.
final class SVGReader: NSObject, XMLParserDelegate {
  var texts: [String] = []
  var elements: [String] = []
  private var current: String?

  func parse(_ svg: String) -> Bool {
    let parser = XMLParser(data: Data(svg.utf8))
    parser.delegate = self
    return parser.parse()
  }

  func parser(
    _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
    qualifiedName qName: String?, attributes attributeDict: [String: String] = [:]
  ) {
    elements.append(elementName)
    if elementName == "text" || elementName == "title" { current = "" }
  }

  func parser(_ parser: XMLParser, foundCharacters string: String) {
    current? += string
  }

  func parser(
    _ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?,
    qualifiedName qName: String?
  ) {
    if let text = current, elementName == "text" || elementName == "title" {
      texts.append(text)
      current = nil
    }
  }
}

@Suite struct SVGTests {
  @Test func lineChartGeometry() {
    let chart = SVGLineChart(
      title: "Cash", xLabels: ["2026-01", "2026-02", "2026-03"],
      series: [ChartSeries(name: "cash", values: [0, 50, 100])])
    let svg = chart.render()
    // plot 64…700 × 52…284, ticks 0…100 by 20: y(50) = 284 − 0.5 × 232 = 168
    #expect(svg.contains("points=\"64,284 382,168 700,52\""))
    #expect(svg.hasPrefix("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 720 320\""))
    let reader = SVGReader()
    #expect(reader.parse(svg))
    #expect(
      reader.texts == [
        "Cash", "Cash", "cash", "0", "20", "40", "60", "80", "100", "2026-01", "2026-02", "2026-03",
      ])
  }

  @Test func lineChartGapsAndEscapedText() {
    let chart = SVGLineChart(
      title: "A <b>&\"c\" \u{01}", xLabels: ["x<1", "x2", "x3", "x4"],
      series: [
        ChartSeries(name: "<script>alert(1)</script>", values: [1, nil, 3, 4]),
        ChartSeries(name: "second", values: [-2]),
      ],
      reference: ReferenceLine(value: 2, label: "min & max"))
    let svg = chart.render()
    #expect(!svg.contains("<script"))
    #expect(svg.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
    #expect(svg.contains("stroke-dasharray"))
    #expect(svg.components(separatedBy: "<polyline").count == 2)  // one segment after the gap
    #expect(svg.components(separatedBy: "<circle").count == 3)  // two lone points
    let reader = SVGReader()
    #expect(reader.parse(svg))
    #expect(reader.texts.first == "A <b>&\"c\"  ")
    #expect(reader.texts.contains("<script>alert(1)</script>"))
    #expect(reader.texts.contains("x<1"))
    #expect(reader.texts.contains("min & max"))
  }

  @Test func lineChartThinsManyLabels() {
    let labels = (1...36).map { "M\($0)" }
    let chart = SVGLineChart(
      title: "t", xLabels: labels, series: [ChartSeries(name: "s", values: labels.map { _ in 1 })])
    let reader = SVGReader()
    #expect(reader.parse(chart.render()))
    // 36 labels × 56 px over a 636 px plot: every 4th label
    #expect(
      reader.texts.filter { $0.hasPrefix("M") } == [
        "M1", "M5", "M9", "M13", "M17", "M21", "M25", "M29", "M33",
      ])
  }

  @Test func emptyChartsSayNoData() {
    let line = SVGLineChart(title: "t", xLabels: [], series: []).render()
    let bar = SVGBarChart(title: "t", bars: []).render()
    for svg in [line, bar] {
      let reader = SVGReader()
      #expect(reader.parse(svg))
      #expect(reader.texts.last == "No data")
    }
  }

  @Test func barChartGeometry() {
    let chart = SVGBarChart(
      title: "DSCR",
      bars: [
        ChartBar(label: "A", value: 10), ChartBar(label: "B", value: -5),
        ChartBar(label: "C&D", value: nil),
      ],
      reference: ReferenceLine(value: 1.25, label: "covenant"))
    let svg = chart.render()
    // label column 60 px, plot 60…656, ticks −5…10 by 5: x(0) = 60 + 5/15 × 596 = 258.7
    #expect(svg.contains("<rect x=\"258.7\" y=\"43\" width=\"397.3\" height=\"16\""))
    #expect(svg.contains("<rect x=\"60\" y=\"65\" width=\"198.7\" height=\"16\""))
    #expect(chart.height == 40 + 3 * 22 + 32)
    let reader = SVGReader()
    #expect(reader.parse(svg))
    #expect(
      reader.texts == [
        "DSCR", "DSCR", "-5", "0", "5", "10", "A", "10", "B", "-5", "C&D", "n/a", "covenant",
      ])
  }

  @Test func niceTickSteps() {
    #expect(niceTicks(lower: 0, upper: 100) == [0, 20, 40, 60, 80, 100])
    #expect(niceTicks(lower: -5, upper: 10) == [-5, 0, 5, 10])
    #expect(niceTicks(lower: 3, upper: 3) == [1, 2, 3, 4, 5])
    #expect(niceTicks(lower: 0, upper: 0.3) == [0, 0.1, 0.2, 0.3])
    #expect(niceTicks(lower: 0, upper: 1_234_567) == [0, 500_000, 1_000_000, 1_500_000])
  }

  @Test func coordinatesNeverNegativeZero() {
    #expect(coordinate(-0.04) == "0")
    #expect(coordinate(12.345) == "12.3")
    #expect(coordinate(40) == "40")
  }
}
