import Foundation
import TemoinCrypto
import TemoinDesk
@testable import TemoinDeskUI
import TemoinFormat
import TemoinForms
@testable import TemoinTeamUI
@testable import TemoinUIKit
import XCTest

final class PlainSessionTests: XCTestCase {
    /// A plain session whose answers depend on the last question printed.
    private final class Script {
        var output = ""
        private var unread = ""
        private var queued: [String] = []
        let answers: [(question: String, lines: [String])]

        init(_ answers: [(String, [String])]) {
            self.answers = answers
        }

        func write(_ text: String) {
            output += text
            unread += text
        }

        /// Answers `question` from `lines` in turn when it was just asked, else as `readLine()` does.
        func readLine(answering question: String, from lines: inout [String]) -> String? {
            guard unread.contains(question), !lines.isEmpty else { return readLine() }
            unread = ""
            return lines.removeFirst()
        }

        func readLine() -> String? {
            if !queued.isEmpty { return queued.removeFirst() }
            defer { unread = "" }
            let question = unread
            guard let match = answers.last(where: { question.contains($0.question) }) else { return "" }
            queued = Array(match.lines.dropFirst())
            return match.lines.first
        }
    }

    private func session(_ script: Script, language: Language = .fr) throws -> (PlainSession, String) {
        let root = NSTemporaryDirectory() + "temoin-plain-" + UUID().uuidString
        addTeardownBlock { try? FileManager.default.removeItem(atPath: root) }
        let team = TeamKeyPair(name: "Équipe")
        _ = try DeskVault.create(at: root + "/vault", deskName: "Permanence", teamKeys: [team.publicKey],
                                 passphrase: SecretBytes(utf8: "desk passphrase 1"), cost: DeskHarness.cheap)
        let services = try DeskServices(directory: root + "/vault", homeDirectory: root, exportFolder: root + "/exports")
        return (PlainSession(services: services, language: language, readLine: script.readLine, write: script.write), root)
    }

    func testPlainModeValidatesAndSeals() throws {
        let script = Script([
            ("Êtes-vous d'accord", ["o"]),
            ("Quel jour a eu lieu", ["32/13/2026", "14/03/2026"]),
            ("Dans quelle ville", ["Saint-Étienne"]),
            ("Racontez-nous le contrôle", ["Première ligne, avec des accents.", "Deuxième ligne.", "."]),
            ("Sceller ce témoignage", ["oui"]),
        ])
        let (plain, _) = try session(script)
        let record = try XCTUnwrap(try plain.run(passphrase: SecretBytes(utf8: "desk passphrase 1")))
        assertShows(script.output, "== Quand et où ==", "⚠", "Code du reçu : " + record.receipt, "Saint-Étienne")
    }

    func testWrongPassphraseStops() throws {
        let script = Script([])
        let (plain, _) = try session(script, language: .en)
        XCTAssertThrowsError(try plain.run(passphrase: SecretBytes(utf8: "nope"))) { error in
            XCTAssertEqual(error as? PlainSession.Stop, .wrongPassphrase)
        }
    }

    func testStopKeepsADraft() throws {
        let script = Script([("Do you agree", ["y"]), ("In which town", ["Lille"]), ("Where exactly", [":q"])])
        var root = ""
        do {
            let (plain, folder) = try session(script, language: .en)
            root = folder
            XCTAssertNil(try plain.run(passphrase: SecretBytes(utf8: "desk passphrase 1")))
        }
        assertShows(script.output, "Draft saved, encrypted")
        let vault = try DeskVault.open(at: root + "/vault")
        XCTAssertEqual(try vault.status().drafts, 1)
    }

    func testAStopInPlainModeReopensTheFullScreenFormWhereItStopped() throws {
        let script = Script([("Do you agree", ["y"]), ("In which town", ["Lille"]), ("Where exactly", [":q"])])
        var root = ""
        do {
            let (plain, folder) = try session(script, language: .en)
            root = folder
            XCTAssertNil(try plain.run(passphrase: SecretBytes(utf8: "desk passphrase 1")))
        }
        let vault = try DeskVault.open(at: root + "/vault")
        let form = try vault.questionnaire()
        let draft = try XCTUnwrap(try vault.drafts(secrets: try vault.unlock(passphrase: SecretBytes(utf8: "desk passphrase 1")), forms: [form]).drafts.first)
        XCTAssertEqual(draft.section, 1)
        XCTAssertEqual(draft.field, "place")
        let screen = FormScreen(testimony: Testimony(form: form, draft: draft))
        XCTAssertEqual(screen.sectionIndex, 1)
        XCTAssertEqual(screen.focusedID, "place")
    }

    func testPlainModeSetsUpADeskLineByLine() throws {
        let root = NSTemporaryDirectory() + "temoin-plain-" + UUID().uuidString
        addTeardownBlock { try? FileManager.default.removeItem(atPath: root) }
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        let team = TeamKeyPair(name: "Équipe")
        try Data(PublicKeyFile.encode(team.publicKey)).write(to: URL(fileURLWithPath: root + "/team.pub"))
        let script = Script([
            ("Chemin du fichier team.pub", [root + "/nothing.pub", root + "/team.pub"]),
            ("Demandez le bon fichier", [root + "/team.pub"]),
            ("Nom du poste", ["Permanence vocale"]),
            ("Êtes-vous d'accord", [":q"]),
        ])
        // A file that is not there, then the fingerprint refused (the team says it differs), then confirmed.
        var confirmations = ["n", "o"]
        var secrets = ["court", "une phrase de passe longue", "une phrase de passe longue"]
        do {
            let services = try DeskServices(directory: root + "/vault", homeDirectory: root, exportFolder: root + "/exports")
            let plain = PlainSession(services: services, language: .fr, readLine: {
                script.readLine(answering: "Est-elle identique", from: &confirmations)
            }, write: script.write)
            XCTAssertTrue(try plain.setUp(readSecret: { secrets.isEmpty ? nil : SecretBytes(utf8: secrets.removeFirst()) }))
            assertShows(script.output, team.publicKey.fingerprint, "⚠", "Phrase de passe trop courte", "Le poste est prêt")
            XCTAssertNil(try plain.run(passphrase: nil))
        }
        assertShows(script.output, "Brouillon enregistré, chiffré")
        let vault = try DeskVault.open(at: root + "/vault")
        XCTAssertEqual(try vault.deskName(), "Permanence vocale")
        XCTAssertEqual(try vault.teamKeys().map(\.fingerprint), [team.publicKey.fingerprint])
        XCTAssertEqual(try vault.language(), .fr)
        XCTAssertNoThrow(try vault.unlock(passphrase: SecretBytes(utf8: "une phrase de passe longue")))
    }
}
