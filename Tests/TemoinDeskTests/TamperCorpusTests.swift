import Foundation
import TemoinCrypto
import TemoinDesk
import TemoinFormat
import TemoinForms
import TemoinTeam
import XCTest

/// The tamper corpus (issue 5, Docs/RELIABILITY.md): every vector is refused with its expected class of
/// error, none crashes, none gets into the team inbox, and nothing salvaged from it opens unless it is
/// byte for byte a record the desk sealed.
final class TamperCorpusTests: VaultTestCase {
    /// The golden team key (Tests/Golden), opened once for the whole class.
    nonisolated(unsafe) private static var goldenTeam: TeamKeyPair?

    private func goldenTeamKey() throws -> TeamKeyPair {
        if let key = Self.goldenTeam { return key }
        let passphrase = try String(contentsOf: TamperCorpus.golden.appendingPathComponent("passphrase.txt"), encoding: .utf8)
            .split(whereSeparator: \.isNewline).first.map(String.init) ?? ""
        let key = try SecretKeyFile(bytes: TamperCorpus.golden("team.key")).openTeamKey(passphrase: SecretBytes(utf8: passphrase))
        Self.goldenTeam = key
        return key
    }

    /// Checks that `attempt` throws an error of an expected class for every vector; returns how many were checked.
    @discardableResult
    private func assertRefused(_ vectors: [TamperVector], _ label: String, attempt: (TamperVector) throws -> Void) -> Int {
        var failures = 0
        for vector in vectors {
            do {
                try attempt(vector)
                failures += 1
                if failures <= 20 { XCTFail("\(label): \(vector.name) was accepted") }
            } catch {
                guard let found = TamperClass(error), vector.expected.contains(found) else {
                    failures += 1
                    if failures <= 20 { XCTFail("\(label): \(vector.name): expected \(vector.expected.map(\.rawValue).sorted()), got \(error)") }
                    continue
                }
            }
        }
        XCTAssertEqual(failures, 0, "\(label): \(failures) of \(vectors.count) vectors not refused as expected")
        return vectors.count
    }

    private func readBundle(_ vector: TamperVector) throws {
        let path = folder + "/tampered.tmn"
        try Data(vector.bytes).write(to: URL(fileURLWithPath: path))
        try BundleReader.read(path)
    }

    /// A fresh three-record bundle and a one-record bundle from another desk.
    private func freshBundles() throws -> (three: [UInt8], other: [UInt8]) {
        func bundle(_ name: String, records: Int) throws -> [UInt8] {
            let (vault, secrets) = try makeVault(name)
            for i in 0..<records { _ = try vault.seal(testimony("récit \(i)"), form: form) }
            _ = try vault.export(to: folder + "/\(name).tmn", secrets: secrets)
            return [UInt8](try Data(contentsOf: URL(fileURLWithPath: folder + "/\(name).tmn")))
        }
        return (try bundle("three", records: 3), try bundle("other", records: 1))
    }

    func testEveryByteFlipOfTheGoldenBundleIsRefusedByTheFieldItHits() throws {
        let bundle = try TamperCorpus.golden("bundle-v2.tmn")
        XCTAssertNoThrow(try readBundle(TamperVector(name: "golden", bytes: bundle, expected: [])), "the untouched bundle verifies")
        let masks: [UInt8] = CampaignScaleUnit.isFull ? [0x01, 0x80, 0xFF] : [0x01]
        var count = 0
        for mask in masks { count += assertRefused(TamperCorpus.flips(of: bundle, mask: mask), "bundle flip", attempt: readBundle) }
        CampaignScaleUnit.report("tamper-bundle-flips", "\(count) single-byte flips (masks \(masks)) of the golden bundle, each refused with the class of the field it hits")
    }

    func testEveryTruncationIsRefused() throws {
        let bundle = try TamperCorpus.golden("bundle-v2.tmn")
        let count = assertRefused(TamperCorpus.truncations(of: bundle), "truncation", attempt: readBundle)
        CampaignScaleUnit.report("tamper-truncations", "\(count) truncations and extensions refused")
    }

