import Foundation
import TemoinCrypto
@testable import TemoinDesk
@testable import TemoinFormat
@testable import TemoinStorage
@testable import TemoinTeam
import XCTest

/// Exports onto a tiny or read-only tmpfs (mounting needs root; skipped elsewhere).
final class FullDiskTests: VaultTestCase {
    private func mountTmpfs(_ options: String) throws -> String {
        guard getuid() == 0 else { throw XCTSkip("mounting a tmpfs needs root: run the tests as root (CI does)") }
        let point = folder + "/mnt-" + UUID().uuidString.prefix(8)
        try FileManager.default.createDirectory(atPath: point, withIntermediateDirectories: true)
        let mount = Process()
        mount.executableURL = URL(fileURLWithPath: "/bin/mount")
        mount.arguments = ["-t", "tmpfs", "-o", options, "tmpfs", point]
        try mount.run(); mount.waitUntilExit()
        guard mount.terminationStatus == 0 else { throw XCTSkip("mounting a tmpfs is not permitted here: run the tests in a container allowed to mount") }
        addTeardownBlock {
            let umount = Process()
            umount.executableURL = URL(fileURLWithPath: "/bin/umount")
            umount.arguments = ["-l", point]
            try? umount.run(); umount.waitUntilExit()
        }
        return point
    }

    func testExportToAFullDiskLosesNothingAndWorksOnceSpaceIsFreed() throws {
        let (vault, secrets) = try makeVault()
        for i in 0..<20 { _ = try vault.seal(testimony("récit \(i)"), form: form) }   // about 90 KB of envelopes
        let point = try mountTmpfs("size=48k")
        XCTAssertThrowsError(try vault.export(to: point + "/a.tmn", secrets: secrets)) { error in
            XCTAssertEqual(error as? VaultError, .diskFull(path: point))
            XCTAssertTrue("\(error)".contains("Nothing was lost"))
        }
        XCTAssertTrue(try FileManager.default.contentsOfDirectory(atPath: point).isEmpty, "nothing half-written is left")
        XCTAssertEqual(try vault.status().awaitingExport, 20, "no record was marked exported")
        let big = try mountTmpfs("size=1m")
        XCTAssertEqual(try vault.export(to: big + "/a.tmn", secrets: secrets).recordCount, 20)
        XCTAssertEqual(try vault.status().awaitingExport, 0)
    }

