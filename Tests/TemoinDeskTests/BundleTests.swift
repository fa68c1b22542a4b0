import Foundation
import TemoinCrypto
@testable import TemoinDesk
@testable import TemoinFormat
import TemoinForms
@testable import TemoinStorage
@testable import TemoinTeam
import XCTest

/// A bundle split into its parts, to build tampered variants.
struct BundleParts {
    var header: [UInt8]
    var records: [[UInt8]]
    var manifest: [UInt8]
    var signature: [UInt8]

    /// The bytes after the record count in the header: the file count of a version 3 bundle.
    var afterCount: [UInt8]

    init(_ bytes: [UInt8]) {
        let nameLength = Int(bytes[61]) << 8 | Int(bytes[62])
        let countEnd = 63 + nameLength + 4
        header = Array(bytes[0..<countEnd])
        afterCount = bytes[4] >= 3 ? Array(bytes[countEnd..<countEnd + 4]) : []
        let headerLength = countEnd + afterCount.count
        let count = header.suffix(4).reduce(0) { $0 << 8 | Int($1) }
        var offset = headerLength
        records = []
        for _ in 0..<count {
            let length = bytes[offset..<offset + 4].reduce(0) { $0 << 8 | Int($1) }
            records.append(Array(bytes[offset + 4..<offset + 4 + length]))
            offset += 4 + length
        }
        manifest = Array(bytes[offset..<bytes.count - 64])
        signature = Array(bytes.suffix(64))
    }

    func assembled(count: Int? = nil) -> [UInt8] {
        var out = Array(header.dropLast(4))
        let n = UInt32(count ?? records.count)
        out += [UInt8(n >> 24), UInt8(n >> 16 & 0xff), UInt8(n >> 8 & 0xff), UInt8(n & 0xff)] + afterCount
        for record in records {
            let l = UInt32(record.count)
            out += [UInt8(l >> 24), UInt8(l >> 16 & 0xff), UInt8(l >> 8 & 0xff), UInt8(l & 0xff)] + record
        }
        return out + manifest + signature
    }
}

final class BundleTests: VaultTestCase {
    /// Exports `records` testimonies from a new vault named `name`; returns the bundle bytes.
    private func exportBundle(records: Int, vault name: String = "vault", all: Bool = false) throws -> (String, [UInt8]) {
        let (vault, secrets) = try makeVault(name)
        for i in 0..<records { _ = try vault.seal(testimony("Récit numéro \(i)"), form: form) }
        let path = folder + "/\(name).tmn"
        let summary = try vault.export(to: path, all: all, secrets: secrets)
        XCTAssertEqual(summary.recordCount, records)
        return (path, try [UInt8](Data(contentsOf: URL(fileURLWithPath: path))))
    }

    private func write(_ bytes: [UInt8], _ name: String) throws -> String {
        let path = folder + "/" + name
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return path
    }

    private func assertRefused(_ bytes: [UInt8], _ message: String, file: StaticString = #filePath, line: UInt = #line) throws {
        let path = try write(bytes, "tampered.tmn")
        XCTAssertThrowsError(try BundleReader.read(path), message, file: file, line: line) { error in
            guard case VaultError.bundle = error else { return XCTFail("\(message): unexpected \(error)", file: file, line: line) }
        }
    }

    func testExportVerifiesAndMarksRecordsExported() throws {
        let (vault, secrets) = try makeVault()
        for i in 0..<3 { _ = try vault.seal(testimony("n°\(i)"), form: form) }
        let path = folder + "/a.tmn"
        var progress: [Int] = []
        let summary = try vault.export(to: path, secrets: secrets) { done, _ in progress.append(done) }
        XCTAssertEqual(progress.last, 3)
        let read = try BundleReader.read(path)
        XCTAssertEqual(read.header.recordCount, 3)
        XCTAssertEqual(read.header.deskFingerprint, secrets.fingerprint)
        XCTAssertEqual(read.header.deskName, "Permanence")
        XCTAssertEqual(read.byteCount, summary.byteCount)
        let status = try vault.status()
        XCTAssertEqual([status.drafts, status.awaitingExport, status.exported], [0, 0, 3])
        XCTAssertThrowsError(try vault.export(to: folder + "/b.tmn", secrets: secrets)) { XCTAssertEqual($0 as? VaultError, .nothingToExport(all: false)) }
        _ = try vault.seal(testimony(), form: form)
        XCTAssertEqual(try vault.export(to: folder + "/c.tmn", secrets: secrets).recordCount, 1)
        XCTAssertEqual(try vault.export(to: folder + "/d.tmn", all: true, secrets: secrets).recordCount, 4)
        XCTAssertEqual(try BundleReader.read(folder + "/d.tmn").recordIDs.prefix(3), read.recordIDs[...], "sealing order kept")
    }

