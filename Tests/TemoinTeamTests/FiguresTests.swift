import Foundation
@testable import TemoinTeam
import TemoinForms
import XCTest

/// Crosstabs, `--where` clauses, city grouping and the outputs of figures (issue 13).
final class FiguresTests: XCTestCase {
    private typealias F = ReportFixtures
    private let form = ReportFixtures.form

    private func breakdown(_ name: String) throws -> Breakdown {
        try WhereClause.breakdown(named: name, form: form)
    }

    // MARK: Crosstab

    func testCrosstabCountsOnlyTestimoniesToWhichBothQuestionsApplied() throws {
        let table = Crosstab(records: F.sample, form: form, rows: try breakdown("face_photo"), columns: try breakdown("photo_consent"))
        XCTAssertEqual(table.testimonies, 3)
        XCTAssertEqual(table.leftOut, 2, "the two people not photographed were never asked about consent")
        let yes = try XCTUnwrap(table.rows.buckets.firstIndex { $0.key == .value("yes") })
        let notAsked = try XCTUnwrap(table.columns.buckets.firstIndex { $0.key == .value("not_asked") })
        XCTAssertEqual(table.cells[yes][notAsked], 2)
        XCTAssertEqual(try XCTUnwrap(table.rowPercent(yes, notAsked)), 200.0 / 3, accuracy: 0.001)
        XCTAssertEqual(table.columnPercent(yes, notAsked), 100)
        XCTAssertFalse(table.rows.buckets.contains { $0.key == .notAsked }, "no 'did not apply' row: those testimonies are left out")
        XCTAssertEqual(table.notes.first?.fr,
                       "Sur 3 témoignages où les deux questions étaient posées (2 autres laissés de côté : une des questions était sans objet).")
    }

    func testCrosstabByDeskWithAMultichoiceQuestion() throws {
        let table = Crosstab(records: F.sample, form: form, rows: try breakdown("forces"), columns: try breakdown("poste"))
        XCTAssertEqual(table.columns.buckets.map(\.label.fr), ["Bureau A (DESK-AAAA)", "Bureau B (DESK-BBBB)"])
        XCTAssertEqual(table.columns.buckets.map(\.count), [3, 2])
        let bac = try XCTUnwrap(table.rows.buckets.firstIndex { $0.key == .value("bac") })
        let national = try XCTUnwrap(table.rows.buckets.firstIndex { $0.key == .value("police_nationale") })
        XCTAssertEqual(table.cells[bac], [2, 0])
        XCTAssertEqual(table.cells[national], [1, 1])
        XCTAssertEqual(try XCTUnwrap(table.columnPercent(bac, 0)), 200.0 / 3, accuracy: 0.001)
        XCTAssertEqual(table.rowPercent(national, 1), 50)
        XCTAssertTrue(table.notes.contains(StatisticsLabels.multipleNote))
        XCTAssertEqual(table.cells.flatMap { $0 }.reduce(0, +), 7, "a testimony naming two forces counts in two rows")
    }

    // MARK: --where

    private func receipts(_ clauses: String...) throws -> [String] {
        let filter = Filter(conditions: try clauses.map { try WhereClause.condition($0, form: form) })
        return Statistics.selection(of: F.sample, form: form, filter: filter).map(\.payload.receipt)
    }

    func testWhereTakesIdsOrQuestionsAndValuesOrLabelsInEitherLanguage() throws {
        XCTAssertEqual(try receipts("forces=bac"), ["K7QF-29XM", "H4TB-CW8N"])
        XCTAssertEqual(try receipts("Quelles forces de l'ordre étaient là ?=BAC (brigade anti-criminalité)"), ["K7QF-29XM", "H4TB-CW8N"])
        XCTAssertEqual(try receipts("which police forces were there=bac (ANTI-CRIME squad)"), ["K7QF-29XM", "H4TB-CW8N"])
        XCTAssertEqual(try receipts("FORCES=bac,crs"), ["K7QF-29XM", "H4TB-CW8N", "M2ZK-7WQR"], "commas: either value")
        XCTAssertEqual(try receipts("forces=bac", "forces=police nationale"), ["K7QF-29XM"], "two clauses: both")
        XCTAssertEqual(try receipts("face_photo=oui"), ["K7QF-29XM", "H4TB-CW8N", "M2ZK-7WQR"])
        XCTAssertEqual(try receipts("photo_consent=sans objet"), ["RD3E-5PQA", "P9XC-3LMN"])
        XCTAssertEqual(try receipts("forces=non renseigné"), ["P9XC-3LMN"])
        XCTAssertEqual(try receipts("result_delay=3..10"), ["K7QF-29XM"])
        XCTAssertEqual(try receipts("result_delay=90"), ["M2ZK-7WQR"])
    }

