import TemoinForms

/// What a count series counts: a field of the questionnaire (or the desk) and how its answers are grouped.
///
/// Built from the questionnaire (`init(field:)`, `Breakdown.charted(in:)`), never from hard-coded field
/// ids: a questionnaire the team replaces keeps its figures through its field roles.
public struct Breakdown: Sendable, Hashable {
    /// How answers become buckets.
    public enum Grouping: Sendable, Hashable {
        /// Free text, counted trimmed and case-insensitively (accents kept); shown with its most frequent spelling.
        case text
        /// A city, grouped by the rules of `CityName` (case, accents, arrondissement or postcode).
        case city
        /// Dates, by month (`2026-03`), chronologically.
        case month
        /// Choice, multichoice and yes / no answers: one bucket per choice; a multichoice testimony
        /// counts once in each choice it ticks.
        case choices
        /// Numbers of minutes, in ranges: 0, 1–2, 3–5, 6–10, 11–20, 21–60, over 60.
        case minutes
        /// Whole numbers and times of day, one bucket per value.
        case value
        /// The desk that sealed the testimony (its fingerprint), shown with the desk's name.
        case desk
        /// The standing of that desk with the team (`SignerTrust`): approved, new, revoked, unknown.
        case trust
    }

    /// The field id, e.g. `forces`; `Breakdown.deskID` for the desk.
    public var fieldID: String
    /// How its answers are grouped.
    public var grouping: Grouping
    /// The title of the chart: the question as it was asked.
    public var title: Localized
    /// Whether a testimony may fall in several buckets (a multichoice), so percentages do not add up to 100.
    public var multiple: Bool

    /// Creates a breakdown.
    public init(fieldID: String, grouping: Grouping, title: Localized, multiple: Bool = false) {
        self.fieldID = fieldID
        self.grouping = grouping
        self.title = title
        self.multiple = multiple
    }

    /// The breakdown of a field, grouped as its kind and roles say.
    public init(field: Field) {
        let grouping: Grouping = switch field.kind {
        case .choice, .multichoice, .yesno: .choices
        case .date: .month
        case .number: field.has(.minutes) ? .minutes : .value
        case .time: .value
        case .text, .longtext: field.has(.city) ? .city : .text
        case .files: .text
        }
        self.init(fieldID: field.id, grouping: grouping, title: field.label, multiple: field.kind == .multichoice)
    }

    /// The id under which the desk is counted and filtered; no questionnaire field can have it (ids start with a letter).
    public static let deskID = "_desk"

    /// Testimonies by desk.
    public static let desk = Breakdown(fieldID: deskID, grouping: .desk, title: StatisticsLabels.byDesk)

    /// The id under which the desk's standing is counted and filtered.
    public static let trustID = "_trust"

    /// Testimonies by the standing of their desk.
    public static let trust = Breakdown(fieldID: trustID, grouping: .trust, title: StatisticsLabels.byTrust)

    /// Whether the breakdown reads the record's origin (desk, trust) rather than an answer: it always applies.
    public var isOrigin: Bool { grouping == .desk || grouping == .trust }

    /// The series the legal team charts by default: the questionnaire's `charted` fields, in order.
    public static func charted(in form: Questionnaire) -> [Breakdown] {
        form.fields(withRole: .charted).filter { !$0.has(.private) }.map(Breakdown.init(field:))
    }

    /// The breakdown of this field id (or `deskID`), if the questionnaire has the field.
    public static func of(_ fieldID: String, in form: Questionnaire) -> Breakdown? {
        fieldID == deskID ? .desk : fieldID == trustID ? .trust : form.field(fieldID).map(Breakdown.init(field:))
    }

    /// The buckets a testimony falls in; `asked` tells an empty answer from a question that did not apply.
    func keys(in record: DecryptedRecord, asked: Bool) -> [BucketKey] {
        if grouping == .desk { return [.value(record.deskFingerprint)] }
        if grouping == .trust { return [.value(record.deskTrust.rawValue)] }
        return grouping.keys(of: record.payload.answers[fieldID], asked: asked)
    }

    /// What the bucket of `key` is called when the record shows it: a spelling of a text, a desk's name and
    /// fingerprint (any desk can take any name: a forger's desk named like the genuine one was a second
    /// "Permanence" in `team stats --by desk`, the browser's F3 and F6, and nothing told which was which); a name
    /// is cut at 40 characters, so that a long one does not push the fingerprint out of a column.
    func spelling(in record: DecryptedRecord) -> String? {
        switch grouping {
        case .desk: "\(record.shortDeskName) (\(record.deskFingerprint))"
        case .city: record.payload.answers[fieldID].map { CityName.base(of: $0.description) }
        case .text: record.payload.answers[fieldID]?.description.tidied
        case .month, .choices, .minutes, .value, .trust: nil
        }
    }
}

extension Breakdown.Grouping {
    /// The buckets an answer (nil when none) falls in; `asked` tells an empty answer from a question that did not apply.
    func keys(of answer: AnswerValue?, asked: Bool) -> [BucketKey] {
        guard let value = answer, value.isAnswered else { return [asked ? .notAnswered : .notAsked] }
        switch self {
        case .text:
            return [.value(value.description.countingKey)]
        case .city:
            return [.value(CityName.key(of: value.description))]
        case .month:
            guard let date = value.approximateDate else { return [.unreadable] }
            return [.value(ApproximateDate(year: date.year, month: date.month).description)]
        case .choices:
            return value.pickedIDs.map(BucketKey.value)
        case .minutes:
            guard let minutes = value.wholeNumber, let range = DelayRange.containing(minutes) else { return [.unreadable] }
            return [.value(range.key)]
        case .value:
            return [.value(value.description.tidied)]
        case .desk, .trust:
            return [.unreadable]
        }
    }
}

/// A range of minutes of a `minutes` series.
struct DelayRange: Sendable, Hashable {
    /// The first minute of the range.
    var lower: Int
    /// The last minute, or nil for "and more".
    var upper: Int?

    /// The ranges, in ascending order.
    static let all = [
        DelayRange(lower: 0, upper: 0), DelayRange(lower: 1, upper: 2), DelayRange(lower: 3, upper: 5),
        DelayRange(lower: 6, upper: 10), DelayRange(lower: 11, upper: 20), DelayRange(lower: 21, upper: 60),
        DelayRange(lower: 61, upper: nil),
    ]

    /// The range holding `minutes`; nil for a negative number.
    static func containing(_ minutes: Int) -> DelayRange? {
        all.first { minutes >= $0.lower && minutes <= ($0.upper ?? .max) }
    }

    /// The bucket key: `0`, `3-5`, `61+`.
    var key: String {
        guard let upper else { return "\(lower)+" }
        return lower == upper ? "\(lower)" : "\(lower)-\(upper)"
    }

    /// The label: "immédiat (0 min)", "3 à 5 min", "plus de 60 min".
    var label: Localized { StatisticsLabels.minutes(from: lower, to: upper) }
}
