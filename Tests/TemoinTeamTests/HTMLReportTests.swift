import Foundation
@testable import TemoinFormat
import TemoinForms
import TemoinStorage
@testable import TemoinTeam
import XCTest

final class HTMLReportTests: XCTestCase {
    private typealias F = ReportFixtures
    private let generatedAt = Date(timeIntervalSince1970: 1_773_500_000)   // 14 March 2026, 14:53 UTC

    private func render(_ records: [DecryptedRecord] = F.sample, language: Language = .fr, filter: Filter = Filter(),
                        decryption: DecryptReport? = nil) -> String {
        HTMLReport(records: records, form: F.form, language: language, filter: filter, generatedAt: generatedAt,
                   decryption: decryption).render()
    }

    /// Answers full of markup, in every kind of place a string can land in the report.
    private var hostile: [DecryptedRecord] {
        let markup = "<script>alert('x')</script>"
        return [F.record(F.answers(city: markup, date: "2026-03-02", forces: ["<b>bac</b>"], [
            "account": .text("Il a dit \"montre\" & <img src=x onerror=alert(1)>\n\(markup)"),
            "outcome": .choice("\"><script>alert(2)</script>"),
            "place": .text("'single' quotes"),
            "officers_words": .text("<a href=\"https://evil.example\">lien</a> <img src=\"http://x/y.png\">"),
        ]), receipt: "<i>RCPT</i>", bundle: "<u>bundle</u>.tmn", deskName: "<marquee>Desk</marquee>", desk: "FP\"><script>")]
    }

    func testEveryDynamicStringIsEscaped() {
        let html = render(hostile)
        XCTAssertFalse(html.lowercased().contains("<script"), "no script element, whatever the answers hold")
        for tag in ["<img", "<b>bac", "<i>RCPT", "<marquee", "<u>bundle"] {
            XCTAssertFalse(html.contains(tag), tag)
        }
        assertContains(html,
            "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;",
            "Il a dit &quot;montre&quot; &amp; &lt;img src=x onerror=alert(1)&gt;",
            "&lt;marquee&gt;Desk&lt;/marquee&gt;",
            "FP&quot;&gt;&lt;script&gt;",
            "&#39;single&#39; quotes",
            "&lt;a href=&quot;https://evil.example&quot;&gt;lien&lt;/a&gt;")
        XCTAssertEqual("a<b>&\"c'".htmlEscaped, "a&lt;b&gt;&amp;&quot;c&#39;")
    }

    /// `printed` keeps a text with nothing to change as it is, and reads the scalars below U+0300 from their value:
    /// checked on each of them, and on every other scalar of the first planes, against their general category.
    func testPrintedChangesExactlyTheControlFormatAndSeparatorCharacters() {
        for value in UInt32(0)..<0x3_0000 {
            guard let scalar = Unicode.Scalar(value) else { continue }
            let text = "x" + String(Character(scalar)), shown = text.printed
            let cleaned: Set<Unicode.GeneralCategory> = [.control, .format, .lineSeparator, .paragraphSeparator]
            let kept: Set<Unicode.Scalar> = ["\t", "\n", "\r", "\u{200C}", "\u{200D}"]
            let expected = cleaned.contains(scalar.properties.generalCategory) && !kept.contains(scalar) ? "x\u{FFFD}" : text
            XCTAssertEqual(shown, expected, "U+\(String(value, radix: 16))")
        }
        XCTAssertEqual("Égalité, près de la gare — 18 h 30".printed, "Égalité, près de la gare — 18 h 30")
        XCTAssertEqual("e\u{301}\u{302}\u{303}\u{304}\u{305}\u{306}".printed, "e\u{301}\u{302}\u{303}\u{304}")
    }

