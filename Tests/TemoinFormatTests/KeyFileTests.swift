import TemoinCrypto
import TemoinFormat
import XCTest

final class KeyFileTests: XCTestCase {
    private let cheap = PassphraseCost(opsLimit: 1, memLimit: 8192)

    func testTeamKeyFileOpensWithItsPassphraseOnly() throws {
        let pair = TeamKeyPair(name: "Équipe")
        let file = try SecretKeyFile.seal(kind: .team, publicKey: pair.publicKey.bytes, name: "Équipe", secret: pair.secretKey,
                                          passphrase: SecretBytes(utf8: "bonne phrase"), cost: cheap)
        let reopened = try SecretKeyFile(bytes: file.bytes)
        XCTAssertEqual(reopened.name, "Équipe")
        XCTAssertEqual(reopened.fingerprint, pair.publicKey.fingerprint)
        XCTAssertTrue(try reopened.openTeamKey(passphrase: SecretBytes(utf8: "bonne phrase")).secretKey.isEqual(to: pair.secretKey))
        XCTAssertThrowsError(try reopened.openTeamKey(passphrase: SecretBytes(utf8: "Bonne phrase"))) {
            XCTAssertEqual($0 as? CryptoError, .wrongPassphrase)
        }
    }

    func testWrongKindsAreNamed() throws {
        let pair = TeamKeyPair(name: "t")
        let publicFile = PublicKeyFile.encode(pair.publicKey)
        let secretFile = try SecretKeyFile.seal(kind: .team, publicKey: pair.publicKey.bytes, name: "t", secret: pair.secretKey,
                                                passphrase: SecretBytes(utf8: "p"), cost: cheap).bytes
        XCTAssertThrowsError(try SecretKeyFile(bytes: publicFile)) { XCTAssertTrue("\($0)".contains("PUBLIC key file")) }
        XCTAssertThrowsError(try PublicKeyFile.decode(secretFile)) { XCTAssertTrue("\($0)".contains("SECRET key file")) }
        XCTAssertThrowsError(try PublicKeyFile.decode(Array("hello, world".utf8))) { XCTAssertTrue("\($0)".contains("not a Témoin public key file")) }
        let desk = DeskSecrets()
        let deskFile = try SecretKeyFile.seal(kind: .desk, publicKey: desk.publicKey, name: "d", secret: desk.material,
                                              passphrase: SecretBytes(utf8: "p"), cost: cheap)
        XCTAssertThrowsError(try deskFile.openTeamKey(passphrase: SecretBytes(utf8: "p"))) {
            XCTAssertEqual($0 as? CryptoError, .wrongKind(expected: .teamKey, found: .deskKey))
        }
    }

    func testTruncatedFilesAreRefused() throws {
        let pair = TeamKeyPair(name: "t")
        let secretFile = try SecretKeyFile.seal(kind: .team, publicKey: pair.publicKey.bytes, name: "t", secret: pair.secretKey,
                                                passphrase: SecretBytes(utf8: "p"), cost: cheap).bytes
        for length in 0..<secretFile.count {
            XCTAssertThrowsError(try SecretKeyFile(bytes: Array(secretFile.prefix(length))), "length \(length)")
        }
        let publicFile = PublicKeyFile.encode(pair.publicKey)
        for length in 0..<publicFile.count {
            XCTAssertThrowsError(try PublicKeyFile.decode(Array(publicFile.prefix(length))), "length \(length)")
        }
    }

    func testAbsurdCostFromADamagedFileIsRefused() throws {
        let pair = TeamKeyPair(name: "t")
        var bytes = try SecretKeyFile.seal(kind: .team, publicKey: pair.publicKey.bytes, name: "t", secret: pair.secretKey,
                                           passphrase: SecretBytes(utf8: "p"), cost: cheap).bytes
        // memlimit starts after magic(4) version(1) kind(1) key(32) name(2+1) opslimit(8).
        bytes[4 + 1 + 1 + 32 + 3 + 8] = 0x7f
        XCTAssertThrowsError(try SecretKeyFile(bytes: bytes).open(passphrase: SecretBytes(utf8: "p"))) {
            guard case CryptoError.malformed = $0 else { return XCTFail("\($0)") }
        }
    }

    func testDeskSecretsRoundTrip() throws {
        let desk = DeskSecrets()
        let copy = try DeskSecrets(material: desk.material)
        XCTAssertEqual(copy.publicKey, desk.publicKey)
        let message = Array("bundle".utf8)
        XCTAssertTrue(Signature.verify(desk.sign(message), message: message, publicKey: copy.publicKey))
        XCTAssertFalse(Signature.verify(desk.sign(message), message: Array("bundlf".utf8), publicKey: copy.publicKey))
    }

    func testFingerprintsAreReadable() {
        let fingerprint = TeamKeyPair(name: "t").publicKey.fingerprint
        XCTAssertEqual(fingerprint.count, 24)
        XCTAssertEqual(fingerprint.split(separator: "-").count, 5)
        XCTAssertTrue(fingerprint.allSatisfy { $0 == "-" || ReadableCode.alphabet.contains($0) })
        XCTAssertFalse(fingerprint.contains { "01IO".contains($0) })
        XCTAssertEqual(ReadableCode.normalise(" k7qf 29xm "), "K7QF-29XM")
    }

    func testArgon2idIsDeterministic() throws {
        let salt = [UInt8](repeating: 7, count: 16)
        let a = try PassphraseKDF.deriveKey(passphrase: SecretBytes(utf8: "p"), salt: salt, cost: cheap)
        let b = try PassphraseKDF.deriveKey(passphrase: SecretBytes(utf8: "p"), salt: salt, cost: cheap)
        let c = try PassphraseKDF.deriveKey(passphrase: SecretBytes(utf8: "q"), salt: salt, cost: cheap)
        XCTAssertTrue(a.isEqual(to: b))
        XCTAssertFalse(a.isEqual(to: c))
    }
}
