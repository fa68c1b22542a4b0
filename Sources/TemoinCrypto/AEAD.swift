import CSodium

/// XChaCha20-Poly1305-IETF authenticated encryption (`crypto_aead_xchacha20poly1305_ietf_*`).
public enum AEAD {
    /// Key length: 32 bytes.
    public static let keyLength = 32
    /// Nonce length: 24 bytes (random nonces are safe at this size).
    public static let nonceLength = 24
    /// Authentication tag length: 16 bytes.
    public static let tagLength = 16

    /// Encrypts `plaintext` (guarded) with `key`, binding `associatedData`.
    public static func seal(_ plaintext: UnsafeRawBufferPointer, key: SecretBytes, nonce: [UInt8], associatedData: [UInt8]) -> [UInt8] {
        Sodium.ensure()
        precondition(key.count == keyLength && nonce.count == nonceLength)
        var out = [UInt8](repeating: 0, count: plaintext.count + tagLength)
        var outLength: UInt64 = 0
        key.withUnsafeBytes { k in
            _ = crypto_aead_xchacha20poly1305_ietf_encrypt(
                &out, &outLength, plaintext.baseAddress?.assumingMemoryBound(to: UInt8.self), UInt64(plaintext.count),
                associatedData, UInt64(associatedData.count), nil, nonce, k.baseAddress!.assumingMemoryBound(to: UInt8.self))
        }
        return out
    }

    /// Decrypts into guarded memory; throws `authenticationFailed` when anything was altered.
    public static func open(_ ciphertext: ArraySlice<UInt8>, key: SecretBytes, nonce: [UInt8], associatedData: [UInt8]) throws -> SecretBytes {
        Sodium.ensure()
        guard ciphertext.count >= tagLength else { throw CryptoError.malformed("ciphertext shorter than its tag") }
        let out = SecretBytes(count: ciphertext.count - tagLength)
        var outLength: UInt64 = 0
        let status = out.withUnsafeMutableBytes { m in
            key.withUnsafeBytes { k in
                ciphertext.withUnsafeBufferPointer { c in
                    crypto_aead_xchacha20poly1305_ietf_decrypt(
                        m.baseAddress?.assumingMemoryBound(to: UInt8.self), &outLength, nil,
                        c.baseAddress!, UInt64(c.count), associatedData, UInt64(associatedData.count),
                        nonce, k.baseAddress!.assumingMemoryBound(to: UInt8.self))
                }
            }
        }
        guard status == 0 else { throw CryptoError.authenticationFailed }
        return out
    }
}
