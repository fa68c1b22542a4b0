import Foundation
import TemoinForms

/// The report for lawyers and journalists: one self-contained HTML5 file with the figures, a bar
/// chart and a table per series, the list of testimonies and each testimony in full.
///
/// Inline CSS and SVG only: no script, no outside resource, so it opens offline and prints one
/// section per page. Every string that comes from a testimony, a bundle or a key is HTML-escaped, and `printed` first
/// where whoever sealed or signed it chose it (answers, labels made of answers, desk names, receipts, file names).
/// Fields with the `private` or `contact` role (witnesses' contact details, volunteers' notes) are left out.
public struct HTMLReport: Sendable {
    /// The decrypted testimonies (withdrawn ones already left out by the caller).
    public var records: [DecryptedRecord]
    /// The questionnaire giving labels and sections.
    public var form: Questionnaire
    /// The language of the report.
    public var language: Language
    /// Which testimonies to include.
    public var filter: Filter
    /// When the report was made, shown in its header.
    public var generatedAt: Date
    /// What the decryption could not read, summarised in the report; nil when unknown.
    public var decryption: DecryptReport?
    /// The crosstabs to show after the charts: rows by columns.
    public var crosstabs: [(rows: Breakdown, columns: Breakdown)]
    /// The zone the times are shown in.
    public var zone: LocalTimeZone
    /// The team's case work, for a filter on statuses or tags.
    public var cases: CaseBook?

    /// Creates a report.
    public init(records: [DecryptedRecord], form: Questionnaire, language: Language = .fr, filter: Filter = Filter(),
                generatedAt: Date = Date(), decryption: DecryptReport? = nil, crosstabs: [(rows: Breakdown, columns: Breakdown)] = [],
                zone: LocalTimeZone = .standard) {
        self.records = records
        self.form = form
        self.language = language
        self.filter = filter
        self.generatedAt = generatedAt
        self.decryption = decryption
        self.crosstabs = crosstabs
        self.zone = zone
    }

    /// The whole HTML document.
    public func render() -> String {
        var html = ""
        render { html += $0 }
        return html
    }

    /// The same document, handed to `write` piece by piece in order: the report of 100,000 testimonies is
    /// hundreds of megabytes, which `temoin team report` writes out as they are made instead of holding them.
    public func render(_ write: (String) throws -> Void) rethrows {
        let selected = chronological(Statistics.selection(of: records, form: form, filter: filter, cases: cases))
        // The buckets of every testimony worked out once on every core, for the charts and the crosstabs.
        var index = CountingIndex(records: selected, form: form, breakdowns: Breakdown.charted(in: form) + crosstabs.flatMap { [$0.rows, $0.columns] })
        let statistics = index.statistics(of: nil)
        let title = form.title.text(language)
        let page = HTMLReportStyle.page(title: title, language: language)
        try write(page.head)
        try write("""
            <header>
            <p class="kicker">\(t(HTMLReportText.kicker))</p>
            <h1>\(title.htmlEscaped)</h1>
            <p class="meta">\(t(HTMLReportText.generated(TestimonyLabels.moment(zone.moment(generatedAt)).text(language), form: form.id, version: form.version)))</p>
            <p class="confidential">\(t(HTMLReportText.confidential))</p>
            </header>

            """)
        for section in [summary(statistics, selected), charts(statistics), crosstabSection(&index)] {
            try write(section + "\n")
        }
        try list(selected, write)
        try corroboration(selected, write)
        try details(selected, write)
        try write(page.tail)
    }

    // MARK: Sections

