import TemoinForms

/// The fr / en words of the statistics: special buckets, months, delay ranges, series titles.
public enum StatisticsLabels {
    private static func l(_ fr: String, _ en: String) -> Localized { Localized(fr: fr, en: en) }

    /// The bucket of testimonies where the question was asked but left empty.
    public static let notAnswered = l("non renseigné", "not answered")
    /// The bucket of testimonies where the question did not apply (skip logic).
    public static let notAsked = l("question sans objet", "question did not apply")
    /// The bucket of answers that cannot be read as the field's kind.
    public static let unreadable = l("réponse illisible", "unreadable answer")

    /// The name of a month, 1 to 12.
    public static func month(_ month: Int) -> Localized {
        let fr = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"]
        let en = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"]
        guard (1...12).contains(month) else { return l(String(month), String(month)) }
        return l(fr[month - 1], en[month - 1])
    }

    /// A month of a year: "mars 2026", "March 2026".
    public static func month(_ month: Int, year: Int) -> Localized {
        let name = self.month(month)
        return l("\(name.fr) \(year)", "\(name.en) \(year)")
    }

    /// A date as read in a table: "14 mars 2026" / "14 March 2026", or the month alone.
    public static func date(_ date: ApproximateDate) -> Localized {
        let month = self.month(date.month, year: date.year)
        guard let day = date.day else { return month }
        return l("\(day == 1 ? "1er" : String(day)) \(month.fr)", "\(day) \(month.en)")
    }

    /// An answer as a reader reads it: choice labels (joined by commas), oui / non, a spelled-out date,
    /// the text itself. `field` gives the labels; without it the raw value is shown.
    public static func answer(_ value: AnswerValue, field: Field?) -> Localized {
        guard let field else { return l(value.description, value.description) }
        switch field.kind {
        case .choice, .multichoice, .yesno:
            let labels = value.pickedIDs.map { id in
                (field.kind == .yesno ? YesNo(rawValue: id)?.label : field.choice(id)?.label) ?? l(id, id)
            }
            return l(labels.map(\.fr).joined(separator: ", "), labels.map(\.en).joined(separator: ", "))
        case .date:
            return value.approximateDate.map(date) ?? l(value.description, value.description)
        case .text, .longtext, .number, .time:
            return l(value.description, value.description)
        }
    }

    /// A range of minutes: "immédiat (0 min)", "3 à 5 min", "plus de 60 min".
    static func minutes(from lower: Int, to upper: Int?) -> Localized {
        switch (lower, upper) {
        case (0, 0?): l("immédiat (0 min)", "immediate (0 min)")
        case let (lower, upper?): l("\(lower) à \(upper) min", "\(lower)–\(upper) min")
        case let (lower, nil): l("plus de \(lower - 1) min", "over \(lower - 1) min")
        }
    }

    /// The title of the series by desk.
    public static let byDesk = l("Poste d'accueil", "Desk")
    /// The title of the series by the desks' standing.
    public static let byTrust = l("Confiance dans le poste", "Desk trust")

    /// A desk's standing, as a reader reads it.
    public static func trust(_ trust: SignerTrust) -> Localized {
        switch trust {
        case .approved: l("poste approuvé", "approved desk")
        case .new: l("poste nouveau, pas encore approuvé", "new desk, not approved yet")
        case .revoked: l("poste révoqué", "revoked desk")
        case .unknown: l("poste inconnu de la boîte de réception", "desk unknown to the inbox")
        }
    }

    /// The possible answers of a choice-like field: its choices, or yes / no / don't know.
    static func choices(of field: Field?) -> [Choice] {
        guard let field else { return [] }
        if field.kind == .yesno { return YesNo.allCases.map { Choice(id: $0.rawValue, label: $0.label) } }
        return field.choices
    }

