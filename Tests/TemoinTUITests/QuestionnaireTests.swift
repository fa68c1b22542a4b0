import Foundation
import TemoinCrypto
import TemoinDesk
@testable import TemoinDeskUI
import TemoinForms
@testable import TemoinTeamUI
import TemoinTerminal
@testable import TemoinUIKit
import XCTest

final class QuestionnaireTests: XCTestCase {
    func testConsentRevealsTheOtherSections() throws {
        let desk = try DeskHarness.onNewTestimony()
        assertShows(desk.screen, "Accord et personne", "section 1 sur 1", "( ) oui   ( ) non")
        assertHides(desk.screen, "Quand et où")
        desk.type("o")
        assertShows(desk.screen, "(•) oui", "section 1 sur 8", "Quand et où", "Le récit")
        desk.press(.tab)
        assertShows(desk.screen, "▶ Étiez-vous la personne contrôlée", "1 ( ) La personne contrôlée")
    }

    func testConsentNoIsKeptAsPendingAndFlagged() throws {
        let desk = try DeskHarness.onNewTestimony(language: .en)
        desk.type("n")
        desk.press(.tab)
        XCTAssertNil(desk.testimony.draft.answers["consent"])
        XCTAssertEqual(desk.testimony.draft.pending["consent"], "no")
        assertShows(desk.screen, "(•) no", "!")
        assertHides(desk.screen, "When and where")
    }

    func testSkipLogicHidesAndShowsAFollowUpQuestion() throws {
        let desk = try DeskHarness.onNewTestimony(size: Size(width: 100, height: 30))
        desk.type("o")
        desk.press(.tab, .tab, .tab)  // role, anonymous, recontact
        assertHides(desk.screen, "Comment vous joindre")
        desk.type("o")
        assertShows(desk.screen, "Comment vous joindre")
        desk.press(.tab)
        desk.type("Signal : 06 12 34 56 78")
        XCTAssertEqual(desk.testimony.draft.answers["recontact_how"], .text("Signal : 06 12 34 56 78"))
        desk.press(.backTab)
        // "no" would hide the contact just typed: the desk asks first, and Esc changes nothing.
        desk.type("n")
        assertShows(desk.screen, "Changer cette réponse ?", "Répondre « non » masquera 1", "(Accord et personne)", "F5 : oui, changer")
        desk.escape()
        assertShows(desk.screen, "Comment vous joindre", "(•) oui")
        desk.type("n")
        desk.press(.function(5))
        assertHides(desk.screen, "Comment vous joindre")
        XCTAssertFalse(desk.testimony.visibleFieldIDs.contains("recontact_how"))
    }

    func testTextWithAccentsWideAndCombiningCharacters() throws {
        let desk = try DeskHarness.onNewTestimony()
        desk.type("o")
        desk.press(.function(4))
        assertShows(desk.screen, "Quand et où", "▶ Quel jour a eu lieu le contrôle")
        desk.press(.tab, .tab)  // check_time, city
        desk.type("Saint-Étienne 漢字 Cafe\u{301}")
        let city = desk.testimony.draft.answers["city"]
        XCTAssertEqual(city, .text("Saint-Étienne 漢字 Café"))
        assertShows(desk.screen, "Saint-Étienne 漢字 Café")
        // The cursor sits after the text, measured in columns: 漢 and 字 take two each, é one.
        let frame = try XCTUnwrap(desk.terminal.lastFrame)
        let line = try XCTUnwrap(frame.lines.firstIndex { $0.contains("Saint-Étienne") })
        let start = try XCTUnwrap(frame.lines[line].range(of: "Saint"))
        let startColumn = DisplayWidth.of(String(frame.lines[line][..<start.lowerBound]))
        XCTAssertEqual(frame.cursor, Position(column: startColumn + DisplayWidth.of("Saint-Étienne 漢字 Café"), row: line))
        // Editing keys: Ctrl-W removes the last word, Home/Ctrl-K clears.
        desk.press(.control("w"))
        XCTAssertEqual(desk.testimony.draft.answers["city"], .text("Saint-Étienne 漢字"))
        desk.press(.left, .left, .left, .backspace)  // Ctrl-W left the space before the word
        XCTAssertEqual(desk.testimony.draft.answers["city"], .text("Saint-Étienne漢字"))
        desk.press(.control("a"), .control("k"))
        XCTAssertNil(desk.testimony.draft.answers["city"])
    }

    func testUnparsableNumberIsKeptPendingAndExplainedOnLeaving() throws {
        let desk = try DeskHarness.onNewTestimony(size: Size(width: 100, height: 30))
        desk.type("o")
        desk.press(.function(4), .function(4))
        assertShows(desk.screen, "Les agents")
        desk.press(.tab)  // officer_count
        desk.type("3x")
        XCTAssertEqual(desk.testimony.draft.pending["officer_count"], "3x")
        XCTAssertNil(desk.testimony.draft.answers["officer_count"])
        assertHides(desk.screen, "⚠")
        desk.press(.tab)
        assertShows(desk.screen, "⚠", "3x")
        desk.press(.backTab, .backspace)
        XCTAssertEqual(desk.testimony.draft.answers["officer_count"], .number(3))
        XCTAssertNil(desk.testimony.draft.pending["officer_count"])
    }

    func testApproximateDateAndTime() throws {
        let desk = try DeskHarness.onNewTestimony()
        desk.type("o")
        desk.press(.function(4))
        desk.type("mars 2026")
        desk.press(.enter)
        desk.type("18h30")
        XCTAssertEqual(desk.testimony.draft.answers["check_date"], .date(ApproximateDate(year: 2026, month: 3)))
        XCTAssertEqual(desk.testimony.draft.answers["check_time"], .time(TimeOfDay(hour: 18, minute: 30)))
    }