    func testWhereOnMonthsCitiesAndDesks() throws {
        XCTAssertEqual(try receipts("month=2026-01..2026-02"), ["K7QF-29XM", "P9XC-3LMN"])
        XCTAssertEqual(try receipts("mois=2026-03"), ["H4TB-CW8N", "RD3E-5PQA", "M2ZK-7WQR"])
        XCTAssertEqual(try receipts("date=..2026-01"), ["K7QF-29XM", "P9XC-3LMN"])
        XCTAssertEqual(try receipts("check_date=2026"), F.sample.map(\.payload.receipt))
        XCTAssertEqual(try receipts("check_date=12/01/2026"), ["K7QF-29XM"])
        XCTAssertEqual(try receipts("ville=PARIS 20e"), ["K7QF-29XM", "H4TB-CW8N", "P9XC-3LMN"])
        XCTAssertEqual(try receipts("city=saint etienne"), ["RD3E-5PQA"])
        XCTAssertEqual(try receipts("desk=bureau b"), ["RD3E-5PQA", "M2ZK-7WQR"])
        XCTAssertEqual(try receipts("poste=DESK-AAAA"), ["K7QF-29XM", "H4TB-CW8N", "P9XC-3LMN"])
        XCTAssertEqual(try receipts("place=nord"), ["P9XC-3LMN"])
    }

    /// Two desks with one name (a forger's desk named like the genuine one): each bucket of "by desk" is labelled
    /// with the name and the fingerprint. Before, both read "Bureau A", in `team stats`, F3 and F6 alike.
    func testDesksOfOneNameAreToldApartByTheirFingerprint() throws {
        var records = F.sample
        records[3].deskName = "Bureau A"
        records[4].deskName = "Bureau A"
        let series = try XCTUnwrap(Statistics(records: records, form: form, breakdowns: [try breakdown("desk")]).series.first)
        XCTAssertEqual(series.buckets.filter(\.isValue).map { $0.label.fr }, ["Bureau A (DESK-AAAA)", "Bureau A (DESK-BBBB)"])
        let table = StatisticsOutput(series: [series], crosstab: nil, testimonies: 5, language: .en).render(.table)
        XCTAssertTrue(table.contains("Bureau A (DESK-AAAA)") && table.contains("Bureau A (DESK-BBBB)"), table)
        records[3].deskName = String(repeating: "Bureau A approuvé ", count: 100)
        let long = try XCTUnwrap(Statistics(records: records, form: form, breakdowns: [try breakdown("desk")]).series.first)
        XCTAssertEqual(long.buckets.filter(\.isValue).map { $0.label.fr }.last, "Bureau A approuvé Bureau A approuvé Bur… (DESK-BBBB)")
    }

    func testWhereAndByOnTheStandingOfTheDesk() throws {
        var records = F.sample
        records[2].deskTrust = .new
        let filter = Filter(conditions: [try WhereClause.condition("confiance=new", form: form)])
        XCTAssertEqual(Statistics.selection(of: records, form: form, filter: filter).map(\.payload.receipt), ["RD3E-5PQA"])
        let either = Filter(conditions: [try WhereClause.condition("trust=approved,NEW", form: form)])
        XCTAssertEqual(Statistics.selection(of: records, form: form, filter: either).count, 5)
        XCTAssertEqual(either.summary(form: form).fr, "Confiance dans le poste = poste approuvé ou = poste nouveau, pas encore approuvé")
        XCTAssertThrowsError(try WhereClause.condition("trust=maybe", form: form)) { error in
            XCTAssertTrue("\(error)".contains("Possible values: approved (poste approuvé), new"), "\(error)")
        }
        let series = try XCTUnwrap(Statistics(records: records, form: form, breakdowns: [.trust]).series.first)
        XCTAssertEqual(series.buckets.filter(\.isValue).map(\.count), [4, 1, 0, 0])
        XCTAssertEqual(Statistics(records: records, form: form).desks.map(\.trust), [.approved, .new], "each desk as first met")
        let table = Crosstab(records: records, form: form, rows: .trust, columns: try breakdown("face_photo"))
        XCTAssertEqual(table.testimonies, 5)
    }

