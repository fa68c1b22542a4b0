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
}
