import Foundation
import TemoinCrypto
import TemoinFormat
import TemoinForms

/// One testimony as a document for a case file: its identifiers, its sealing time in local time, the
/// SHA-256 of its canonical payload, what Témoin checked and how an expert recomputes the hash, then
/// the answers. Self-contained HTML like the report (no script, no outside resource); Chromium prints it to PDF.
public struct Exhibit: Sendable {
    /// The testimony.
    public var record: DecryptedRecord
    /// The questionnaire giving labels and sections.
    public var form: Questionnaire
    /// The language of the labels.
    public var language: Language
    /// The zone the times are shown in.
    public var zone: LocalTimeZone
    /// When the exhibit was made.
    public var generatedAt: Date
    /// Whether the testimony was read from the team inbox (its bundle hashed whole at import) rather
    /// than from a bundle file named on the command line (hashed record by record as it was read).
    public var fromInbox: Bool

    /// Describes the exhibit of `record`.
    public init(record: DecryptedRecord, form: Questionnaire, language: Language = .fr, zone: LocalTimeZone,
                generatedAt: Date = Date(), fromInbox: Bool) {
        (self.record, self.form, self.language, self.zone) = (record, form, language, zone)
        (self.generatedAt, self.fromInbox) = (generatedAt, fromInbox)
    }

    /// The whole HTML document.
    public func render() -> String {
        let receipt = record.payload.receipt
        let title = TestimonyLabels.testimony(receipt).text(language).printed
        return HTMLReportStyle.document(title: title, language: language, bodyClass: "exhibit", body: """
            <header>
            <p class="kicker">\(t(HTMLReportText.exhibitKicker))</p>
            <h1>\(title.htmlEscaped)</h1>
            <p class="meta">\(t(HTMLReportText.exhibitMade(TestimonyLabels.moment(zone.moment(generatedAt)).text(language))))</p>
            <p class="confidential">\(t(HTMLReportText.exhibitConfidential))</p>
            </header>
            <section id="identifiers">
            <h2>\(t(HTMLReportText.identification))</h2>
            \(PrintedTestimony.identifiers(record, sealed: zone.moment(sealedAt: record.payload.sealedAt), language: language))
            </section>
            <section id="verification">
            <h2>\(t(HTMLReportText.verification))</h2>
            \(verification())
            </section>
            <section id="statement">
            <h2>\(t(HTMLReportText.statement))</h2>
            \(PrintedTestimony.answers(record, form: form, language: language))
            </section>
            \(filesSection())
            """)
    }

    /// What was checked, one point each, and how to recompute the hash.
    private func verification() -> String {
        let fingerprint = record.deskFingerprint, bundle = record.bundleID.isEmpty ? record.bundle : record.bundleID
        var points: [Localized] = []
        if record.status == .unverified {
            points.append(HTMLReportText.checkUnverified)
        } else {
            points.append(HTMLReportText.checkSignature(fingerprint: fingerprint, bundle: bundle.printed))
            points.append(fromInbox ? HTMLReportText.checkManifestAtImport : HTMLReportText.checkManifest)
        }
        points.append(HTMLReportText.checkDecryption)
        if let warning = TestimonyLabels.statusWarning(record.status) {
            points.append(warning)
        } else {
            points.append(HTMLReportText.checkDeskMatch)
        }
        points.append(TestimonyLabels.trustWarning(record.deskTrust) ?? HTMLReportText.checkApproved)
        var html = "<ol class=\"checks\">\n" + points.map { "<li>\(t($0))</li>\n" }.joined() + "</ol>\n"
        html += "<p>\(t(HTMLReportText.hashExplained))</p>\n"
        html += "<pre class=\"recipe\">\(PrintedTestimony.recipe(record: record.payload.record).htmlEscaped)</pre>\n"
        html += "<p>\(t(HTMLReportText.hashExpected))<br><code class=\"hash\">\(record.payload.canonicalSHA256)</code></p>\n"
        return html
    }

    /// The evidence files with their SHA-256, which the canonical payload's hash covers too; empty when none.
    private func filesSection() -> String {
        let list = PrintedTestimony.files(record, language: language)
        return list.isEmpty ? "" : "<section id=\"files\">\n<h2>\(t(TestimonyLabels.files))</h2>\n\(list)</section>"
    }

    private func t(_ text: Localized) -> String { text.text(language).htmlEscaped }
}

extension RecordPayload {
    /// The canonical payload (Docs/FORMAT.md, "Canonical payload"): the bytes a Témoin desk seals.
    public var canonicalJSON: [UInt8] { JSONLineWriter.canonicalPayload(self) }

    /// The SHA-256 of `canonicalJSON`, 64 lower-case hexadecimal digits: the fingerprint of the content on a case file.
    public var canonicalSHA256: String { Hex.encode(SHA256.hash(canonicalJSON)) }
}

