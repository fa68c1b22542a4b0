/// The answer to a yes / no / don't know question.
public enum YesNo: String, Codable, Sendable, CaseIterable {
    /// Yes.
    case yes
    /// No.
    case no
    /// The person does not know.
    case unknown

    /// How the answer reads to a volunteer.
    public var label: Localized {
        switch self {
        case .yes: Localized(fr: "oui", en: "yes")
        case .no: Localized(fr: "non", en: "no")
        case .unknown: Localized(fr: "je ne sais pas", en: "don't know")
        }
    }
}
