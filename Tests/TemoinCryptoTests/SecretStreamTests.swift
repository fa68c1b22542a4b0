import TemoinCrypto
import XCTest

/// libsodium's secretstream and SHA-256 as TemoinCrypto exposes them.
final class SecretStreamTests: XCTestCase {
    func testChunksComeBackInOrderWithTheirTags() throws {
        let key = SecretBytes(randomCount: SecretStream.keyLength)
        let push = SecretStream(pushingWith: key)
        XCTAssertEqual(push.header.count, SecretStream.headerLength)
        let chunks: [[UInt8]] = [Array("première".utf8), [], Array(repeating: 7, count: 1000)]
        let sealed = chunks.enumerated().map { index, chunk in
            chunk.withUnsafeBytes { push.push($0, tag: index == chunks.count - 1 ? .final : .message) }
        }
        XCTAssertEqual(sealed.map(\.count), chunks.map { $0.count + SecretStream.overhead })
        let pull = try SecretStream(pullingWith: key, header: push.header)
        for (index, ciphertext) in sealed.enumerated() {
            var plain = [UInt8](repeating: 0, count: ciphertext.count - SecretStream.overhead)
            let tag = try ciphertext.withUnsafeBytes { c in try plain.withUnsafeMutableBytes { try pull.pull(c, into: $0) } }
            XCTAssertEqual(plain, chunks[index])
            XCTAssertEqual(tag, index == chunks.count - 1 ? .final : .message)
        }
    }

    func testAChunkOutOfOrderOrFromAnotherKeyFails() throws {
        let key = SecretBytes(randomCount: SecretStream.keyLength)
        let push = SecretStream(pushingWith: key)
        let first = [UInt8](repeating: 1, count: 10).withUnsafeBytes { push.push($0, tag: .message) }
        let second = [UInt8](repeating: 2, count: 10).withUnsafeBytes { push.push($0, tag: .final) }
        var plain = [UInt8](repeating: 0, count: 10)
        let outOfOrder = try SecretStream(pullingWith: key, header: push.header)
        XCTAssertThrowsError(try second.withUnsafeBytes { c in try plain.withUnsafeMutableBytes { try outOfOrder.pull(c, into: $0) } }) {
            XCTAssertEqual($0 as? CryptoError, .authenticationFailed)
        }
        let otherKey = try SecretStream(pullingWith: SecretBytes(randomCount: SecretStream.keyLength), header: push.header)
        XCTAssertThrowsError(try first.withUnsafeBytes { c in try plain.withUnsafeMutableBytes { try otherKey.pull(c, into: $0) } })
        XCTAssertThrowsError(try SecretStream(pullingWith: key, header: [1, 2, 3]))
    }

    func testSHA256MatchesTheStandardVectorsWhateverTheSplit() {
        // FIPS 180-2 vectors.
        let abc = SHA256()
        Array("abc".utf8).withUnsafeBytes { abc.update($0) }
        XCTAssertEqual(Hex.encode(abc.finish()), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        let long = Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8)
        let split = SHA256()
        long.withUnsafeBytes { bytes in
            split.update(UnsafeRawBufferPointer(rebasing: bytes[0..<5]))
            split.update(UnsafeRawBufferPointer(rebasing: bytes[5..<5]))
            split.update(UnsafeRawBufferPointer(rebasing: bytes[5...]))
        }
        XCTAssertEqual(Hex.encode(split.finish()), "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
        XCTAssertEqual(Hex.encode(SHA256().finish()), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
    }
}
