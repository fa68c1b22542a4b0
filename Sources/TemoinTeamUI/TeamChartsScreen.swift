import TemoinForms
import TemoinTeam
import TemoinTerminal

/// The statistics as bar charts, one per charted question of the questionnaire, over the testimonies that
/// pass the filter, each under its denominator and notes. A bar can be picked and made a filter condition.
struct TeamChartsScreen: Sendable {
    /// What the model must do after a key.
    enum Action: Sendable, Equatable {
        /// Keep only the testimonies of this bar.
        case filter(Filter.Condition)
    }

    /// A line of the charts.
    enum Line: Equatable {
        /// The title of series `series`.
        case title(series: Int)
        /// A line of a note under series `series` (its denominator, several answers, small counts), wrapped;
        /// `caution` for the small-count warning.
        case note(series: Int, text: String, caution: Bool)
        /// A bar: bucket `bucket` of series `series`.
        case bar(series: Int, bucket: Int)
        /// Space between two charts.
        case blank
    }

    /// The picked bar, counted over every chart.
    private(set) var cursor = 0
    /// The first line shown.
    private(set) var top = 0

    /// The first screen row of the charts, under the title and the filter line.
    static let firstRow = 2

    /// How many lines fit at `size` (the hint and key bar take the last two rows).
    static func visibleRows(_ size: Size) -> Int {
        max(1, size.height - firstRow - 2)
    }

    /// The lines of `statistics` at `width` in `language`: each series' title, its bars, its notes, a blank line.
    static func lines(_ statistics: Statistics, language: Language, width: Int) -> [Line] {
        var lines: [Line] = []
        for (index, series) in statistics.series.enumerated() {
            if index > 0 { lines.append(.blank) }
            lines.append(.title(series: index))
            lines += TeamBarChart.buckets(of: series).indices.map { .bar(series: index, bucket: $0) }
            for (number, note) in series.notes.enumerated() {
                let caution = series.isSmall && series.asked > 0 && number == series.notes.count - 1
                lines += TextWrap.wrap(note(language), width: max(10, width - 3)).map { .note(series: index, text: $0, caution: caution) }
            }
        }
        return lines
    }

    /// Reacts to a key.
    mutating func handle(_ input: TeamInput, statistics: Statistics, language: Language, size: Size) -> Action? {
        let lines = Self.lines(statistics, language: language, width: size.width)
        let bars = lines.indices.filter { if case .bar = lines[$0] { true } else { false } }
        guard !bars.isEmpty else { return nil }
        let page = Self.visibleRows(size)
        switch input {
        case .key(.up): move(to: cursor - 1, bars: bars, size: size)
        case .key(.down): move(to: cursor + 1, bars: bars, size: size)
        case .key(.pageUp): move(to: cursor - page, bars: bars, size: size)
        case .key(.pageDown): move(to: cursor + page, bars: bars, size: size)
        case .key(.home): move(to: 0, bars: bars, size: size)
        case .key(.end): move(to: bars.count - 1, bars: bars, size: size)
        case .key(.enter), .key(.character(" ")):
            guard case let .bar(seriesIndex, bucketIndex) = lines[bars[min(cursor, bars.count - 1)]] else { return nil }
            let series = statistics.series[seriesIndex]
            return .filter(Filter.Condition(series, bucket: TeamBarChart.buckets(of: series)[bucketIndex].key))
        default: break
        }
        return nil
    }

    /// Picks bar `index` (clamped), scrolling so that it shows, with its chart's title when it is the first bar.
    private mutating func move(to index: Int, bars: [Int], size: Size) {
        cursor = max(0, min(index, bars.count - 1))
        let line = bars[cursor]
        let visible = Self.visibleRows(size)
        top = TeamLayout.scroll(top: top, selection: line, visible: visible)
        if line > 0, line - 1 < top, !bars.contains(line - 1) { top = line - 1 }
    }

    /// Draws the charts of `statistics` into `frame`.
    func draw(_ statistics: Statistics, into frame: inout Frame, language: Language) {
        let size = frame.size
        let lines = Self.lines(statistics, language: language, width: size.width)
        let bars = lines.indices.filter { if case .bar = lines[$0] { true } else { false } }
        let picked = bars.isEmpty ? nil : bars[min(cursor, bars.count - 1)]
        let labels = statistics.series.flatMap { TeamBarChart.buckets(of: $0).map { DisplayWidth.of($0.label(language)) } }
        let labelWidth = min(max(10, labels.max() ?? 0), max(10, size.width / 3))
        let visible = Self.visibleRows(size)
        let first = min(top, max(0, lines.count - visible))
        for (offset, line) in lines.dropFirst(first).prefix(visible).enumerated() {
            let row = Self.firstRow + offset
            switch line {
            case let .title(index):
                let series = statistics.series[index]
                frame.put(" " + series.breakdown.title(language), at: Position(column: 0, row: row), style: [.bold, .underline],
                          maxWidth: size.width)
            case let .note(_, text, caution):
                frame.put("   " + text, at: Position(column: 0, row: row), style: caution ? [.error] : .dim, maxWidth: size.width)
            case let .bar(seriesIndex, bucketIndex):
                let series = statistics.series[seriesIndex]
                TeamBarChart.draw(TeamBarChart.buckets(of: series)[bucketIndex], of: series, into: &frame, row: row, left: 1,
                                  width: size.width - 2, labelWidth: labelWidth, language: language, selected: first + offset == picked)
            case .blank:
                break
            }
        }
        frame.put(" " + TeamText.chartsHint(language), at: Position(column: 0, row: size.height - 2), style: .dim, maxWidth: size.width)
    }
}
