import Domain
import Testing

@testable import Scoring

@Suite struct CriterionPointsTests {
  @Test func boolEarnsFullWeightOnlyWhenTrue() {
    let criterion = boolean("soc2", weight: 3)
    #expect(criterionPoints(criterion, value: 1) == 3)
    #expect(criterionPoints(criterion, value: 0) == 0)
  }

  @Test(arguments: [(0, 0.0), (1, 0.75), (2, 1.5), (3, 2.25), (4, 3.0)])
  func levelEarnsAQuarterOfTheWeightPerStep(level value: Int, expected: Double) {
    #expect(criterionPoints(level("slurm", weight: 3), value: Double(value)) == expected)
  }

  @Test func numericHigherIsBetterIsLinearAndRounded() {
    let uptime = numeric("uptime", weight: 4, fullAt: 99.9, zeroAt: 98.5)
    // (99.2 − 98.5) / (99.9 − 98.5) × 4 is 1.9999999999999… in Double; 9 decimals make it 2.
    #expect(criterionPoints(uptime, value: 99.2) == 2)
    #expect(criterionPoints(uptime, value: 98.85) == 1)  // a quarter of the way
    #expect(criterionPoints(uptime, value: 99.9) == 4)
    #expect(criterionPoints(uptime, value: 98.5) == 0)
  }

  @Test func numericClampsOutsideTheRange() {
    let uptime = numeric("uptime", weight: 4, fullAt: 99.9, zeroAt: 98.5)
    #expect(criterionPoints(uptime, value: 100) == 4)
    #expect(criterionPoints(uptime, value: 50) == 0)
    #expect(criterionPoints(uptime, value: -3) == 0)
  }

  @Test func numericLowerIsBetterWhenFullIsBelowZero() {
    let mttr = numeric("mttr", weight: 3, fullAt: 1, zeroAt: 12)
    // (4 − 12) / (1 − 12) = 8/11; × 3 = 2.181818181818… → 2.181818182
    #expect(criterionPoints(mttr, value: 4) == 2.181818182)
    #expect(criterionPoints(mttr, value: 6.5) == 1.5)  // half way
    #expect(criterionPoints(mttr, value: 0.5) == 3)  // better than full: clamped
    #expect(criterionPoints(mttr, value: 1) == 3)
    #expect(criterionPoints(mttr, value: 12) == 0)
    #expect(criterionPoints(mttr, value: 40) == 0)  // worse than zero: clamped
  }

  @Test func numericWithoutBoundsEarnsNothing() {
    let broken = Criterion(id: "x", pillar: "software", title: "x", kind: .numeric, weight: 2)
    #expect(criterionPoints(broken, value: 5) == 0)
    let equal = numeric("y", weight: 2, fullAt: 5, zeroAt: 5)
    #expect(criterionPoints(equal, value: 5) == 0)
  }

  @Test(arguments: [
    ("true", CriterionKind.bool, 1.0 as Double?), ("false", .bool, 0), ("TRUE", .bool, nil),
    ("1", .bool, nil), ("yes", .bool, nil), ("", .bool, nil),
    ("0", .level, 0), ("4", .level, 4), ("3", .level, 3), ("5", .level, nil),
    ("-1", .level, nil), ("2.0", .level, nil), ("2.5", .level, nil), (" 2", .level, nil),
    ("99.95", .numeric, 99.95), ("-3", .numeric, -3), ("12", .numeric, 12),
    ("0.5", .numeric, 0.5), (".5", .numeric, nil), ("5.", .numeric, nil), ("+5", .numeric, nil),
    ("1e3", .numeric, nil), ("nan", .numeric, nil), ("inf", .numeric, nil),
    ("1,000", .numeric, nil), ("12 ", .numeric, nil), ("-", .numeric, nil),
  ])
  func assessmentValuesMustFitTheirKind(text: String, kind: CriterionKind, expected: Double?) {
    #expect(assessmentValue(Substring(text), kind: kind) == expected)
  }
}
