import Foundation
import XCTest

/// What a first-time volunteer ran into (issue 16), in a real terminal: stray letters, a deliberate key
/// to discard, a plain-mode draft resumed full-screen, and a desk set up in plain mode.
final class DeskVolunteerTests: XCTestCase {

    func testLettersAtConsentSayHowToAnswerAndNoAsksBeforeHidingAnything() throws {
        let cli = try CommandRunner.make(self)
        try cli.setUpTeamAndDesk()
        let session = try cli.startDesk()
        try session.startTestimony(city: "Lyon")
        try session.press("F3")
        try session.waitFor("▶ Êtes-vous d'accord")
        // The volunteer thinks the cursor is in a text: the letters say how to answer instead.
        try session.type("Il")
        try session.waitFor("Cette question se répond avec o (oui)")
        try session.type(" dit non merci")
        try session.waitFor("Changer cette réponse ?")
        try session.waitFor("Répondre « non » masquera")
        try session.waitFor("F5 : oui, changer")
        try session.press("Escape")
        try session.waitFor("section 1 sur 8")
        try session.waitFor("(•) oui")
        try session.press("F4")
        try session.waitFor("Lyon")
        try session.press("F10")
        try session.waitFor("Nouveau témoignage")
        try session.press("F10")
        try session.waitForExit()
    }

    func testDiscardingADraftTakesADeliberateKeyNotEnter() throws {
        let cli = try CommandRunner.make(self)
        try cli.setUpTeamAndDesk()
        let session = try cli.startDesk()
        try session.startTestimony(city: "Nancy")
        try session.press("F8")
        try session.waitFor("Effacer ce brouillon ?")
        try session.waitFor("Tapez o : effacer pour de bon")
        try session.press("Enter")
        try session.press("F1")  // any later key: the confirmation is still there, the draft too
        usleep(300_000)
        XCTAssertTrue(try session.screen().contains("Effacer ce brouillon ?"))
        try session.type("o")
        try session.waitFor("Le brouillon a été effacé")
        try session.press("F10")
        try session.waitForExit()
        XCTAssertEqual(try cli.deskStatus()["drafts"] as? Int, 0)
    }

    func testADraftStoppedInPlainModeReopensFullScreenWhereItStopped() throws {
        let cli = try CommandRunner.make(self)
        try cli.setUpTeamAndDesk()
        // Consent, four answers kept as they are, then the date, no time, the city, and :q at "where exactly".
        let lines = ["o", "", "", "", "", "14/03/2026", "", "Lille", ":q"].joined(separator: "\n") + "\n"
        let plain = try cli.run(["--plain", "--vault", "vault", "--passphrase-file", "desk-pass"], input: Data(lines.utf8),
                                environment: ["LANG": "fr_FR.UTF-8"])
        XCTAssertEqual(plain.status, 0, plain.stderr)
        XCTAssertTrue(plain.stdout.contains("Brouillon enregistré, chiffré"), plain.stdout)
        let session = try cli.startDesk()
        try session.waitFor("section 2/8 « Quand et où » · Lille · 14/03/2026")
        try session.press("Down", "Enter")
        try session.waitFor("▶ Où exactement")
        try session.waitFor("section 2 sur 8")
    }

    func testPlainModeSetsUpADeskForAScreenReader() throws {
        let cli = try CommandRunner.make(self)
        try cli.write("team-pass", "une phrase assez longue pour l'équipe\n")
        XCTAssertEqual(try cli.run(["team", "init", "--out", "team", "--passphrase-file", "team-pass"]).status, 0)
        var environment = cli.environment
        environment["LANG"] = "fr_FR.UTF-8"
        let session = try TmuxSession([CommandRunner.binary, "--plain", "--vault", cli.folder + "/vault"], environment: environment)
        try session.waitFor("Chemin du fichier team.pub")
        try session.type(cli.folder + "/team/team.pub")
        try session.press("Enter")
        try session.waitFor("Est-elle identique")
        try session.type("o")
        try session.press("Enter")
        try session.waitFor("Nom du poste")
        try session.type("Permanence vocale")
        try session.press("Enter")
        try session.waitFor("Phrase de passe du poste (au moins")
        try session.type(CommandRunner.deskPassphrase)
        try session.press("Enter")
        try session.waitFor("Retapez la phrase de passe")
        try session.type(CommandRunner.deskPassphrase)
        try session.press("Enter")
        try session.waitFor("Le poste est prêt")
        XCTAssertFalse(try session.screen().contains(CommandRunner.deskPassphrase), "the passphrase is not echoed")
        try session.waitFor("Êtes-vous d'accord")
        try session.type(":q")
        try session.press("Enter")
        try session.waitForExit()
        let status = try cli.deskStatus()
        XCTAssertEqual(status["drafts"] as? Int, 1)
        let unlocked = try cli.run(["status", "--vault", "vault"])
        XCTAssertTrue(unlocked.stdout.contains("Permanence vocale"), unlocked.stdout + unlocked.stderr)
    }
}
