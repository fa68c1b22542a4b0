import TemoinCrypto
import TemoinDesk
@testable import TemoinDeskUI
import TemoinForms
@testable import TemoinTeamUI
import TemoinTerminal
@testable import TemoinUIKit
import XCTest

final class DraftTests: XCTestCase {
    private func typing() throws -> DeskHarness {
        let desk = try DeskHarness()
        desk.unlock()
        desk.press(.function(2))
        desk.type("o")
        desk.press(.function(4), .tab, .tab)
        desk.type("Grenoble")
        return desk
    }

    private func onlyDraft(_ desk: DeskHarness) throws -> Draft {
        let (vault, secrets) = try desk.reopenVault()
        let drafts = try vault.drafts(secrets: secrets, forms: [try vault.questionnaire()])
        XCTAssertEqual(drafts.unreadable, 0)
        XCTAssertEqual(drafts.drafts.count, 1)
        return try XCTUnwrap(drafts.drafts.first)
    }

    func testAutosaveAfterAPauseIsReadableByAFreshVault() throws {
        let desk = try typing()
        desk.wait(1)
        assertShows(desk.screen, "Brouillon enregistré, chiffré")
        let draft = try onlyDraft(desk)
        XCTAssertEqual(draft.answers["city"], .text("Grenoble"))
        XCTAssertEqual(draft.answers["consent"], .yesno(.yes))
        XCTAssertEqual(draft.section, 1)
    }

    func testAutosaveWhileTypingWithoutPause() throws {
        let desk = try typing()
        for character in " centre-ville" {
            desk.clock.advance(0.3)
            desk.type(String(character))
        }
        let draft = try onlyDraft(desk)
        XCTAssertTrue(draft.answers["city"]?.description.hasPrefix("Grenoble cent") ?? false, "\(String(describing: draft.answers["city"]))")
    }

    /// Typing on without a pause, a kill loses at most the last second: the runner wakes at the deadline the
    /// model gives (`timeout`), and the draft is saved 1 s after its first unsaved change. Driven with a fake
    /// clock, as the runner would drive it: a key every 0.15 s, `.idle` whenever the deadline comes first.
    func testTypingWithoutAPauseIsNeverMoreThanOneSecondUnsaved() throws {
        let desk = try typing()
        desk.wait(1)
        var model = desk.model
        var now = desk.clock.now
        var saved = "Grenoble", city = "Grenoble"
        var typed: [(at: Date, city: String)] = []
        var saves = 0
        func handle(_ effects: [DeskEffect]) {
            for case let .saveDraft(draft) in effects {
                if case let .text(text)? = draft.answers["city"] { saved = text }
                saves += 1
                _ = model.receive(.draftSaved(id: draft.id, at: now), now: now)
            }
        }
        for character in String(repeating: " centre", count: 10) {
            let next = now + 0.15
            while now + model.timeout(now: now) < next {
                now += model.timeout(now: now)
                handle(model.update(.idle, now: now))
            }
            now = next
            handle(model.update(.key(.character(character)), now: now))
            city.append(character)
            typed.append((now, city))
            // The event loop waits at least 20 ms (`timeout`), so a deadline may be met that much late.
            if let due = typed.last(where: { $0.at <= now - 1.02 }) {
                XCTAssertTrue(saved.hasPrefix(due.city), "typed by \(due.at), not saved at \(now): \(due.city.count) vs \(saved.count)")
            }
        }
        XCTAssertGreaterThanOrEqual(saves, 9, "70 keys over 10.5 s without a pause: about one save a second")
    }

    func testPendingTextIsSavedToo() throws {
        let desk = try typing()
        desk.press(.function(4), .tab)
        desk.type("douze")
        desk.wait(1)
        let draft = try onlyDraft(desk)
        XCTAssertEqual(draft.pending["officer_count"], "douze")
    }

    func testHangupSavesAndTheDraftResumes() throws {
        let desk = try typing()
        desk.hangUp()
        XCTAssertTrue(desk.model.isFinished)
        let draft = try onlyDraft(desk)
        XCTAssertEqual(draft.label, "Grenoble")

        let again = try DeskHarness(reopening: desk)
        again.unlock()
        assertShows(again.screen, "Reprendre un brouillon", "Grenoble  —  2026-03-14")
        again.press(.down, .enter)
        assertShows(again.screen, "Quand et où", "Grenoble", "▶ Dans quelle ville")
    }

