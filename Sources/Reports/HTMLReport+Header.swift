import Domain
import Finance
import Scoring

/// The page header: title, as-of, assumptions, last run.
extension HTMLReport {
  func header() -> String {
    let assumptions = risk.assumptions
    var html = ""
    if let stress = risk.stressLine {
      html += "<p class=\"stressed\" role=\"note\">\(htmlEscape(stress))</p>\n"
    }
    html += "<dl class=\"meta\">\n"
    html += metaItem("As of", rank.asOf.description)
    html += metaItem("Rubric version", rank.rubricVersion)
    let first = rank.asOf.month + 1
    let last = rank.asOf.month + assumptions.horizonMonths
    html += metaItem("Horizon", "\(assumptions.horizonMonths) months, \(first)…\(last)")
    html += metaItem("Providers", formatCount(risk.results.count))
    html += metaItem("Last recompute", lastRunText)
    html += metaItem("Generated", generatedAt)
    html += "</dl>\n"
    html += "<p class=\"assumptions\"><span class=\"label\">Assumptions</span> "
    html += htmlEscape(assumptionsText(assumptions)) + "</p>\n"
    return html
  }

  var lastRunText: String {
    guard let last = history.runs.last else { return "no recompute runs yet" }
    return "run #\(last.runID), as of \(last.asOf), finished \(last.finishedAt)"
  }

  private func metaItem(_ term: String, _ value: String) -> String {
    "<div><dt>\(htmlEscape(term))</dt><dd>\(htmlEscape(value))</dd></div>\n"
  }
}
