import Foundation
import TemoinCrypto
import TemoinForms
@testable import TemoinTeam
@testable import TemoinTeamUI
import TemoinTerminal
import XCTest

/// The team's case work and the export in the browser, driven through the model with a memory terminal:
/// n, s and t on a testimony seal a note, a status, a tag into the inbox; e exports the list shown.
final class TeamCaseUITests: TeamFixtureTestCase {
    /// A fresh inbox folder for the case work of one test.
    private func inbox() throws -> String {
        try fixture().root + "/inbox-" + UUID().uuidString
    }

    private func browsing(caseInbox: String?, language: Language = .fr, colleagues: [TeamPublicKey] = []) throws -> TeamHarness {
        let harness = TeamHarness(try fixture(), language: language, caseInbox: caseInbox, colleagues: colleagues)
        harness.unlock()
        return harness
    }

    func testANoteAStatusAndTagsAreSealedIntoTheInboxAndShown() throws {
        let folder = try inbox()
        let harness = try browsing(caseInbox: folder)
        harness.press(.enter)
        let testimony = try XCTUnwrap(harness.model.collection?.rows.first?.record)
        let receipt = testimony.payload.receipt
        assertShows(harness.screen, "── Suivi ──", "Aucune note. n : ajouter une note", "n : note · s : statut · t : étiquette · c : recoupements · ←→ · Échap : liste")
        harness.type("n")
        assertShows(harness.screen, "Ajouter une note", "Entrée : enregistrer · Échap : annuler")
        harness.type("Rappeler lundi après 18 h")
        harness.press(.enter)
        assertShows(harness.screen, "Note enregistrée, scellée aux clés de l'équipe.", "2026-03-15 18:40 UTC — Équipe :", "Rappeler lundi après 18 h")
        harness.type("s")
        assertShows(harness.screen, "Statut du témoignage", "▶ nouveau", "suivi juridique", "écarté")
        harness.press(.down, .enter)
        assertShows(harness.screen, "Statut : à rappeler.", "Statut : à rappeler (Équipe, 2026-03-15 18:40 UTC)")
        harness.type("t")
        harness.type("plainte")
        harness.press(.enter)
        harness.type("t")
        harness.type("Urgent")
        harness.press(.enter)
        assertShows(harness.screen, "Étiquette « Urgent » ajoutée.", "Étiquettes : plainte, Urgent")
        harness.type("t")
        harness.type("-Plainte")
        harness.press(.enter)
        assertShows(harness.screen, "Étiquette « Plainte » retirée.", "Étiquettes : Urgent")

        // Sealed into the inbox: the team key opens every change, in order.
        let book = try TeamInbox(directory: folder, readOnly: true).caseEvents(openingWith: [try fixture().team]).book
        XCTAssertEqual(book[testimony].status, .toCall)
        XCTAssertEqual(book[testimony].tags, ["Urgent"])
        XCTAssertEqual(book[testimony].notes.map(\.value), ["Rappeler lundi après 18 h"])
        XCTAssertEqual(book[testimony].history.count, 5)

        // The list shows the status once one is set; a new session reads it back from the inbox.
        harness.escape()
        assertShows(harness.screen, "Suivi")
        XCTAssertTrue(harness.listRows.first?.hasSuffix("à rappeler") == true, harness.screen)

        // F3 filters by the status and by the tags, with their counts over the testimonies shown.
        let statusLine = try XCTUnwrap(TeamFilterPicker.breakdowns(harness.fixture.form).firstIndex { $0.fieldID == Filter.statusID })
        harness.press(.function(3))
        for _ in 0..<statusLine { harness.press(.down) }
        harness.press(.enter)
        assertShows(harness.screen, "Statut du dossier", "nouveau  (4  80 %)", "à rappeler  (1  20 %)")
        harness.press(.down, .enter)
        assertShows(harness.screen, "Filtre : Statut du dossier = à rappeler", "1 témoignage(s) sur 5")
        XCTAssertEqual(harness.model.collection?.rows.map(\.record.payload.receipt), [receipt])
        harness.press(.function(4))
        harness.press(.function(3))
        for _ in 0...statusLine { harness.press(.down) }
        harness.press(.enter)
        assertShows(harness.screen, "Étiquette", "Urgent  (1  20 %)", "sans étiquette  (4  80 %)")
        harness.press(.down, .enter)
        assertShows(harness.screen, "Filtre : Étiquette = sans étiquette", "4 témoignage(s) sur 5")
        XCTAssertFalse(harness.model.collection?.rows.contains { $0.record.payload.receipt == receipt } ?? true)
        harness.press(.function(4))
        let again = try browsing(caseInbox: folder, language: .en)
        XCTAssertTrue(again.listRows.contains { $0.hasSuffix("to call") }, again.screen)
        again.press(.enter)
        assertShows(again.screen, "Status: to call back (Équipe, 2026-03-15 18:40 UTC)", "Tags: Urgent", "Rappeler lundi après 18 h")
    }

