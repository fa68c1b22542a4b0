import TemoinTerminal

/// A box drawn over the analysis screens: the help, what could not be read, the filter picker.
enum TeamBox {
    /// Draws a centred box with `title`, wrapped `lines`, then a `list` with the `selection` highlighted
    /// (scrolled to show it), and a dim `footer`; rows that do not fit are left out.
    static func draw(over frame: inout Frame, title: String, lines: [String], list: [String] = [], selection: Int? = nil,
                     footer: String) {
        let size = frame.size
        let width = min(size.width - 4, 78)
        let inner = width - 4
        let text = lines.flatMap { TextWrap.wrap($0, width: inner) }
        let height = min(size.height - 2, text.count + list.count + 5)
        let origin = Position(column: max(0, (size.width - width) / 2), row: max(1, (size.height - height) / 2))
        frame.box(at: origin, size: Size(width: width, height: height), style: .bold)
        frame.put(" " + title + " ", at: Position(column: origin.column + 2, row: origin.row), style: [.bold, .accent], maxWidth: inner)
        var row = origin.row + 2
        let bottom = origin.row + height - 3
        for line in text where row < bottom {
            frame.put(line, at: Position(column: origin.column + 2, row: row), maxWidth: inner)
            row += 1
        }
        let room = max(1, bottom - row)
        let first = TeamLayout.scroll(top: 0, selection: selection ?? 0, visible: room)
        for (offset, item) in list.dropFirst(first).prefix(room).enumerated() {
            let selected = first + offset == selection
            let shown = TeamLayout.pad((selected ? "▶ " : "  ") + item, inner)
            frame.put(shown, at: Position(column: origin.column + 2, row: row + offset), style: selected ? [.reverse, .bold] : [])
        }
        frame.put(footer, at: Position(column: origin.column + 2, row: origin.row + height - 2), style: .dim, maxWidth: inner)
        frame.cursor = nil
    }
}
