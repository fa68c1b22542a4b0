import Foundation
@testable import TemoinDeskUI
@testable import TemoinFormat
import TemoinForms
import TemoinStorage
@testable import TemoinTeam
@testable import TemoinTeamUI
import TemoinTerminal
@testable import TemoinUIKit
import XCTest

/// The team's analysis UI in the memory terminal, over real bundles.
final class TeamBrowseUITests: TeamFixtureTestCase {
    /// An unlocked session with the five testimonies listed.
    private func browsing(size: Size = Size(width: 80, height: 24), language: Language = .fr) throws -> TeamHarness {
        let harness = TeamHarness(try fixture(), size: size, language: language)
        harness.unlock()
        return harness
    }

    // MARK: Unlock and loading

    func testWrongPassphraseIsSaidThenTheRightOneOpensTheList() throws {
        let harness = TeamHarness(try fixture())
        assertShows(harness.screen, "Témoin — équipe juridique", "Phrase de passe de la clé d'équipe « Équipe »",
                    "Empreinte : " + harness.fixture.team.publicKey.fingerprint, "F10 Quitter")
        harness.type("mauvaise phrase")
        assertHides(harness.screen, "mauvaise")
        assertShows(harness.screen, "•••••••••••••••")
        harness.press(.enter)
        assertShows(harness.flatScreen, "Phrase de passe incorrecte")
        XCTAssertNil(harness.model.collection)
        harness.unlock()
        assertShows(harness.screen, "5 témoignage(s) sur 5", "1 Date ▼", "2 Ville", "3 Quelles forces", "4 Les age…", "5 Comment le contrôl…")
        XCTAssertEqual(harness.listRows.count, 5)
        assertHides(harness.screen, "Phrase de passe incorrecte")
    }

    func testLoadingShowsAProgressBarBeforeTheList() throws {
        let harness = TeamHarness(try fixture(), locked: false, expectedRecords: 5)
        let loading = harness.terminal.frames.first?.text ?? ""
        assertShows(loading, "Ouverture des témoignages", "0 enregistrement(s) lus sur 5", "0 %", "[░░░")
        harness.waitUntilLoaded()
        assertShows(harness.screen, "5 témoignage(s) sur 5")

        var model = TeamModel(configuration: TeamConfiguration(language: .en, form: harness.fixture.form, expectedRecords: 10),
                              lockedKeys: [], size: Size(width: 80, height: 24))
        XCTAssertEqual(model.receive(.progress(done: 4)).count, 0)
        assertShows(model.view().text, "Opening the testimonies", "4 of 10 record(s) read", "40%", "[████")
        _ = model.receive(.loadFailed(Localized(fr: "disque illisible", en: "unreadable disk")))
        assertShows(model.view().text, "Loading failed:", "unreadable disk")
    }

    // MARK: List

    func testListSortsByColumnWithDigitsAndF7() throws {
        let harness = try browsing()
        XCTAssertTrue(harness.listRows.first?.hasPrefix("28/03/2026  Paris") == true, harness.screen)
        XCTAssertTrue(harness.listRows.last?.hasPrefix("12/01/2026  Paris") == true, harness.screen)
        harness.type("2")
        assertShows(harness.screen, "2 Ville ▲")
        XCTAssertEqual(harness.listRows.map { $0.split(separator: " ")[1] }, ["Lille", "Lyon", "Marseille", "Paris", "Paris"])
        harness.type("2")
        assertShows(harness.screen, "2 Ville ▼")
        XCTAssertEqual(harness.listRows.first?.split(separator: " ")[1], "Paris")
        harness.type("1")
        assertShows(harness.screen, "1 Date ▼")
        harness.type("1")
        assertShows(harness.screen, "1 Date ▲")
        XCTAssertTrue(harness.listRows.first?.hasPrefix("12/01/2026") == true, harness.screen)
        harness.press(.function(7))
        assertShows(harness.screen, "2 Ville ▲")
        harness.type("5")
        assertShows(harness.screen, "5 Comment le contr… ▲")
        XCTAssertTrue(harness.listRows.first?.contains("Marseille") == true, harness.screen)
    }

