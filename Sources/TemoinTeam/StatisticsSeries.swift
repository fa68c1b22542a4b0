import TemoinForms

/// Which bucket of a series a testimony falls in.
public enum BucketKey: Sendable, Hashable {
    /// A value: a choice id, `yes` / `no` / `unknown`, a month `2026-03`, a delay range `3-5`,
    /// a counting form of free text (trimmed, lower-case) or of a city, a desk fingerprint.
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

    /// Whether the bucket holds answers (not "not answered", "did not apply" or "unreadable").
    public var isValue: Bool {
        if case .value = key { true } else { false }
    }
}

/// The counts of one question over the testimonies: what a bar chart and its table show, with the
/// denominator a reader needs to quote a figure right.
///
/// Percentages are of `asked`, the testimonies to which the question applied ("parmi les 34 personnes
/// photographiées"), never of every testimony; "did not apply" is counted apart, without a percentage.
public struct CountSeries: Sendable, Hashable {
    /// Under this many testimonies asked, a percentage is shown with a caution: it may move a lot with one
    /// more testimony (Docs/GUIDE-EQUIPE.md, "Lire un chiffre").
    public static let smallSample = 30

    /// What is counted.
    public var breakdown: Breakdown
    /// The buckets in display order: chronological for months, ascending for delays, by count
    /// (largest first) otherwise; then `not answered`, `unreadable` and, apart, `did not apply`.
    public var buckets: [CountBucket]
    /// How many testimonies were counted, whether or not the question applied to them.
    public var testimonies: Int
    /// When the question is only asked after some answers: that condition in words.
    public var askedWhen: Localized?

    /// Creates a series.
    public init(breakdown: Breakdown, buckets: [CountBucket], testimonies: Int, askedWhen: Localized? = nil) {
        self.breakdown = breakdown
        self.buckets = buckets
        self.testimonies = testimonies
        self.askedWhen = askedWhen
    }

    /// The largest count of a bucket, 0 when there is none.
    public var largest: Int { buckets.map(\.count).max() ?? 0 }

    /// The count of the bucket with this key, 0 when absent.
    public func count(_ key: BucketKey) -> Int {
        buckets.first { $0.key == key }?.count ?? 0
    }

    /// The testimonies to which the question applied: the denominator of every percentage.
    public var asked: Int { testimonies - count(.notAsked) }

    /// Of those, how many gave an answer that can be read.
    public var answered: Int { asked - count(.notAnswered) - count(.unreadable) }

    /// Whether percentages rest on fewer than `smallSample` testimonies.
    public var isSmall: Bool { asked < Self.smallSample }

    /// The share of the testimonies asked that a bucket counts, in percent; nil for "did not apply"
    /// (it is not part of the denominator) and when nobody was asked.
    public func percent(_ bucket: CountBucket) -> Double? {
        guard bucket.key != .notAsked, asked > 0 else { return nil }
        return Double(bucket.count) * 100 / Double(asked)
    }

    /// The notes a reader needs under the figure: the denominator, several answers per person, small counts.
    public var notes: [Localized] {
        var notes = [StatisticsLabels.denominator(asked: asked, of: testimonies, when: askedWhen)]
        if breakdown.multiple { notes.append(StatisticsLabels.multipleNote) }
        if isSmall && asked > 0 { notes.append(StatisticsLabels.smallNote(asked)) }
        return notes
    }
}
