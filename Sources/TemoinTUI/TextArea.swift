import TemoinTerminal

/// A multi-line text editor with word wrap (in display columns) and vertical scrolling.
///
/// Lines are wrapped by `TextWrap` at the width given to each call; the scroll position is
/// derived from the cursor, so a resize re-lays out the text without losing anything.
struct TextArea: Hashable, Sendable {
    /// The text and cursor.
    var buffer: TextBuffer

    /// Creates an editor holding `text`, the cursor at its end.
    init(_ text: String = "") {
        buffer = TextBuffer(text)
    }

    /// The text typed.
    var text: String { buffer.text }

    /// What a key did.
    enum Outcome: Equatable {
        /// The text changed.
        case changed
        /// Only the cursor moved, or nothing happened.
        case moved
        /// Up on the first line: the caller may move to the previous field.
        case leftTop
        /// Down on the last line: the caller may move to the next field.
        case leftBottom
        /// Not an editing key.
        case ignored
    }

    /// One wrapped line: the character offsets it shows, spaces at a soft break included.
    struct Line: Hashable {
        var start: Int
        var end: Int
    }

    /// The wrapped lines of the text at `width` columns.
    func lines(width: Int) -> [Line] {
        let text = buffer.text
        var result: [Line] = []
        var offset = 0
        var index = text.startIndex
        for range in TextWrap.lineRanges(text, width: max(1, width)) {
            offset += text.distance(from: index, to: range.lowerBound)
            let start = offset
            offset += text.distance(from: range.lowerBound, to: range.upperBound)
            index = range.upperBound
            result.append(Line(start: start, end: offset))
        }
        return result.isEmpty ? [Line(start: 0, end: 0)] : result
    }

    /// The line (index) and display column of the cursor at `width`.
    func cursorLocation(in lines: [Line]) -> (line: Int, column: Int) {
        let cursor = buffer.cursor
        let line = lines.lastIndex { $0.start <= cursor } ?? 0
        let column = DisplayWidth.of(String(buffer.characters[lines[line].start..<cursor]))
        return (line, column)
    }

    /// Applies an editing key; `width` is the wrap width (for Up/Down and Home/End).
    mutating func handle(_ key: Key, width: Int) -> Outcome {
        let before = buffer.characters
        switch key {
        case let .character(character): buffer.insert(String(character))
        case let .paste(text): buffer.insert(text)
        case .enter: buffer.insert("\n")
        case .backspace, .control("h"): buffer.backspace()
        case .delete, .control("d"): buffer.deleteForward()
        case .left, .control("b"): buffer.left(); return .moved
        case .right, .control("f"): buffer.right(); return .moved
        case .up, .control("p"): return moveVertically(by: -1, width: width)
        case .down, .control("n"): return moveVertically(by: 1, width: width)
        case .pageUp: return moveVertically(by: -8, width: width)
        case .pageDown: return moveVertically(by: 8, width: width)
        case .home, .control("a"):
            let lines = lines(width: width)
            buffer.move(to: lines[cursorLocation(in: lines).line].start)
            return .moved
        case .end, .control("e"):
            let lines = lines(width: width)
            buffer.move(to: Self.lastOffset(of: cursorLocation(in: lines).line, in: lines))
            return .moved
        case .control("k"):
            buffer.delete(to: buffer.cursor == buffer.paragraphEnd ? buffer.cursor + 1 : buffer.paragraphEnd)
        case .control("u"): buffer.delete(from: buffer.paragraphStart)
        case .control("w"): buffer.deleteWordBackward()
        default: return .ignored
        }
        return buffer.characters == before ? .moved : .changed
    }

    private mutating func moveVertically(by delta: Int, width: Int) -> Outcome {
        let lines = lines(width: width)
        let (line, column) = cursorLocation(in: lines)
        let target = line + delta
        if target < 0 { return line == 0 ? .leftTop : move(toLine: 0, column: column, lines) }
        if target >= lines.count { return line == lines.count - 1 ? .leftBottom : move(toLine: lines.count - 1, column: column, lines) }
        return move(toLine: target, column: column, lines)
    }

    private mutating func move(toLine index: Int, column: Int, _ lines: [Line]) -> Outcome {
        let line = lines[index]
        let last = Self.lastOffset(of: index, in: lines)
        var offset = line.start
        var used = 0
        while offset < last {
            let width = DisplayWidth.of(buffer.characters[offset])
            if used + width > column { break }
            used += width
            offset += 1
        }
        buffer.move(to: offset)
        return .moved
    }

    /// The last cursor offset on line `index`: before the space of a soft break, so that the
    /// cursor does not jump to the start of the next line.
    static func lastOffset(of index: Int, in lines: [Line]) -> Int {
        let line = lines[index]
        let isSoftBreak = index + 1 < lines.count && lines[index + 1].start == line.end
        return isSoftBreak ? max(line.start, line.end - 1) : line.end
    }

    /// Draws `height` wrapped lines in `width` columns at `origin`, scrolled so that the cursor
    /// shows; returns the cursor position on screen and whether text lies above or below.
    func draw(into frame: inout Frame, at origin: Position, width: Int, height: Int, style: Style)
        -> (cursor: Position, above: Bool, below: Bool)
    {
        let lines = lines(width: width)
        let (line, column) = cursorLocation(in: lines)
        let height = max(1, height)
        let top = max(0, line - height + 1)
        for row in 0..<height {
            let position = Position(column: origin.column, row: origin.row + row)
            frame.put(String(repeating: " ", count: width), at: position, style: style)
            let index = top + row
            guard index < lines.count else { continue }
            let shown = String(buffer.characters[lines[index].start..<lines[index].end])
            frame.put(shown, at: position, style: style, maxWidth: width)
        }
        let cursor = Position(column: origin.column + min(column, width - 1), row: origin.row + line - top)
        return (cursor, top > 0, top + height < lines.count)
    }
}
