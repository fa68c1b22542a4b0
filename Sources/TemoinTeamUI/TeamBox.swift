import TemoinTerminal

/// A box drawn over the analysis screens: the help, what could not be read, the filter picker.
enum TeamBox {
    /// Draws a centred box with `title`, wrapped `lines` from line `top` on, then a `list` with the
    /// `selection` highlighted (scrolled to show it), and a dim `footer`; rows that do not fit are left out.
    static func draw(over frame: inout Frame, title: String, lines: [String], top: Int = 0, list: [String] = [],
                     selection: Int? = nil, footer: String) {
        let box = Layout(size: frame.size, lines: lines, list: list)
        let origin = box.origin, inner = box.inner
        frame.box(at: origin, size: Size(width: box.width, height: box.height), style: .bold)
        frame.put(" " + title + " ", at: Position(column: origin.column + 2, row: origin.row), style: [.bold, .accent], maxWidth: inner)
        var row = box.firstRow
        for line in box.text.dropFirst(min(max(0, top), box.lastTop)) where row < box.bottom {
            frame.put(line, at: Position(column: origin.column + 2, row: row), maxWidth: inner)
            row += 1
        }
        let room = max(1, box.bottom - row)
        let first = TeamLayout.scroll(top: 0, selection: selection ?? 0, visible: room)
        for (offset, item) in list.dropFirst(first).prefix(room).enumerated() {
            let selected = first + offset == selection
            let shown = TeamLayout.pad((selected ? "▶ " : "  ") + item, inner)
            frame.put(shown, at: Position(column: origin.column + 2, row: row + offset), style: selected ? [.reverse, .bold] : [])
        }
        frame.put(footer, at: Position(column: origin.column + 2, row: origin.row + box.height - 2), style: .dim, maxWidth: inner)
        frame.cursor = nil
    }

    /// The largest `top` worth scrolling `lines` to in a box on a screen of `size`: the last lines then show.
    static func lastTop(lines: [String], size: Size) -> Int {
        Layout(size: size, lines: lines, list: []).lastTop
    }

    /// Where a box goes on a screen, and its wrapped text.
    private struct Layout {
        let width, inner, height: Int
        let origin: Position
        let text: [String]

        init(size: Size, lines: [String], list: [String]) {
            let width = min(size.width - 4, 78), inner = width - 4
            let text = lines.flatMap { TextWrap.wrap($0, width: inner) }
            (self.width, self.inner, self.text) = (width, inner, text)
            height = min(size.height - 2, text.count + list.count + 5)
            origin = Position(column: max(0, (size.width - width) / 2), row: max(1, (size.height - height) / 2))
        }

        /// The first row of text, and the row after the last.
        var firstRow: Int { origin.row + 2 }
        var bottom: Int { origin.row + height - 3 }

        /// The first line shown when the last one is at the bottom.
        var lastTop: Int { max(0, text.count - (bottom - firstRow)) }
    }
}
