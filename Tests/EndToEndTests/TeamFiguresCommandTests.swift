import Foundation
import XCTest

/// `team stats`, `--where`, `--crosstab`, labelled CSV and XLSX on the built binary (issue 13).
final class TeamFiguresCommandTests: XCTestCase {
    private let key = ["--key", "team/team.key", "--passphrase-file", "team-pass", "--inbox", "inbox"]

    /// Three testimonies in one bundle, imported: two photographed in Paris ("PARIS 20e", "Paris"), one not, in Lyon.
    private func inbox() throws -> CommandRunner {
        let cli = try CommandRunner.withTeamAndDesk(self)
        let answers = [
            #""check_date": "2026-01-12", "city": "PARIS 20e", "forces": ["bac"], "face_photo": "yes", "photo_consent": "not_asked""#,
            #""check_date": "2026-03", "city": "Paris", "forces": ["bac", "crs"], "face_photo": "yes", "photo_consent": "asked_agreed""#,
            #""check_date": "2026-03-02", "city": "Lyon 3e", "forces": ["gendarmerie"], "face_photo": "no""#,
        ]
        try cli.recordExportAndImport(answers.map { #"{"answers": {"consent": "yes", "role": "checked", "account": "Récit", "# + $0 + "}}" })
        return cli
    }

    /// One inbox for every check: setting up keys and a desk takes seconds.
    func testStatsReportAndDecryptOnOneInbox() throws {
        let cli = try inbox()
        try statsGiveDenominatorsCrosstabsAndRefuseUnknownNames(cli)
        try reportAndDecryptTakeWhereAndCrosstab(cli)
    }

    private func statsGiveDenominatorsCrosstabsAndRefuseUnknownNames(_ cli: CommandRunner) throws {
        let json = try cli.run(["team", "stats", "--by", "photo_consent", "--by", "ville", "--format", "json"] + key)
        XCTAssertEqual(json.status, 0, json.stderr)
        let objects = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: Any]])
        XCTAssertEqual(objects.map { $0["field"] as? String }, ["photo_consent", "city"])
        XCTAssertEqual(objects[0]["asked"] as? Int, 2, "consent for the photo is asked of the two people photographed")
        XCTAssertEqual(objects[0]["not_asked"] as? Int, 1)
        XCTAssertEqual((objects[0]["counts"] as? [String: Int])?["not_asked"], 1)
        XCTAssertEqual(objects[1]["counts"] as? [String: Int], ["paris": 2, "lyon": 1], "PARIS 20e and Paris are one city")
        let by = try XCTUnwrap(objects[0]["by"] as? [String: Any])
        XCTAssertEqual(by["field"] as? String, "city")
        XCTAssertEqual(by["asked"] as? Int, 2)

        let table = try cli.run(["team", "stats", "--by", "Les agents ont-ils pris votre visage en photo ?", "--lang", "en"] + key)
        XCTAssertEqual(table.status, 0, table.stderr)
        XCTAssertTrue(table.stdout.contains("Did the officers take a photo of your face?"), table.stdout)
        XCTAssertTrue(table.stdout.contains("Percentages of 3 testimonies."), table.stdout)

        let csv = try cli.run(["team", "stats", "--by", "face_photo", "--by", "desk", "--format", "csv", "--separator", ";"] + key)
        XCTAssertEqual(csv.status, 0, csv.stderr)
        XCTAssertTrue(csv.stdout.hasPrefix("row_field;row_value;row_label;column_field;"), csv.stdout)

        let filtered = try cli.run(["team", "stats", "--by", "city", "--where", "forces=BAC", "--where", "mois=2026-01..2026-03", "--format", "json"] + key)
        XCTAssertEqual(filtered.status, 0, filtered.stderr)
        let city = try XCTUnwrap((JSONSerialization.jsonObject(with: Data(filtered.stdout.utf8)) as? [[String: Any]])?.first)
        XCTAssertEqual(city["counts"] as? [String: Int], ["paris": 2])