    func testAnUnknownFieldOrValueIsAnErrorThatListsWhatExists() {
        func message(_ clause: String) -> String {
            do {
                _ = try WhereClause.condition(clause, form: form)
                return "no error"
            } catch { return error.description }
        }
        XCTAssertTrue(message("forces=riot").contains("“riot” is not a possible answer to “forces”"), message("forces=riot"))
        XCTAssertTrue(message("forces=riot").contains("bac (BAC (brigade anti-criminalité))"))
        XCTAssertTrue(message("nosuch=1").contains("no field “nosuch”"))
        XCTAssertTrue(message("nosuch=1").contains("face_photo") && message("nosuch=1").contains("desk (poste)"))
        XCTAssertEqual(message("nosuch=1").components(separatedBy: "city").count - 1, 1, "the city field is listed once, as city (ville): \(message("nosuch=1"))")
        XCTAssertTrue(message("face_photo=peut-être").contains("not a possible answer"))
        XCTAssertTrue(message("check_date=hier").contains("not a date"))
        XCTAssertTrue(message("result_delay=vite").contains("not a number"))
        XCTAssertTrue(message("face_photo").contains("FIELD=VALUE"))
    }

    func testAFreeTextValueThatNothingHasIsReportedWithTheValuesPresent() throws {
        let typo = try WhereClause.condition("city=Pari", form: form)
        let error = try XCTUnwrap(WhereClause.unmatched([typo], records: F.sample, form: form))
        XCTAssertTrue(error.message.en.contains("Values present: Paris (3), Lyon (1), Saint-Étienne (1)"), error.message.en)
        XCTAssertNil(WhereClause.unmatched([try WhereClause.condition("city=paris", form: form)], records: F.sample, form: form))
        let desk = try WhereClause.condition("desk=Bureau C", form: form)
        XCTAssertTrue(WhereClause.unmatched([desk], records: F.sample, form: form)?.message.en.contains("Bureau A (DESK-AAAA) (3)") == true)
        let choice = try WhereClause.condition("forces=customs", form: form)
        XCTAssertNil(WhereClause.unmatched([choice], records: F.sample, form: form), "a valid choice nobody ticked is a finding: 0")
    }

    // MARK: Cities

    func testCitiesAreGroupedByTheDocumentedRules() {
        for paris in ["PARIS 20e", "Paris 20ème", "paris", "75020 Paris", "Paris (20e)", "Paris 20e arrondissement", "Paris 1er", "PARIS CEDEX 08"] {
            XCTAssertEqual(CityName.key(of: paris), "paris", paris)
        }
        XCTAssertEqual(CityName.key(of: "Marseille 13003"), "marseille")
        XCTAssertEqual(CityName.key(of: "Lyon 3e"), "lyon")
        XCTAssertEqual(CityName.key(of: "Saint-Étienne"), CityName.key(of: "saint etienne"))
        XCTAssertEqual(CityName.key(of: "L’Haÿ-les-Roses"), "l hay les roses")
        XCTAssertEqual(CityName.key(of: "20"), "20", "a number alone is kept")
        XCTAssertEqual(CityName.base(of: "Marseille 13003"), "Marseille")
        let records = ["PARIS 20e", "Paris 20ème", "paris", "Marseille 13003", "Marseille"].map { F.record(F.answers(city: $0, date: "2026-03")) }
        let city = Statistics(records: records, form: form).series("city")
        XCTAssertEqual(city?.buckets.filter(\.isValue).map(\.label.fr), ["Paris", "Marseille"])
        XCTAssertEqual(city?.buckets.filter(\.isValue).map(\.count), [3, 2])
        XCTAssertEqual(records[0].payload.answers["city"], .text("PARIS 20e"), "the raw text is kept")
    }

