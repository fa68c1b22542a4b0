import TemoinForms

/// The report's style sheet, inline: system fonts only, dark on white, one section per printed page.
enum HTMLReportStyle {
    /// A whole self-contained document: the head with `title` and this style sheet, then `body`
    /// (already HTML), then the footer. The report and the exhibit share it.
    static func document(title: String, language: Language, bodyClass: String? = nil, body: String) -> String {
        let page = page(title: title, language: language, bodyClass: bodyClass)
        return page.head + body + page.tail
    }

    /// What comes before and after the body of `document`, for a document written out piece by piece.
    static func page(title: String, language: Language, bodyClass: String? = nil) -> (head: String, tail: String) {
        let head = """
            <!DOCTYPE html>
            <html lang="\(language.rawValue)">
            <head>
            <meta charset="utf-8">
            <meta http-equiv="Content-Security-Policy" content="\(contentSecurityPolicy)">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(title.htmlEscaped)</title>
            <style>
            \(css)
            </style>
            </head>
            <body\(bodyClass.map { " class=\"\($0)\"" } ?? "")>

            """
        let tail = """

            <footer><p>\(HTMLReportText.footer.text(language).htmlEscaped)</p></footer>
            </body>
            </html>

            """
        return (head, tail)
    }

    /// What the page may load and run: nothing but its own `<style>` (no script, no image, font or frame, no form target,
    /// no base address). Answers are escaped already; should markup ever get through, the browser still runs and fetches
    /// nothing. (`frame-ancestors` and `sandbox` are not honoured from a `<meta>`, and would only log a warning.)
    static let contentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'"

