import Foundation
import TemoinForms
import TemoinTeam

/// The decrypted testimonies, the filter, and what follows from them: the rows of the list in
/// their sort order and the statistics of the charts. Recomputed when the filter or the order changes.
struct TeamCollection: Sendable {
    /// The questionnaire giving the labels.
    let form: Questionnaire
    /// Every testimony loaded.
    let all: [TeamTestimony]
    /// What corroboration compares, for every testimony loaded: built on the first `c` (TeamCorroborationBox.swift).
    var corroborationIndex: CorroborationIndex?
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
    /// The positions in `all` of the testimonies that pass the filter, in increasing order.
    private var passing: [Int] = []
    /// The positions in `all` in the list's order: sorted when the column, direction or language
    /// changes, not on each key of a search (a filter keeps the order).
    private var sorted: [Int] = []
    /// Each testimony's `Filter.searchText`, worked out once, on the first search: folding every answer
    /// again for each key typed took seconds for ten thousand testimonies.
    private var searchTexts: [[UInt8]]?
    /// The counts of the charts, over the testimonies that pass the filter.
    private(set) var statistics: Statistics
    /// The counts over every testimony, kept for when the filter is removed.
    private let everyStatistics: Statistics

    /// Gathers `records` (those counted: decrypted, withdrawn ones left out by the caller).
    init(records: [DecryptedRecord], form: Questionnaire, language: Language) {
        self.form = form
        self.language = language
        all = records.filter { Statistics.counts($0.status) }.map { TeamTestimony($0, form: form) }
        everyStatistics = Statistics(records: all.map(\.record), form: form)
        statistics = everyStatistics
        passing = Array(all.indices)
        order()
    }

    /// How many testimonies were loaded.
    var total: Int { all.count }

    /// The counts of one question over the testimonies that pass the filter (for F3, which offers every question).
    func series(_ breakdown: Breakdown) -> CountSeries? {
        Statistics(records: rows.map(\.record), form: form, breakdowns: [breakdown]).series.first
    }

    /// One question by another over the testimonies that pass the filter.
    func crosstab(rows: Breakdown, columns: Breakdown) -> Crosstab {
        Crosstab(records: self.rows.map(\.record), form: form, rows: rows, columns: columns)
    }

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
        let form = form, filter = filter, all = all
        if filter.searchesText, searchTexts == nil {
            searchTexts = all.concurrentMap { Filter.searchText(of: $0.record, form: form) }
        }
        let texts = searchTexts
        let passing = filter.isEmpty ? Array(all.indices) : all.indices.filter { filter.matches(all[$0].record, in: form, searchText: texts?[$0] ?? Filter.searchText(of: all[$0].record, form: form)) }
        // Typing a word often keeps the same testimonies: neither their counts nor their rows change.
        guard passing != self.passing else { return }
        self.passing = passing
        statistics = passing.count == all.count ? everyStatistics : Statistics(records: passing.map { all[$0].record }, form: form)
        showRows()
    }

    /// Sorts every testimony by the current column, direction and language, then shows those that pass.
    private mutating func order() {
        let column = sortColumn, language = language, ascending = ascending
        sorted = all.indices.map { ($0, all[$0].sortKeys(column, language)) }
            .sorted { $0.1.precedes($1.1, ascending: ascending) }
            .map(\.0)
        showRows()
    }

    /// The testimonies that pass, in the sorted order.
    private mutating func showRows() {
        guard passing.count < all.count else { return rows = sorted.map { all[$0] } }
        var passes = [Bool](repeating: false, count: all.count)
        for index in passing { passes[index] = true }
        rows = sorted.compactMap { passes[$0] ? all[$0] : nil }
    }
}

extension Array where Element: Sendable {
    /// `map` on every core: `transform` must be safe to call from several threads at once.
    func concurrentMap<T: Sendable>(_ transform: @Sendable (Element) -> T) -> [T] {
        [T](unsafeUninitializedCapacity: count) { buffer, initialized in
            // Each iteration initialises its own element: no two threads touch the same memory.
            nonisolated(unsafe) let base = buffer.baseAddress
            DispatchQueue.concurrentPerform(iterations: count) { (base! + $0).initialize(to: transform(self[$0])) }
            initialized = count
        }
    }
}
