@testable import TemoinDeskUI
import TemoinForms
@testable import TemoinTeamUI
import TemoinTerminal
@testable import TemoinUIKit
import XCTest

final class UnlockAndHomeTests: XCTestCase {
    func testWrongPassphraseSaysSoAndAllowsRetryInFrench() throws {
        let desk = try DeskHarness()
        assertShows(desk.screen, "Phrase de passe du poste", "Poste « Permanence Test »")
        desk.type("pas la bonne")
        XCTAssertTrue(desk.screen.contains("••••••••••••"), desk.screen)
        assertHides(desk.screen, "pas la bonne")
        desk.press(.enter)
        assertShows(desk.screen, "Phrase de passe incorrecte")
        desk.unlock()
        assertShows(desk.screen, "Nouveau témoignage", "Coffre : 0 brouillon(s)", "Empreinte du poste",
                    "Clé de l'équipe : " + desk.team.publicKey.fingerprint + " « Équipe »")
    }

    func testHomeInEnglishAt100x30() throws {
        let desk = try DeskHarness(size: Size(width: 100, height: 30), language: .en)
        desk.type("wrong one")
        desk.press(.enter)
        assertShows(desk.screen, "Wrong passphrase")
        desk.unlock()
        assertShows(desk.screen, "New testimony", "Export the sealed testimonies (0 waiting)", "Vault: 0 draft(s)",
                    "F1 Help", "F10 Quit")
        XCTAssertEqual(desk.terminal.lastFrame?.size, Size(width: 100, height: 30))
    }

    func testLanguageSwitchesFromHome() throws {
        let desk = try DeskHarness()
        desk.unlock()
        assertShows(desk.screen, "Nouveau témoignage")
        desk.press(.function(9))
        assertShows(desk.screen, "New testimony", "Langue : français")
        desk.press(.escape, .character("9"))
        assertShows(desk.screen, "Nouveau témoignage")
    }

    func testF10OnHomeQuitsAtOnce() throws {
        let desk = try DeskHarness()
        desk.unlock()
        desk.press(.function(10))
        XCTAssertTrue(desk.model.isFinished)
    }

    func testEscapeZeroIsF10AndCtrlQToo() throws {
        let desk = try DeskHarness()
        desk.unlock()
        desk.press(.escape, .character("0"))
        XCTAssertTrue(desk.model.isFinished)
        let other = try DeskHarness()
        other.unlock()
        other.press(.control("q"))
        XCTAssertTrue(other.model.isFinished)
    }

    func testHelpOverlayFromF1AndEscOne() throws {
        let desk = try DeskHarness(language: .en)
        desk.unlock()
        desk.press(.escape, .character("1"))
        assertShows(desk.screen, "Keys", "Esc 1 = F1", "F8  Ctrl-X")
        desk.press(.character("x"))
        assertHides(desk.screen, "Esc 1 = F1")
        desk.press(.function(1))
        assertShows(desk.screen, "Esc 1 = F1")
    }

    func testTooSmallAsksToEnlargeThenComesBack() throws {
        let desk = try DeskHarness()
        desk.unlock()
        desk.resize(Size(width: 20, height: 6))
        assertShows(desk.flatScreen, "Agrandissez", "60×18")
        desk.resize(Size(width: 80, height: 24))
        assertShows(desk.screen, "Nouveau témoignage")
    }

    func testKeysOnTheEnlargeScreenActOnlyAsTextInATextField() throws {
        let desk = try DeskHarness()
        desk.unlock()
        desk.resize(Size(width: 20, height: 6))
        desk.press(.character(" "), .character("o"), .character("1"))
        desk.resize(Size(width: 80, height: 24))
        assertShows(desk.screen, "Nouveau témoignage")
        assertHides(desk.screen, "F5 Relire")   // the home screen's item was not opened
    }

    func testTooSmallInEnglish() throws {
        let desk = try DeskHarness(language: .en)
        desk.resize(Size(width: 59, height: 17))
        assertShows(desk.flatScreen, "Enlarge the window", "now 59×17")
    }
}

final class KeyBarTests: XCTestCase {
    func testQuestionnaireBarKeepsEveryKeyAt80Columns() throws {
        let desk = try DeskHarness()
        desk.unlock()
        desk.press(.function(2))
        let bar = try XCTUnwrap(desk.terminal.lastFrame?.lines.last)
        XCTAssertEqual(bar, "F1 Aide  F3 ◂Section  F4 Section▸  F5 Relire  F7 Verrou  F8 Effacer  F10 Fermer")
    }
}
