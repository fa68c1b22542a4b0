import TemoinCrypto
import TemoinTerminal

/// A masked one-line field for a passphrase, whose bytes live in guarded memory (`SecretBytes`) from the
/// key press on: never in a `String`, an array or a `TextBuffer`, so nothing of a passphrase is left
/// behind in ordinary memory when the field is handed over or dropped.
///
/// Editing is what a passphrase prompt needs, with the cursor always at the end: typing and pasting
/// append, Backspace removes the last character, Ctrl-W the last word, Ctrl-U everything. It holds at
/// most `capacity` bytes of UTF-8, as the command line's prompt does; keys beyond are refused.
///
/// A value type like `LineEditor`: a copy of a screen's state never sees the edits of another (the
/// guarded bytes are copied before a shared buffer is written).
public struct PassphraseEditor: Hashable, Sendable {
    /// The most bytes of UTF-8 a passphrase may take, as for `--passphrase-file` and the command line's prompt.
    public static let capacity = 1024

    /// The typed bytes, then zeroes up to `capacity` (kept zero, so that two fields compare as wholes).
    private var storage = SecretBytes(count: capacity)
    /// How many bytes are typed.
    private var length = 0
    /// How many characters (Unicode scalars) are typed: the number of `•` shown, and what the
    /// passphrase minimums count.
    public private(set) var characterCount = 0

    /// Creates an empty field.
    public init() {}

    /// Whether nothing is typed.
    public var isEmpty: Bool { length == 0 }

    /// Applies an editing key (`EditOutcome.ignored` for any other key, which the caller may use).
    public mutating func handle(_ key: Key) -> EditOutcome {
        switch key {
        case let .character(character): return append(character.unicodeScalars)
        case let .paste(text): return append(LineEditor.oneLine(text).unicodeScalars)
        case .backspace, .control("h"): return removeLast()
        case .control("w"): return removeLastWord()
        case .control("u"):
            guard !isEmpty else { return .moved }
            clear()
            return .changed
        case .left, .right, .home, .end, .delete, .control("a"), .control("b"), .control("d"), .control("e"),
             .control("f"), .control("k"):
            return .moved
        default: return .ignored
        }
    }

    /// Hands the passphrase over in a guarded buffer of its own, and empties the field.
    public mutating func take() -> SecretBytes {
        let secret = storage.slice(0, length)
        clear()
        return secret
    }

    /// Whether `other` holds the same passphrase (compared in constant time).
    public func matches(_ other: PassphraseEditor) -> Bool {
        length == other.length && storage.isEqual(to: other.storage)
    }

    /// Empties the field, zeroing its bytes.
    public mutating func clear() {
        makeUnique()
        storage.withUnsafeMutableBytes { [length] bytes in
            for index in 0..<length { bytes[index] = 0 }
        }
        length = 0
        characterCount = 0
    }

    /// Draws one `•` per character in `width` columns at `origin` (the latest ones when they do not fit);
    /// returns the cursor position, after the last.
    public func draw(into frame: inout Frame, at origin: Position, width: Int, style: Style) -> Position {
        let width = max(1, width)
        let shown = min(characterCount, width - 1)
        frame.put(String(repeating: " ", count: width), at: origin, style: style)
        frame.put(String(repeating: "•", count: shown), at: origin, style: style, maxWidth: width)
        return Position(column: origin.column + shown, row: origin.row)
    }

    /// Same characters typed; the bytes are not hashed.
    public static func == (lhs: PassphraseEditor, rhs: PassphraseEditor) -> Bool { lhs.matches(rhs) }

    /// Hashes the length only: the bytes stay out of any hash table.
    public func hash(into hasher: inout Hasher) { hasher.combine(length) }

    private mutating func append(_ scalars: some Sequence<Unicode.Scalar>) -> EditOutcome {
        var changed = false
        for scalar in scalars {
            let encoded = scalar.utf8
            guard length + encoded.count <= Self.capacity else { break }
            makeUnique()
            storage.withUnsafeMutableBytes { [length] bytes in
                for (offset, byte) in encoded.enumerated() { bytes[length + offset] = byte }
            }
            length += encoded.count
            characterCount += 1
            changed = true
        }
        return changed ? .changed : .moved
    }

    /// Removes the last character (its first byte and the continuation bytes, 10xxxxxx, after it).
    private mutating func removeLast() -> EditOutcome {
        guard !isEmpty else { return .moved }
        makeUnique()
        length = storage.withUnsafeMutableBytes { [length] bytes in
            var end = length
            var removed: UInt8
            repeat {
                end -= 1
                removed = bytes[end]
                bytes[end] = 0
            } while end > 0 && removed & 0xC0 == 0x80
            return end
        }
        characterCount -= 1
        return .changed
    }

    /// Removes the spaces before the cursor, then the word before them.
    private mutating func removeLastWord() -> EditOutcome {
        guard !isEmpty else { return .moved }
        while !isEmpty, lastByte == 0x20 { _ = removeLast() }
        while !isEmpty, lastByte != 0x20 { _ = removeLast() }
        return .changed
    }

    private var lastByte: UInt8 { storage.withUnsafeBytes { $0[length - 1] } }

    /// Copies the guarded bytes before a write when another copy of this field shares them.
    private mutating func makeUnique() {
        guard !isKnownUniquelyReferenced(&storage) else { return }
        storage = storage.slice(0, Self.capacity)
    }
}
