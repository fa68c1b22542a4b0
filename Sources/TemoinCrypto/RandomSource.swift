import CSodium

/// Where random bytes come from; injectable so that known-answer tests are reproducible.
public protocol RandomSource: Sendable {
    /// Fills `buffer` with random bytes.
    func fill(_ buffer: UnsafeMutableRawBufferPointer)
}

extension RandomSource {
    /// `count` random bytes.
    public func bytes(_ count: Int) -> [UInt8] {
        var out = [UInt8](repeating: 0, count: count)
        out.withUnsafeMutableBytes { fill($0) }
        return out
    }
}

/// The operating system's CSPRNG through libsodium's `randombytes_buf`.
public struct SystemRandom: RandomSource {
    /// Creates the system source.
    public init() { Sodium.ensure() }
    public func fill(_ buffer: UnsafeMutableRawBufferPointer) {
        guard let base = buffer.baseAddress, buffer.count > 0 else { return }
        randombytes_buf(base, buffer.count)
    }
}

/// A reproducible stream (libsodium's `randombytes_buf_deterministic`), for tests only.
///
/// Each call draws the next block of a keystream derived from `seed` and a counter.
public final class DeterministicRandom: RandomSource, @unchecked Sendable {
    private var seed: [UInt8]
    private var counter: UInt64 = 0

    /// Creates a stream from a 32-byte seed.
    public init(seed: [UInt8]) {
        precondition(seed.count == 32, "seed must be 32 bytes")
        Sodium.ensure()
        self.seed = seed
    }

    public func fill(_ buffer: UnsafeMutableRawBufferPointer) {
        guard let base = buffer.baseAddress, buffer.count > 0 else { return }
        var s = seed
        withUnsafeBytes(of: counter.bigEndian) { c in for i in 0..<8 { s[24 + i] ^= c[i] } }
        counter += 1
        randombytes_buf_deterministic(base, buffer.count, s)
    }
}
