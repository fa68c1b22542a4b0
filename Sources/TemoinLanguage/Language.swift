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

    /// A size in bytes, kB, MB or GB in this language (`1,2 Mo`, `1.2 MB`): the desk's picker and export
    /// and the team's list of a testimony's files say sizes alike.
    public func bytes(_ count: Int) -> String {
        let unit = self == .fr ? ["octets", "Ko", "Mo", "Go"] : ["bytes", "kB", "MB", "GB"]
        if count < 1000 { return "\(count) \(unit[0])" }
        if count < 1_000_000 { return "\(count / 1000) \(unit[1])" }
        let large = count >= 1_000_000_000
        let tenths = count / (large ? 100_000_000 : 100_000)
        return "\(tenths / 10)\(self == .fr ? "," : ".")\(tenths % 10) \(unit[large ? 3 : 2])"
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
