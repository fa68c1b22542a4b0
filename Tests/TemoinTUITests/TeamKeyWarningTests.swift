import TemoinTerminal
@testable import TemoinDesk
@testable import TemoinDeskUI
@testable import TemoinUIKit
import XCTest

/// A team key list changed behind the desk's back is said as soon as the desk is unlocked.
final class TeamKeyWarningTests: XCTestCase {
    func testAnAlteredTeamKeyListIsSaidAtUnlock() throws {
        let desk = try DeskHarness(size: Size(width: 100, height: 30))
        let (vault, _) = try desk.reopenVault()
        try vault.write { db in try db.execute(sql: "UPDATE team_key SET name = 'Équipe bis'") }
        _ = consume vault
        let again = try DeskHarness(reopening: desk, size: Size(width: 100, height: 30))
        again.unlock()
        assertShows(again.screen, "Nouveau témoignage", "La liste des clés d'équipe a été modifiée sans la phrase de passe")
    }

    func testAnIntactListSaysNothing() throws {
        let desk = try DeskHarness(size: Size(width: 100, height: 30))
        desk.unlock()
        assertShows(desk.screen, "Nouveau témoignage")
        assertHides(desk.screen, "clés d'équipe a été modifiée")
    }
}