    /// The export reads the bundle back once it is synced and dropped from the page cache, so from the disk or stick
    /// itself: a medium that does not keep what it was given (a faulty stick, one that claims more room than it has)
    /// fails the check. Such a medium is stood in for by changing bytes of the synced bundle, in its records and in its
    /// signed list; each time the export is refused as not kept, leaves no bundle, keeps every record to export, and
    /// a second export onto a good medium carries them all.
    func testABundleTheMediumDidNotKeepIsRefusedAndNothingIsMarkedExported() throws {
        let (vault, secrets) = try makeVault()
        for i in 0..<3 { _ = try vault.seal(testimony("n°\(i)"), form: form) }
        let size = try vault.export(to: folder + "/probe.tmn", all: true, secrets: secrets).byteCount
        for (place, offset) in [("a record", size / 2), ("the signed list", size - 70)] {
            var damaged = false
            vault.afterBundleSynced = { bundle in
                let fd = open(bundle, O_RDWR | O_CLOEXEC)
                defer { close(fd) }
                var byte: UInt8 = 0
                guard fd >= 0, pread(fd, &byte, 1, off_t(offset)) == 1 else { return }
                byte ^= 0x20
                damaged = pwrite(fd, &byte, 1, off_t(offset)) == 1
            }
            let path = folder + "/lost.tmn"
            XCTAssertThrowsError(try vault.export(to: path, all: true, secrets: secrets), place) {
                XCTAssertEqual($0 as? VaultError, .notKept(path: path), place)
            }
            XCTAssertTrue(damaged, "the synced bundle was changed in \(place)")
            XCTAssertFalse(FileManager.default.fileExists(atPath: path), "no bundle left (\(place))")
        }
        vault.afterBundleSynced = nil
        XCTAssertEqual(try vault.status().awaitingExport, 0, "the probe export marked them; the failed ones changed nothing")
        _ = try vault.seal(testimony("n°3"), form: form)
        vault.afterBundleSynced = { bundle in
            let fd = open(bundle, O_RDWR | O_CLOEXEC)
            defer { close(fd) }
            var byte: UInt8 = 0x55
            _ = pwrite(fd, &byte, 1, 200)
        }
        XCTAssertThrowsError(try vault.export(to: folder + "/new.tmn", secrets: secrets))
        XCTAssertEqual(try vault.status().awaitingExport, 1, "the new record stays to export")
        vault.afterBundleSynced = nil
        XCTAssertEqual(try vault.export(to: folder + "/new.tmn", secrets: secrets).recordCount, 1, "nothing was lost")
    }

    func testExistingFileIsNeverReplaced() throws {
        let (vault, secrets) = try makeVault()
        _ = try vault.seal(testimony(), form: form)
        let path = try write(Array("keep me".utf8), "exists.tmn")
        XCTAssertThrowsError(try vault.export(to: path, secrets: secrets)) { XCTAssertEqual($0 as? VaultError, .fileExists(path: path)) }
        XCTAssertEqual(try String(contentsOfFile: path, encoding: .utf8), "keep me")
        XCTAssertEqual(try vault.status().awaitingExport, 1)
    }

    func testEverySingleByteFlipIsRefused() throws {
        let (_, bytes) = try exportBundle(records: 1)
        for index in bytes.indices {
            var tampered = bytes
            tampered[index] ^= 0x01
            try assertRefused(tampered, "flip at byte \(index)")
        }
    }

    func testEveryTruncationIsRefused() throws {
        let (_, bytes) = try exportBundle(records: 1)
        for length in stride(from: 0, to: bytes.count, by: 1) {
            try assertRefused(Array(bytes.prefix(length)), "truncated to \(length)")
        }
        try assertRefused(bytes + [0], "one byte appended")
    }

