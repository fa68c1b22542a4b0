import Foundation
import TemoinForms

/// What counting needs of every testimony, worked out once when they are loaded: which questions applied
/// to it, its desk and bundle, and for each question counted so far the buckets it falls in, as small
/// numbers. Counting the testimonies that pass a filter is then adding numbers: the browser recounts its
/// charts at each key of a search, and counting 100,000 testimonies from their answers took seconds
/// (Docs/PERFORMANCE.md, team).
///
/// Gives exactly what `Statistics(records:form:breakdowns:)` and `Crosstab(records:form:rows:columns:)`
/// give for the same testimonies (`CountingIndexTests`).
public struct CountingIndex: Sendable {
    /// The questionnaire giving the labels and the conditions.
    public let form: Questionnaire
    /// The testimonies indexed: those counted (`Statistics.counts`), in the order given.
    public let records: [DecryptedRecord]
    private let visibility: FieldVisibility
    /// `asked[record * fieldCount + field]`: whether the field (in `visibility.ids` order) applied to the record.
    private let asked: [Bool]
    private let fieldCount: Int
    /// Each record's bundle and desk, as positions in `bundles` and `desks`.
    private let bundleOf: [Int32], deskOf: [Int32]
    private let bundles: [String], desks: [String]
    /// The buckets of each breakdown counted so far.
    private var columns: [Breakdown: Column] = [:]

    /// One breakdown's buckets for every record.
    struct Column: Sendable {
        /// The buckets met, by number.
        var keys: [BucketKey] = []
        /// Each record's buckets: `ids[starts[record]..<starts[record + 1]]`.
        var starts: [Int32] = [0]
        var ids: [Int32] = []
        /// For text, cities and desks: each spelling met, with the bucket it spells; each record's spelling (-1: none).
        var spellings: [(key: Int32, text: String)] = []
        var spellingOf: [Int32] = []

        /// The numbers of one record's buckets and of its spelling (-1: none), numbering those not met yet.
        mutating func numbers(_ found: [BucketKey], spelling: String?, keyNumbers: inout [BucketKey: Int32],
                              spellingNumbers: inout [Int32: [String: Int32]]) -> Numbers {
            var numbers = Numbers(ids: [], spelled: -1)
            for key in found {
                let number: Int32
                if let known = keyNumbers[key] { number = known } else {
                    number = Int32(keys.count)
                    keyNumbers[key] = number
                    keys.append(key)
                }
                numbers.ids.append(number)
                if case .value = key, let spelling {
                    if let known = spellingNumbers[number]?[spelling] { numbers.spelled = known } else {
                        numbers.spelled = Int32(spellings.count)
                        spellingNumbers[number, default: [:]][spelling] = numbers.spelled
                        spellings.append((number, spelling))
                    }
                }
            }
            return numbers
        }

        /// Appends one record's buckets and spelling, as numbered by `numbers`.
        mutating func append(_ numbers: Numbers) {
            ids += numbers.ids
            starts.append(Int32(ids.count))
            spellingOf.append(numbers.spelled)
        }
    }

    /// A record's bucket numbers and spelling number in a column.
    struct Numbers {
        var ids: [Int32]
        var spelled: Int32
    }

    /// An answer (nil: none) to a question that applied or not: what a breakdown of the answers buckets.
    private struct Answered: Hashable {
        let value: AnswerValue?
        let applies: Bool
    }

    /// Indexes `records` (those not counted are left out), with the buckets of `breakdowns` (default: the
    /// questionnaire's charted fields) worked out on every core.
    public init(records: [DecryptedRecord], form: Questionnaire, breakdowns: [Breakdown]? = nil) {
        self.form = form
        let counted = records.filter { Statistics.counts($0.status) }
        self.records = counted
        let visibility = FieldVisibility(form)
        self.visibility = visibility
        fieldCount = visibility.ids.count
        // Which questions applied depends only on the answers the conditions read (consent, yes/no…): worked
        // out once per slice for each set of them met.
        asked = counted.concurrentSliceMap { slice -> [Bool] in
            var met: [[AnswerValue?]: [Bool]] = [:], asked: [Bool] = []
            asked.reserveCapacity(slice.count * visibility.ids.count)
            for record in slice {
                let answers = record.payload.answers, read = visibility.conditionFields.map { answers[$0] }
                if let known = met[read] { asked += known; continue }
                let found = visibility.asked(in: answers)
                met[read] = found
                asked += found
            }
            return asked
        }
        var bundleIndex: [String: Int32] = [:], deskIndex: [String: Int32] = [:]
        var bundles: [String] = [], desks: [String] = []
        var bundleOf = [Int32](), deskOf = [Int32]()
        bundleOf.reserveCapacity(counted.count)
        deskOf.reserveCapacity(counted.count)
        for record in counted {
            if let index = bundleIndex[record.bundle] { bundleOf.append(index) } else {
                bundleIndex[record.bundle] = Int32(bundles.count)
                bundleOf.append(Int32(bundles.count))
                bundles.append(record.bundle)
            }
            if let index = deskIndex[record.deskFingerprint] { deskOf.append(index) } else {
                deskIndex[record.deskFingerprint] = Int32(desks.count)
                deskOf.append(Int32(desks.count))
                desks.append(record.deskFingerprint)
            }
        }
        (self.bundleOf, self.deskOf, self.bundles, self.desks) = (bundleOf, deskOf, bundles, desks)
        prepare(breakdowns ?? Breakdown.charted(in: form))
    }

