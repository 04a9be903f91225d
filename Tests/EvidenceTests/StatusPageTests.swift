import Domain
import Testing

@testable import Evidence

/// A Statuspage v2 incidents document around the given incidents (JSON objects as text).
func statusPageJSON(updatedAt: String, incidents: [String]) -> String {
  """
  {
    "page": {"id": "kctbh9vrtdwd", "name": "Example GPU Cloud", "url": "https://status.example-gpu.cloud",
             "time_zone": "America/Los_Angeles", "updated_at": "\(updatedAt)"},
    "incidents": [\(incidents.joined(separator: ",\n"))]
  }
  """
}

func incidentJSON(
  id: String, impact: String, created: String, started: String? = nil, resolved: String?,
  components: [String] = ["GPU Compute (us-east)"]
) -> String {
  let quoted = { (text: String?) in text.map { "\"\($0)\"" } ?? "null" }
  let componentList = components.enumerated().map { index, name in
    "{\"id\": \"cmp\(index)\(id)\", \"name\": \"\(name)\", \"status\": \"operational\", \"page_id\": \"kctbh9vrtdwd\"}"
  }
  return """
    {"id": "\(id)", "name": "Degraded performance \(id)", "status": "\(resolved == nil ? "investigating" : "resolved")",
     "impact": "\(impact)", "created_at": \(quoted(created)), "updated_at": \(quoted(resolved ?? created)),
     "started_at": \(quoted(started)), "resolved_at": \(quoted(resolved)), "monitoring_at": null,
     "shortlink": "https://stspg.io/\(id)", "components": [\(componentList.joined(separator: ", "))],
     "incident_updates": [{"id": "u\(id)", "status": "investigating", "body": "We are investigating reports of \\"failed\\" jobs.\\nMore soon.",
       "created_at": \(quoted(created)), "affected_components": null}]}
    """
}

func derive(_ json: String, components: [String] = []) throws -> [StatusPageMonth] {
  var reader = JSONStreamReader(file: "incidents.json", bytes: Array(json.utf8))
  let document = try readStatusPage(&reader)
  return try deriveUptimeMonths(document, components: components, file: "incidents.json")
}

func month(_ text: String) -> Month { Month(text) ?? Month(index: 0) }

@Suite struct StatusPageDerivationTests {
  /// April 2026 has 43,200 minutes. A major 10:00–12:00 and a critical 11:00–11:30 overlap:
  /// 60 min × 0.5 + 30 min × 1.0 + 30 min × 0.5 = 75 weighted minutes (not 90: no double count);
  /// a minor of 600 min adds 60. 135 / 43,200 = 0.3125 % down. Impact none is ignored.
  @Test func overlappingIncidentsCountTheHighestWeightOnce() throws {
    let json = statusPageJSON(
      updatedAt: "2026-04-30T00:00:00.000Z",
      incidents: [
        incidentJSON(
          id: "a", impact: "major", created: "2026-04-10T10:00:00.000Z", resolved: "2026-04-10T12:00:00.000Z"),
        incidentJSON(
          id: "b", impact: "critical", created: "2026-04-10T11:05:00.000Z", started: "2026-04-10T11:00:00.000Z",
          resolved: "2026-04-10T11:30:00.000Z"),
        incidentJSON(id: "c", impact: "minor", created: "2026-04-20T00:00:00Z", resolved: "2026-04-20T10:00:00Z"),
        incidentJSON(id: "d", impact: "none", created: "2026-04-21T00:00:00Z", resolved: "2026-04-25T00:00:00Z"),
      ])
    let months = try derive(json)
    #expect(months.count == 1)
    #expect(months[0].month == month("2026-04"))
    #expect(months[0].uptimePct == 99.6875)
    #expect(months[0].incidents == 3)
    // (2 h + 0.5 h + 10 h) / 3, from started_at (b's started_at wins over its created_at).
    #expect(months[0].mttrHours == 4.166666667)
  }

  /// A critical incident 2026-01-31 23:00Z → 2026-02-01 01:00Z (the start given at −08:00) is
  /// split: 60 min of January's 44,640 and 60 min of February's 40,320. Its 2 h MTTR belongs to
  /// January, where it starts. March and April (to updated_at) have no incident: 100 %, 0, empty.
  @Test func anIncidentSpanningAMonthBoundaryIsSplit() throws {
    let json = statusPageJSON(
      updatedAt: "2026-04-10T08:00:00.000-07:00",
      incidents: [
        incidentJSON(
          id: "x", impact: "critical", created: "2026-01-31T15:00:00.000-08:00", resolved: "2026-02-01T01:00:00.000Z")
      ])
    let months = try derive(json)
    #expect(months.map(\.month) == [month("2026-01"), month("2026-02"), month("2026-03"), month("2026-04")])
    #expect(months[0].uptimePct == 99.865591398)  // 100 × (1 − 60 / 44,640)
    #expect(months[1].uptimePct == 99.851190476)  // 100 × (1 − 60 / 40,320)
    #expect(months.map(\.incidents) == [1, 0, 0, 0])
    #expect(months[0].mttrHours == 2)
    #expect(months[1].mttrHours == nil)
    #expect(months[2] == StatusPageMonth(month: month("2026-03"), uptimePct: 100, incidents: 0, mttrHours: nil))
    #expect(months[3].uptimePct == 100)
  }

