import Foundation
import TemoinCrypto
import TemoinDesk
@testable import TemoinDeskUI
import TemoinFormat
@testable import TemoinTeamUI
import TemoinTerminal
@testable import TemoinUIKit
import XCTest

final class FirstRunTests: XCTestCase {
    func testFirstRunInThreeScreensCreatesTheVault() throws {
        let desk = try DeskHarness(createVault: false)
        let keyPath = desk.home + "/cles/team.pub"
        try FileManager.default.createDirectory(atPath: desk.home + "/cles", withIntermediateDirectories: true)
        try Data(PublicKeyFile.encode(desk.team.publicKey)).write(to: URL(fileURLWithPath: keyPath))
        desk.wait(0)
        assertShows(desk.screen, "première mise en route", "étape 1 sur 3", "Sceller un témoignage, c'est le chiffrer")

        // Typed path with Tab completion.
        desk.type(desk.home + "/cl")
        desk.press(.tab)
        assertShows(desk.screen, desk.home + "/cles/")
        desk.press(.tab)
        assertShows(desk.screen, keyPath)
        desk.press(.enter)
        assertShows(desk.screen, "Clé de l'équipe : " + desk.team.publicKey.fingerprint + " « Équipe »", "Comparez cette empreinte")

        desk.press(.down, .down, .enter)
        assertShows(desk.screen, "étape 2 sur 3", "Nom du poste")
        desk.type("Permanence Belleville")
        desk.press(.enter)
        desk.type("court")
        desk.press(.enter)
        desk.type("court")
        desk.press(.enter)
        assertShows(desk.screen, "Phrase de passe trop courte")
        desk.press(.control("u"))
        desk.type("desk passphrase 1")
        desk.press(.enter)
        desk.type("desk passphrase 2")
        desk.press(.enter)
        assertShows(desk.screen, "Les deux phrases de passe diffèrent")
        desk.type("desk passphrase 1")
        desk.press(.enter)
        assertShows(desk.screen, "étape 3 sur 3", "Le poste est prêt", "Empreinte du poste")
        desk.press(.enter)
        assertShows(desk.screen, "Nouveau témoignage", "Poste « Permanence Belleville »")
        XCTAssertTrue(DeskVault.exists(at: desk.vaultDirectory))
        let (vault, _) = try desk.reopenVault()
        XCTAssertEqual(try vault.teamKeys().map(\.fingerprint), [desk.team.publicKey.fingerprint])
    }

    func testKeyFilesFoundAreListedAndWrongFilesExplained() throws {
        let desk = try DeskHarness(size: Size(width: 100, height: 30), language: .en, createVault: false)
        try Data(PublicKeyFile.encode(desk.team.publicKey)).write(to: URL(fileURLWithPath: desk.home + "/team.pub"))
        try Data("not a key".utf8).write(to: URL(fileURLWithPath: desk.home + "/other.pub"))
        let again = try DeskHarness(reopening: desk, size: Size(width: 100, height: 30), language: .en)
        assertShows(again.screen, "Key files found", desk.home + "/other.pub", desk.home + "/team.pub")
        again.press(.down, .enter)
        assertShows(again.flatScreen, "other.pub: This is not a Témoin public key file (team.pub)")
        again.press(.up, .enter)
        assertShows(again.screen, "Add at least one team key first")
        again.press(.down, .down, .enter)
        assertShows(again.screen, "Team key: " + again.team.publicKey.fingerprint + " “Équipe”")
    }

    /// A "team.pub" that is a named pipe (on a stick handed over at set-up, where the first screen lists every
    /// `*.pub` it finds) is refused at once: opening it waited for a writer, the desk frozen at its first screen.
    func testAKeyFileThatIsAPipeIsRefusedAtOnce() throws {
        let desk = try DeskHarness(createVault: false)
        let keyPath = desk.home + "/team.pub"
        XCTAssertEqual(mkfifo(keyPath, 0o600), 0)
        let answered = DispatchSemaphore(value: 0)
        let watchdog = DispatchGroup()
        nonisolated(unsafe) var waited = false
        DispatchQueue.global().async(group: watchdog) {
            guard answered.wait(timeout: .now() + 10) == .timedOut else { return }
            waited = true   // the desk waits in open(2) for a writer: be one, so that the test ends
            let writer = open(keyPath, O_WRONLY | O_NONBLOCK)
            if writer >= 0 { close(writer) }
        }
        desk.wait(0)
        desk.type(keyPath)
        desk.press(.enter)
        answered.signal()
        watchdog.wait()
        XCTAssertFalse(waited, "reading the key file waited for a writer")
        assertShows(desk.flatScreen, "team.pub", "ce n'est pas un fichier ordinaire", "étape 1 sur 3")
        XCTAssertFalse(desk.screen.contains("Clé de l'équipe :"), desk.screen)
    }

    func testKeyErrorsAreSaidWholeInTheUILanguage() {
        let cut = ErrorText.message(for: CryptoError.malformed("public key is cut short"), file: "x.pub")
        XCTAssertEqual(cut.fr, "x.pub : Données abîmées ou tronquées (public key is cut short) : reprenez une copie intacte.")
        let secret = ErrorText.message(for: CryptoError.wrongKind(expected: .publicKeyFile, found: .secretKeyFile), file: "team.key")
        XCTAssertEqual(secret.fr, "team.key : Ce n'est pas un fichier de clé publique : c'est un fichier de clé SECRÈTE (team.key) ; donnez plutôt "
                       + "le fichier team.pub. Un poste a besoin de la clé publique de l'équipe (team.pub) ; la clé secrète (team.key) ne va jamais sur un poste.")
        XCTAssertFalse(ErrorText.message(for: CryptoError.unsupportedVersion(9)).fr.contains("Format version"))
    }
}
