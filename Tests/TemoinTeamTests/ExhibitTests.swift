import Foundation
@testable import TemoinFormat
import TemoinForms
@testable import TemoinTeam
import XCTest

/// `Exhibit`: one testimony for a case file, and the identifiers the report prints alike (issue 13, point 7).
final class ExhibitTests: XCTestCase {
    private typealias F = ReportFixtures
    private let generatedAt = Date(timeIntervalSince1970: 1_784_116_800)   // 15 July 2026, 12:00 UTC

    private func exhibit(_ record: DecryptedRecord, language: Language = .fr, fromInbox: Bool = true) throws -> String {
        Exhibit(record: record, form: F.form, language: language, zone: try LocalTimeZone("Europe/Paris"), generatedAt: generatedAt,
                fromInbox: fromInbox).render()
    }

    private var sample: DecryptedRecord {
        var record = F.sample[0]
        record.bundleID = "00112233445566778899aabbccddeeff"
        return record
    }

    func testEveryIdentifierInFrench() throws {
        let html = try exhibit(sample)
        let p = sample.payload
        XCTAssertTrue(html.contains("<h1>Témoignage K7QF-29XM</h1>"))
        for (label, value) in [("Reçu", "<code>K7QF-29XM</code>"), ("Identifiant de l&#39;enregistrement", "<code>\(p.record)</code>"),
                               ("Poste", "Bureau A"), ("Empreinte du poste", "<code>DESK-AAAA</code>"), ("Confiance dans le poste", "approuvé"),
                               ("État à la lecture", "vérifié"), ("Identifiant du lot", "<code>00112233445566778899aabbccddeeff</code>"),
                               ("Fichier du lot", "<code>desk-a.tmn</code>"),
                               ("Scellé le", "20 mars 2026 à 11:15 CET (UTC+01:00, Europe/Paris) — 2026-03-20T10:15:00Z"),
                               ("Questionnaire", "« temoin-reconnaissance-faciale », version \(F.form.version)"),
                               ("SHA-256 du contenu canonique", "<code>\(p.canonicalSHA256)</code>")] {
            XCTAssertTrue(html.contains("<dt>\(label)</dt><dd>\(value)</dd>"), "\(label): \(value)")
        }
        XCTAssertTrue(html.contains("Pièce établie le 15 juillet 2026 à 14:00 CEST (UTC+02:00, Europe/Paris)"))
        XCTAssertEqual(p.canonicalSHA256.count, 64)
        XCTAssertTrue(p.canonicalSHA256.allSatisfy { "0123456789abcdef".contains($0) })
        // What was checked, and how to recompute the hash.
        for check in ["Signature du lot : la signature Ed25519 du poste d&#39;empreinte DESK-AAAA", "manifeste signé à l&#39;import du lot",
                      "Déchiffrement : le contenu a été déchiffré avec la clé de l&#39;équipe et authentifié",
                      "Poste approuvé : l&#39;équipe a vérifié son empreinte par téléphone", "hashlib.sha256"] {
            XCTAssertTrue(html.contains(check), check)
        }
        // The statement, private fields left out.
        XCTAssertTrue(html.contains("<dd class=\"long\">Récit de Paris.\nDeuxième ligne.</dd>"))
        XCTAssertFalse(html.contains("Signal 06 12 34 56 78"))
        XCTAssertFalse(html.contains("NOTE-PRIVEE"))
    }

    func testInEnglishAndForASalvagedTestimonyFromAFile() throws {
        var record = F.sample[3]   // unverified, desk B, not from the inbox
        record.deskTrust = .unknown
        let html = try exhibit(record, language: .en, fromInbox: false)
        XCTAssertTrue(html.contains("<h1>Testimony M2ZK-7WQR</h1>"))
        XCTAssertTrue(html.contains("<dt>Sealed on</dt><dd>20 March 2026 at 11:15 CET (UTC+01:00, Europe/Paris) — 2026-03-20T10:15:00Z</dd>"))
        XCTAssertTrue(html.contains("<dt>Status when read</dt><dd>unverified</dd>"))
        XCTAssertTrue(html.contains("<dt>Bundle id</dt><dd>unknown (testimony recovered from a damaged bundle)</dd>"))
        XCTAssertTrue(html.contains("Bundle signature: NOT VERIFIED"))
        XCTAssertFalse(html.contains("is valid"), "nothing claims a signature that was not checked")
        XCTAssertTrue(html.contains("Desk UNKNOWN to the team inbox"))
        XCTAssertFalse(html.contains("Reçu"))
    }

