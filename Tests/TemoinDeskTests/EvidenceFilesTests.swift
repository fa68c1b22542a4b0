import Foundation
import GRDB
import Synchronization
import TemoinCrypto
@testable import TemoinDesk
@_spi(ExportReadBack) @testable import TemoinFormat
import TemoinForms
@testable import TemoinStorage
@testable import TemoinTeam
import XCTest

/// Evidence files from intake to the team (issue 14): sealed into the vault without a plaintext copy,
/// carried in bundles under the desk's signature, written out under safe names with their SHA-256 checked.
final class EvidenceFilesTests: VaultTestCase {
    private let canary = "CANARY-e5d1-fichier-du-témoin"

    /// A file of the witness: a PNG signature (libmagic reads `image/png`) then `body`.
    private func pngFile(_ name: String, body: [UInt8]) throws -> String {
        let path = folder + "/" + name
        let png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D, 0x49, 0x48, 0x44, 0x52, 0, 0, 0, 1, 0, 0, 0, 1, 8, 2, 0, 0, 0]
        try Data(png + body).write(to: URL(fileURLWithPath: path))
        return path
    }

    /// A PDF of `pages` lines holding the canary.
    private func pdfFile(_ name: String, lines: Int) throws -> String {
        let path = folder + "/" + name
        let text = "%PDF-1.4\n" + String(repeating: "(\(canary)) Tj\n", count: lines)
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        return path
    }

    private func sha256(_ path: String) throws -> String {
        let hash = SHA256()
        try FileSystem.read(path).withUnsafeBytes { hash.update($0) }
        return Hex.encode(hash.finish())
    }

    private func streams(_ vault: DeskVault) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: vault.directory + "/files")) ?? []).sorted()
    }

    /// A vault that sealed one testimony with one evidence file of several chunks: the vault, its secrets, and
    /// the name and path of the file's stream (the tests that damage or rewrite a stream start from it).
    private func vaultWithOneStream() throws -> (DeskVault, DeskSecrets, name: String, path: String) {
        let (vault, secrets) = try makeVault()
        _ = try vault.seal(testimony(), form: form, attachments: [Attachment(field: "evidence_files", path: try pdfFile("a.pdf", lines: 3000))])
        let name = try XCTUnwrap(streams(vault).first)
        return (vault, secrets, name, vault.directory + "/files/" + name)
    }

    func testFilesAreSealedWithoutAPlaintextCopyAndComeOutWholeAtTheTeam() throws {
        let (vault, secrets) = try makeVault()
        let photo = try pngFile("photo de la scène.png", body: Array(String(repeating: canary, count: 300).utf8))
        let document = try pdfFile("amende.pdf", lines: 8000)   // several chunks
        let before = try [FileSystem.read(photo), FileSystem.read(document)]
        let sealed = try vault.seal(testimony(), form: form, attachments: [Attachment(field: "evidence_files", path: photo),
                                                                            Attachment(field: "evidence_files", path: document)])
        XCTAssertEqual(streams(vault).count, 2)
        XCTAssertTrue(streams(vault).allSatisfy { $0.hasSuffix(".tmnf") && $0.count == 37 }, "\(streams(vault))")
        XCTAssertEqual(try [FileSystem.read(photo), FileSystem.read(document)], before, "the witness's files are never changed")
        // Not a byte of the files in clear anywhere in the vault (database, WAL, streams).
        let needles = [Array(canary.utf8), Array("e5d1-fichier".utf8)]
        for (name, bytes) in allBytes(under: vault.directory) {
            for needle in needles { XCTAssertFalse(bytes.contains(needle), "\(name) holds the canary") }
        }

        let bundlePath = folder + "/avec-fichiers.tmn"
        let summary = try vault.export(to: bundlePath, secrets: secrets)
        XCTAssertEqual(summary.fileCount, 2)
        XCTAssertFalse(try FileSystem.read(bundlePath).contains(Array(canary.utf8)), "the bundle carries only encrypted files")
        let manifest = try BundleReader.read(bundlePath)
        XCTAssertEqual(manifest.header.version, 3)
        XCTAssertEqual(manifest.files.count, 2)
        XCTAssertEqual(manifest.byteCount, summary.byteCount)

        // The team: the JSON line lists the files with their SHA-256, and the files come out whole.
        var records: [DecryptedRecord] = []
        let report = try TeamDecryptor(keys: [team]).run(bundles: [bundlePath]) { records.append($0) }
        XCTAssertTrue(report.isClean)
        let files = try XCTUnwrap(records.first?.payload.files)
        XCTAssertEqual(records.first?.payload.receipt, sealed.receipt)
        XCTAssertEqual(files.map(\.name), ["photo de la scène.png", "amende.pdf"])
        XCTAssertEqual(files.map(\.type), ["image/png", "application/pdf"])
        XCTAssertEqual(files.map(\.sha256), [try sha256(photo), try sha256(document)])
        XCTAssertEqual(files.map(\.size), before.map(\.count))
        XCTAssertEqual(records.first?.payload.answers["evidence_files"], .choices(files.map(\.id)))
        let line = String(decoding: JSONLineWriter.line(records[0]), as: UTF8.self)
        XCTAssertTrue(line.contains("\"files\":[{\"field\":\"evidence_files\",\"id\":\"\(files[0].id)\",\"name\":\"photo de la scène.png\",\"sha256\":\"\(files[0].sha256)\""), line)
        XCTAssertFalse(line.contains(files[0].key), "the stream keys stay out of the output")
        // CSV (ids and labels): the files question's cell lists each file with its SHA-256.
        for labels in [ExportLabels.ids, .fr] {
            var csv: [UInt8] = []
            let output = RecordOutput(format: .csv, form: form, labels: labels) { csv += $0 }
            try output.append(records[0])
            try output.finish()
            let text = String(decoding: csv, as: UTF8.self)
            XCTAssertTrue(text.contains("photo de la scène.png (SHA-256 \(files[0].sha256)); amende.pdf (SHA-256 \(files[1].sha256))"), text)
        }

        var extractor = try EvidenceExtractor(directory: folder + "/remis")
        var progress: [String: [Int]] = [:]
        let outcomes = extractor.extract(files, record: records[0].payload.record, bundlePath: bundlePath) { progress[$0.id, default: []].append($1) }
        XCTAssertEqual(outcomes.map(\.problem), [nil, nil])
        for file in files {   // each file's progress grows, in bytes of the original, to its size
            let done = try XCTUnwrap(progress[file.id], file.name)
            XCTAssertEqual(done, done.sorted(), file.name)
            XCTAssertEqual(done.last, file.size, file.name)
        }
        XCTAssertEqual(try outcomes.map { try FileSystem.read($0.path ?? "") }, before)
        XCTAssertEqual(outcomes.compactMap(\.path).map { ($0 as NSString).lastPathComponent },
                       [String(files[0].id.prefix(12)) + "-photo_de_la_scène.png", String(files[1].id.prefix(12)) + "-amende.pdf"])
        // Extracting again finds the same bytes there: nothing replaced, nothing reported.
        XCTAssertEqual(extractor.extract(files, record: records[0].payload.record, bundlePath: bundlePath).map(\.problem), [nil, nil])
        // Other bytes under that name (a file id reused with other contents, or a file altered since): the clash is
        // named, file and record ids, whether this extraction wrote them or an earlier one; nothing is replaced.
        let record = records[0].payload.record
        let taken = try XCTUnwrap(outcomes[0].path)
        try Data("autre chose".utf8).write(to: URL(fileURLWithPath: taken))
        let again = extractor.extract([files[0]], record: record, bundlePath: bundlePath)
        XCTAssertEqual(again.first?.error as? FileNameTaken,
                       FileNameTaken(path: taken, file: .init(record: record, file: files[0].id), holder: .init(record: record, file: files[0].id)))
        XCTAssertTrue(again.first?.problem?.contains("already taken by file \(files[0].id) of record \(record), written earlier") == true,
                      again.first?.problem ?? "")
        var later = try EvidenceExtractor(directory: folder + "/remis")
        let problem = later.extract([files[0]], record: record, bundlePath: bundlePath).first?.error as? FileNameTaken
        XCTAssertEqual(problem?.message(in: .fr).hasPrefix(taken + " est déjà pris par un fichier d'une extraction précédente"), true, "\(String(describing: problem))")
        XCTAssertEqual(problem?.message(in: .fr).contains("le fichier \(files[0].id) du témoignage \(record) n'a pas été écrit"), true)
        XCTAssertEqual(try FileSystem.read(taken), Array("autre chose".utf8), "nothing replaced")
    }

    /// What a photo and a movie say of their taking is sealed in their entries (issue 14, point 3), reaches
    /// the JSON line, and the exhibit's canonical payload covers every file's id and SHA-256 but no key.
    func testCaptureMetadataIsSealedAndTheCanonicalPayloadCoversTheFiles() throws {
        let (vault, secrets) = try makeVault()
        let photo = folder + "/IMG_0042.JPG", movie = folder + "/VID_0043.MP4"
        try Data(CaptureSamples.jpeg()).write(to: URL(fileURLWithPath: photo))
        try Data(CaptureSamples.mp4(seconds: 1_773_513_005 + 2_082_844_800, version: 0)).write(to: URL(fileURLWithPath: movie))
        let document = try pdfFile("amende.pdf", lines: 3)
        _ = try vault.seal(testimony(), form: form, attachments: [photo, movie, document].map { Attachment(field: "evidence_files", path: $0) })
        let bundlePath = folder + "/capture.tmn"
        _ = try vault.export(to: bundlePath, secrets: secrets)
        var records: [DecryptedRecord] = []
        _ = try TeamDecryptor(keys: [team]).run(bundles: [bundlePath]) { records.append($0) }
        let payload = try XCTUnwrap(records.first?.payload)
        let files = try XCTUnwrap(payload.files)
        XCTAssertEqual(files.map(\.type), ["image/jpeg", "video/mp4", "application/pdf"])
        XCTAssertEqual(files.map(\.capture), [CaptureMetadata(time: "2026-03-14T18:30:05", latitude: "48.858370", longitude: "2.294481",
                                                              make: "Apple", model: "iPhone 13"),
                                              CaptureMetadata(time: "2026-03-14T18:30:05Z"), nil])
        let line = String(decoding: JSONLineWriter.line(records[0]), as: UTF8.self)
        XCTAssertTrue(line.contains("{\"capture\":{\"latitude\":\"48.858370\",\"longitude\":\"2.294481\",\"make\":\"Apple\",\"model\":\"iPhone 13\","
                                    + "\"time\":\"2026-03-14T18:30:05\"},\"field\":\"evidence_files\",\"id\":\"\(files[0].id)\""), line)

        // The canonical payload is the sealed payload without the files' keys, byte for byte.
        var sealed = try JSONSerialization.jsonObject(with: try payload.encoded()) as? [String: Any] ?? [:]
        sealed["files"] = (sealed["files"] as? [[String: Any]])?.map { $0.filter { $0.key != "key" } }
        let expected = try JSONSerialization.data(withJSONObject: sealed, options: [.sortedKeys, .withoutEscapingSlashes])
        XCTAssertEqual(String(decoding: payload.canonicalJSON, as: UTF8.self), String(decoding: expected, as: UTF8.self))
        let canonical = String(decoding: payload.canonicalJSON, as: UTF8.self)
        for file in files {
            XCTAssertTrue(canonical.contains(file.id) && canonical.contains(file.sha256), "the hash covers each file's id and SHA-256")
            XCTAssertFalse(canonical.contains(file.key), "never a stream key")
        }
        var another = payload
        another.files?[1].sha256 = String(repeating: "0", count: 64)
        XCTAssertNotEqual(another.canonicalSHA256, payload.canonicalSHA256, "another file is another testimony")
    }

    func testARefusedFileStoresNothing() throws {
        let (vault, _) = try makeVault()
        let photo = try pngFile("photo.png", body: [1, 2, 3])
        let program = folder + "/programme"
        try Data([0x7F, 0x45, 0x4C, 0x46, 2, 1, 1, 0] + [UInt8](repeating: 0, count: 56)).write(to: URL(fileURLWithPath: program))
        func refused(_ attachments: [Attachment], _ answers: Answers? = nil, file: StaticString = #filePath, line: UInt = #line) -> String {
            do {
                _ = try vault.seal(answers ?? testimony(), form: form, attachments: attachments)
                XCTFail("sealed", file: file, line: line)
                return ""
            } catch { return "\(error)" }
        }
        let type = refused([Attachment(field: "evidence_files", path: photo), Attachment(field: "evidence_files", path: program)])
        XCTAssertTrue(type.contains("programme: its content is application/") && type.contains("does not accept"), type)
        XCTAssertTrue(refused([Attachment(field: "evidence_files", path: folder)]).contains("not a regular file"))
        XCTAssertTrue(refused([Attachment(field: "evidence_files", path: folder + "/absent.png")]).contains("no such file or folder"))
        XCTAssertTrue(refused([Attachment(field: "city", path: photo)]).contains("not a files question"))
        var noConsent = testimony()
        noConsent["consent"] = .yesno(.no)
        XCTAssertTrue(refused([Attachment(field: "evidence_files", path: photo)], noConsent).contains("not asked"))
        var many: [Attachment] = []
        for index in 0..<21 { many.append(Attachment(field: "evidence_files", path: try pngFile("p\(index).png", body: [UInt8(index)]))) }
        XCTAssertTrue(refused(many).contains("20"), "at most 20 files")
        var typed = testimony()
        typed["evidence_files"] = .choices([String(repeating: "a", count: 32)])
        XCTAssertTrue(refused([], typed).contains("--attach"))
        XCTAssertEqual(streams(vault), [])
        XCTAssertEqual(try vault.status().awaitingExport, 0)
    }

    func testAFailureAfterAStreamIsWrittenRemovesItAndStoresNothing() throws {
        // The same seed gives the same file ids: the first run learns the second file's id, the second run
        // finds that name taken, after its first stream was written.
        let seed = [UInt8](repeating: 42, count: 32)
        let attachments = [Attachment(field: "evidence_files", path: try pngFile("a.png", body: [1])),
                           Attachment(field: "evidence_files", path: try pngFile("b.png", body: [2]))]
        let (first, _) = try makeVault("premier")
        _ = try first.seal(testimony(), form: form, attachments: attachments, random: DeterministicRandom(seed: seed))
        let ids = streams(first)
        XCTAssertEqual(ids.count, 2)
        let (vault, _) = try makeVault("second")
        var secondID = ""
        // Which of the two is the second file: seal once more in a third vault, stopping after one file.
        let (probe, _) = try makeVault("sonde")
        _ = try probe.seal(testimony(), form: form, attachments: [attachments[0]], random: DeterministicRandom(seed: seed))
        secondID = try XCTUnwrap(ids.first { !streams(probe).contains($0) })
        try FileManager.default.createDirectory(atPath: vault.directory + "/files", withIntermediateDirectories: true)
        try Data("déjà là".utf8).write(to: URL(fileURLWithPath: vault.directory + "/files/" + secondID))
        XCTAssertThrowsError(try vault.seal(testimony(), form: form, attachments: attachments, random: DeterministicRandom(seed: seed))) {
            XCTAssertEqual($0 as? VaultError, .fileExists(path: vault.directory + "/files/" + secondID))
        }
        XCTAssertEqual(streams(vault), [secondID], "the first stream was removed; only the file that was in the way is left")
        XCTAssertEqual(try vault.status().awaitingExport, 0)
        // The vault still opens and seals.
        let directory = vault.directory
        _ = consume vault
        let reopened = try DeskVault.open(at: directory)
        _ = try reopened.unlock(passphrase: passphrase)
        XCTAssertNoThrow(try reopened.seal(testimony(), form: form, attachments: [attachments[0]]))
    }

    /// A sealed record's row edited to hold a value of another type (a number where bytes were) stopped the export
    /// and the unlock with GRDB's fatal error. Now the export is refused with a message and marks nothing, and the
    /// unlock's sweep of orphan streams removes none when a record's list of files cannot be read (it could name any).
    func testSealedRowsOfAnotherTypeAreRefusedAndNoStreamIsSweptForThem() throws {
        let (vault, secrets, name, _) = try vaultWithOneStream()
        let directory = vault.directory
        /// The vault opened again and unlocked, which sweeps orphan streams.
        func unlockedAgain() throws -> DeskVault {
            let reopened = try DeskVault.open(at: directory)
            _ = try reopened.unlock(passphrase: passphrase)
            return reopened
        }
        try vault.write { db in try db.execute(sql: "UPDATE sealed SET files = 5") }
        XCTAssertThrowsError(try vault.export(to: folder + "/a.tmn", secrets: secrets)) { XCTAssertTrue($0 is CryptoError, "\($0)") }
        _ = consume vault
        var reopened = try unlockedAgain()
        XCTAssertEqual(streams(reopened), [name], "the stream its record names is kept")
        try reopened.write { db in try db.execute(sql: "UPDATE sealed SET files = x'00112233'") }
        _ = consume reopened
        reopened = try unlockedAgain()   // a list that cannot be opened does not lock the volunteer out
        XCTAssertEqual(streams(reopened), [name], "nor is any stream swept for it")
        try reopened.write { db in try db.execute(sql: "UPDATE sealed SET files = NULL, envelope = 5") }
        XCTAssertThrowsError(try reopened.export(to: folder + "/b.tmn", secrets: secrets)) { XCTAssertTrue($0 is CryptoError, "\($0)") }
        XCTAssertEqual(try reopened.status().awaitingExport, 1, "nothing was marked exported")
        XCTAssertFalse(FileManager.default.fileExists(atPath: folder + "/b.tmn"))
    }

    func testStreamsLeftByASealingKilledHalfWayAreRemovedAtUnlock() throws {
        let (vault, secrets) = try makeVault()
        _ = try vault.seal(testimony(), form: form, attachments: [Attachment(field: "evidence_files", path: try pngFile("a.png", body: [1]))])
        let kept = streams(vault)
        // What a process killed after writing its streams, before storing the record, leaves behind.
        for name in ["0123456789abcdef0123456789abcdef.tmnf", "pending.tmnf.partial"] {
            try Data([1, 2, 3]).write(to: URL(fileURLWithPath: vault.directory + "/files/" + name))
        }
        let directory = vault.directory
        _ = consume vault
        let reopened = try DeskVault.open(at: directory)
        XCTAssertEqual(streams(reopened).count, 3, "nothing is touched before the passphrase opens the lists")
        _ = try reopened.unlock(passphrase: passphrase)
        XCTAssertEqual(streams(reopened), kept)
        XCTAssertEqual(try reopened.export(to: folder + "/b.tmn", secrets: secrets).fileCount, 1)
    }

    /// `temoin record` encrypts its files while the desk key is derived, before the vault is unlocked
    /// (`prepareSeal`), and its unlock sweeps orphan streams meanwhile: the sweep never removes a stream being
    /// written, unnamed (the usual way) or under a temporary name (where the file system has no unnamed files),
    /// and each is named only when its record is sealed.
    func testTheSweepAtUnlockNeverRemovesAStreamBeingWritten() throws {
        let (vault, secrets) = try makeVault()
        let directory = vault.directory
        _ = consume vault
        let document = try pdfFile("amende.pdf", lines: 30_000)   // about 1 MiB: many pieces
        let locked = try DeskVault.open(at: directory)
        for unnamed in [true, false] {
            locked.forgetSecrets()
            locked.unnamedStreams = unnamed
            let reached = DispatchSemaphore(value: 0), resume = DispatchSemaphore(value: 0)
            var held = false
            locked.afterFilePieceRead = { _ in
                guard !held else { return }
                held = true
                reached.signal()
                resume.wait()
            }
            let prepared = try locked.prepareSeal(testimony(), form: form, attachments: [Attachment(field: "evidence_files", path: document)])
            reached.wait()   // the file half read, its stream half written
            let named = streams(locked).filter { !$0.hasSuffix(".partial") }
            XCTAssertEqual(streams(locked).count - named.count, unnamed ? 0 : 1, "the stream being written has a name only without unnamed files")
            _ = try locked.unlock(passphrase: passphrase)
            resume.signal()
            _ = try locked.seal(prepared)
            XCTAssertEqual(streams(locked).count, named.count + 1, "unnamed: \(unnamed): \(streams(locked))")
            XCTAssertTrue(streams(locked).allSatisfy { $0.hasSuffix(".tmnf") && $0.count == 37 }, "\(streams(locked))")
        }
        // Both records' files are whole: the export proves every stream against its hash, and they come out as given.
        let bundle = folder + "/b.tmn"
        XCTAssertEqual(try locked.export(to: bundle, secrets: secrets).fileCount, 2)
        var records: [DecryptedRecord] = []
        XCTAssertTrue(try TeamDecryptor(keys: [team]).run(bundles: [bundle]) { records.append($0) }.isClean)
        var extractor = try EvidenceExtractor(directory: folder + "/remis")
        for record in records {
            let outcomes = extractor.extract(record.payload.files ?? [], record: record.payload.record, bundlePath: bundle)
            XCTAssertEqual(outcomes.map(\.problem), [nil])
            XCTAssertEqual(try outcomes.map { try FileSystem.read($0.path ?? "") }, [try FileSystem.read(document)])
        }
    }

    /// A wrong passphrase after `temoin record` started encrypting its files (`prepareSeal`): the encryption
    /// stops where it is, and nothing of the file is left in the vault, whether its stream was unnamed or not.
    func testAWrongPassphraseWhileAFileIsEncryptedLeavesNothing() throws {
        let (vault, _) = try makeVault()
        let directory = vault.directory
        _ = consume vault
        let document = try pdfFile("amende.pdf", lines: 30_000)
        let pieces = (try FileSystem.read(document).count + EvidenceStream.chunkLength - 1) / EvidenceStream.chunkLength
        let locked = try DeskVault.open(at: directory)
        for unnamed in [true, false] {
            locked.unnamedStreams = unnamed
            let reached = DispatchSemaphore(value: 0)
            let read = Mutex(0)
            locked.afterFilePieceRead = { _ in
                if read.withLock({ $0 += 1; return $0 }) == 1 { reached.signal() }
                Thread.sleep(forTimeInterval: 0.01)
            }
            let prepared = try locked.prepareSeal(testimony(), form: form, attachments: [Attachment(field: "evidence_files", path: document)])
            reached.wait()
            XCTAssertThrowsError(try locked.unlock(passphrase: SecretBytes(utf8: "mauvaise phrase"))) { XCTAssertEqual($0 as? CryptoError, .wrongPassphrase) }
            prepared.discard()
            XCTAssertLessThan(read.withLock { $0 }, pieces, "unnamed: \(unnamed): the encryption stopped half way")
            XCTAssertEqual(streams(locked), [], "unnamed: \(unnamed)")
            XCTAssertEqual(try locked.status().awaitingExport, 0)
        }
    }

    /// The vault's stream is hashed beside the copy (before unlocking, too, for the command line) and compared
    /// with the hash noted when it was sealed: a stream damaged in the vault is named as such, no bundle is
    /// left, and the record stays to export.
    func testAStreamDamagedInTheVaultIsNamedAndNeverExported() throws {
        let (vault, secrets, name, path) = try vaultWithOneStream()
        var bytes = try FileSystem.read(path)
        bytes[bytes.count / 2] ^= 1
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        try assertNamedAsDamagedAndNeverExported(name, vault: vault, secrets: secrets)
    }

    /// Exporting `vault`, whose stream `name` was damaged, fails naming it, with or without the hashing started
    /// before unlocking, leaves no bundle, and leaves the record to export.
    private func assertNamedAsDamagedAndNeverExported(_ name: String, vault: DeskVault, secrets: DeskSecrets,
                                                      file: StaticString = #filePath, line: UInt = #line) throws {
        for hashes in [nil, VaultStreamHashes.speculative(vault: vault)] {
            XCTAssertThrowsError(try vault.export(to: folder + "/b.tmn", secrets: secrets, streamHashes: hashes), file: file, line: line) {
                XCTAssertTrue("\($0)".contains("evidence file \(name.prefix(32)) in the vault is not the one sealed: it was damaged on this disk"),
                              "\($0)", file: file, line: line)
            }
            XCTAssertFalse(FileManager.default.fileExists(atPath: folder + "/b.tmn"), "no bundle left", file: file, line: line)
            XCTAssertEqual(try vault.status().awaitingExport, 1, "the record stays to export", file: file, line: line)
        }
    }

    /// Sealing notes the stream's SHA-256, which the bundle lists. A list written by a development build before
    /// December 2026 noted the stream's BLAKE2b-32 instead: its stream still exports, listed with its SHA-256,
    /// and a damaged one is still named and never exported (Docs/FORMAT.md, "Stored file list").
    func testAStreamNotedWithItsBlake2bByAnEarlierBuildExportsWithItsSHA256() throws {
        let (vault, secrets, name, path) = try vaultWithOneStream()
        let stream = try FileSystem.read(path)
        let storage = secrets.derivedKey(.storage)
        let list = try vault.read { db in try XCTUnwrap(Data.fetchOne(db, sql: "SELECT files FROM sealed")) }
        let noted = try StoredFileList.open([UInt8](list), key: storage)
        XCTAssertEqual(noted.map(\.hash), [SHA256.hash(stream)], "sealing notes the stream's SHA-256")
        let blake2b = Blake2b.hash(stream, outputLength: 32)
        XCTAssertNotEqual(blake2b, SHA256.hash(stream))
        let earlier = StoredFileList.seal(noted.map { StoredFileList.Entry(id: $0.id, length: $0.length, hash: blake2b) }, key: storage,
                                          random: SystemRandom())
        try vault.write { db in try db.execute(sql: "UPDATE sealed SET files = ?", arguments: [Data(earlier)]) }

        var damaged = stream
        damaged[damaged.count / 2] ^= 1
        try Data(damaged).write(to: URL(fileURLWithPath: path))
        try assertNamedAsDamagedAndNeverExported(name, vault: vault, secrets: secrets)

        try Data(stream).write(to: URL(fileURLWithPath: path))
        for (index, hashes) in [nil, VaultStreamHashes.speculative(vault: vault)].enumerated() {
            let summary = try vault.export(to: folder + "/b\(index).tmn", all: true, secrets: secrets, streamHashes: hashes)
            XCTAssertEqual(summary.fileCount, 1)
            let read = try BundleReader.read(summary.path)   // every stream hashed against the signed list
            XCTAssertEqual(read.files.map(\.hash), [SHA256.hash(stream)], "the bundle lists the SHA-256, whatever the vault noted")
        }
    }

    /// A stream written to after it was hashed (before unlocking) is not taken as proven by that hash: the
    /// read-back hashes it in the bundle, so a change made meanwhile is still caught, and an unchanged rewrite
    /// still exports.
    func testAStreamChangedAfterItWasHashedIsHashedAgainInTheBundle() throws {
        let (vault, secrets, name, path) = try vaultWithOneStream()
        let id = try XCTUnwrap(Hex.decode(String(name.prefix(32))))
        let sealed = try FileSystem.read(path)
        var damaged = sealed
        damaged[damaged.count / 3] ^= 4

        let early = VaultStreamHashes.speculative(vault: vault)
        guard case .hashed = early.outcome(for: id) else { return XCTFail("the stream was not hashed before the export") }
        // A write stamps the file with the kernel's clock tick (4 ms or less); the stream was written a moment
        // ago by the sealing, an hour ago at a desk: the change must come in a later tick, as it would there.
        usleep(20_000)
        try Data(damaged).write(to: URL(fileURLWithPath: path))
        XCTAssertThrowsError(try vault.export(to: folder + "/b.tmn", secrets: secrets, streamHashes: early)) {
            XCTAssertTrue("\($0)".contains("it was damaged on this disk"), "\($0)")
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: folder + "/b.tmn"), "no bundle left")

        let again = VaultStreamHashes.speculative(vault: vault)
        guard case .hashed = again.outcome(for: id) else { return XCTFail("the stream was not hashed before the export") }
        usleep(20_000)
        try Data(sealed).write(to: URL(fileURLWithPath: path))   // the same bytes, written again
        let summary = try vault.export(to: folder + "/b.tmn", secrets: secrets, streamHashes: again)
        XCTAssertEqual(summary.fileCount, 1)
        XCTAssertNoThrow(try BundleReader.read(summary.path))
    }

    /// The export reads each piece of a stream back from the bundle right after writing it: a piece that reads
    /// back otherwise than written (damaged between the write and the read-back) refuses the export, says so,
    /// leaves no bundle and keeps the record to export.
    func testABundleThatReadsBackOtherwiseThanWrittenIsRefused() throws {
        let (vault, secrets) = try makeVault()
        _ = try vault.seal(testimony(), form: form, attachments: [Attachment(field: "evidence_files", path: try pdfFile("a.pdf", lines: 3000))])
        var damagedAt: Int?
        vault.afterStreamPieceWritten = { bundle, offset, count in
            let fd = open(bundle, O_RDWR | O_CLOEXEC)
            defer { close(fd) }
            var byte: UInt8 = 0
            let at = off_t(offset + count / 2)
            guard fd >= 0, pread(fd, &byte, 1, at) == 1 else { return }
            byte ^= 0x10
            if pwrite(fd, &byte, 1, at) == 1 { damagedAt = Int(at) }
        }
        XCTAssertThrowsError(try vault.export(to: folder + "/b.tmn", secrets: secrets)) {
            XCTAssertTrue("\($0)".contains("read-back differs from what was written"), "\($0)")
        }
        XCTAssertNotNil(damagedAt, "the bundle was damaged before its read-back")
        XCTAssertFalse(FileManager.default.fileExists(atPath: folder + "/b.tmn"), "no bundle left")
        XCTAssertEqual(try vault.status().awaitingExport, 1, "the record stays to export")
        vault.afterStreamPieceWritten = nil
        XCTAssertEqual(try vault.export(to: folder + "/b.tmn", secrets: secrets).fileCount, 1, "nothing was lost")
    }

    /// A stream the exporter proved by comparison is placed and its length and id checked, not hashed again; any
    /// other entry (another place, length or hash) is hashed as always.
    func testOnlyAStreamProvenExactlyIsNotHashedAgain() throws {
        let (vault, secrets) = try makeVault()
        _ = try vault.seal(testimony(), form: form, attachments: [Attachment(field: "evidence_files", path: try pdfFile("a.pdf", lines: 3000))])
        let path = try vault.export(to: folder + "/b.tmn", secrets: secrets).path
        let file = try XCTUnwrap(BundleReader.read(path).files.first)
        var bytes = try FileSystem.read(path)
        bytes[file.offset + file.length / 2] ^= 1
        try Data(bytes).write(to: URL(fileURLWithPath: folder + "/flip.tmn"))
        let elsewhere = BundleFileEntry(id: file.id, length: file.length, hash: file.hash, offset: file.offset + 1)
        for proven in [[], [elsewhere]] {
            XCTAssertThrowsError(try BundleReader.read(folder + "/flip.tmn", proven: proven)) {
                XCTAssertTrue("\($0)".contains("is not the one the desk listed"), "\($0)")
            }
        }
        XCTAssertNoThrow(try BundleReader.read(folder + "/flip.tmn", proven: [file]), "the caller's comparison stands for the hash")
        bytes[file.offset + 7] ^= 1   // inside the file id: checked even when proven
        try Data(bytes).write(to: URL(fileURLWithPath: folder + "/id.tmn"))
        XCTAssertThrowsError(try BundleReader.read(folder + "/id.tmn", proven: [file]))
    }

    func testWithoutFilesLeavesTheRecordsWithFilesForTheNextExport() throws {
        let (vault, secrets) = try makeVault()
        _ = try vault.seal(testimony(city: "Lyon"), form: form, attachments: [Attachment(field: "evidence_files", path: try pngFile("a.png", body: [1]))])
        _ = try vault.seal(testimony(city: "Nice"), form: form)
        let quick = try vault.export(to: folder + "/rapide.tmn", withoutFiles: true, secrets: secrets)
        XCTAssertEqual([quick.recordCount, quick.fileCount], [2, 0])
        XCTAssertEqual(try BundleReader.read(quick.path).files.count, 0)
        XCTAssertEqual(try vault.status().awaitingExport, 1, "the record with a file stays to export")
        var extractor = try EvidenceExtractor(directory: folder + "/remis")
        var records: [DecryptedRecord] = []
        _ = try TeamDecryptor(keys: [team]).run(bundles: [quick.path]) { records.append($0) }
        let lyon = try XCTUnwrap(records.first { $0.payload.files != nil })
        let files = try XCTUnwrap(lyon.payload.files)
        XCTAssertTrue(extractor.extract(files, record: lyon.payload.record, bundlePath: quick.path)[0].problem?.contains("does not carry this file") ?? false)
        let full = try vault.export(to: folder + "/complet.tmn", secrets: secrets)
        XCTAssertEqual([full.recordCount, full.fileCount], [1, 1])
        XCTAssertEqual(extractor.extract(files, record: lyon.payload.record, bundlePath: full.path).map(\.problem), [nil])
        XCTAssertEqual(try vault.status().awaitingExport, 0)
    }

    func testAnyDamageToAFileStreamRefusesTheBundleAndTheFile() throws {
        let (vault, secrets) = try makeVault()
        _ = try vault.seal(testimony(), form: form, attachments: [Attachment(field: "evidence_files", path: try pdfFile("a.pdf", lines: 3000))])
        let path = try vault.export(to: folder + "/b.tmn", secrets: secrets).path
        let manifest = try BundleReader.read(path)
        let file = try XCTUnwrap(manifest.files.first)
        let bytes = try FileSystem.read(path)
        var records: [DecryptedRecord] = []
        _ = try TeamDecryptor(keys: [team]).run(bundles: [path]) { records.append($0) }
        let files = try XCTUnwrap(records.first?.payload.files)
        // A flip in the length prefix, the header, the first and the last chunk; the stream cut short.
        for (index, offset) in [file.offset - 1, file.offset + 10, file.offset + 100, file.offset + file.length - 1].enumerated() {
            var damaged = bytes
            damaged[offset] ^= 0x20
            let damagedPath = folder + "/flip\(index).tmn"
            try Data(damaged).write(to: URL(fileURLWithPath: damagedPath))
            XCTAssertThrowsError(try BundleReader.read(damagedPath), "offset \(offset)")
            var extractor = try EvidenceExtractor(directory: folder + "/out\(index)")
            if index > 0 {   // a broken length prefix is not read by extraction, which places streams by the signed list
                XCTAssertNotNil(extractor.extract(files, record: records[0].payload.record, bundlePath: damagedPath)[0].problem, "offset \(offset)")
            }
            XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: folder + "/out\(index)"), [], "nothing written for a damaged file")
        }
        let inbox = try TeamInbox(directory: folder + "/inbox")
        var damaged = bytes
        damaged[file.offset + file.length / 2] ^= 1
        try Data(damaged).write(to: URL(fileURLWithPath: folder + "/flip-import.tmn"))
        XCTAssertThrowsError(try inbox.importBundle(folder + "/flip-import.tmn"))
        XCTAssertNoThrow(try inbox.importBundle(path))
    }

    func testNothingInAFileNameCanLeaveTheFolder() throws {
        let id = "0123456789abcdef0123456789abcdef"
        let hostile = ["../../etc/passwd", "/etc/shadow", "a\u{0}b.png", "..", ".", "", ".bashrc", "x/../../y",
                       "\u{1b}[31mrouge\u{7}.jpg", "ligne\nsuivante.png", "\u{202E}gnp.exe", String(repeating: "é", count: 300) + ".mp4",
                       String(repeating: "漢", count: 100), "C:\\Windows\\system32", "e\u{301}te\u{301}.jpg"]
        for name in hostile {
            let safe = SafeFileName.make(id: id, name: name)
            XCTAssertTrue(safe.hasPrefix("0123456789ab-"), safe)
            XCTAssertFalse(safe.contains("/") || safe.contains("\\") || safe.contains("\u{0}"), safe)
            XCTAssertFalse(safe.unicodeScalars.contains { $0.properties.generalCategory == .control || $0.properties.generalCategory == .format }, safe)
            XCTAssertLessThanOrEqual(safe.utf8.count, 13 + SafeFileName.maximumNameBytes, safe)
            XCTAssertEqual((("/dossier/" + safe) as NSString).standardizingPath, "/dossier/" + safe, "stays in the folder: \(safe)")
        }
        XCTAssertEqual(SafeFileName.make(id: id, name: "../../etc/passwd"), "0123456789ab-_.._etc_passwd")
        XCTAssertEqual(SafeFileName.make(id: id, name: ".."), "0123456789ab-file")
        XCTAssertEqual(SafeFileName.make(id: "../" + id, name: "a"), "0123456789ab-a", "the id part is hexadecimal digits only")
        XCTAssertEqual(SafeFileName.make(id: id, name: "\u{3164}\u{FE0F}.png"), "0123456789ab-__.png", "invisible letters and marks")
        XCTAssertEqual(SafeFileName.make(id: id, name: "\u{24B6}\u{092B}\u{094B}2\u{00BD}"), "0123456789ab-_\u{092B}_2\u{00BD}",
                       "by general category (L*, N*, Mn), as the Python reader: not a circled letter (So) nor a vowel sign (Mc)")

        // A real file with control characters and a long name in its name, through the whole chain.
        let (vault, secrets) = try makeVault()
        let name = "vidéo\u{1b}[2J\nde " + String(repeating: "ç", count: 100) + ".png"
        let path = try pngFile(name, body: [9, 9, 9])
        _ = try vault.seal(testimony(), form: form, attachments: [Attachment(field: "evidence_files", path: path)])
        let bundle = try vault.export(to: folder + "/b.tmn", secrets: secrets).path
        var records: [DecryptedRecord] = []
        _ = try TeamDecryptor(keys: [team]).run(bundles: [bundle]) { records.append($0) }
        let files = try XCTUnwrap(records.first?.payload.files)
        XCTAssertEqual(files[0].name, name, "the record keeps the name as given")
        var extractor = try EvidenceExtractor(directory: folder + "/remis")
        let written = try XCTUnwrap(extractor.extract(files, record: records[0].payload.record, bundlePath: bundle)[0].path)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: folder + "/remis"), [(written as NSString).lastPathComponent])
        XCTAssertEqual(try FileSystem.read(written), try FileSystem.read(path))
    }
}
