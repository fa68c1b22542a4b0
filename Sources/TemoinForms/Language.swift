/// A language the questionnaire and its messages are written in.
public enum Language: String, Codable, Sendable, CaseIterable {
    /// French, the language of the desk by default.
    case fr
    /// English.
    case en
}
