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

    private func session(_ script: Script, language: Language = .fr, form: Questionnaire? = nil) throws -> (PlainSession, String) {
        let root = NSTemporaryDirectory() + "temoin-plain-" + UUID().uuidString
        addTeardownBlock { try? FileManager.default.removeItem(atPath: root) }
        let team = TeamKeyPair(name: "Équipe")
        _ = try DeskVault.create(at: root + "/vault", deskName: "Permanence", teamKeys: [team.publicKey],
                                 passphrase: SecretBytes(utf8: "desk passphrase 1"), cost: DeskHarness.cheap)
        let services = try DeskServices(directory: root + "/vault", form: form, homeDirectory: root, exportFolder: root + "/exports")
        return (PlainSession(services: services, language: language, readLine: script.readLine, write: script.write), root)
    }

    /// A session in English that consents, gives the town and stops (`:q`) at the place: its script and folder.
    private func stopAtThePlace() throws -> (Script, String) {
        let script = Script([("Do you agree", ["y"]), ("In which town", ["Lille"]), ("Where exactly", [":q"])])
        let (plain, root) = try session(script, language: .en)
        XCTAssertNil(try plain.run(passphrase: SecretBytes(utf8: "desk passphrase 1")))
        return (script, root)
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

    /// A files question line by line (issue 14): each path typed is refused for the picker's reasons or
    /// encrypted into the vault at once, listed, and sealed with the testimony.
    func testPlainModeTakesFilesByPathWithThePickersRefusals() throws {
        let folder = NSTemporaryDirectory() + "temoin-plain-files-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        addTeardownBlock { try? FileManager.default.removeItem(atPath: folder) }
        let canary = Array("CANARY-plain-fichier".utf8)
        let png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D, 0x49, 0x48, 0x44, 0x52, 0, 0, 0, 1, 0, 0, 0, 1, 8, 2, 0, 0, 0]
        try Data(png + canary).write(to: URL(fileURLWithPath: folder + "/photo du contrôle.png"))
        try Data([0x7F, 0x45, 0x4C, 0x46, 2, 1, 1, 0] + [UInt8](repeating: 0, count: 56)).write(to: URL(fileURLWithPath: folder + "/programme"))
        let script = Script([
            ("Êtes-vous d'accord", ["o"]),
            ("Quel jour a eu lieu", ["14/03/2026"]),
            ("Dans quelle ville", ["Lyon"]),
            ("Racontez-nous le contrôle", ["Un récit.", "."]),
            ("Fichiers remis", [folder + "/absent.png", folder + "/programme", "'" + folder + "/photo du contrôle.png'", ""]),
            ("Sceller ce témoignage", ["oui"]),
        ])
        // The files question made required: the file given answers it (sealing would otherwise be refused).
        var form = try Questionnaire.builtIn()
        for section in form.sections.indices {
            for field in form.sections[section].fields.indices where form.sections[section].fields[field].id == "evidence_files" {
                form.sections[section].fields[field].required = true
            }
        }
        let (plain, root) = try session(script, form: form)
        _ = try XCTUnwrap(try plain.run(passphrase: SecretBytes(utf8: "desk passphrase 1")))
        assertShows(script.output, "Fichiers remis : vidéo, photos, captures d'écran, documents *", "Tapez le chemin d'un fichier par ligne", "absent.png", "programme",
                    "Fichier ajouté, chiffré : photo du contrôle.png", "1. photo du contrôle.png — ", "image/png",
                    "Fichiers remis : vidéo, photos, captures d'écran, documents : photo du contrôle.png")
        let refusals = script.output.components(separatedBy: "\n").filter { $0.contains("⚠ Impossible de joindre") }
        XCTAssertEqual(refusals.count, 2, script.output)
        XCTAssertTrue(refusals.last?.contains("application/") == true, "\(refusals)")
        let streams = try FileManager.default.contentsOfDirectory(atPath: root + "/vault/files").filter { $0.hasSuffix(".tmnf") }
        XCTAssertEqual(streams.count, 1, "the one file accepted is in the vault, encrypted")
        XCTAssertFalse(try Data(contentsOf: URL(fileURLWithPath: root + "/vault/files/" + streams[0])).contains(canary))
    }

    func testWrongPassphraseStops() throws {
        let script = Script([])
        let (plain, _) = try session(script, language: .en)
        XCTAssertThrowsError(try plain.run(passphrase: SecretBytes(utf8: "nope"))) { error in
            XCTAssertEqual(error as? PlainSession.Stop, .wrongPassphrase)
        }
    }

    func testStopKeepsADraft() throws {
        let (script, root) = try stopAtThePlace()
        assertShows(script.output, "Draft saved, encrypted")
        let vault = try DeskVault.open(at: root + "/vault")
        XCTAssertEqual(try vault.status().drafts, 1)
    }

    /// Any number typed at the draft chooser, the smallest included (its `- 1` overflowed), starts a new
    /// testimony unless it names a draft: never a crash.
    func testAnyNumberTypedAtTheDraftChooserIsSafe() throws {
        let (_, root) = try stopAtThePlace()
        for typed in ["\(Int.min)", "\(Int.max)", "0", "-1", "2"] {
            let script = Script([("Number of the draft to resume", [typed]), ("Do you agree", [":q"])])
            let services = try DeskServices(directory: root + "/vault", form: nil, homeDirectory: root, exportFolder: root + "/exports")
            let plain = PlainSession(services: services, language: .en, readLine: script.readLine, write: script.write)
            XCTAssertNil(try plain.run(passphrase: SecretBytes(utf8: "desk passphrase 1")), typed)
            XCTAssertTrue(script.output.contains("Do you agree"), "\(typed): a new testimony starts\n\(script.output)")
        }
    }

    func testAStopInPlainModeReopensTheFullScreenFormWhereItStopped() throws {
        let (_, root) = try stopAtThePlace()
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