        for (arguments, words) in [
            (["--where", "forces=riot"], "« riot » n'est pas une réponse possible à « forces »"),
            (["--where", "forces=riot", "--lang", "en"], "“riot” is not a possible answer to “forces”"),
            (["--where", "face_photo=oui", "--where", "nosuch=1"], "aucune question « nosuch »"),
            (["--by", "nosuch", "--lang", "en"], "no field “nosuch”"),
            (["--where", "city=Marseile"], "Valeurs présentes : Paris (2), Lyon (1)"),
        ] {
            let refused = try cli.run(["team", "stats"] + arguments + key)
            XCTAssertEqual(refused.status, 64, "\(arguments): \(refused.stderr)")
            XCTAssertTrue(refused.stderr.contains(words), refused.stderr)
            XCTAssertEqual(refused.stdout, "")
        }
    }

    private func reportAndDecryptTakeWhereAndCrosstab(_ cli: CommandRunner) throws {
        let report = try cli.run(["team", "report", "--html", "r.html", "--crosstab", "face_photo,city", "--where", "face_photo=yes"] + key)
        XCTAssertEqual(report.status, 0, report.stderr)
        let html = String(decoding: try cli.read("r.html"), as: UTF8.self)
        XCTAssertTrue(html.contains("<section id=\"crosstabs\">"))
        XCTAssertTrue(html.contains("<strong>2</strong> témoignages"))
        let refused = try cli.run(["team", "report", "--html", "s.html", "--where", "face_photo=peut-être"] + key)
        XCTAssertEqual(refused.status, 64, refused.stderr)
        XCTAssertTrue(refused.stderr.contains("yes (oui), no (non), unknown (je ne sais pas)"), refused.stderr)
        XCTAssertThrowsError(try cli.read("s.html"), "no report is written")

        let csv = try cli.run(["team", "decrypt", "--format", "csv", "--labels", "fr", "--separator", ";", "--where", "city=paris"] + key)
        XCTAssertEqual(csv.status, 0, csv.stderr)
        let lines = csv.stdout.components(separatedBy: "\r\n").filter { !$0.isEmpty }
        XCTAssertEqual(lines.count, 3, "the header and the two Paris testimonies")
        XCTAssertTrue(lines[0].contains(";Quel jour a eu lieu le contrôle ?;Quel jour a eu lieu le contrôle ? (précision);"), lines[0])
        XCTAssertTrue(lines.contains { $0.contains(";2026-03-01;mois;") }, csv.stdout)
        XCTAssertTrue(lines.contains { $0.contains(";PARIS 20e;") }, "the raw city is kept")
        let none = try cli.run(["team", "decrypt", "--where", "desk=Nowhere"] + key)
        XCTAssertEqual(none.status, 64, none.stderr)

        let xlsx = try cli.run(["team", "decrypt", "--format", "xlsx", "--labels", "en", "--out", "t.xlsx"] + key)
        XCTAssertEqual(xlsx.status, 0, xlsx.stderr)
        let script = """
        import sys, openpyxl
        wb = openpyxl.load_workbook(sys.argv[1])
        ws = wb["Testimonies"]
        print(wb.sheetnames, ws.freeze_panes, ws.auto_filter.ref, ws.max_row)
        """
        let read = try cli.runTool("/usr/bin/python3", ["-c", script, "t.xlsx"])
        XCTAssertEqual(read.status, 0, read.stderr)
        XCTAssertTrue(read.stdout.hasPrefix("['Testimonies', 'Figures'] A2 A1:"), read.stdout)
        XCTAssertTrue(read.stdout.hasSuffix(" 4\n"), read.stdout)
        let again = try cli.run(["team", "decrypt", "--format", "xlsx", "--out", "t.xlsx"] + key)
        XCTAssertNotEqual(again.status, 0, "an existing file is never replaced")
        XCTAssertEqual(try cli.run(["team", "decrypt", "--format", "xlsx"] + key).status, 64, "xlsx needs --out")
    }
}
