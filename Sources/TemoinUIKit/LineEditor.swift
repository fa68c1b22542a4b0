import TemoinTerminal

/// A one-line text field: editing keys, horizontal scrolling in display columns. (Passphrases have their
/// own field, `PassphraseEditor`, in guarded memory.)
public struct LineEditor: TextEditor, Hashable, Sendable {
    /// The text and cursor.
    public var buffer: TextBuffer

    /// Creates an editor of `buffer`.
    public init(buffer: TextBuffer) {
        self.buffer = buffer
    }

    /// Applies an editing key: characters, paste (newlines become spaces), arrows, Home/End,
    /// Backspace/Delete, Ctrl-A/E/K/U/W (and Ctrl-B/F/D/H as in readline).
    public mutating func handle(_ key: Key) -> EditOutcome {
        let changed: Bool
        switch key {
        case let .paste(text): changed = buffer.insert(Self.oneLine(text))
        case .home, .control("a"): buffer.move(to: 0); return .moved
        case .end, .control("e"): buffer.move(to: buffer.characters.count); return .moved
        case .control("k"): changed = buffer.delete(to: buffer.characters.count)
        case .control("u"): changed = buffer.delete(from: 0)
        default: return handleCommonKey(key) ?? .ignored
        }
        return changed ? .changed : .moved
    }

    /// Draws the field in `width` columns at `origin`, scrolled so that the cursor shows;
    /// returns the cursor position on screen.
    public func draw(into frame: inout Frame, at origin: Position, width: Int, style: Style) -> Position {
        let width = max(1, width)
        let shown = buffer.characters
        let cursorColumn = DisplayWidth.of(String(shown[..<buffer.cursor]))
        // Scroll so that the cursor cell stays inside the field (one column kept for it at the end).
        var start = 0
        var skipped = 0
        while cursorColumn - skipped > width - 1, start < shown.count {
            skipped += DisplayWidth.of(shown[start])
            start += 1
        }
        frame.put(String(repeating: " ", count: width), at: origin, style: style)
        frame.put(String(shown[start...]), at: origin, style: style, maxWidth: width)
        return Position(column: origin.column + min(width - 1, cursorColumn - skipped), row: origin.row)
    }

    /// A paste made one line: line breaks and tabs become spaces.
    public static func oneLine(_ text: String) -> String {
        String(text.map { $0 == "\n" || $0 == "\r\n" || $0 == "\r" || $0 == "\t" ? " " : $0 })
    }
}