    private func summary(_ statistics: Statistics, _ selected: [DecryptedRecord]) -> String {
        var html = """
        <section id="summary">
        <h2>\(t(HTMLReportText.summary))</h2>
        <ul class="figures">
        <li><strong>\(statistics.testimonies)</strong> \(t(HTMLReportText.testimonies))</li>
        <li><strong>\(statistics.bundles.count)</strong> \(t(HTMLReportText.bundles))</li>
        <li><strong>\(statistics.desks.count)</strong> \(t(HTMLReportText.desks))</li>
        </ul>\n
        """
        if !filter.isEmpty {
            html += "<p class=\"warning\">\(t(HTMLReportText.filtered(filter.summary(form: form).text(language))))</p>\n"
        }
        if statistics.unverified > 0 {
            html += "<p class=\"warning\">\(t(HTMLReportText.unverified(statistics.unverified)))</p>\n"
        }
        let doubtful = selected.filter { $0.status == .conflict || $0.status == .deskMismatch }.count
        if doubtful > 0 { html += "<p class=\"warning\">\(t(HTMLReportText.conflicts(doubtful)))</p>\n" }
        let notApproved = selected.filter { $0.deskTrust != .approved }.count
        if notApproved > 0 { html += "<p class=\"warning\">\(t(HTMLReportText.notApproved(notApproved)))</p>\n" }
        if let decryption {
            let unread = (decryption.counts[.otherKey] ?? 0) + (decryption.counts[.corrupt] ?? 0)
            if unread > 0 || !decryption.refusedBundles.isEmpty {
                html += "<p class=\"warning\">\(t(HTMLReportText.unread(records: unread, bundles: decryption.refusedBundles.count)))</p>\n"
            }
        }
        html += table(
            headers: [(TestimonyLabels.desk, false), (TestimonyLabels.fingerprint, false), (TestimonyLabels.trust, false), (HTMLReportText.count, true)],
            rows: statistics.desks.map { desk in
                Row(cells: [DecryptedRecord.shortDeskName(desk.name).printed.htmlEscaped, "<code>\(desk.fingerprint.htmlEscaped)</code>", t(TestimonyLabels.trust(desk.trust)),
                            String(desk.testimonies)], special: desk.trust != .approved)
            })
        html += "<nav><h3>\(t(HTMLReportText.contents))</h3><ol>\n"
        html += "<li><a href=\"#charts\">\(t(HTMLReportText.charts))</a></li>\n"
        if !crosstabs.isEmpty { html += "<li><a href=\"#crosstabs\">\(t(HTMLReportText.crosstabs))</a></li>\n" }
        html += "<li><a href=\"#list\">\(t(HTMLReportText.list))</a></li>\n"
        html += "<li><a href=\"#corroboration\">\(t(HTMLReportText.corroboration))</a></li>\n"
        html += "<li><a href=\"#details\">\(t(HTMLReportText.accounts))</a></li>\n"
        return html + "</ol></nav>\n</section>"
    }

    private func charts(_ statistics: Statistics) -> String {
        var html = "<section id=\"charts\">\n<h2>\(t(HTMLReportText.charts))</h2>\n<p>\(t(HTMLReportText.chartsIntro))</p>\n"
        for series in statistics.series {
            let id = "chart-" + series.breakdown.fieldID
            html += "<figure class=\"chart-block\" id=\"\(id.htmlEscaped)\">\n<h3>\(t(series.breakdown.title))</h3>\n<div class=\"chart-grid\">\n"
            html += SVGBarChart(series: series, language: language).render() + "\n"
            html += table(
                headers: [(HTMLReportText.answer, false), (HTMLReportText.count, true), (HTMLReportText.share, true)],
                rows: series.buckets.map { bucket in
                    Row(cells: [shown(bucket.label), String(bucket.count), series.percent(bucket).map { t(HTMLReportText.percent($0)) } ?? "—"],
                        special: !bucket.isValue)
                })
            html += "</div>\n"
            html += "<figcaption>" + series.notes.map { "<p>\(t($0))</p>" }.joined() + "</figcaption>\n"
            html += "</figure>\n"
        }
        if statistics.testimonies == 0 { html += "<p>\(t(HTMLReportText.noData))</p>\n" }
        return html + "</section>"
    }

    private func crosstabSection(_ index: inout CountingIndex) -> String {
        guard !crosstabs.isEmpty else { return "" }
        var html = "<section id=\"crosstabs\">\n<h2>\(t(HTMLReportText.crosstabs))</h2>\n<p>\(t(HTMLReportText.crosstabsIntro))</p>\n"
        for (rows, columns) in crosstabs {
            let crosstab = index.crosstab(of: nil, rows: rows, columns: columns)
            html += "<figure class=\"crosstab\">\n<h3>\(t(rows.title)) × \(t(columns.title))</h3>\n"
            html += "<table>\n<thead><tr><th scope=\"col\"></th>"
            for bucket in crosstab.columns.buckets { html += "<th class=\"num\" scope=\"col\">\(shown(bucket.label))</th>" }
            html += "<th class=\"num\" scope=\"col\">\(t(StatisticsLabels.total))</th></tr></thead>\n<tbody>\n"
            for (r, row) in crosstab.rows.buckets.enumerated() {
                html += row.isValue ? "<tr>" : "<tr class=\"special\">"
                html += "<th scope=\"row\">\(shown(row.label))</th>"
                for c in crosstab.columns.buckets.indices {
                    let shares = [crosstab.rowPercent(r, c), crosstab.columnPercent(r, c)].map { $0.map { t(HTMLReportText.percent($0)) } ?? "—" }
                    html += "<td class=\"num\">\(crosstab.cells[r][c])<span class=\"pct\">\(shares.joined(separator: " · "))</span></td>"
                }
                html += "<td class=\"num\"><strong>\(row.count)</strong></td></tr>\n"
            }
            html += "<tr class=\"total\"><th scope=\"row\">\(t(StatisticsLabels.total))</th>"
            for bucket in crosstab.columns.buckets { html += "<td class=\"num\"><strong>\(bucket.count)</strong></td>" }
            html += "<td class=\"num\"><strong>\(crosstab.testimonies)</strong></td></tr>\n</tbody>\n</table>\n"
            html += "<figcaption>" + ([StatisticsLabels.crosstabLegend] + crosstab.notes).map { "<p>\(t($0))</p>" }.joined() + "</figcaption>\n</figure>\n"
        }
        return html + "</section>"
    }