    func testSearchNarrowsTheListAndTheChartsAndEscPutsItBack() throws {
        let harness = try browsing()
        harness.press(.function(2))
        assertShows(harness.screen, "Chercher :", "Entrée : valider")
        harness.type("TABLETTE")
        assertShows(harness.screen, "1 témoignage(s) sur 5")
        XCTAssertEqual(harness.listRows.count, 1)
        harness.press(.enter)
        assertShows(harness.screen, "Filtre : recherche « TABLETTE »")
        harness.press(.function(5))
        assertShows(harness.screen, "Quel jour a eu lieu le contrôle ?", "Pourcentages sur 1 témoignage.", "100 %")
        harness.press(.function(5))
        harness.type("/")
        harness.press(.control("u"))
        harness.type("lyon")
        XCTAssertEqual(harness.listRows.count, 1)
        XCTAssertTrue(harness.listRows.first?.contains("Lyon") == true)
        harness.escape()
        assertShows(harness.screen, "Filtre : recherche « TABLETTE »")
        harness.type("/")
        harness.type("introuvable")
        assertShows(harness.flatScreen, "Aucun témoignage ne correspond au filtre")
        harness.press(.function(4))
        assertShows(harness.screen, "5 témoignage(s) sur 5", "Filtre retiré")
    }

    func testFilterByAnswerPicksAQuestionThenAValue() throws {
        let harness = try browsing()
        harness.press(.function(3))
        assertShows(harness.screen, "Filtrer par réponse", "▶ Êtes-vous d'accord pour que votre témoignage", "Étiez-vous la personne contrôlée")
        harness.press(.end)
        assertShows(harness.screen, "▶ Étiquette", "Statut du dossier", "Confiance dans le poste", "Poste d'accueil")
        harness.press(.home)
        let forces = try XCTUnwrap(TeamFilterPicker.breakdowns(harness.fixture.form).firstIndex { $0.fieldID == "forces" })
        for _ in 0..<forces { harness.press(.down) }
        harness.press(.enter)
        assertShows(harness.screen, "Quelles forces de l'ordre étaient là ?", "BAC (brigade anti-criminalité)  (2  40 %)",
                    "Gendarmerie  (1  20 %)", "Pourcentages sur 5 témoignages.")
        harness.press(.enter)
        assertShows(harness.screen, "Filtre : Quelles forces de l'ordre étaient là ? = BAC (brigade anti-crimi", "2 témoignage(s) sur 5")
        XCTAssertEqual(harness.listRows.count, 2)
        harness.press(.function(5))
        assertShows(harness.screen, "Pourcentages sur 2 témoignages.", "Attention : moins de 30 réponses (2)")
        harness.press(.function(3))
        harness.escape()
        assertHides(harness.screen, "Filtrer par réponse")
    }

    // MARK: Detail

    func testDetailShowsSectionsWrapsAndScrollsTheAccount() throws {
        let harness = try browsing()
        harness.press(.end, .enter)
        assertShows(harness.screen, "Témoignage 5 sur 5", "Reçu ", "Poste « Permanence Belleville »", "── Accord et personne ──",
                    "── Quand et où ──", "Dans quelle ville", "12 janvier 2026", "Police nationale, BAC (brigade anti-criminalité)")
        assertHides(harness.screen, "FIN DU RÉCIT")
        XCTAssertTrue(harness.lines.allSatisfy { DisplayWidth.of($0) <= 80 })
        harness.press(.end)
        assertShows(harness.screen, "── Le récit ──", "FIN DU RÉCIT.")
        assertShows(harness.flatScreen, "l'un tenait une tablette noire")
        harness.press(.home)
        assertShows(harness.screen, "── Accord et personne ──")
        harness.press(.left)
        assertShows(harness.screen, "Témoignage 4 sur 5")
        harness.escape()
        assertShows(harness.screen, "1 Date ▼")
        XCTAssertEqual(harness.model.list.selection, 3)
    }

    /// A desk not approved yet: every row is marked `?`, the detail says so, the status line counts them.
    func testTestimoniesOfADeskNotApprovedAreMarkedInTheListAndTheDetail() throws {
        let harness = TeamHarness(try fixture(), language: .en, deskTrust: .new)
        harness.unlock()
        XCTAssertEqual(harness.listRows.count, 5, harness.screen)
        XCTAssertTrue(harness.lines[TeamListScreen.firstRow..<TeamListScreen.firstRow + 5].allSatisfy { $0.hasPrefix("?") }, harness.screen)
        assertShows(harness.screen, "5 from desks not approved (?)")
        harness.press(.enter)
        assertShows(harness.screen, "Desk NOT APPROVED yet: check its fingerprint by phone")
        let approved = try browsing()
        XCTAssertFalse(approved.lines.contains { $0.hasPrefix("?") || $0.hasPrefix("!") }, approved.screen)
    }

    // MARK: Charts