    static let css = """
    :root { color-scheme: light; }
    * { box-sizing: border-box; }
    body { margin: 0 auto; max-width: 62rem; padding: 2rem 1.5rem 3rem; background: #fff; color: #1a1a1a;
      font: 15px/1.5 system-ui, -apple-system, "Segoe UI", "DejaVu Sans", "Liberation Sans", Arial, sans-serif; }
    h1 { font-size: 1.9rem; line-height: 1.2; margin: .2rem 0 .6rem; }
    h2 { font-size: 1.4rem; margin: 0 0 .8rem; padding-bottom: .3rem; border-bottom: 2px solid #1a1a1a; }
    h3 { font-size: 1.1rem; margin: 1.4rem 0 .5rem; }
    h4 { font-size: .95rem; margin: 1rem 0 .3rem; color: #444; text-transform: uppercase; letter-spacing: .04em; }
    section { margin-top: 2.5rem; }
    .kicker { margin: 0; color: #555; font-size: .85rem; letter-spacing: .05em; text-transform: uppercase; }
    .meta { margin: 0; color: #444; }
    .confidential { border-left: 4px solid #1a1a1a; padding: .4rem .8rem; background: #f3f3f3; }
    .warning { border-left: 4px solid #8a5a00; padding: .4rem .8rem; background: #fbf4e6; }
    .figures { display: flex; flex-wrap: wrap; gap: 1rem; margin: 0 0 1rem; padding: 0; list-style: none; }
    .figures li { flex: 1 1 10rem; border: 1px solid #ccc; border-radius: 6px; padding: .6rem .9rem; }
    .figures strong { display: block; font-size: 2rem; line-height: 1.1; }
    nav ol { margin: .3rem 0; padding-left: 1.4rem; }
    a { color: #1d4380; }
    table { border-collapse: collapse; width: 100%; margin: .4rem 0 1rem; font-size: .9rem; }
    th, td { text-align: left; vertical-align: top; padding: .3rem .5rem; border-bottom: 1px solid #d4d4d4; }
    th { border-bottom: 2px solid #1a1a1a; }
    td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
    tr.special td, tr.special th { color: #555; font-style: italic; }
    td .pct { display: block; color: #555; font-size: .8em; }
    tr.total td, tr.total th { border-top: 2px solid #1a1a1a; }
    figure.crosstab { margin: 0 0 2rem; overflow-x: auto; }
    figcaption p { margin: .2rem 0; }
    code { font-family: "DejaVu Sans Mono", "Liberation Mono", monospace; font-size: .85em; white-space: nowrap; }
    figure.chart-block { margin: 0 0 2rem; break-inside: avoid; page-break-inside: avoid; }
    figure.chart-block h3 { margin-top: .5rem; }
    figcaption { color: #555; font-size: .85rem; }
    svg.chart { display: block; width: 100%; max-width: 640px; height: auto; font-size: 14px;
      font-family: system-ui, "DejaVu Sans", "Liberation Sans", Arial, sans-serif; }
    svg .label { fill: #1a1a1a; }
    svg .count { fill: #1a1a1a; font-weight: bold; }
    svg .bar { fill: #2f5d9e; }
    svg .bar.muted { fill: #a9a9a9; }
    svg .axis { stroke: #1a1a1a; stroke-width: 1; }
    .chart-grid { display: grid; grid-template-columns: minmax(0, 3fr) minmax(0, 2fr); gap: 1.5rem; align-items: start; }
    article.testimony { border-top: 1px solid #bbb; margin-top: 1.5rem; }
    article.testimony h3 { break-after: avoid; page-break-after: avoid; }
    dl.ids { display: grid; grid-template-columns: minmax(0, 2fr) minmax(0, 5fr); gap: .1rem 1rem; margin: .3rem 0 .8rem;
      padding: .5rem .8rem; border: 1px solid #ccc; border-radius: 6px; font-size: .85rem; }
    dl.ids dt { color: #444; }
    dl.ids dd { margin: 0; overflow-wrap: anywhere; }
    dl.ids code, code.hash { white-space: normal; overflow-wrap: anywhere; }
    p.ids { color: #444; font-size: .8rem; margin: 0 0 .5rem; overflow-wrap: anywhere; }
    p.ids code { white-space: normal; }
    ol.checks li { margin: .3rem 0; }
    pre.recipe { white-space: pre-wrap; overflow-wrap: anywhere; background: #f3f3f3; padding: .6rem .8rem; font-size: .8rem; }
    ul.reasons { margin: 0 0 1.5rem; padding-left: 1.2rem; font-size: .9rem; }
    figure.corroboration { margin: 0 0 1.5rem; break-inside: avoid; page-break-inside: avoid; }
    dl.answers { display: grid; grid-template-columns: minmax(0, 2fr) minmax(0, 3fr); gap: .25rem 1rem; margin: 0; }
    dl.answers dt { color: #444; }
    dl.answers dd { margin: 0; }
    .long { white-space: pre-wrap; overflow-wrap: anywhere; }
    dd.long { grid-column: 1 / -1; border-left: 3px solid #ccc; padding: .2rem 0 .4rem .8rem; margin-bottom: .4rem; }
    footer { margin-top: 3rem; color: #555; font-size: .8rem; }
    @media (max-width: 760px) { .chart-grid, dl.answers { grid-template-columns: 1fr; } }
    @page { margin: 16mm 14mm; }
    @media print {
      body { max-width: none; padding: 0; font-size: 11pt; color: #000; }
      a { color: #000; text-decoration: none; }
      section { break-before: page; page-break-before: always; margin-top: 0; }
      #summary { break-before: auto; page-break-before: auto; margin-top: 1.5rem; }
      .chart-grid { grid-template-columns: 1fr; gap: .3rem; }
      svg .bar { fill: #555; }
      svg .bar.muted { fill: #bbb; }
      .confidential, .warning { background: none; }
      nav { display: none; }
      article.testimony { break-before: page; page-break-before: always; border-top: none; margin-top: 0; }
      body.exhibit section { break-before: auto; page-break-before: auto; margin-top: 1.2rem; }
      thead { display: table-header-group; }
      tr { break-inside: avoid; page-break-inside: avoid; }
    }
    """
}