    /// The fields of the list of testimonies: the date, then the `listed` fields.
    private var listedFields: [Field] {
        let date = form.field(withRole: .date)
        return (date.map { [$0] } ?? []) + form.fields(withRole: .listed).filter { $0.id != date?.id && !$0.has(.private) }
    }

    /// The list of testimonies, handed to `write` a slice at a time (each slice's rows made on every core).
    private func list(_ selected: [DecryptedRecord], _ write: (String) throws -> Void) rethrows {
        let columns = listedFields
        let headers = [(TestimonyLabels.receipt, false)] + columns.map { ($0.label, false) }
        try write("<section id=\"list\">\n<h2>\(t(HTMLReportText.list))</h2>\n" + tableHead(headers))
        try inSlices(selected.count, write) { position in
            let record = selected[position]
            let receipt = "<a href=\"#\(anchor(record))\"><code>\(record.payload.receipt.printed.htmlEscaped)</code></a>" + unverifiedMark(record)
            return tableRow(Row(cells: [receipt] + columns.map { answer($0.id, of: record) }), headers: headers)
        }
        try write(tableTail + "</section>\n")
    }

    /// The groups of testimonies that likely describe the same check, side by side, with the rules that matched,
    /// handed to `write` group by group (at 100,000 testimonies, copies of one check make groups of thousands).
    private func corroboration(_ selected: [DecryptedRecord], _ write: (String) throws -> Void) rethrows {
        let groups = Corroboration(records: selected, form: form).groups
        var html = "<section id=\"corroboration\">\n<h2>\(t(HTMLReportText.corroboration))</h2>\n<p>\(t(HTMLReportText.corroborationIntro))</p>\n"
        if groups.isEmpty { html += "<p>\(t(HTMLReportText.corroborationNone))</p>\n" }
        let columns = listedFields
        for (number, group) in groups.enumerated() {
            try write(html)
            html = "<figure class=\"corroboration\">\n<h3>\(shown(TestimonyLabels.group(number + 1, city: group.city, count: group.members.count)))</h3>\n"
            html += table(
                headers: [(TestimonyLabels.receipt, false)] + columns.map { ($0.label, false) },
                rows: group.members.map { record in
                    let receipt = "<a href=\"#\(anchor(record))\"><code>\(record.payload.receipt.printed.htmlEscaped)</code></a>" + unverifiedMark(record)
                    return Row(cells: [receipt] + columns.map { answer($0.id, of: record) })
                })
            html += "<ul class=\"reasons\">\n"
            for pair in group.pairs {
                let (a, b) = (group.members[pair.first].payload.receipt, group.members[pair.second].payload.receipt)
                html += "<li><code>\(a.printed.htmlEscaped)</code> ~ <code>\(b.printed.htmlEscaped)</code> : \(shown(TestimonyLabels.reason(pair)))</li>\n"
            }
            if group.morePairs { html += "<li>\(t(TestimonyLabels.morePairs))</li>\n" }
            html += "</ul>\n</figure>\n"
        }
        try write(html + "</section>\n")
    }

    /// The testimonies in full, handed to `write` a slice at a time (each slice made on every core).
    private func details(_ selected: [DecryptedRecord], _ write: (String) throws -> Void) rethrows {
        try write("<section id=\"details\">\n<h2>\(t(HTMLReportText.accounts))</h2>\n<p>\(t(HTMLReportText.accountsIntro)) \(t(HTMLReportText.timesIn(zone.identifier)))</p>\n")
        let sealed = zone.moments(sealedAt: selected.map(\.payload.sealedAt))
        try inSlices(selected.count, write) { position in
            let (record, sealed) = (selected[position], sealed[position])
            var html = ""
            let heading = [shown(TestimonyLabels.testimony(record.payload.receipt))]
                + [FieldRole.date, .city].compactMap { form.field(withRole: $0) }.map { answer($0.id, of: record) }.filter { !$0.isEmpty }
            html += "<article class=\"testimony\" id=\"\(anchor(record))\">\n<h3>\(heading.joined(separator: " — "))\(unverifiedMark(record))</h3>\n"
            html += PrintedTestimony.identifierLine(record, sealed: sealed, language: language) + "\n"
            html += PrintedTestimony.answers(record, form: form, language: language, heading: "h4")
            let files = PrintedTestimony.files(record, language: language)
            if !files.isEmpty { html += "<h4>\(t(TestimonyLabels.files))</h4>\n" + files }
            return html + "</article>\n"
        }
        try write("</section>")
    }

