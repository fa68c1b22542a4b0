import Foundation
import TemoinCrypto
import TemoinDesk
@testable import TemoinFormat
import TemoinForms
import TemoinStorage
@testable import TemoinTeam
@testable import TemoinTeamUI
import TemoinTerminal
@testable import TemoinUIKit
import XCTest

/// A testimony's evidence files in the team's browser (issue 14, point 6): listed in the testimony with
/// their size, type and SHA-256, and one extracted on demand into a folder, checked, under a safe name.
final class TeamEvidenceUITests: TeamFixtureTestCase {
    private let canary = Array("CANARY-navigateur-fichier".utf8)

    /// A bundle of one testimony with two PNG files, sealed to the fixture's team; and the first file's bytes.
    private func bundleWithFiles(_ root: String) throws -> (bundle: String, photo: [UInt8]) {
        let f = try fixture()
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        let png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D, 0x49, 0x48, 0x44, 0x52, 0, 0, 0, 1, 0, 0, 0, 1, 8, 2, 0, 0, 0]
        let photo = png + canary
        try Data(photo).write(to: URL(fileURLWithPath: root + "/du contrôle.png"))
        try Data(png + [1, 2, 3]).write(to: URL(fileURLWithPath: root + "/capture.png"))
        let (desk, secrets) = try DeskVault.create(at: root + "/vault", deskName: "Permanence Belleville", teamKeys: [f.team.publicKey],
                                                   passphrase: SecretBytes(utf8: "desk passphrase 1"), cost: PassphraseCost(opsLimit: 1, memLimit: 8192))
        let answers: Answers = ["consent": .yesno(.yes), "role": .choice("checked"), "check_date": .date(ApproximateDate(iso: "2026-03-14")!),
                                "city": .text("Lyon"), "account": .text("Récit.")]
        _ = try desk.seal(answers, form: f.form, attachments: [Attachment(field: "evidence_files", path: root + "/du contrôle.png"),
                                                               Attachment(field: "evidence_files", path: root + "/capture.png")])
        let bundle = root + "/avec-fichiers.tmn"
        _ = try desk.export(to: bundle, secrets: secrets)
        return (bundle, photo)
    }

    func testTheTestimonyListsItsFilesAndXExtractsOneCheckedUnderASafeName() throws {
        let root = NSTemporaryDirectory() + "temoin-team-files-" + UUID().uuidString
        addTeardownBlock { try? FileManager.default.removeItem(atPath: root) }
        let (bundle, photo) = try bundleWithFiles(root)
        let harness = TeamHarness(try fixture(), size: Size(width: 100, height: 40), locked: false, bundles: [bundle], deskTrust: nil)
        harness.waitUntilLoaded()
        harness.press(.enter)
        let files = try XCTUnwrap(harness.model.collection?.rows.first?.record.payload.files)
        harness.press(.end)
        assertShows(harness.screen, "── Fichiers remis ──", "1. du contrôle.png — 54 octets — image/png",
                    "SHA-256 de l'original : " + files[0].sha256, "2. capture.png — 32 octets — image/png", "x : extraire un fichier")

        // x: the box lists the files; ↓ chooses the second, the folder is typed over the default.
        harness.press(.character("x"))
        assertShows(harness.screen, "Extraire un fichier remis", "▸ 1. du contrôle.png", "fichiers-")
        let folder = root + "/extraits"
        harness.press(.down)
        assertShows(harness.screen, "▸ 2. capture.png")
        harness.press(.up)
        harness.press(.end)
        for _ in 0..<40 { harness.press(.backspace) }
        harness.type(folder)
        harness.press(.enter)
        // Written in the background: the box says so at once, the result comes when the file is written and checked.
        XCTAssertTrue(harness.terminal.frames.contains { $0.text.contains("Écriture de « du contrôle.png » et vérification de son SHA-256…") },
                      harness.screen)
        harness.waitUntil { $0.overlay == nil }
        let written = folder + "/" + SafeFileName.make(id: files[0].id, name: files[0].name)
        assertShows(harness.flatScreen, "Fichier écrit, SHA-256 vérifié")
        XCTAssertEqual(try FileSystem.read(written), photo, "the witness's file, byte for byte")
        XCTAssertEqual(written.components(separatedBy: "/").last, String(files[0].id.prefix(12)) + "-du_contrôle.png")

        // A folder that cannot be made: the box stays, with the reason, and nothing is written.
        try Data("un fichier".utf8).write(to: URL(fileURLWithPath: root + "/occupé"))
        harness.press(.character("x"))
        for _ in 0..<40 { harness.press(.backspace) }
        harness.type(root + "/occupé")
        harness.press(.enter)
        harness.waitUntil { model in
            if case let .extract(box)? = model.overlay { return !box.isWriting }
            return true
        }
        assertShows(harness.flatScreen, "Extraire un fichier remis", "n'est pas un dossier")
        XCTAssertNotNil(harness.model.overlay, "the box stays open to correct the folder")
        harness.escape()
        XCTAssertNil(harness.model.overlay)
    }

    /// While a file is written the box shows the bytes written of its size, answers only Esc (which hides it,
    /// the writing going on), and a failure puts the folder back to correct with the reason.
    func testTheBoxShowsTheBytesWrittenAndEscHidesItWhileTheWritingGoesOn() throws {
        let file = EvidenceFile(field: "evidence_files", id: String(repeating: "ab", count: 16), key: String(repeating: "cd", count: 32),
                                name: "vidéo du contrôle.mp4", sha256: String(repeating: "ef", count: 32), size: 1 << 30, type: "video/mp4")
        var box = TeamExtractBox(files: [file], folder: "fichiers")
        XCTAssertEqual(box.handle(.key(.enter)), .extract(file, folder: "fichiers"))
        XCTAssertTrue(box.isWriting)
        func shown(_ language: Language = .fr) -> String {
            var frame = Frame(size: Size(width: 90, height: 24))
            box.draw(over: &frame, language: language)
            return frame.text
        }
        assertShows(shown(), "Écriture de « vidéo du contrôle.mp4 » et vérification de son SHA-256…",
                    "Échap : masquer (l'écriture continue, le résultat s'affichera en bas)")
        assertHides(shown(), "%")
        box.progress(1 << 29)
        assertShows(shown(), "50 % 536,8 Mo sur 1,0 Go")
        assertShows(shown(.en), "Writing “vidéo du contrôle.mp4” and checking its SHA-256…", "50 % 536.8 MB of 1.0 GB")
        XCTAssertNil(box.handle(.key(.enter)), "no second extraction while one is written")
        XCTAssertNil(box.handle(.key(.character("a"))))
        XCTAssertEqual(box.prompt.editor.text, "fichiers")
        box.failed(Localized(fr: "Le disque est plein.", en: "The disk is full."))
        XCTAssertFalse(box.isWriting)
        assertShows(shown(), "Le disque est plein.", "Entrée : extraire · Échap : annuler")
        XCTAssertEqual(box.handle(.key(.enter)), .extract(file, folder: "fichiers"), "the folder can be tried again")
        XCTAssertEqual(box.handle(.back), .cancel, "Esc hides the box while the file is written")
    }

    /// The progress of an extraction is what its thread wrote, read from the kernel's count while it runs.
    func testTheExtractionReportsTheBytesItsThreadWrote() throws {
        let path = NSTemporaryDirectory() + "temoin-extraction-" + UUID().uuidString
        addTeardownBlock { try? FileManager.default.removeItem(atPath: path) }
        let wrote = DispatchSemaphore(value: 0), finish = DispatchSemaphore(value: 0)
        let job = TeamExtraction {
            let fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0o600)
            let block = [UInt8](repeating: 0x5A, count: 1 << 20)
            let count = fd >= 0 ? write(fd, block, block.count) : -1
            if fd >= 0 { close(fd) }
            wrote.signal()
            finish.wait()
            return count == block.count ? .extracted(path: path) : .extractFailed(Localized(fr: "écriture", en: "write"))
        }
        XCTAssertEqual(wrote.wait(timeout: .now() + 20), .success)
        XCTAssertGreaterThanOrEqual(try XCTUnwrap(job.written(), "the kernel's count of the thread's writes"), 1 << 20)
        XCTAssertNil(job.take(), "no result before the work ends")
        finish.signal()
        let deadline = Date() + 20
        while job.take() == nil, Date() < deadline { usleep(1000) }
        guard case .extracted(path)? = job.take() else { return XCTFail("the work's result") }
        XCTAssertNil(job.written(), "no count once ended")
    }

    func testATestimonyWithoutFilesSaysSoOnX() throws {
        let harness = TeamHarness(try fixture(), locked: false)
        harness.waitUntilLoaded()
        harness.press(.enter, .character("x"))
        assertShows(harness.screen, "Ce témoignage n'a pas de fichier remis.")
        XCTAssertNil(harness.model.overlay)
    }
}