    /// A right-to-left override and a flood of combining marks that whoever sealed a testimony or signed its bundle
    /// put in an answer, a desk name, a receipt or a file's name and type show as the testimonies' answers do
    /// everywhere in the report: the override as U+FFFD, at most four marks on a character — the desk table, the
    /// charts (label and tooltip) and their tables, the crosstabs, the list, the corroborating groups, the headings
    /// and identifiers of each testimony, its files. Before, only the answers in full were cleaned: Chromium read the
    /// chart's city "Paris" U+202E "fdp.exe" as "Parisexe.pdf", and the Zalgo city stacked a column of accents over
    /// "En bref" and the desk table's trust column. The counting is the report's as before: two cities still.
    func testForgedTextShowsCleanedEverywhereInTheReport() throws {
        let rlo = "Paris\u{202E}fdp.exe", zalgo = "à" + String(repeating: "\u{301}", count: 300)
        let (rloShown, zalgoShown) = ("Paris\u{FFFD}fdp.exe", "à" + String(repeating: "\u{301}", count: 4))
        func forged(_ city: String, _ receipt: String, deskName: String, desk: String) -> DecryptedRecord {
            F.record(F.answers(city: city, date: "2026-03-02", ["place": .text("gare du nord"), "face_photo": .yesno(.yes)]),
                     receipt: receipt, deskName: deskName, desk: desk)
        }
        var filed = forged(rlo, "RLO\u{202E}1", deskName: "Bureau\u{202E}A", desk: "DESK-RLO")
        let file = EvidenceFile(field: "evidence_files", id: String(repeating: "ab", count: 16), key: String(repeating: "cd", count: 32),
                                name: "photo\u{202E}gpj.exe", sha256: String(repeating: "e1", count: 32), size: 900, type: "image/\u{202E}jpeg" + zalgo,
                                capture: CaptureMetadata(time: "2026-03-14T18:30:05", make: "Apple\u{202E}", model: zalgo))
        filed.payload.files = [file]
        filed.payload.answers["evidence_files"] = .choices([file.id])
        let records = [filed, forged(rlo, "RLO-2", deskName: "Bureau\u{202E}A", desk: "DESK-RLO"),
                       forged(zalgo, "ZAL" + zalgo, deskName: zalgo, desk: "DESK-ZAL"), forged(zalgo, "ZAL-2", deskName: zalgo, desk: "DESK-ZAL")]
        let city = try XCTUnwrap(Breakdown.of("city", in: F.form))
        let html = HTMLReport(records: records, form: F.form, generatedAt: generatedAt, crosstabs: [(rows: city, columns: .desk)]).render()

        XCTAssertFalse(html.unicodeScalars.contains { $0.value == 0x202E }, "no right-to-left override anywhere")
        var run = 0, longest = 0
        for scalar in html.unicodeScalars {
            run = scalar.properties.generalCategory == .nonspacingMark ? run + 1 : 0
            longest = max(longest, run)
        }
        XCTAssertEqual(longest, 4, "at most four combining marks on a character anywhere")
        for shown in [rloShown, zalgoShown] {
            assertContains(html,
                "dominant-baseline=\"middle\">\(shown)</text>",   // the chart's label
                "<g><title>\(shown) — 2</title>",                  // its tooltip
                "<tr><td>\(shown)</td><td class=\"num\">2</td><td class=\"num\">50\u{00A0}%</td></tr>",   // its table
                "<tr><th scope=\"row\">\(shown)</th>",             // the crosstab's rows
                "<td>2 mars 2026</td><td>\(shown)</td>",           // the list
                ": \(shown), 2 témoignages</h3>")                  // the corroborating group
        }
        assertContains(html,
            "<h3>Témoignage RLO\u{FFFD}1 — 2 mars 2026 — \(rloShown)",   // the testimonies' headings
            "<tr><td>Bureau\u{FFFD}A</td><td><code>DESK-RLO</code></td>",   // the desk table
            "<tr><td>\(zalgoShown)</td><td><code>DESK-ZAL</code></td>",
            "<th class=\"num\" scope=\"col\">Bureau\u{FFFD}A",   // the crosstab's columns: by desk
            "<code>RLO\u{FFFD}1</code></a>",                     // the receipt in the list
            "<h3>Témoignage ZAL\(zalgoShown) — 2 mars 2026 — \(zalgoShown)",
            "Poste « Bureau\u{FFFD}A » <code>DESK-RLO</code>",   // the identifiers
            "<li>photo\u{FFFD}gpj.exe — 900 octets — image/\u{FFFD}jpeg\(zalgoShown)<br>",   // the file
            "appareil Apple\u{FFFD} \(zalgoShown)</li>")
        let figures = html.components(separatedBy: "<figure class=\"chart-block\" id=\"chart-city\">")[1].components(separatedBy: "</figure>")[0]
        XCTAssertEqual(figures.components(separatedBy: "<rect class=\"bar\"").count - 1, 2, "two forged cities still count apart")
    }

