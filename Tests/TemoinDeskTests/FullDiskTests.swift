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

    func testWritingPastAFullDiskIsReportedAsDiskFull() throws {
        let point = try mountTmpfs("size=16k")
        let sink = try FileSink(creating: point + "/big")
        XCTAssertThrowsError(try {
            for _ in 0..<64 { try sink.write([UInt8](repeating: 0x55, count: 4096)) }
            try sink.finish()
        }()) { XCTAssertEqual($0 as? VaultError, .diskFull(path: point + "/big")) }
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
}