    func testEscapeSavesAndGoesHome() throws {
        let desk = try typing()
        desk.escape()
        assertShows(desk.screen, "Nouveau témoignage", "Grenoble", "1 brouillon(s)")
    }

    func testWipeAsksThenDiscards() throws {
        let desk = try typing()
        desk.wait(1)
        desk.press(.function(8))
        assertShows(desk.screen, "Effacer ce brouillon ?")
        desk.press(.character("n"))
        assertShows(desk.screen, "Grenoble")
        // Enter, the account's new-paragraph key, does not discard: only a deliberate "o" does.
        desk.press(.control("x"), .enter)
        assertShows(desk.screen, "Effacer ce brouillon ?", "Tapez o : effacer pour de bon")
        desk.type("o")
        assertShows(desk.screen, "Le brouillon a été effacé", "0 brouillon(s)")
        assertHides(desk.screen, "Grenoble")
    }

    func testIdleLockHidesEverythingSavesAndComesBack() throws {
        let desk = try typing()
        desk.wait(301)
        assertShows(desk.screen, "Le poste s'est verrouillé", "Phrase de passe du poste")
        assertHides(desk.screen, "Grenoble", "Quand et où")
        desk.type("faux")
        desk.press(.enter)
        assertShows(desk.screen, "Phrase de passe incorrecte")
        desk.unlock()
        assertShows(desk.screen, "Quand et où", "Grenoble")
        let draft = try onlyDraft(desk)
        XCTAssertEqual(draft.answers["city"], .text("Grenoble"))
    }

    func testLockNowWithF7() throws {
        let desk = try typing()
        desk.press(.function(7))
        assertShows(desk.screen, "Verrouillé")
        assertHides(desk.screen, "Grenoble")
    }

    func testEmptyNewTestimonyLeavesNoDraft() throws {
        let desk = try DeskHarness()
        desk.unlock()
        desk.press(.function(2))
        desk.escape()
        assertShows(desk.screen, "0 brouillon(s)")
    }

    /// Closing the form or quitting waits for the draft to be saved: when the save fails (a full disk), the
    /// form stays open on the unsaved text, and closing again once it is saved goes home.
    func testAFailedSaveKeepsTheFormOpenOnTheUnsavedText() throws {
        let desk = try typing()
        var model = desk.model
        let now = desk.clock.now
        let closing = model.update(.key(.function(10)), now: now)
        guard case let .saveDraft(draft)? = closing.first, closing.count == 1 else { return XCTFail("\(closing)") }
        let full = DeskFailure(stage: .saveDraft, message: Localized(fr: "Le disque est plein.", en: "The disk is full."))
        XCTAssertTrue(model.receive(.failed(full), now: now).isEmpty)
        guard case .form = model.screen else { return XCTFail("the form was closed on a failed save") }
        XCTAssertEqual(model.screen.testimony?.isDirty, true)
        XCTAssertEqual(model.screen.testimony?.draft.answers["city"], .text("Grenoble"))

        guard case .saveDraft? = model.update(.key(.function(10)), now: now).first else { return XCTFail("no second save") }
        XCTAssertEqual(model.receive(.draftSaved(id: draft.id, at: now), now: now).map { "\($0)" }, ["loadOverview"])
        guard case .home = model.screen else { return XCTFail("not home once saved") }
    }

    /// The save at locking fails (a full disk): locked, nothing is tried that cannot work, and quitting
    /// says to unlock first rather than losing the text.
    func testAFailedSaveAtLockingAsksToUnlockBeforeQuitting() throws {
        let desk = try typing()
        var model = desk.model
        var now = desk.clock.now
        let locking = model.update(.key(.function(7)), now: now)
        guard case .saveDraft? = locking.first else { return XCTFail("\(locking)") }
        let full = DeskFailure(stage: .saveDraft, message: Localized(fr: "Le disque est plein.", en: "The disk is full."))
        _ = model.receive(.failed(full), now: now)
        XCTAssertTrue(model.screen.isLocked)
        XCTAssertEqual(model.screen.testimony?.isDirty, true)
        now += 3600
        XCTAssertTrue(model.update(.idle, now: now).isEmpty, "no autosave while the secrets are forgotten")
        XCTAssertTrue(model.update(.key(.function(10)), now: now).isEmpty, "quitting would lose the text")
        XCTAssertFalse(model.isFinished)
        XCTAssertEqual(model.screen.testimony?.draft.answers["city"], .text("Grenoble"))
    }
}
