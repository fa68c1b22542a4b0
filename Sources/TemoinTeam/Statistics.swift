import TemoinForms

/// The counts the legal team charts — by default the questionnaire's `charted` fields (city, month, police
/// force, device, photo, consent, result, outcome, delay in the built-in one) — over the testimonies that
/// pass a filter.
///
/// Only records decrypted `ok` or `unverified` count; the caller leaves withdrawn ones out. Pure and
/// `Sendable`: the HTML report, the browse UI and `team stats` build it from the same records and `Filter`.
public struct Statistics: Sendable {
    /// One desk whose testimonies are counted.
    public struct Desk: Sendable, Hashable {
        /// The desk name from the bundle header.
        public var name: String
        /// The desk fingerprint.
        public var fingerprint: String
        /// How many of the counted testimonies it sealed.
        public var testimonies: Int
        /// Its standing with the team.
        public var trust: SignerTrust = .unknown
    }

    /// How many testimonies are counted.
    public var testimonies: Int
    /// How many of them were recovered from a damaged bundle, so their origin is not proven.
    public var unverified: Int
    /// The bundles they came from, in the order first met.
    public var bundles: [String]
    /// The desks that sealed them, in the order first met.
    public var desks: [Desk]
    /// One series per breakdown asked for, in that order.
    public var series: [CountSeries]

    /// The series of this field, if it was counted.
    public func series(_ fieldID: String) -> CountSeries? {
        series.first { $0.breakdown.fieldID == fieldID }
    }

    /// Whether a record with this status is counted: every testimony output (`RecordStatus.isOutput`), the
    /// flagged ones too (each marked where it is shown): none is hidden from the team.
    public static func counts(_ status: RecordStatus) -> Bool {
        status.isOutput
    }

    /// The records that are counted and pass `filter`, in their original order: what a list of
    /// testimonies next to these statistics shows.
    /// `cases` gives the status and tags of a condition on them.
    public static func selection(of records: [DecryptedRecord], form: Questionnaire, filter: Filter, cases: CaseBook? = nil) -> [DecryptedRecord] {
        records.filter { counts($0.status) && filter.matches($0, in: form, cases: cases) }
    }
}

extension Statistics {
    /// Counts `records` that pass `filter`, labelling buckets with `form`; `breakdowns` defaults to the
    /// questionnaire's charted fields. (Declared here so that the struct keeps its memberwise initializer.)
    public init(records: [DecryptedRecord], form: Questionnaire, filter: Filter = Filter(), breakdowns: [Breakdown]? = nil) {
        var counter = StatisticsCounter(form: form, breakdowns: breakdowns ?? Breakdown.charted(in: form))
        for record in records where Self.counts(record.status) && filter.matches(record, in: form) { counter.add(record) }
        self = counter.statistics()
    }
}

/// Counts testimonies one at a time, so that a command writing them out as they are decrypted (a
/// spreadsheet's figures sheet) need not keep them all.
public struct StatisticsCounter: Sendable {
    private let form: Questionnaire
    private let visibility: FieldVisibility
    private var tallies: [StatisticsTally]
    /// Each tally's field in `visibility`, nil for one the questionnaire does not have.
    private let positions: [Int?]
    private var testimonies = 0, unverified = 0
    private var bundles: [String] = [], seenBundles: Set<String> = []
    private var desks: [Statistics.Desk] = [], deskIndex: [String: Int] = [:]

    /// A counter of `breakdowns`, labelled with `form`.
    public init(form: Questionnaire, breakdowns: [Breakdown]) {
        self.form = form
        let visibility = FieldVisibility(form)
        self.visibility = visibility
        tallies = breakdowns.map(StatisticsTally.init)
        positions = breakdowns.map { visibility.position(of: $0.fieldID) }
    }

    /// Counts one testimony (the caller has filtered it and checked its status).
    public mutating func add(_ record: DecryptedRecord) {
        let asked = visibility.asked(in: record.payload.answers)
        for index in tallies.indices {
            tallies[index].add(record, asked: tallies[index].isOrigin || positions[index].map { asked[$0] } ?? false)
        }
        testimonies += 1
        if seenBundles.insert(record.bundle).inserted { bundles.append(record.bundle) }
        if let index = deskIndex[record.deskFingerprint] {
            desks[index].testimonies += 1
        } else {
            deskIndex[record.deskFingerprint] = desks.count
            desks.append(Statistics.Desk(name: record.deskName, fingerprint: record.deskFingerprint, testimonies: 1, trust: record.deskTrust))
        }
        if record.status == .unverified { unverified += 1 }
    }

    /// The statistics of the testimonies counted so far.
    public func statistics() -> Statistics {
        Statistics(testimonies: testimonies, unverified: unverified, bundles: bundles, desks: desks,
                   series: tallies.map { $0.series(form: form) })
    }
}