    func testRemovedDuplicatedReorderedOrForeignRecordsAreRefused() throws {
        let (_, bytes) = try exportBundle(records: 3)
        let parts = BundleParts(bytes)
        XCTAssertEqual(parts.assembled(), bytes, "the test's own parser must round-trip")

        var removed = parts; removed.records.remove(at: 1)
        try assertRefused(removed.assembled(), "record removed, count adjusted")
        try assertRefused(removed.assembled(count: 3), "record removed, count kept")

        var duplicated = parts; duplicated.records.append(parts.records[0])
        try assertRefused(duplicated.assembled(), "record duplicated")

        var reordered = parts; reordered.records.swapAt(0, 2)
        try assertRefused(reordered.assembled(), "records reordered")

        let (_, other) = try exportBundle(records: 1, vault: "other")
        var foreign = parts; foreign.records[1] = BundleParts(other).records[0]
        try assertRefused(foreign.assembled(), "record taken from another bundle")
        var added = parts; added.records.append(BundleParts(other).records[0])
        try assertRefused(added.assembled(), "record added from another bundle")

        var resigned = parts; resigned.signature = BundleParts(other).signature
        try assertRefused(resigned.assembled(), "signature of another bundle")
    }

    /// A desk's signed list names each record once: a list that names one twice is refused (the signature
    /// holds, so only this check catches it), and ids that share their first 8 bytes are not a repeat.
    func testASignedListThatNamesARecordTwiceIsRefused() throws {
        let (_, secrets) = try makeVault()
        func envelope(_ id: [UInt8]) throws -> RecordEnvelope {
            try RecordEnvelope.seal(payload: SecretBytes(utf8: "{}"), recordID: id, recipients: [team.publicKey])
        }
        func signed(_ envelopes: [RecordEnvelope], _ name: String) throws -> String {
            let sink = try FileSink(creating: folder + "/" + name)
            let writer = try BundleWriter(sink: sink, desk: secrets, deskName: "Permanence", bundleID: Array(repeating: 7, count: 16),
                                          createdAt: 0, recordCount: envelopes.count)
            for envelope in envelopes { try writer.append(envelope) }
            try writer.finish()
            try sink.finish()
            return sink.path
        }
        let prefix = [UInt8](repeating: 0xAB, count: 8)
        let a = try envelope(prefix + Array(repeating: 1, count: 8)), b = try envelope(prefix + Array(repeating: 2, count: 8))
        let c = try envelope(Array(repeating: 3, count: 16))
        XCTAssertEqual(try BundleReader.read(try signed([a, c, b], "near.tmn")).recordIDs, [a, c, b].map(\.recordID))
        XCTAssertThrowsError(try BundleReader.read(try signed([a, c, b, c], "repeat.tmn"))) { error in
            XCTAssertEqual(error as? VaultError, .bundle(.manifestMismatch("record \(Hex.encode(c.recordID)) appears twice")))
        }
        XCTAssertThrowsError(try BundleReader.read(try signed([c, c], "adjacent.tmn"))) { error in
            XCTAssertEqual(error as? VaultError, .bundle(.manifestMismatch("record \(Hex.encode(c.recordID)) appears twice")))
        }

        // The list read one entry at a time is hashed whole: a changed third entry breaks the signature.
        let sliced = try signed([a, b, c], "sliced.tmn")
        var bytes = try FileSystem.read(sliced)
        bytes[bytes.count - 64 - 4 - 48 + 3] ^= 1   // the list ends with its file count (version 3)
        try FileSystem.replace(sliced, with: bytes)
        XCTAssertThrowsError(try BundleRecordReader(path: sliced, keepsHashes: false, entriesPerRead: 1)) {
            XCTAssertEqual($0 as? VaultError, .bundle(.badSignature))
        }
        // A bundle of no record: its list is its magic and count, signed.
        let empty = try BundleRecordReader(path: try signed([], "empty.tmn"), keepsHashes: true, entriesPerRead: 1)
        XCTAssertEqual(empty.manifest.recordIDs, [])
        XCTAssertNil(try empty.next())
    }

