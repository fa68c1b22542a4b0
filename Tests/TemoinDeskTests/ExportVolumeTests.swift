import Foundation
import TemoinCrypto
@testable import TemoinDesk
@testable import TemoinFormat
import TemoinForms
@testable import TemoinStorage
import TemoinTeam
import XCTest

/// Exports in volumes (issue 14, point 5): FAT32 sticks take no file of 4 GiB or more, so an export onto one,
/// or with a maximum size, is cut into complete bundles, each signed and verified on its own.
final class ExportVolumeTests: VaultTestCase {
    /// A PNG of `size` bytes (libmagic reads `image/png`) in the test folder.
    private func png(_ name: String, size: Int) throws -> String {
        let head: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D, 0x49, 0x48, 0x44, 0x52, 0, 0, 0, 1, 0, 0, 0, 1, 8, 2, 0, 0, 0]
        let path = folder + "/" + name
        XCTAssertTrue(FileManager.default.createFile(atPath: path, contents: Data(head + SystemRandom().bytes(size - head.count))))
        return path
    }

    /// A vault holding one testimony without files, then `sizes.count` testimonies with one file of each size.
    private func vaultWithFiles(_ sizes: [Int]) throws -> (DeskVault, DeskSecrets) {
        let (vault, secrets) = try makeVault()
        _ = try vault.seal(testimony("sans fichier"), form: form)
        for (index, size) in sizes.enumerated() {
            let path = try png("photo-\(index).png", size: size)
            _ = try vault.seal(testimony("avec fichier \(index)"), form: form, attachments: [Attachment(field: "evidence_files", path: path)])
        }
        return (vault, secrets)
    }

    func testOnlyFATLimitsTheSizeOfABundle() {
        XCTAssertEqual(FileSystem.largestFile(fileSystemType: 0x4d44), FileSystem.fatLargestFile, "vfat and msdos (MSDOS_SUPER_MAGIC)")
        XCTAssertLessThan(FileSystem.fatLargestFile, 1 << 32, "FAT32 holds at most 2^32 - 1 bytes per file")
        XCTAssertGreaterThan(FileSystem.fatLargestFile, (1 << 32) - (16 << 20))
        for other in [0xEF53 /* ext4 */, 0x0102_1994 /* tmpfs */, 0x2011_BAB0 /* exFAT */, 0x5346_544E /* NTFS */, 0x9123_683E /* btrfs */, 0x4d45, 0] {
            XCTAssertNil(FileSystem.largestFile(fileSystemType: other), String(other, radix: 16))
        }
        XCTAssertNil(FileSystem.largestFile(at: folder), "the test folder is not on FAT")
        XCTAssertNil(FileSystem.largestFile(at: folder + "/nowhere"))
    }

    func testVolumeNames() {
        XCTAssertEqual(ExportPlan.volumeName("/media/CLE/lot.tmn", volume: 2, of: 3), "/media/CLE/lot-2-of-3.tmn")
        XCTAssertEqual(ExportPlan.volumeName("lot", volume: 1, of: 2), "lot-1-of-2")
        XCTAssertEqual(ExportPlan.volumeName("a.b/lot.tmn", volume: 10, of: 12), "a.b/lot-10-of-12.tmn")
    }

    func testAnExportLargerThanTheMaximumIsCutIntoVolumesThatEachVerifyAndDecrypt() throws {
        let (vault, secrets) = try vaultWithFiles([300_000, 250_000, 500_000, 20_000])
        let summaries = try vault.exportVolumes(to: folder + "/lot.tmn", maximumBytes: 520_000, secrets: secrets)
        XCTAssertEqual(summaries.map(\.path), (1...summaries.count).map { folder + "/lot-\($0)-of-\(summaries.count).tmn" })
        XCTAssertEqual(summaries.count, 4, "streams of 303, 254, 508 and 25 kB (padded) in volumes of 520 kB, in order")
        XCTAssertFalse(FileManager.default.fileExists(atPath: folder + "/lot.tmn"))
        var records = 0, files = 0
        var ids = Set<[UInt8]>()
        for summary in summaries {
            XCTAssertLessThanOrEqual(summary.byteCount, 520_000)
            let attributes = try FileManager.default.attributesOfItem(atPath: summary.path)
            XCTAssertEqual(attributes[.size] as? Int, summary.byteCount)
            // Each volume on its own: verified, and every record with its files decrypts.
            let manifest = try BundleReader.read(summary.path) { XCTAssertTrue(ids.insert($0.recordID).inserted, "a record in two volumes") }
            XCTAssertEqual(manifest.header.recordCount, summary.recordCount)
            var decrypted: [DecryptedRecord] = []
            XCTAssertTrue(try TeamDecryptor(keys: [team]).run(bundles: [summary.path]) { decrypted.append($0) }.isClean)
            XCTAssertEqual(decrypted.count, summary.recordCount)
            var extractor = try EvidenceExtractor(directory: folder + "/remis")
            for record in decrypted {
                XCTAssertEqual(record.status, .ok)
                let carried = record.payload.files ?? []
                XCTAssertEqual(extractor.extract(carried, record: record.payload.record, bundlePath: summary.path).map(\.problem), carried.map { _ in nil }, "each file whole, its SHA-256 checked")
            }
            files += decrypted.reduce(0) { $0 + ($1.payload.files?.count ?? 0) }
            records += summary.recordCount
            XCTAssertEqual(manifest.files.count, summary.fileCount)
        }
        XCTAssertEqual(records, 5)
        XCTAssertEqual(files, 4, "every file went with its testimony")
        XCTAssertEqual(try vault.status().awaitingExport, 0)
    }

    func testATestimonyTooLargeForAnyVolumeIsRefusedNamingItsLargestFile() throws {
        let (vault, secrets) = try vaultWithFiles([100_000, 1_200_000])
        XCTAssertThrowsError(try vault.exportVolumes(to: folder + "/lot.tmn", maximumBytes: 1 << 20, secrets: secrets)) { error in
            guard case let VaultError.recordTooLargeForVolume(record, file, bytes, maximum) = error else { return XCTFail("\(error)") }
            XCTAssertEqual(record.count, 8)
            XCTAssertEqual(file.count, 12)
            XCTAssertGreaterThan(bytes, 1_200_000, "what it needs in a volume, its padded stream included")
            XCTAssertEqual(maximum, 1 << 20)
            XCTAssertTrue("\(error)".contains("--without-files"), "\(error)")
        }
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasPrefix("lot") }, [], "nothing written")
        XCTAssertEqual(try vault.status().awaitingExport, 3, "nothing marked exported")
        // Without the files, one bundle; the testimonies with files stay to export with them.
        let quick = try vault.exportVolumes(to: folder + "/rapide.tmn", withoutFiles: true, maximumBytes: 1 << 20, secrets: secrets)
        XCTAssertEqual(quick.map(\.path), [folder + "/rapide.tmn"])
        XCTAssertEqual(try vault.status().awaitingExport, 2)
    }

    func testAnExistingVolumeNameStopsTheExportBeforeAnythingIsWritten() throws {
        let (vault, secrets) = try vaultWithFiles([400_000, 400_000])
        XCTAssertTrue(FileManager.default.createFile(atPath: folder + "/lot-2-of-2.tmn", contents: Data("à moi".utf8)))
        XCTAssertThrowsError(try vault.exportVolumes(to: folder + "/lot.tmn", maximumBytes: 600_000, secrets: secrets)) {
            XCTAssertEqual($0 as? VaultError, .fileExists(path: folder + "/lot-2-of-2.tmn"))
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: folder + "/lot-1-of-2.tmn"))
        XCTAssertEqual(FileManager.default.contents(atPath: folder + "/lot-2-of-2.tmn"), Data("à moi".utf8))
        XCTAssertEqual(try vault.status().awaitingExport, 3)
    }
}
