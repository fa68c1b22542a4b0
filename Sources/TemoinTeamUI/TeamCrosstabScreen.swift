import TemoinTeam
import TemoinForms
import TemoinTerminal

/// F6: one question by another over the testimonies that pass the filter — first the question in rows,
/// then the one in columns (any question, or the desk), then the table: counts, or row or column
/// percentages (Tab), with its denominator and notes under it.
struct TeamCrosstabScreen: Sendable {
    /// What the table shows in its cells.
    enum Mode: Int, Sendable, CaseIterable {
        case counts, rowPercent, columnPercent
    }

    /// What the model must do after a key.
    enum Action: Sendable, Equatable {
        /// Count `rows` by `columns` and give the table to `show(_:)`.
        case count(rows: Breakdown, columns: Breakdown)
        /// Back to the list.
        case close
    }

    /// The question in rows, once picked.
    private(set) var rows: Breakdown?
    /// The table, once both questions are picked (recounted by the model when the filter changes).
    private(set) var crosstab: Crosstab?
    /// The question highlighted while picking.
    private(set) var selection = 0
    /// The cells' content.
    private(set) var mode = Mode.counts
    /// The first row and column of the table shown.
    private(set) var top = 0, left = 0

    /// The rows the table starts at: under the title bar, the filter line, the title and the mode.
    static let firstRow = 4

    /// Shows a table just counted.
    mutating func show(_ crosstab: Crosstab) {
        self.crosstab = crosstab
        rows = crosstab.rows.breakdown
    }

    /// Reacts to a key.
    mutating func handle(_ input: TeamInput, form: Questionnaire, size: Size) -> Action? {
        let questions = TeamFilterPicker.breakdowns(form)
        if let crosstab {
            switch input {
            case .back, .action(.quit), .action(.crosstab): return .close
            case .key(.tab): mode = Mode(rawValue: (mode.rawValue + 1) % Mode.allCases.count) ?? .counts
            case .key(.up): top = max(0, top - 1)
            case .key(.down): top = min(max(0, crosstab.rows.buckets.count - 1), top + 1)
            case .key(.left): left = max(0, left - 1)
            case .key(.right): left = min(max(0, crosstab.columns.buckets.count - 1), left + 1)
            case .key(.enter):
                self.crosstab = nil
                rows = nil
                (top, left) = (0, 0)
            default: break
            }
            return nil
        }
        switch input {
        case .back, .action(.quit), .action(.crosstab):
            guard rows != nil else { return .close }
            rows = nil
        case .key(.up): selection = max(0, selection - 1)
        case .key(.down): selection = min(questions.count - 1, selection + 1)
        case .key(.pageUp): selection = max(0, selection - 10)
        case .key(.pageDown): selection = min(questions.count - 1, selection + 10)
        case .key(.home): selection = 0
        case .key(.end): selection = questions.count - 1
        case .key(.enter), .key(.character(" ")):
            guard questions.indices.contains(selection) else { return nil }
            guard let rows else {
                rows = questions[selection]
                return nil
            }
            return .count(rows: rows, columns: questions[selection])
        default: break
        }
        return nil
    }

    /// Draws the picking box or the table into `frame` (under the title bar and the filter line).
    func draw(into frame: inout Frame, form: Questionnaire, language: Language) {
        let size = frame.size
        guard let crosstab else {
            let title = rows == nil ? TeamText.crosstabRowsTitle(language) : TeamText.crosstabColumnsTitle(language)
            let lines = rows.map { [$0.title(language) + " ×"] } ?? []
            TeamBox.draw(over: &frame, title: title, lines: lines, list: TeamFilterPicker.breakdowns(form).map { $0.title(language) },
                         selection: selection, footer: TeamText.crosstabPickHint(language))
            return
        }
        let title = crosstab.rows.breakdown.title(language) + " × " + crosstab.columns.breakdown.title(language)
        frame.put(" " + title, at: Position(column: 0, row: 2), style: [.bold, .underline], maxWidth: size.width)
        let modes = [TeamText.crosstabCounts, TeamText.crosstabRowPercent, TeamText.crosstabColumnPercent]
        frame.put(" " + modes[mode.rawValue](language), at: Position(column: 0, row: 3), style: [.bold, .accent], maxWidth: size.width)
        let notes = crosstab.notes.flatMap { TextWrap.wrap($0(language), width: max(10, size.width - 2)) }
        let labelWidth = min(24, max(8, crosstab.rows.buckets.map { DisplayWidth.of($0.label(language)) }.max() ?? 8))
        let cellWidth = min(16, max(8, crosstab.columns.buckets.map { DisplayWidth.of($0.label(language)) }.max() ?? 8))
        let columns = Array(crosstab.columns.buckets.indices.dropFirst(left).prefix(max(1, (size.width - labelWidth - 2) / (cellWidth + 1) - 1)))
        var row = Self.firstRow
        var header = " " + TeamLayout.pad("", labelWidth)
        for column in columns { header += " " + Self.right(TeamLayout.fit(crosstab.columns.buckets[column].label(language), cellWidth), cellWidth) }
        header += " " + Self.right(StatisticsLabels.total(language), cellWidth)
        frame.put(header, at: Position(column: 0, row: row), style: .bold, maxWidth: size.width)
        row += 1
        let bottom = size.height - 2 - notes.count
        for r in crosstab.rows.buckets.indices.dropFirst(top) where row < bottom - 1 {
            let bucket = crosstab.rows.buckets[r]
            var line = " " + TeamLayout.pad(bucket.label(language), labelWidth)
            for column in columns { line += " " + Self.right(cell(crosstab, r, column, language), cellWidth) }
            line += " " + Self.right(String(bucket.count), cellWidth)
            frame.put(line, at: Position(column: 0, row: row), style: bucket.isValue ? [] : .dim, maxWidth: size.width)
            row += 1
        }
        var total = " " + TeamLayout.pad(StatisticsLabels.total(language), labelWidth)
        for column in columns { total += " " + Self.right(String(crosstab.columns.buckets[column].count), cellWidth) }
        total += " " + Self.right(String(crosstab.testimonies), cellWidth)
        frame.put(total, at: Position(column: 0, row: row), style: .bold, maxWidth: size.width)
        for (offset, note) in notes.enumerated() {
            frame.put(" " + note, at: Position(column: 0, row: bottom + offset), style: .dim, maxWidth: size.width)
        }
        frame.put(" " + TeamText.crosstabHint(language), at: Position(column: 0, row: size.height - 2), style: .dim, maxWidth: size.width)
    }

    /// One cell in the current mode: a count, or a percentage ("—" when its total is empty).
    private func cell(_ crosstab: Crosstab, _ row: Int, _ column: Int, _ language: Language) -> String {
        let percent: Double?
        switch mode {
        case .counts: return String(crosstab.cells[row][column])
        case .rowPercent: percent = crosstab.rowPercent(row, column)
        case .columnPercent: percent = crosstab.columnPercent(row, column)
        }
        return percent.map { TeamText.percent(Int($0.rounded()))(language) } ?? "—"
    }

    private static func right(_ text: String, _ width: Int) -> String {
        String(repeating: " ", count: max(0, width - DisplayWidth.of(text))) + text
    }
}
