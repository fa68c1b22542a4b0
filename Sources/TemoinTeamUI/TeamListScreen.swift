import TemoinForms
import TemoinTeam
import TemoinTerminal

/// The list of testimonies: one row each (date, city, forces, photo taken, outcome), sortable by column.
struct TeamListScreen: Sendable {
    /// What the model must do after a key.
    enum Action: Sendable, Equatable {
        /// Read the testimony at this row.
        case open(Int)
        /// Sort by this column (again: reverse).
        case sort(TeamColumn)
    }

    /// The highlighted row.
    private(set) var selection = 0
    /// The first row shown.
    private(set) var top = 0

    /// The first screen row of the list, under the title, the filter line and the headings.
    static let firstRow = 3

    /// How many rows of testimonies fit at `size` (the status line and key bar take the last two).
    static func visibleRows(_ size: Size) -> Int {
        max(1, size.height - firstRow - 2)
    }

    /// Reacts to a key; `count` is the number of rows.
    mutating func handle(_ input: TeamInput, count: Int, size: Size) -> Action? {
        let page = Self.visibleRows(size)
        switch input {
        case .key(.up): select(selection - 1, count: count, size: size)
        case .key(.down): select(selection + 1, count: count, size: size)
        case .key(.pageUp): select(selection - page, count: count, size: size)
        case .key(.pageDown): select(selection + page, count: count, size: size)
        case .key(.home): select(0, count: count, size: size)
        case .key(.end): select(count - 1, count: count, size: size)
        case .key(.enter):
            return count > 0 ? .open(min(selection, count - 1)) : nil
        case let .key(.character(digit)):
            guard let number = digit.wholeNumberValue, digit.isASCII, let column = TeamColumn(rawValue: number - 1) else { return nil }
            return .sort(column)
        default: break
        }
        return nil
    }

    /// Highlights row `index` (clamped), scrolling so that it shows.
    mutating func select(_ index: Int, count: Int, size: Size) {
        selection = max(0, min(index, count - 1))
        top = TeamLayout.scroll(top: top, selection: selection, visible: Self.visibleRows(size))
    }

    /// Back to the first row (after the filter or the order changed).
    mutating func reset() {
        selection = 0
        top = 0
    }

    /// The width of the follow-up column, shown once the team has set a status.
    static let statusWidth = 10

    /// The widths of the columns for a screen `width` columns wide (less the follow-up column when it shows).
    static func widths(_ width: Int, withStatus: Bool = false) -> [TeamColumn: Int] {
        let rest = max(20, width - 1 - 10 - 4 * 2 - (withStatus ? statusWidth + 2 : 0))
        let second = rest * 20 / 100, third = rest * 30 / 100, fourth = rest * 18 / 100
        return [.date: 10, .second: second, .third: third, .fourth: fourth, .fifth: rest - second - third - fourth]
    }

    /// Draws the headings and the rows of `collection` into `frame`; a last column gives the team's status
    /// once one was set in `cases` (a team that keeps no case work sees no empty column).
    func draw(_ collection: TeamCollection, cases: CaseBook? = nil, into frame: inout Frame, language: Language) {
        let size = frame.size
        let statuses = cases.flatMap { $0.hasStatuses ? $0 : nil }
        let widths = Self.widths(size.width, withStatus: statuses != nil)
        var heading = " "
        for column in TeamColumn.allCases {
            // The question may be long: it is cut, never the arrow that shows the order.
            let width = widths[column] ?? 0, sorted = column == collection.sortColumn
            var title = TeamLayout.fit("\(column.rawValue + 1) " + column.title(in: collection.form)(language), width - (sorted ? 2 : 0))
            if sorted { title += collection.ascending ? " ▲" : " ▼" }
            heading += TeamLayout.pad(title, width) + "  "
        }
        if statuses != nil { heading += TeamLayout.pad(TeamCaseText.statusColumn(language), Self.statusWidth) }
        frame.put(heading, at: Position(column: 0, row: Self.firstRow - 1), style: [.bold, .underline], maxWidth: size.width)
        let rows = collection.rows
        guard !rows.isEmpty else {
            let text = collection.total == 0 ? TeamText.noTestimony : TeamText.nothingMatches
            frame.paragraph(text(language), at: Position(column: 2, row: Self.firstRow + 1), width: size.width - 4, style: .bold)
            return
        }
        let visible = Self.visibleRows(size)
        let first = min(top, max(0, rows.count - visible))
        for (offset, testimony) in rows[first..<min(rows.count, first + visible)].enumerated() {
            let index = first + offset
            let row = Self.firstRow + offset
            var line = " "
            for column in TeamColumn.allCases {
                line += TeamLayout.pad(testimony.cell(column, language), widths[column] ?? 0) + "  "
            }
            if let status = statuses?[testimony.record].status, status != .new {
                line += TeamLayout.pad(TeamCaseText.shortLabel(status)(language), Self.statusWidth)
            }
            let selected = index == selection
            if selected { frame.fill(row: row, style: [.reverse, .bold]) }
            frame.put(line, at: Position(column: 0, row: row), style: selected ? [.reverse, .bold] : [], maxWidth: size.width)
            if let mark = TeamText.trustMark(testimony.record) {
                frame.put(mark, at: Position(column: 0, row: row), style: selected ? [.reverse, .error] : [.error, .bold])
            }
        }
    }
}
