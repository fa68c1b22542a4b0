/// Skip logic: a test on earlier answers that decides whether a section or field is asked.
///
/// In a questionnaire file a condition is one JSON object:
/// `{"field": "x", "equals": "yes"}`, `{"field": "x", "in": ["a", "b"]}`,
/// `{"field": "x", "includes": "c"}` (multichoice), `{"field": "x", "answered": true}`,
/// `{"all": [...]}`, `{"any": [...]}` or `{"not": {...}}`.
public indirect enum Condition: Codable, Sendable, Hashable {
    /// The field's answer is this choice id, or this `yes` / `no` / `unknown`.
    case equals(field: String, value: String)
    /// The field's answer is one of these choice ids or yes / no / unknown values.
    case oneOf(field: String, values: [String])
    /// The multichoice field's answer includes this choice id.
    case includes(field: String, choice: String)
    /// The field has an answer (`true`) or has none (`false`); blank text counts as none.
    case answered(field: String, Bool)
    /// Every condition holds.
    case all([Condition])
    /// At least one condition holds.
    case any([Condition])
    /// The condition does not hold.
    case not(Condition)

    /// Whether the condition holds for these answers.
    public func holds(in answers: Answers) -> Bool {
        switch self {
        case let .equals(field, value):
            return answers[field]?.comparableText == value
        case let .oneOf(field, values):
            guard let text = answers[field]?.comparableText else { return false }
            return values.contains(text)
        case let .includes(field, choice):
            guard case let .choices(ids)? = answers[field] else { return false }
            return ids.contains(choice)
        case let .answered(field, expected):
            return (answers[field]?.isAnswered ?? false) == expected
        case let .all(conditions):
            return conditions.allSatisfy { $0.holds(in: answers) }
        case let .any(conditions):
            return conditions.contains { $0.holds(in: answers) }
        case let .not(condition):
            return !condition.holds(in: answers)
        }
    }

    /// The ids of the fields this condition reads, in the order they appear.
    public var referencedFields: [String] {
        switch self {
        case let .equals(field, _), let .oneOf(field, _), let .includes(field, _), let .answered(field, _):
            [field]
        case let .all(conditions), let .any(conditions):
            conditions.flatMap(\.referencedFields)
        case let .not(condition):
            condition.referencedFields
        }
    }

    private static let operators = ["equals", "in", "includes", "answered"]
    private static let combinators = ["all", "any", "not"]

    /// Reads the JSON form, refusing unknown keys.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.strictContainer(allowing: ["field"] + Self.operators + Self.combinators)
        let keys = container.allKeys.map(\.stringValue)
        let path = decoder.codingPath.jsonPath
        let combinator = keys.filter(Self.combinators.contains)
        if !combinator.isEmpty {
            guard keys.count == 1 else {
                throw QuestionnaireError.invalidCondition(
                    path: path, detail: Localized(
                        fr: "« \(combinator[0]) » doit être la seule clé de son objet",
                        en: "“\(combinator[0])” must be the only key of its object"))
            }
            let key = AnyCodingKey(combinator[0])
            switch combinator[0] {
            case "not":
                self = .not(try container.decode(Condition.self, forKey: key))
            default:
                let list = try container.decode([Condition].self, forKey: key)
                guard !list.isEmpty else {
                    throw QuestionnaireError.invalidCondition(
                        path: path, detail: Localized(
                            fr: "la liste de « \(combinator[0]) » est vide",
                            en: "the “\(combinator[0])” list is empty"))
                }
                self = combinator[0] == "all" ? .all(list) : .any(list)
            }
            return
        }
        let operators = keys.filter(Self.operators.contains)
        guard keys.contains("field"), operators.count == 1 else {
            throw QuestionnaireError.invalidCondition(
                path: path,
                detail: Localized(
                    fr: "écrivez {\"field\": ID} avec une seule clé parmi equals, in, includes, answered — ou bien all, any, not",
                    en: "write {\"field\": ID} with exactly one of equals, in, includes, answered — or use all, any, not"))
        }
        let field = try container.decode(String.self, forKey: AnyCodingKey("field"))
        let key = AnyCodingKey(operators[0])
        switch operators[0] {
        case "equals":
            self = .equals(field: field, value: try container.decode(String.self, forKey: key))
        case "in":
            let values = try container.decode([String].self, forKey: key)
            guard !values.isEmpty else {
                throw QuestionnaireError.invalidCondition(
                    path: path, detail: Localized(fr: "la liste de « in » est vide", en: "the “in” list is empty"))
            }
            self = .oneOf(field: field, values: values)
        case "includes":
            self = .includes(field: field, choice: try container.decode(String.self, forKey: key))
        default:
            self = .answered(field: field, try container.decode(Bool.self, forKey: key))
        }
    }

    /// Writes the JSON form described above.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: AnyCodingKey.self)
        // A test on one field: `{"field": …, "<test>": operand}`.
        func test(_ field: String, _ name: String, _ operand: some Encodable) throws {
            try container.encode(field, forKey: AnyCodingKey("field"))
            try container.encode(operand, forKey: AnyCodingKey(name))
        }
        switch self {
        case let .equals(field, value): try test(field, "equals", value)
        case let .oneOf(field, values): try test(field, "in", values)
        case let .includes(field, choice): try test(field, "includes", choice)
        case let .answered(field, expected): try test(field, "answered", expected)
        case let .all(conditions):
            try container.encode(conditions, forKey: AnyCodingKey("all"))
        case let .any(conditions):
            try container.encode(conditions, forKey: AnyCodingKey("any"))
        case let .not(condition):
            try container.encode(condition, forKey: AnyCodingKey("not"))
        }
    }
}
