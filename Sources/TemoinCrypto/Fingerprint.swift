/// Human-friendly codes: an alphabet without look-alike characters, in groups of four.
public enum ReadableCode {
    /// 32 symbols: digits 2–9 and the letters A–Z without I and O (no 0/O, 1/I/L confusion in print).
    public static let alphabet: [Character] = Array("23456789ABCDEFGHJKLMNPQRSTUVWXYZ")

    /// Encodes the first `symbols` × 5 bits of `bytes`, grouped by four with hyphens.
    public static func encode(_ bytes: [UInt8], symbols: Int) -> String {
        precondition(bytes.count * 8 >= symbols * 5)
        var out = ""
        for i in 0..<symbols {
            var value = 0
            for bit in 0..<5 {
                let index = i * 5 + bit
                value = value << 1 | Int(bytes[index / 8] >> (7 - UInt8(index % 8)) & 1)
            }
            if i > 0 && i % 4 == 0 { out.append("-") }
            out.append(alphabet[value])
        }
        return out
    }

    /// Normalises a typed code: upper-case, spaces and hyphens dropped, regrouped by four.
    public static func normalise(_ typed: String) -> String {
        let symbols = typed.uppercased().filter { $0 != "-" && !$0.isWhitespace }
        var out = ""
        for (i, c) in symbols.enumerated() {
            if i > 0 && i % 4 == 0 { out.append("-") }
            out.append(c)
        }
        return out
    }
}

/// Identifies a public key: a short binary key id and a fingerprint to read aloud.
public enum KeyIdentity {
    /// The 8-byte key id carried in envelopes: BLAKE2b-64 of the 32-byte public key.
    public static func keyID(of publicKey: [UInt8]) -> [UInt8] { Blake2b.hash(publicKey, outputLength: 8) }

    /// The fingerprint to compare by phone: the first 100 bits of BLAKE2b-256 of the public key,
    /// as 20 symbols in five groups of four, e.g. `K7QF-29XM-H4TB-CW8N-RD3E`.
    public static func fingerprint(of publicKey: [UInt8]) -> String {
        ReadableCode.encode(Blake2b.hash(publicKey, outputLength: 32), symbols: 20)
    }
}

extension ReadableCode {
    /// Decodes `symbols` (separators ignored) back into `byteCount` bytes, or nil when a symbol is not in the alphabet,
    /// the count is wrong, or the padding bits are not zero.
    public static func decode(_ typed: String, byteCount: Int) -> [UInt8]? {
        let symbols = Array(normalise(typed).filter { $0 != "-" })
        guard symbols.count == (byteCount * 8 + 4) / 5 else { return nil }
        var bits: [UInt8] = []
        for symbol in symbols {
            guard let value = alphabet.firstIndex(of: symbol) else { return nil }
            for bit in (0..<5).reversed() { bits.append(UInt8(value >> bit & 1)) }
        }
        guard bits[(byteCount * 8)...].allSatisfy({ $0 == 0 }) else { return nil }
        return (0..<byteCount).map { i in bits[i * 8..<i * 8 + 8].reduce(0) { $0 << 1 | $1 } }
    }
}
