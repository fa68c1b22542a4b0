import TemoinForms

/// Where the team stands with a testimony: what to do next, so that nobody is forgotten or called twice.
///
/// The ids are what the CLI, JSON and sealed case events use; the labels are what people read.
public enum CaseStatus: String, Sendable, CaseIterable, Codable {
    /// Nobody has looked at it yet (every testimony starts here).
    case new
    /// The witness is to be called back.
    case toCall = "to-call"
    /// The witness was called back.
    case called
    /// A lawyer follows it up (a complaint, a case file).
    case legal
    /// Nothing more to do.
    case closed
    /// Set aside (off topic, a duplicate, unusable).
    case dismissed

    /// The label in French and English.
    public var label: Localized {
        switch self {
        case .new: Localized(fr: "nouveau", en: "new")
        case .toCall: Localized(fr: "à rappeler", en: "to call back")
        case .called: Localized(fr: "rappelé", en: "called back")
        case .legal: Localized(fr: "suivi juridique", en: "legal follow-up")
        case .closed: Localized(fr: "clos", en: "closed")
        case .dismissed: Localized(fr: "écarté", en: "set aside")
        }
    }

    /// The status typed as its id or its French or English label, ignoring case, accents and spaces
    /// against hyphens ("a rappeler", "to-call", "Écarté"); nil for anything else.
    public init?(typed: String) {
        let wanted = Self.key(typed)
        guard let found = Self.allCases.first(where: { [Self.key($0.rawValue), Self.key($0.label.fr), Self.key($0.label.en)].contains(wanted) }) else {
            return nil
        }
        self = found
    }

    /// Every status as `id (fr / en)`, for a message that lists what exists.
    public static var choices: String {
        allCases.map { "\($0.rawValue) (\($0.label.fr) / \($0.label.en))" }.joined(separator: ", ")
    }

    private static func key(_ text: String) -> String {
        text.searchKey.replacingOccurrences(of: "-", with: " ").replacingOccurrences(of: "_", with: " ")
    }
}
