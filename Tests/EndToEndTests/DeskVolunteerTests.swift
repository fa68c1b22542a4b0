import Foundation
import XCTest

/// What a first-time volunteer ran into (issue 16), in a real terminal: stray letters, a deliberate key
/// to discard, a plain-mode draft resumed full-screen, and a desk set up in plain mode.
final class DeskVolunteerTests: XCTestCase {

    func testLettersAtConsentSayHowToAnswerAndNoAsksBeforeHidingAnything() throws {
        let (_, session) = try CommandRunner.deskWithTestimony(self, city: "Lyon")
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
        let (cli, session) = try CommandRunner.deskWithTestimony(self, city: "Nancy")
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
        let cli = try CommandRunner.withTeamAndDesk(self)
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
        try session.answer(cli.folder + "/team/team.pub", thenWaitFor: "Est-elle identique")
        try session.answer("o", thenWaitFor: "Nom du poste")
        try session.answer("Permanence vocale", thenWaitFor: "Phrase de passe du poste (au moins")
        try session.answer(CommandRunner.deskPassphrase, thenWaitFor: "Retapez la phrase de passe")
        try session.answer(CommandRunner.deskPassphrase, thenWaitFor: "Le poste est prêt")
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

    func testPlainModeSetsUpADeskFromAScriptWithWindowsLineEndings() throws {
        let cli = try CommandRunner.make(self)
        try cli.write("team-pass", "une phrase assez longue pour l'équipe\n")
        XCTAssertEqual(try cli.run(["team", "init", "--out", "team", "--passphrase-file", "team-pass"]).status, 0)
        // A passphrase too short first, then the real one twice; the set-up reads them from the standard
        // input stream (not a terminal) into guarded memory, without the carriage returns.
        let passphrase = CommandRunner.deskPassphrase
        let lines = [cli.folder + "/team/team.pub", "o", "Permanence écrite", "court", passphrase, passphrase, ":q"]
        let setUp = try cli.run(["--plain", "--vault", "vault", "--lang", "fr"], input: Data((lines.joined(separator: "\r\n") + "\r\n").utf8))
        XCTAssertEqual(setUp.status, 0, setUp.stdout + setUp.stderr)
        XCTAssertTrue(setUp.stdout.contains("Phrase de passe trop courte"), setUp.stdout)
        XCTAssertTrue(setUp.stdout.contains("Le poste est prêt"), setUp.stdout)
        XCTAssertFalse(setUp.stdout.contains(passphrase), "the passphrase is not echoed")
        try cli.write("desk-pass", passphrase + "\n")
        let answers = #"{"answers": {"consent": "yes", "role": "checked", "check_date": "2026-03", "city": "Paris", "account": "Écrit."}}"#
        let record = try cli.run(["record", "--answers", "-", "--vault", "vault", "--passphrase-file", "desk-pass"], input: Data(answers.utf8))
        XCTAssertEqual(record.status, 0, "the desk opens with exactly the passphrase typed: " + record.stderr)
    }

    func testAFilePickedInThePickerIsSealedWithTheTestimonyAndComesOutWholeAtTheTeam() throws {
        let cli = try CommandRunner.withTeamAndDesk(self)
        // The witness's phone, as a folder of the home (the picker lists the home after the plugged devices).
        let canary = "CANARY-e2e-4f1d-photo"
        let photo = Data(CommandRunner.pngHead + Array(canary.utf8))
        try FileManager.default.createDirectory(atPath: cli.folder + "/Appareil", withIntermediateDirectories: true)
        try cli.write("Appareil/photo-du-contrôle.jpg", photo)
        let session = try cli.startDesk()
        try session.startTestimony(city: "Lyon", date: "14/03/2026")
        try session.chooseFileInAppareil()
        try session.press("Enter")
        try session.waitFor("1 photo-du-contrôle.jpg")
        try session.press("F4")
        try session.sealWithAccount("Mon amie a filmé, voici une photo de l'écran.")
        try session.waitFor("Code du reçu")
        try session.press("Enter")
        try session.waitFor("Nouveau témoignage")
        try session.press("F10")
        try session.waitForExit()
        for name in FileManager.default.enumerator(atPath: cli.folder + "/vault")?.compactMap({ $0 as? String }) ?? [] {
            let bytes = (try? cli.read("vault/" + name)) ?? Data()
            XCTAssertNil(bytes.range(of: Data(canary.utf8)), "vault/\(name) holds the photo in clear")
        }
        XCTAssertEqual(try cli.run(["export", "--out", "b.tmn", "--vault", "vault", "--passphrase-file", "desk-pass"]).status, 0)
        let decrypted = try cli.run(["team", "decrypt", "--key", "team/team.key", "--passphrase-file", "team-pass", "--files", "out", "b.tmn"])
        XCTAssertEqual(decrypted.status, 0, decrypted.stderr)
        let record = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(decrypted.stdout.utf8)) as? [String: Any])
        let files = try XCTUnwrap(record["files"] as? [[String: Any]], decrypted.stdout)
        XCTAssertEqual(files.map { $0["name"] as? String }, ["photo-du-contrôle.jpg"])
        XCTAssertEqual(files.map { $0["type"] as? String }, ["image/png"])
        let written = try FileManager.default.contentsOfDirectory(atPath: cli.folder + "/out")
        XCTAssertEqual(try written.map { try cli.read("out/" + $0) }, [photo])
        XCTAssertEqual(try cli.read("Appareil/photo-du-contrôle.jpg"), photo, "the witness's original is untouched")
    }
}
