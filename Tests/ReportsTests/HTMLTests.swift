import Foundation
import Testing

@testable import Reports

@Suite struct HTMLTests {
  @Test func escapesMarkup() {
    #expect(htmlEscape("<script>alert(1)</script>") == "&lt;script&gt;alert(1)&lt;/script&gt;")
    #expect(htmlEscape("a&b\"c'd") == "a&amp;b&quot;c&#39;d")
    #expect(htmlEscape("Ångström") == "Ångström")
  }

  @Test func tableFragment() {
    let table = Table(
      titleLines: ["STRESSED: <50%>"],
      columns: [Column("Provider"), Column("Cash", kind: .money)],
      groups: [
        RowGroup(title: "Gold", rows: [[.text("<script>alert(1)</script>"), .money(-1234.0)]]),
        RowGroup(title: nil, rows: [[.text("B&B"), .empty]]),
      ])
    let expected = """
      <p class="note">STRESSED: &lt;50%&gt;</p>
      <div class="scroll">
      <table>
      <thead>
      <tr><th>Provider</th><th class="num">Cash</th></tr>
      </thead>
      <tbody>
      <tr class="group"><th colspan="2">Gold</th></tr>
      <tr><td>&lt;script&gt;alert(1)&lt;/script&gt;</td><td class="num neg">-1,234.00</td></tr>
      </tbody>
      <tbody>
      <tr><td>B&amp;B</td><td class="num"></td></tr>
      </tbody>
      </table>
      </div>

      """
    #expect(table.renderHTML() == expected)
  }

  @Test func documentIsSelfContained() {
    var document = HTMLDocument(title: "Risk <report>")
    document.heading("Tiers")
    document.paragraph("as of 2026-11-23", className: "muted")
    document.table(sampleTable())
    document.figure(
      svg: SVGBarChart(title: "DSCR", bars: [ChartBar(label: "A", value: 1)]).render(),
      caption: "Coverage & covenants")
    let page = document.render()
    #expect(
      page.hasPrefix("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"))
    #expect(page.hasSuffix("</main>\n</body>\n</html>\n"))
    #expect(page.contains("<title>Risk &lt;report&gt;</title>"))
    #expect(page.contains("<h1>Risk &lt;report&gt;</h1>"))
    #expect(page.contains("<h2>Tiers</h2>"))
    #expect(page.contains("<p class=\"muted\">as of 2026-11-23</p>"))
    #expect(page.contains("<figcaption>Coverage &amp; covenants</figcaption>"))
    #expect(page.contains("@media print"))
    // no scripts and nothing fetched: the only URL is the SVG namespace name
    let withoutNamespace = page.replacingOccurrences(of: "http://www.w3.org/2000/svg", with: "")
    for forbidden in ["<script", "http:", "https:", "<link", "src=", "url(", "@import"] {
      #expect(!withoutNamespace.contains(forbidden), "\(forbidden)")
    }
    #expect(balancedTags(page, names: ["html", "head", "body", "main", "table", "svg", "figure"]))
  }

  @Test func tableRendersAsAPage() {
    let page = sampleTable().render(.html)
    #expect(page.contains("<title>STRESSED: utilization 50%</title>"))
    #expect(page.contains("<td>Nimbus, &quot;GPU&quot;\nLabs</td>"))
  }
}

/// Every `<name` has its `</name>`, in order of appearance.
func balancedTags(_ text: String, names: [String]) -> Bool {
  names.allSatisfy { name in
    text.components(separatedBy: "<\(name)>").count
      + text.components(separatedBy: "<\(name) ").count
      - 2 == text.components(separatedBy: "</\(name)>").count - 1
  }
}
