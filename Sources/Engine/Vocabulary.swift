import Domain
import Finance
import Import
import Reports

// The lower libraries' value types that a use case's request names. The CLI builds requests
// from them while it imports Engine alone.

package typealias Day = Domain.Day
package typealias Segment = Domain.Segment
package typealias RiskGrade = Domain.RiskGrade
package typealias Assumptions = Finance.Assumptions
package typealias CustomerDefault = Finance.CustomerDefault
package typealias Month = Domain.Month
package typealias Kind = Import.Kind
package typealias OutputFormat = Reports.OutputFormat
package typealias ShowSection = Reports.ShowReport.Section
package typealias ExplainSection = Reports.ExplainReport.Section
package typealias TerminalWidth = Reports.TerminalWidth

/// The candidate a mistyped `input` most likely meant (for "did you mean"), or nil.
package func closestName(_ input: String, among candidates: [String]) -> String? {
  closestMatch(input, among: candidates)
}