    func testStructuralTamperingIsRefusedAndNeverImported() throws {
        let (three, other) = try freshBundles()
        let vectors = TamperCorpus.structural(three, other: other)
        assertRefused(vectors, "structural", attempt: readBundle)
        let inbox = try TeamInbox(directory: folder + "/inbox")
        for vector in vectors {
            let path = folder + "/tampered.tmn"
            try Data(vector.bytes).write(to: URL(fileURLWithPath: path))
            XCTAssertThrowsError(try inbox.importBundle(path), vector.name)
        }
        XCTAssertEqual(try inbox.bundles().count, 0, "no tampered bundle is in the inbox")
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: folder + "/inbox/bundles"), [], "and no copy of one")
        CampaignScaleUnit.report("tamper-structural", "\(vectors.count) dropped/duplicated/reordered/foreign records, swapped parts, wrong versions, absurd lengths: refused, none imported")
    }

    func testSalvageNeverYieldsAlteredContent() throws {
        let bundle = try TamperCorpus.golden("bundle-v2.tmn")
        let original = BundleLayout(bundle).records[0]
        let team = try goldenTeamKey()
        var opened = 0
        let vectors = TamperCorpus.flips(of: bundle, mask: 0x01) + TamperCorpus.truncations(of: bundle)
        for vector in vectors {
            let path = folder + "/tampered.tmn"
            try Data(vector.bytes).write(to: URL(fileURLWithPath: path))
            for envelope in try BundleReader.salvage(path) {
                guard (try? envelope.open(with: [team])) != nil else { continue }
                opened += 1
                XCTAssertEqual(envelope.bytes, original, "\(vector.name): a salvaged record that opens is exactly the sealed one")
            }
        }
        CampaignScaleUnit.report("tamper-salvage", "\(vectors.count) damaged bundles salvaged: \(opened) records opened, all byte-identical to the sealed record")
    }

    func testEveryByteFlipOfAnEnvelopeIsRefusedWhenOpened() throws {
        let team = try goldenTeamKey()
        let envelope = try TamperCorpus.golden("record.tmnr")
        XCTAssertNoThrow(try RecordEnvelope(bytes: envelope).open(with: [team]))
        let count = assertRefused(TamperCorpus.envelopeFlips(envelope), "envelope flip") { vector in
            _ = try RecordEnvelope(bytes: vector.bytes).open(with: [team])
        }
        CampaignScaleUnit.report("tamper-envelope", "\(count) single-byte flips of the golden record refused when opened")
    }

    func testKeyFilesOfTheWrongKindDamagedOrLowOrderAreRefused() throws {
        let (vault, _) = try makeVault()
        let (three, _) = try freshBundles()
        let (publicVectors, secretVectors) = TamperCorpus.keyFiles(
            publicFile: try TamperCorpus.golden("team.pub"), secretFile: try TamperCorpus.golden("team.key"),
            deskFile: try vault.deskKey().bytes, bundle: three)
        assertRefused(publicVectors, "team.pub") { _ = try PublicKeyFile.decode($0.bytes) }
        // Opening with a wrong passphrase: every refusal here must come before any Argon2id run.
        assertRefused(secretVectors, "team.key") { _ = try SecretKeyFile(bytes: $0.bytes).openTeamKey(passphrase: SecretBytes(utf8: "wrong")) }
        for vector in TamperCorpus.lowOrderPublicKeyFiles() {
            let point = try TeamPublicKey(bytes: Array(vector.bytes[6..<38]), name: "bad")
            XCTAssertThrowsError(try DeskVault.create(at: folder + "/low", deskName: "x", teamKeys: [team.publicKey, point], passphrase: passphrase)) {
                XCTAssertEqual($0 as? CryptoError, .invalidPublicKey, vector.name)
            }
            XCTAssertThrowsError(try vault.addTeamKey(point)) { XCTAssertEqual($0 as? CryptoError, .invalidPublicKey, vector.name) }
        }
        XCTAssertEqual(try vault.teamKeys(), [team.publicKey], "the vault still seals to its one good key")
        CampaignScaleUnit.report("tamper-key-files", "\(publicVectors.count) public and \(secretVectors.count) secret key file vectors refused with their class")
    }

    func testEveryByteFlipOfTheGoldenTeamKeyIsRefused() throws {
        // Each flip that parses costs one Argon2id run (64 MiB): the short form takes a sample.
        let file = try TamperCorpus.golden("team.key")
        let passphrase = SecretBytes(utf8: "correct horse battery staple")
        let indexes = CampaignScaleUnit.isFull ? Array(file.indices) : [0, 4, 5, 6, 40, 48, 60, 70, 95, 120, 154]
        var refused = 0
        for index in indexes {
            var bytes = file
            bytes[index] ^= 0x01
            XCTAssertThrowsError(try SecretKeyFile(bytes: bytes).openTeamKey(passphrase: passphrase), "flip at \(index)") { error in
                XCTAssertNotNil(TamperClass(error), "flip at \(index): \(error)")
            }
            refused += 1
        }
        CampaignScaleUnit.report("tamper-team-key-flips", "\(refused) single-byte flips of the golden team.key refused (opened with the right passphrase)")
    }
}

/// The short or full form for unit-level campaigns (`TEMOIN_CAMPAIGN=full`); figures printed for Scripts/campaign.
enum CampaignScaleUnit {
    /// True when `TEMOIN_CAMPAIGN=full`.
    static var isFull: Bool { ProcessInfo.processInfo.environment["TEMOIN_CAMPAIGN"] == "full" }

    /// Prints one line of figures.
    static func report(_ campaign: String, _ figures: String) { print("CAMPAIGN \(campaign): \(figures)") }
}
