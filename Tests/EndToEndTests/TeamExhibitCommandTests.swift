import Foundation
import XCTest

/// `team exhibit`, `team corroborate` and the report's pages on the built binary (issue 13, points 7 and 10).
final class TeamExhibitCommandTests: XCTestCase {
    private let key = ["--key", "team/team.key", "--passphrase-file", "team-pass", "--inbox", "inbox"]

    /// Three testimonies in one imported bundle: two of one check in Paris (one full of markup), one in Lyon.
    private func inbox() throws -> (cli: CommandRunner, receipts: [String]) {
        let cli = try CommandRunner.withTeamAndDesk(self)
        let answers = [
            #""check_date": "2026-01-12", "check_time": "18:30", "city": "PARIS 20e", "place": "Métro Barbès <script>alert('x')</script>", "account": "Il a dit \"montre\" & <img src=x onerror=alert(1)>""#,
            #""check_date": "2026-01-12", "check_time": "19:10", "city": "Paris", "place": "sortie du metro barbes", "account": "Récit""#,
            #""check_date": "2026-01-12", "check_time": "19:00", "city": "Lyon", "place": "Barbès", "account": "Récit""#,
        ]
        // Sealed by one command, well inside one clock minute: corroboration flags two testimonies one desk sealed
        // in the same minute, and separate commands on a loaded machine could straddle a minute's end.
        let second = Calendar(identifier: .gregorian).component(.second, from: Date())
        if second >= 40 { Thread.sleep(forTimeInterval: Double(61 - second)) }
        let receipts = try cli.recordExportAndImport(answers.map { #"{"answers": {"consent": "yes", "role": "checked", "# + $0 + "}}" }, together: true)
        return (cli, receipts)
    }

    /// One inbox for every check: setting up keys and a desk takes seconds.
    func testExhibitCorroborateAndReportOnOneInbox() throws {
        let (cli, receipts) = try inbox()
        try exhibitHoldsEveryIdentifierAndAHashPythonRecomputes(cli, receipt: receipts[0])
        try exhibitPrintsToPDFWithChromium(cli, receipt: receipts[0])
        try exhibitRefusesWhatItCannotDo(cli, receipt: receipts[0])
        try corroborateListsTheParisPair(cli, receipts: receipts)
        try reportHasCorroborationAndAPagePerTestimony(cli)
    }

    private func exhibitHoldsEveryIdentifierAndAHashPythonRecomputes(_ cli: CommandRunner, receipt: String) throws {
        let made = try cli.run(["team", "exhibit", receipt, "--out", "exhibit.html"] + key)
        XCTAssertEqual(made.status, 0, made.stderr)
        let html = String(decoding: try cli.read("exhibit.html"), as: UTF8.self)
        let lines = try cli.run(["team", "decrypt", "--format", "jsonl"] + key)
        XCTAssertEqual(lines.status, 0, lines.stderr)
        let line = try XCTUnwrap(lines.stdout.split(separator: "\n").first { $0.contains("\"receipt\":\"\(receipt)\"") })
        let record = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        let bundleFile = try XCTUnwrap(record["bundle"] as? String)
        let bundleID = String(bundleFile.dropLast(4).split(separator: "-").last ?? "")   // KEYID-BUNDLEID.tmn in the inbox
        XCTAssertEqual(bundleID.count, 32)
        for (label, value) in [("Reçu", "<code>\(receipt)</code>"), ("Identifiant de l&#39;enregistrement", "<code>\(record["record"] as? String ?? "?")</code>"),
                               ("Poste", "Permanence"), ("Empreinte du poste", "<code>\(record["desk"] as? String ?? "?")</code>"),
                               ("Confiance dans le poste", "non approuvé"), ("Identifiant du lot", "<code>\(bundleID)</code>")] {
            XCTAssertTrue(html.contains("<dt>\(label)</dt><dd>\(value)</dd>"), "\(label): \(value)")
        }
        // The sealing time in Paris, as Python's own tz database reads it.
        let sealedAt = try XCTUnwrap(record["sealed_at"] as? String)
        let local = try cli.runTool("/usr/bin/python3", ["-c", """
            import datetime, sys, zoneinfo
            t = datetime.datetime.strptime(sys.argv[1], "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=datetime.timezone.utc)
            print(t.astimezone(zoneinfo.ZoneInfo("Europe/Paris")).strftime("%H:%M %Z"))
            """, sealedAt])
        XCTAssertEqual(local.status, 0, local.stderr)
        let clock = local.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        XCTAssertTrue(html.contains("à \(clock) (UTC+0"), "sealed \(sealedAt) shows as \(clock) Europe/Paris")
        XCTAssertTrue(html.contains("Europe/Paris) — \(sealedAt)</dd>"))
        // The SHA-256, recomputed by hashlib from the JSON Lines line.
        let python = try cli.runTool("/usr/bin/python3", ["-c", """
            import hashlib, json, sys
            r = json.loads(sys.stdin.readline())
            for k in ("bundle", "desk_name", "desk_trust", "status"): r.pop(k)
            r.update(format="temoin-record", version=1)
            print(hashlib.sha256(json.dumps(r, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()).hexdigest())
            """], input: Data((line + "\n").utf8))
        XCTAssertEqual(python.status, 0, python.stderr)
        let hash = python.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        XCTAssertEqual(hash.count, 64)
        XCTAssertTrue(html.contains("<dt>SHA-256 du contenu canonique</dt><dd><code>\(hash)</code></dd>"), hash)
        XCTAssertTrue(made.stderr.contains(hash), "the command names the hash too")
        // The witness's words stay text.
        XCTAssertFalse(html.lowercased().contains("<script"))
        XCTAssertFalse(html.contains("<img"))
        XCTAssertTrue(html.contains("Métro Barbès &lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"))
        XCTAssertTrue(html.contains("Il a dit &quot;montre&quot; &amp; &lt;img src=x onerror=alert(1)&gt;"))
        // English, and another zone from the environment.
        let english = try cli.run(["team", "exhibit", receipt, "--out", "exhibit-en.html", "--lang", "en"] + key,
                                  environment: ["TEMOIN_TZ": "America/Cayenne"])
        XCTAssertEqual(english.status, 0, english.stderr)
        let en = String(decoding: try cli.read("exhibit-en.html"), as: UTF8.self)
        XCTAssertTrue(en.contains("<dt>Desk trust</dt><dd>not approved</dd>"))
        XCTAssertTrue(en.contains("(UTC−03:00, America/Cayenne) — \(sealedAt)"))
    }

    private func exhibitPrintsToPDFWithChromium(_ cli: CommandRunner, receipt: String) throws {
        XCTAssertTrue(FileManager.default.isExecutableFile(atPath: "/usr/bin/chromium"), "Debian's chromium is needed (make deps installs it)")
        let made = try cli.run(["team", "exhibit", receipt, "--out", "exhibit.pdf"] + key)
        XCTAssertEqual(made.status, 0, made.stderr)
        let pdf = try cli.read("exhibit.pdf")
        XCTAssertEqual(Array(pdf.prefix(5)), Array("%PDF-".utf8))
        XCTAssertGreaterThan(pdf.count, 10_000)
        let left = try FileManager.default.contentsOfDirectory(atPath: cli.folder).filter { $0.hasPrefix(".temoin-exhibit-") }
        XCTAssertEqual(left, [], "the page given to Chromium is removed")
    }

    private func exhibitRefusesWhatItCannotDo(_ cli: CommandRunner, receipt: String) throws {
        let noChromium = try cli.run(["team", "exhibit", receipt, "--out", "none.pdf"] + key, environment: ["PATH": "/nonexistent"])
        XCTAssertEqual(noChromium.status, 1)
        XCTAssertTrue(noChromium.stderr.contains("sudo apt-get install chromium"), noChromium.stderr)
        XCTAssertTrue(noChromium.stderr.contains("--out FILE.html"), noChromium.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: cli.folder + "/none.pdf"))

        let zone = try cli.run(["team", "exhibit", receipt, "--out", "z.html", "--time-zone", "Europe/Pari"] + key)
        XCTAssertEqual(zone.status, 64)
        XCTAssertTrue(zone.stderr.contains("--time-zone: “Europe/Pari” is not a time zone"), zone.stderr)
        let environment = try cli.run(["team", "exhibit", receipt, "--out", "z.html"] + key, environment: ["TEMOIN_TZ": "Mars/Olympus"])
        XCTAssertEqual(environment.status, 64)
        XCTAssertTrue(environment.stderr.contains("$TEMOIN_TZ: “Mars/Olympus”"), environment.stderr)

        let exists = try cli.run(["team", "exhibit", receipt, "--out", "exhibit.html"] + key)
        XCTAssertNotEqual(exists.status, 0, "an existing file is never replaced")
        let unknown = try cli.run(["team", "exhibit", "ZZZZ-ZZZZ", "--out", "u.html"] + key)
        XCTAssertEqual(unknown.status, 1)
        XCTAssertTrue(unknown.stderr.contains("No testimony has the receipt ZZZZ-ZZZZ"), unknown.stderr)
        let kind = try cli.run(["team", "exhibit", receipt, "--out", "exhibit.docx"] + key)
        XCTAssertEqual(kind.status, 64)
        XCTAssertTrue(kind.stderr.contains("--out must end in .html or .pdf"), kind.stderr)
    }

    private func corroborateListsTheParisPair(_ cli: CommandRunner, receipts: [String]) throws {
        let json = try cli.run(["team", "corroborate", "--format", "json"] + key)
        XCTAssertEqual(json.status, 0, json.stderr)
        let object = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let groups = try XCTUnwrap(object["groups"] as? [[String: Any]])
        XCTAssertEqual(groups.count, 1, "Lyon matches nobody")
        XCTAssertEqual(groups[0]["city"] as? String, "Paris")
        let pair = try XCTUnwrap((groups[0]["pairs"] as? [[String: Any]])?.first)
        XCTAssertEqual(pair["receipts"] as? [String], [receipts[0], receipts[1]])
        XCTAssertEqual(pair["rules"] as? [String], ["city", "date", "time", "place"])
        XCTAssertEqual(pair["same_desk_minute"] as? Bool, true, "one desk sealed both within a minute: flagged")

        let table = try cli.run(["team", "corroborate", "--lang", "en"] + key)
        XCTAssertEqual(table.status, 0, table.stderr)
        XCTAssertTrue(table.stdout.hasPrefix("Group 1: Paris, 2 testimonies\n"), table.stdout)
        XCTAssertTrue(table.stdout.contains("\(receipts[0]) ~ \(receipts[1]) : same city · the same day · 40 min apart · place: barbes"), table.stdout)
        XCTAssertTrue(table.stdout.contains("Rules: same city"), table.stdout)

        let bad = try cli.run(["team", "corroborate", "--format", "csv"] + key)
        XCTAssertEqual(bad.status, 64)
    }

    private func reportHasCorroborationAndAPagePerTestimony(_ cli: CommandRunner) throws {
        let report = try cli.run(["team", "report", "--html", "report.html"] + key)
        XCTAssertEqual(report.status, 0, report.stderr)
        let html = String(decoding: try cli.read("report.html"), as: UTF8.self)
        XCTAssertTrue(html.contains("<section id=\"corroboration\">"))
        XCTAssertTrue(html.contains("<h3>Groupe 1 : Paris, 2 témoignages</h3>"))
        XCTAssertTrue(html.contains("article.testimony { break-before: page;"))
        XCTAssertEqual(html.components(separatedBy: " · SHA-256 du contenu canonique <code>").count - 1, 3)
        XCTAssertTrue(html.contains("Europe/Paris"))
        XCTAssertFalse(html.contains("(UTC)"))
    }
}
