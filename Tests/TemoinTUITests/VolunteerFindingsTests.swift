import Foundation
import TemoinCrypto
import TemoinDesk
@testable import TemoinDeskUI
import TemoinFormat
import TemoinForms
import TemoinTerminal
@testable import TemoinUIKit
import XCTest

/// What a first-time volunteer ran into (issue 16), on the pure desk model and a real vault.
final class VolunteerFindingsTests: XCTestCase {
    func testLettersAtAYesNoQuestionSayHowToAnswerAndChangeNothing() throws {
        let desk = try DeskHarness.onNewTestimony(size: Size(width: 100, height: 30))
        desk.type("o")
        desk.type("Il")
        XCTAssertEqual(desk.testimony.draft.answers["consent"], .yesno(.yes))
        assertShows(desk.screen, "Cette question se répond avec o (oui), n (non) ou ? (je ne sais pas)")
        desk.press(.tab)  // role: a choice list
        desk.type("x")
        assertShows(desk.screen, "Ici on choisit avec ↑↓ et Espace, ou le numéro")
        XCTAssertNil(desk.testimony.draft.answers["role"])
        desk.press(.down)
        assertHides(desk.screen, "Ici on choisit")
    }

    func testConsentTurnedToNoAsksFirstAndSaysWhatItHides() throws {
        let desk = try DeskHarness.onNewTestimony(size: Size(width: 100, height: 30))
        desk.type("o")
        desk.press(.function(4), .tab, .tab)
        desk.type("Lyon")
        desk.press(.function(3))
        assertShows(desk.screen, "▶ Êtes-vous d'accord")
        // A sentence typed by mistake: "n" asks, and the letters after it neither confirm nor change anything.
        desk.type("non merci")
        assertShows(desk.screen, "Changer cette réponse ?", "Répondre « non » masquera 1", "Quand et où", "F5 : oui, changer")
        XCTAssertEqual(desk.testimony.draft.answers["consent"], .yesno(.yes))
        desk.escape()
        assertShows(desk.screen, "section 1 sur 8", "(•) oui")
        desk.type("n")
        desk.press(.function(5))
        assertShows(desk.screen, "section 1 sur 1", "(•) non")
        XCTAssertEqual(desk.testimony.draft.answers["city"], .text("Lyon"), "hidden, not lost: it comes back with a yes")
        desk.type("o")
        assertShows(desk.screen, "section 1 sur 8")
    }

    func testAChangeThatHidesNothingAsksNothing() throws {
        let desk = try DeskHarness.onNewTestimony(size: Size(width: 100, height: 30))
        desk.type("o")
        desk.press(.tab, .tab, .tab)  // recontact, not answered yet
        desk.type("o")
        desk.type("n")
        assertHides(desk.screen, "Changer cette réponse ?")
        XCTAssertEqual(desk.testimony.draft.answers["recontact"], .yesno(.no))
    }

    func testTheInterviewLanguageStartsAsTheDesks() throws {
        let desk = try DeskHarness.onNewTestimony(size: Size(width: 100, height: 30), language: .en)
        desk.type("y")
        XCTAssertEqual(desk.testimony.draft.answers["interview_language"], .choice("en"))
        // What the desk filled in by itself is not an answer a "no" would hide.
        desk.type("n")
        assertHides(desk.screen, "Change this answer?")
    }

    func testDraftsSayWhereTheyStandAndDatesReopenAsTyped() throws {
        let desk = try DeskHarness.onNewTestimony(size: Size(width: 100, height: 30))
        desk.type("o")
        desk.press(.function(4))
        desk.type("mars 2026")
        desk.press(.tab)
        desk.type("vers 18h30")
        desk.press(.tab)
        desk.type("Grenoble")
        XCTAssertEqual(desk.testimony.draft.answers["check_date"], .date(ApproximateDate(year: 2026, month: 3)))
        XCTAssertEqual(desk.testimony.draft.answers["check_time"], .approximateTime(.around(TimeOfDay(hour: 18, minute: 30))))
        desk.press(.function(10))
        assertShows(desk.screen, "section 2/8 « Quand et où » · Grenoble · mars 2026")
        desk.hangUp()
        _ = try desk.reopenVault()
        let again = try DeskHarness(reopening: desk, size: Size(width: 100, height: 30))
        again.unlock()
        again.press(.down, .enter)
        assertShows(again.screen, "mars 2026", "vers 18h30", "▶ Dans quelle ville")
        assertHides(again.screen, "2026-03", "~18:30")
    }

