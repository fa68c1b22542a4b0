import CSodium

/// Length hiding: Padmé sizes with a floor, filled with ISO/IEC 7816-4 padding (`sodium_pad`).
///
/// A payload of `n` bytes becomes `Padding.paddedLength(n + 1)` bytes: at least 4096, then the
/// Padmé length, which leaks at most O(log log n) bits of the size.
public enum Padding {
    /// Smallest padded size: every ordinary testimony looks the same.
    public static let minimum = 4096

    /// The Padmé length for `length` bytes (at least `minimum`).
    public static func paddedLength(_ length: Int) -> Int {
        let l = max(length, minimum)
        let e = Int.bitWidth - 1 - l.leadingZeroBitCount          // floor(log2 l)
        let s = Int.bitWidth - (e).leadingZeroBitCount            // floor(log2 e) + 1
        let lastBits = e - s
        let mask = (1 << lastBits) - 1
        return (l + mask) & ~mask
    }

    /// Pads guarded `plaintext` into a new guarded buffer.
    public static func pad(_ plaintext: SecretBytes) -> SecretBytes {
        Sodium.ensure()
        let target = paddedLength(plaintext.count + 1)
        let out = SecretBytes(count: target)
        out.withUnsafeMutableBytes { dst in
            plaintext.withUnsafeBytes { src in
                if src.count > 0 { dst.copyMemory(from: src) }
            }
            var padded = 0
            _ = sodium_pad(&padded, dst.baseAddress!.assumingMemoryBound(to: UInt8.self), plaintext.count, target, target)
        }
        return out
    }

    /// Removes the padding, or throws when it is not valid ISO/IEC 7816-4 padding.
    public static func unpad(_ padded: SecretBytes) throws -> SecretBytes {
        guard padded.count > 0 else { throw CryptoError.malformed("empty padded payload") }
        var length = 0
        let status = padded.withUnsafeBytes { p in
            sodium_unpad(&length, p.baseAddress!.assumingMemoryBound(to: UInt8.self), padded.count, padded.count)
        }
        guard status == 0 else { throw CryptoError.malformed("invalid payload padding") }
        return padded.slice(0, length)
    }
}
