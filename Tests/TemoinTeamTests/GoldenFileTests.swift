import Foundation
import TemoinCrypto
import TemoinDesk
import TemoinFormat
import TemoinForms
import TemoinTeam
import XCTest

/// Known-answer tests against the committed files in `Tests/Golden` (described in Docs/FORMAT.md).
///
/// Randomness is injected, so every byte is reproducible except those produced by `crypto_box_seal`
/// (its ephemeral key is libsodium's own) and the authentication tags that depend on them.
/// A missing golden file fails. The tests never write `Tests/Golden`: after a deliberate format change,
/// `Scripts/regenerate-golden` copies what this code builds there, for review as a diff (Docs/FORMAT.md).
final class GoldenFileTests: XCTestCase {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Golden")
    static let passphrase = "correct horse battery staple"
    static let seed = [UInt8](repeating: 0x2a, count: 32)
    static let sealedAt = Date(timeIntervalSince1970: 1_773_500_000)
    static let files = ["team.key", "team.pub", "record.tmnr", "bundle.tmn", "bundle.jsonl", "evidence.png", "passphrase.txt",
                        "bundle-v2.tmn", "bundle-v2.jsonl"]

    /// The evidence file sealed in the golden bundle: a PNG signature, then text.
    static let evidence: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D, 0x49, 0x48, 0x44, 0x52]
        + Array("Capture d'écran de l'application, remise par la personne.".utf8)

    /// A missing golden file.
    struct MissingGoldenFile: Error, CustomStringConvertible {
        var name: String
        var description: String { "Tests/Golden/\(name) is missing: restore it from git, or write it on purpose with Scripts/regenerate-golden" }
    }

    private func golden(_ name: String) throws -> [UInt8] {
        let url = Self.folder.appendingPathComponent(name)
        guard let data = FileManager.default.contents(atPath: url.path) else { throw MissingGoldenFile(name: name) }
        return [UInt8](data)
    }

    /// Builds the golden objects from the deterministic stream.
    private func build(in directory: String) throws -> (teamKey: [UInt8], teamPub: [UInt8], record: RecordEnvelope, bundle: String) {
        let random = DeterministicRandom(seed: Self.seed)
        let team = TeamKeyPair(name: "Golden team", random: random)
        let keyFile = try SecretKeyFile.seal(kind: .team, publicKey: team.publicKey.bytes, name: "Golden team", secret: team.secretKey,
                                             passphrase: SecretBytes(utf8: Self.passphrase), cost: .interactive, random: random)
        let payload = SecretBytes(utf8: #"{"answers":{"city":"Paris"},"format":"temoin-record","version":1}"#)
        let record = try RecordEnvelope.seal(payload: payload, recordID: random.bytes(16), recipients: [team.publicKey], random: random)
        let (vault, secrets) = try DeskVault.create(at: directory + "/vault", deskName: "Golden desk", teamKeys: [team.publicKey],
                                                    passphrase: SecretBytes(utf8: Self.passphrase), cost: .interactive, random: random)
        let form = try Questionnaire.builtIn()
        let answers: Answers = ["consent": .yesno(.yes), "role": .choice("checked"), "check_date": .date(ApproximateDate(year: 2026, month: 3, day: nil)),
                                "city": .text("Saint-Denis"), "account": .text("Ils m'ont photographié avec une tablette. Ça a duré 20 minutes.")]
        try Data(Self.evidence).write(to: URL(fileURLWithPath: directory + "/evidence.png"))
        _ = try vault.seal(answers, form: form, attachments: [Attachment(field: "evidence_files", path: directory + "/evidence.png")],
                           sealedAt: Self.sealedAt, random: random)
        let bundle = directory + "/golden.tmn"
        _ = try vault.export(to: bundle, secrets: secrets, now: Self.sealedAt, random: random)
        return (keyFile.bytes, PublicKeyFile.encode(team.publicKey), record, bundle)
    }

    private func temporaryDirectory() throws -> String {
        let path = NSTemporaryDirectory() + "temoin-golden-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        addTeardownBlock { try? FileManager.default.removeItem(atPath: path) }
        return path
    }

    /// With `TEMOIN_GOLDEN_OUT=FOLDER` (set only by Scripts/regenerate-golden), writes what this code builds to
    /// FOLDER, never to `Tests/Golden` itself.
    private func writeIfAsked(_ built: (teamKey: [UInt8], teamPub: [UInt8], record: RecordEnvelope, bundle: String)) throws {
        guard let folder = ProcessInfo.processInfo.environment["TEMOIN_GOLDEN_OUT"], !folder.isEmpty else { return }
        func write(_ name: String, _ bytes: [UInt8]) throws { try Data(bytes).write(to: URL(fileURLWithPath: folder).appendingPathComponent(name)) }
        try write("team.key", built.teamKey)
        try write("team.pub", built.teamPub)
        try write("record.tmnr", built.record.bytes)
        try write("bundle.tmn", FileSystemRead.bytes(built.bundle))
        try write("passphrase.txt", Array((Self.passphrase + "\n").utf8))
        try write("evidence.png", Self.evidence)
        let keys = try SecretKeyFile(bytes: built.teamKey).openTeamKey(passphrase: SecretBytes(utf8: Self.passphrase))
        var lines: [UInt8] = []
        let output = RecordOutput(format: .jsonl, form: try Questionnaire.builtIn()) { lines += $0 }
        _ = try TeamDecryptor(keys: [keys]).run(bundles: [folder + "/bundle.tmn"]) { try output.append($0) }
        try write("bundle.jsonl", lines)
    }

    func testEveryGoldenFileIsThere() throws {
        for name in Self.files { XCTAssertNoThrow(try golden(name)) }
    }

    func testKeyFilesAreByteForByteReproducible() throws {
        let built = try build(in: try temporaryDirectory())
        try writeIfAsked(built)
        XCTAssertEqual(built.teamKey, try golden("team.key"))
        XCTAssertEqual(built.teamPub, try golden("team.pub"))
    }

    func testRecordMatchesOutsideTheSealedBoxes() throws {
        let built = try build(in: try temporaryDirectory())
        let expected = try golden("record.tmnr")
        XCTAssertEqual(built.record.bytes.count, expected.count)
        // Mask the 80-byte sealed key (offset 30 = magic 4 + version 1 + id 16 + count 1 + key id 8) and the final tag.
        var a = built.record.bytes, b = expected
        for i in 30..<110 { a[i] = 0; b[i] = 0 }
        for i in (a.count - 16)..<a.count { a[i] = 0; b[i] = 0 }
        XCTAssertEqual(a, b)
    }

    func testGoldenRecordOpensToItsPayload() throws {
        let key = try SecretKeyFile(bytes: golden("team.key")).openTeamKey(passphrase: SecretBytes(utf8: Self.passphrase))
        let opened = try RecordEnvelope(bytes: golden("record.tmnr")).open(with: [key])
        XCTAssertEqual(opened.withUnsafeBytes { String(decoding: $0, as: UTF8.self) }, #"{"answers":{"city":"Paris"},"format":"temoin-record","version":1}"#)
    }

    func testGoldenBundleVerifiesAndDecryptsToTheCommittedLines() throws {
        let bundle = Self.folder.appendingPathComponent("bundle.tmn").path
        let summary = try BundleReader.read(bundle)
        XCTAssertEqual(summary.header.deskName, "Golden desk")
        XCTAssertEqual(summary.header.recordCount, 1)
        let key = try SecretKeyFile(bytes: golden("team.key")).openTeamKey(passphrase: SecretBytes(utf8: Self.passphrase))
        var lines: [UInt8] = []
        let output = RecordOutput(format: .jsonl, form: try Questionnaire.builtIn()) { lines += $0 }
        let report = try TeamDecryptor(keys: [key]).run(bundles: [bundle]) { try output.append($0) }
        XCTAssertTrue(report.isClean)
        XCTAssertEqual(lines, try golden("bundle.jsonl"))
        XCTAssertEqual(summary.header.version, 3)
        XCTAssertEqual(summary.files.count, 1)
        // Its file comes out as the evidence file given at the desk.
        var records: [DecryptedRecord] = []
        _ = try TeamDecryptor(keys: [key]).run(bundles: [bundle]) { records.append($0) }
        let folder = NSTemporaryDirectory() + "temoin-golden-files-" + UUID().uuidString
        addTeardownBlock { try? FileManager.default.removeItem(atPath: folder) }
        var extractor = try EvidenceExtractor(directory: folder)
        let outcomes = extractor.extract(records.first?.payload.files ?? [], record: records.first?.payload.record ?? "", bundlePath: bundle)
        XCTAssertEqual(outcomes.map(\.problem), [nil])
        XCTAssertEqual(try FileSystemRead.bytes(outcomes.first?.path ?? ""), try golden("evidence.png"))
    }

    /// Version 2 bundles, written before evidence files, are still read: the committed one decrypts to its lines.
    func testGoldenVersionTwoBundleIsStillRead() throws {
        let bundle = Self.folder.appendingPathComponent("bundle-v2.tmn").path
        let summary = try BundleReader.read(bundle)
        XCTAssertEqual(summary.header.version, 2)
        XCTAssertEqual(summary.files, [])
        let key = try SecretKeyFile(bytes: golden("team.key")).openTeamKey(passphrase: SecretBytes(utf8: Self.passphrase))
        var lines: [UInt8] = []
        let output = RecordOutput(format: .jsonl, form: try Questionnaire.builtIn()) { lines += $0 }
        XCTAssertTrue(try TeamDecryptor(keys: [key]).run(bundles: [bundle]) { try output.append($0) }.isClean)
        XCTAssertEqual(lines, try golden("bundle-v2.jsonl"))
    }
}

/// Reads a whole file in tests.
enum FileSystemRead {
    static func bytes(_ path: String) throws -> [UInt8] {
        guard let data = FileManager.default.contents(atPath: path) else { throw CocoaError(.fileReadNoSuchFile) }
        return [UInt8](data)
    }
}
