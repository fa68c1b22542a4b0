import TemoinForms

/// Chooses the language of the desk UI.
public enum UILanguage {
    /// The language named by `LC_ALL`, then `LC_MESSAGES`, then `LANG`: French for `fr*`, else English.
    ///
    /// As in POSIX, the first of these that is set and not empty decides.
    public static func detect(environment: [String: String]) -> Language {
        named(environment: environment) ?? .en
    }

    /// French for `fr*`, English for `en*`, from the first of `LC_ALL`, `LC_MESSAGES`, `LANG` that is
    /// set; nil when it names neither (`C.UTF-8`, `POSIX`, unset): the desk then asks at first run.
    public static func named(environment: [String: String]) -> Language? {
        for name in ["LC_ALL", "LC_MESSAGES", "LANG"] {
            guard let value = environment[name]?.lowercased(), !value.isEmpty else { continue }
            return value.hasPrefix("fr") ? .fr : value.hasPrefix("en") ? .en : nil
        }
        return nil
    }

    /// The language for `--lang`: `fr` or `en` (case-insensitive); nil otherwise.
    public static func named(_ name: String) -> Language? {
        Language.named(name)
    }
}

extension Localized {
    /// The text in `language`, written `UIText.quit(language)`.
    public func callAsFunction(_ language: Language) -> String {
        text(language)
    }
}

extension Language {
    /// The other language, for the language switch on the home screen.
    public var other: Language {
        self == .fr ? .en : .fr
    }
}
