import Domain

/// A Statuspage v2 `incidents.json` document, as far as uptime needs it.
package struct StatusPageDocument: Hashable, Sendable {
  package var pageID: String
  package var pageName: String?
  package var pageURL: String?
  package var updatedAt: Instant
  /// In document order.
  package var incidents: [StatusPageIncident]

  package init(
    pageID: String, pageName: String? = nil, pageURL: String? = nil, updatedAt: Instant,
    incidents: [StatusPageIncident]
  ) {
    self.pageID = pageID
    self.pageName = pageName
    self.pageURL = pageURL
    self.updatedAt = updatedAt
    self.incidents = incidents
  }

  /// Where the rows came from, for the uptime `source` column: the page's URL (else its id),
  /// and the component filter when one was used.
  package func source(components: [String]) -> String {
    let page = "statuspage:" + (pageURL.flatMap { $0.isEmpty ? nil : $0 } ?? pageID)
    return components.isEmpty ? page : page + " components=" + components.joined(separator: ",")
  }
}

package enum IncidentImpact: String, CaseIterable, Sendable {
  case none, minor, major, critical

  /// Downtime weight in tenths: minor 0.1, major 0.5, critical 1.0 (none does not count).
  package var weightTenths: Int64 {
    switch self {
    case .none: return 0
    case .minor: return 1
    case .major: return 5
    case .critical: return 10
    }
  }
}

package struct StatusPageIncident: Hashable, Sendable {
  package var id: String
  package var impact: IncidentImpact
  /// `started_at`, else `created_at`.
  package var start: Instant
  /// `resolved_at`; nil while unresolved (the incident then runs to the page's `updated_at`).
  package var resolvedAt: Instant?
  /// Names and ids of the components the incident touches.
  package var componentNames: [String]
  package var componentIDs: [String]
  /// Where the incident is in the document, for messages: `incidents[3]`.
  package var path: String

  package init(
    id: String, impact: IncidentImpact, start: Instant, resolvedAt: Instant?, componentNames: [String] = [],
    componentIDs: [String] = [], path: String = ""
  ) {
    self.id = id
    self.impact = impact
    self.start = start
    self.resolvedAt = resolvedAt
    self.componentNames = componentNames
    self.componentIDs = componentIDs
    self.path = path
  }

  func touches(anyOf components: Set<String>) -> Bool {
    componentNames.contains(where: components.contains) || componentIDs.contains(where: components.contains)
  }
}

/// One UTC calendar month derived from a status page.
package struct StatusPageMonth: Hashable, Sendable {
  package var month: Month
  /// 100 × (1 − weighted downtime minutes / minutes in the month), rounded to 9 decimals.
  package var uptimePct: Double
  /// Incidents of impact minor or above that start in the month.
  package var incidents: Int
  /// Mean duration in hours of those incidents (9 decimals); nil when there are none.
  package var mttrHours: Double?

  package init(month: Month, uptimePct: Double, incidents: Int, mttrHours: Double?) {
    self.month = month
    self.uptimePct = uptimePct
    self.incidents = incidents
    self.mttrHours = mttrHours
  }
}

// MARK: Reading

/// Limits of the status-page reader: a real `incidents.json` is a few hundred KiB with at most a
/// few hundred incidents.
package enum StatusPageLimits {
  package static let maxIncidents = 100_000
  package static let maxComponentsPerIncident = 1_000
}

