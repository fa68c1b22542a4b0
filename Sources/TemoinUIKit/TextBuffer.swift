import TemoinTerminal

/// Editable text as grapheme clusters with a cursor: the part the line and area editors share.
///
/// The cursor is an offset in `Character`s (0…count). Inserting a lone combining mark joins it
/// to the character before, as the terminal shows it; characters that a deletion makes neighbours
/// join the same way (two flag letters, CR and LF), so that `characters` is always what the text
/// is. The editing methods return whether the text changed, so that an editor need not compare the
/// whole text before and after a key.
public struct TextBuffer: Hashable, Sendable {
    /// The characters of the text.
    public private(set) var characters: [Character]
    /// The cursor, 0…`characters.count`.
    public private(set) var cursor: Int

    /// Creates a buffer holding `text`, the cursor at its end.
    public init(_ text: String = "") {
        characters = Array(text)
        cursor = characters.count
    }

    /// The text.
    public var text: String { String(characters) }

    /// Whether there is no text.
    public var isEmpty: Bool { characters.isEmpty }

    /// Inserts `text` at the cursor and moves the cursor after it.
    @discardableResult
    public mutating func insert(_ text: String) -> Bool {
        guard !text.isEmpty else { return false }
        // Only the characters touching the cursor can join the inserted text (a combining mark, CR LF):
        // re-segment that window, not the whole text, so typing stays fast in a long account.
        let lower = max(0, cursor - 1), upper = min(characters.count, cursor + 1)
        let before = String(characters[lower..<cursor]) + text
        let joined = Array(before + String(characters[cursor..<upper]))
        characters.replaceSubrange(lower..<upper, with: joined)
        cursor = min(characters.count, lower + before.count)
        return true
    }

    /// Deletes the character before the cursor.
    @discardableResult
    public mutating func backspace() -> Bool {
        guard cursor > 0 else { return false }
        characters.remove(at: cursor - 1)
        cursor -= 1
        rejoin(at: cursor)
        return true
    }

    /// Deletes the character under the cursor.
    @discardableResult
    public mutating func deleteForward() -> Bool {
        guard cursor < characters.count else { return false }
        characters.remove(at: cursor)
        rejoin(at: cursor)
        return true
    }

    /// Moves the cursor one character left.
    public mutating func left() { cursor = max(0, cursor - 1) }

    /// Moves the cursor one character right.
    public mutating func right() { cursor = min(characters.count, cursor + 1) }

    /// Puts the cursor at `offset`, clamped to the text.
    public mutating func move(to offset: Int) { cursor = min(max(0, offset), characters.count) }

    /// Deletes from the cursor to `end` (Ctrl-K).
    @discardableResult
    public mutating func delete(to end: Int) -> Bool {
        let end = min(max(cursor, end), characters.count)
        guard end > cursor else { return false }
        characters.removeSubrange(cursor..<end)
        rejoin(at: cursor)
        return true
    }

    /// Deletes from `start` to the cursor (Ctrl-U).
    @discardableResult
    public mutating func delete(from start: Int) -> Bool {
        let start = max(0, min(start, cursor))
        guard start < cursor else { return false }
        characters.removeSubrange(start..<cursor)
        cursor = start
        rejoin(at: cursor)
        return true
    }

    /// Re-segments the two characters on each side of `offset`, which a deletion made neighbours: if
    /// they form one character, it replaces them and the cursor stays after it.
    private mutating func rejoin(at offset: Int) {
        guard offset > 0, offset < characters.count else { return }
        let joined = Array(String(characters[offset - 1...offset]))
        guard joined.count == 1 else { return }
        characters.replaceSubrange(offset - 1...offset, with: joined)
        if cursor > offset { cursor -= 1 }
    }

    /// Deletes the word before the cursor, and the spaces after it (Ctrl-W).
    @discardableResult
    public mutating func deleteWordBackward() -> Bool {
        var start = cursor
        while start > 0, characters[start - 1].isWhitespace, !TextWrap.isNewline(characters[start - 1]) { start -= 1 }
        while start > 0, !characters[start - 1].isWhitespace { start -= 1 }
        return delete(from: start)
    }

    /// The offset of the start of the paragraph holding the cursor (after the previous newline).
    public var paragraphStart: Int {
        var index = cursor
        while index > 0, !TextWrap.isNewline(characters[index - 1]) { index -= 1 }
        return index
    }

    /// The offset of the end of the paragraph holding the cursor (at the next newline or the end).
    public var paragraphEnd: Int {
        var index = cursor
        while index < characters.count, !TextWrap.isNewline(characters[index]) { index += 1 }
        return index
    }

    /// Replaces the whole text, the cursor at its end (for completion).
    public mutating func replace(with text: String) {
        characters = Array(text)
        cursor = characters.count
    }
}

/// What a key did to an editor (`LineEditor`, `TextArea`, `PassphraseEditor`).
public enum EditOutcome: Equatable, Sendable {
    /// The text changed.
    case changed
    /// Only the cursor moved, or nothing happened.
    case moved
    /// Up on the first line of a text area: the caller may move to the previous field.
    case leftTop
    /// Down on the last line of a text area: the caller may move to the next field.
    case leftBottom
    /// The key is not an editing key; the caller may use it.
    case ignored
}

/// The line editor and the text area: a `TextBuffer` and the editing keys both read alike.
public protocol TextEditor {
    /// The text and cursor.
    var buffer: TextBuffer { get set }
    /// Creates an editor of `buffer`.
    init(buffer: TextBuffer)
}

extension TextEditor {
    /// Creates an editor holding `text`, the cursor at its end.
    public init(_ text: String = "") {
        self.init(buffer: TextBuffer(text))
    }

    /// The text typed.
    public var text: String { buffer.text }

    /// Applies a key both editors read alike: characters, Backspace, Delete, Left, Right, Ctrl-W (and
    /// Ctrl-B/F/D/H as in readline); nil for any other key.
    ///
    /// Each edit says whether it changed the text: no copy of the text to compare (a copy per key of a
    /// large paste, and an unwiped one of a passphrase).
    mutating func handleCommonKey(_ key: Key) -> EditOutcome? {
        let changed: Bool
        switch key {
        case let .character(character): changed = buffer.insert(String(character))
        case .backspace, .control("h"): changed = buffer.backspace()
        case .delete, .control("d"): changed = buffer.deleteForward()
        case .left, .control("b"): buffer.left(); return .moved
        case .right, .control("f"): buffer.right(); return .moved
        case .control("w"): changed = buffer.deleteWordBackward()
        default: return nil
        }
        return changed ? .changed : .moved
    }
}
