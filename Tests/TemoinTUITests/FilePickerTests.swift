import Foundation
import TemoinCrypto
import TemoinDesk
@testable import TemoinDeskUI
import TemoinForms
import TemoinTeam
import TemoinTerminal
@testable import TemoinUIKit
import XCTest

/// The file picker of the `files` question (issue 14): places first, browsing, what each file shows, the
/// question's limits, picking (encrypted at once), removing, and folders that cannot be read.
final class FilePickerTests: XCTestCase {
    static let canary = "CANARY-91b4-video-du-temoin"
    /// 2026-03-14 17:05 UTC: the files' modification time.
    static let shotAt = Date(timeIntervalSince1970: 1_773_507_900)

    /// Writes a file whose content libmagic reads as PNG (whatever its name says), holding the canary.
    @discardableResult
    static func png(_ path: String, extra: Int = 0) throws -> String {
        try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        let header: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D, 0x49, 0x48, 0x44, 0x52, 0, 0, 0, 1, 0, 0, 0, 1, 8, 2, 0, 0, 0]
        try Data(header + Array(canary.utf8) + [UInt8](repeating: 0x41, count: extra)).write(to: URL(fileURLWithPath: path))
        try FileManager.default.setAttributes([.modificationDate: shotAt], ofItemAtPath: path)
        return path
    }

    /// A phone mounted under the harness's media root, with a photo (named .jpg, content PNG) in DCIM/Camera.
    static func plugPhone(_ desk: DeskHarness) throws -> String {
        let phone = desk.root + "/media/alice/TELEPHONE"
        try png(phone + "/DCIM/Camera/IMG_0001.jpg")
        try FileManager.default.createDirectory(atPath: desk.home + "/Documents", withIntermediateDirectories: true)
        return phone
    }

    /// Unlocks, starts a testimony (consent yes) and goes to the files question of the evidence section.
    static func openFilesQuestion(_ desk: DeskHarness) {
        desk.unlock()
        desk.press(.function(2))
        desk.type("o")
        for _ in 0..<6 { desk.press(.function(4)) }
        desk.press(.tab)
    }

    private func streams(_ desk: DeskHarness) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: desk.vaultDirectory + "/files")) ?? []).sorted()
    }

    private var picker: FilePicker? {
        guard case let .form(form) = desk?.model.screen else { return nil }
        return form.picker
    }

    private var desk: DeskHarness?

    func testThePickerOffersPhonesFirstThenBrowsesWithArrowsEnterAndBackspace() throws {
        let desk = try DeskHarness(size: Size(width: 100, height: 30))
        self.desk = desk
        let phone = try Self.plugPhone(desk)
        // A name that is not UTF-8, and a very long one: shown escaped, and cut in the middle.
        let odd = Array((phone + "/DCIM/Camera/").utf8) + Array("vid".utf8) + [0xFF, 0x1B] + Array(".png".utf8)
        let fd = (odd + [0]).withUnsafeBufferPointer { $0.withMemoryRebound(to: CChar.self) { open($0.baseAddress!, O_WRONLY | O_CREAT, 0o600) } }
        XCTAssertGreaterThanOrEqual(fd, 0)
        close(fd)
        try Self.png(phone + "/DCIM/Camera/" + String(repeating: "très-long-nom-", count: 10) + "fin.png")
        Self.openFilesQuestion(desk)
        assertShows(desk.screen, "Fichiers remis", "+ Ajouter un fichier…")
        desk.press(.enter)
        let places = desk.lines.filter { $0.contains("⏏") || $0.contains("⌂") }
        XCTAssertEqual(places.count, 2, desk.screen)
        XCTAssertTrue(places.first?.contains("▶ ⏏ TELEPHONE  (téléphone ou clé branché)") ?? false, "the phone comes first, highlighted:\n\(desk.screen)")
        XCTAssertTrue(places.last?.contains("  ⌂ Dossier personnel") ?? false, desk.screen)
        desk.press(.enter)
        assertShows(desk.screen, "Dossier : TELEPHONE\n", "▸ DCIM/")
        desk.press(.enter, .enter)
        let photo = try XCTUnwrap(desk.lines.first { $0.contains("IMG_0001.jpg") }, desk.screen)
        // The type comes from the content (a PNG named .jpg), with the size and the time.
        assertShows(photo, "56 octets", "image/png", "2026-03-14 17:05")
        let empty = try XCTUnwrap(desk.lines.first { $0.contains("vid\\xFF\\x1B.png") }, desk.screen)
        assertShows(empty, "0 octets", "x-empty")
        let long = try XCTUnwrap(desk.lines.first { $0.contains("fin.png") }, desk.screen)
        XCTAssertTrue(long.contains("très-long-nom-") && long.contains("…") && long.contains("-nom-fin.png  "), long)
        XCTAssertEqual(picker?.entries.map(\.name).filter { $0.hasPrefix("IMG") }, ["IMG_0001.jpg"])
        desk.press(.backspace)
        assertShows(desk.screen, "Dossier : TELEPHONE/DCIM\n", "▶ ▸ Camera/")
        desk.press(.left, .backspace)
        XCTAssertTrue(desk.lines.contains { $0.contains("▶ ⏏ TELEPHONE") }, "back at the places:\n\(desk.screen)")
        desk.press(.down, .enter)
        assertShows(desk.screen, "Dossier : ~\n", "▸ Documents/")
        desk.escape()
        XCTAssertNil(picker)
        assertShows(desk.screen, "+ Ajouter un fichier…")
    }

    func testAPickedFileIsEncryptedAtOnceListedRemovableAndSealed() throws {
        let desk = try DeskHarness(size: Size(width: 100, height: 30))
        self.desk = desk
        let phone = try Self.plugPhone(desk)
        try Self.png(phone + "/DCIM/Camera/IMG_0002.jpg", extra: 300_000)   // several chunks: progress
        Self.openFilesQuestion(desk)
        desk.press(.enter, .enter, .enter, .enter)
        desk.press(.down, .enter)
        XCTAssertNil(picker, "the picker closes once the file is encrypted")
        assertShows(desk.screen, "1 IMG_0002.jpg", "300 Ko · image/png", "+ Ajouter un fichier…")
        XCTAssertEqual(streams(desk).count, 1, "encrypted into the vault the moment it is picked")
        let drawn = desk.terminal.frames.map(\.text).joined()
        assertShows(drawn, "Chiffrement de « IMG_0002.jpg »…", "] 100 % · 300 Ko / 300 Ko")
        // Saved at once: the draft holds the file's key.
        let saved = try XCTUnwrap(desk.model.screen.testimony?.draft.files)
        XCTAssertFalse(desk.model.screen.testimony?.isDirty ?? true)
        XCTAssertEqual(saved.map(\.name), ["IMG_0002.jpg"])
        for file in FileManager.default.enumerator(atPath: desk.vaultDirectory)?.compactMap({ $0 as? String }) ?? [] {
            let bytes = (try? Data(contentsOf: URL(fileURLWithPath: desk.vaultDirectory + "/" + file))) ?? Data()
            XCTAssertNil(bytes.range(of: Data(Self.canary.utf8)), "\(file) holds the canary")
        }

        // Another one, then removed: its copy leaves the vault once the draft is saved without it.
        desk.press(.enter, .enter, .enter, .enter, .enter)
        assertShows(desk.screen, "1 IMG_0002.jpg", "2 IMG_0001.jpg")
        XCTAssertEqual(streams(desk).count, 2)
        desk.press(.up, .delete)
        assertHides(desk.screen, "IMG_0001.jpg")
        XCTAssertEqual(streams(desk), [saved[0].id + ".tmnf"])
        XCTAssertEqual(desk.model.screen.testimony?.draft.files ?? [], saved)

        // Sealed with the testimony: the team finds it whole.
        desk.press(.function(3), .function(3), .function(3), .function(3), .function(3))
        desk.type("14/03/2026")
        desk.press(.tab, .tab)
        desk.type("Lyon")
        for _ in 0..<6 { desk.press(.function(4)) }
        desk.type("On m'a filmé.")
        desk.press(.function(5), .function(5), .enter)
        assertShows(desk.screen, "Témoignage scellé")
        let (vault, secrets) = try desk.reopenVault()
        let bundle = desk.root + "/b.tmn"
        XCTAssertEqual(try vault.export(to: bundle, secrets: secrets).fileCount, 1)
        var records: [DecryptedRecord] = []
        XCTAssertTrue(try TeamDecryptor(keys: [desk.team]).run(bundles: [bundle]) { records.append($0) }.isClean)
        XCTAssertEqual(records.first?.payload.files?.map(\.name), ["IMG_0002.jpg"])
        XCTAssertEqual(records.first?.payload.files?.first?.sha256, saved[0].sha256)
    }

    func testTheQuestionsLimitsRefuseAFileWithAMessageNamingThem() throws {
        var form = try Questionnaire.builtIn()
        for (s, section) in form.sections.enumerated() {
            for (f, field) in section.fields.enumerated() where field.id == "evidence_files" {
                form.sections[s].fields[f].max = 1
                form.sections[s].fields[f].maxSize = 1000
                form.sections[s].fields[f].accept = ["image/*"]
            }
        }
        let desk = try DeskHarness(size: Size(width: 100, height: 30), form: form)
        self.desk = desk
        let folder = desk.home + "/Documents"
        try Self.png(folder + "/a-grande.png", extra: 5000)
        try Data("Ceci est une note, pas une photo.\n".utf8).write(to: URL(fileURLWithPath: folder + "/b-fausse.jpg"))
        try Self.png(folder + "/c-bonne.png")
        Self.openFilesQuestion(desk)
        desk.press(.enter)
        assertShows(desk.screen, "un seul fichier · 1 Ko au plus chacun · image/*")
        desk.press(.enter)   // the home folder (no phone)
        desk.press(.enter)   // Documents
        desk.press(.enter)
        assertShows(desk.flatScreen, "Ce fichier fait 5 Ko : cette question accepte 1 Ko au plus par fichier.")
        desk.press(.down, .enter)
        assertShows(desk.flatScreen, "Ce fichier est de type text/plain (lu dans son contenu, pas dans son nom) : cette question accepte image/*.")
        XCTAssertEqual(streams(desk), [], "a refused file is not copied")
        desk.press(.down, .enter)
        assertShows(desk.screen, "1 c-bonne.png")
        desk.press(.enter, .enter, .enter, .down, .down, .enter)
        assertShows(desk.flatScreen, "Cette question prend un seul fichier : retirez-le avant d'en ajouter un autre.")
        XCTAssertEqual(streams(desk).count, 1)
        // Discarding the draft deletes the encrypted copies of its files too.
        desk.escape()
        desk.press(.function(8))
        desk.type("o")
        assertShows(desk.screen, "Le brouillon a été effacé")
        XCTAssertEqual(streams(desk), [])
    }

    func testLongNamesAreCutInTheMiddleByDisplayColumns() {
        for (text, width) in [("漢字の写真・警察の画面.png", 11), ("vidéo du contrôle de police à Lyon.mp4", 20), ("e\u{301}cran.png", 3)] {
            let cut = FilePicker.middle(text, width: width)
            XCTAssertLessThanOrEqual(DisplayWidth.of(cut), width, cut)
            XCTAssertTrue(cut.contains("…"), cut)
            XCTAssertEqual(cut.last, text.last, "the end (the extension) stays: \(cut)")
        }
        XCTAssertEqual(FilePicker.middle("漢字の写真・警察の画面.png", width: 11), "漢字….png")
        XCTAssertEqual(FilePicker.middle("court.png", width: 20), "court.png")
    }

    func testAFolderThatCannotBeReadSaysWhyAndTheEnglishPickerToo() throws {
        let desk = try DeskHarness(size: Size(width: 100, height: 30), language: .en)
        self.desk = desk
        let phone = try Self.plugPhone(desk)
        desk.unlock()
        desk.press(.function(2))
        desk.type("y")
        for _ in 0..<6 { desk.press(.function(4)) }
        desk.press(.tab, .enter, .enter)
        assertShows(desk.screen, "Folder: TELEPHONE\n", "▸ DCIM/")
        // The phone is unplugged while its folder is on screen.
        try FileManager.default.removeItem(atPath: phone + "/DCIM")
        desk.press(.enter)
        assertShows(desk.flatScreen, "Cannot open the folder TELEPHONE/DCIM (it no longer exists: was the device unplugged?): choose another one.")
        assertShows(desk.screen, "Folder: TELEPHONE\n")
        XCTAssertNotNil(picker, "the picker stays open where it was")
    }

    /// Any other reason a folder cannot be opened is said in French too, not as the C library's English.
    func testAFolderSwappedForAFileSaysWhyInFrench() throws {
        let desk = try DeskHarness(size: Size(width: 100, height: 30))
        self.desk = desk
        let phone = try Self.plugPhone(desk)
        Self.openFilesQuestion(desk)
        desk.press(.enter, .enter)
        assertShows(desk.screen, "Dossier : TELEPHONE\n", "▸ DCIM/")
        try FileManager.default.removeItem(atPath: phone + "/DCIM")
        try Data("not a folder".utf8).write(to: URL(fileURLWithPath: phone + "/DCIM"))
        desk.press(.enter)
        assertShows(desk.flatScreen, "(un élément du chemin n'est pas un dossier)")
        XCTAssertFalse(desk.flatScreen.contains("Not a directory"), desk.screen)
    }
}