/// Reads a Statuspage v2 incidents document from `reader`, keeping only what uptime needs
/// (incident updates and other fields are skipped without being held in memory).
package func readStatusPage(_ reader: inout JSONStreamReader) throws -> StatusPageDocument {
  let file = reader.file
  var pageID: String?
  var pageName: String?
  var pageURL: String?
  var updatedAtText: String?
  var sawPage = false
  var sawIncidents = false
  var incidents: [StatusPageIncident] = []
  try reader.readObject(at: "the document") { reader, key in
    switch key {
    case "page":
      sawPage = true
      try reader.readObject(at: "page") { reader, key in
        switch key {
        case "id": pageID = try reader.readOptionalString(at: "page.id")
        case "name": pageName = try reader.readOptionalString(at: "page.name")
        case "url": pageURL = try reader.readOptionalString(at: "page.url")
        case "updated_at": updatedAtText = try reader.readOptionalString(at: "page.updated_at")
        default: try reader.skipValue()
        }
      }
    case "incidents":
      sawIncidents = true
      try reader.readArray(at: "incidents") { reader, index in
        guard index < StatusPageLimits.maxIncidents else {
          throw EvidenceError.tooManyItems(file: file, what: "incidents", limit: StatusPageLimits.maxIncidents)
        }
        incidents.append(try readIncident(&reader, path: "incidents[\(index)]"))
      }
    default:
      try reader.skipValue()
    }
  }
  try reader.finish()
  guard sawPage else { throw EvidenceError.missingField(file: file, path: "page") }
  guard sawIncidents else { throw EvidenceError.missingField(file: file, path: "incidents") }
  guard let pageID else { throw EvidenceError.missingField(file: file, path: "page.id") }
  guard let updatedAtText else { throw EvidenceError.missingField(file: file, path: "page.updated_at") }
  guard let updatedAt = Instant(iso8601: updatedAtText) else {
    throw EvidenceError.badTimestamp(file: file, path: "page.updated_at", value: updatedAtText)
  }
  return StatusPageDocument(
    pageID: pageID, pageName: pageName, pageURL: pageURL, updatedAt: updatedAt, incidents: incidents)
}

private func readIncident(_ reader: inout JSONStreamReader, path: String) throws -> StatusPageIncident {
  let file = reader.file
  var id: String?
  var impactText: String?
  var createdAt: String?
  var startedAt: String?
  var resolvedAt: String?
  var names: [String] = []
  var ids: [String] = []
  try reader.readObject(at: path) { reader, key in
    switch key {
    case "id": id = try reader.readOptionalString(at: path + ".id")
    case "impact": impactText = try reader.readOptionalString(at: path + ".impact")
    case "created_at": createdAt = try reader.readOptionalString(at: path + ".created_at")
    case "started_at": startedAt = try reader.readOptionalString(at: path + ".started_at")
    case "resolved_at": resolvedAt = try reader.readOptionalString(at: path + ".resolved_at")
    case "components":
      try reader.readArray(at: path + ".components") { reader, index in
        guard index < StatusPageLimits.maxComponentsPerIncident else {
          throw EvidenceError.tooManyItems(
            file: file, what: "components in \(path)", limit: StatusPageLimits.maxComponentsPerIncident)
        }
        let componentPath = path + ".components[\(index)]"
        try reader.readObject(at: componentPath) { reader, key in
          switch key {
          case "name":
            if let name = try reader.readOptionalString(at: componentPath + ".name") { names.append(name) }
          case "id":
            if let id = try reader.readOptionalString(at: componentPath + ".id") { ids.append(id) }
          default: try reader.skipValue()
          }
        }
      }
    default: try reader.skipValue()
    }
  }
  guard let id else { throw EvidenceError.missingField(file: file, path: path + ".id") }
  let labelled = "\(path) ('\(truncatedValue(id))')"
  guard let impactText else { throw EvidenceError.missingField(file: file, path: labelled + ".impact") }
  guard let impact = IncidentImpact(rawValue: impactText) else {
    throw EvidenceError.unknownImpact(file: file, path: labelled + ".impact", value: impactText)
  }
  func instant(_ text: String?, _ field: String) throws -> Instant? {
    guard let text else { return nil }
    guard let value = Instant(iso8601: text) else {
      throw EvidenceError.badTimestamp(file: file, path: labelled + "." + field, value: text)
    }
    return value
  }
  let created = try instant(createdAt, "created_at")
  let started = try instant(startedAt, "started_at")
  guard let start = started ?? created else {
    throw EvidenceError.missingField(file: file, path: labelled + ".started_at")
  }
  let resolved = try instant(resolvedAt, "resolved_at")
  if let resolved, resolved < start {
    throw EvidenceError.negativeDuration(
      file: file, path: labelled, start: start.description, end: resolved.description)
  }
  return StatusPageIncident(
    id: id, impact: impact, start: start, resolvedAt: resolved, componentNames: names, componentIDs: ids,
    path: labelled)
}

// MARK: Deriving months