    /// Hands `write` the HTML `make` gives for each position below `count`, in order, a slice at a time: each
    /// slice made on every core, and only one slice held (the report of 100,000 testimonies is hundreds of megabytes).
    private func inSlices(_ count: Int, _ write: (String) throws -> Void, _ make: @Sendable (Int) -> String) rethrows {
        let slice = 1024
        for start in stride(from: 0, to: count, by: slice) {
            try write(Array(start..<min(count, start + slice)).concurrentMap(make).joined())
        }
    }

    // MARK: Pieces

    private struct Row {
        var cells: [String]
        var special = false
    }

    /// A table; `headers` pairs a title with whether the column is numeric; cells are already HTML.
    private func table(headers: [(Localized, Bool)], rows: [Row]) -> String {
        rows.reduce(into: tableHead(headers)) { $0 += tableRow($1, headers: headers) } + tableTail
    }

    private func tableHead(_ headers: [(Localized, Bool)]) -> String {
        var html = "<table>\n<thead><tr>"
        for (index, header) in headers.enumerated() { html += "<th\(Self.cellClass(index, headers)) scope=\"col\">\(t(header.0))</th>" }
        return html + "</tr></thead>\n<tbody>\n"
    }

    private func tableRow(_ row: Row, headers: [(Localized, Bool)]) -> String {
        var html = row.special ? "<tr class=\"special\">" : "<tr>"
        for (index, cell) in row.cells.enumerated() { html += "<td\(Self.cellClass(index, headers))>\(cell)</td>" }
        return html + "</tr>\n"
    }

    private var tableTail: String { "</tbody>\n</table>\n" }

    private static func cellClass(_ index: Int, _ headers: [(Localized, Bool)]) -> String {
        headers.indices.contains(index) && headers[index].1 ? " class=\"num\"" : ""
    }

    /// The answer to a field, with choice labels, `printed` and escaped; empty when not answered.
    private func answer(_ fieldID: String, of record: DecryptedRecord) -> String {
        guard let value = record.payload.answers[fieldID], value.isAnswered else { return "" }
        return shown(StatisticsLabels.answer(value, field: form.field(fieldID)))
    }

    /// What puts a testimony in doubt — its status, its desk's standing — in brackets after it; empty when nothing does.
    private func unverifiedMark(_ record: DecryptedRecord) -> String {
        var marks: [Localized] = []
        if record.status != .ok { marks.append(TestimonyLabels.statusMark(record.status)) }
        if record.deskTrust != .approved { marks.append(TestimonyLabels.trust(record.deskTrust)) }
        return marks.isEmpty ? "" : " <em>(\(marks.map(t).joined(separator: ", ")))</em>"
    }

    private func anchor(_ record: DecryptedRecord) -> String {
        "t-" + record.payload.record.htmlEscaped
    }

    /// A fixed string of the report in its language, escaped.
    private func t(_ text: Localized) -> String {
        text.text(language).htmlEscaped
    }

    /// A label made of what a testimony or its bundle says (an answer, a city, a receipt, a desk's name), `printed` and escaped.
    private func shown(_ text: Localized) -> String {
        text.text(language).printed.htmlEscaped
    }

    /// `records` by date of the events (the `date` field; undated last), then receipt: each date read once.
    private func chronological(_ records: [DecryptedRecord]) -> [DecryptedRecord] {
        let dateID = form.field(withRole: .date)?.id ?? ""
        let dates = records.map { $0.payload.answers[dateID]?.approximateDate }
        return records.indices.sorted { precedes(records[$0], dates[$0], records[$1], dates[$1]) }.map { records[$0] }
    }

    private func precedes(_ a: DecryptedRecord, _ da: ApproximateDate?, _ b: DecryptedRecord, _ db: ApproximateDate?) -> Bool {
        switch (da, db) {
        case let (x?, y?) where x != y: return x < y
        case (.some, nil): return true
        case (nil, .some): return false
        default: return a.payload.receipt < b.payload.receipt
        }
    }
}
