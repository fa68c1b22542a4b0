/// A time of day as a witness says it when unsure: around a time ("vers 18h30") or a part of the
/// day ("en fin d'après-midi"); kept approximate so that nobody later reads it as exact.
///
/// A `time` field stores an exact time as `TimeOfDay` (`18:30`) and an approximate one as this, encoded
/// as `~18:30` or as the name of a part of the day (`late-afternoon`); see Docs/FORMAT.md.
public enum ApproximateTime: Sendable, Hashable, CustomStringConvertible {
    /// About this time.
    case around(TimeOfDay)
    /// Some time in this part of the day.
    case period(DayPeriod)

    /// Reads the canonical form: `~HH:MM` (shaped so, whether or not the time exists: check `isValid`)
    /// or a part of the day's name; nil otherwise.
    public init?(canonical text: String) {
        if text.hasPrefix("~") {
            guard let time = TimeOfDay.isoShaped(String(text.dropFirst())) else { return nil }
            self = .around(time)
        } else {
            guard let period = DayPeriod(rawValue: text) else { return nil }
            self = .period(period)
        }
    }

    /// The canonical form: `~18:30`, `late-afternoon`.
    public var description: String {
        switch self {
        case let .around(time): "~" + time.description
        case let .period(period): period.rawValue
        }
    }

    /// How it reads to a person: "vers 18:30", "late afternoon".
    public func spoken(_ language: Language) -> String {
        switch self {
        case let .around(time): (language == .fr ? "vers " : "around ") + time.description
        case let .period(period): period.label.text(language)
        }
    }

    /// Whether the time exists (a part of the day always does).
    public var isValid: Bool {
        switch self {
        case let .around(time): time.isValid
        case .period: true
        }
    }
}

/// A part of the day, as witnesses say "in the evening" when they do not know the hour.
public enum DayPeriod: String, Sendable, CaseIterable {
    case earlyMorning = "early-morning"
    case morning
    case lateMorning = "late-morning"
    case earlyAfternoon = "early-afternoon"
    case afternoon
    case lateAfternoon = "late-afternoon"
    case evening
    case night

    /// The name shown to a person.
    public var label: Localized {
        switch self {
        case .earlyMorning: Localized(fr: "tôt le matin", en: "early morning")
        case .morning: Localized(fr: "le matin", en: "in the morning")
        case .lateMorning: Localized(fr: "en fin de matinée", en: "late morning")
        case .earlyAfternoon: Localized(fr: "en début d'après-midi", en: "early afternoon")
        case .afternoon: Localized(fr: "l'après-midi", en: "in the afternoon")
        case .lateAfternoon: Localized(fr: "en fin d'après-midi", en: "late afternoon")
        case .evening: Localized(fr: "le soir", en: "in the evening")
        case .night: Localized(fr: "la nuit", en: "at night")
        }
    }

    /// The ways people say it, folded (no accents, lower case) and without small words (`en`, `the`…).
    var spokenForms: [String] {
        switch self {
        case .earlyMorning: ["tot matin", "debut matinee", "debut matin", "petit matin", "early morning"]
        case .morning: ["matin", "matinee", "morning"]
        case .lateMorning: ["fin matinee", "fin matin", "late morning"]
        case .earlyAfternoon: ["debut apres midi", "early afternoon"]
        case .afternoon: ["apres midi", "aprem", "afternoon"]
        case .lateAfternoon: ["fin apres midi", "late afternoon"]
        case .evening: ["soir", "soiree", "debut soiree", "evening", "early evening"]
        case .night: ["nuit", "tard soir", "fin soiree", "night", "late evening", "late night"]
        }
    }
}
