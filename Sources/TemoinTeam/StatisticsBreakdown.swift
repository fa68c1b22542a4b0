import TemoinForms

/// What a count series counts: a field of the questionnaire and how its answers are grouped.
public struct Breakdown: Sendable, Hashable {
    /// How answers become buckets.
    public enum Grouping: Sendable, Hashable {
        /// Free text, counted trimmed and case-insensitively (accents kept); shown with its most frequent spelling.
        case text
        /// Dates, by month (`2026-03`), chronologically.
        case month
        /// Choice, multichoice and yes / no answers: one bucket per choice; a multichoice testimony
        /// counts once in each choice it ticks.
        case choices
        /// Numbers of minutes, in ranges: 0, 1–2, 3–5, 6–10, 11–20, 21–60, over 60.
        case minutes
    }

    /// The field id, e.g. `forces`.
    public var fieldID: String
    /// How its answers are grouped.
    public var grouping: Grouping
    /// The title of the chart.
    public var title: Localized

    /// Creates a breakdown.
    public init(fieldID: String, grouping: Grouping, title: Localized) {
        self.fieldID = fieldID
        self.grouping = grouping
        self.title = title
    }

    /// Testimonies by city (`city`).
    public static let city = Breakdown(fieldID: "city", grouping: .text, title: StatisticsLabels.byCity)
    /// Testimonies by month of the check (`check_date`).
    public static let month = Breakdown(fieldID: "check_date", grouping: .month, title: StatisticsLabels.byMonth)
    /// Testimonies by police force (`forces`, multichoice).
    public static let forces = Breakdown(fieldID: "forces", grouping: .choices, title: StatisticsLabels.byForce)
    /// Testimonies by kind of device (`device_kind`).
    public static let deviceKind = Breakdown(fieldID: "device_kind", grouping: .choices, title: StatisticsLabels.byDevice)
    /// Whether a photo of the face was taken (`face_photo`).
    public static let facePhoto = Breakdown(fieldID: "face_photo", grouping: .choices, title: StatisticsLabels.facePhoto)
    /// Whether consent was asked for the photo (`photo_consent`).
    public static let photoConsent = Breakdown(fieldID: "photo_consent", grouping: .choices, title: StatisticsLabels.photoConsent)
    /// Whether a result was shown or told (`result_shown`).
    public static let resultShown = Breakdown(fieldID: "result_shown", grouping: .choices, title: StatisticsLabels.resultShown)
    /// How the check ended (`outcome`).
    public static let outcome = Breakdown(fieldID: "outcome", grouping: .choices, title: StatisticsLabels.outcome)
    /// Minutes until the result (`result_delay`).
    public static let resultDelay = Breakdown(fieldID: "result_delay", grouping: .minutes, title: StatisticsLabels.resultDelay)

    /// The series the legal team asked for, in the order the report shows them.
    public static let standard: [Breakdown] = [
        .city, .month, .forces, .deviceKind, .facePhoto, .photoConsent, .resultShown, .outcome, .resultDelay,
    ]

    /// The buckets a testimony falls in; `asked` tells an empty answer from a question that did not apply.
    func keys(in answers: Answers, asked: Bool) -> [BucketKey] {
        grouping.keys(of: answers[fieldID], asked: asked)
    }
}

extension Breakdown.Grouping {
    /// The buckets an answer (nil when none) falls in; `asked` tells an empty answer from a question that did not apply.
    func keys(of answer: AnswerValue?, asked: Bool) -> [BucketKey] {
        guard let value = answer, value.isAnswered else { return [asked ? .notAnswered : .notAsked] }
        switch self {
        case .text:
            return [.value(value.description.countingKey)]
        case .month:
            guard let date = value.approximateDate else { return [.unreadable] }
            return [.value(ApproximateDate(year: date.year, month: date.month).description)]
        case .choices:
            return value.pickedIDs.map(BucketKey.value)
        case .minutes:
            guard let minutes = value.wholeNumber, let range = DelayRange.containing(minutes) else { return [.unreadable] }
            return [.value(range.key)]
        }
    }
}

/// A range of minutes of the delay series.
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
