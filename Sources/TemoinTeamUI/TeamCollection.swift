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
    private(set) var rows = TeamRows(all: [], order: [])
    /// The positions in `all` of the testimonies that pass the filter, in increasing order.
    private var passing: [Int] = []
    /// The positions in `all` in the list's order: sorted when the column, direction or language
    /// changes, not on each key of a search (a filter keeps the order).
    private var sorted: [Int] = []
    /// Each testimony's `Filter.searchText`, worked out once as the testimonies are loaded, on every core:
    /// folding every answer again for each key typed took seconds for ten thousand testimonies, and folding
    /// them on the first search made that key take seconds at 100,000 (Docs/PERFORMANCE.md, team).
    private let searchTexts: [[UInt8]]
    /// Each testimony's buckets for the questions counted so far and which questions applied to it: a filter,
    /// a search key, F3 or a crosstab count numbers instead of reading 100,000 testimonies' answers again.
    private var index: CountingIndex
    /// Each testimony's rank in the order of its date, then receipt: what breaks ties in every sort.
    private let tieRanks: [UInt32]
    /// Each sorted column's key as a rank (0 first in ascending order; empty cells `UInt32.max`), by column
    /// and language, worked out on the first sort by it: folding 100,000 cells at each F7 took seconds.
    private var keyRanks: [SortColumn: [UInt32]] = [:]
    /// The counts of the charts, over the testimonies that pass the filter.
    private(set) var statistics: Statistics
    /// The counts over every testimony, kept for when the filter is removed.
    private let everyStatistics: Statistics
    /// The last filters applied and the testimonies they kept: erasing a search goes back through them
    /// (not kept for a filter on the case work, which can change under it).
    private var recent: [(filter: Filter, passing: [Int])] = []

    /// A column sorted in one language (the date column sorts the same in both).
    private struct SortColumn: Hashable {
        var column: TeamColumn
        var language: Language?
    }

    /// Gathers `records` (those counted: decrypted, withdrawn ones left out by the caller).
    init(records: [DecryptedRecord], form: Questionnaire, language: Language) {
        self.form = form
        self.language = language
        let columns = TeamColumn.Fields(form)
        var index = CountingIndex(records: records, form: form)
        all = TeamTestimony.all(index.records, columns: columns)
        searchTexts = SearchTexts.of(index.records, form: form)
        everyStatistics = index.statistics(of: nil)
        statistics = everyStatistics
        self.index = index
        tieRanks = TeamTestimony.tieRanks(all)
        passing = Array(all.indices)
        order()
    }

    /// How many testimonies were loaded.
    var total: Int { all.count }

    /// The counts of one question over the testimonies that pass the filter (for F3, which offers every question,
    /// and the case status and tags from `cases`).
    mutating func series(_ breakdown: Breakdown, cases: CaseBook?) -> CountSeries? {
        if breakdown == CaseBook.statusBreakdown || breakdown == CaseBook.tagBreakdown {
            return (cases ?? CaseBook()).series(breakdown, of: rows.map(\.record))
        }
        return statistics.series.first { $0.breakdown == breakdown }
            ?? index.statistics(of: selection, breakdowns: [breakdown]).series.first
    }

    /// One question by another over the testimonies that pass the filter.
    mutating func crosstab(rows: Breakdown, columns: Breakdown) -> Crosstab {
        index.crosstab(of: selection, rows: rows, columns: columns)
    }

    /// Replaces the filter; `cases` gives the status and tags of a condition on them.
    mutating func setFilter(_ newFilter: Filter, cases: CaseBook? = nil) {
        guard newFilter != filter else { return }
        let narrower = newFilter.narrows(filter)
        filter = newFilter
        refresh(narrower: narrower, cases: cases)
    }

    /// Filters again after the case work changed (`cases`): under a filter on a status or a tag, a testimony
    /// whose status or tags no longer match leaves the rows at once (and one that now matches joins them).
    mutating func caseWorkChanged(_ cases: CaseBook?) {
        guard filter.usesCases else { return }
        refresh(narrower: false, cases: cases)
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

    /// The positions that pass, or nil when every testimony does.
    private var selection: [Int]? { passing.count == all.count ? nil : passing }

    /// Filters again: among those passing already when the new filter `narrower` (a word typed on), else among all.
    private mutating func refresh(narrower: Bool, cases: CaseBook?) {
        let texts = searchTexts, filter = filter
        let passing = filter.isEmpty ? Array(all.indices)
            : recent.first { $0.filter == filter }?.passing
            ?? index.passing(filter, among: narrower ? selection : nil, cases: cases) { texts[$0] }
        if !filter.isEmpty && !filter.usesCases && !recent.contains(where: { $0.filter == filter }) {
            recent = recent.suffix(7) + [(filter, passing)]
        }
        // Typing a word often keeps the same testimonies: neither their counts nor their rows change.
        guard passing != self.passing else { return }
        self.passing = passing
        statistics = passing.count == all.count ? everyStatistics : index.statistics(of: passing)
        showRows()
    }

    /// Sorts every testimony by the current column, direction and language, then shows those that pass.
    private mutating func order() {
        let key = SortColumn(column: sortColumn, language: sortColumn == .date ? nil : language)
        let ranks = keyRanks[key] ?? TeamTestimony.keyRanks(all, column: sortColumn, language: language)
        keyRanks[key] = ranks
        // One 64-bit number per testimony: the key's rank (reversed when descending, empty cells last either
        // way), then the tie's rank; sorting numbers rather than strings.
        let ascending = ascending, ties = tieRanks
        var packed = ranks.indices.map { index -> UInt64 in
            let rank = ranks[index]
            let key = rank == .max ? UInt64(UInt32.max) : ascending ? UInt64(rank) : UInt64(UInt32.max - 1 - rank)
            return key << 32 | UInt64(ties[index])
        }
        packed.sort()
        var positions = [Int](repeating: 0, count: all.count)
        for (index, tie) in ties.enumerated() { positions[Int(tie)] = index }
        sorted = packed.map { positions[Int($0 & 0xFFFF_FFFF)] }
        showRows()
    }

    /// The testimonies that pass, in the sorted order.
    private mutating func showRows() {
        guard passing.count < all.count else { return rows = TeamRows(all: all, order: sorted) }
        var passes = [Bool](repeating: false, count: all.count)
        for index in passing { passes[index] = true }
        rows = TeamRows(all: all, order: sorted.filter { passes[$0] })
    }
}

/// The testimonies of the list, in its order: positions in every testimony loaded, read through (copying
/// 100,000 testimonies into a new array at each key took tens of milliseconds).
struct TeamRows: RandomAccessCollection, Sendable {
    /// Every testimony loaded.
    let all: [TeamTestimony]
    /// The positions in `all` shown, in order.
    let order: [Int]

    var startIndex: Int { 0 }
    var endIndex: Int { order.count }
    subscript(position: Int) -> TeamTestimony { all[order[position]] }
}

