/// One question of the questionnaire.
public struct Field: Codable, Sendable, Hashable {
    /// The stable identifier that answers, records and exports carry (snake_case).
    public var id: String
    /// The kind of answer expected.
    public var kind: FieldKind
    /// Whether a testimony can only be sealed with an answer here (when the question is asked).
    public var required: Bool
    /// The question, as the volunteer asks it.
    public var label: Localized
    /// A short hint for the volunteer.
    public var help: Localized?
    /// The possible answers; empty unless `kind` is `choice` or `multichoice`.
    public var choices: [Choice]
    /// Skip logic: the question is asked only when this holds.
    public var when: Condition?
    /// The smallest number (`number`), or the fewest choices ticked (`multichoice`).
    public var min: Int?
    /// The largest number (`number`), the most choices ticked (`multichoice`), or the most files (`files`).
    public var max: Int?
    /// `files` only: the largest file accepted, in bytes.
    public var maxSize: Int?
    /// `files` only: the media types accepted, as libmagic names them (`image/jpeg`) or a family (`video/*`);
    /// nil accepts any type.
    public var accept: [String]?
    /// The most characters a `text` or `longtext` answer may have.
    public var maxLength: Int?
    /// The only acceptable answer (a choice id, or `yes` / `no` / `unknown`), such as consent `yes`.
    public var mustBe: String?
    /// What to tell the volunteer when the answer is not `mustBe`.
    public var mustBeMessage: Localized?
    /// An answer the desk fills in when a testimony starts, which the volunteer can change.
    public var prefill: Prefill?

    /// Where a prefilled answer comes from.
    public enum Prefill: String, Codable, Sendable, Hashable {
        /// The choice whose id is the desk's language code (`fr`, `en`): the interview is most often
        /// held in the language of the desk, so the volunteer only changes it when it is not.
        case deskLanguage
    }
    /// What the field means to the team's analysis (the city, the date, charted, private…).
    public var roles: [FieldRole]

    /// Creates a field; `choices` only for `choice` and `multichoice` fields.
    public init(
        id: String, kind: FieldKind, required: Bool = false, label: Localized, help: Localized? = nil,
        choices: [Choice] = [], when: Condition? = nil, min: Int? = nil, max: Int? = nil,
        maxLength: Int? = nil, mustBe: String? = nil, mustBeMessage: Localized? = nil, prefill: Prefill? = nil,
        roles: [FieldRole] = [], maxSize: Int? = nil, accept: [String]? = nil
    ) {
        self.maxSize = maxSize
        self.accept = accept
        self.id = id
        self.kind = kind
        self.required = required
        self.label = label
        self.help = help
        self.choices = choices
        self.when = when
        self.min = min
        self.max = max
        self.maxLength = maxLength
        self.mustBe = mustBe
        self.mustBeMessage = mustBeMessage
        self.prefill = prefill
        self.roles = roles
    }

    /// The choice with this id, if the field has one.
    public func choice(_ id: String) -> Choice? {
        choices.first { $0.id == id }
    }

    /// Whether a `files` field takes a file whose content libmagic names `type` (`image/jpeg`): listed
    /// exactly, or by its family (`image/*`), or any type when the field lists none.
    public func accepts(type: String) -> Bool {
        guard let accept else { return true }
        let family = type.split(separator: "/").first.map { "\($0)/*" }
        return accept.contains { $0 == type || $0 == family }
    }

    /// The most characters a text answer may have: `maxLength`, or a generous default.
    public var effectiveMaxLength: Int {
        maxLength ?? (kind == .longtext ? 100_000 : 500)
    }

    private enum Key {
        static let all = [
            "id", "kind", "required", "label", "help", "choices", "when",
            "min", "max", "maxLength", "mustBe", "mustBeMessage", "prefill", "roles", "maxSize", "accept",
        ]
    }

    /// Reads the JSON form; `required` defaults to false and `choices` to none; unknown keys are refused.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.strictContainer(allowing: Key.all)
        func key(_ name: String) -> AnyCodingKey { AnyCodingKey(name) }
        id = try container.decode(String.self, forKey: key("id"))
        let kindName = try container.decode(String.self, forKey: key("kind"))
        guard let kind = FieldKind(rawValue: kindName) else {
            throw QuestionnaireError.unknownKind(path: (decoder.codingPath + [key("kind")]).jsonPath, kind: kindName)
        }
        self.kind = kind
        required = try container.decodeIfPresent(Bool.self, forKey: key("required")) ?? false
        label = try container.decode(Localized.self, forKey: key("label"))
        help = try container.decodeIfPresent(Localized.self, forKey: key("help"))
        choices = try container.decodeIfPresent([Choice].self, forKey: key("choices")) ?? []
        when = try container.decodeIfPresent(Condition.self, forKey: key("when"))
        min = try container.decodeIfPresent(Int.self, forKey: key("min"))
        max = try container.decodeIfPresent(Int.self, forKey: key("max"))
        maxLength = try container.decodeIfPresent(Int.self, forKey: key("maxLength"))
        maxSize = try container.decodeIfPresent(Int.self, forKey: key("maxSize"))
        accept = try container.decodeIfPresent([String].self, forKey: key("accept"))
        mustBe = try container.decodeIfPresent(String.self, forKey: key("mustBe"))
        mustBeMessage = try container.decodeIfPresent(Localized.self, forKey: key("mustBeMessage"))
        if let name = try container.decodeIfPresent(String.self, forKey: key("prefill")) {
            guard let prefill = Prefill(rawValue: name) else {
                throw QuestionnaireError.invalidStructure(
                    path: (decoder.codingPath + [key("prefill")]).jsonPath,
                    detail: Localized(fr: "prefill vaut « \(name) » ; seule valeur possible : deskLanguage",
                                      en: "prefill is “\(name)”; the only possible value is deskLanguage"))
            }
            self.prefill = prefill
        }
        let fieldID = id
        roles = try container.decodeIfPresent([String].self, forKey: key("roles"))?.map { name in
            guard let role = FieldRole(rawValue: name) else {
                throw QuestionnaireError.unknownRole(field: fieldID, role: name)
            }
            return role
        } ?? []
    }

    /// Writes the JSON form, leaving out empty choices and absent optional keys.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: AnyCodingKey.self)
        func key(_ name: String) -> AnyCodingKey { AnyCodingKey(name) }
        try container.encode(id, forKey: key("id"))
        try container.encode(kind, forKey: key("kind"))
        try container.encode(required, forKey: key("required"))
        try container.encode(label, forKey: key("label"))
        try container.encodeIfPresent(help, forKey: key("help"))
        try container.encodeIfPresent(choices.isEmpty ? nil : choices, forKey: key("choices"))
        try container.encodeIfPresent(when, forKey: key("when"))
        try container.encodeIfPresent(min, forKey: key("min"))
        try container.encodeIfPresent(max, forKey: key("max"))
        try container.encodeIfPresent(maxLength, forKey: key("maxLength"))
        try container.encodeIfPresent(maxSize, forKey: key("maxSize"))
        try container.encodeIfPresent(accept, forKey: key("accept"))
        try container.encodeIfPresent(mustBe, forKey: key("mustBe"))
        try container.encodeIfPresent(mustBeMessage, forKey: key("mustBeMessage"))
        try container.encodeIfPresent(prefill, forKey: key("prefill"))
        try container.encodeIfPresent(roles.isEmpty ? nil : roles, forKey: key("roles"))
    }
}
