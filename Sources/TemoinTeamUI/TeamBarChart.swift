import TemoinForms
import TemoinTeam
import TemoinTerminal

/// Horizontal bar charts drawn with block characters: one row per bar, the label, the bar, the count and percent.
enum TeamBarChart {
    /// Partial blocks, one to seven eighths of a cell.
    private static let eighths: [Character] = ["▏", "▎", "▍", "▌", "▋", "▊", "▉"]

    /// A bar `count / largest` of `width` cells, to the eighth of a cell; at least a sliver when `count` > 0.
    static func bar(_ count: Int, largest: Int, width: Int) -> String {
        guard count > 0, largest > 0, width > 0 else { return "" }
        let units = max(1, count * width * 8 / largest)
        var text = String(repeating: "█", count: units / 8)
        if units % 8 > 0 { text.append(eighths[units % 8 - 1]) }
        return text
    }

    /// `12  34 %`: the count and its share of the testimonies asked; the count alone for "did not apply".
    static func figures(_ bucket: CountBucket, of series: CountSeries, language: Language) -> String {
        guard let percent = series.percent(bucket) else { return "\(bucket.count)" }
        return "\(bucket.count)  " + TeamText.percent(Int(percent.rounded()))(language)
    }

    /// The buckets worth a bar: every bucket, except "not answered" when nobody left it empty.
    static func buckets(of series: CountSeries) -> [CountBucket] {
        series.buckets.filter { $0.count > 0 || $0.key != .notAnswered }
    }

    /// Draws one bar row at `row`: label in `labelWidth` columns, bar, figures; reverse video when `selected`.
    static func draw(_ bucket: CountBucket, of series: CountSeries, into frame: inout Frame, row: Int, left: Int, width: Int,
                     labelWidth: Int, language: Language, selected: Bool) {
        let figures = Self.figures(bucket, of: series, language: language)
        let barWidth = max(1, width - labelWidth - DisplayWidth.of(figures) - 3)
        let label = TeamLayout.fit(bucket.label(language), labelWidth)
        let style: Style = selected ? [.reverse, .bold] : bucket.isValue ? [] : .dim
        if selected { frame.put(String(repeating: " ", count: width), at: Position(column: left, row: row), style: style) }
        frame.put((selected ? "▶" : " ") + label, at: Position(column: left, row: row), style: style, maxWidth: labelWidth + 1)
        let bar = Self.bar(bucket.count, largest: series.largest, width: barWidth)
        frame.put(bar, at: Position(column: left + labelWidth + 2, row: row), style: selected ? style : .accent, maxWidth: barWidth)
        frame.put(figures, at: Position(column: left + labelWidth + 2 + DisplayWidth.of(bar) + 1, row: row), style: selected ? style : .bold)
    }
}
