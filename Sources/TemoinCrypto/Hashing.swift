import CSodium

/// BLAKE2b (libsodium's `crypto_generichash`), one-shot and streaming.
public final class Blake2b {
    private let state: UnsafeMutableRawPointer
    private let outputLength: Int

    /// Starts a hash with an output of `outputLength` bytes (16 to 64).
    public init(outputLength: Int) {
        Sodium.ensure()
        self.outputLength = outputLength
        state = UnsafeMutableRawPointer.allocate(byteCount: crypto_generichash_statebytes(), alignment: 64)
        _ = crypto_generichash_init(OpaquePointer(state), nil, 0, outputLength)
    }

    deinit { state.deallocate() }

    /// Feeds bytes.
    public func update(_ bytes: UnsafeRawBufferPointer) {
        guard let base = bytes.baseAddress, bytes.count > 0 else { return }
        _ = crypto_generichash_update(OpaquePointer(state), base, UInt64(bytes.count))
    }

    /// Feeds bytes.
    public func update(_ bytes: [UInt8]) { bytes.withUnsafeBytes { update($0) } }

    /// Ends the hash and returns the digest; call it once.
    public func finish() -> [UInt8] {
        var out = [UInt8](repeating: 0, count: outputLength)
        _ = crypto_generichash_final(OpaquePointer(state), &out, outputLength)
        return out
    }

    /// One-shot BLAKE2b of `bytes`.
    public static func hash(_ bytes: [UInt8], outputLength: Int = 32) -> [UInt8] {
        Sodium.ensure()
        var out = [UInt8](repeating: 0, count: outputLength)
        _ = crypto_generichash(&out, outputLength, bytes, UInt64(bytes.count), nil, 0)
        return out
    }

    /// Whether the BLAKE2b of `bytes` is `digest` (16 to 64 bytes, its length the output length; false for
    /// any other length), hashed on
    /// the stack: a bundle's every record is proven this way, and an array per record cost as much as comparing.
    public static func hash(_ bytes: [UInt8], is digest: UnsafeRawBufferPointer) -> Bool {
        Sodium.ensure()
        guard (16...64).contains(digest.count), let expected = digest.baseAddress else { return false }
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: digest.count) { out in
            guard let out = out.baseAddress else { return false }
            _ = crypto_generichash(out, digest.count, bytes, UInt64(bytes.count), nil, 0)
            return sodium_memcmp(out, expected, digest.count) == 0
        }
    }
}

/// Keyed BLAKE2b (`crypto_generichash` with a key): a MAC, and the way one desk secret gives a
/// separate key for each purpose.
public enum KeyedHash {
    /// BLAKE2b-`outputLength`(message, key), into guarded memory (it may be a key).
    public static func hash(_ message: [UInt8], key: SecretBytes, outputLength: Int = 32) -> SecretBytes {
        Sodium.ensure()
        precondition(key.count >= 16 && key.count <= 64 && outputLength >= 16 && outputLength <= 64)
        let out = SecretBytes(count: outputLength)
        out.withUnsafeMutableBytes { o in
            key.withUnsafeBytes { k in
                _ = crypto_generichash(o.baseAddress!.assumingMemoryBound(to: UInt8.self), outputLength, message, UInt64(message.count),
                                       k.baseAddress!.assumingMemoryBound(to: UInt8.self), k.count)
            }
        }
        return out
    }

    /// The 32-byte tag of `message` under `key`, to store next to the message.
    public static func tag(_ message: [UInt8], key: SecretBytes) -> [UInt8] {
        hash(message, key: key).withUnsafeBytes { [UInt8]($0) }
    }

    /// A 32-byte key for `purpose` (a context no other use shares), derived from every secret of `secrets`:
    /// BLAKE2b keyed with the first, over the others then `purpose`. What it encrypts opens only for whoever
    /// holds all of them, and the key itself is never stored (it is derived again when needed).
    public static func derive(purpose: String, from secrets: [SecretBytes]) -> SecretBytes {
        Sodium.ensure()
        precondition(secrets.first.map { $0.count >= 16 && $0.count <= 64 } ?? false)
        let state = SecretBytes(count: crypto_generichash_statebytes()), out = SecretBytes(count: 32)
        state.withUnsafeMutableBytes { s in
            let state = OpaquePointer(s.baseAddress!)
            secrets[0].withUnsafeBytes { _ = crypto_generichash_init(state, $0.baseAddress!.assumingMemoryBound(to: UInt8.self), $0.count, 32) }
            for secret in secrets.dropFirst() {
                secret.withUnsafeBytes { _ = crypto_generichash_update(state, $0.baseAddress!.assumingMemoryBound(to: UInt8.self), UInt64($0.count)) }
            }
            let label = Array(purpose.utf8)
            _ = crypto_generichash_update(state, label, UInt64(label.count))
            out.withUnsafeMutableBytes { _ = crypto_generichash_final(state, $0.baseAddress!.assumingMemoryBound(to: UInt8.self), 32) }
        }
        return out
    }

    /// Whether `tag` is the tag of `message` under `key`, compared in constant time.
    public static func verify(_ tag: [UInt8], message: [UInt8], key: SecretBytes) -> Bool {
        let expected = hash(message, key: key)
        return expected.isEqual(to: SecretBytes(copying: tag))
    }
}