/// The uptime months a status page shows (issue 13): over incidents of impact minor or above
/// (only those touching `components` when given), each from its start to `resolved_at`, else the
/// page's `updated_at`. Downtime at each instant is the highest weight of the incidents open then
/// (critical 1.0, major 0.5, minor 0.1), split at UTC month boundaries; `incidents` and
/// `mttrHours` cover the incidents that start in the month. The months run from the month of the
/// earliest counted start to the month of `updated_at`; none when no incident counts.
package func deriveUptimeMonths(
  _ document: StatusPageDocument, components: [String] = [], file: String = "the document"
) throws -> [StatusPageMonth] {
  let filter = Set(components)
  var counted: [(start: Instant, end: Instant, weight: Int64)] = []
  for incident in document.incidents {
    let end = incident.resolvedAt ?? document.updatedAt
    if incident.start > document.updatedAt {
      throw EvidenceError.startsAfterUpdate(
        file: file, path: incident.path, start: incident.start.description,
        updatedAt: document.updatedAt.description)
    }
    if end < incident.start {
      throw EvidenceError.negativeDuration(
        file: file, path: incident.path, start: incident.start.description, end: end.description)
    }
    guard incident.impact != .none, filter.isEmpty || incident.touches(anyOf: filter) else { continue }
    counted.append((incident.start, end, incident.impact.weightTenths))
  }
  guard let earliest = counted.map(\.start).min() else { return [] }
  let first = earliest.month
  let last = document.updatedAt.month
  let monthCount = last - first + 1
  let spanEnd = Instant(startOf: last + 1)

  // Weighted downtime per month in tenths × milliseconds: exact integers, no double counting.
  var weighted = [Int64](repeating: 0, count: monthCount)
  var events: [(time: Int64, weight: Int64, delta: Int)] = []
  events.reserveCapacity(counted.count * 2)
  for incident in counted {
    let end = min(incident.end, spanEnd)
    guard end > incident.start else { continue }
    events.append((incident.start.millisecondsSinceEpoch, incident.weight, 1))
    events.append((end.millisecondsSinceEpoch, incident.weight, -1))
  }
  events.sort { $0.time < $1.time }
  var open: [Int64: Int] = [1: 0, 5: 0, 10: 0]
  var previous = events.first?.time ?? 0
  var index = 0
  while index < events.count {
    let time = events[index].time
    let weight = open.filter { $0.value > 0 }.keys.max() ?? 0
    if weight > 0, time > previous {
      addDowntime(from: previous, to: time, weight: weight, first: first, into: &weighted)
    }
    while index < events.count, events[index].time == time {
      open[events[index].weight, default: 0] += events[index].delta
      index += 1
    }
    previous = time
  }

  var months: [StatusPageMonth] = []
  months.reserveCapacity(monthCount)
  for offset in 0..<monthCount {
    let month = first + offset
    let monthStart = Instant(startOf: month).millisecondsSinceEpoch
    let monthLength = Instant(startOf: month + 1).millisecondsSinceEpoch - monthStart
    let uptime = roundedTo9(max(0, 100 - 10 * Double(weighted[offset]) / Double(monthLength)))
    var starting = 0
    var durationSum: Int64 = 0
    for incident in counted where incident.start.month == month {
      starting += 1
      durationSum += incident.end.millisecondsSinceEpoch - incident.start.millisecondsSinceEpoch
    }
    let mttr = starting == 0 ? nil : roundedTo9(Double(durationSum) / Double(starting) / 3_600_000)
    months.append(StatusPageMonth(month: month, uptimePct: uptime, incidents: starting, mttrHours: mttr))
  }
  return months
}

/// Adds `weight` × the time in [start, end) to each month it falls in.
private func addDowntime(from start: Int64, to end: Int64, weight: Int64, first: Month, into weighted: inout [Int64]) {
  var cursor = start
  while cursor < end {
    let month = Instant(millisecondsSinceEpoch: cursor).month
    let boundary = Instant(startOf: month + 1).millisecondsSinceEpoch
    let segmentEnd = min(end, boundary)
    let offset = month - first
    if offset >= 0, offset < weighted.count { weighted[offset] += weight * (segmentEnd - cursor) }
    cursor = segmentEnd
  }
}
