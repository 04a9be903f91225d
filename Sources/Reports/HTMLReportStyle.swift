import Domain

/// The HTML report's own CSS, added to `HTMLDocument`'s shared sheet: header, badges, flag
/// chips, small multiples, and print rules (A4 landscape, colours kept on paper).
let htmlReportStyleSheet = """
  main { max-width: 1240px; }
  h1 { font-size: 22px; letter-spacing: -0.01em; }
  code { font: 12px ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; background: var(--band); padding: 0 3px; border-radius: 3px; }
  .stressed { margin: 10px 0 14px; padding: 10px 14px; border: 2px solid var(--bad); border-left-width: 8px; background: #fff6f4; color: var(--bad); font-weight: 700; }
  dl.meta { display: flex; flex-wrap: wrap; gap: 8px 36px; margin: 12px 0 6px; padding: 10px 14px; background: var(--band); border: 1px solid var(--rule); border-radius: 4px; }
  dl.meta dt { color: var(--muted); font-size: 11px; text-transform: uppercase; letter-spacing: 0.05em; }
  dl.meta dd { margin: 0; font-weight: 600; }
  .assumptions { color: var(--muted); font-size: 13px; }
  .label { color: var(--muted); font-size: 11px; text-transform: uppercase; letter-spacing: 0.05em; margin-right: 6px; }
  .counts { display: flex; flex-wrap: wrap; gap: 8px 40px; margin: 8px 0; }
  .count { font-weight: 700; margin-right: 10px; }
  ul.watch { margin: 4px 0 0; padding-left: 0; list-style: none; }
  ul.watch li { padding: 4px 0; border-bottom: 1px solid var(--rule); }
  .id { color: var(--muted); font-size: 12px; }
  td.provider { min-width: 185px; }
  td.provider .id { display: inline-block; }
  .strong { font-weight: 700; }
  .warn { color: #8a5a00; }
  .muted { color: var(--muted); }
  .sub { color: var(--muted); font-size: 11px; font-weight: 400; }
  .badge { display: inline-block; padding: 0 7px; border-radius: 9px; border: 1px solid transparent; font-size: 11.5px; font-weight: 600; line-height: 18px; white-space: nowrap; }
  .grade-critical { background: #B84F00; border-color: #B84F00; color: #fff; }
  .grade-high { background: #E69F00; border-color: #E69F00; color: #1d2330; }
  .grade-elevated { background: #e3f2fb; border-color: #56B4E9; color: #0b4f7a; }
  .grade-low { background: #fff; border-color: #c3c9d4; color: #5b6475; }
  .tier-platinum { background: #2f3a4d; border-color: #2f3a4d; color: #fff; }
  .tier-gold { background: #f7e7bd; border-color: #d9ad3c; color: #5c4100; }
  .tier-silver { background: #eceff3; border-color: #b4bcc8; color: #33404f; }
  .tier-bronze { background: #f4e1d2; border-color: #c99367; color: #66350f; }
  .tier-underperforming { background: #fff; border-color: #e0a196; color: #b42318; }
  .tier-unrated, .grade-unknown, .tier-unknown { background: #fff; border: 1px dashed #9aa3b2; color: #5b6475; }
  .flag { display: inline-block; margin: 1px 0; padding: 0 4px; border: 1px solid var(--rule); border-radius: 3px; background: #fafbfc; font-size: 11px; color: var(--muted); white-space: nowrap; }
  .flag.serious { border-color: #e0a196; color: var(--bad); background: #fff6f4; }
  table { font-size: 13px; }
  th, td { padding: 4px 6px; }
  table.tiers thead th { white-space: normal; vertical-align: bottom; }
  table.tiers th, table.tiers td { padding: 4px 5px; }
  table.risk td, table.tiers td, table.movement td { vertical-align: middle; }
  table.tiers tr.tier-start td { border-top: 2px solid #9aa3b2; }
  td.flags { max-width: 330px; line-height: 1.9; }
  table.movement td.state { white-space: nowrap; }
  table.movement td.moved { box-shadow: inset 4px 0 0 #0072B2; }
  table.movement .now { border-left: 2px solid var(--ink); }
  table.movement .summary { font-size: 12px; }
  .legend { color: var(--muted); font-size: 12px; margin: 4px 0 0; }
  .swatch { display: inline-block; width: 12px; height: 10px; margin: 0 4px 0 10px; vertical-align: baseline; }
  .swatch-critical { background: \(gradeColor(.critical)); }
  .swatch-high { background: \(gradeColor(.high)); }
  .swatch-elevated { background: \(gradeColor(.elevated)); }
  .swatch-low { background: \(gradeColor(.low)); }
  .multiples { display: grid; grid-template-columns: repeat(auto-fill, minmax(340px, 1fr)); gap: 8px 20px; }
  .multiples figure { margin: 0; padding: 6px 0; border-top: 1px solid var(--rule); }
  .multiples figcaption { font-size: 12px; margin-top: -4px; }
  section.notes ul { color: var(--muted); padding-left: 18px; }
  td.provider a, ul.watch a, td.provider a:visited, ul.watch a:visited { color: #0b4f7a; }
  td.flags .why { display: inline-block; margin-bottom: 2px; font-size: 12px; line-height: 1.4; }
  table.portfolio { width: auto; }
  details.provider-detail { border-bottom: 1px solid var(--rule); }
  details.provider-detail > summary { padding: 5px 2px; cursor: pointer; }
  details.provider-detail:target > summary { background: #fff3c4; }
  .detail-body { padding: 2px 0 10px 14px; }
  .detail-body p.why { margin: 4px 0 8px; }
  .detail-charts { display: flex; flex-wrap: wrap; gap: 8px 20px; }
  .detail-charts figure { margin: 4px 0; max-width: 340px; }
  .detail-body h4 { margin: 10px 0 2px; }
  .detail-body table { font-size: 12.5px; }
  .detail-body td, .detail-body th { white-space: nowrap; }
  details.loan-schedule > summary { margin: 8px 0 2px; cursor: pointer; font-weight: 600; }
  table.detail-schedule td { text-align: right; font-variant-numeric: tabular-nums; }
  table.detail-schedule tbody th { text-align: left; font-weight: 400; vertical-align: top; }
  table.detail-schedule tbody th[rowspan] { font-weight: 600; }
  .chart-narrow { display: none; }
  @media (max-width: 600px) {
    .chart-wide { display: none; }
    .chart-narrow { display: block; }
    .multiples { grid-template-columns: 1fr; }
    dl.meta { gap: 6px 20px; }
    .counts { gap: 6px 16px; }
    td.provider { min-width: 140px; }
    /* Wide tables keep their columns and scroll in their box rather than squeeze into tall rows. */
    .scroll > table.risk { min-width: 860px; }
    .scroll > table.tiers, .scroll > table.movement { min-width: 640px; }
    dl.glossary div { grid-template-columns: 1fr; }
    .detail-body { padding-left: 0; }
    .scroll > table.detail-loans { min-width: 620px; }
    .scroll > table.detail-contracts { min-width: 520px; }
    .scroll > table.detail-schedule { min-width: 560px; }
  }
  dl.glossary { margin: 4px 0 12px; }
  dl.glossary div { display: grid; grid-template-columns: minmax(120px, 200px) 1fr; gap: 2px 12px; padding: 3px 0; border-bottom: 1px solid var(--rule); }
  dl.glossary dt { margin: 0; }
  dl.glossary dd { margin: 0; color: var(--ink); }
  @media print {
    @page { size: A4 landscape; margin: 15mm 12mm 14mm; }
    main { max-width: none; }
    .badge, .flag, .stressed, .swatch, dl.meta, table.movement td.moved, table.movement .now { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
    .multiples { grid-template-columns: repeat(3, 1fr); }
    .multiples figure, ul.watch li, tr, figure { break-inside: avoid; }
    section.glance, dl.glossary div { break-inside: avoid; }
    h2, h3, h4, section > p.muted, p.legend { break-after: avoid; }
    /* Long tables flow over pages (the header row repeats). A chart never splits and is never
       taller than a page, so no chart leaves a half-empty page behind a forced break. */
    table { break-inside: auto; }
    .scroll { overflow: visible; }
    .chart-wide { display: block; }
    .chart-narrow { display: none; }
    section.coverage svg { width: 66%; height: auto; }
    section > p { break-inside: avoid; }
    /* The per-provider detail is for the screen: on paper, `neocloud show PROVIDER`. */
    section.details { display: none; }
    td.provider a { color: inherit; text-decoration: none; }
  }
  """
