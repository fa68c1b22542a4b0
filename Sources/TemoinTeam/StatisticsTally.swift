import TemoinForms

/// Counts one breakdown testimony by testimony, then orders and labels the buckets.
struct StatisticsTally: Sendable {
    /// Months are filled in between the first and the last one when they span at most this many.
    static let monthGapLimit = 36

    private let breakdown: Breakdown
    private var counts: [BucketKey: Int] = [:]
    /// For free text, cities and desks: how often each spelling of a key was met.
    private var spellings: [String: [String: Int]] = [:]
    private var testimonies = 0

    init(_ breakdown: Breakdown) { self.breakdown = breakdown }

    /// A tally counted elsewhere (`CountingIndex`): the testimonies in each bucket, and each spelling of a value.
    init(_ breakdown: Breakdown, counts: [BucketKey: Int], spellings: [String: [String: Int]], testimonies: Int) {
        self.breakdown = breakdown
        self.counts = counts
        self.spellings = spellings
        self.testimonies = testimonies
    }

    /// The field counted.
    var fieldID: String { breakdown.fieldID }
    /// Whether it counts the record's origin (desk, trust), which always applies.
    var isOrigin: Bool { breakdown.isOrigin }

    /// Counts one testimony; `asked` says whether the question applied to it. Returns its buckets.
    @discardableResult
    mutating func add(_ record: DecryptedRecord, asked: Bool) -> [BucketKey] {
        testimonies += 1
        let keys = breakdown.keys(in: record, asked: asked)
        for key in keys {
            counts[key, default: 0] += 1
            if case let .value(text) = key, let spelling = breakdown.spelling(in: record) {
                spellings[text, default: [:]][spelling, default: 0] += 1
            }
        }
        return keys
    }

    /// The finished series, labelled with `form`.
    func series(form: Questionnaire) -> CountSeries {
        var values: [CountBucket]
        switch breakdown.grouping {
        case .text, .city, .desk, .value:
            values = counts.keys.compactMap { key -> CountBucket? in
                guard case let .value(text) = key else { return nil }
                let label = spellings[text].map(Self.preferred) ?? text
                return CountBucket(key: key, label: Self.plain(label), count: counts[key] ?? 0)
            }
            if breakdown.grouping == .value {
                // Numbers in ascending order (1, 2, 10), as a reader scans them; other values after, alphabetically.
                values.sort { (Int($0.keyText) ?? .max, $0.keyText) < (Int($1.keyText) ?? .max, $1.keyText) }
            } else {
                values.sort { $0.count != $1.count ? $0.count > $1.count : $0.keyText < $1.keyText }
            }
        case .month:
            values = months().map { month in
                let date = ApproximateDate(iso: month)
                let label = date.map { StatisticsLabels.month($0.month, year: $0.year) } ?? Self.plain(month)
                return CountBucket(key: .value(month), label: label, count: counts[.value(month)] ?? 0)
            }
        case .trust:
            values = SignerTrust.allCases.map { CountBucket(key: .value($0.rawValue), label: StatisticsLabels.trust($0), count: counts[.value($0.rawValue)] ?? 0) }
        case .minutes:
            values = DelayRange.all.map { CountBucket(key: .value($0.key), label: $0.label, count: counts[.value($0.key)] ?? 0) }
        case .choices:
            let known = StatisticsLabels.choices(of: form.field(breakdown.fieldID))
            let order = Dictionary(known.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { first, _ in first })
            var ids = known.map(\.id)
            ids += counts.keys.compactMap { key -> String? in
                guard case let .value(id) = key, order[id] == nil else { return nil }
                return id
            }.sorted()
            values = ids.map { id in
                CountBucket(key: .value(id), label: known.first { $0.id == id }?.label ?? Self.plain(id), count: counts[.value(id)] ?? 0)
            }
            values.sort { a, b in
                if a.count != b.count { return a.count > b.count }
                return (order[a.keyText] ?? .max, a.keyText) < (order[b.keyText] ?? .max, b.keyText)
            }
        }
        var special = [CountBucket(key: .notAnswered, label: StatisticsLabels.notAnswered, count: counts[.notAnswered] ?? 0)]
        if let unreadable = counts[.unreadable] {
            special.append(CountBucket(key: .unreadable, label: StatisticsLabels.unreadable, count: unreadable))
        }
        if let notAsked = counts[.notAsked] {
            special.append(CountBucket(key: .notAsked, label: StatisticsLabels.notAsked, count: notAsked))
        }
        return CountSeries(breakdown: breakdown, buckets: values + special, testimonies: testimonies,
                           askedWhen: StatisticsLabels.askedWhen(breakdown.fieldID, form: form))
    }

    /// The months counted, chronologically, with the empty months in between when the span is short.
    private func months() -> [String] {
        let seen = counts.keys.compactMap { key -> ApproximateDate? in
            guard case let .value(month) = key else { return nil }
            return ApproximateDate(iso: month)
        }.sorted()
        guard let first = seen.first, let last = seen.last else { return [] }
        let span = (last.year - first.year) * 12 + last.month - first.month
        guard span < Self.monthGapLimit else { return seen.map(\.description) }
        return (0...span).map { offset in
            let index = first.year * 12 + first.month - 1 + offset
            return ApproximateDate(year: index / 12, month: index % 12 + 1).description
        }
    }

    /// The spelling a bucket is shown with: written in mixed case rather than all capitals or all
    /// lower case ("Paris" over "PARIS"), then the most frequent, then the alphabetically first, for a stable report.
    static func preferred(_ typed: [String: Int]) -> String {
        func mixed(_ text: String) -> Bool { text != text.uppercased() && text != text.lowercased() }
        return typed.min { a, b in
            if mixed(a.key) != mixed(b.key) { return mixed(a.key) }
            if a.value != b.value { return a.value > b.value }
            return a.key < b.key
        }?.key ?? ""
    }

    private static func plain(_ text: String) -> Localized { Localized(fr: text, en: text) }
}

private extension CountBucket {
    /// The value of a `.value` key, empty otherwise.
    var keyText: String {
        guard case let .value(text) = key else { return "" }
        return text
    }
}