    /// A desk's name is any text its key's holder chose: a long one is cut at 40 characters in the desk table, as
    /// in the browser and `team stats --by desk`, so that its fingerprint and standing stay beside it.
    func testTheDeskTableCutsALongDeskNameBeforeItsFingerprint() {
        let long = String(repeating: "W", count: 6_000)
        let record = F.record(F.answers(city: "Lyon", date: "2026-03-02", [:]), receipt: "LONG-1", deskName: long, desk: "DESK-LONG")
        let html = HTMLReport(records: [record], form: F.form, generatedAt: generatedAt).render()
        assertContains(html, "<tr><td>\(String(repeating: "W", count: 39))…</td><td><code>DESK-LONG</code></td>")
        XCTAssertFalse(html.contains("<tr><td>\(String(repeating: "W", count: 40))"), "the desk table shows no more than 39 letters of it")
    }

    func testTheReportIsSelfContained() {
        for html in [render(), render(hostile), render(language: .en)] {
            let lower = html.lowercased()
            // An address typed by a witness stays escaped text; the report itself names none.
            for forbidden in html.contains("evil.example") ? [] : ["http://", "https://"] {
                XCTAssertFalse(lower.contains(forbidden), forbidden)
            }
            for forbidden in ["<script", "<link", "<iframe", "<object", "<embed", "@import", "url(", "javascript:"] {
                XCTAssertFalse(lower.contains(forbidden), forbidden)
            }
            // Attributes only: text typed by a witness, such as `src="…"`, is escaped (`src=&quot;…`).
            for attribute in ["src=\"", "href=\""] {
                var rest = lower[...]
                while let range = rest.range(of: attribute) {
                    let value = rest[range.upperBound...]
                    XCTAssertTrue(attribute == "src=\"" ? value.hasPrefix("data:") : value.hasPrefix("#"),
                                  "\(attribute) points outside: \(value.prefix(40))")
                    rest = rest[range.upperBound...]
                }
            }
        }
    }

    /// The report and the exhibit forbid, before anything else in their head, every script, remote load, form and frame:
    /// should markup in an answer ever escape the escaping, a browser would still run and fetch nothing (Docs/THREAT-MODEL.md).
    func testTheReportAndTheExhibitForbidScriptsLoadsFormsAndFrames() throws {
        let policy = "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; "
            + "base-uri 'none'; form-action 'none'\">"
        let exhibit = Exhibit(record: hostile[0], form: F.form, language: .en, zone: try LocalTimeZone("Europe/Paris"), generatedAt: Date(), fromInbox: true).render()
        for (html, language) in [(render(hostile + F.sample), "fr"), (render(language: .en), "en"), (exhibit, "en")] {
            let head = html.components(separatedBy: "</head>")[0]
            XCTAssertTrue(head.hasPrefix("<!DOCTYPE html>\n<html lang=\"\(language)\">\n<head>\n<meta charset=\"utf-8\">\n" + policy + "\n"), String(head.prefix(300)))
            XCTAssertEqual(head.components(separatedBy: "Content-Security-Policy").count, 2, "one policy")
        }
    }

    func testIsHTML5WithCharsetLanguageAndBalancedElements() throws {
        for language in Language.allCases {
            let html = render(hostile + F.sample, language: language)
            XCTAssertTrue(html.hasPrefix("<!DOCTYPE html>\n<html lang=\"\(language.rawValue)\">\n<head>\n<meta charset=\"utf-8\">"))
            XCTAssertEqual(html.components(separatedBy: "</head>")[0].components(separatedBy: "<title>").count, 2, "one document title")
            try assertBalanced(html)
        }
    }

