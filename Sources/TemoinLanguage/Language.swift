/// A language the questionnaire and every message of Témoin are written in.
public enum Language: String, Codable, Sendable, CaseIterable {
    /// French, the language of the desk by default.
    case fr
    /// English.
    case en

    /// The language named by `LC_ALL`, then `LC_MESSAGES`, then `LANG`: French for `fr*`, else English.
    ///
    /// As in POSIX, the first of these that is set and not empty decides. The name is parsed, not asked of
    /// `setlocale`, so a French locale that is not installed on the machine (`fr_FR.UTF-8`) still gives French;
    /// `C`, `POSIX` and `C.UTF-8` give English.
    public static func fromLocale(environment: [String: String]) -> Language {
        for name in ["LC_ALL", "LC_MESSAGES", "LANG"] {
            guard let value = environment[name], !value.isEmpty else { continue }
            return value.lowercased().hasPrefix("fr") ? .fr : .en
        }
        return .en
    }

    /// The language for `--lang`: `fr` or `en` (case-insensitive); nil otherwise.
    public static func named(_ name: String) -> Language? {
        Language(rawValue: name.lowercased())
    }

    /// `fr` in French, `en` in English: how each layer's text tables pick their text.
    public func pick(fr: String, en: String) -> String {
        self == .fr ? fr : en
    }
}

/// An error that can say itself in French and in English, from its layer's one text table.
///
/// `description` is the English text (logs, tests); `message(in:)` is what the command line and the UIs show.
public protocol TemoinError: Error, CustomStringConvertible {
    /// What to tell a person about this error in `language`: what happened and what to do next.
    func message(in language: Language) -> String
}

extension TemoinError {
    public var description: String { message(in: .en) }
}
