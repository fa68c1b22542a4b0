import TemoinForms
import TemoinTeam
import TemoinTerminal

/// F3: a box to filter by the answer to a question — first the question, then one of its values with its count.
struct TeamFilterPicker: Sendable, Equatable {
    /// What the model must do after a key.
    enum Action: Sendable, Equatable {
        /// Add this condition to the filter.
        case add(Filter.Condition)
        /// Close the box.
        case close
    }

    /// The question picked (index of its series), once picked.
    private(set) var field: Int?
    /// The highlighted line.
    private(set) var selection = 0

    /// Reacts to a key; the values come from `statistics` (they follow the filter).
    mutating func handle(_ input: TeamInput, statistics: Statistics) -> Action? {
        let count = field.map { TeamBarChart.buckets(of: statistics.series[$0]).count } ?? statistics.series.count
        switch input {
        case .back, .action(.quit), .action(.filter):
            guard field != nil else { return .close }
            selection = field ?? 0
            field = nil
        case .key(.up): selection = max(0, selection - 1)
        case .key(.down): selection = min(count - 1, selection + 1)
        case .key(.home): selection = 0
        case .key(.end): selection = count - 1
        case .key(.enter), .key(.character(" ")):
            guard count > 0 else { return nil }
            guard let field else {
                self.field = selection
                selection = 0
                return nil
            }
            let series = statistics.series[field]
            return .add(Filter.Condition(series, bucket: TeamBarChart.buckets(of: series)[min(selection, count - 1)].key))
        default: break
        }
        return nil
    }

    /// Draws the box over `frame`.
    func draw(over frame: inout Frame, statistics: Statistics, language: Language) {
        let items: [String]
        let title: String
        let hint: String
        if let field {
            let series = statistics.series[field]
            title = series.breakdown.title(language)
            hint = TeamText.pickValueHint(language)
            items = TeamBarChart.buckets(of: series).map { bucket in
                bucket.label(language) + "  (" + TeamBarChart.figures(bucket.count, of: series, language: language) + ")"
            }
        } else {
            title = TeamText.pickFieldTitle(language)
            hint = TeamText.pickFieldHint(language)
            items = statistics.series.map { $0.breakdown.title(language) }
        }
        TeamBox.draw(over: &frame, title: title, lines: [], list: items, selection: selection, footer: hint)
    }
}
