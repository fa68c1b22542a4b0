import TemoinForms

/// Which bucket of a series a testimony falls in.
public enum BucketKey: Sendable, Hashable {
    /// A value: a choice id, `yes` / `no` / `unknown`, a month `2026-03`, a delay range `3-5`,
    /// or a counting form of free text (trimmed, lower-case).
    case value(String)
    /// The question was asked and left empty.
    case notAnswered
    /// The question did not apply (its condition did not hold).
    case notAsked
    /// The answer cannot be read as the field's kind (a malformed date, a word for a number).
    case unreadable
}

/// One bar of a chart: a label and how many testimonies it counts.
public struct CountBucket: Sendable, Hashable {
    /// What it counts.
    public var key: BucketKey
    /// The label in French and English (a choice label, a month, the most frequent spelling of a city).
    public var label: Localized
    /// How many testimonies.
    public var count: Int

    /// Creates a bucket.
    public init(key: BucketKey, label: Localized, count: Int) {
        self.key = key
        self.label = label
        self.count = count
    }
}

/// The counts of one question over the testimonies: what a bar chart and its table show.
public struct CountSeries: Sendable, Hashable {
    /// What is counted.
    public var breakdown: Breakdown
    /// The buckets in display order: chronological for months, ascending for delays, by count
    /// (largest first) otherwise; `not asked`, `not answered` and `unreadable` come last.
    public var buckets: [CountBucket]
    /// How many testimonies were counted; for a multichoice field the bucket counts may add up to more.
    public var testimonies: Int

    /// Creates a series.
    public init(breakdown: Breakdown, buckets: [CountBucket], testimonies: Int) {
        self.breakdown = breakdown
        self.buckets = buckets
        self.testimonies = testimonies
    }

    /// The largest count of a bucket, 0 when there is none.
    public var largest: Int { buckets.map(\.count).max() ?? 0 }

    /// The count of the bucket with this key, 0 when absent.
    public func count(_ key: BucketKey) -> Int {
        buckets.first { $0.key == key }?.count ?? 0
    }

    /// The share of the testimonies that one count is, in percent (0 when nothing was counted).
    public func percent(_ count: Int) -> Double {
        testimonies == 0 ? 0 : Double(count) * 100 / Double(testimonies)
    }
}
