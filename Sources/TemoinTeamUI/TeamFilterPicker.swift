import TemoinForms
import TemoinTeam
import TemoinTerminal

/// F3: a box to filter by the answer to a question — first any question of the questionnaire (or the desk),
/// then one of its values with its count over the testimonies shown.
struct TeamFilterPicker: Sendable, Equatable {
    /// What the model must do after a key.
    enum Action: Sendable, Equatable {
        /// Count this question over the testimonies shown, and give the series to `show(_:)`.
        case count(Breakdown)
        /// Add this condition to the filter.
        case add(Filter.Condition)
        /// Close the box.
        case close
    }

    /// The values of the question picked, once picked.
    private(set) var series: CountSeries?
    /// The question highlighted in the list of questions.
    private(set) var field = 0
    /// The value highlighted.
    private(set) var selection = 0

    /// The questions offered: every field but long texts, then the desk and its standing with the team, then
    /// the team's case work (status, tags).
    static func breakdowns(_ form: Questionnaire) -> [Breakdown] {
        form.fields.filter { $0.kind != .longtext }.map(Breakdown.init(field:)) + [.desk, .trust, CaseBook.statusBreakdown, CaseBook.tagBreakdown]
    }

    /// Shows the values of the question picked.
    mutating func show(_ series: CountSeries) {
        self.series = series
        selection = 0
    }

    /// Reacts to a key.
    mutating func handle(_ input: TeamInput, form: Questionnaire) -> Action? {
        let count = series.map { TeamBarChart.buckets(of: $0).count } ?? Self.breakdowns(form).count
        var line = series == nil ? field : selection
        switch input {
        case .back, .action(.quit), .action(.filter):
            guard series != nil else { return .close }
            series = nil
            return nil
        case .key(.up): line = max(0, line - 1)
        case .key(.down): line = min(count - 1, line + 1)
        case .key(.pageUp): line = max(0, line - 10)
        case .key(.pageDown): line = min(count - 1, line + 10)
        case .key(.home): line = 0
        case .key(.end): line = count - 1
        case .key(.enter), .key(.character(" ")):
            guard count > 0 else { return nil }
            guard let series else { return .count(Self.breakdowns(form)[min(field, count - 1)]) }
            return .add(Filter.Condition(series, bucket: TeamBarChart.buckets(of: series)[min(selection, count - 1)].key))
        default: break
        }
        if series == nil { field = line } else { selection = line }
        return nil
    }

    /// Draws the box over `frame`.
    func draw(over frame: inout Frame, form: Questionnaire, language: Language) {
        if let series {
            let items = TeamBarChart.buckets(of: series).map { bucket in
                bucket.label(language) + "  (" + TeamBarChart.figures(bucket, of: series, language: language) + ")"
            }
            TeamBox.draw(over: &frame, title: series.breakdown.title(language), lines: series.notes.map { $0(language) },
                         list: items, selection: selection, footer: TeamText.pickValueHint(language))
        } else {
            TeamBox.draw(over: &frame, title: TeamText.pickFieldTitle(language), lines: [],
                         list: Self.breakdowns(form).map { $0.title(language) }, selection: field, footer: TeamText.pickFieldHint(language))
        }
    }
}
