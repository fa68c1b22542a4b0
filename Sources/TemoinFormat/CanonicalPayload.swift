import Foundation

/// A payload in the exact form the desk writes it — compact JSON, keys sorted, field ids of
/// `[a-z0-9_]`, integers plain, strings with only the escapes `JSONLineWriter` writes — located as
/// byte ranges, so that its JSON Lines line can be copied from it rather than decoded and re-encoded.
///
/// A copied line is then byte for byte the line of the decoded payload. Any other payload (another
/// writer's spacing, order or escapes, a value of another type, invalid UTF-8) is not recognised:
/// the caller decodes it, which gives the same line or the error.
public struct CanonicalPayload {
    /// The `answers` object, and each string value with its quotes, as ranges of the payload.
    public let answers, desk, formID, formVersion, receipt, record, sealedAt: Range<Int>

    /// Locates the parts of `payload`; nil when it is not in the canonical form of a version 1 `temoin-record`.
    public init?(_ payload: UnsafeRawBufferPointer) {
        var s = CanonicalScanner(payload)
        guard s.literal("{\"answers\":"), let answers = s.answers(),
              s.literal(",\"desk\":"), let desk = s.string(),
              s.literal(",\"form\":{\"id\":"), let formID = s.string(),
              s.literal(",\"version\":"), let formVersion = s.integer(),
              s.literal("},\"format\":\"temoin-record\",\"receipt\":"), let receipt = s.string(),
              s.literal(",\"record\":"), let record = s.string(),
              s.literal(",\"sealed_at\":"), let sealedAt = s.string(),
              s.literal(",\"version\":1}"), s.atEnd else { return nil }
        (self.answers, self.desk, self.formID, self.formVersion) = (answers, desk, formID, formVersion)
        (self.receipt, self.record, self.sealedAt) = (receipt, record, sealedAt)
    }
}

/// Reads canonical JSON tokens from a buffer, moving past what it recognises.
private struct CanonicalScanner {
    private let bytes: UnsafeRawBufferPointer
    private var offset = 0

    init(_ bytes: UnsafeRawBufferPointer) { self.bytes = bytes }

    var atEnd: Bool { offset == bytes.count }

    private var next: UInt8? { offset < bytes.count ? bytes[offset] : nil }

    /// Takes `text` if it comes next.
    ///
    /// Inlined, a one-byte literal (`:`, `,`, `"`…, a hundred per payload) is one comparison, not a call to `memcmp`.
    @inline(__always)
    mutating func literal(_ text: StaticString) -> Bool {
        let count = text.utf8CodeUnitCount
        if count == 1 {
            guard offset < bytes.count, bytes[offset] == text.utf8Start.pointee else { return false }
            offset += 1
            return true
        }
        guard bytes.count - offset >= count, memcmp(bytes.baseAddress! + offset, text.utf8Start, count) == 0 else { return false }
        offset += count
        return true
    }

    /// `{}` or `{"id":value,…}` with ids of `[a-z0-9_]` in increasing order, each value a string, an
    /// integer or an array of strings.
    mutating func answers() -> Range<Int>? {
        let start = offset
        guard literal("{") else { return nil }
        if literal("}") { return start..<offset }
        var previous: Range<Int>?
        repeat {
            guard let id = fieldID(), previous.map({ isIncreasing($0, id) }) ?? true, literal(":"), answer() else { return nil }
            previous = id
        } while literal(",")
        return literal("}") ? start..<offset : nil
    }

    private mutating func answer() -> Bool {
        switch next {
        case UInt8(ascii: "\""): return string() != nil
        case UInt8(ascii: "["):
            offset += 1
            if literal("]") { return true }
            repeat { guard string() != nil else { return false } } while literal(",")
            return literal("]")
        default: return integer() != nil
        }
    }

    /// A quoted field id of `[a-z0-9_]`, without its quotes.
    private mutating func fieldID() -> Range<Int>? {
        guard literal("\"") else { return nil }
        let start = offset
        // Every answer's id goes through here (a quarter of the scan, byte by byte): 8 bytes at a time to the
        // first byte that is not of `[a-z0-9_]`, then the bytes left at the end of the payload one by one.
        while offset + 8 <= bytes.count {
            let word = bytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
            let outside = ~Self.fieldIDBytes(word) & Self.highs
            guard outside == 0 else {
                offset += outside.littleEndian.trailingZeroBitCount / 8
                break
            }
            offset += 8
        }
        while offset < bytes.count {
            let byte = bytes[offset]
            guard byte &- 0x61 < 26 || byte &- 0x30 < 10 || byte == UInt8(ascii: "_") else { break }
            offset += 1
        }
        guard offset > start, literal("\"") else { return nil }
        return start..<offset - 1
    }

    private static let ones: UInt64 = 0x0101_0101_0101_0101, highs: UInt64 = 0x8080_8080_8080_8080

    /// The high bit of each byte of `word` set when that byte is at least `n` (n ≤ 0x80), for bytes under
    /// 0x80. Exact in every byte: each is 0x80 or more before the subtraction, so none borrows from the next.
    @inline(__always)
    private static func atLeast(_ n: UInt64, _ word: UInt64) -> UInt64 { ((word | highs) &- ones &* n) & highs }

