import Foundation
import TemoinCrypto
@testable import TemoinDesk
@testable import TemoinDeskUI
import TemoinFormat
import TemoinForms
@testable import TemoinTeamUI
import TemoinTerminal
@testable import TemoinUIKit
import XCTest

final class SealAndExportTests: XCTestCase {
    /// Unlocks, starts a testimony and answers the required questions: consent, date, city, account.
    private func completeTestimony(_ size: Size = Size(width: 80, height: 24), language: Language = .fr) throws -> DeskHarness {
        let desk = try DeskHarness.onNewTestimony(size: size, language: language)
        desk.answerTheRequiredQuestions()
        return desk
    }

    func testReviewListsMissingAnswersAndJumpsToThem() throws {
        let desk = try DeskHarness()
        desk.unlock()
        desk.press(.function(2))
        desk.type("o")
        desk.press(.function(5))
        assertShows(desk.screen, "Relecture avant de sceller", "3 réponse(s) à compléter", "✗ Réponse obligatoire pour sceller")
        // The highlight starts on the first problem: the date of the check.
        desk.press(.function(5))
        assertShows(desk.screen, "Impossible de sceller")
        desk.press(.enter)
        assertShows(desk.screen, "▶ Quel jour a eu lieu le contrôle")
        desk.type("2026-03-14")
        desk.press(.function(5), .enter)
        assertShows(desk.screen, "▶ Dans quelle ville")
    }

    func testSealingAsksFirstThenShowsTheReceiptLarge() throws {
        let desk = try completeTestimony()
        desk.press(.function(5))
        assertShows(desk.screen, "Tout est prêt", "oui")
        desk.press(.pageDown)
        assertShows(desk.screen, "Lyon", "14/03/2026")
        desk.press(.end)
        assertShows(desk.screen, "On m'a pris en photo avec une tablette.")
        desk.press(.function(5))
        assertShows(desk.screen, "Sceller ce témoignage ?", "pourra plus jamais le relire")
        desk.press(.escape)
        desk.wait(1)
        assertHides(desk.screen, "Sceller ce témoignage ?")
        desk.press(.function(5))
        desk.press(.enter)
        assertShows(desk.screen, "Témoignage scellé", "Code du reçu", "█")
        guard case let .receipt(receipt) = desk.model.screen else { return XCTFail("no receipt screen") }
        XCTAssertEqual(receipt.record.receipt.count, 9)
        assertShows(desk.screen, receipt.record.receipt.map(String.init).joined(separator: " "))
        desk.press(.enter)
        assertShows(desk.screen, "0 brouillon(s) · 1 scellé(s) à exporter", "(1 en attente)")
        let (vault, _) = try desk.reopenVault()
        XCTAssertEqual(try vault.status().awaitingExport, 1)
        XCTAssertEqual(try vault.status().drafts, 0)
    }

    func testSealInEnglishAt100x30() throws {
        let desk = try completeTestimony(Size(width: 100, height: 30), language: .en)
        desk.press(.control("r"))
        assertShows(desk.screen, "Everything is ready")
        desk.press(.pageDown)
        assertShows(desk.screen, "Lyon")
        desk.press(.control("r"), .character("y"))
        assertShows(desk.screen, "Testimony sealed", "Receipt code:")
    }

    func testExportWritesAVerifiedBundleWithProgress() throws {
        let desk = try completeTestimony()
        desk.press(.function(5), .function(5), .enter, .enter)
        desk.press(.function(6))
        assertShows(desk.screen, "Exporter les témoignages scellés", "1 témoignage(s) scellé(s)", "dossier par défaut — ")
        desk.press(.enter)
        assertShows(desk.screen, "Export terminé", "Témoignages : 1", "Empreinte du poste")
        assertHides(desk.screen, "en attente d'export")  // the count from before the export is stale
        let files = try FileManager.default.contentsOfDirectory(atPath: desk.home + "/Temoin-exports")
        XCTAssertEqual(files.count, 1)
        XCTAssertTrue(files[0].hasPrefix("temoin-") && files[0].hasSuffix(".tmn"))
        let bundle = try BundleReader.read(desk.home + "/Temoin-exports/" + files[0])
        XCTAssertEqual(bundle.recordIDs.count, 1)
        desk.press(.enter)
        assertShows(desk.screen, "1 exporté(s)")
    }

