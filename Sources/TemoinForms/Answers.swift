import Foundation

/// The answers of one testimony, by field id.
///
/// Encoded as a JSON object `{FIELD_ID: VALUE}` with the value shapes of `AnswerValue`; records and
/// exports carry exactly this shape. Decoding is kind-aware when the decoder's
/// `userInfo[.questionnaire]` holds the questionnaire, and shape-preserving otherwise.
public struct Answers: Sendable, Hashable, Codable, ExpressibleByDictionaryLiteral {
    /// The answers, by field id.
    public var values: [String: AnswerValue]

    /// Creates a set of answers.
    public init(values: [String: AnswerValue] = [:]) {
        self.values = values
    }

    /// Creates a set of answers from a literal such as `["consent": .yesno(.yes)]`.
    public init(dictionaryLiteral elements: (String, AnswerValue)...) {
        values = Dictionary(elements, uniquingKeysWith: { _, last in last })
    }

    /// The answer to the field with this id; setting nil removes it.
    public subscript(id: String) -> AnswerValue? {
        get { values[id] }
        set { values[id] = newValue }
    }

    /// Whether there is no answer at all.
    public var isEmpty: Bool {
        values.isEmpty
    }

    /// Writes `{FIELD_ID: VALUE}` with the field ids in sorted order.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: AnyCodingKey.self)
        for id in values.keys.sorted() {
            try container.encode(values[id], forKey: AnyCodingKey(id))
        }
    }

    /// Reads `{FIELD_ID: VALUE}`; with `userInfo[.questionnaire]` set, values are typed by their
    /// field's kind and every problem is reported (as one `DecodingError` whose description lists
    /// them); without it, strings stay `.text`, integers `.number`, arrays `.choices`.
    public init(from decoder: any Decoder) throws {
        guard let questionnaire = decoder.userInfo[.questionnaire] as? Questionnaire else {
            values = try decoder.singleValueContainer().decode([String: AnswerValue].self)
            return
        }
        let container = try decoder.singleValueContainer()
        switch questionnaire.typedAnswers(from: try container.decode(JSONValue.self)) {
        case let .success(answers):
            self = answers
        case let .failure(error):
            throw DecodingError.dataCorruptedError(in: container, debugDescription: error.description)
        }
    }
}

extension CodingUserInfoKey {
    /// Where to put a `Questionnaire` so that decoding `Answers` types each value by its field.
    public static let questionnaire = CodingUserInfoKey(rawValue: "temoin.questionnaire")!
}