    func testNamedBundleFilesAreSaidToBeHashedOnRead() throws {
        let html = try exhibit(sample, fromInbox: false)
        XCTAssertTrue(html.contains("l&#39;empreinte BLAKE2b-256 de l&#39;enregistrement chiffré est celle que le manifeste signé liste à sa place"))
        XCTAssertFalse(html.contains("à l&#39;import"))
    }

    /// Markup and quotes in every answer and identifier stay text.
    func testEveryAnswerIsEscaped() throws {
        let markup = "<script>alert('x')</script>"
        let record = F.record(F.answers(city: markup, date: "2026-03-02", [
            "account": .text("Il a dit \"montre\" & <img src=x onerror=alert(1)>"), "place": .text("'single' \"double\""),
        ]), receipt: "<i>R</i>", bundle: "<u>b</u>.tmn", deskName: "<b>Desk</b>", desk: "FP\"><script>")
        let html = try exhibit(record)
        XCTAssertFalse(html.lowercased().contains("<script"))
        for tag in ["<img", "<i>R", "<u>b", "<b>Desk"] { XCTAssertFalse(html.contains(tag), tag) }
        XCTAssertTrue(html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"))
        XCTAssertTrue(html.contains("Il a dit &quot;montre&quot; &amp; &lt;img src=x onerror=alert(1)&gt;"))
        XCTAssertTrue(html.contains("&#39;single&#39; &quot;double&quot;"))
        XCTAssertTrue(html.contains("FP&quot;&gt;&lt;script&gt;"))
    }

    /// A right-to-left override or isolate in an answer cannot make the page show it in another order than the
    /// one sealed: each control or format character shows as U+FFFD (line breaks and tabs kept), in the exhibit
    /// and in the report's testimonies, and in the exhibit's identifiers (receipt, desk name). Before, Chromium showed the
    /// city "Paris\u{202E}fdp.exe" as "Parisexe.pdf" and an account after U+202E backwards; the hash covers the text as sealed, whole.
    func testBidiOverridesInAnswersShowAsReplacementCharacters() throws {
        let record = F.record(F.answers(city: "Paris\u{202E}fdp.exe", date: "2026-03-02", [
            "account": .text("\u{202E}Récit inversé\nligne\tdeux\u{2067}\u{1B}[2J\u{2069}"), "place": .text("gare\u{200F} \u{061C}عربي\u{200D}"),
        ]), receipt: "R\u{202E}1", deskName: "Bureau\u{202E}A")
        let exhibited = try exhibit(record)
        XCTAssertFalse(exhibited.unicodeScalars.contains { [0x202E, 0x2067, 0x2069, 0x200F, 0x061C, 0x1B].contains($0.value) })
        XCTAssertTrue(exhibited.contains("<h1>Témoignage R\u{FFFD}1</h1>"), "the identifiers too: receipt, desk name")
        XCTAssertTrue(exhibited.contains("<dt>Reçu</dt><dd><code>R\u{FFFD}1</code></dd>"))
        XCTAssertTrue(exhibited.contains("<dt>Poste</dt><dd>Bureau\u{FFFD}A</dd>"))
        for html in [exhibited, HTMLReport(records: [record], form: F.form, generatedAt: generatedAt).render()] {
            XCTAssertTrue(html.contains("<dd>Paris\u{FFFD}fdp.exe</dd>"))
            XCTAssertTrue(html.contains("<dd class=\"long\">\u{FFFD}Récit inversé\nligne\tdeux\u{FFFD}\u{FFFD}[2J\u{FFFD}</dd>"))
            XCTAssertTrue(html.contains("<dd>gare\u{FFFD} \u{FFFD}عربي\u{200D}</dd>"), "the joiner that Arabic and emoji need is kept")
        }
        XCTAssertEqual(record.payload.canonicalJSON, Array(try record.payload.encoded()), "the hash covers the answers as sealed")
    }

    /// The canonical payload is, byte for byte, what a desk seals (`RecordPayload.encoded()`), even with quotes,
    /// control characters, slashes and non-ASCII text.
    func testTheCanonicalPayloadIsWhatTheDeskSeals() throws {
        let record = F.record(F.answers(city: "Saint-Étienne / 漢字", date: "2026-03-02", [
            "account": .text("\"quoted\" \\ back\nline\ttab\u{01}\u{1F}\u{7F} é <script>"), "officer_count": .number(-3),
        ]))
        XCTAssertEqual(record.payload.canonicalJSON, Array(try record.payload.encoded()))
    }

    /// The hash equals Python's `hashlib` over the canonical payload rebuilt from the JSON Lines line,
    /// by the recipe the exhibit prints.
    func testPythonRecomputesTheHashFromTheJSONLine() throws {
        let record = F.record(F.answers(city: "Saint-Étienne", date: "2026-03-02", [
            "account": .text("\"quoted\" \\ back\nline\u{01} é <script>"), "officer_count": .number(3),
        ]))
        let (status, printed) = try runRecipe(on: JSONLineWriter.line(record))
        XCTAssertEqual(status, 0)
        XCTAssertEqual(printed.trimmingCharacters(in: .whitespacesAndNewlines), record.payload.canonicalSHA256)
    }

    /// A "Zalgo" answer — thousands of combining marks on one letter, or on none — shows at most four on each
    /// character, in the exhibit and the report's testimonies. Before, Chromium stacked them into a column as high
    /// as the page, drawn over the identifiers above: the desk's fingerprint and standing.
    func testAFloodOfCombiningMarksIsCutToFourACharacter() throws {
        let zalgo = "Z" + String(repeating: "\u{301}\u{316}", count: 3000) + "algo"
        let record = F.record(F.answers(city: zalgo, date: "2026-03-02", [
            "account": .text(String(repeating: "a" + String(repeating: "\u{300}", count: 300), count: 3) + " Vie\u{323}\u{302}t"),
            "place": .text(String(repeating: "\u{301}", count: 4000)),
        ]))
        for html in [try exhibit(record), HTMLReport(records: [record], form: F.form, generatedAt: generatedAt).render()] {
            XCTAssertTrue(html.contains("<dd>Z\u{301}\u{316}\u{301}\u{316}algo</dd>"))
            XCTAssertTrue(html.contains("<dd class=\"long\">" + String(repeating: "a\u{300}\u{300}\u{300}\u{300}", count: 3) + " Vie\u{323}\u{302}t</dd>"),
                          "a Vietnamese letter keeps its two marks")
            XCTAssertTrue(html.contains("<dd>\u{301}\u{301}\u{301}\u{301}</dd>"))
        }
        let exhibited = try exhibit(record)
        var run = 0, longest = 0
        for scalar in exhibited.unicodeScalars {
            run = scalar.properties.generalCategory == .nonspacingMark ? run + 1 : 0
            longest = max(longest, run)
        }
        XCTAssertEqual(longest, 4)
    }

    /// The recipe the exhibit prints, pasted into a shell over the JSON lines of two testimonies that carry the
    /// same receipt (a forger's copy of a genuine one's, with a quote): it prints the hash of the one exhibited.
    /// Before, it picked the lines by receipt and hashed the first, another testimony; and the quote ended the
    /// shell's quoting of the receipt in the command.
    func testTheRecipePicksTheTestimonyByItsRecordId() throws {
        let receipt = "AAAA-'BB;"
        let first = F.record(F.answers(city: "Lyon", date: "2026-03-02", [:]), receipt: receipt)
        var exhibited = F.record(F.answers(city: "Paris", date: "2026-03-02", [:]), receipt: receipt)
        exhibited.payload.record = String(repeating: "ab", count: 16)
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("exhibit-recipe-" + UUID().uuidString)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let lines = folder.appendingPathComponent("lines.jsonl")
        try Data(JSONLineWriter.line(first) + [0x0A] + JSONLineWriter.line(exhibited) + [0x0A]).write(to: lines)
        let html = try exhibit(exhibited)
        let shown = try XCTUnwrap(html.components(separatedBy: "<pre class=\"recipe\">").dropFirst().first?.components(separatedBy: "</pre>").first)
        let command = shown.replacingOccurrences(of: "&#39;", with: "'").replacingOccurrences(of: "&quot;", with: "\"")
            .replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">").replacingOccurrences(of: "&amp;", with: "&")
            .replacingOccurrences(of: "temoin team decrypt --key team.key --format jsonl", with: "cat '\(lines.path)'")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", command]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let printed = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        XCTAssertEqual(process.terminationStatus, 0, command)
        XCTAssertEqual(printed.trimmingCharacters(in: .whitespacesAndNewlines), exhibited.payload.canonicalSHA256, command)
        XCTAssertNotEqual(first.payload.canonicalSHA256, exhibited.payload.canonicalSHA256)
    }

