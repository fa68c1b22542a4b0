import CSodium
import TemoinCrypto
import TemoinTestSupport
import XCTest

final class SHA256Tests: XCTestCase {
    /// FIPS 180-2's test vectors, so the exhibit's hash is the SHA-256 every other tool computes.
    func testKnownVectors() {
        XCTAssertEqual(Hex.encode(SHA256.hash(Array("abc".utf8))), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        XCTAssertEqual(Hex.encode(SHA256.hash([])), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        XCTAssertEqual(Hex.encode(SHA256.hash(Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8))),
                       "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
        // A million 'a', fed in pieces of 1,000: the streaming state carried across many updates.
        let piece = [UInt8](repeating: UInt8(ascii: "a"), count: 1000), million = SHA256()
        for _ in 0..<1000 { piece.withUnsafeBytes { million.update($0) } }
        XCTAssertEqual(Hex.encode(million.finish()), "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    /// OpenSSL computes the hash now; libsodium computed it before: on seeded random inputs of every length
    /// around the 64-byte block, cut at random places, both give the same digest, so no hash taken at a
    /// desk before the change reads as a mismatch after it.
    func testOpenSSLAgreesWithLibsodiumWhateverTheSplit() {
        var random = SeededRandom.printed("SHA-256 against libsodium")
        XCTAssertEqual(sodium_init() >= 0, true)
        let lengths = Array(0...200) + [4095, 4096, 4097, 65_536 + 17] + (0..<10).map { _ in random.below(1 << 20) }
        for length in lengths {
            let words = (0..<(length + 7) / 8).map { _ in random.next() }
            let bytes = words.withUnsafeBytes { Array($0.prefix(length)) }
            var expected = [UInt8](repeating: 0, count: 32)
            _ = crypto_hash_sha256(&expected, bytes, UInt64(length))
            let streamed = SHA256()
            var start = 0
            while start < length {
                let end = min(length, start + random.below(max(2, length / 3)) + random.below(2))   // some empty pieces
                bytes.withUnsafeBytes { streamed.update(UnsafeRawBufferPointer(rebasing: $0[start..<end])) }
                start = end
            }
            XCTAssertEqual(streamed.finish(), expected, "length \(length) (seed \(random.seed))")
            XCTAssertEqual(SHA256.hash(bytes), expected, "one-shot, length \(length) (seed \(random.seed))")
        }
    }
}
