import TemoinTerminal

/// A multi-line text editor with word wrap (in display columns) and vertical scrolling.
///
/// Lines are wrapped by `TextWrap` at the width given to each call; the scroll position is
/// derived from the cursor, so a resize re-lays out the text without losing anything. A key or a
/// redraw wraps only the paragraphs around the cursor: a long text of many paragraphs costs little
/// more than a short one (one huge paragraph is still wrapped whole).
public struct TextArea: TextEditor, Hashable, Sendable {
    /// The text and cursor.
    public var buffer: TextBuffer

    /// Creates an editor of `buffer`.
    public init(buffer: TextBuffer) {
        self.buffer = buffer
    }

    /// Applies an editing key; `width` is the wrap width (for Up/Down and Home/End).
    public mutating func handle(_ key: Key, width: Int) -> EditOutcome {
        let changed: Bool
        switch key {
        case let .paste(text): changed = buffer.insert(text)
        case .enter: changed = buffer.insert("\n")
        case .up, .control("p"): return moveVertically(by: -1, width: width)
        case .down, .control("n"): return moveVertically(by: 1, width: width)
        case .pageUp: return moveVertically(by: -8, width: width)
        case .pageDown: return moveVertically(by: 8, width: width)
        case .home, .control("a"):
            buffer.move(to: layout(width: width).line(at: buffer.cursor).line.start)
            return .moved
        case .end, .control("e"):
            buffer.move(to: layout(width: width).line(at: buffer.cursor).lastOffset)
            return .moved
        case .control("k"):
            changed = buffer.delete(to: buffer.cursor == buffer.paragraphEnd ? buffer.cursor + 1 : buffer.paragraphEnd)
        case .control("u"): changed = buffer.delete(from: buffer.paragraphStart)
        default: return handleCommonKey(key) ?? .ignored
        }
        return changed ? .changed : .moved
    }

    /// Moves the cursor `delta` wrapped lines down (up if negative), keeping its display column.
    private mutating func moveVertically(by delta: Int, width: Int) -> EditOutcome {
        let layout = layout(width: width)
        let start = layout.line(at: buffer.cursor)
        var target = start
        var moved = 0
        while moved < abs(delta), let next = delta < 0 ? layout.line(before: target) : layout.line(after: target) {
            target = next
            moved += 1
        }
        guard moved > 0 else { return delta < 0 ? .leftTop : .leftBottom }
        let column = layout.column(of: buffer.cursor, on: start.line)
        var offset = target.line.start
        var used = 0
        while offset < target.lastOffset {
            let width = DisplayWidth.of(buffer.characters[offset])
            if used + width > column { break }
            used += width
            offset += 1
        }
        buffer.move(to: offset)
        return .moved
    }

    /// Draws `height` wrapped lines in `width` columns at `origin`, scrolled so that the cursor
    /// shows; returns the cursor position on screen and whether text lies above or below.
    ///
    /// The cursor's line is on the last row, unless the text starts fewer than `height` lines above it.
    public func draw(into frame: inout Frame, at origin: Position, width: Int, height: Int, style: Style)
        -> (cursor: Position, above: Bool, below: Bool)
    {
        let layout = layout(width: width)
        let height = max(1, height)
        let cursorLine = layout.line(at: buffer.cursor)
        var shown = [cursorLine]
        while shown.count < height, let previous = layout.line(before: shown[0]) {
            shown.insert(previous, at: 0)
        }
        let cursorRow = shown.count - 1
        while shown.count < height, let next = layout.line(after: shown[shown.count - 1]) {
            shown.append(next)
        }
        for row in 0..<height {
            let position = Position(column: origin.column, row: origin.row + row)
            frame.put(String(repeating: " ", count: width), at: position, style: style)
            guard row < shown.count else { continue }
            let line = shown[row].line
            frame.put(String(buffer.characters[line.start..<line.end]), at: position, style: style, maxWidth: width)
        }
        let column = layout.column(of: buffer.cursor, on: cursorLine.line)
        let cursor = Position(column: origin.column + min(column, width - 1), row: origin.row + cursorRow)
        return (cursor, !layout.isFirst(shown[0]), !layout.isLast(shown[shown.count - 1]))
    }

