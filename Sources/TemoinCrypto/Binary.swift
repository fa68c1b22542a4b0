/// Appends big-endian integers and length-prefixed fields to a byte array.
public struct ByteWriter: Sendable {
    /// The bytes written so far.
    public private(set) var bytes: [UInt8] = []

    /// An empty writer.
    public init() {}

    /// Appends raw bytes.
    public mutating func append<C: Collection>(_ data: C) where C.Element == UInt8 { bytes.append(contentsOf: data) }
    /// Appends one byte.
    public mutating func u8(_ v: UInt8) { bytes.append(v) }
    /// Appends a big-endian 16-bit integer.
    public mutating func u16(_ v: UInt16) { withUnsafeBytes(of: v.bigEndian) { bytes.append(contentsOf: $0) } }
    /// Appends a big-endian 32-bit integer.
    public mutating func u32(_ v: UInt32) { withUnsafeBytes(of: v.bigEndian) { bytes.append(contentsOf: $0) } }
    /// Appends a big-endian 64-bit integer.
    public mutating func u64(_ v: UInt64) { withUnsafeBytes(of: v.bigEndian) { bytes.append(contentsOf: $0) } }
    /// Appends a UTF-8 string preceded by its byte length as a big-endian 16-bit integer.
    public mutating func string16(_ s: String) {
        let utf8 = Array(s.utf8.prefix(Int(UInt16.max)))
        u16(UInt16(utf8.count)); append(utf8)
    }
}

/// Reads big-endian integers and fixed-size fields, failing with `CryptoError.malformed` when data runs out.
public struct ByteReader: Sendable {
    private let bytes: [UInt8]
    /// Offset of the next byte to read.
    public private(set) var offset: Int

    /// Reads `bytes` from `offset`.
    public init(_ bytes: [UInt8], offset: Int = 0) { self.bytes = bytes; self.offset = offset }

    /// Bytes left to read.
    public var remaining: Int { bytes.count - offset }

    /// Reads `count` bytes.
    public mutating func take(_ count: Int, _ what: String) throws -> [UInt8] {
        guard count >= 0, remaining >= count else { throw CryptoError.malformed("\(what) is cut short") }
        defer { offset += count }
        return Array(bytes[offset..<offset + count])
    }
    /// Moves past `count` bytes.
    public mutating func skip(_ count: Int, _ what: String) throws {
        guard count >= 0, remaining >= count else { throw CryptoError.malformed("\(what) is cut short") }
        offset += count
    }
    /// Reads one byte.
    public mutating func u8(_ what: String) throws -> UInt8 { try take(1, what)[0] }
    /// Reads a big-endian 16-bit integer.
    public mutating func u16(_ what: String) throws -> UInt16 { try take(2, what).reduce(0) { $0 << 8 | UInt16($1) } }
    /// Reads a big-endian 32-bit integer.
    public mutating func u32(_ what: String) throws -> UInt32 { try take(4, what).reduce(0) { $0 << 8 | UInt32($1) } }
    /// Reads a big-endian 64-bit integer.
    public mutating func u64(_ what: String) throws -> UInt64 { try take(8, what).reduce(0) { $0 << 8 | UInt64($1) } }
    /// Reads a string written by `ByteWriter.string16`, rejecting invalid UTF-8.
    public mutating func string16(_ what: String) throws -> String {
        let n = Int(try u16(what))
        let raw = try take(n, what)
        guard let s = String(validating: raw, as: UTF8.self) else { throw CryptoError.malformed("\(what) is not valid UTF-8") }
        return s
    }
    /// Checks a magic and a version byte, naming the expected kind of object in the error.
    public mutating func expectMagic(_ magic: [UInt8], version: UInt8, kind: String) throws {
        guard remaining >= magic.count, Array(bytes[offset..<offset + magic.count]) == magic else {
            throw CryptoError.wrongKind(expected: kind)
        }
        offset += magic.count
        let v = try u8("\(kind) version")
        guard v == version else { throw CryptoError.unsupportedVersion(Int(v)) }
    }
}

/// Upper-case hexadecimal helpers.
public enum Hex {
    /// Lower-case hexadecimal of `bytes`.
    public static func encode<C: Collection>(_ bytes: C) -> String where C.Element == UInt8 {
        func digit(_ nibble: UInt8) -> UInt8 { nibble < 10 ? 0x30 + nibble : 0x57 + nibble }
        return String(unsafeUninitializedCapacity: bytes.count * 2) { out in
            for (index, byte) in bytes.enumerated() {
                out[2 * index] = digit(byte >> 4)
                out[2 * index + 1] = digit(byte & 15)
            }
            return bytes.count * 2
        }
    }
    /// Bytes of a hexadecimal string, or nil when it is not hexadecimal.
    public static func decode(_ s: String) -> [UInt8]? {
        let u = Array(s.utf8)
        guard u.count % 2 == 0 else { return nil }
        func nibble(_ c: UInt8) -> UInt8? {
            switch c { case 48...57: return c - 48; case 97...102: return c - 87; case 65...70: return c - 55; default: return nil }
        }
        var out = [UInt8](); out.reserveCapacity(u.count / 2)
        var i = 0
        while i < u.count {
            guard let h = nibble(u[i]), let l = nibble(u[i + 1]) else { return nil }
            out.append(h << 4 | l); i += 2
        }
        return out
    }
}
