import TemoinForms
import TemoinTerminal

extension Frame {
    /// The title bar on row 0: `title` on the left, `detail` on the right, in reverse video.
    public mutating func titleBar(_ title: String, detail: String = "") {
        fill(row: 0, style: [.reverse, .bold])
        put(" " + title, at: Position(column: 0, row: 0), style: [.reverse, .bold], maxWidth: size.width)
        let width = DisplayWidth.of(detail)
        if !detail.isEmpty, width + 2 < size.width - DisplayWidth.of(title) - 2 {
            put(detail + " ", at: Position(column: size.width - width - 1, row: 0), style: [.reverse, .bold])
        }
    }

    /// The function-key bar on the last row from key numbers: `[(1, "Help"), (10, "Quit")]`, keys highlighted.
    ///
    /// Items that do not fit are left out from the middle, so that the last one (quit) stays.
    public mutating func keyBar(functionKeys items: [(Int, String)]) {
        let row = size.height - 1
        guard row > 0 else { return }
        var shown = items
        func width(_ list: [(Int, String)]) -> Int {
            list.reduce(-2) { $0 + DisplayWidth.of("F\($1.0)") + 1 + DisplayWidth.of($1.1) + 2 }  // no gap after the last
        }
        while shown.count > 2, width(shown) > size.width {
            shown.remove(at: shown.count - 2)
        }
        var column = 0
        for (number, label) in shown {
            let key = "F\(number)"
            put(key, at: Position(column: column, row: row), style: [.reverse, .bold])
            column += DisplayWidth.of(key)
            put(" " + label, at: Position(column: column, row: row), style: [])
            column += 1 + DisplayWidth.of(label) + 2
        }
    }

    /// The masked passphrase field of an unlock screen at `origin` (at most 40 columns) and, two rows
    /// below, "checking…" while `isWorking`, else `message` (a refusal) in the error colour.
    public mutating func passphraseField(_ passphrase: PassphraseEditor, at origin: Position, width: Int, isWorking: Bool, message: String?,
                                  language: Language) {
        let fieldWidth = min(width, 40)
        let field = passphrase.draw(into: &self, at: origin, width: fieldWidth, style: [.underline, .accent])
        let below = Position(column: origin.column, row: origin.row + 2)
        if isWorking {
            put(" …", at: Position(column: origin.column + fieldWidth, row: origin.row), style: .bold)
            put(UIText.checkingPassphrase(language), at: below, style: .dim, maxWidth: width)
        } else {
            cursor = field
            if let message { paragraph(message, at: below, width: width, style: [.error, .bold]) }
        }
    }

    /// The status line above the key bar: a message, in the error colour when `isError`.
    public mutating func statusLine(_ text: String, isError: Bool) {
        guard !text.isEmpty, size.height >= 3 else { return }
        put(" " + text, at: Position(column: 0, row: size.height - 2), style: isError ? [.error, .bold] : [.ok], maxWidth: size.width)
    }

    /// Writes a label on one row in at most `maxWidth` columns, ending with "…" when it had to be cut,
    /// so that a volunteer sees that there is more.
    public mutating func label(_ text: String, at position: Position, style: Style = [], maxWidth: Int) {
        let room = min(maxWidth, size.width - position.column)
        guard room > 0, DisplayWidth.of(text) > room else {
            put(text, at: position, style: style, maxWidth: maxWidth)
            return
        }
        put(DisplayWidth.prefix(of: text, fitting: room - 1) + "…", at: position, style: style, maxWidth: room)
    }

    /// Writes `text` word-wrapped in `width` columns from `origin`, at most `maxRows` rows; returns the rows used.
    @discardableResult
    public mutating func paragraph(_ text: String, at origin: Position, width: Int, style: Style = [], maxRows: Int = .max) -> Int {
        let lines = TextWrap.wrap(text, width: max(1, width))
        let count = min(lines.count, max(0, maxRows))
        for index in 0..<count {
            put(lines[index], at: Position(column: origin.column, row: origin.row + index), style: style, maxWidth: width)
        }
        return count
    }

    /// A box of `size` at `origin`, its inside blanked.
    public mutating func box(at origin: Position, size boxSize: Size, style: Style = []) {
        guard boxSize.width >= 2, boxSize.height >= 2 else { return }
        let inner = boxSize.width - 2
        put("┌" + String(repeating: "─", count: inner) + "┐", at: origin, style: style)
        for row in 1..<(boxSize.height - 1) {
            let position = Position(column: origin.column, row: origin.row + row)
            put("│" + String(repeating: " ", count: inner) + "│", at: position, style: style)
        }
        put("└" + String(repeating: "─", count: inner) + "┘", at: Position(column: origin.column, row: origin.row + boxSize.height - 1), style: style)
    }

    /// The "enlarge the window" screen shown below the minimum size.
    public static func tooSmall(size: Size, minimum: Size, language: Language) -> Frame {
        var frame = Frame(size: size)
        let text = UIText.tooSmall(minimum.width, minimum.height, size.width, size.height)(language)
        let lines = TextWrap.wrap(text, width: max(1, size.width))
        let top = max(0, (size.height - lines.count) / 2)
        for (index, line) in lines.enumerated() {
            frame.centered(line, row: top + index, style: .bold)
        }
        return frame
    }

    /// `text` centred on `row`.
    public mutating func centered(_ text: String, row: Int, style: Style = []) {
        let width = DisplayWidth.of(text)
        put(text, at: Position(column: max(0, (size.width - width) / 2), row: row), style: style, maxWidth: size.width)
    }
}

extension Frame {
    /// Copies rows `rows` of `source` to this frame, the first of them at `origin`.
    public mutating func blit(_ source: Frame, rows: Range<Int>, to origin: Position) {
        for sourceRow in rows where sourceRow >= 0 && sourceRow < source.size.height {
            let row = origin.row + sourceRow - rows.lowerBound
            for (column, cell) in source.row(sourceRow).enumerated() {
                guard let grapheme = cell.grapheme else { continue }
                put(String(grapheme), at: Position(column: origin.column + column, row: row), style: cell.style,
                    maxWidth: source.size.width - column)
            }
        }
    }
}