    func testWholeNumbersAreCountedByValueInAscendingOrder() throws {
        let counts: [AnswerValue] = [.number(10), .number(2), .number(2), .number(1)]
        let records = counts.map { F.record(F.answers(city: "Lyon", date: "2026-03", ["officer_count": $0])) }
        let series = try XCTUnwrap(Statistics(records: records, form: form, breakdowns: [try breakdown("officer_count")]).series.first)
        XCTAssertEqual(series.buckets.map(\.key), [.value("1"), .value("2"), .value("10"), .notAnswered])
        XCTAssertEqual(series.buckets.map(\.count), [1, 2, 1, 0])
    }

    // MARK: Outputs

    func testStatsJSONHasOneObjectPerQuestionWithItsDenominator() throws {
        let statistics = Statistics(records: F.sample, form: form, breakdowns: [try breakdown("photo_consent"), try breakdown("desk")])
        let text = StatisticsOutput(series: statistics.series, crosstab: nil, testimonies: 5, language: .fr).render(.json)
        let objects = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(text.utf8)) as? [[String: Any]])
        XCTAssertEqual(objects.count, 2)
        XCTAssertEqual(objects[0]["field"] as? String, "photo_consent")
        XCTAssertEqual(objects[0]["asked"] as? Int, 3)
        XCTAssertEqual(objects[0]["not_asked"] as? Int, 2)
        XCTAssertEqual(objects[0]["caution"] as? Bool, true)
        XCTAssertEqual((objects[0]["counts"] as? [String: Int])?["not_asked"], 2, "the choice “not asked”, not the bucket")
        XCTAssertEqual((objects[0]["buckets"] as? [[String: Any]])?.first?["percent"] as? Double, 66.7)
        XCTAssertEqual(objects[1]["field"] as? String, "desk")
        XCTAssertEqual(objects[1]["counts"] as? [String: Int], ["DESK-AAAA": 3, "DESK-BBBB": 2])
        let csv = StatisticsOutput(series: statistics.series, crosstab: nil, testimonies: 5, language: .fr).render(.csv)
        XCTAssertTrue(csv.hasPrefix("field,question,value,label,count,percent,asked,testimonies,multiple,caution\r\n"))
        XCTAssertTrue(csv.contains("photo_consent,Vous a-t-on demandé votre accord avant la photo ?,not_asked,\"Non, on ne me l'a pas demandé\",2,66.7,3,5,false,true\r\n"), csv)
        XCTAssertTrue(csv.contains("photo_consent,Vous a-t-on demandé votre accord avant la photo ?,(not_asked),question sans objet,2,,3,5,false,true\r\n"), csv)
    }

    func testStatsCrosstabAsJSONTableAndCSV() throws {
        let rows = try breakdown("face_photo"), columns = try breakdown("photo_consent")
        let statistics = Statistics(records: F.sample, form: form, breakdowns: [rows, columns])
        let output = StatisticsOutput(series: statistics.series, crosstab: Crosstab(records: F.sample, form: form, rows: rows, columns: columns),
                                      testimonies: 5, language: .en, separator: ";")
        let objects = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(output.render(.json).utf8)) as? [[String: Any]])
        XCTAssertEqual(objects.map { $0["field"] as? String }, ["face_photo", "photo_consent"])
        let by = try XCTUnwrap(objects[0]["by"] as? [String: Any])
        XCTAssertEqual(by["field"] as? String, "photo_consent")
        XCTAssertEqual(by["asked"] as? Int, 3)
        let yes = try XCTUnwrap((by["rows"] as? [[String: Any]])?.first { $0["value"] as? String == "yes" })
        let cell = try XCTUnwrap((yes["cells"] as? [[String: Any]])?.first { $0["value"] as? String == "not_asked" })
        XCTAssertEqual(cell["count"] as? Int, 2)
        XCTAssertEqual(cell["row_percent"] as? Double, 66.7)
        XCTAssertTrue(output.render(.csv).contains("face_photo;yes;yes;photo_consent;not_asked;No, I was not asked;2;66.7;100.0;3;2;3;2\r\n"),
                      output.render(.csv))
        XCTAssertTrue(output.render(.table).contains("In each cell: count (% of the row · % of the column)."))
    }

    func testLabelledCSVForFrenchSpreadsheets() throws {
        var bytes: [UInt8] = []
        let output = RecordOutput(format: .csv, form: form, labels: .fr, separator: ";") { bytes += $0 }
        try output.append(F.sample[1])
        try output.finish()
        let lines = String(decoding: bytes, as: UTF8.self).components(separatedBy: "\r\n")
        let header = lines[0].components(separatedBy: ";"), row = lines[1].components(separatedBy: ";")
        let date = try XCTUnwrap(header.firstIndex(of: "Quel jour a eu lieu le contrôle ?"))
        XCTAssertEqual(header[date + 1], "Quel jour a eu lieu le contrôle ? (précision)")
        XCTAssertEqual(row[date], "2026-03-01", "a month-only date is the first of its month…")
        XCTAssertEqual(row[date + 1], "mois", "…and says so")
        let photo = try XCTUnwrap(header.firstIndex(of: "Les agents ont-ils pris votre visage en photo ?"))
        XCTAssertEqual(row[photo], "oui")
        let bac = try XCTUnwrap(header.firstIndex(of: "Quelles forces de l'ordre étaient là ? : BAC (brigade anti-criminalité)"))
        XCTAssertEqual(row[bac], "oui")
        XCTAssertEqual(row[header.firstIndex(of: "reçu")!], "H4TB-CW8N")
        XCTAssertEqual(header.last, "autres réponses (hors du questionnaire)")
        var other: [UInt8] = []
        let unknown = RecordOutput(format: .csv, form: form, labels: .en) { other += $0 }
        try unknown.append(F.record(F.answers(city: "Lyon", date: "2026-03", ["old_field": .text("kept")])))
        XCTAssertTrue(String(decoding: other, as: UTF8.self).contains(#""{""old_field"":""kept""}""#), "an answer the questionnaire lacks is kept")
    }

    func testXLSXReadsBackWithOpenpyxl() throws {
        let python = "/usr/bin/python3"
        let folder = NSTemporaryDirectory() + "temoin-xlsx-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/t.xlsx"
        let writer = try XLSXWriter(path: path, form: form, labels: .fr)
        let hostile = F.record(F.answers(city: "=HYPERLINK(\"http://x\")", date: "2026-02", ["place": .text("bip\u{07} \u{01}fin"),
                                                                                              "account": .text(String(repeating: "é", count: 40_000))]),
                               receipt: "ZZZZ-ZZZZ")
        for record in F.sample + [hostile] { try writer.append(record) }
        try writer.finish()
        XCTAssertThrowsError(try XLSXWriter(path: path, form: form, labels: .fr), "an existing file is never replaced")
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: folder), ["t.xlsx"], "no temporary file left")
        let script = """
        import sys, json, datetime, openpyxl
        wb = openpyxl.load_workbook(sys.argv[1])
        ws = wb["Témoignages"]
        header = [c.value for c in ws[1]]
        col = header.index("Quel jour a eu lieu le contrôle ?")
        rows = list(ws.iter_rows(min_row=2, values_only=True))
        figures = [[c for c in r] for r in wb["Chiffres"].iter_rows(values_only=True)]
        print(json.dumps({"sheets": wb.sheetnames, "freeze": ws.freeze_panes, "filter": ws.auto_filter.ref, "rows": len(rows),
          "date": rows[1][col].isoformat() if isinstance(rows[1][col], datetime.datetime) else repr(rows[1][col]),
          "precision": rows[1][col + 1], "receipt": rows[1][header.index("reçu")],
          "figures": [r for r in figures if r[1] == "Non, on ne me l'a pas demandé"],
          "formula": rows[5][header.index("Dans quelle ville ?")], "place": rows[5][header.index("Où exactement ?")],
          "account": len(rows[5][header.index("Racontez-nous le contrôle avec vos mots, du début à la fin.")])}))
        """
        let process = Process()
        process.executableURL = URL(fileURLWithPath: python)
        process.arguments = ["-c", script, path]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let output = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        XCTAssertEqual(process.terminationStatus, 0, "python3-openpyxl reads the workbook")
        let read = try XCTUnwrap(JSONSerialization.jsonObject(with: output) as? [String: Any])
        XCTAssertEqual(read["sheets"] as? [String], ["Témoignages", "Chiffres"])
        XCTAssertEqual(read["freeze"] as? String, "A2")
        XCTAssertTrue((read["filter"] as? String)?.hasPrefix("A1:") == true && (read["filter"] as? String)?.hasSuffix("7") == true,
                      "\(read["filter"] ?? "none")")
        XCTAssertEqual(read["rows"] as? Int, 6)
        XCTAssertEqual(read["formula"] as? String, "=HYPERLINK(\"http://x\")", "text, never a formula")
        XCTAssertEqual(read["place"] as? String, "bip_x0007_ _x0001_fin", "control characters escaped as OOXML says (Excel decodes them)")
        XCTAssertLessThanOrEqual(try XCTUnwrap(read["account"] as? Int), 32_767, "cut to what a cell holds")
        XCTAssertEqual(read["date"] as? String, "2026-03-01T00:00:00", "a real date, the first of the month")
        XCTAssertEqual(read["precision"] as? String, "mois")
        XCTAssertEqual(read["receipt"] as? String, "H4TB-CW8N")
        let figure = try XCTUnwrap((read["figures"] as? [[Any]])?.first)
        XCTAssertEqual(figure[0] as? String, "photo_consent")
        XCTAssertEqual(figure[2] as? Int, 2)
        XCTAssertEqual(try XCTUnwrap(figure[3] as? Double), 2.0 / 3, accuracy: 0.0001, "a share of the 3 asked, as a percentage cell")
    }
}