    func testContentInFrench() {
        let html = render()
        assertContains(html,
            "<h1>Contrôles d'identité et reconnaissance faciale</h1>".replacingOccurrences(of: "'", with: "&#39;"),
            "Généré le 14 mars 2026 à 15:53 CET (UTC+01:00, Europe/Paris)",
            "<strong>5</strong> témoignages",
            "<strong>2</strong> lots",
            "<strong>2</strong> postes d&#39;accueil",
            "<code>DESK-AAAA</code>",
            "<code>DESK-BBBB</code>")
        let charted = Breakdown.charted(in: F.form)
        XCTAssertEqual(html.components(separatedBy: "<svg class=\"chart\"").count - 1, charted.count)
        for title in charted.map(\.title.fr) { XCTAssertTrue(html.contains("<h3>\(title.htmlEscaped)</h3>"), title) }
        // Each figure states its denominator; a conditional question counts among those it was asked of.
        assertContains(html,
            "<p>Pourcentages parmi les 3 témoignages où la question était posée (sur 5) ; elle ne l&#39;est que si",
            "<td>Non, on ne me l&#39;a pas demandé</td><td class=\"num\">2</td><td class=\"num\">67\u{00A0}%</td>",
            "<tr class=\"special\"><td>question sans objet</td><td class=\"num\">2</td><td class=\"num\">—</td>",
            "<p>Plusieurs réponses possibles par témoignage : les pourcentages ne s&#39;additionnent pas à 100 %.</p>",
            "<p>Attention : moins de 30 réponses (5)",
            "<td>BAC (brigade anti-criminalité)</td><td class=\"num\">2</td><td class=\"num\">40\u{00A0}%</td>",
            "<tr class=\"special\"><td>non renseigné</td>",
            "1 témoignage(s) récupéré(s) d&#39;un lot endommagé",
            "<em>(non vérifié)</em>")
        // The list: one row per testimony, chronological.
        let receipts = ["K7QF-29XM", "P9XC-3LMN", "H4TB-CW8N", "RD3E-5PQA", "M2ZK-7WQR"]
        let list = html.components(separatedBy: "<section id=\"list\">")[1].components(separatedBy: "</section>")[0]
        let positions = receipts.map { list.range(of: "<code>\($0)</code>")!.lowerBound }
        XCTAssertEqual(positions, positions.sorted())
        assertContains(list, "<td>12 janvier 2026</td><td>Paris</td><td>Police nationale, BAC (brigade anti-criminalité)</td><td>oui</td><td>Laissé·e libre sur place</td>")
        // The accounts, in full, line breaks kept; private fields left out.
        assertContains(html,
            "<dd class=\"long\">Récit de Paris.\nDeuxième ligne.</dd>",
            "« C&#39;est pour la reconnaissance faciale, ça va vite. »")
        assertLacks(html,
            "Signal 06 12 34 56 78",
            "NOTE-PRIVEE")
    }

    func testContentInEnglish() {
        let html = render(language: .en)
        assertContains(html,
            "<html lang=\"en\">",
            "<h1>ID checks and facial recognition</h1>",
            "Generated on 14 March 2026 at 15:53 CET (UTC+01:00, Europe/Paris)",
            "<h2>Statistics</h2>",
            "<h3>Which police forces were there?</h3>",
            "<td>BAC (anti-crime squad)</td><td class=\"num\">2</td><td class=\"num\">40%</td>",
            "<td>not answered</td>")
        assertLacks(html, "témoignages")
    }

    func testFilterAndUnreadRecordsAreStated() {
        var decryption = DecryptReport()
        decryption.counts = [.ok: 5, .otherKey: 2, .corrupt: 1, .duplicate: 4]
        decryption.refusedBundles = [("x.tmn", VaultError.bundle(.badSignature))]
        let html = render(filter: Filter(conditions: [Filter.Condition(fieldID: "forces", test: .equals("bac"))]), decryption: decryption)
        assertContains(html,
            "<strong>2</strong> témoignages",
            "Quelles forces de l&#39;ordre étaient là ? = BAC (brigade anti-criminalité)",
            "Non lus : 3 enregistrement(s)",
            "et 1 lot(s) refusé(s)")
    }

