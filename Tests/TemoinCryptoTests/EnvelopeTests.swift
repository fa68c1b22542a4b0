import TemoinCrypto
import XCTest

final class EnvelopeTests: XCTestCase {
    private func payload(_ text: String) -> SecretBytes { SecretBytes(utf8: text) }

    func testRoundTripToEveryRecipient() throws {
        let alice = TeamKeyPair(name: "Alice"), bob = TeamKeyPair(name: "Bob")
        let id = SystemRandom().bytes(16)
        let envelope = try RecordEnvelope.seal(payload: payload("témoignage 漢字"), recordID: id, recipients: [alice.publicKey, bob.publicKey])
        XCTAssertEqual(envelope.recordID, id)
        XCTAssertEqual(envelope.recipients.map(\.keyID), [alice.publicKey.keyID, bob.publicKey.keyID])
        for key in [alice, bob] {
            let opened = try envelope.open(with: [key])
            XCTAssertEqual(opened.withUnsafeBytes { String(decoding: $0, as: UTF8.self) }, "témoignage 漢字")
        }
    }

    func testAnotherTeamCannotOpen() throws {
        let team = TeamKeyPair(name: "team"), stranger = TeamKeyPair(name: "other")
        let envelope = try RecordEnvelope.seal(payload: payload("x"), recordID: SystemRandom().bytes(16), recipients: [team.publicKey])
        XCTAssertThrowsError(try envelope.open(with: [stranger])) { XCTAssertEqual($0 as? CryptoError, .notForThisKey) }
    }

    func testAnyFlippedByteIsDetected() throws {
        let team = TeamKeyPair(name: "team")
        let envelope = try RecordEnvelope.seal(payload: payload("secret"), recordID: SystemRandom().bytes(16), recipients: [team.publicKey])
        for index in stride(from: 0, to: envelope.bytes.count, by: 7) {
            var bytes = envelope.bytes
            bytes[index] ^= 0x40
            let opened: SecretBytes? = try? RecordEnvelope(bytes: bytes).open(with: [team])
            XCTAssertNil(opened, "flipping byte \(index) went unnoticed")
        }
    }

    func testTruncationIsMalformed() throws {
        let team = TeamKeyPair(name: "team")
        let envelope = try RecordEnvelope.seal(payload: payload("secret"), recordID: SystemRandom().bytes(16), recipients: [team.publicKey])
        for length in [0, 3, 5, 21, 22, 100, envelope.bytes.count - 1] {
            XCTAssertThrowsError(try RecordEnvelope(bytes: Array(envelope.bytes.prefix(length))), "length \(length)")
        }
    }

    func testLowOrderPublicKeyIsRefused() throws {
        // The all-zero point and the order-8 point 0x01 are X25519 low-order points.
        for bytes in [[UInt8](repeating: 0, count: 32), [1] + [UInt8](repeating: 0, count: 31)] {
            let key = try TeamPublicKey(bytes: bytes, name: "bad")
            XCTAssertThrowsError(try RecordEnvelope.seal(payload: payload("x"), recordID: SystemRandom().bytes(16), recipients: [key])) {
                XCTAssertEqual($0 as? CryptoError, .invalidPublicKey)
            }
        }
    }

    func testPaddingHidesShortLengths() throws {
        let team = TeamKeyPair(name: "team")
        let short = try RecordEnvelope.seal(payload: payload("oui"), recordID: SystemRandom().bytes(16), recipients: [team.publicKey])
        let longer = try RecordEnvelope.seal(payload: payload(String(repeating: "é", count: 1500)), recordID: SystemRandom().bytes(16), recipients: [team.publicKey])
        XCTAssertEqual(short.bytes.count, longer.bytes.count)
    }

    func testPadmeLengths() {
        XCTAssertEqual(Padding.paddedLength(1), Padding.minimum)
        XCTAssertEqual(Padding.paddedLength(4096), 4096)
        var previous = 0
        for length in stride(from: 1, to: 2_000_000, by: 997) {
            let padded = Padding.paddedLength(length)
            XCTAssertGreaterThanOrEqual(padded, length)
            XCTAssertGreaterThanOrEqual(padded, previous)
            XCTAssertLessThanOrEqual(Double(padded - max(length, Padding.minimum)) / Double(max(length, Padding.minimum)), 0.12)
            previous = padded
        }
        // Padmé values at known points: 5000 → 5120 (E=12, S=4, 8 low bits cleared), 100000 → 100352.
        XCTAssertEqual(Padding.paddedLength(5000), 5120)
        XCTAssertEqual(Padding.paddedLength(100_000), 100_352)
    }

    func testUnpadRejectsBadPadding() throws {
        let bad = SecretBytes(copying: [UInt8](repeating: 0, count: 64))
        XCTAssertThrowsError(try Padding.unpad(bad))
        let good = Padding.pad(SecretBytes(utf8: "abc"))
        XCTAssertEqual(try Padding.unpad(good).withUnsafeBytes { Array($0) }, Array("abc".utf8))
    }

    func testOneOpeningSpaceOpensRecordAfterRecord() throws {
        let team = TeamKeyPair(name: "team"), stranger = TeamKeyPair(name: "other")
        let texts = ["court", String(repeating: "témoignage long ", count: 2000), "encore court"]
        let envelopes = try texts.map {
            try RecordEnvelope.seal(payload: payload($0), recordID: SystemRandom().bytes(16), recipients: [team.publicKey])
        }
        var altered = envelopes[0].bytes
        altered[altered.count - 1] ^= 1
        let space = OpeningSpace()
        for (text, envelope) in zip(texts, envelopes) {
            XCTAssertEqual(try envelope.open(with: OpeningKeys([team]), in: space) { String(decoding: $0, as: UTF8.self) }, text)
            XCTAssertEqual(try envelope.open(with: OpeningKeys([stranger, team]), in: space) { String(decoding: $0, as: UTF8.self) }, text,
                           "a later key of the list opens it")
            XCTAssertThrowsError(try envelope.open(with: OpeningKeys([]), in: space) { _ in }) { XCTAssertEqual($0 as? CryptoError, .notForThisKey) }
            XCTAssertThrowsError(try envelope.open(with: OpeningKeys([stranger]), in: space) { _ in }) { XCTAssertEqual($0 as? CryptoError, .notForThisKey) }
            XCTAssertThrowsError(try RecordEnvelope(bytes: altered).open(with: OpeningKeys([team]), in: space) { _ in }) {
                XCTAssertEqual($0 as? CryptoError, .authenticationFailed)
            }
        }
    }

    func testPayloadsOfEveryAwkwardLengthAndEndingComeBackWhole() throws {
        let team = TeamKeyPair(name: "team")
        let space = OpeningSpace()
        for length in [0, 1, 7, 8, 9, 4094, 4095, 4096, 4097, 5000] {
            for last: UInt8 in [0x00, 0x80, 0x41] {
                let bytes = [UInt8](repeating: 0x41, count: max(0, length - 1)) + (length > 0 ? [last] : [])
                let envelope = try RecordEnvelope.seal(payload: SecretBytes(copying: bytes), recordID: SystemRandom().bytes(16), recipients: [team.publicKey])
                XCTAssertEqual(try envelope.open(with: OpeningKeys([team]), in: space) { Array($0) }, bytes, "length \(length), last byte \(last)")
            }
        }
    }
}
