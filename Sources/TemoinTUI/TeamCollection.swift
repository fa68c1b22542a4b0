import TemoinAnalysis
import TemoinForms

/// The decrypted testimonies, the filter, and what follows from them: the rows of the list in
/// their sort order and the statistics of the charts. Recomputed when the filter or the order changes.
struct TeamCollection: Sendable {
    /// The questionnaire giving the labels.
    let form: Questionnaire
    /// Every testimony loaded.
    private let all: [TeamTestimony]
    /// The current filter.
    private(set) var filter = Filter()
    /// The column the list is sorted by.
    private(set) var sortColumn = TeamColumn.date
    /// Whether the order is ascending.
    private(set) var ascending = false
    /// The language the text columns are sorted in.
    private(set) var language: Language
    /// The testimonies that pass the filter, in the list's order.
    private(set) var rows: [TeamTestimony] = []
    /// The counts of the charts, over the testimonies that pass the filter.
    private(set) var statistics: Statistics

    /// Gathers `records` (those counted: decrypted, withdrawn ones left out by the caller).
    init(records: [DecryptedRecord], form: Questionnaire, language: Language) {
        self.form = form
        self.language = language
        all = records.filter { Statistics.counts($0.status) }.map { TeamTestimony($0, form: form) }
        statistics = Statistics(records: [], form: form)
        refresh()
    }

    /// How many testimonies were loaded.
    var total: Int { all.count }

    /// Replaces the filter.
    mutating func setFilter(_ newFilter: Filter) {
        guard newFilter != filter else { return }
        filter = newFilter
        refresh()
    }

    /// Sorts by `column`; sorting again by the same column reverses the order.
    mutating func sort(by column: TeamColumn) {
        if column == sortColumn {
            ascending.toggle()
        } else {
            sortColumn = column
            ascending = column != .date
        }
        order()
    }

    /// Sorts text columns as read in `language`.
    mutating func setLanguage(_ newLanguage: Language) {
        language = newLanguage
        order()
    }

    private mutating func refresh() {
        let form = form, filter = filter
        rows = filter.isEmpty ? all : all.filter { filter.matches($0.record, in: form) }
        statistics = Statistics(records: rows.map(\.record), form: form)
        order()
    }

    private mutating func order() {
        let column = sortColumn, language = language, ascending = ascending
        rows = rows.map { ($0, $0.sortKeys(column, language)) }
            .sorted { $0.1.precedes($1.1, ascending: ascending) }
            .map(\.0)
    }
}