    func testSkippedSectionsGetNoTick() throws {
        let desk = try DeskHarness.onNewTestimony(size: Size(width: 100, height: 30))
        desk.type("o")
        desk.press(.function(4), .function(4), .function(4))  // through "Les agents" without an answer
        assertShows(desk.screen, "✓ Accord et personne", "▶ Le contrôle")
        assertHides(desk.screen, "✓ Les agents", "✓ Quand et où")
        desk.press(.function(3))
        desk.press(.tab)
        desk.type("3")  // officer count
        desk.press(.function(4))
        assertShows(desk.screen, "✓ Les agents")
    }

    func testLabelsCutShowAnEllipsis() {
        var frame = Frame(size: Size(width: 20, height: 1))
        frame.label("L'appareil et l'application", at: Position(column: 0, row: 0), maxWidth: 12)
        XCTAssertEqual(frame.lines[0].trimmingCharacters(in: .whitespaces), "L'appareil …")
        var whole = Frame(size: Size(width: 20, height: 1))
        whole.label("Le récit", at: Position(column: 0, row: 0), maxWidth: 12)
        XCTAssertEqual(whole.lines[0].trimmingCharacters(in: .whitespaces), "Le récit")
    }

    func testFingerprintAdviceFollowsTheNumberOfKeys() {
        XCTAssertTrue(UIText.compareFingerprints(1).fr.hasPrefix("Comparez cette empreinte"))
        XCTAssertTrue(UIText.compareFingerprints(2).fr.hasPrefix("Comparez chacune de ces empreintes"))
        XCTAssertTrue(UIText.compareFingerprints(2).en.hasPrefix("Compare each of these fingerprints"))
    }

    func testFirstRunAsksTheLanguageKeepsItAndF9ChangesIt() throws {
        let desk = try DeskHarness(language: .en, createVault: false, asksLanguage: true)
        try Data(PublicKeyFile.encode(desk.team.publicKey)).write(to: URL(fileURLWithPath: desk.home + "/team.pub"))
        desk.wait(0)
        assertShows(desk.screen, "Desk language / Langue du poste", "1 Français", "2 English", "step 1 of 4")
        desk.type("1")
        assertShows(desk.screen, "première mise en route", "étape 2 sur 4")
        desk.type(desk.home + "/team.pub")
        desk.press(.enter, .down, .down, .enter)
        desk.nameDesk("Permanence", passphrase: DeskHarness.passphrase)
        assertShows(desk.screen, "Le poste est prêt")
        desk.press(.enter)
        assertShows(desk.screen, "Nouveau témoignage")
        desk.press(.function(9))
        assertShows(desk.screen, "New testimony", "Desk language: English, kept in the vault.")
        let (vault, _) = try desk.reopenVault()
        XCTAssertEqual(try vault.language(), .en)
    }

    func testADraftOfQuestionnaireVersionOneStillOpensAndSeals() throws {
        let desk = try DeskHarness(size: Size(width: 100, height: 30))
        let one = try XCTUnwrap(try Questionnaire.builtIn(id: "temoin-reconnaissance-faciale", version: 1))
        do {
            let (vault, secrets) = try desk.reopenVault()
            var draft = Draft(form: one, now: desk.clock.now)
            draft.answers = ["consent": .yesno(.yes), "check_date": .date(ApproximateDate(year: 2026, month: 3)),
                             "city": .text("Nantes"), "place_kind": .choice("street"), "account": .text("Récit d'avant la mise à jour.")]
            draft.section = 1
            try vault.saveDraft(draft, secrets: secrets)
        }
        let again = try DeskHarness(reopening: desk, size: Size(width: 100, height: 30))
        again.unlock()
        assertShows(again.screen, "Nantes")
        assertHides(again.screen, "d'un autre questionnaire")
        again.press(.down, .enter)
        assertShows(again.screen, "Quand et où", "→ Dans la rue")
        XCTAssertEqual(again.testimony.form.version, 1)
        again.press(.function(5), .function(5), .enter)
        assertShows(again.screen, "Témoignage scellé")
        let (vault, _) = try again.reopenVault()
        XCTAssertEqual(try vault.status().awaitingExport, 1)
        XCTAssertEqual(try vault.status().drafts, 0)
    }
}
