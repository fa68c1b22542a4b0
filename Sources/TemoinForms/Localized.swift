@_exported import TemoinLanguage

/// A text given in every supported language.
///
/// In a questionnaire file it is written `{"fr": "…", "en": "…"}`; both keys are required.
public struct Localized: Codable, Sendable, Hashable {
    /// The French text.
    public var fr: String
    /// The English text.
    public var en: String

    /// Creates a text from its French and English versions.
    public init(fr: String, en: String) {
        self.fr = fr
        self.en = en
    }

    /// The text in `language`.
    public func text(_ language: Language) -> String {
        switch language {
        case .fr: fr
        case .en: en
        }
    }

    /// Reads the JSON form, refusing unknown keys.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.strictContainer(allowing: ["fr", "en"])
        fr = try container.decode(String.self, forKey: AnyCodingKey("fr"))
        en = try container.decode(String.self, forKey: AnyCodingKey("en"))
    }
}
