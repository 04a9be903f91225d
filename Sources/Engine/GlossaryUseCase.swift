import Reports

/// `neocloud glossary [TERM]`: every term the reports use, or the one named.
public enum GlossaryUseCase {
  public static func run(term: String?) throws -> GlossaryReport {
    guard let term else { return GlossaryReport() }
    guard let entry = Glossary.entry(named: term) else {
      let hint = Glossary.suggestion(for: term).map { " (did you mean '\($0)'?)" } ?? ""
      throw EngineError.usage(
        "'\(term)' is not in the glossary\(hint): run `neocloud glossary` to list every term.")
    }
    return GlossaryReport(entries: [entry])
  }
}
