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
    public mutating func u8(_ what: @autoclosure () -> String) throws -> UInt8 { try bigEndian(UInt8.self, what) }
    /// Reads a big-endian 16-bit integer.
    public mutating func u16(_ what: @autoclosure () -> String) throws -> UInt16 { try bigEndian(UInt16.self, what) }
    /// Reads a big-endian 32-bit integer.
    public mutating func u32(_ what: @autoclosure () -> String) throws -> UInt32 { try bigEndian(UInt32.self, what) }
    /// Reads a big-endian 64-bit integer.
    public mutating func u64(_ what: @autoclosure () -> String) throws -> UInt64 { try bigEndian(UInt64.self, what) }

    /// Reads an integer in place, without copying its bytes out: envelopes are parsed by the hundred thousand.
    private mutating func bigEndian<T: FixedWidthInteger & UnsignedInteger>(_: T.Type, _ what: () -> String) throws -> T {
        let size = MemoryLayout<T>.size
        guard remaining >= size else { throw CryptoError.malformed("\(what()) is cut short") }
        defer { offset += size }
        return bytes.withUnsafeBufferPointer { buffer in buffer[offset..<offset + size].reduce(0) { $0 << 8 | T($1) } }
    }
    /// Reads a string written by `ByteWriter.string16`, rejecting invalid UTF-8.
    public mutating func string16(_ what: String) throws -> String {
        let n = Int(try u16(what))
        let raw = try take(n, what)
        guard let s = String(validating: raw, as: UTF8.self) else { throw CryptoError.malformed("\(what) is not valid UTF-8") }
        return s
    }
    /// Checks a magic and a version byte, naming the expected kind of object in the error.
    public mutating func expectMagic(_ magic: [UInt8], version: UInt8, kind: ObjectKind) throws {
        guard remaining >= magic.count, bytes.withUnsafeBufferPointer({ $0[offset..<offset + magic.count].elementsEqual(magic) }) else {
            throw CryptoError.wrongKind(expected: kind)
        }
        offset += magic.count
        let v = try u8("\(kind.name(in: .en)) version")
        guard v == version else { throw CryptoError.unsupportedVersion(Int(v)) }
    }
}

/// Lower-case hexadecimal helpers.
public enum Hex {
    /// Lower-case hexadecimal of `bytes`. Inlinable, so that it is specialised where it is called: the
    /// generic version looks up type metadata for every byte, which costs more than a record's AEAD check.
    @inlinable
    public static func encode<C: Collection>(_ bytes: C) -> String where C.Element == UInt8 {
        String(unsafeUninitializedCapacity: bytes.count * 2) { out in
            var index = 0
            for byte in bytes {
                out[index] = digit(byte >> 4)
                out[index + 1] = digit(byte & 15)
                index += 2
            }
            return index
        }
    }

    /// Whether `text` is the lower-case hexadecimal of `bytes`, as ASCII (compared without building it).
    public static func spells(_ bytes: [UInt8], _ text: UnsafeRawBufferPointer) -> Bool {
        guard text.count == 2 * bytes.count else { return false }
        for (index, byte) in bytes.enumerated() where text[2 * index] != digit(byte >> 4) || text[2 * index + 1] != digit(byte & 15) {
            return false
        }
        return true
    }

    /// The lower-case hexadecimal digit of `nibble` (0…15), as ASCII.
    @inlinable
    static func digit(_ nibble: UInt8) -> UInt8 { nibble < 10 ? 0x30 + nibble : 0x57 + nibble }

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
