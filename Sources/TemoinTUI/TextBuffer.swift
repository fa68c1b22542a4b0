import TemoinTerminal

/// Editable text as grapheme clusters with a cursor: the part the line and area editors share.
///
/// The cursor is an offset in `Character`s (0…count). Inserting a lone combining mark joins it
/// to the character before, as the terminal shows it.
struct TextBuffer: Hashable, Sendable {
    /// The characters of the text.
    private(set) var characters: [Character]
    /// The cursor, 0…`characters.count`.
    private(set) var cursor: Int

    /// Creates a buffer holding `text`, the cursor at its end.
    init(_ text: String = "") {
        characters = Array(text)
        cursor = characters.count
    }

    /// The text.
    var text: String { String(characters) }

    /// Whether there is no text.
    var isEmpty: Bool { characters.isEmpty }

    /// Inserts `text` at the cursor and moves the cursor after it.
    mutating func insert(_ text: String) {
        guard !text.isEmpty else { return }
        // Only the characters touching the cursor can join the inserted text (a combining mark, CR LF):
        // re-segment that window, not the whole text, so typing stays fast in a long account.
        let lower = max(0, cursor - 1), upper = min(characters.count, cursor + 1)
        let before = String(characters[lower..<cursor]) + text
        let joined = Array(before + String(characters[cursor..<upper]))
        characters.replaceSubrange(lower..<upper, with: joined)
        cursor = min(characters.count, lower + before.count)
    }

    /// Deletes the character before the cursor.
    mutating func backspace() {
        guard cursor > 0 else { return }
        characters.remove(at: cursor - 1)
        cursor -= 1
    }

    /// Deletes the character under the cursor.
    mutating func deleteForward() {
        guard cursor < characters.count else { return }
        characters.remove(at: cursor)
    }

    /// Moves the cursor one character left.
    mutating func left() { cursor = max(0, cursor - 1) }

    /// Moves the cursor one character right.
    mutating func right() { cursor = min(characters.count, cursor + 1) }

    /// Puts the cursor at `offset`, clamped to the text.
    mutating func move(to offset: Int) { cursor = min(max(0, offset), characters.count) }

    /// Deletes from the cursor to `end` (Ctrl-K).
    mutating func delete(to end: Int) {
        let end = min(max(cursor, end), characters.count)
        characters.removeSubrange(cursor..<end)
    }

    /// Deletes from `start` to the cursor (Ctrl-U).
    mutating func delete(from start: Int) {
        let start = max(0, min(start, cursor))
        characters.removeSubrange(start..<cursor)
        cursor = start
    }

    /// Deletes the word before the cursor, and the spaces after it (Ctrl-W).
    mutating func deleteWordBackward() {
        var start = cursor
        while start > 0, characters[start - 1].isWhitespace, characters[start - 1] != "\n" { start -= 1 }
        while start > 0, !characters[start - 1].isWhitespace { start -= 1 }
        delete(from: start)
    }

    /// The offset of the start of the paragraph holding the cursor (after the previous newline).
    var paragraphStart: Int {
        var index = cursor
        while index > 0, characters[index - 1] != "\n" { index -= 1 }
        return index
    }

    /// The offset of the end of the paragraph holding the cursor (at the next newline or the end).
    var paragraphEnd: Int {
        var index = cursor
        while index < characters.count, characters[index] != "\n" { index += 1 }
        return index
    }

    /// Replaces the whole text, the cursor at its end (for completion).
    mutating func replace(with text: String) {
        characters = Array(text)
        cursor = characters.count
    }

    /// Overwrites and empties the buffer (for passphrases).
    mutating func wipe() {
        for index in characters.indices { characters[index] = " " }
        characters.removeAll()
        cursor = 0
    }
}
