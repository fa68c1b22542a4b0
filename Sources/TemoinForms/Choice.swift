/// One possible answer of a `choice` or `multichoice` field.
public struct Choice: Codable, Sendable, Hashable {
    /// The stable identifier stored in answers and exports (snake_case).
    public var id: String
    /// What the volunteer sees and reads out.
    public var label: Localized

    /// Creates a choice.
    public init(id: String, label: Localized) {
        self.id = id
        self.label = label
    }

    /// Reads the JSON form, refusing unknown keys.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.strictContainer(allowing: ["id", "label"])
        id = try container.decode(String.self, forKey: AnyCodingKey("id"))
        label = try container.decode(Localized.self, forKey: AnyCodingKey("label"))
    }
}