    func testMultichoiceTicksSeveral() throws {
        let desk = try DeskHarness.onNewTestimony(size: Size(width: 100, height: 30))
        desk.type("o")
        desk.press(.function(4), .function(4))
        assertShows(desk.screen, "▶ Quelles forces de l'ordre")
        desk.press(.character(" "), .down, .down, .character(" "))
        XCTAssertEqual(desk.testimony.draft.answers["forces"], .choices(["police_nationale", "gendarmerie"]))
        assertShows(desk.screen, "[x] Police nationale", "[ ] Police municipale", "[x] Gendarmerie")
        desk.press(.up, .up, .enter)
        XCTAssertEqual(desk.testimony.draft.answers["forces"], .choices(["gendarmerie"]))
    }

    func testLongAccountWrapsScrollsAndTakesALongPaste() throws {
        let desk = try DeskHarness.onNewTestimony(size: Size(width: 100, height: 30))
        desk.type("o")
        for _ in 0..<7 { desk.press(.function(4)) }
        assertShows(desk.screen, "Le récit", "▶ Racontez-nous le contrôle")
        let sentence = "Les agents m'ont arrêté près de la gare, ils ont sorti une tablette et pris mon visage en photo. "
        let pasted = String(repeating: sentence, count: 21)  // about 2,000 characters
        XCTAssertGreaterThan(pasted.count, 2000)
        desk.paste(pasted)
        desk.type("Fin.")
        XCTAssertEqual(desk.testimony.draft.answers["account"], .text(pasted + "Fin."))
        assertShows(desk.screen, "Fin.", "▲")
        // Page Up moves through wrapped lines and scrolls back; the text stays whole.
        desk.press(.pageUp, .pageUp, .pageUp)
        assertShows(desk.screen, "▼")
        assertShows(desk.screen, "Les agents m'ont arrêté près de la gare")
        desk.press(.enter)
        XCTAssertEqual(desk.testimony.draft.answers["account"]?.description.count, pasted.count + 5)
        // Every line of the editor fits its width, in display columns.
        let frame = try XCTUnwrap(desk.terminal.lastFrame)
        XCTAssertTrue(frame.lines.allSatisfy { DisplayWidth.of($0) <= 100 })
    }

    func testResizeKeepsInputAndRelaysOut() throws {
        let desk = try DeskHarness.onNewTestimony()
        desk.type("o")
        desk.press(.function(4), .tab, .tab)
        desk.type("Marseille")
        desk.resize(Size(width: 30, height: 10))
        assertShows(desk.flatScreen, "Agrandissez")
        desk.type(" Nord")
        desk.press(.function(8), .enter, .escape, .function(10), .backspace)   // keys that would act blind are ignored
        desk.resize(Size(width: 100, height: 30))
        assertShows(desk.screen, "Marseille Nord")
        XCTAssertEqual(desk.testimony.draft.answers["city"], .text("Marseille Nord"))
    }

    func testBackTabFromFirstFieldGoesToPreviousSection() throws {
        let desk = try DeskHarness.onNewTestimony()
        desk.type("o")
        desk.press(.function(4))
        assertShows(desk.screen, "section 2 sur 8")
        desk.press(.backTab)
        assertShows(desk.screen, "section 1 sur 8", "▶ Dans quelle langue se passe l'entretien")
    }
}

/// A multichoice selection that does not pass yet is kept in the draft as the list of ids ticked.
final class PendingChoicesTests: XCTestCase {
    private let form = Questionnaire(id: "q", version: 1, title: Localized(fr: "Q", en: "Q"), sections: [
        Section(id: "s", title: Localized(fr: "S", en: "S"), fields: [
            Field(id: "forces", kind: .multichoice, label: Localized(fr: "Forces", en: "Forces"), choices: [
                Choice(id: "bac", label: Localized(fr: "BAC", en: "BAC")),
                Choice(id: "crs", label: Localized(fr: "CRS", en: "CRS")),
                Choice(id: "gendarmerie", label: Localized(fr: "Gendarmerie", en: "Gendarmerie")),
            ], max: 2),
        ]),
    ])
    private let now = Date(timeIntervalSince1970: 1_773_500_000)

    func testTooManyTicksArePendingAsIdsAndComeBackOnReopening() throws {
        var testimony = Testimony.new(form: form, now: now, language: .fr)
        let field = try XCTUnwrap(form.fields.first)
        let ticked: AnswerValue = .choices(["gendarmerie", "bac", "crs"])
        XCTAssertFalse(field.problems(with: ticked, today: Testimony.today(now)).isEmpty, "three ticks must exceed max 2")
        testimony.select(ticked, for: field, now: now)
        XCTAssertNil(testimony.draft.answers["forces"])
        XCTAssertEqual(testimony.draft.pending["forces"], .choices(["gendarmerie", "bac", "crs"]))
        XCTAssertNotNil(testimony.issue(for: field, forSealing: false, now: now))

        let reopened = Testimony(form: form, draft: testimony.draft)
        XCTAssertEqual(reopened.selections["forces"], ticked)
        XCTAssertEqual(reopened.display(field, in: .fr), "Gendarmerie, BAC, CRS")
    }

    func testADraftSavedWithJoinedIdsStillReopens() throws {
        var draft = Testimony.new(form: form, now: now, language: .fr).draft
        draft.pending["forces"] = .text("bac, crs, gendarmerie")
        let reopened = Testimony(form: form, draft: draft)
        XCTAssertEqual(reopened.selections["forces"], .choices(["bac", "crs", "gendarmerie"]))
    }
}