    /// Under a filter on the status, a status changed on a testimony applies at once: it leaves the list (the list
    /// comes back on the row that took its place, saying why); a change that keeps it matching keeps it shown.
    func testAStatusChangedUnderAStatusFilterLeavesTheListAtOnce() throws {
        let harness = try browsing(caseInbox: try inbox())
        // The first two testimonies of the list: to call back.
        harness.press(.enter)
        harness.type("s")
        harness.press(.down, .enter)
        harness.press(.right)
        harness.type("s")
        harness.press(.down, .enter)
        harness.escape()
        let statusLine = try XCTUnwrap(TeamFilterPicker.breakdowns(harness.fixture.form).firstIndex { $0.fieldID == Filter.statusID })
        harness.press(.function(3))
        for _ in 0..<statusLine { harness.press(.down) }
        harness.press(.enter)
        harness.press(.down, .enter)
        assertShows(harness.screen, "Filtre : Statut du dossier = à rappeler", "2 témoignage(s) sur 5")
        let rows = try XCTUnwrap(harness.model.collection?.rows.map(\.record.payload.receipt))
        XCTAssertEqual(rows.count, 2)

        // A tag on the first: it still matches, it stays shown.
        harness.press(.enter)
        harness.type("t")
        harness.type("plainte")
        harness.press(.enter)
        assertShows(harness.screen, "Étiquettes : plainte")
        guard case let .detail(detail) = harness.model.screen else { return XCTFail("the testimony stays shown:\n\(harness.screen)") }
        XCTAssertEqual(harness.model.collection?.rows[detail.index].record.payload.receipt, rows[0])

        // Called back: it no longer matches; the list comes back at once, on the other testimony.
        harness.type("s")
        harness.press(.down, .enter)
        assertShows(harness.flatScreen, "Statut : rappelé. \(rows[0]) a quitté la liste filtrée.",
                    "1 témoignage(s) sur 5")
        guard case .list = harness.model.screen else { return XCTFail("back to the list:\n\(harness.screen)") }
        XCTAssertEqual(harness.model.collection?.rows.map(\.record.payload.receipt), [rows[1]])
        XCTAssertEqual(harness.model.list.selection, 0)
        // The last one leaves too: an empty list, nothing selected beyond it.
        harness.press(.enter)
        harness.type("s")
        harness.press(.down, .down, .enter)
        guard case .list = harness.model.screen else { return XCTFail("back to the list:\n\(harness.screen)") }
        XCTAssertEqual(harness.model.collection?.rows.count, 0)
        assertShows(harness.screen, "0 témoignage(s) sur 5")
        // Removing the filter shows every testimony with its new status.
        harness.press(.function(4))
        XCTAssertEqual(harness.model.collection?.rows.count, 5)
    }

    /// Loading seals nothing again to the keys the inbox lists, not even to a key written into the list directly
    /// (as anyone with write access to the inbox could): the status line names them and says what to do. A
    /// colleague named with `--team-pub` is sealed the earlier work the keys open, and only that colleague.
    func testLoadingNamesTheKeysTheCaseWorkIsNotSharedWithAndSharesOnlyWithAColleagueNamed() throws {
        let folder = try inbox()
        let team = try fixture().team, camille = TeamKeyPair(name: "Camille"), mallory = TeamKeyPair(name: "Mallory")
        let box = try TeamInbox(directory: folder)
        func note(_ text: String, by key: TeamKeyPair, at seconds: TimeInterval) throws -> CaseEvent {
            try CaseEvent(kind: .note, receipt: "K7QF-29XM", record: "00112233445566778899aabbccddeeff", value: text,
                          author: key.publicKey.name, authorKey: key.publicKey.fingerprint, at: Date(timeIntervalSince1970: seconds))
        }
        try box.addCaseEvent(try note("Avant Camille", by: team, at: 1000), recipients: [team.publicKey])
        try box.addCaseEvent(try note("Camille arrive", by: camille, at: 2000), recipients: [camille.publicKey])
        try box.write { db in
            try db.execute(sql: "INSERT INTO case_recipient (public_key, name) VALUES (?, ?)", arguments: [Data(mallory.publicKey.bytes), "Mallory"])
        }
        let harness = try browsing(caseInbox: folder)
        let said = try XCTUnwrap(harness.model.message)
        XCTAssertTrue(said.isError)
        XCTAssertEqual(said.text.fr, "2 élément(s) de suivi non scellé(s) pour : \(camille.publicKey.fingerprint) (Camille), "
                       + "\(mallory.publicKey.fingerprint) (Mallory). Collègue ? temoin team share --team-pub SA-CLE.pub --key VOTRE-CLE.key ; "
                       + "clé inconnue : ne partagez pas, prévenez l'équipe.")
        assertShows(harness.flatScreen, "2 élément(s) de suivi non scellé(s) pour : \(camille.publicKey.fingerprint) (Camille)")
        XCTAssertEqual(try box.caseEvents(openingWith: [camille]).unreadable, 1, "loading sealed nothing again")
        XCTAssertEqual(try box.caseEvents(openingWith: [mallory]).unreadable, 2)

        // Browsing with --team-pub camille.pub: the earlier note is sealed to Camille, and the key listed is still named.
        let named = try browsing(caseInbox: folder, colleagues: [camille.publicKey])
        XCTAssertEqual(named.model.message?.text.fr.hasPrefix("2 élément(s) de suivi non scellé(s) pour : \(mallory.publicKey.fingerprint) (Mallory)"), true,
                       "\(String(describing: named.model.message))")
        let byCamille = try TeamInbox(directory: folder, readOnly: true).caseEvents(openingWith: [camille])
        XCTAssertEqual(byCamille.unreadable, 0)
        XCTAssertEqual(byCamille.book[record: "00112233445566778899aabbccddeeff"].notes.map(\.value), ["Avant Camille", "Camille arrive"])
        XCTAssertEqual(try box.caseEvents(openingWith: [mallory]).events, [])
    }