    func testChartsDrawBarsWithCountsAndPercentAndABarFilters() throws {
        let harness = try browsing(size: Size(width: 100, height: 30))
        harness.press(.function(5))
        assertShows(harness.screen, "Quel jour a eu lieu le contrôle ?", "Dans quelle ville ?", "Pourcentages sur 5 témoignages.")
        let paris = try XCTUnwrap(harness.lines.first { $0.contains("Paris") })
        XCTAssertTrue(paris.contains("█") && paris.hasSuffix("2  40 %"), paris)
        let lille = try XCTUnwrap(harness.lines.first { $0.contains("Lille") })
        XCTAssertLessThan(lille.filter { $0 == "█" }.count, paris.filter { $0 == "█" }.count)
        while harness.lines.first(where: { $0.contains("▶") })?.contains("Paris") != true { harness.press(.down) }
        harness.press(.enter)
        assertShows(harness.screen, "Filtre : Dans quelle ville ? = Paris", "2 témoignage(s) sur 5", "Filtre ajouté", "Pourcentages sur 2 témoignages.")
        harness.press(.down, .down, .down, .down, .down, .down, .down, .down)
        harness.press(.pageDown)
        assertShows(harness.screen, "▶")
        harness.press(.function(10))
        XCTAssertEqual(harness.listRows.count, 2)
        XCTAssertTrue(harness.listRows.allSatisfy { $0.contains("Paris") })
    }

    func testEscapeThenDigitIsAFunctionKey() throws {
        let harness = try browsing()
        harness.press(.escape, .character("5"))
        assertShows(harness.screen, "Dans quelle ville ?")
        harness.press(.escape, .character("0"))
        assertShows(harness.screen, "1 Date ▼")
        harness.press(.escape, .character("1"))
        assertShows(harness.screen, "Touches", "Échap 1 = F1")
        harness.type("x")
        assertHides(harness.screen, "Touches")
        harness.press(.escape, .character("0"))
        XCTAssertTrue(harness.runner.isFinished)
    }

    // MARK: Languages and sizes

    func testEnglishAndTheLanguageSwitch() throws {
        let harness = TeamHarness(try fixture(), language: .en)
        assertShows(harness.screen, "Témoin — legal team", "Passphrase of the team key “Équipe”", "F10 Quit")
        harness.type("wrong")
        harness.press(.enter)
        assertShows(harness.flatScreen, "Wrong passphrase")
        harness.unlock()
        assertShows(harness.screen, "5 of 5 testimony(ies)", "1 Date ▼", "2 City", "5 How did the check", "F2 Search", "F10 Quit")
        assertShows(harness.screen, "2026-03-28")
        harness.press(.function(5))
        assertShows(harness.screen, "In which town or city?", "Percentages of 5 testimonies.", "40%")
        harness.press(.function(9))
        assertShows(harness.screen, "Dans quelle ville ?", "Pourcentages sur 5 témoignages.", "40 %")
    }

    func testLayoutsAt80x24And100x30AndTooSmall() throws {
        for size in [Size(width: 80, height: 24), Size(width: 100, height: 30)] {
            let harness = try browsing(size: size)
            XCTAssertEqual(harness.lines.count, size.height)
            XCTAssertTrue(harness.lines.last?.hasPrefix("F1 Aide") == true)
            XCTAssertTrue(harness.lines.last?.hasSuffix("F10 Quitter") == true, harness.lines.last ?? "")
            XCTAssertTrue(harness.lines.allSatisfy { DisplayWidth.of($0) <= size.width })
            harness.press(.enter)
            XCTAssertTrue(harness.lines.allSatisfy { DisplayWidth.of($0) <= size.width })
            harness.press(.function(10), .function(5))
            XCTAssertTrue(harness.lines.allSatisfy { DisplayWidth.of($0) <= size.width })
        }
        let harness = try browsing()
        harness.resize(Size(width: 50, height: 14))
        assertShows(harness.flatScreen, "Agrandissez la fenêtre : il faut au moins 60×18 (actuellement 50×14)")
        harness.press(.function(5), .enter)   // no key acts on what cannot be seen
        harness.resize(Size(width: 100, height: 30))
        assertShows(harness.screen, "5 témoignage(s) sur 5")
        XCTAssertEqual(harness.listRows.count, 5)
        harness.resize(Size(width: 20, height: 6))
        harness.press(.control("c"))
        XCTAssertTrue(harness.runner.isFinished, "Ctrl-C still quits a window too small to show anything")
    }

    // MARK: What could not be read

