import Foundation
import TemoinCrypto
@testable import TemoinDesk
@testable import TemoinFormat
import TemoinForms
@testable import TemoinStorage
@testable import TemoinTeam
import XCTest

/// Files picked at the desk for a draft (issue 14): encrypted into the vault the moment they are picked,
/// their keys kept inside the draft, sealed with it, never taken for orphans while the draft lives.
final class DraftFilesTests: VaultTestCase {
    private let canary = "CANARY-7c2a-photo-prise-au-bureau"

    /// A PNG (libmagic reads `image/png`) holding the canary, at a path whose name is `name`'s bytes.
    private func pngFile(_ name: [UInt8]) throws -> [UInt8] {
        let png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D, 0x49, 0x48, 0x44, 0x52, 0, 0, 0, 1, 0, 0, 0, 1, 8, 2, 0, 0, 0]
        let path = Array(folder.utf8) + [UInt8(ascii: "/")] + name
        let fd = (path + [0]).withUnsafeBufferPointer { $0.withMemoryRebound(to: CChar.self) { open($0.baseAddress!, O_WRONLY | O_CREAT | O_TRUNC, 0o600) } }
        XCTAssertGreaterThanOrEqual(fd, 0)
        let bytes = png + Array(String(repeating: canary, count: 5000).utf8)   // several chunks
        XCTAssertEqual(bytes.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }, bytes.count)
        close(fd)
        return path
    }

    private var field: Field { form.field("evidence_files")! }

    private func streams(_ vault: DeskVault) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: vault.directory + "/files")) ?? []).sorted()
    }

    func testAPickedFileIsEncryptedAtOnceKeptByItsDraftAndSealedWithIt() throws {
        let (vault, secrets) = try makeVault()
        // A name that is not UTF-8 (a phone formatted long ago): picked by its bytes, named escaped.
        let path = try pngFile(Array("scène-".utf8) + [0xFF] + Array(".png".utf8))
        var progress: [Int] = []
        let file = try vault.attach(path: path, name: "scène-\\xFF.png", field: field, alreadyPicked: 0) { done, _ in progress.append(done) }
        XCTAssertEqual(file.type, "image/png")
        XCTAssertEqual(progress.first, 0)
        XCTAssertEqual(progress.last, file.size)
        XCTAssertGreaterThan(progress.count, 3, "progress is reported chunk by chunk")
        XCTAssertEqual(streams(vault), [file.id + ".tmnf"])
        for (name, bytes) in allBytes(under: vault.directory) {
            XCTAssertFalse(bytes.contains(Array(canary.utf8)), "\(name) holds the canary")
        }

        var draft = Draft(form: form)
        draft.answers = testimony()
        draft.files = [file]
        try vault.saveDraft(draft, secrets: secrets)
        // A new session: the unlock sweep of orphan streams leaves the draft's file alone.
        let directory = vault.directory
        _ = consume vault
        let reopened = try DeskVault.open(at: directory)
        _ = try reopened.unlock(passphrase: passphrase)
        XCTAssertEqual(streams(reopened), [file.id + ".tmnf"])

        let saved = try XCTUnwrap(reopened.drafts(secrets: secrets, forms: [form]).drafts.first)
        XCTAssertEqual(saved.files, [file])
        _ = try reopened.seal(draft: saved, form: form)
        let bundle = folder + "/b.tmn"
        XCTAssertEqual(try reopened.export(to: bundle, secrets: secrets).fileCount, 1)
        var records: [DecryptedRecord] = []
        XCTAssertTrue(try TeamDecryptor(keys: [team]).run(bundles: [bundle]) { records.append($0) }.isClean)
        let sealed = try XCTUnwrap(records.first?.payload.files?.first)
        XCTAssertEqual(sealed.name, "scène-\\xFF.png")
        XCTAssertEqual(sealed.sha256, file.sha256)
        XCTAssertEqual(sealed.size, file.size)
        XCTAssertEqual(records.first?.payload.answers["evidence_files"], .choices([file.id]))
    }

    func testTheFieldsLimitsAreCheckedWhenPicking() throws {
        let (vault, _) = try makeVault()
        let path = try pngFile(Array("a.png".utf8))
        var limited = field
        limited.max = 1
        XCTAssertThrowsError(try vault.attach(path: path, name: "a.png", field: limited, alreadyPicked: 1)) { error in
            XCTAssertTrue("\(error)".contains("at most 1 files"), "\(error)")
        }
        limited.maxSize = 100
        XCTAssertThrowsError(try vault.attach(path: path, name: "a.png", field: limited, alreadyPicked: 0)) { error in
            XCTAssertTrue("\(error)".contains("a.png") && "\(error)".contains("100 bytes"), "\(error)")
        }
        limited.maxSize = nil
        limited.accept = ["video/*"]
        XCTAssertThrowsError(try vault.attach(path: path, name: "a.png", field: limited, alreadyPicked: 0)) { error in
            XCTAssertTrue("\(error)".contains("image/png"), "\(error)")
        }
        XCTAssertEqual(streams(vault), [], "a refused file leaves nothing behind")
    }

    /// A file that the picker listed and that was swapped for a named pipe before Enter (a person with a shell at
    /// the desk) is refused at once: opening a pipe for reading waits for a writer, and the desk froze on its
    /// progress bar, its keys and auto-lock dead, until the window was closed.
    func testAFileSwappedForAPipeAfterItWasListedIsRefusedAtOnce() throws {
        let (vault, _) = try makeVault()
        let path = folder + "/photo.png"
        XCTAssertEqual(mkfifo(path, 0o600), 0)
        let field = self.field
        let done = DispatchSemaphore(value: 0)
        nonisolated(unsafe) var outcome: Result<DraftFile, Error>?
        DispatchQueue.global().async {
            outcome = Result { try vault.attach(path: Array(path.utf8), name: "photo.png", field: field, alreadyPicked: 0) }
            done.signal()
        }
        if done.wait(timeout: .now() + 10) == .timedOut {
            let writer = open(path, O_WRONLY | O_NONBLOCK)   // lets the waiting open go on, so that the test ends
            done.wait()
            close(writer)
            XCTFail("attaching a named pipe waited for a writer")
        }
        XCTAssertThrowsError(try XCTUnwrap(outcome).get()) { error in
            XCTAssertTrue("\(error)".contains("photo.png") && "\(error)".contains("not a regular file"), "\(error)")
        }
        XCTAssertEqual(streams(vault), [], "a refused file leaves nothing behind")
    }

    func testFilesOfADiscardedDraftOrOfAHiddenQuestionLeaveTheVault() throws {
        let (vault, secrets) = try makeVault()
        let first = try vault.attach(path: try pngFile(Array("a.png".utf8)), name: "a.png", field: field, alreadyPicked: 0)
        vault.removePicked([first])
        XCTAssertEqual(streams(vault), [])

        // A questionnaire that asks for files only when something was filmed, and "filmed: no": the
        // question is no longer asked, so its file is not sealed (like a hidden answer) and its copy goes.
        var asking = form!
        for (s, section) in asking.sections.enumerated() {
            for (f, field) in section.fields.enumerated() where field.id == "evidence_files" {
                asking.sections[s].fields[f].when = .equals(field: "filmed", value: "yes")
            }
        }
        let second = try vault.attach(path: try pngFile(Array("b.png".utf8)), name: "b.png", field: field, alreadyPicked: 0)
        var draft = Draft(form: asking)
        draft.answers = testimony()
        draft.answers["filmed"] = .yesno(.no)
        draft.files = [second]
        try vault.saveDraft(draft, secrets: secrets)
        let record = try vault.seal(draft: draft, form: asking)
        XCTAssertTrue(record.droppedFields.contains("evidence_files"), "\(record.droppedFields)")
        XCTAssertEqual(streams(vault), [])
    }

    func testADraftWhoseCopyIsMissingIsNotSealed() throws {
        let (vault, secrets) = try makeVault()
        let file = try vault.attach(path: try pngFile(Array("a.png".utf8)), name: "a.png", field: field, alreadyPicked: 0)
        var draft = Draft(form: form)
        draft.answers = testimony()
        draft.files = [file]
        try vault.saveDraft(draft, secrets: secrets)
        try FileManager.default.removeItem(atPath: vault.directory + "/files/" + file.id + ".tmnf")
        XCTAssertThrowsError(try vault.seal(draft: draft, form: form)) { error in
            XCTAssertTrue("\(error)".contains("a.png") && "\(error)".contains("pick it again"), "\(error)")
        }
        XCTAssertEqual(try vault.drafts(secrets: secrets, forms: [form]).drafts.count, 1, "the draft stays")
    }
}
