import Foundation
import TemoinCrypto
import TemoinForms
import TemoinTeam

/// The strings of the team's case work and of the export in the analysis UI, in French and English.
enum TeamCaseText {
    private static func l(_ fr: String, _ en: String) -> Localized { Localized(fr: fr, en: en) }

    // MARK: Testimony

    static let caseTitle = l("Suivi", "Follow-up")
    static func status(_ file: CaseFile) -> Localized {
        guard let event = file.statusEvent else { return l("Statut : nouveau", "Status: new") }
        let label = file.status.label
        return l("Statut : \(label.fr) (\(event.author), \(time(event.at)))", "Status: \(label.en) (\(event.author), \(time(event.at)))")
    }
    static func tags(_ tags: [String]) -> Localized {
        l("Étiquettes : " + tags.joined(separator: ", "), "Tags: " + tags.joined(separator: ", "))
    }
    static func noteHeading(_ note: CaseEvent) -> Localized {
        l("\(time(note.at)) — \(note.author) :", "\(time(note.at)) — \(note.author):")
    }
    static let nothingYet = l("Aucune note. n : ajouter une note · s : statut · t : étiquette",
                              "No note yet. n: add a note · s: status · t: tag")
    static let detailHint = l("n : note · s : statut · t : étiquette · c : recoupements · ←→ · Échap : liste",
                              "n: note · s: status · t: tag · c: corroboration · ←→: previous/next · Esc: list")
    static let statusColumn = l("Suivi", "Follow-up")
    /// A status in the list's narrow column (`new` shows nothing: the list stays calm).
    static func shortLabel(_ status: CaseStatus) -> Localized {
        switch status {
        case .new: l("", "")
        case .toCall: l("à rappeler", "to call")
        case .called: l("rappelé", "called")
        case .legal: l("juridique", "legal")
        case .closed: l("clos", "closed")
        case .dismissed: l("écarté", "set aside")
        }
    }

    /// `2026-03-14 18:30 UTC`.
    static func time(_ date: Date) -> String {
        let stamp = CaseEvent.timestamp(date)
        return stamp.prefix(10) + " " + stamp.dropFirst(11).prefix(5) + " UTC"
    }

    // MARK: Input

    static let noteTitle = l("Ajouter une note", "Add a note")
    static let noteExplained = l("Datée, au nom de votre clé, scellée aux clés de l'équipe ; une note ne se modifie pas : ajoutez-en une autre pour corriger.",
                                 "Dated, in the name of your key, sealed to the team's keys; a note is never edited: add another one to correct it.")
    static let tagTitle = l("Étiquette", "Tag")
    static let tagExplained = l("Une étiquette à ajouter ; précédée de - pour la retirer (-plainte).",
                                "A tag to add; with a leading - to remove it (-complaint).")
    static let statusTitle = l("Statut du témoignage", "Status of the testimony")
    static let inputHint = l("Entrée : enregistrer · Échap : annuler", "Enter: save · Esc: cancel")
    static let statusHint = l("↑↓ puis Entrée : enregistrer · Échap : annuler", "↑↓ then Enter: save · Esc: cancel")
    static let saving = l("Enregistrement…", "Saving…")
    static func recorded(_ event: CaseEvent) -> Localized {
        switch event.kind {
        case .note: return l("Note enregistrée, scellée aux clés de l'équipe.", "Note saved, sealed to the team's keys.")
        case .tag: return l("Étiquette « \(event.value) » ajoutée.", "Tag “\(event.value)” added.")
        case .untag: return l("Étiquette « \(event.value) » retirée.", "Tag “\(event.value)” removed.")
        case .status:
            let label = event.status?.label ?? l(event.value, event.value)
            return l("Statut : \(label.fr).", "Status: \(label.en).")
        }
    }
    /// The change recorded, and that the testimony left the list filtered on the case work.
    static func leftFilter(_ event: CaseEvent) -> Localized {
        let recorded = recorded(event)
        return l("\(recorded.fr) \(event.receipt) a quitté la liste filtrée.", "\(recorded.en) \(event.receipt) left the filtered list.")
    }
    static let needsInbox = l(
        "Le suivi s'enregistre dans la boîte de réception de l'équipe : ouvrez-la sans nommer de fichiers de lots (temoin team --inbox DOSSIER).",
        "Case work is saved in the team inbox: open it without naming bundle files (temoin team --inbox DIR).")
    static func reshared(_ reshare: CaseReshare) -> Localized {
        let names = reshare.keys.map(\.name).joined(separator: ", ")
        return l("\(reshare.events) élément(s) de suivi plus ancien(s) scellé(s) aussi pour : \(names)",
                 "\(reshare.events) earlier case item(s) also sealed to: \(names)")
    }
    static func notReshared(_ reason: Localized) -> Localized {
        l("Le suivi déjà écrit n'a pas pu être scellé pour les clés nommées par --team-pub (rien n'est perdu) : \(reason.fr)",
          "The earlier case work could not be sealed to the keys named with --team-pub (nothing is lost): \(reason.en)")
    }
    /// Case items the keys read that are not sealed to keys the inbox lists: the keys, how to share with a
    /// colleague's, and not to share with a key nobody recognises (anyone who can write the inbox can list one).
    static func notShared(_ count: Int, _ keys: [TeamPublicKey]) -> Localized {
        let names = keys.map { "\($0.fingerprint) (\($0.name))" }.joined(separator: ", ")   // the fingerprint first, as at the desk
        return l("\(count) élément(s) de suivi non scellé(s) pour : \(names). Collègue ? temoin team share --team-pub SA-CLE.pub --key VOTRE-CLE.key ; clé inconnue : ne partagez pas, prévenez l'équipe.",
                 "\(count) case item(s) not sealed to: \(names). A colleague's? temoin team share --team-pub THEIR-KEY.pub --key YOUR-KEY.key; a key nobody knows: do not share, tell the team.")
    }
    static func unreadable(_ count: Int) -> Localized {
        l("\(count) élément(s) de suivi scellé(s) pour d'autres clés ne sont pas montrés.",
          "\(count) case item(s) sealed to other keys are not shown.")
    }

    // MARK: Export

    static func exportTitle(_ count: Int) -> Localized {
        l("Exporter la liste affichée (\(count) témoignage(s))", "Export the list shown (\(count) testimony(ies))")
    }
    static let exportExplained = l(
        "Le fichier : .csv (tableur, séparateur ; en français), .xlsx (classeur) ou .jsonl (programmes). Il contient les témoignages en clair : enregistrez-le sur un disque chiffré.",
        "The file: .csv (spreadsheet, separator , in English), .xlsx (workbook) or .jsonl (programs). It holds the testimonies in clear: save it on an encrypted disk.")
    static let exportHint = l("Entrée : exporter · Échap : annuler", "Enter: export · Esc: cancel")
    static let exportNeedsName = l("Terminez le nom du fichier par .csv, .xlsx ou .jsonl.", "End the file name with .csv, .xlsx or .jsonl.")
    static let exportNothing = l("Aucun témoignage à exporter : le filtre n'en garde aucun.", "No testimony to export: the filter keeps none.")
    static func exported(_ count: Int, _ path: String) -> Localized {
        l("\(count) témoignage(s) exporté(s) dans \(path).", "\(count) testimony(ies) exported to \(path).")
    }
    static let defaultExportName = l("temoignages.csv", "testimonies.csv")
}
