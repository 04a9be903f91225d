import Domain

/// What `history` prints: the stored runs and, for one provider, how its tier, score, grade and
/// DSCR12 moved from run to run (§5).
package struct HistoryReport: Sendable {
  /// One completed `recompute`.
  package struct Run: Hashable, Sendable {
    package var runID: Int64
    package var startedAt: String
    package var finishedAt: String
    package var asOf: String
    package var rubricVersion: String
    package var inputFingerprint: String
    /// Whether the run printed change lines (tier, grade, flags, new or gone providers).
    package var changed: Bool

    package init(
      runID: Int64, startedAt: String, finishedAt: String, asOf: String, rubricVersion: String,
      inputFingerprint: String, changed: Bool
    ) {
      self.runID = runID
      self.startedAt = startedAt
      self.finishedAt = finishedAt
      self.asOf = asOf
      self.rubricVersion = rubricVersion
      self.inputFingerprint = inputFingerprint
      self.changed = changed
    }
  }

  /// One provider in one run.
  package struct Point: Hashable, Sendable {
    package var runID: Int64
    package var asOf: String
    package var tier: String
    package var score: Double?
    package var grade: String
    package var dscr12m: Double?

    package init(runID: Int64, asOf: String, tier: String, score: Double?, grade: String, dscr12m: Double?) {
      self.runID = runID
      self.asOf = asOf
      self.tier = tier
      self.score = score
      self.grade = grade
      self.dscr12m = dscr12m
    }
  }

  package struct ProviderHistory: Hashable, Sendable {
    package var providerID: String
    /// Oldest run first; empty when the provider is in the database but in no run yet.
    package var points: [Point]

    package init(providerID: String, points: [Point]) {
      self.providerID = providerID
      self.points = points
    }
  }

  /// Oldest first.
  package var runs: [Run]
  package var provider: ProviderHistory?

  package init(runs: [Run], provider: ProviderHistory?) {
    self.runs = runs
    self.provider = provider
  }

  /// `width`: the terminal's width for `table` (nil: never truncated).
  package func render(_ format: OutputFormat, width: TerminalWidth? = nil) -> String {
    format == .json ? json.render() : table.render(format, width: width)
  }

  /// Without a provider, the runs; with one, the provider's points (the runs are in JSON).
  package var table: Table {
    if let provider { return pointsTable(provider) }
    let columns = [
      Column("Run", kind: .number, key: "run_id"), Column("Started", key: "started_at"),
      Column("Finished", key: "finished_at"), Column("As of", key: "as_of"),
      Column("Rubric", key: "rubric_version"), Column("Fingerprint", key: "input_fingerprint"),
      Column("Changed"),
    ]
    let rows = runs.map { run -> [Cell] in
      [
        .integer(Int(run.runID)), .text(run.startedAt), .text(run.finishedAt), .text(run.asOf),
        .text(run.rubricVersion), .text(run.inputFingerprint), .text(run.changed ? "yes" : "no"),
      ]
    }
    let title = runs.isEmpty ? "No runs yet: run `neocloud recompute`." : "\(count(runs.count, "run"))"
    return Table(titleLines: [title], columns: columns, rows: rows)
  }

  private func pointsTable(_ provider: ProviderHistory) -> Table {
    let columns = [
      Column("Run", kind: .number, key: "run_id"), Column("As of", key: "as_of"), Column("Tier"),
      Column("Score", kind: .number), Column("Grade"), Column("DSCR 12m", kind: .number, key: "dscr_12m"),
    ]
    let rows = provider.points.map { point -> [Cell] in
      [
        .integer(Int(point.runID)), .text(point.asOf), .text(point.tier), .oneDecimal(point.score),
        .text(point.grade), .number(point.dscr12m, decimals: 2),
      ]
    }
    let title =
      provider.points.isEmpty
      ? "\(provider.providerID) is in no run yet: run `neocloud recompute`."
      : "\(provider.providerID) in \(count(provider.points.count, "run"))"
    return Table(titleLines: [title], columns: columns, rows: rows)
  }

  /// `{"runs": [...], "provider": null | {"provider_id", "points": [...]}}` exactly as §5.
  package var json: JSONValue {
    .object([
      "runs": .array(
        runs.map { run in
          .object([
            "run_id": .integer(run.runID),
            "started_at": .string(run.startedAt),
            "finished_at": .string(run.finishedAt),
            "as_of": .string(run.asOf),
            "rubric_version": .string(run.rubricVersion),
            "input_fingerprint": .string(run.inputFingerprint),
            "changed": .bool(run.changed),
          ])
        }),
      "provider": provider.map { provider in
        .object([
          "provider_id": .string(provider.providerID),
          "points": .array(
            provider.points.map { point in
              .object([
                "run_id": .integer(point.runID),
                "as_of": .string(point.asOf),
                "tier": .string(point.tier),
                "score": .metric(point.score),
                "grade": .string(point.grade),
                "dscr_12m": .metric(point.dscr12m),
              ])
            }),
        ])
      } ?? .null,
    ])
  }
}

private func count(_ number: Int, _ noun: String) -> String {
  "\(number) \(noun)\(number == 1 ? "" : "s")"
}
