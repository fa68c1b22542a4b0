/// A group of questions asked together, such as "When and where".
public struct Section: Codable, Sendable, Hashable {
    /// The stable identifier of the section (snake_case).
    public var id: String
    /// The section title.
    public var title: Localized
    /// A short hint shown with the section.
    public var help: Localized?
    /// Skip logic: the whole section is asked only when this holds.
    public var when: Condition?
    /// The questions, in the order they are asked.
    public var fields: [Field]

    /// Creates a section.
    public init(id: String, title: Localized, help: Localized? = nil, when: Condition? = nil, fields: [Field]) {
        self.id = id
        self.title = title
        self.help = help
        self.when = when
        self.fields = fields
    }

    /// Reads the JSON form, refusing unknown keys.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.strictContainer(allowing: ["id", "title", "help", "when", "fields"])
        id = try container.decode(String.self, forKey: AnyCodingKey("id"))
        title = try container.decode(Localized.self, forKey: AnyCodingKey("title"))
        help = try container.decodeIfPresent(Localized.self, forKey: AnyCodingKey("help"))
        when = try container.decodeIfPresent(Condition.self, forKey: AnyCodingKey("when"))
        fields = try container.decode([Field].self, forKey: AnyCodingKey("fields"))
    }
}