    /// The text laid out at `width` columns.
    private func layout(width: Int) -> Layout {
        Layout(characters: buffer.characters, width: max(1, width))
    }
}

extension TextArea {
    /// One wrapped line: the character offsets it shows, spaces at a soft break included.
    private struct Line {
        var start: Int
        var end: Int
    }

    /// A paragraph (the text between two newlines, as `TextWrap` reads them) wrapped at one width.
    private struct Paragraph {
        /// Its character offsets, the newline that ends it excluded.
        var range: Range<Int>
        /// Its wrapped lines, in offsets of the whole text; at least one.
        var lines: [Line]
    }

    /// A wrapped line in its paragraph.
    private struct LinePosition {
        /// The paragraph holding the line.
        var paragraph: Paragraph
        /// The index of the line in `paragraph.lines`.
        var index: Int

        /// The line.
        var line: Line { paragraph.lines[index] }

        /// The last cursor offset on the line: before the space of a soft break, so that the
        /// cursor does not jump to the start of the next line.
        var lastOffset: Int {
            let isSoftBreak = index + 1 < paragraph.lines.count
            return isSoftBreak ? max(line.start, line.end - 1) : line.end
        }
    }

    /// The text laid out at one width, a paragraph at a time as lines are asked for: only the
    /// paragraphs around the cursor are ever wrapped.
    private struct Layout {
        /// The characters of the text.
        let characters: [Character]
        /// The wrap width, at least 1.
        let width: Int

        /// The wrapped line holding the cursor offset `offset` (at a soft break, the next line).
        func line(at offset: Int) -> LinePosition {
            let paragraph = paragraph(at: offset)
            let index = paragraph.lines.lastIndex { $0.start <= offset } ?? 0
            return LinePosition(paragraph: paragraph, index: index)
        }

        /// The line before `position`, in the previous paragraph if needed; nil on the first line.
        func line(before position: LinePosition) -> LinePosition? {
            if position.index > 0 { return LinePosition(paragraph: position.paragraph, index: position.index - 1) }
            guard !isFirst(position) else { return nil }
            let previous = paragraph(at: position.paragraph.range.lowerBound - 1)
            return LinePosition(paragraph: previous, index: previous.lines.count - 1)
        }

        /// The line after `position`, in the next paragraph if needed; nil on the last line.
        func line(after position: LinePosition) -> LinePosition? {
            if position.index + 1 < position.paragraph.lines.count {
                return LinePosition(paragraph: position.paragraph, index: position.index + 1)
            }
            guard !isLast(position) else { return nil }
            return LinePosition(paragraph: paragraph(at: position.paragraph.range.upperBound + 1), index: 0)
        }

        /// Whether `position` is the first line of the text.
        func isFirst(_ position: LinePosition) -> Bool {
            position.index == 0 && position.paragraph.range.lowerBound == 0
        }

        /// Whether `position` is the last line of the text.
        func isLast(_ position: LinePosition) -> Bool {
            position.index == position.paragraph.lines.count - 1 && position.paragraph.range.upperBound == characters.count
        }

        /// The display column of the cursor offset `offset` on `line`.
        func column(of offset: Int, on line: Line) -> Int {
            DisplayWidth.of(String(characters[line.start..<offset]))
        }

        /// The paragraph holding `offset`, wrapped; an offset at a newline belongs to the paragraph it ends.
        private func paragraph(at offset: Int) -> Paragraph {
            var start = offset
            while start > 0, !TextWrap.isNewline(characters[start - 1]) { start -= 1 }
            var end = offset
            while end < characters.count, !TextWrap.isNewline(characters[end]) { end += 1 }
            // A paragraph has no newline, so its wrapped lines follow one another without a gap.
            let text = String(characters[start..<end])
            var lineStart = start
            let lines = TextWrap.lineRanges(text, width: width).map { range in
                let line = Line(start: lineStart, end: lineStart + text.distance(from: range.lowerBound, to: range.upperBound))
                lineStart = line.end
                return line
            }
            return Paragraph(range: start..<end, lines: lines)
        }
    }
}