  /// An unresolved major incident from 2026-03-30 runs to updated_at 2026-04-02: 2 days in March
  /// (2,880 min × 0.5 of 44,640) and 1 day in April (1,440 × 0.5 of 43,200); MTTR 72 h.
  @Test func anUnresolvedIncidentRunsToThePagesUpdatedAt() throws {
    let json = statusPageJSON(
      updatedAt: "2026-04-02T00:00:00Z",
      incidents: [incidentJSON(id: "u", impact: "major", created: "2026-03-30T00:00:00Z", resolved: nil)])
    let months = try derive(json)
    #expect(months.count == 2)
    #expect(months[0].uptimePct == 96.774193548)
    #expect(months[0].mttrHours == 72)
    #expect(months[1].uptimePct == 98.333333333)
    #expect(months[1].incidents == 0)
  }

  @Test(arguments: [("minor", 99.99), ("major", 99.95), ("critical", 99.9)])
  func impactWeights(impact: String, expected: Double) throws {
    // 43.2 minutes is 0.1 % of April; weighted 0.1, 0.5 and 1.0.
    let json = statusPageJSON(
      updatedAt: "2026-04-30T00:00:00Z",
      incidents: [
        incidentJSON(id: "w", impact: impact, created: "2026-04-05T00:00:00.000Z", resolved: "2026-04-05T00:43:12.000Z")
      ])
    #expect(try derive(json).first?.uptimePct == expected)
  }

  @Test func componentsFilterCountsOnlyIncidentsTouchingThem() throws {
    let json = statusPageJSON(
      updatedAt: "2026-05-31T00:00:00Z",
      incidents: [
        incidentJSON(
          id: "api", impact: "critical", created: "2026-04-01T00:00:00Z", resolved: "2026-04-01T01:00:00Z",
          components: ["Dashboard & API"]),
        incidentJSON(
          id: "gpu", impact: "critical", created: "2026-05-01T00:00:00Z", resolved: "2026-05-01T04:00:00Z",
          components: ["GPU Compute (us-east)", "Object Storage"]),
      ])
    let all = try derive(json)
    #expect(all.map(\.month) == [month("2026-04"), month("2026-05")])
    let gpu = try derive(json, components: ["GPU Compute (us-east)"])
    // The span starts at the first counted incident: April is not invented.
    #expect(gpu.map(\.month) == [month("2026-05")])
    #expect(gpu[0].incidents == 1)
    #expect(gpu[0].mttrHours == 4)
    #expect(try derive(json, components: ["Billing"]).isEmpty)
  }

  @Test func noCountedIncidentMeansNoMonths() throws {
    let json = statusPageJSON(updatedAt: "2026-05-31T00:00:00Z", incidents: [])
    #expect(try derive(json).isEmpty)
  }

  @Test func sourceNamesThePageAndTheFilter() throws {
    var reader = JSONStreamReader(
      file: "f", bytes: Array(statusPageJSON(updatedAt: "2026-05-31T00:00:00Z", incidents: []).utf8))
    let document = try readStatusPage(&reader)
    #expect(document.source(components: []) == "statuspage:https://status.example-gpu.cloud")
    #expect(document.source(components: ["A", "B"]) == "statuspage:https://status.example-gpu.cloud components=A,B")
  }
}

@Suite struct StatusPageBadDocumentTests {
  func error(_ json: String) -> EvidenceError? {
    do {
      _ = try derive(json)
      return nil
    } catch let error as EvidenceError {
      return error
    } catch {
      return nil
    }
  }

  @Test func truncatedJSON() {
    let json = statusPageJSON(
      updatedAt: "2026-04-30T00:00:00Z",
      incidents: [incidentJSON(id: "a", impact: "major", created: "2026-04-10T10:00:00Z", resolved: nil)])
    let cut = String(json.prefix(json.count / 2))
    guard case .truncated(let file, _, _)? = error(cut) else {
      Issue.record("expected truncated, got \(String(describing: error(cut)))")
      return
    }
    #expect(file == "incidents.json")
    #expect(error(cut)?.exitCode == 65)
  }