    /// F6 splits an export into volumes when one bundle would be larger than the destination takes: here a limit
    /// given as `temoin ui --max-size` gives (the desk reads a FAT32 stick's with statfs), room for one testimony
    /// but not two. The screen names both volumes and says to carry them together, in French and in English.
    func testExportSplitsIntoVolumesAndNamesThem() throws {
        let first = try completeTestimony()
        first.press(.function(5), .function(5), .enter, .enter)
        first.press(.function(2))
        first.answerTheRequiredQuestions()
        first.press(.function(5), .function(5), .enter, .enter)
        assertShows(first.screen, "2 scellé(s) à exporter")
        // Three quarters of the estimate for both: one record's bundle fits, two do not.
        let estimate = try { try first.reopenVault().0.exportEstimate(all: false) }()
        let desk = try DeskHarness(reopening: first, maximumVolumeBytes: estimate.bytes * 3 / 4)
        desk.unlock()
        desk.press(.function(6), .enter)
        let names = try FileManager.default.contentsOfDirectory(atPath: desk.home + "/Temoin-exports").sorted()
        XCTAssertEqual(names.count, 2, "\(names)")
        XCTAssertTrue(names.first?.hasSuffix("-1-of-2.tmn") == true && names.last?.hasSuffix("-2-of-2.tmn") == true, "\(names)")
        for name in names {
            XCTAssertEqual(try BundleReader.read(desk.home + "/Temoin-exports/" + name).recordIDs.count, 1, name)
            assertShows(desk.screen, name)
        }
        assertShows(desk.screen, "Export terminé en 2 volumes", "Témoignages : 2", "Empreinte du poste")
        assertShows(desk.flatScreen, "Dossier : " + desk.home + "/Temoin-exports", "Copiez ces 2 fichiers ensemble et remettez-les tous à l'équipe juridique", "l'équipe doit tous les importer")
        guard case let .export(export) = desk.model.screen else { return XCTFail("not on the export screen") }
        let english = export.view(size: Size(width: 80, height: 24), language: .en, awaiting: nil).text
        assertShows(english, "Export done in 2 volumes", "Testimonies: 2", names[0], names[1])
        assertShows(english.split(whereSeparator: \.isWhitespace).joined(separator: " "), "Copy these 2 files together and hand them all to the legal team")
        desk.press(.enter)
        assertShows(desk.screen, "0 scellé(s) à exporter · 2 exporté(s)")
        withExtendedLifetime(first) {}  // its folder, which the second session uses, goes with it
    }

