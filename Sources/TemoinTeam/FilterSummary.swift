import TemoinForms

extension Filter {
    /// The filter in words, for a reader: `recherche « gare » · Par force de l'ordre = BAC (brigade
    /// anti-criminalité)`; values are shown with their choice labels from `form`.
    public func summary(form: Questionnaire) -> Localized {
        var fr: [String] = [], en: [String] = []
        let words = text.tidied
        if !words.isEmpty {
            fr.append("recherche « \(words) »")
            en.append("search “\(words)”")
        }
        for condition in conditions {
            let field = form.field(condition.fieldID)
            let name = Breakdown.of(condition.fieldID, in: form)?.title ?? Self.caseTitle(condition.fieldID)
                ?? Localized(fr: condition.fieldID, en: condition.fieldID)
            let test = condition.label.map { Localized(fr: "= \($0.fr)", en: "= \($0.en)") } ?? condition.test.summary(field: field)
            fr.append("\(name.fr) \(test.fr)")
            en.append("\(name.en) \(test.en)")
        }
        return Localized(fr: fr.joined(separator: " · "), en: en.joined(separator: " · "))
    }
}

extension Filter {
    /// "Statut du dossier" or "Étiquette" for a condition on the team's case work; nil for any other id.
    public static func caseTitle(_ fieldID: String) -> Localized? {
        switch fieldID {
        case statusID: Localized(fr: "Statut du dossier", en: "Case status")
        case tagID: Localized(fr: "Étiquette", en: "Tag")
        default: nil
        }
    }
}

extension Filter.Test {
    /// The test in words: `= BAC (brigade anti-criminalité)`, `contient « gare »`, `renseigné`.
    func summary(field: Field?) -> Localized {
        func shown(_ value: String) -> Localized { StatisticsLabels.answer(.text(value), field: field) }
        switch self {
        case let .equals(value):
            let label = shown(value)
            return Localized(fr: "= \(label.fr)", en: "= \(label.en)")
        case let .includes(value):
            let label = shown(value)
            return Localized(fr: "contient « \(label.fr) »", en: "includes “\(label.en)”")
        case let .answered(expected):
            return expected ? Localized(fr: "renseigné", en: "answered") : Localized(fr: "non renseigné", en: "not answered")
        case let .bucket(grouping, key):
            let label: Localized = switch key {
            case let .value(value):
                switch grouping {
                case .month: ApproximateDate(iso: value).map(StatisticsLabels.date) ?? shown(value)
                case .minutes: DelayRange.all.first { $0.key == value }?.label ?? shown(value)
                case .text, .city, .choices, .value, .desk: shown(value)
                case .trust: SignerTrust(rawValue: value).map(StatisticsLabels.trust) ?? shown(value)
                }
            case .notAnswered: StatisticsLabels.notAnswered
            case .notAsked: StatisticsLabels.notAsked
            case .unreadable: StatisticsLabels.unreadable
            }
            return Localized(fr: "= \(label.fr)", en: "= \(label.en)")
        case let .between(lower, upper):
            let from = lower.map { Localized(fr: "de \(shown($0).fr) ", en: "from \(shown($0).en) ") } ?? Localized(fr: "", en: "")
            let to = upper.map { Localized(fr: "à \(shown($0).fr)", en: "to \(shown($0).en)") } ?? Localized(fr: "", en: "")
            return Localized(fr: (from.fr + to.fr).tidied, en: (from.en + to.en).tidied)
        case let .anyOf(tests):
            let parts = tests.map { $0.summary(field: field) }
            return Localized(fr: parts.map(\.fr).joined(separator: " ou "), en: parts.map(\.en).joined(separator: " or "))
        }
    }
}