    func testChosenCrosstabsAreShownWithRowAndColumnShares() throws {
        let rows = try WhereClause.breakdown(named: "face_photo", form: F.form), columns = try WhereClause.breakdown(named: "ville", form: F.form)
        let html = HTMLReport(records: F.sample, form: F.form, generatedAt: generatedAt, crosstabs: [(rows, columns)]).render()
        let section = try XCTUnwrap(html.components(separatedBy: "<section id=\"crosstabs\">").dropFirst().first)
        assertContains(section,
            "<h3>Les agents ont-ils pris votre visage en photo ? × Dans quelle ville ?</h3>",
            "<th class=\"num\" scope=\"col\">Paris</th>")
        // Paris: 3 testimonies, 2 of them photographed: 2 is 67 % of the "yes" row and 67 % of the Paris column.
        XCTAssertTrue(section.contains("<tr><th scope=\"row\">oui</th><td class=\"num\">2<span class=\"pct\">67\u{00A0}% · 67\u{00A0}%</span></td>"),
                      section)
        assertContains(section, "Sur 5 témoignages où les deux questions étaient posées.")
        assertContains(html, "<li><a href=\"#crosstabs\">Tableaux croisés</a></li>")
        try assertBalanced(html)
    }

    func testAnEmptyReportStillRenders() throws {
        let html = render([])
        assertContains(html,
            "<strong>0</strong> témoignages",
            "Aucun témoignage à compter.")
        try assertBalanced(html)
    }

    func testSVGChartDrawsOneBarPerBucketScaledToTheLargest() {
        let series = Statistics(records: F.sample, form: F.form).series("device_kind")!
        let svg = SVGBarChart(series: series, language: .fr).render()
        XCTAssertEqual(svg.components(separatedBy: "<rect ").count - 1, series.buckets.count)
        XCTAssertTrue(svg.contains("<rect class=\"bar\" x=\"274\" y=\"11\" width=\"316\""), "the largest bar fills the plot")
        XCTAssertTrue(svg.contains("<rect class=\"bar muted\""), "special buckets are drawn in grey")
        assertContains(svg, ">Un terminal de police dédié</text>")
        let long = CountSeries(breakdown: Breakdown.of("outcome", in: F.form)!, buckets: [CountBucket(key: .value("x"), label: Localized(fr: String(repeating: "é", count: 50), en: ""), count: 1)], testimonies: 1)
        XCTAssertTrue(SVGBarChart(series: long, language: .fr).render().contains(">\(String(repeating: "é", count: 31))…</text>"))
    }

    // MARK: Headless Chromium

    func testChromiumRendersTheReportWithoutErrors() throws {
        let chromium = "/usr/bin/chromium"
        guard FileManager.default.isExecutableFile(atPath: chromium) else {
            throw XCTSkip("Debian's chromium is not installed (\(chromium)); `make deps` installs it.")
        }
        let folder = NSTemporaryDirectory() + "temoin-report-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let page = folder + "/report.html", screenshot = folder + "/report.png"
        try Data(render(hostile + F.sample).utf8).write(to: URL(fileURLWithPath: page))

        let dom = try runChromium(chromium, folder: folder, ["--dump-dom", "file://" + page])
        XCTAssertEqual(dom.status, 0, dom.errors)
        XCTAssertTrue(dom.output.contains("<h1>Contrôles d'identité et reconnaissance faciale</h1>"), String(dom.output.prefix(500)))
        XCTAssertTrue(dom.output.contains("<h2>Statistiques</h2>"))
        XCTAssertEqual(dom.output.components(separatedBy: "<svg class=\"chart\"").count - 1, Breakdown.charted(in: F.form).count)
        XCTAssertTrue(dom.output.contains("&lt;script&gt;alert('x')&lt;/script&gt;"), "the markup in an answer stays text")
        let consoleLines = dom.errors.split(separator: "\n").filter { $0.contains("CONSOLE") || $0.contains("Uncaught") }
        XCTAssertEqual(consoleLines, [], "the page logs nothing to the console")

        // The policy holds in a browser: a script slipped into the page does not run, and says so.
        let slipped = folder + "/slipped.html"
        try Data(render(F.sample).replacingOccurrences(of: "</body>", with: "<script>var p = document.createElement('p'); p.id = 'r' + 'an'; document.body.appendChild(p)</script></body>").utf8)
            .write(to: URL(fileURLWithPath: slipped))
        let blocked = try runChromium(chromium, folder: folder, ["--dump-dom", "file://" + slipped])
        XCTAssertEqual(blocked.status, 0, blocked.errors)
        XCTAssertTrue(blocked.output.contains("<h2>Statistiques</h2>"), String(blocked.output.prefix(500)))
        XCTAssertFalse(blocked.output.contains("<p id=\"ran\">"), "the script ran")
        XCTAssertTrue(blocked.errors.contains("Content Security Policy"), blocked.errors)

        let shot = try runChromium(chromium, folder: folder, ["--screenshot=" + screenshot, "--window-size=1200,2000", "file://" + page])
        XCTAssertEqual(shot.status, 0, shot.errors)
        let png = try Data(contentsOf: URL(fileURLWithPath: screenshot))
        XCTAssertEqual([UInt8](png.prefix(8)), [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A], "a PNG file")
        XCTAssertEqual(Self.bigEndian(png, at: 16), 1200, "width")
        XCTAssertEqual(Self.bigEndian(png, at: 20), 2000, "height")
        // A blank white 1200×2000 page compresses to about 10 kB; text, bars and tables take far more.
        XCTAssertGreaterThan(png.count, 60_000, "the screenshot is not a blank page")
    }

