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

    /// The title of the series by city.
    public static let byCity = l("Par ville", "By city")
    /// The title of the series by month.
    public static let byMonth = l("Par mois du contrôle", "By month of the check")
    /// The title of the series by police force.
    public static let byForce = l("Par force de l'ordre", "By police force")
    /// The title of the series by kind of device.
    public static let byDevice = l("Par type d'appareil", "By kind of device")
    /// The title of the series on face photos.
    public static let facePhoto = l("Photo du visage prise", "Face photo taken")
    /// The title of the series on consent for the photo.
    public static let photoConsent = l("Accord demandé pour la photo", "Consent asked for the photo")
    /// The title of the series on results shown.
    public static let resultShown = l("Résultat montré ou annoncé", "Result shown or told")
    /// The title of the series by outcome.
    public static let outcome = l("Issue du contrôle", "Outcome of the check")
    /// The title of the series by delay until the result.
    public static let resultDelay = l("Délai avant le résultat", "Delay until the result")
}