  @Test func wrongShape() {
    #expect(
      error(#"{"page": {"id": "p", "updated_at": "2026-04-30T00:00:00Z"}, "incidents": {"id": 1}}"#)
        == .wrongShape(file: "incidents.json", path: "incidents", expected: "an array, not an object"))
    #expect(
      error("[1, 2]") == .wrongShape(file: "incidents.json", path: "the document", expected: "an object, not an array"))
    #expect(
      error(#"{"page": {"id": "p", "updated_at": "2026-04-30T00:00:00Z"}}"#)
        == .missingField(file: "incidents.json", path: "incidents"))
    let impactNumber = statusPageJSON(updatedAt: "2026-04-30T00:00:00Z", incidents: [#"{"id": "a", "impact": 3}"#])
    #expect(
      error(impactNumber)
        == .wrongShape(file: "incidents.json", path: "incidents[0].impact", expected: "a string, not a number"))
  }

  @Test func negativeDuration() {
    let json = statusPageJSON(
      updatedAt: "2026-04-30T00:00:00Z",
      incidents: [
        incidentJSON(id: "n", impact: "major", created: "2026-04-10T10:00:00Z", resolved: "2026-04-10T09:00:00Z")
      ]
    )
    #expect(
      error(json)
        == .negativeDuration(
          file: "incidents.json", path: "incidents[0] ('n')", start: "2026-04-10T10:00:00.000Z",
          end: "2026-04-10T09:00:00.000Z"))
    let late = statusPageJSON(
      updatedAt: "2026-04-01T00:00:00Z",
      incidents: [incidentJSON(id: "l", impact: "major", created: "2026-04-10T10:00:00Z", resolved: nil)])
    guard case .startsAfterUpdate? = error(late) else {
      Issue.record("expected startsAfterUpdate")
      return
    }
  }

  @Test(arguments: [
    "2026-04-10 10:00:00Z", "2026-04-10T10:00:00", "2026-02-30T10:00:00Z", "10/04/2026", "2026-04-10T24:00:00Z",
  ])
  func datesThatAreNotISO8601(text: String) {
    let json = statusPageJSON(
      updatedAt: "2026-04-30T00:00:00Z",
      incidents: [incidentJSON(id: "d", impact: "minor", created: text, resolved: nil)])
    #expect(error(json) == .badTimestamp(file: "incidents.json", path: "incidents[0] ('d').created_at", value: text))
    #expect(error(json)?.message.contains("is not an ISO 8601 timestamp") == true)
  }

  @Test func unknownImpact() {
    let json = statusPageJSON(
      updatedAt: "2026-04-30T00:00:00Z",
      incidents: [incidentJSON(id: "m", impact: "maintenance", created: "2026-04-10T10:00:00Z", resolved: nil)])
    #expect(
      error(json) == .unknownImpact(file: "incidents.json", path: "incidents[0] ('m').impact", value: "maintenance"))
  }

  @Test func oneSentenceMessages() {
    let errors: [EvidenceError] = [
      .truncated(file: "f", line: 1, column: 2), .tooLarge(file: "f", limitBytes: 32 << 20),
      .malformedJSON(file: "f", line: 3, column: 4, reason: "unexpected 'x'"),
      .unknownStatus(file: "f", key: "k", value: "PASSED"),
    ]
    for error in errors {
      #expect(!error.message.contains("\n"))
      #expect(error.message.hasSuffix("."))
      #expect(error.exitCode == 65)
    }
    #expect(EvidenceError.notFound(file: "f").exitCode == 66)
  }
}

@Suite struct TimestampTests {
  @Test func parsesOffsetsAndFractions() throws {
    let utc = try #require(Instant(iso8601: "2026-03-04T18:15:00Z"))
    #expect(Instant(iso8601: "2026-03-04T10:15:00.000-08:00") == utc)
    #expect(Instant(iso8601: "2026-03-04T10:15:00-0800") == utc)
    #expect(Instant(iso8601: "2026-03-04T19:45:00+01:30") == utc)
    #expect(Instant(iso8601: "2026-03-04T18:15:00.123456Z")?.millisecondsSinceEpoch == utc.millisecondsSinceEpoch + 123)
    #expect(Instant(iso8601: "2026-03-04T18:15:00.5Z")?.millisecondsSinceEpoch == utc.millisecondsSinceEpoch + 500)
    #expect(utc.description == "2026-03-04T18:15:00.000Z")
    // A local late-evening time is the next UTC day.
    #expect(Instant(iso8601: "2026-09-14T23:30:00-08:00")?.day == Day("2026-09-15"))
  }

  @Test(arguments: [
    "", "2026-03-04", "2026-03-04T18:15Z", "2026-03-04T18:15:00.Z", "2026-03-04T18:15:00+8", "2026-13-01T00:00:00Z",
  ])
  func rejects(text: String) {
    #expect(Instant(iso8601: text) == nil)
  }
}