    /// How many testimonies are indexed.
    public var count: Int { records.count }

    /// Whether the field `fieldID` applied to record `index` (the desk and its standing always do).
    public func asked(_ fieldID: String, record index: Int) -> Bool {
        guard let position = visibility.position(of: fieldID) else { return false }
        return asked[index * fieldCount + position]
    }

    /// Works out the buckets of the breakdowns not indexed yet, on every core: each slice of the records
    /// numbered on its own, then the slices' numbers joined in order (what numbering them in one pass gives).
    public mutating func prepare(_ breakdowns: [Breakdown]) {
        let missing = breakdowns.reduce(into: [Breakdown]()) { if columns[$1] == nil && !$0.contains($1) { $0.append($1) } }
        guard !missing.isEmpty else { return }
        let positions = missing.map { visibility.position(of: $0.fieldID) }
        let (records, asked, fieldCount) = (records, asked, fieldCount)
        let numbered = Self.slices(records.count).concurrentMap { range -> [Column] in
            missing.indices.map { b in
                let breakdown = missing[b]
                var column = Column()
                var keyNumbers: [BucketKey: Int32] = [:], spellingNumbers: [Int32: [String: Int32]] = [:]
                // An answer met already in the slice falls in the same buckets (cities, choices, dates…: reading
                // and folding each again was most of the counting); the desk's fields and free texts are read each time.
                var met: [Answered: Numbers] = [:]
                let remembers = !breakdown.isOrigin && breakdown.grouping != .text
                for index in range {
                    let applies = breakdown.isOrigin || positions[b].map { asked[index * fieldCount + $0] } ?? false
                    let answered = remembers ? Answered(value: records[index].payload.answers[breakdown.fieldID], applies: applies) : nil
                    if let answered, let known = met[answered] {
                        column.append(known)
                        continue
                    }
                    let keys = breakdown.keys(in: records[index], asked: applies)
                    let spelling = keys.contains { if case .value = $0 { true } else { false } } ? breakdown.spelling(in: records[index]) : nil
                    let numbers = column.numbers(keys, spelling: spelling, keyNumbers: &keyNumbers, spellingNumbers: &spellingNumbers)
                    column.append(numbers)
                    if let answered { met[answered] = numbers }
                }
                return column
            }
        }
        for (b, breakdown) in missing.enumerated() {
            var column = Column()
            var keyNumbers: [BucketKey: Int32] = [:], spellingNumbers: [Int32: [String: Int32]] = [:]
            column.ids.reserveCapacity(records.count)
            column.starts.reserveCapacity(records.count + 1)
            column.spellingOf.reserveCapacity(records.count)
            for part in numbered.map({ $0[b] }) {
                // The slice's numbers, as numbers of the whole column.
                let keys = part.keys.map { key -> Int32 in
                    if let known = keyNumbers[key] { return known }
                    keyNumbers[key] = Int32(column.keys.count)
                    column.keys.append(key)
                    return Int32(column.keys.count - 1)
                }
                let spellings = part.spellings.map { spelling -> Int32 in
                    let key = keys[Int(spelling.key)]
                    if let known = spellingNumbers[key]?[spelling.text] { return known }
                    spellingNumbers[key, default: [:]][spelling.text] = Int32(column.spellings.count)
                    column.spellings.append((key, spelling.text))
                    return Int32(column.spellings.count - 1)
                }
                let offset = Int32(column.ids.count)
                column.ids += part.ids.map { keys[Int($0)] }
                column.starts += part.starts.dropFirst().map { $0 + offset }
                column.spellingOf += part.spellingOf.map { $0 < 0 ? -1 : spellings[Int($0)] }
            }
            columns[breakdown] = column
        }
    }