    func testWrongMagicAndVersionAreNamed() throws {
        let (_, bytes) = try exportBundle(records: 1)
        var version = bytes; version[4] = 9
        let path = try write(version, "v9.tmn")
        XCTAssertThrowsError(try BundleReader.read(path)) { XCTAssertEqual($0 as? VaultError, .bundle(.unsupportedVersion(9))) }
        let text = try write(Array("hello".utf8), "hello.tmn")
        XCTAssertThrowsError(try BundleReader.read(text)) { XCTAssertEqual($0 as? VaultError, .bundle(.notABundle)) }
    }

    func testSalvageRecoversIntactRecordsOfADamagedBundle() throws {
        let (_, bytes) = try exportBundle(records: 3)
        var parts = BundleParts(bytes)
        parts.records[1][200] ^= 0xff   // damage the middle record's sealed key
        var damaged = parts.assembled()
        damaged.removeLast(10)           // and cut the signature
        let path = try write(damaged, "damaged.tmn")
        XCTAssertThrowsError(try BundleReader.read(path))
        let salvaged = try BundleReader.salvage(path)
        XCTAssertEqual(salvaged.count, 3, "all three envelopes are structurally intact")
        let opened = salvaged.compactMap { try? $0.open(with: [team]) }
        XCTAssertEqual(opened.count, 2, "the damaged one does not open")
    }

    func testRecordReaderChecksTheSignedListFirstThenProvesEachRecordOnItsOwn() throws {
        let (path, bytes) = try exportBundle(records: 3)
        func provenRecords() throws -> [Bool] {
            let reader = try BundleRecordReader(path: path)
            var proven: [Bool] = []
            while let envelope = try reader.next() { proven.append(reader.manifest.proves(envelope, at: proven.count)) }
            return proven
        }
        XCTAssertEqual(try provenRecords(), [true, true, true])
        XCTAssertEqual(try BundleRecordReader(path: path).manifest.recordIDs, try BundleReader.read(path).recordIDs)

        // The list read a few entries at a time (a large bundle's is read 1 MiB at a time): the same list.
        for perRead in [1, 2, 3] {
            for keepsHashes in [true, false] {
                let sliced = try BundleRecordReader(path: path, keepsHashes: keepsHashes, entriesPerRead: perRead)
                XCTAssertEqual(sliced.manifest.recordIDs, try BundleReader.read(path).recordIDs)
            }
        }

        // Without the hashes (the inbox's verified copies), 16 bytes per record: the ids, in order.
        let ids = try BundleRecordReader(path: path, keepsHashes: false)
        XCTAssertEqual(ids.manifest.recordIDs, try BundleReader.read(path).recordIDs)
        XCTAssertEqual(ids.manifest.entries.count, 3 * RecordEnvelope.recordIDLength)
        var listed: [Bool] = []
        while let envelope = try ids.next() { listed.append(ids.manifest.lists(envelope, at: listed.count)) }
        XCTAssertEqual(listed, [true, true, true])
        XCTAssertEqual(try BundleRecordReader(path: path, keepsHashes: false).next().map { ids.manifest.lists($0, at: 1) }, false)

        var parts = BundleParts(bytes)
        parts.records[1][parts.records[1].count - 100] ^= 1   // the middle record's ciphertext
        try Data(parts.assembled()).write(to: URL(fileURLWithPath: path))
        XCTAssertEqual(try provenRecords(), [true, false, true], "only the altered record fails")
        XCTAssertThrowsError(try BundleReader.read(path)) { XCTAssertEqual($0 as? VaultError, .bundle(.manifestMismatch("record 2 is not the one the desk listed"))) }

        for (index, part) in [(70, "header"), (bytes.count - 70, "record list"), (bytes.count - 1, "signature")] {
            var changed = bytes
            changed[index] ^= 1
            try Data(changed).write(to: URL(fileURLWithPath: path))
            XCTAssertThrowsError(try BundleRecordReader(path: path), "a changed \(part)") { XCTAssertEqual($0 as? VaultError, .bundle(.badSignature)) }
        }
        for changed in [bytes + [0], Array(bytes.dropLast())] {
            try Data(changed).write(to: URL(fileURLWithPath: path))
            XCTAssertThrowsError(try BundleRecordReader(path: path), "a byte added or cut") {
                guard case .bundle(.truncated)? = $0 as? VaultError else { return XCTFail("\($0)") }
            }
        }
    }
}
