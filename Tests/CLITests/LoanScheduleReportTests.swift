import Foundation
import Testing

/// Issue 14: the report's yearly loan schedule per provider adds up the monthly loan payments
/// `show --format json` lists (tranches and revolver draws included), period by period.
@Suite struct LoanScheduleReportTests {
  /// `$1,234.5M`, as the page writes amounts; `—` for nothing.
  static func millions(_ dollars: Double, dashForZero: Bool) -> String {
    if dashForZero && dollars == 0 { return "—" }
    // tenths of a million, halves away from zero as the page rounds
    let tenths = Int64((abs(dollars) / 100_000).rounded())
    let text = "\(tenths / 10).\(tenths % 10)"
    let whole = text.prefix { $0 != "." }
    var grouped = ""
    for (index, digit) in whole.reversed().enumerated() {
      if index > 0 && index % 3 == 0 { grouped.append(",") }
      grouped.append(digit)
    }
    return (dollars < 0 && text != "0.0" ? "-$" : "$") + String(grouped.reversed()) + text.drop { $0 != "." } + "M"
  }

  static func month(_ text: String) -> Int? {
    let parts = text.split(separator: "-")
    guard parts.count == 2, let year = Int(parts[0]), let month = Int(parts[1]) else { return nil }
    return year * 12 + month - 1
  }

  static func label(_ index: Int) -> String {
    String(format: "%04d-%02d", index / 12, index % 12 + 1)
  }

  /// The rows of one provider's schedule table, per loan in page order: each row's cells.
  static func detail(_ page: String, provider: String) throws -> String {
    let start = try #require(page.range(of: "<details class=\"provider-detail\" id=\"p-\(provider)\">"))
    let rest = page[start.upperBound...]
    let end = rest.range(of: "<details class=\"provider-detail\"")?.lowerBound ?? rest.endIndex
    return String(rest[..<end])
  }

  static func scheduleRows(_ detail: String) throws -> [(loan: String, rows: [[String]])] {
    let cellPattern = try NSRegularExpression(pattern: "<t[hd][^>]*>([^<]*)</t[hd]>")
    guard let table = detail.range(of: "<table class=\"detail-schedule\">") else { return [] }
    let body = detail[table.upperBound...]
    let tableText = String(body[..<(body.range(of: "</table>")?.lowerBound ?? body.endIndex)])
    var loans: [(String, [[String]])] = []
    for group in tableText.components(separatedBy: "<tbody data-loan=\"").dropFirst() {
      let loan = String(group.prefix { $0 != "\"" })
      var rows: [[String]] = []
      for row in group.components(separatedBy: "<tr>").dropFirst() {
        let text = row.components(separatedBy: "</tr>").first ?? ""
        let range = NSRange(text.startIndex..., in: text)
        let cells = cellPattern.matches(in: text, range: range).compactMap { match in
          Range(match.range(at: 1), in: text).map { String(text[$0]) }
        }
        rows.append(cells)
      }
      loans.append((loan, rows))
    }
    return loans
  }

  @Test func yearlyScheduleSumsTheMonthlyPaymentsOfShow() throws {
    let box = try Sandbox.withSamples()
    let report = box.run(["report", "--as-of", "2026-11-23", "--output", "r.html"])
    #expect(report.code == 0)
    let page = try String(contentsOfFile: box.path("r.html"), encoding: .utf8)
    var checkedRows = 0
    var checkedDraws = 0
    var checkedBalloons = 0
    for id in ReportTests.rowIDs(page, table: "risk") {
      let show = box.run(["show", id, "--as-of", "2026-11-23", "--format", "json"])
      #expect(show.code == 0)
      let json = try #require(try JSONSerialization.jsonObject(with: Data(show.stdout.utf8)) as? [String: Any])
      let loans = try #require(json["loans"] as? [[String: Any]])
      let months = try #require(json["months"] as? [[String: Any]])
      let firstLabel = try #require(months.first?["month"] as? String)
      let first = try #require(Self.month(firstLabel))
      let horizon = months.count
      let detail = try Self.detail(page, provider: id)
      let tables = try Self.scheduleRows(detail)
      // the same loans as the detail's loans table, in its order
      let loanRows = detail.components(separatedBy: "<table class=\"detail-schedule\">").first ?? ""
      let listed = loanRows.components(separatedBy: "<tr data-loan=\"").dropFirst().map {
        String($0.prefix { $0 != "\"" })
      }
      #expect(tables.map(\.loan) == listed, "\(id)")
      #expect(tables.count == min(loans.count, 25), "\(id)")
      for (loanID, rows) in tables {
        let loan = try #require(loans.first { $0["loan_id"] as? String == loanID })
        let payments = try #require(loan["payments"] as? [[String: Any]])
        let draws = loan["draws"] as? [[String: Any]] ?? []
        var balance = loan["balance_usd"] as? Double ?? 0
        #expect(rows.count == (horizon + 11) / 12, "\(loanID)")
        for (period, row) in rows.enumerated() {
          let low = first + 12 * period
          let high = first + min(12 * period + 12, horizon) - 1
          var interest = 0.0
          var principal = 0.0
          var balloon = 0.0
          var drawn = 0.0
          for payment in payments {
            guard let month = Self.month(payment["month"] as? String ?? ""), month >= low, month <= high else {
              continue
            }
            interest += payment["interest_usd"] as? Double ?? 0
            if payment["note"] as? String == "balloon" {
              balloon += payment["principal_usd"] as? Double ?? 0
            } else {
              principal += payment["principal_usd"] as? Double ?? 0
            }
            balance = payment["balance_usd"] as? Double ?? .nan
          }
          for draw in draws {
            guard let month = Self.month(draw["month"] as? String ?? ""), month >= low, month <= high else { continue }
            drawn += draw["amount_usd"] as? Double ?? 0
          }
          let expected = [
            "\(Self.label(low)) – \(Self.label(high))", Self.millions(interest, dashForZero: true),
            Self.millions(principal, dashForZero: true), Self.millions(balloon, dashForZero: true),
            Self.millions(drawn, dashForZero: true), Self.millions(balance, dashForZero: false),
          ]
          #expect(Array(row.suffix(6)) == expected, "\(id) \(loanID) period \(period + 1)")
          #expect(row.count == (period == 0 ? 7 : 6))
          checkedRows += 1
          if drawn > 0 { checkedDraws += 1 }
          if balloon > 0 { checkedBalloons += 1 }
        }
      }
    }
    // Samples have term loans, a delayed-draw tranche, revolvers and balloons: all were compared.
    #expect(checkedRows >= 60)
    #expect(checkedDraws >= 2)
    #expect(checkedBalloons >= 1)
  }
}