    /// Volumes (a FAT32 stick, or `--max-size`) that would not all fit: refused before the first is written,
    /// rather than leaving the team the first volumes only.
    func testVolumesThatWouldNotAllFitAreRefusedBeforeAnyIsWritten() throws {
        let (vault, secrets) = try makeVault()
        let head: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D, 0x49, 0x48, 0x44, 0x52]
        for index in 0..<3 {
            let path = folder + "/photo-\(index).png"
            XCTAssertTrue(FileManager.default.createFile(atPath: path, contents: Data(head + [UInt8](repeating: UInt8(index), count: 300_000))))
            _ = try vault.seal(testimony("avec fichier \(index)"), form: form, attachments: [Attachment(field: "evidence_files", path: path)])
        }
        let point = try mountTmpfs("size=700k")   // room for two volumes of about 300 kB, not three
        XCTAssertThrowsError(try vault.exportVolumes(to: point + "/lot.tmn", maximumBytes: 400_000, secrets: secrets)) { error in
            XCTAssertEqual(error as? VaultError, .diskFull(path: point))
        }
        XCTAssertTrue(try FileManager.default.contentsOfDirectory(atPath: point).isEmpty, "no volume was written")
        XCTAssertEqual(try vault.status().awaitingExport, 3, "no record was marked exported")
        let big = try mountTmpfs("size=2m")
        XCTAssertEqual(try vault.exportVolumes(to: big + "/lot.tmn", maximumBytes: 400_000, secrets: secrets).count, 3)
    }

    func testWritingPastAFullDiskIsReportedAsDiskFull() throws {
        let point = try mountTmpfs("size=16k")
        let sink = try FileSink(creating: point + "/big")
        XCTAssertThrowsError(try {
            for _ in 0..<64 { try sink.write([UInt8](repeating: 0x55, count: 4096)) }
            try sink.finish()
        }()) { XCTAssertEqual($0 as? VaultError, .diskFull(path: point + "/big")) }
    }

    func testWritingPastAFullDiskDirectlyIsReportedAsDiskFull() throws {
        let point = try mountTmpfs("size=64k")
        let sink = try FileSink(creating: point + "/big")
        let slab = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 20, alignment: 4096)
        defer { slab.deallocate() }
        slab.initializeMemory(as: UInt8.self, repeating: 0x55)
        XCTAssertThrowsError(try {
            try sink.writeDirect(UnsafeRawBufferPointer(slab))
            try sink.finish()
        }()) { XCTAssertEqual($0 as? VaultError, .diskFull(path: point + "/big")) }
    }

    /// Extracting a file at the team (`team decrypt --files`) onto a disk that fills half-way: the full disk is
    /// reported, and nothing is left in the folder, neither the file's name nor a partial file.
    func testExtractingAFileOntoAFullDiskIsReportedAndLeavesNothing() throws {
        let (vault, secrets) = try makeVault()
        let png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D, 0x49, 0x48, 0x44, 0x52]
        let video = folder + "/video.png"   // several slabs of the opening: writes fail while later ones are decrypted
        XCTAssertTrue(FileManager.default.createFile(atPath: video, contents: Data(png + (0..<(6 << 20)).map { UInt8(truncatingIfNeeded: $0 * 7) })))
        _ = try vault.seal(testimony(), form: form, attachments: [Attachment(field: "evidence_files", path: video)])
        let bundle = folder + "/lot.tmn"
        _ = try vault.export(to: bundle, secrets: secrets)
        var records: [DecryptedRecord] = []
        _ = try TeamDecryptor(keys: [team]).run(bundles: [bundle]) { records.append($0) }
        let record = try XCTUnwrap(records.first)
        let point = try mountTmpfs("size=2m")
        var extractor = try EvidenceExtractor(directory: point + "/remis")
        let outcomes = extractor.extract(try XCTUnwrap(record.payload.files), record: record.payload.record, bundlePath: bundle)
        XCTAssertEqual(outcomes.map { $0.error as? VaultError }, [.diskFull(path: point + "/remis")])
        XCTAssertEqual(outcomes.map(\.path), [nil])
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: point + "/remis"), [], "nothing named, nothing partial")
    }

    func testReadOnlyDestinationIsReported() throws {
        let (vault, secrets) = try makeVault()
        _ = try vault.seal(testimony(), form: form)
        let point = try mountTmpfs("size=1m,ro")
        XCTAssertThrowsError(try vault.export(to: point + "/a.tmn", secrets: secrets)) { error in
            guard case VaultError.notWritable = error else { return XCTFail("\(error)") }
            XCTAssertTrue("\(error)".contains("Choose another place"))
        }
        XCTAssertEqual(try vault.status().awaitingExport, 1)
    }

    func testVaultOnAFullDiskReportsItAndKeepsEarlierRecords() throws {
        let point = try mountTmpfs("size=256k")
        let (vault, _) = try DeskVault.create(at: point + "/vault", deskName: "Permanence", teamKeys: [team.publicKey], passphrase: passphrase,
                                              cost: Self.testCost)
        var sealed = 0
        var lastError: Error?
        for i in 0..<200 {
            do { _ = try vault.seal(testimony("récit \(i)"), form: form); sealed += 1 } catch { lastError = error; break }
        }
        XCTAssertEqual(lastError as? VaultError, .diskFull(path: point + "/vault"))
        XCTAssertGreaterThan(sealed, 0)
        XCTAssertEqual(try vault.status().awaitingExport, sealed, "every record acknowledged before the disk filled is still there")
    }

    /// Picking a file at the desk (issue 14) onto a full disk: refused as a full disk in both languages, no
    /// stream left half written, the draft and its earlier file kept.
    func testPickingAFileOntoAFullDiskLosesNothing() throws {
        let point = try mountTmpfs("size=1600k")   // room for the vault and a small file's stream, with the mebibyte kept free
        let (vault, secrets) = try DeskVault.create(at: point + "/vault", deskName: "Permanence", teamKeys: [team.publicKey], passphrase: passphrase,
                                                    cost: Self.testCost)
        let png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D, 0x49, 0x48, 0x44, 0x52]
        let small = folder + "/petite.png", large = folder + "/video.png"
        XCTAssertTrue(FileManager.default.createFile(atPath: small, contents: Data(png + [UInt8](repeating: 1, count: 10_000))))
        XCTAssertTrue(FileManager.default.createFile(atPath: large, contents: Data(png + [UInt8](repeating: 2, count: 2 << 20))))
        let field = try XCTUnwrap(form.field("evidence_files"))
        var draft = Draft(form: form)
        draft.answers = testimony()
        let first = try vault.attach(path: Array(small.utf8), name: "petite.png", field: field, alreadyPicked: 0)
        draft.files = [first]
        try vault.saveDraft(draft, secrets: secrets)
        XCTAssertThrowsError(try vault.attach(path: Array(large.utf8), name: "video.png", field: field, alreadyPicked: 1)) { error in
            XCTAssertEqual(error as? VaultError, .diskFull(path: point + "/vault"))
            XCTAssertTrue((error as? VaultError)?.message(in: .fr).contains("est plein. Rien n'est perdu") ?? false)
            XCTAssertTrue((error as? VaultError)?.message(in: .en).contains("is full. Nothing was lost") ?? false)
        }
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: point + "/vault/files"), [first.id + ".tmnf"], "no half stream")
        let kept = try vault.drafts(secrets: secrets, forms: [form]).drafts
        XCTAssertEqual(kept.map(\.files), [[first]], "the draft and its first file are kept")
    }
}
