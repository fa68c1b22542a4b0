import CSodium
import TemoinCrypto

/// The physical limit of record decryption on one core, for `make bench` (Docs/PERFORMANCE.md).
///
/// Times libsodium alone on a real envelope: `crypto_box_seal_open` of the content key, then
/// XChaCha20-Poly1305 decryption of the payload with the header as associated data — into buffers
/// allocated once, with no parsing, no padding removal and no guarded memory. Nothing Témoin does
/// per record can be faster than this.
public enum RawLimit {
    /// Opens `envelope` with `key` `iterations` times in a tight loop; returns the seconds it took.
    /// With `hashing`, each round also takes the BLAKE2b-32 of the whole envelope, as a reader of a
    /// bundle file does to prove each record against the signed list.
    ///
    /// Throws `notForThisKey` when no recipient slot has `key`'s id, and `authenticationFailed`
    /// when either decryption fails (so the loop is known to do the real work).
    public static func openSeconds(_ envelope: RecordEnvelope, key: TeamKeyPair, iterations: Int, hashing: Bool = false) throws -> Double {
        Sodium.ensure()
        guard let slot = envelope.recipients.first(where: { $0.keyID == key.publicKey.keyID }) else { throw CryptoError.notForThisKey }
        let bytes = envelope.bytes
        let headerLength = 5 + RecordEnvelope.recordIDLength + 1
            + envelope.recipients.count * (8 + RecordEnvelope.sealedKeyLength) + AEAD.nonceLength + 4
        let nonce = Array(bytes[headerLength - 4 - AEAD.nonceLength..<headerLength - 4])
        var contentKey = [UInt8](repeating: 0, count: AEAD.keyLength)
        var plaintext = [UInt8](repeating: 0, count: bytes.count - headerLength - AEAD.tagLength)
        var digest = [UInt8](repeating: 0, count: 32)
        var failures: Int32 = 0
        let start = ContinuousClock.now
        key.secretKey.withUnsafeBytes { secret in
            let sk = secret.baseAddress!.assumingMemoryBound(to: UInt8.self)
            bytes.withUnsafeBufferPointer { envelopeBytes in
                let base = envelopeBytes.baseAddress!
                for _ in 0..<iterations {
                    failures |= crypto_box_seal_open(&contentKey, slot.sealedKey, UInt64(slot.sealedKey.count), key.publicKey.bytes, sk)
                    var length: UInt64 = 0
                    failures |= crypto_aead_xchacha20poly1305_ietf_decrypt(
                        &plaintext, &length, nil, base + headerLength, UInt64(bytes.count - headerLength),
                        base, UInt64(headerLength), nonce, contentKey)
                    if hashing { failures |= crypto_generichash(&digest, digest.count, base, UInt64(bytes.count), nil, 0) }
                }
            }
        }
        let elapsed = ContinuousClock.now - start
        sodium_memzero(&contentKey, contentKey.count)
        sodium_memzero(&plaintext, plaintext.count)
        guard failures == 0 else { throw CryptoError.authenticationFailed }
        return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
    }
}