    private func runChromium(_ chromium: String, folder: String, _ arguments: [String]) throws -> (status: Int32, output: String, errors: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: chromium)
        process.arguments = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-extensions",
                             "--user-data-dir=" + folder + "/profile", "--enable-logging=stderr", "--v=0"] + arguments
        var environment = ProcessInfo.processInfo.environment
        environment["HOME"] = folder
        process.environment = environment
        let outputPath = folder + "/stdout", errorsPath = folder + "/stderr"
        for path in [outputPath, errorsPath] { _ = FileManager.default.createFile(atPath: path, contents: nil) }
        process.standardOutput = FileHandle(forWritingAtPath: outputPath)
        process.standardError = FileHandle(forWritingAtPath: errorsPath)
        try process.run()
        let timeout = DispatchWorkItem { process.terminate() }
        DispatchQueue.global().asyncAfter(deadline: .now() + 120, execute: timeout)
        process.waitUntilExit()
        timeout.cancel()
        func read(_ path: String) -> String { String(decoding: FileManager.default.contents(atPath: path) ?? Data(), as: UTF8.self) }
        return (process.terminationStatus, read(outputPath), read(errorsPath))
    }

    private static func bigEndian(_ data: Data, at offset: Int) -> Int {
        data.dropFirst(offset).prefix(4).reduce(0) { $0 << 8 | Int($1) }
    }

    // MARK: Contents

    /// Asserts that `html` holds every one of `parts`, naming each one it lacks.
    private func assertContains(_ html: String, _ parts: String..., file: StaticString = #filePath, line: UInt = #line) {
        for part in parts where !html.contains(part) {
            XCTFail("the report lacks “\(part)”", file: file, line: line)
        }
    }

    /// Asserts that `html` holds none of `parts`, naming each one it holds.
    private func assertLacks(_ html: String, _ parts: String..., file: StaticString = #filePath, line: UInt = #line) {
        for part in parts where html.contains(part) {
            XCTFail("the report holds “\(part)”", file: file, line: line)
        }
    }

    // MARK: Balance

    /// Checks that every non-void element is closed in order (a light HTML5 well-formedness check).
    private func assertBalanced(_ html: String, file: StaticString = #filePath, line: UInt = #line) throws {
        let void: Set<String> = ["meta", "br", "hr", "img", "input", "link", "rect", "line"]
        var stack: [String] = []
        var rest = html[...]
        while let open = rest.firstIndex(of: "<") {
            guard let close = rest[open...].firstIndex(of: ">") else { return XCTFail("unclosed tag", file: file, line: line) }
            let tag = rest[rest.index(after: open)..<close]
            rest = rest[rest.index(after: close)...]
            if tag.hasPrefix("!") { continue }
            let name = String(tag.drop { $0 == "/" }.prefix { $0.isLetter || $0.isNumber }).lowercased()
            if tag.hasPrefix("/") {
                guard stack.last == name else { return XCTFail("</\(name)> closes <\(stack.last ?? "nothing")>", file: file, line: line) }
                stack.removeLast()
            } else if !void.contains(name) && !tag.hasSuffix("/") {
                stack.append(name)
            }
        }
        XCTAssertEqual(stack, [], "unclosed elements", file: file, line: line)
    }
}