    func testARefusedNoteStaysInItsBoxWithTheReasonAndEscRecordsNothing() throws {
        let folder = try inbox()
        let harness = try browsing(caseInbox: folder)
        harness.press(.enter)
        harness.type("n")
        harness.press(.enter)
        assertShows(harness.screen, "Ajouter une note", "La note est vide : rien n'a été enregistré.")
        harness.type("à moitié écrite")
        assertHides(harness.screen, "La note est vide")
        harness.escape()
        assertHides(harness.screen, "Ajouter une note", "à moitié écrite")
        harness.type("t")
        harness.type(String(repeating: "x", count: 41))
        harness.press(.enter)
        assertShows(harness.screen, "n'est pas", "valable : un à 40 caractères, sur une ligne. Rien n'a été enregistré.")
        harness.press(.function(10))
        harness.type("s")
        harness.escape()
        assertShows(harness.screen, "Aucune note.")
        XCTAssertFalse(FileManager.default.fileExists(atPath: folder), "nothing was recorded")
    }

    func testWithoutAnInboxTheCaseKeysSayWhereCaseWorkIsKept() throws {
        let harness = try browsing(caseInbox: nil)
        harness.press(.enter)
        assertHides(harness.screen, "── Suivi ──")
        harness.type("n")
        assertShows(harness.flatScreen, "Le suivi s'enregistre dans la boîte de réception de l'équipe")
        XCTAssertNil(harness.model.overlay)
    }

    func testExportWritesTheListShownToTheFileTyped() throws {
        let harness = try browsing(caseInbox: nil)
        harness.press(.function(2))
        harness.type("Paris")
        harness.press(.enter)
        XCTAssertEqual(harness.listRows.count, 2)
        harness.type("e")
        assertShows(harness.screen, "Exporter la liste affichée (2 témoignage(s))", "temoignages.csv")
        let base = try fixture().root + "/export-" + UUID().uuidString
        // Replaces the file name offered with `name`, then Enter.
        func export(to name: String) {
            harness.press(.control("u"))
            harness.type(name)
            harness.press(.enter)
        }
        export(to: base + ".txt")
        assertShows(harness.screen, "Terminez le nom du fichier par .csv, .xlsx ou .jsonl.")
        export(to: base + ".csv")
        assertShows(harness.flatScreen, "2 témoignage(s) exporté(s) dans")
        XCTAssertNil(harness.model.overlay)
        let csv = try String(contentsOfFile: base + ".csv", encoding: .utf8)
        XCTAssertEqual(csv.components(separatedBy: "\r\n").filter { !$0.isEmpty }.count, 3, "the header and the two testimonies shown")
        XCTAssertTrue(csv.contains("Dans quelle ville ?") && csv.contains(";Paris;") && !csv.contains("Lyon"), csv)

        harness.type("e")
        export(to: base + ".csv")
        assertShows(harness.flatScreen, "existe déjà et n'a pas été touché")
        export(to: base + ".xlsx")
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: base + ".xlsx")).prefix(2), Data("PK".utf8))
        harness.press(.function(4))
        harness.type("e")
        export(to: base + ".jsonl")
        assertShows(harness.flatScreen, "5 témoignage(s) exporté(s)")
        XCTAssertEqual(try String(contentsOfFile: base + ".jsonl", encoding: .utf8).split(separator: "\n").count, 5)
    }
}

/// Whole frames of the case work and export screens (re-recorded with Scripts/record-snapshots).
final class TeamCaseSnapshotTests: XCTestCase {
    func testTeamCaseAndExport() throws {
        let fixture = try TeamFixture()
        defer { fixture.remove() }
        for language in Language.allCases {
            let harness = TeamHarness(fixture, language: language, caseInbox: fixture.root + "/inbox-\(language)")
            harness.unlock()
            harness.press(.enter)
            harness.type("n")
            harness.type("Rappeler lundi après 18 h")
            assertSnapshot(harness.lines, named: "team-case-note.\(language)")
            harness.press(.enter)
            harness.type("s")
            harness.press(.down, .enter)
            harness.type("t")
            harness.type("plainte")
            harness.press(.enter)
            assertSnapshot(harness.lines, named: "team-case-detail.\(language)")
            harness.escape()
            assertSnapshot(harness.lines, named: "team-case-list.\(language)")
            harness.type("e")
            assertSnapshot(harness.lines, named: "team-export.\(language)")
        }
    }
}
