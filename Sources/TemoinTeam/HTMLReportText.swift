import Foundation
import TemoinForms

/// Every string of the HTML report, in French and English.
enum HTMLReportText {
    private static func l(_ fr: String, _ en: String) -> Localized { Localized(fr: fr, en: en) }

    static let kicker = l("Témoin · rapport de l'équipe juridique", "Témoin · legal team report")
    static let confidential = l(
        "Document confidentiel : il contient des témoignages. Les coordonnées des témoins et les notes des bénévoles n'y figurent pas.",
        "Confidential document: it contains testimonies. Witnesses' contact details and volunteers' notes are left out.")
    static func generated(_ when: String, form: String, version: Int) -> Localized {
        l("Généré le \(when) · questionnaire « \(form) », version \(version)", "Generated on \(when) · questionnaire “\(form)”, version \(version)")
    }
    static let contents = l("Sommaire", "Contents")

    static let summary = l("En bref", "Summary")
    static let testimonies = l("témoignages", "testimonies")
    static let bundles = l("lots", "bundles")
    static let desks = l("postes d'accueil", "desks")
    static func filtered(_ description: String) -> Localized {
        l("Seuls les témoignages qui répondent à ce filtre sont comptés : \(description)",
          "Only testimonies matching this filter are counted: \(description)")
    }
    static func unverified(_ count: Int) -> Localized {
        l("\(count) témoignage(s) récupéré(s) d'un lot endommagé : leur origine n'est pas prouvée (marqués « non vérifié »).",
          "\(count) testimony(ies) recovered from a damaged bundle: their origin is not proven (marked “unverified”).")
    }
    static func unread(records: Int, bundles: Int) -> Localized {
        l("Non lus : \(records) enregistrement(s) (clé d'une autre équipe ou fichier endommagé) et \(bundles) lot(s) refusé(s) ; ils ne sont pas comptés.",
          "Not read: \(records) record(s) (another team's key or a damaged file) and \(bundles) refused bundle(s); they are not counted.")
    }
    static func conflicts(_ count: Int) -> Localized {
        l("\(count) témoignage(s) en conflit ou d'un autre poste que celui qui a signé le lot : l'un des postes les a forgés (marqués).",
          "\(count) testimony(ies) in conflict, or from another desk than the one that signed the bundle: one of the desks forged them (marked).")
    }
    static func notApproved(_ count: Int) -> Localized {
        l("\(count) témoignage(s) viennent de postes que l'équipe n'a pas approuvés (empreinte non vérifiée par téléphone) : marqués.",
          "\(count) testimony(ies) come from desks the team has not approved (fingerprint not checked by phone): marked.")
    }
    static let trust = l("Confiance", "Trust")
    static func trust(_ trust: SignerTrust) -> Localized {
        switch trust {
        case .approved: l("approuvé", "approved")
        case .new: l("non approuvé", "not approved")
        case .revoked: l("révoqué", "revoked")
        case .unknown: l("inconnu", "unknown")
        }
    }
    static func statusMark(_ status: RecordStatus) -> Localized {
        switch status {
        case .unverified: unverifiedMark
        case .conflict: l("conflit", "conflict")
        case .deskMismatch: l("poste différent", "desk mismatch")
        default: l(status.rawValue, status.rawValue)
        }
    }
    static let deskName = l("Poste", "Desk")
    static let fingerprint = l("Empreinte", "Fingerprint")
    static let count = l("Nombre", "Count")
    static let share = l("Part", "Share")
    static let answer = l("Réponse", "Answer")
    static let bundleName = l("Lot", "Bundle")

    static let charts = l("Statistiques", "Statistics")
    static let chartsIntro = l(
        "Chaque graphique compte les témoignages et dit sur combien portent ses pourcentages : une question posée seulement après certaines réponses compte parmi les témoignages où elle était posée. « Non renseigné » : posée, sans réponse ; « question sans objet » : pas posée vu les réponses précédentes, hors des pourcentages.",
        "Each chart counts testimonies and says what its percentages are of: a question asked only after some answers counts among the testimonies where it was asked. “Not answered”: asked, no answer; “question did not apply”: not asked given the earlier answers, outside the percentages.")
    static let crosstabs = l("Tableaux croisés", "Crosstabs")
    static let crosstabsIntro = l(
        "Chaque case compte les témoignages qui ont les deux réponses, puis sa part de la ligne et de la colonne.",
        "Each cell counts the testimonies with both answers, then its share of the row and of the column.")

    static let noData = l("Aucun témoignage à compter.", "No testimony to count.")

    static let list = l("Liste des témoignages", "List of testimonies")
    static let receipt = l("Reçu", "Receipt")
    static let unverifiedMark = l("non vérifié", "unverified")

    static let accounts = l("Les témoignages en détail", "Testimonies in full")
    static let accountsIntro = l(
        "Les réponses de chaque témoignage, section par section, dans les mots notés au poste d'accueil.",
        "The answers of each testimony, section by section, in the words written down at the desk.")
    static func testimony(_ receipt: String) -> Localized { l("Témoignage \(receipt)", "Testimony \(receipt)") }
    static func sealed(_ when: String, desk: String) -> Localized {
        l("Scellé le \(when) au poste « \(desk) »", "Sealed on \(when) at desk “\(desk)”")
    }
    static let footer = l("Produit par Témoin. Aucune ressource extérieure : ce fichier s'ouvre sans connexion.",
                          "Produced by Témoin. No outside resource: this file opens offline.")

    /// "14 mars 2026 à 18:30 (UTC)" / "14 March 2026 at 18:30 (UTC)".
    static func moment(_ date: Date) -> Localized {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: date)
        let day = StatisticsLabels.date(ApproximateDate(year: c.year ?? 1970, month: c.month ?? 1, day: c.day))
        let time = TimeOfDay(hour: c.hour ?? 0, minute: c.minute ?? 0).description
        return l("\(day.fr) à \(time) (UTC)", "\(day.en) at \(time) (UTC)")
    }

    /// A percentage: "33 %" / "33%".
    static func percent(_ value: Double) -> Localized {
        let rounded = Int(value.rounded())
        return l("\(rounded)\u{00A0}%", "\(rounded)%")
    }
}
