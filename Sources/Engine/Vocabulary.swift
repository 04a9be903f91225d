import Domain
import Finance
import Import
import Reports

// The lower libraries' value types that a use case's request names. The CLI builds requests
// from them while it imports Engine alone.

public typealias Day = Domain.Day
public typealias Segment = Domain.Segment
public typealias RiskGrade = Domain.RiskGrade
public typealias Assumptions = Finance.Assumptions
public typealias Kind = Import.Kind
public typealias OutputFormat = Reports.OutputFormat

/// The candidate a mistyped `input` most likely meant (for "did you mean"), or nil.
public func closestName(_ input: String, among candidates: [String]) -> String? {
  closestMatch(input, among: candidates)
}