/// The parts of a testimony that the exhibit and the report print alike.
enum PrintedTestimony {
    /// The identifiers as a definition list: receipt, record id, desk, fingerprint, trust, status,
    /// bundle id and file, sealing time (`local`, in the zone shown, then as sealed in UTC), questionnaire,
    /// SHA-256 of the canonical payload.
    static func identifiers(_ record: DecryptedRecord, sealed local: LocalMoment?, language: Language) -> String {
        let p = record.payload
        let unknown = TestimonyLabels.unknownValue.text(language)
        let sealed = local.map { TestimonyLabels.moment($0).text(language) + " — " + p.sealedAt } ?? p.sealedAt
        let rows: [(Localized, String, Bool)] = [
            (TestimonyLabels.receipt, p.receipt, true),
            (TestimonyLabels.record, p.record, true),
            (TestimonyLabels.desk, record.deskName.isEmpty ? unknown : record.deskName, false),
            (TestimonyLabels.deskFingerprint, record.deskFingerprint, true),
            (TestimonyLabels.deskTrust, TestimonyLabels.trust(record.deskTrust).text(language), false),
            (TestimonyLabels.status, TestimonyLabels.statusMark(record.status).text(language), false),
            (TestimonyLabels.bundleID, record.bundleID.isEmpty ? unknown : record.bundleID, !record.bundleID.isEmpty),
            (TestimonyLabels.bundleFile, record.bundle, true),
            (TestimonyLabels.sealed, sealed, false),
            (TestimonyLabels.form, TestimonyLabels.form(p.form.id, version: p.form.version).text(language), false),
            (TestimonyLabels.payloadHash, p.canonicalSHA256, true),
        ]
        return "<dl class=\"ids\">\n" + rows.map { label, value, code in
            let shown = code ? "<code>\(value.printed.htmlEscaped)</code>" : value.printed.htmlEscaped
            return "<dt>\(label.text(language).htmlEscaped)</dt><dd>\(shown)</dd>\n"
        }.joined() + "</dl>"
    }

    /// The same identifiers on one paragraph, for the head of each testimony of the report (a hundred
    /// thousand of them: the definition list would double the report's size).
    static func identifierLine(_ record: DecryptedRecord, sealed local: LocalMoment?, language: Language) -> String {
        let p = record.payload
        func t(_ text: Localized) -> String { text.text(language).htmlEscaped }
        func code(_ text: String) -> String { "<code>\(text.printed.htmlEscaped)</code>" }
        let sealed = local.map { TestimonyLabels.moment($0).text(language) } ?? p.sealedAt
        let parts = [
            "\(t(TestimonyLabels.record)) \(code(p.record))",
            "\(t(TestimonyLabels.desk)) « \(record.deskName.printed.htmlEscaped) » \(code(record.deskFingerprint)) (\(t(TestimonyLabels.trust(record.deskTrust))))",
            "\(t(TestimonyLabels.bundleID)) " + (record.bundleID.isEmpty ? t(TestimonyLabels.unknownValue) : code(record.bundleID)),
            "\(t(TestimonyLabels.sealed)) \(sealed.htmlEscaped) (\(code(p.sealedAt)))",
            "\(t(TestimonyLabels.payloadHash)) \(code(p.canonicalSHA256))",
        ]
        return "<p class=\"ids\">" + parts.joined(separator: " · ") + "</p>"
    }

    /// The answers section by section, with the questionnaire's labels; `private` and `contact` fields left out.
    ///
    /// Each answer `printed`: a right-to-left override or isolate that whoever sealed the testimony put in an answer
    /// would have the page show its letters or words in another order than the one sealed and hashed ("Paris" U+202E
    /// "fdp.exe" read as "Parisexe.pdf", a whole account backwards), in the exhibit and the report alike.
    static func answers(_ record: DecryptedRecord, form: Questionnaire, language: Language, heading: String = "h3") -> String {
        var html = ""
        for section in form.sections {
            let fields = section.fields.filter { !$0.has(.private) && record.payload.answers[$0.id]?.isAnswered == true }
            guard !fields.isEmpty else { continue }
            html += "<\(heading)>\(section.title.text(language).htmlEscaped)</\(heading)>\n<dl class=\"answers\">\n"
            for field in fields {
                guard let value = record.payload.answers[field.id] else { continue }
                let long = field.kind == .longtext ? " class=\"long\"" : ""
                let text = StatisticsLabels.answer(value, field: field).text(language).printed.htmlEscaped
                html += "<dt>\(field.label.text(language).htmlEscaped)</dt><dd\(long)>\(text)</dd>\n"
            }
            html += "</dl>\n"
        }
        return html
    }

    /// The evidence files in the order given: name, size and type, the SHA-256 of the original, and what the
    /// file says of its taking; empty when the testimony has none.
    static func files(_ record: DecryptedRecord, language: Language) -> String {
        guard let files = record.payload.files, !files.isEmpty else { return "" }
        var html = "<ol class=\"files\">\n"
        for file in files {
            html += "<li>\(TestimonyLabels.file(file).text(language).printed.htmlEscaped)<br>\(TestimonyLabels.fileHash.text(language).htmlEscaped) "
                + "<code class=\"hash\">\(file.sha256.htmlEscaped)</code>"
            if let capture = TestimonyLabels.capture(file.capture) { html += "<br>\(capture.text(language).printed.htmlEscaped)" }
            html += "</li>\n"
        }
        return html + "</ol>\n"
    }

    /// A shell command that recomputes the hash from `temoin team decrypt`'s JSON Lines (Docs/FORMAT.md, "Canonical payload").
    ///
    /// The line is picked by its record id, which decryption proved to be the envelope's, 32 hex digits: not by the
    /// receipt, a text whoever sealed the testimony chose — another testimony may carry it (the recipe then hashed
    /// the wrong line), and a quote in it would have ended the shell's quoting in a command an expert pastes.
    static func recipe(record: String) -> String {
        """
        temoin team decrypt --key team.key --format jsonl | grep '"record":"\(record)"' | python3 -c 'import hashlib, json, sys
        r = json.loads(sys.stdin.readline())
        for k in ("bundle", "desk_name", "desk_trust", "status"): r.pop(k)
        r.update(format="temoin-record", version=1)
        print(hashlib.sha256(json.dumps(r, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()).hexdigest())'
        """
    }
}