/// A questionnaire the team replaced, with other ids: its roles, not the built-in ids, drive the figures.
final class ReplacedQuestionnaireTests: XCTestCase {
    func testFiguresFollowTheRolesOfAnotherQuestionnaire() throws {
        func l(_ text: String) -> String { #"{"fr": "\#(text)", "en": "\#(text)"}"# }
        let json = """
        {"id": "autre", "version": 3, "title": \(l("Autre")), "sections": [{"id": "s", "title": \(l("S")), "fields": [
          {"id": "jour", "kind": "date", "label": \(l("Quand ?")), "roles": ["date", "charted"]},
          {"id": "commune", "kind": "text", "label": \(l("Où ?")), "roles": ["city", "charted", "listed"]},
          {"id": "telephone", "kind": "text", "label": \(l("Téléphone")), "roles": ["contact"]},
          {"id": "attente", "kind": "number", "label": \(l("Attente ?")), "roles": ["minutes", "charted"]}]}]}
        """
        let form = try Questionnaire(jsonData: Data(json.utf8))
        let answers: [Answers] = [
            ["jour": .text("2026-05-02"), "commune": .text("Lille 59000"), "telephone": .text("06 99"), "attente": .text("4")],
            ["jour": .text("2026-05"), "commune": .text("LILLE"), "attente": .text("30")],
        ]
        let records = answers.enumerated().map { index, answers in ReportFixtures.record(answers, receipt: "R\(index)") }
        let stats = Statistics(records: records, form: form)
        XCTAssertEqual(stats.series.map(\.breakdown.fieldID), ["jour", "commune", "attente"])
        XCTAssertEqual(stats.series("commune")?.buckets.first?.count, 2, "grouped as a city")
        XCTAssertEqual(stats.series("jour")?.buckets.first?.key, .value("2026-05"))
        XCTAssertEqual(stats.series("attente")?.buckets.filter { $0.count > 0 }.map(\.key), [.value("3-5"), .value("21-60")])
        let html = HTMLReport(records: records, form: form).render()
        XCTAssertFalse(html.contains("06 99"), "a contact field stays out of the report")
        XCTAssertTrue(html.contains("<th scope=\"col\">Quand ?</th><th scope=\"col\">Où ?</th>"), "the list: the date, then the listed fields")
        XCTAssertEqual(try WhereClause.breakdown(named: "mois", form: form).fieldID, "jour")
        XCTAssertEqual(try WhereClause.breakdown(named: "ville", form: form).fieldID, "commune")
    }
}
