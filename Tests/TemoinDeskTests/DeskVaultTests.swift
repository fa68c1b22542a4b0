import Foundation
import TemoinCrypto
import TemoinDesk
import TemoinForms
import TemoinStorage
import XCTest

final class DeskVaultTests: VaultTestCase {
    func testCreateThenOpenAndUnlock() throws {
        let (vault, secrets) = try makeVault()
        let fingerprint = try vault.deskFingerprint()
        XCTAssertEqual(fingerprint, secrets.fingerprint)
        XCTAssertEqual(try vault.teamKeys().map(\.fingerprint), [team.publicKey.fingerprint])
        XCTAssertThrowsError(try DeskVault.open(at: vault.directory)) { XCTAssertEqual($0 as? VaultError, .alreadyOpen(path: vault.directory)) }
        let directory = vault.directory
        _ = consume vault
        let reopened = try DeskVault.open(at: directory)
        XCTAssertEqual(try reopened.unlock(passphrase: passphrase).publicKey, secrets.publicKey)
        XCTAssertThrowsError(try reopened.unlock(passphrase: SecretBytes(utf8: "mauvaise"))) { XCTAssertEqual($0 as? CryptoError, .wrongPassphrase) }
    }

    func testMissingAndExistingVaultsAreReported() throws {
        XCTAssertThrowsError(try DeskVault.open(at: folder + "/nowhere")) { XCTAssertEqual($0 as? VaultError, .notFound(path: folder + "/nowhere")) }
        let (vault, _) = try makeVault()
        XCTAssertThrowsError(try DeskVault.create(at: vault.directory, deskName: "x", teamKeys: [team.publicKey], passphrase: passphrase)) {
            XCTAssertEqual($0 as? VaultError, .alreadyExists(path: vault.directory))
        }
    }

    func testSealValidatesAndStoresNothingWhenInvalid() throws {
        let (vault, _) = try makeVault()
        var answers = testimony()
        answers["account"] = nil
        XCTAssertThrowsError(try vault.seal(answers, form: form)) { error in
            guard case VaultError.invalidAnswers(let problems) = error else { return XCTFail("\(error)") }
            XCTAssertTrue(problems.contains { $0.hasPrefix("account") })
        }
        XCTAssertEqual(try vault.status().awaitingExport, 0)
        let sealed = try vault.seal(testimony(), form: form)
        XCTAssertEqual(sealed.receipt.count, 9)
        XCTAssertEqual(try vault.status().awaitingExport, 1)
    }

    func testAnswersThatDoNotApplyAreDropped() throws {
        let (vault, _) = try makeVault()
        var answers = testimony()
        answers["face_photo"] = .yesno(.no)
        answers["photo_consent"] = .yesno(.yes)
        let sealed = try vault.seal(answers, form: form)
        XCTAssertEqual(sealed.droppedFields, ["photo_consent"])
    }

    func testCanaryNeverReachesTheVaultFiles() throws {
        let canary = "CANARY-7f3a9c-témoin"
        let (vault, secrets) = try makeVault()
        _ = try vault.seal(testimony("Le policier a dit \(canary)", city: canary), form: form)
        var draft = Draft(form: form)
        draft.answers = testimony(canary)
        draft.label = canary
        draft.pending = ["officer_count": .text(canary)]
        try vault.saveDraft(draft, secrets: secrets)
        let needles = [Array(canary.utf8), Array("7f3a9c".utf8), Array(canary.utf16.flatMap { [UInt8($0 & 0xff), UInt8($0 >> 8)] })]
        let files = allBytes(under: vault.directory)
        XCTAssertTrue(files.contains { $0.0 == "vault.sqlite" })
        for (name, bytes) in files {
            for needle in needles { XCTAssertFalse(bytes.contains(needle), "\(name) holds the canary") }
        }
    }

    func testDraftsAreEncryptedAndSurviveReopening() throws {
        let (vault, secrets) = try makeVault()
        var draft = Draft(form: form)
        draft.label = "Paris, 14/03"
        draft.answers = testimony("Récit en cours 漢字 e\u{301}")
        // Ticked choices stay a list of ids: an id holding ", " comes back whole.
        draft.pending = ["officer_count": "3 ou 4", "forces": .choices(["bac", "crs, gendarmerie"])]
        draft.section = 4
        try vault.saveDraft(draft, secrets: secrets)
        draft.label = "Paris, 14/03 (suite)"
        try vault.saveDraft(draft, secrets: secrets)
        let directory = vault.directory
        _ = consume vault
        let reopened = try DeskVault.open(at: directory)
        let unlocked = try reopened.unlock(passphrase: passphrase)
        let (drafts, unreadable) = try reopened.drafts(secrets: unlocked, forms: [form])
        XCTAssertEqual(unreadable, 0)
        XCTAssertEqual(drafts.count, 1)
        XCTAssertEqual(drafts.first?.label, "Paris, 14/03 (suite)")
        XCTAssertEqual(drafts.first?.answers, draft.answers)
        XCTAssertEqual(drafts.first?.pending, ["officer_count": "3 ou 4", "forces": .choices(["bac", "crs, gendarmerie"])])
        XCTAssertEqual(drafts.first?.section, 4)
        XCTAssertEqual(try reopened.status().drafts, 1)
        let sealed = try reopened.seal(draft: drafts[0], form: form)
        XCTAssertFalse(sealed.receipt.isEmpty)
        XCTAssertEqual(try reopened.status().drafts, 0)
        XCTAssertEqual(try reopened.status().awaitingExport, 1)
    }

    func testAnotherDeskCannotReadDrafts() throws {
        let (vault, secrets) = try makeVault()
        var draft = Draft(form: form)
        draft.answers = testimony()
        try vault.saveDraft(draft, secrets: secrets)
        let (drafts, unreadable) = try vault.drafts(secrets: DeskSecrets(), forms: [form])
        XCTAssertEqual(drafts.count, 0)
        XCTAssertEqual(unreadable, 1)
    }

    func testImportedQuestionnaireIsUsedUntilReset() throws {
        let (vault, _) = try makeVault()
        var custom = form!
        custom.version = 99
        try vault.importQuestionnaire(custom)
        XCTAssertEqual(try vault.questionnaire().version, 99)
        try vault.resetQuestionnaire()
        XCTAssertEqual(try vault.questionnaire().version, form.version)
    }

    func testSeveralTeamKeysAllReceiveEveryRecord() throws {
        let second = TeamKeyPair(name: "Avocate")
        let (vault, _) = try makeVault()
        try vault.addTeamKey(second.publicKey)
        _ = try vault.seal(testimony(), form: form)
        XCTAssertEqual(try vault.teamKeys().count, 2)
        XCTAssertTrue(try vault.retireTeamKey(fingerprint: team.publicKey.fingerprint))
        XCTAssertEqual(try vault.teamKeys().map(\.name), ["Avocate"])
        XCTAssertThrowsError(try vault.retireTeamKey(fingerprint: second.publicKey.fingerprint))
    }
}