    /// The counts of `breakdowns` (default: the charted fields) over the records at `selection` (positions in
    /// `records`, increasing; nil for all): what `Statistics(records:form:breakdowns:)` gives for them.
    public mutating func statistics(of selection: [Int]?, breakdowns: [Breakdown]? = nil) -> Statistics {
        let breakdowns = breakdowns ?? Breakdown.charted(in: form)
        prepare(breakdowns)
        let series = breakdowns.map { breakdown in
            // Every breakdown was prepared just above.
            tally(columns[breakdown] ?? Column(), breakdown, over: selection).series(form: form)
        }
        var bundlesMet = [Bool](repeating: false, count: bundles.count), bundleOrder: [String] = []
        var deskCounts = [Int](repeating: 0, count: desks.count), deskOrder: [(desk: Int, first: Int)] = []
        var testimonies = 0, unverified = 0
        forEach(selection) { index in
            testimonies += 1
            if records[index].status == .unverified { unverified += 1 }
            let bundle = Int(bundleOf[index]), desk = Int(deskOf[index])
            if !bundlesMet[bundle] {
                bundlesMet[bundle] = true
                bundleOrder.append(bundles[bundle])
            }
            if deskCounts[desk] == 0 { deskOrder.append((desk, index)) }
            deskCounts[desk] += 1
        }
        // Named as the first record met names it, as `StatisticsCounter` does.
        let desks = deskOrder.map { desk, first in
            Statistics.Desk(name: records[first].deskName, fingerprint: records[first].deskFingerprint,
                            testimonies: deskCounts[desk], trust: records[first].deskTrust)
        }
        return Statistics(testimonies: testimonies, unverified: unverified, bundles: bundleOrder, desks: desks, series: series)
    }

    /// `rows` by `columns` over the records at `selection` (nil for all): what `Crosstab(records:form:rows:columns:)` gives.
    public mutating func crosstab(of selection: [Int]?, rows: Breakdown, columns: Breakdown) -> Crosstab {
        prepare([rows, columns])
        let rowColumn = self.columns[rows] ?? Column(), columnColumn = self.columns[columns] ?? Column()
        let indexed = self
        let applies = { (breakdown: Breakdown, index: Int) in breakdown.isOrigin || indexed.asked(breakdown.fieldID, record: index) }
        var kept: [Int] = [], leftOut = 0
        forEach(selection) { index in
            if applies(rows, index) && applies(columns, index) { kept.append(index) } else { leftOut += 1 }
        }
        let width = columnColumn.keys.count
        var pairs = [Int](repeating: 0, count: rowColumn.keys.count * width)
        for index in kept {
            for row in rowColumn.ids[Int(rowColumn.starts[index])..<Int(rowColumn.starts[index + 1])] {
                for column in columnColumn.ids[Int(columnColumn.starts[index])..<Int(columnColumn.starts[index + 1])] {
                    pairs[Int(row) * width + Int(column)] += 1
                }
            }
        }
        var numbers: [BucketKey: [BucketKey: Int]] = [:]
        for (row, rowKey) in rowColumn.keys.enumerated() {
            for (column, columnKey) in columnColumn.keys.enumerated() where pairs[row * width + column] > 0 {
                numbers[rowKey, default: [:]][columnKey] = pairs[row * width + column]
            }
        }
        return Crosstab(rows: tally(rowColumn, rows, over: kept).series(form: form),
                        columns: tally(columnColumn, columns, over: kept).series(form: form),
                        pairs: numbers, testimonies: kept.count, leftOut: leftOut)
    }

    /// The positions of the records that pass `filter`, increasing, among `candidates` (nil for all), looked
    /// at on every core; `searchText(index)` gives a record's `Filter.searchText`, read only when the filter
    /// searches text; `cases` the status and tags of a condition on them.
    public func passing(_ filter: Filter, among candidates: [Int]? = nil, cases: CaseBook? = nil,
                        searchText: @Sendable (Int) -> [UInt8]) -> [Int] {
        // A condition on the buckets of a breakdown indexed already is a lookup of the record's bucket numbers.
        let quick: [(Column, [Bool])?] = filter.conditions.map { condition in
            guard let tests = Self.buckets(condition.test),
                  let breakdown = Breakdown.of(condition.fieldID, in: form), tests.allSatisfy({ $0.0 == breakdown.grouping }),
                  let column = columns[breakdown] else { return nil }
            let wanted = Set(tests.map(\.1))
            return (column, column.keys.map(wanted.contains))
        }
        let kept = Self.slices(candidates?.count ?? records.count).concurrentMap { range -> [Int] in
            var kept: [Int] = []
            for position in range {
                let index = candidates?[position] ?? position
                if passes(index, filter, quick, cases: cases) && filter.keeps(searchText: searchText(index)) { kept.append(index) }
            }
            return kept
        }
        return kept.flatMap { $0 }
    }

