import TemoinForms

extension CaseBook {
    /// The case status as F3 offers it: a question of its own whose values are the statuses.
    public static let statusBreakdown = Breakdown(fieldID: Filter.statusID, grouping: .value,
                                                  title: Localized(fr: "Statut du dossier", en: "Case status"))
    /// The tags as F3 offers them: a testimony counts once under each of its tags, or under "no tag".
    public static let tagBreakdown = Breakdown(fieldID: Filter.tagID, grouping: .text,
                                               title: Localized(fr: "Étiquette", en: "Tag"), multiple: true)

    /// How many of `records` have each status (every status listed, in the order of the work), or each tag
    /// (most used first, as first spelled; then those with none): what F3 shows before a value is picked.
    public func series(_ breakdown: Breakdown, of records: [DecryptedRecord]) -> CountSeries {
        if breakdown.fieldID == Filter.statusID {
            var counts: [CaseStatus: Int] = [:]
            for record in records { counts[self[record].status, default: 0] += 1 }
            let buckets = CaseStatus.allCases.map { CountBucket(key: .value($0.rawValue), label: $0.label, count: counts[$0] ?? 0) }
            return CountSeries(breakdown: breakdown, buckets: buckets, testimonies: records.count)
        }
        var counts: [String: Int] = [:], spelling: [String: String] = [:], untagged = 0
        for record in records {
            let tags = self[record].tags
            if tags.isEmpty { untagged += 1 }
            for tag in tags {
                let key = tag.searchKey
                counts[key, default: 0] += 1
                if spelling[key] == nil { spelling[key] = tag }
            }
        }
        let tagged = counts.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.map { key, count in
            CountBucket(key: .value(key), label: Localized(fr: spelling[key] ?? key, en: spelling[key] ?? key), count: count)
        }
        let none = CountBucket(key: .notAnswered, label: Localized(fr: "sans étiquette", en: "no tag"), count: untagged)
        return CountSeries(breakdown: breakdown, buckets: tagged + [none], testimonies: records.count)
    }
}
