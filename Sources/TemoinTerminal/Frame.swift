/// A screenful of cells: what a screen's `view(size)` returns and a `Terminal` draws.
///
/// Text is placed by grapheme cluster and measured in display columns: a wide
/// character takes two cells (the right one is a continuation with no
/// grapheme), a combining mark joins the grapheme before it.
public struct Frame: Sendable {
    /// The frame's dimensions.
    public private(set) var size: Size
    /// Where the hardware cursor goes; `nil` hides it.
    public var cursor: Position?
    private var cells: [Cell]

    /// Creates a blank frame.
    public init(size: Size) {
        self.size = size
        self.cells = Array(repeating: .blank, count: size.width * size.height)
    }

    /// The cell at `position`; a blank cell outside the frame.
    public func cell(at position: Position) -> Cell {
        guard let index = index(of: position) else { return .blank }
        return cells[index]
    }

    /// Writes `text` on one row from `position`, clipped at the frame edge and at `maxWidth` columns.
    ///
    /// Control characters are dropped; a wide character that does not fit
    /// entirely is replaced by a space; a combining mark at the start of
    /// `text` attaches to the grapheme already left of `position`.
    public mutating func put(_ text: String, at position: Position, style: Style = [], maxWidth: Int? = nil) {
        guard position.row >= 0, position.row < size.height else { return }
        var limit = size.width
        if let maxWidth { limit = min(limit, position.column + max(0, maxWidth)) }
        var column = position.column
        for character in text {
            guard column < limit else { break }
            let width = DisplayWidth.of(character)
            if width == 0 {
                attach(character, before: Position(column: column, row: position.row))
                continue
            }
            if column < 0 {
                column += width
                if column > 0 { set(Cell(grapheme: " ", style: style), column: 0, row: position.row) }
                continue
            }
            if column + width > limit {
                set(Cell(grapheme: " ", style: style), column: column, row: position.row)
                column += 1
                continue
            }
            set(Cell(grapheme: character, style: style), column: column, row: position.row)
            if width == 2 {
                set(Cell(grapheme: nil, style: style), column: column + 1, row: position.row)
            }
            column += width
        }
    }

    /// Sets the style of every cell of `row`, keeping its text (paint a bar, then put text on it).
    public mutating func fill(row: Int, style: Style) {
        guard row >= 0, row < size.height else { return }
        let start = row * size.width
        for index in start..<(start + size.width) {
            cells[index].style = style
        }
    }

    /// The text of each row: trailing spaces trimmed, continuation cells omitted.
    public var lines: [String] {
        (0..<size.height).map { row in
            var line = ""
            let start = row * size.width
            for cell in cells[start..<(start + size.width)] {
                if let grapheme = cell.grapheme { line.append(grapheme) }
            }
            while line.last == " " { line.removeLast() }
            return line
        }
    }

    /// `lines` joined by newlines.
    public var text: String {
        lines.joined(separator: "\n")
    }

    /// The cells of `row`, left to right; empty outside the frame.
    public func row(_ row: Int) -> ArraySlice<Cell> {
        guard row >= 0, row < size.height else { return [] }
        let start = row * size.width
        return cells[start..<(start + size.width)]
    }

    private func index(of position: Position) -> Int? {
        guard position.row >= 0, position.row < size.height,
              position.column >= 0, position.column < size.width else { return nil }
        return position.row * size.width + position.column
    }

    /// Writes one cell, blanking the other half of any wide character it cuts through.
    private mutating func set(_ cell: Cell, column: Int, row: Int) {
        guard let index = index(of: Position(column: column, row: row)) else { return }
        if cells[index].isContinuation, column > 0 {
            cells[index - 1].grapheme = " "
        }
        if column + 1 < size.width, cells[index + 1].isContinuation {
            cells[index + 1].grapheme = " "
        }
        cells[index] = cell
    }

    /// Appends a zero-width character (a combining mark) to the grapheme left of `position`.
    private mutating func attach(_ mark: Character, before position: Position) {
        guard mark.unicodeScalars.allSatisfy({ !DisplayWidth.isControl($0) }) else { return }
        var column = position.column - 1
        guard let found = index(of: Position(column: column, row: position.row)) else { return }
        var target = found
        if cells[target].isContinuation {
            column -= 1
            guard let left = index(of: Position(column: column, row: position.row)) else { return }
            target = left
        }
        guard let base = cells[target].grapheme, base != " " else { return }
        let combined = String(base) + String(mark)
        if combined.count == 1, let character = combined.first {
            cells[target].grapheme = character
        }
    }
}