    private func passes(_ index: Int, _ filter: Filter, _ quick: [(Column, [Bool])?], cases: CaseBook?) -> Bool {
        for (number, condition) in filter.conditions.enumerated() {
            if let (column, wanted) = quick[number] {
                guard column.ids[Int(column.starts[index])..<Int(column.starts[index + 1])].contains(where: { wanted[Int($0)] }) else { return false }
            } else {
                guard condition.holds(in: records[index], form: form, asked: { asked(condition.fieldID, record: index) },
                                      caseFile: { cases?[records[index]] ?? CaseFile() }) else { return false }
            }
        }
        return true
    }

    /// `0..<count` in about 32 slices (at least 64 positions each), for the cores to share as they come free.
    static func slices(_ count: Int) -> [Range<Int>] {
        let size = max(64, count / 32)
        return stride(from: 0, to: count, by: size).map { $0..<min(count, $0 + size) }
    }

    /// The bucket tests of `test` with their grouping, or nil when it is not made only of bucket tests.
    private static func buckets(_ test: Filter.Test) -> [(Breakdown.Grouping, BucketKey)]? {
        var found: [(Breakdown.Grouping, BucketKey)] = []
        for alternative in test.alternatives {
            guard case let .bucket(grouping, key) = alternative else { return nil }
            found.append((grouping, key))
        }
        return found
    }

    /// The tally of one column over `selection` (nil for all).
    private func tally(_ column: Column, _ breakdown: Breakdown, over selection: [Int]?) -> StatisticsTally {
        var counts = [Int](repeating: 0, count: column.keys.count), spelled = [Int](repeating: 0, count: column.spellings.count)
        var testimonies = 0
        column.ids.withUnsafeBufferPointer { ids in
            column.starts.withUnsafeBufferPointer { starts in
                forEach(selection) { index in
                    testimonies += 1
                    for position in Int(starts[index])..<Int(starts[index + 1]) { counts[Int(ids[position])] += 1 }
                    let spelling = column.spellingOf[index]
                    if spelling >= 0 { spelled[Int(spelling)] += 1 }
                }
            }
        }
        var keyed: [BucketKey: Int] = [:], spellings: [String: [String: Int]] = [:]
        for (number, key) in column.keys.enumerated() where counts[number] > 0 { keyed[key] = counts[number] }
        for (number, spelling) in column.spellings.enumerated() where spelled[number] > 0 {
            guard case let .value(text) = column.keys[Int(spelling.key)] else { continue }
            spellings[text, default: [:]][spelling.text] = spelled[number]
        }
        return StatisticsTally(breakdown, counts: keyed, spellings: spellings, testimonies: testimonies)
    }

    private func forEach(_ selection: [Int]?, _ body: (Int) -> Void) {
        if let selection { for index in selection { body(index) } } else { for index in records.indices { body(index) } }
    }
}

extension Array where Element: Sendable {
    /// `map` on every core, slice by slice (about 32 slices, results in order): `transform` maps a slice, and may
    /// keep what it worked out for one element to reuse for the next ones of its slice.
    public func concurrentSliceMap<T: Sendable>(_ transform: @Sendable (ArraySlice<Element>) -> [T]) -> [T] {
        CountingIndex.slices(count).concurrentMap { transform(self[$0]) }.flatMap { $0 }
    }

    /// `map` on every core: `transform` must be safe to call from several threads at once.
    public func concurrentMap<T: Sendable>(_ transform: @Sendable (Element) -> T) -> [T] {
        [T](unsafeUninitializedCapacity: count) { buffer, initialized in
            // Each iteration initialises its own element: no two threads touch the same memory.
            nonisolated(unsafe) let base = buffer.baseAddress
            DispatchQueue.concurrentPerform(iterations: count) { (base! + $0).initialize(to: transform(self[$0])) }
            initialized = count
        }
    }
}