    func testWithdrawnLeftOutAndProblemsSummarisedOnTheStatusLine() throws {
        let fixture = try fixture()
        let harness = TeamHarness(fixture, size: Size(width: 100, height: 30),
                                  bundles: [fixture.bundle, fixture.foreignBundle, fixture.damagedBundle],
                                  withdrawn: [fixture.recordIDs[1]], skipped: ["revoque.tmn"])
        harness.unlock()
        assertShows(harness.screen, "4 témoignage(s) sur 4")
        assertHides(harness.screen, "Lyon")
        let status = harness.lines[harness.lines.count - 2]
        assertShows(status, "Non lu : 1 lot refusé · 1 lot d'un poste révoqué · 2 témoignages non ouverts — F8 : détails")
        assertShows(harness.model.summary?.line.fr ?? "", "F8 : détails · 1 retiré")
        harness.press(.function(8))
        assertShows(harness.flatScreen, "Ce qui n'a pas pu être lu", "abime.tmn : lot", "revoque.tmn : laissé de côté", "ailleurs.tmn : témoignage")
        let problems = harness.model.summary?.problems.map(\.fr) ?? []
        XCTAssertEqual(problems.count, 4, "\(problems)")
        XCTAssertTrue(problems[0].hasSuffix("abime.tmn : lot refusé — Le format de lot 32 est plus récent que ce Témoin : mettez Témoin à jour."), problems[0])
        XCTAssertEqual(problems.filter { $0.contains("ailleurs.tmn : témoignage") && $0.hasSuffix("scellé pour une autre clé d'équipe (donnez-la avec une autre option --key)") }.count, 2)
        harness.press(.enter)
        assertHides(harness.screen, "Ce qui n'a pas pu être lu")
    }

    /// Records also sealed to a key id nobody named (a recipient added at the desk): said on the status line and in F8.
    func testRecordsSealedToAnUnknownKeyAreSaidOnTheStatusLineAndInF8() {
        var report = DecryptReport()
        report.unknownRecipients = ["00112233aabbccdd": 3]
        let summary = TeamLoadSummary(report: report, shown: 3, skipped: [])
        XCTAssertTrue(summary.hasProblems)
        assertShows(summary.line.en, "WARNING: 1 unknown recipient key (F8)")
        XCTAssertEqual(summary.problems.map(\.en), ["3 testimony(ies) also sealed to an unknown key id 00112233aabbccdd: check the desk's team keys "
                                                    + "(temoin desk team-key list); a team member's key: --team-pub"])
    }

    func testALongListOfProblemsScrollsAndAnyOtherKeyClosesIt() throws {
        let fixture = try fixture()
        let harness = TeamHarness(fixture, size: Size(width: 80, height: 24),
                                  bundles: [fixture.damagedBundle, fixture.bundle] + Array(repeating: fixture.foreignBundle, count: 12))
        harness.unlock()
        harness.press(.function(8))
        let first = "abime.tmn : lot"
        assertShows(harness.flatScreen, "Ce qui n'a pas pu être lu", first, "défiler")
        harness.press(.end)
        assertShows(harness.flatScreen, "Ce qui n'a pas pu être lu")
        assertHides(harness.flatScreen, first)
        harness.press(.down, .down, .pageDown, .up)
        assertHides(harness.flatScreen, first)
        harness.press(.home)
        assertShows(harness.flatScreen, first)
        harness.press(.down)
        assertHides(harness.flatScreen, first)
        harness.press(.up)
        assertShows(harness.flatScreen, first)
        harness.press(.character("x"))
        assertHides(harness.screen, "Ce qui n'a pas pu être lu")
    }

    func testWhyABundleOrATestimonyWasNotReadIsSaidInTheUILanguage() {
        let notSigned = TeamText.problemRecord(RecordProblem(bundle: "b.tmn", recordID: "ab12", cause: .notAsSigned(position: 2, found: nil)))
        XCTAssertEqual(notSigned.fr, "b.tmn : témoignage ab12 : abîmé ou modifié : ce n'est pas le témoignage n° 2 signé par le poste")
        let missing = TeamText.problemRecord(RecordProblem(bundle: "b.tmn", recordID: "ab12", cause: .notAsSigned(position: 1, found: "cd34")))
        XCTAssertEqual(missing.en, "b.tmn: testimony ab12: record 1 of the desk's list is missing: record cd34 is in its place")
        let damaged = TeamText.problemDamaged(DamagedBundle(path: "b.tmn", problem: .truncated("it ends inside the record 2 of 3"),
                                                            recordsRead: 1, recordCount: 3, salvaged: false))
        XCTAssertEqual(damaged.fr, "b.tmn : lot abîmé — Le lot est tronqué (it ends inside the record 2 of 3). Les témoignages d'avant sont prouvés "
                       + "et lus ; les témoignages 2 à 3 n'ont pas été lus : --salvage peut les récupérer.")
        let refused = TeamText.problemRefused("b.tmn", VaultError.bundle(.badSignature))
        XCTAssertEqual(refused.fr, "b.tmn : lot refusé — La signature du poste ne correspond pas : le lot a été modifié ou abîmé après l'export. "
                       + "Le lot a été refusé en entier : demandez un nouvel export au poste, ou essayez `--salvage` pour récupérer les témoignages "
                       + "intacts (marqués non vérifiés).")
    }
}