    /// The high bit of each byte of `word` set exactly when that byte is one of `[a-z0-9_]`.
    @inline(__always)
    private static func fieldIDBytes(_ word: UInt64) -> UInt64 {
        let letter = atLeast(0x61, word) & ~atLeast(0x7B, word), digit = atLeast(0x30, word) & ~atLeast(0x3A, word)
        let underscore = atLeast(0x5F, word) & ~atLeast(0x60, word)
        return (letter | digit | underscore) & ~word & highs
    }

    /// Whether the bytes at `a` come before those at `b` (`memcmp`, then the shorter first).
    private func isIncreasing(_ a: Range<Int>, _ b: Range<Int>) -> Bool {
        guard let base = bytes.baseAddress else { return false }
        let order = memcmp(base + a.lowerBound, base + b.lowerBound, min(a.count, b.count))
        return order < 0 || (order == 0 && a.count < b.count)
    }

    /// `-?(0|[1-9][0-9]*)` with at most 18 digits (it fits an `Int`), not followed by a fraction or exponent.
    mutating func integer() -> Range<Int>? {
        let start = offset
        let negative = literal("-")
        let digits = offset
        while let byte = next, (0x30...0x39).contains(byte) { offset += 1 }
        let count = offset - digits
        guard count > 0, count <= 18, bytes[digits] != 0x30 || (count == 1 && !negative) else { return nil }
        guard next != UInt8(ascii: "."), next != UInt8(ascii: "e"), next != UInt8(ascii: "E") else { return nil }
        return start..<offset
    }

    /// A string with its quotes: valid UTF-8, no raw control character, only the escapes the line writer writes.
    mutating func string() -> Range<Int>? {
        let start = offset
        guard literal("\"") else { return nil }
        while true {
            skipPlainWords()
            guard let byte = next else { return nil }
            switch byte {
            case UInt8(ascii: "\""):
                offset += 1
                return start..<offset
            case UInt8(ascii: "\\"): guard escape() else { return nil }
            case 0..<0x20: return nil
            case 0x20..<0x80: offset += 1
            default: guard utf8Sequence() else { return nil }
            }
        }
    }

    /// Moves past plain ASCII — no control character, quote, backslash or byte over 0x7F — 8 bytes at a
    /// time, to the first byte that is not: most of an account is plain.
    private mutating func skipPlainWords() {
        let ones = Self.ones, highs = Self.highs
        /// High bit set in some byte exactly when a byte of `word` is below `n` (n ≤ 0x80).
        func below(_ n: UInt64, _ word: UInt64) -> UInt64 { (word &- ones &* n) & ~word }
        while offset + 8 <= bytes.count {
            let word = bytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
            let special = (word | below(0x20, word) | below(1, word ^ (ones &* 0x22)) | below(1, word ^ (ones &* 0x5C))) & highs
            // The lowest byte flagged is the first special one (a borrow only flags bytes above it): go to it.
            guard special == 0 else { return offset += special.littleEndian.trailingZeroBitCount / 8 }
            offset += 8
        }
    }

    /// `\"`, `\\`, `\n`, `\r`, `\t`, `\b`, `\f`, or `\u00xx` (lower-case hex) for another control character.
    private mutating func escape() -> Bool {
        guard offset + 1 < bytes.count else { return false }
        switch bytes[offset + 1] {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"), UInt8(ascii: "b"), UInt8(ascii: "f"):
            offset += 2
            return true
        case UInt8(ascii: "u"):
            guard offset + 6 <= bytes.count, bytes[offset + 2] == 0x30, bytes[offset + 3] == 0x30,
                  let high = Self.lowerHex(bytes[offset + 4]), let low = Self.lowerHex(bytes[offset + 5]) else { return false }
            let value = high << 4 | low
            guard value < 0x20, ![0x08, 0x09, 0x0A, 0x0C, 0x0D].contains(value) else { return false }
            offset += 6
            return true
        default: return false
        }
    }

    private static func lowerHex(_ byte: UInt8) -> UInt8? {
        switch byte {
        case 0x30...0x39: byte - 0x30
        case 0x61...0x66: byte - 0x61 + 10
        default: nil
        }
    }

    /// One well-formed multi-byte UTF-8 sequence (no overlong form, no surrogate, at most U+10FFFF).
    private mutating func utf8Sequence() -> Bool {
        let lead = bytes[offset]
        let length: Int, second: ClosedRange<UInt8>
        switch lead {
        case 0xC2...0xDF: (length, second) = (2, 0x80...0xBF)
        case 0xE0: (length, second) = (3, 0xA0...0xBF)
        case 0xE1...0xEC, 0xEE...0xEF: (length, second) = (3, 0x80...0xBF)
        case 0xED: (length, second) = (3, 0x80...0x9F)
        case 0xF0: (length, second) = (4, 0x90...0xBF)
        case 0xF1...0xF3: (length, second) = (4, 0x80...0xBF)
        case 0xF4: (length, second) = (4, 0x80...0x8F)
        default: return false
        }
        guard offset + length <= bytes.count, second.contains(bytes[offset + 1]) else { return false }
        for index in offset + 2..<offset + length where !(0x80...0xBF).contains(bytes[index]) { return false }
        offset += length
        return true
    }
}