    /// Runs the Python recipe the exhibit prints with `line` on its standard input: its exit status and what it printed.
    private func runRecipe(on line: [UInt8]) throws -> (status: Int32, printed: String) {
        let script = PrintedTestimony.recipe(record: "X").components(separatedBy: "python3 -c '")[1].dropLast()
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
        process.arguments = ["-c", String(script)]
        let input = Pipe(), output = Pipe()
        (process.standardInput, process.standardOutput) = (input, output)
        try process.run()
        input.fileHandleForWriting.write(Data(line))
        try input.fileHandleForWriting.close()
        let printed = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return (process.terminationStatus, printed)
    }

    /// A testimony with evidence files: the exhibit and the report list each with its size, type, SHA-256
    /// and what it says of its taking; Python's recipe still gives the hash, which covers the files' ids and hashes.
    func testExhibitAndReportListTheFilesWithTheirHashes() throws {
        var record = sample
        let photo = EvidenceFile(field: "evidence_files", id: String(repeating: "ab", count: 16), key: String(repeating: "cd", count: 32),
                                 name: "IMG_0042 <1>.jpg", sha256: String(repeating: "e1", count: 32), size: 2_480_000, type: "image/jpeg",
                                 capture: CaptureMetadata(time: "2026-03-14T18:30:05", latitude: "48.858370", longitude: "2.294481",
                                                          make: "Apple", model: "iPhone 13"))
        let movie = EvidenceFile(field: "evidence_files", id: String(repeating: "12", count: 16), key: String(repeating: "34", count: 32),
                                 name: "VID.mp4", sha256: String(repeating: "f2", count: 32), size: 900, type: "video/mp4",
                                 capture: CaptureMetadata(time: "2026-03-14T17:31:00Z"))
        let hashWithout = record.payload.canonicalSHA256
        record.payload.files = [photo, movie]
        record.payload.answers["evidence_files"] = .choices([photo.id, movie.id])
        XCTAssertNotEqual(record.payload.canonicalSHA256, hashWithout)
        let html = try exhibit(record)
        let files = html.components(separatedBy: "<section id=\"files\">").last ?? ""
        XCTAssertTrue(files.hasPrefix("\n<h2>Fichiers remis</h2>\n<ol class=\"files\">\n"
                                      + "<li>IMG_0042 &lt;1&gt;.jpg — 2,4 Mo — image/jpeg<br>SHA-256 de l&#39;original <code class=\"hash\">\(photo.sha256)</code>"
                                      + "<br>Pris le 2026-03-14 18:30:05 (heure de l&#39;appareil) · position 48.858370, 2.294481 · appareil Apple iPhone 13</li>\n"
                                      + "<li>VID.mp4 — 900 octets — video/mp4<br>SHA-256 de l&#39;original <code class=\"hash\">\(movie.sha256)</code>"
                                      + "<br>Pris le 2026-03-14 17:31:00 UTC</li>\n</ol>\n</section>"), files)
        XCTAssertFalse(html.contains(photo.key), "the exhibit never prints a stream key")
        XCTAssertTrue(try exhibit(record, language: .en).contains("<h2>Evidence files</h2>"))
        XCTAssertFalse(try exhibit(sample).contains("<section id=\"files\">"), "no section for a testimony without files")

        let report = HTMLReport(records: [record], form: F.form, generatedAt: generatedAt).render()
        XCTAssertTrue(report.contains("<h4>Fichiers remis</h4>\n<ol class=\"files\">\n<li>IMG_0042 &lt;1&gt;.jpg"), "the report lists them too")
        XCTAssertTrue(report.contains("<code class=\"hash\">\(movie.sha256)</code>"))

        // The recipe printed on the exhibit recomputes the hash from the JSON line, files included.
        let printed = try runRecipe(on: JSONLineWriter.line(record)).printed
        XCTAssertEqual(printed.trimmingCharacters(in: .whitespacesAndNewlines), record.payload.canonicalSHA256)
    }