    /// F6 offers what `temoin export --without-files` does, for a testimony whose files fit on no volume: the bundle
    /// carries every testimony but no file, and the testimony with files stays to export with them.
    func testExportCanLeaveTheEvidenceFilesOutAndTheyStayToExport() throws {
        let first = try completeTestimony()
        first.press(.function(5), .function(5), .enter, .enter)
        try {   // the vault closed again before the next session opens it
            let (vault, _) = try first.reopenVault()
            let photo = first.root + "/photo.png"
            let png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D, 0x49, 0x48, 0x44, 0x52, 0, 0, 0, 1, 0, 0, 0, 1, 8, 2, 0, 0, 0]
            try Data(png).write(to: URL(fileURLWithPath: photo))
            let answers: Answers = ["consent": .yesno(.yes), "role": .choice("checked"), "check_date": .date(ApproximateDate(iso: "2026-03-14")!),
                                "city": .text("Nice"), "account": .text("Récit.")]
            _ = try vault.seal(answers, form: try Questionnaire.builtIn(), attachments: [Attachment(field: "evidence_files", path: photo)])
        }()
        let desk = try DeskHarness(reopening: first)
        desk.unlock()
        desk.press(.function(6))
        assertShows(desk.screen, "  [ ] Sans les fichiers remis", "Entrée : exporter ici")
        desk.press(.down, .down)
        assertShows(desk.screen, "▶ [ ] Sans les fichiers remis", "Espace : cocher ou décocher")
        desk.press(.character(" "))
        assertShows(desk.screen, "▶ [x] Sans les fichiers remis")
        guard case let .export(export) = desk.model.screen else { return XCTFail("not on the export screen") }
        assertShows(export.view(size: Size(width: 120, height: 24), language: .en, awaiting: nil).text,
                    "▶ [x] Without the evidence files (the testimonies only; those with files stay to export with them)",
                    "Space: tick or untick · Enter: export · Esc: back")
        desk.press(.up)
        guard case let .export(moved) = desk.model.screen else { return XCTFail("not on the export screen") }
        XCTAssertTrue(moved.withoutFiles, "leaving the choice keeps it")
        desk.press(.enter)
        assertShows(desk.flatScreen, "Export terminé", "Les fichiers remis ne sont pas dans ce lot : les témoignages qui en ont restent à exporter")
        let names = try FileManager.default.contentsOfDirectory(atPath: desk.home + "/Temoin-exports")
        XCTAssertEqual(names.count, 1, "\(names)")
        let bundle = try BundleReader.read(desk.home + "/Temoin-exports/" + names[0])
        XCTAssertEqual(bundle.files.count, 0, "no evidence file in the bundle")
        XCTAssertEqual(bundle.header.fileCount, 0)
        desk.press(.enter)
        assertShows(desk.screen, "1 scellé(s) à exporter")  // the testimony with its file
        withExtendedLifetime(first) {}  // its folder, which the second session uses, goes with it
    }

    /// Volumes too many for the screen: the first ones are named, the rest counted, and the instruction stays in view.
    func testManyVolumesKeepTheInstructionInView() {
        var export = ExportScreen(defaultFolder: "/media/CLE", fileName: "lot.tmn")
        let volumes = (1...20).map {
            ExportSummary(path: "/media/CLE/lot-\($0)-of-20.tmn", byteCount: 4_000_000_000, recordCount: 3, deskFingerprint: "7EV4-TYLG-P74J-H8P8-J2CN", bundleID: "00")
        }
        export.receive(.exported(volumes))
        let frame = export.view(size: Size(width: 80, height: 24), language: .fr, awaiting: nil)
        let flat = frame.text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        assertShows(flat, "lot-1-of-20.tmn (4,0 Go)", "… et 13 autre(s)", "Taille : 80,0 Go", "Témoignages : 60",
                    "Copiez ces 20 fichiers ensemble", "Entrée : retour à l'accueil.")
        assertHides(flat, "lot-8-of-20.tmn")
    }

    func testExportToAReadOnlyFolderSaysSoAndLosesNothing() throws {
        let desk = try completeTestimony(language: .en)
        desk.press(.function(5), .function(5), .enter, .enter, .function(6))
        let readOnly = desk.root + "/readonly"
        try FileManager.default.createDirectory(atPath: readOnly, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o500])
        if getuid() == 0 { try mountReadOnly(readOnly) }    // root writes through permissions, not to a read-only disk
        desk.press(.control("a"), .control("k"))
        desk.type(readOnly)
        desk.press(.enter)
        assertShows(desk.flatScreen, "Cannot write to", "Nothing is lost")
    }

    func testExportToAMissingFolderSaysSo() throws {
        let desk = try completeTestimony(language: .en)
        desk.press(.function(5), .function(5), .enter, .enter, .function(6))
        desk.press(.control("a"), .control("k"))
        desk.type(desk.root + "/no/such/folder")
        desk.press(.enter)
        assertShows(desk.flatScreen, "no such file or folder", "Nothing is lost")
        desk.press(.enter)
        assertShows(desk.screen, "Destination folder:")
        XCTAssertEqual(desk.model.overview?.status.awaitingExport, 1)
    }

    func testNothingToExportIsExplained() throws {
        let desk = try DeskHarness(language: .en)
        desk.unlock()
        desk.press(.function(6), .enter)
        assertShows(desk.flatScreen, "Nothing new to export")
    }

    /// Mounts a read-only tmpfs at `path` (a write-protected USB stick), unmounted after the test.
    private func mountReadOnly(_ path: String) throws {
        let mount = Process()
        mount.executableURL = URL(fileURLWithPath: "/bin/mount")
        mount.arguments = ["-t", "tmpfs", "-o", "ro,size=16k", "tmpfs", path]
        try mount.run()
        mount.waitUntilExit()
        guard mount.terminationStatus == 0 else {
            throw XCTSkip("as root, a read-only folder needs a read-only mount, which is not permitted here: run the tests in a container allowed to mount, or as a user")
        }
        addTeardownBlock {
            let umount = Process()
            umount.executableURL = URL(fileURLWithPath: "/bin/umount")
            umount.arguments = ["-l", path]
            try? umount.run()
            umount.waitUntilExit()
        }
    }
}
