import TemoinForms

/// The counts the legal team charts — by city, month, police force, device, photo, consent,
/// result, outcome and delay — over the testimonies that pass a filter.
///
/// Only records decrypted `ok` or `unverified` count; the caller leaves withdrawn ones out. Pure and
/// `Sendable`: the HTML report and the browse UI build it from the same records and `Filter`.
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

    /// Counts `records` that pass `filter`, labelling buckets with `form`.
    public init(records: [DecryptedRecord], form: Questionnaire, filter: Filter = Filter(),
                breakdowns: [Breakdown] = Breakdown.standard) {
        var tallies = breakdowns.map(StatisticsTally.init)
        var bundles: [String] = [], seenBundles: Set<String> = []
        var desks: [Desk] = [], deskIndex: [String: Int] = [:]
        var unverified = 0
        let selected = Self.selection(of: records, form: form, filter: filter)
        for record in selected {
            let answers = record.payload.answers
            let asked = form.visibleFieldIDs(in: answers)
            for index in tallies.indices {
                tallies[index].add(answers, asked: asked.contains(breakdowns[index].fieldID))
            }
            if seenBundles.insert(record.bundle).inserted { bundles.append(record.bundle) }
            if let index = deskIndex[record.deskFingerprint] {
                desks[index].testimonies += 1
            } else {
                deskIndex[record.deskFingerprint] = desks.count
                desks.append(Desk(name: record.deskName, fingerprint: record.deskFingerprint, testimonies: 1, trust: record.deskTrust))
            }
            if record.status == .unverified { unverified += 1 }
        }
        testimonies = selected.count
        self.unverified = unverified
        self.bundles = bundles
        self.desks = desks
        series = tallies.map { $0.series(form: form) }
    }

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
    public static func selection(of records: [DecryptedRecord], form: Questionnaire, filter: Filter) -> [DecryptedRecord] {
        records.filter { counts($0.status) && filter.matches($0, in: form) }
    }
}
