/// One answer, typed by the kind of its field.
///
/// Encoded in JSON as: a string for `text`, `longtext`, `choice` (the choice id), `date`
/// (`2026-03-14` or `2026-03`) and `time` (`18:30`, or approximate: `~18:30`, `late-afternoon`); `"yes"`, `"no"` or `"unknown"` for `yesno`;
/// an integer for `number`; an array of choice ids for `multichoice`.
public enum AnswerValue: Codable, Sendable, Hashable, CustomStringConvertible {
    /// A `text` or `longtext` answer, kept exactly as typed.
    case text(String)
    /// The id of the choice picked in a `choice` field.
    case choice(String)
    /// The ids of the choices ticked in a `multichoice` field, in the order given.
    case choices([String])
    /// A `yesno` answer.
    case yesno(YesNo)
    /// A `number` answer.
    case number(Int)
    /// A `date` answer.
    case date(ApproximateDate)
    /// A `time` answer, exact.
    case time(TimeOfDay)
    /// A `time` answer as the witness said it when unsure: around a time, or a part of the day.
    case approximateTime(ApproximateTime)

    /// Whether this value has the shape a field of `kind` stores.
    public func fits(_ kind: FieldKind) -> Bool {
        switch (self, kind) {
        case (.text, .text), (.text, .longtext), (.choice, .choice), (.choices, .multichoice),
             (.yesno, .yesno), (.number, .number), (.date, .date), (.time, .time), (.approximateTime, .time):
            true
        default:
            false
        }
    }

    /// Whether this counts as an answer: blank text and an empty multichoice do not.
    public var isAnswered: Bool {
        switch self {
        case let .text(text): !text.allSatisfy(\.isWhitespace)
        case let .choices(ids): !ids.isEmpty
        default: true
        }
    }

    /// The value as conditions compare it (`equals`, `in`); nil for multichoice.
    var comparableText: String? {
        switch self {
        case .choices: nil
        default: description
        }
    }

    /// The value as its JSON string would read: the text itself, a choice id, `yes`, `3`,
    /// `2026-03`, `18:30`; multichoice ids separated by `, `.
    public var description: String {
        switch self {
        case let .text(text): text
        case let .choice(id): id
        case let .choices(ids): ids.joined(separator: ", ")
        case let .yesno(answer): answer.rawValue
        case let .number(number): String(number)
        case let .date(date): date.description
        case let .time(time): time.description
        case let .approximateTime(time): time.description
        }
    }

    /// Writes the JSON shape described above.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case let .text(text), let .choice(text): try container.encode(text)
        case let .choices(ids): try container.encode(ids)
        case let .yesno(answer): try container.encode(answer.rawValue)
        case let .number(number): try container.encode(number)
        case let .date(date): try container.encode(date)
        case let .time(time): try container.encode(time)
        case let .approximateTime(time): try container.encode(time.description)
        }
    }

    /// Reads a value without knowing its field: a string becomes `.text`, an integer `.number`,
    /// an array `.choices`. This keeps every JSON value exactly; to get typed values use
    /// `Questionnaire.decodeAnswers(fromJSON:)` or put the questionnaire in the decoder's
    /// `userInfo[.questionnaire]` when decoding `Answers`.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        // Strings first: most answers are, and each failed attempt costs a thrown error.
        if let text = try? container.decode(String.self) {
            self = .text(text)
        } else if let number = try? container.decode(Int.self) {
            self = .number(number)
        } else if let ids = try? container.decode([String].self) {
            self = .choices(ids)
        } else {
            throw DecodingError.dataCorruptedError(
                in: container, debugDescription: "an answer is a string, a whole number or an array of strings")
        }
    }
}
