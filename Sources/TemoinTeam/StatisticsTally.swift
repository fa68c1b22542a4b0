import TemoinForms

/// Counts one breakdown testimony by testimony, then orders and labels the buckets.
struct StatisticsTally {
    /// Months are filled in between the first and the last one when they span at most this many.
    static let monthGapLimit = 36

    private let breakdown: Breakdown
    private var counts: [BucketKey: Int] = [:]
    /// For free text: how often each spelling of a counting key was typed.
    private var spellings: [String: [String: Int]] = [:]
    private var testimonies = 0

    init(_ breakdown: Breakdown) { self.breakdown = breakdown }

    /// Counts one testimony.
    mutating func add(_ answers: Answers, asked: Bool) {
        testimonies += 1
        for key in breakdown.keys(in: answers, asked: asked) {
            counts[key, default: 0] += 1
            if breakdown.grouping == .text, case let .value(text) = key, let typed = answers[breakdown.fieldID] {
                spellings[text, default: [:]][typed.description.tidied, default: 0] += 1
            }
        }
    }

    /// The finished series, labelled with `form`.
    func series(form: Questionnaire) -> CountSeries {
        var values: [CountBucket]
        switch breakdown.grouping {
        case .text:
            values = spellings.map { key, typed in
                CountBucket(key: .value(key), label: Self.plain(Self.mostFrequent(typed)), count: counts[.value(key)] ?? 0)
            }
            values.sort { $0.count != $1.count ? $0.count > $1.count : $0.keyText < $1.keyText }
        case .month:
            values = months().map { month in
                let date = ApproximateDate(iso: month)
                let label = date.map { StatisticsLabels.month($0.month, year: $0.year) } ?? Self.plain(month)
                return CountBucket(key: .value(month), label: label, count: counts[.value(month)] ?? 0)
            }
        case .minutes:
            values = DelayRange.all.map { CountBucket(key: .value($0.key), label: $0.label, count: counts[.value($0.key)] ?? 0) }
        case .choices:
            let known = choices(form: form)
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
        if let asked = counts[.notAsked] {
            special.insert(CountBucket(key: .notAsked, label: StatisticsLabels.notAsked, count: asked), at: 0)
        }
        if let unreadable = counts[.unreadable] {
            special.append(CountBucket(key: .unreadable, label: StatisticsLabels.unreadable, count: unreadable))
        }
        return CountSeries(breakdown: breakdown, buckets: values + special, testimonies: testimonies)
    }

    /// The possible answers of a choice-like field: its choices, or yes / no / don't know.
    private func choices(form: Questionnaire) -> [Choice] {
        guard let field = form.field(breakdown.fieldID) else { return [] }
        if field.kind == .yesno { return YesNo.allCases.map { Choice(id: $0.rawValue, label: $0.label) } }
        return field.choices
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

    /// The spelling typed most often; ties go to the alphabetically first, for a stable report.
    private static func mostFrequent(_ typed: [String: Int]) -> String {
        typed.min { ($1.value, $0.key) < ($0.value, $1.key) }?.key ?? ""
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
