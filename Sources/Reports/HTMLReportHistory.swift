import Domain

/// Tier and grade of each provider over the last stored `recompute` runs, for the movement
/// section of the HTML report. Built by the Engine from `runs` and `snapshots`; Reports does
/// not read the database.
package struct RunHistory: Hashable, Sendable {
  package struct Run: Hashable, Sendable {
    package var runID: Int64
    /// The run's as-of date, `YYYY-MM-DD`.
    package var asOf: String
    /// When the run finished, as stored.
    package var finishedAt: String

    package init(runID: Int64, asOf: String, finishedAt: String) {
      self.runID = runID
      self.asOf = asOf
      self.finishedAt = finishedAt
    }
  }

  /// One provider's outcome in one run.
  package struct Point: Hashable, Sendable {
    package var tier: String
    package var grade: String
    package var score: Double?
    package var dscr12m: Double?

    package init(tier: String, grade: String, score: Double?, dscr12m: Double?) {
      self.tier = tier
      self.grade = grade
      self.score = score
      self.dscr12m = dscr12m
    }
  }

  /// A provider's points, one per run in `runs` order; nil where the provider was not in a run.
  package struct Line: Hashable, Sendable {
    package var providerID: String
    package var name: String
    package var points: [Point?]

    package init(providerID: String, name: String, points: [Point?]) {
      self.providerID = providerID
      self.name = name
      self.points = points
    }
  }

  /// Oldest first.
  package var runs: [Run]
  /// Providers that appear in any of the runs, in no particular order (the report orders them).
  package var lines: [Line]

  package init(runs: [Run], lines: [Line]) {
    self.runs = runs
    self.lines = lines
  }

  /// No runs at all.
  package static let empty = RunHistory(runs: [], lines: [])

  /// Builds the lines from each run's snapshots, given as (provider_id, name, point) triples.
  package init(runs: [(run: Run, points: [(providerID: String, name: String, point: Point)])]) {
    var names: [String: String] = [:]
    var byProvider: [String: [Point?]] = [:]
    for (index, entry) in runs.enumerated() {
      for snapshot in entry.points {
        names[snapshot.providerID] = snapshot.name
        var points = byProvider[snapshot.providerID] ?? Array(repeating: nil, count: runs.count)
        points[index] = snapshot.point
        byProvider[snapshot.providerID] = points
      }
    }
    self.runs = runs.map(\.run)
    self.lines = byProvider.keys.sorted(by: byteOrderLess).map { id in
      Line(providerID: id, name: names[id] ?? id, points: byProvider[id] ?? [])
    }
  }
}
