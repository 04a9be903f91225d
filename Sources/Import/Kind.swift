import Domain

/// The nine CSV kinds of DESIGN §2: the input tables, whose columns `TableKind` lists once.
package typealias Kind = TableKind

extension TableKind {
  /// The column whose values `--replace` scopes deletions by (nil: the whole table).
  var replaceScopeColumn: String? {
    switch self {
    case .rubric: return nil
    case .marketPrices: return "gpu_model"
    default: return "provider_id"
    }
  }

  /// Singular and plural nouns for the summary line.
  var nouns: (one: String, many: String) {
    switch self {
    case .rubric: return ("rubric criterion", "rubric criteria")
    case .providers: return ("provider", "providers")
    case .facilities: return ("facility", "facilities")
    case .marketPrices: return ("market price", "market prices")
    case .fleets: return ("fleet", "fleets")
    case .loans: return ("loan", "loans")
    case .contracts: return ("contract", "contracts")
    case .uptime: return ("uptime month", "uptime months")
    case .assessments: return ("assessment", "assessments")
    }
  }

  /// Every CHECK constraint of the kind's table is a field check the loader makes itself before
  /// binding (the bounds of `columns`), so SQLite need not evaluate them again per row during the
  /// load (about 8 % of the import's CPU time on 1,000,000 fleets). A test pins the table's
  /// CHECK clauses: a migration that changes them must be checked against the loader first.
  var loaderEnforcesChecks: Bool { self == .fleets }

  func count(_ n: Int) -> String { "\(formatCount(n)) \(n == 1 ? nouns.one : nouns.many)" }
}

/// The result of matching a header against the kinds.
enum HeaderMatch: Equatable {
  /// `map[i]` = index in `kind.columns` of CSV field i.
  case matched(Kind, map: [Int])
  case duplicate(column: String)
  case noKind(closest: Kind, missing: [String], unknown: [String])
  case doesNotFit(Kind, missing: [String], unknown: [String])
}

enum HeaderMatcher {
  static func match(_ names: [String], forced: Kind?) -> HeaderMatch {
    var seen = Set<String>()
    for name in names {
      if !seen.insert(name).inserted { return .duplicate(column: name) }
    }
    func fit(_ kind: Kind) -> (missing: [String], unknown: [String]) {
      let all = kind.columns
      let missing = all.filter { $0.required && !seen.contains($0.name) }.map(\.name)
      let known = Set(all.map(\.name))
      let unknown = names.filter { !known.contains($0) }
      return (missing, unknown)
    }
    func mapping(_ kind: Kind) -> [Int] {
      let all = kind.columns
      return names.map { name in all.firstIndex { $0.name == name } ?? -1 }
    }
    if let forced {
      let (missing, unknown) = fit(forced)
      if missing.isEmpty && unknown.isEmpty { return .matched(forced, map: mapping(forced)) }
      return .doesNotFit(forced, missing: missing, unknown: unknown)
    }
    var best: (kind: Kind, present: Int, unknown: Int)?
    for kind in Kind.allCases {
      let (missing, unknown) = fit(kind)
      // The required column sets are such that at most one kind fits a header.
      if missing.isEmpty && unknown.isEmpty { return .matched(kind, map: mapping(kind)) }
      let present = kind.columns.filter { $0.required && seen.contains($0.name) }.count
      if let current = best {
        if present > current.present
          || (present == current.present && unknown.count < current.unknown)
        {
          best = (kind, present, unknown.count)
        }
      } else {
        best = (kind, present, unknown.count)
      }
    }
    let closest = best?.kind ?? .providers
    let (missing, unknown) = fit(closest)
    return .noKind(closest: closest, missing: missing, unknown: unknown)
  }
}