    /// The denominator under a figure: "Sur 72 témoignages." or, for a question asked only after some
    /// answers, "Parmi les 34 témoignages où la question était posée (sur 72) ; elle ne l'est que si …".
    public static func denominator(asked: Int, of testimonies: Int, when condition: Localized?) -> Localized {
        guard let condition else {
            return l("Pourcentages sur \(asked) témoignage\(asked == 1 ? "" : "s").",
                     "Percentages of \(asked) testimon\(asked == 1 ? "y" : "ies").")
        }
        return l("Pourcentages parmi les \(asked) témoignage\(asked == 1 ? "" : "s") où la question était posée (sur \(testimonies)) ; elle ne l'est que si \(condition.fr).",
                 "Percentages among the \(asked) testimon\(asked == 1 ? "y" : "ies") where the question was asked (of \(testimonies)); it is asked only when \(condition.en).")
    }

    /// Under a multiple-choice figure.
    public static let multipleNote = l(
        "Plusieurs réponses possibles par témoignage : les pourcentages ne s'additionnent pas à 100 %.",
        "Several answers per testimony are possible: the percentages do not add up to 100%.")

    /// Under a figure resting on few testimonies.
    public static func smallNote(_ asked: Int) -> Localized {
        l("Attention : moins de \(CountSeries.smallSample) réponses (\(asked)) ; un pourcentage peut beaucoup changer avec un témoignage de plus.",
          "Caution: fewer than \(CountSeries.smallSample) answers (\(asked)); a percentage may change a lot with one more testimony.")
    }

    /// When the field (or its section) is only asked after some answers: that condition in words.
    /// Terms that hold for every sealed testimony (an answer that `mustBe` a value, such as consent) are left out.
    static func askedWhen(_ fieldID: String, form: Questionnaire) -> Localized? {
        let conditions = [form.section(containing: fieldID)?.when, form.field(fieldID)?.when].compactMap { $0 }
            .compactMap { withoutCertainties($0, form: form) }
        guard !conditions.isEmpty else { return nil }
        let words = conditions.map { condition($0, form: form) }
        return l(words.map(\.fr).joined(separator: " et "), words.map(\.en).joined(separator: " and "))
    }

    /// The condition without the terms every sealed testimony meets; nil when nothing is left.
    private static func withoutCertainties(_ condition: Condition, form: Questionnaire) -> Condition? {
        switch condition {
        case let .equals(field, value) where form.field(field)?.mustBe == value:
            return nil
        case let .all(list):
            let kept = list.compactMap { withoutCertainties($0, form: form) }
            return kept.isEmpty ? nil : kept.count == 1 ? kept[0] : .all(kept)
        default:
            return condition
        }
    }

    /// A skip-logic condition in words: `« Une photo … ? » = oui`.
    static func condition(_ condition: Condition, form: Questionnaire) -> Localized {
        func name(_ id: String) -> Localized {
            let label = form.field(id)?.label ?? l(id, id)
            return l("« \(label.fr) »", "“\(label.en)”")
        }
        func value(_ id: String, _ field: String) -> Localized {
            choices(of: form.field(field)).first { $0.id == id }?.label ?? l(id, id)
        }
        switch condition {
        case let .equals(field, id):
            let (n, v) = (name(field), value(id, field))
            return l("\(n.fr) = \(v.fr)", "\(n.en) = \(v.en)")
        case let .oneOf(field, ids):
            let n = name(field), values = ids.map { value($0, field) }
            return l("\(n.fr) = \(values.map(\.fr).joined(separator: " ou "))", "\(n.en) = \(values.map(\.en).joined(separator: " or "))")
        case let .includes(field, id):
            let (n, v) = (name(field), value(id, field))
            return l("\(n.fr) comprend « \(v.fr) »", "\(n.en) includes “\(v.en)”")
        case let .answered(field, expected):
            let n = name(field)
            return expected ? l("\(n.fr) est renseigné", "\(n.en) is answered") : l("\(n.fr) n'est pas renseigné", "\(n.en) is not answered")
        case let .all(list), let .any(list):
            let parts = list.map { self.condition($0, form: form) }
            let (fr, en) = if case .all = condition { (" et ", " and ") } else { (" ou ", " or ") }
            return l(parts.map(\.fr).joined(separator: fr), parts.map(\.en).joined(separator: en))
        case let .not(inner):
            let part = self.condition(inner, form: form)
            return l("non (\(part.fr))", "not (\(part.en))")
        }
    }
}
