import TemoinForms

/// A horizontal bar chart of a count series as inline SVG: no script, no font file, no outside
/// resource; readable on screen and printed in black and white.
struct SVGBarChart {
    /// The series to draw.
    var series: CountSeries
    /// The language of the labels.
    var language: Language

    /// Layout, in SVG user units (the chart scales to the width of its container).
    private let width = 640.0
    private let labelWidth = 270.0
    private let countWidth = 46.0
    private let rowHeight = 26.0
    private let barHeight = 16.0
    private let top = 6.0
    /// Labels longer than this many characters are cut with "…" (the full label is in the table and the tooltip).
    private let labelLimit = 32

    init(series: CountSeries, language: Language) {
        self.series = series
        self.language = language
    }

    /// The `<svg>` element.
    func render() -> String {
        let height = top * 2 + rowHeight * Double(series.buckets.count)
        let scale = series.largest == 0 ? 0 : (width - labelWidth - countWidth - 8) / Double(series.largest)
        let title = series.breakdown.title.text(language)
        var svg = """
        <svg class="chart" viewBox="0 0 \(format(width)) \(format(height))" width="\(format(width))" height="\(format(height))" \
        role="img" aria-label="\(title.htmlEscaped)">
        <title>\(title.htmlEscaped)</title>\n
        """
        let axisX = labelWidth + 4
        for (row, bucket) in series.buckets.enumerated() {
            let y = top + rowHeight * Double(row)
            let label = bucket.label.text(language).printed
            let barWidth = max(Double(bucket.count) * scale, bucket.count > 0 ? 1.5 : 0)
            let kind = if case .value = bucket.key { "bar" } else { "bar muted" }
            svg += """
            <g><title>\(label.htmlEscaped) — \(bucket.count)</title>\
            <text class="label" x="\(format(labelWidth - 4))" y="\(format(y + rowHeight / 2))" text-anchor="end" dominant-baseline="middle">\(cut(label).htmlEscaped)</text>\
            <rect class="\(kind)" x="\(format(axisX))" y="\(format(y + (rowHeight - barHeight) / 2))" width="\(format(barWidth))" height="\(format(barHeight))"/>\
            <text class="count" x="\(format(axisX + barWidth + 5))" y="\(format(y + rowHeight / 2))" dominant-baseline="middle">\(bucket.count)</text></g>\n
            """
        }
        svg += """
        <line class="axis" x1="\(format(axisX))" y1="\(format(top - 2))" x2="\(format(axisX))" y2="\(format(height - top + 2))"/>
        </svg>
        """
        return svg
    }

    private func cut(_ label: String) -> String {
        label.count <= labelLimit ? label : String(label.prefix(labelLimit - 1)).trimmingTrailingSpaces + "…"
    }

    /// A coordinate with at most one decimal, with a dot whatever the locale.
    private func format(_ value: Double) -> String {
        let tenths = Int((value * 10).rounded())
        return tenths % 10 == 0 ? String(tenths / 10) : "\(tenths / 10).\(abs(tenths % 10))"
    }
}

private extension String {
    var trimmingTrailingSpaces: String {
        var text = self
        while text.last?.isWhitespace == true { text.removeLast() }
        return text
    }
}