    /// In the full report each testimony starts a new printed page, under the exhibit's identifiers.
    func testTheReportGivesEachTestimonyAPageAndItsIdentifiers() {
        let html = HTMLReport(records: F.sample, form: F.form, generatedAt: generatedAt).render()
        XCTAssertTrue(html.contains("article.testimony { break-before: page; page-break-before: always;"))
        let details = html.components(separatedBy: "<section id=\"details\">")[1]
        let articles = details.components(separatedBy: "<article class=\"testimony\"").dropFirst()
        XCTAssertEqual(articles.count, F.sample.count)
        for record in F.sample {
            guard let article = articles.first(where: { $0.contains("<h3>Témoignage \(record.payload.receipt)") }) else {
                XCTFail("no page for \(record.payload.receipt)")
                continue
            }
            XCTAssertTrue(article.contains("<p class=\"ids\">Identifiant de l&#39;enregistrement <code>\(record.payload.record)</code> · "
                                           + "Poste « \(record.deskName) » <code>\(record.deskFingerprint)</code> (approuvé) · Identifiant du lot "))
            XCTAssertTrue(article.contains(" · Scellé le 20 mars 2026 à 11:15 CET (UTC+01:00, Europe/Paris) (<code>2026-03-20T10:15:00Z</code>) · "
                                           + "SHA-256 du contenu canonique <code>\(record.payload.canonicalSHA256)</code></p>"))
        }
        XCTAssertFalse(html.contains("(UTC)"))
    }
}
