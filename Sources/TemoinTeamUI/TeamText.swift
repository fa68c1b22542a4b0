import TemoinForms
import TemoinStorage
import TemoinTeam
import TemoinUIKit

/// Every user-facing string of the team's analysis UI, in French and English.
///
/// Use as `TeamText.listTitle(language)`; texts with values are functions returning `Localized`.
/// Strings the desk already has (wrong passphrase, window too small, Help, Quit…) come from `UIText`.
enum TeamText {
    private static func l(_ fr: String, _ en: String) -> Localized { Localized(fr: fr, en: en) }

    // MARK: General

    static let appName = l("Témoin — équipe juridique", "Témoin — legal team")
    static func shownOf(_ shown: Int, _ total: Int) -> Localized {
        l("\(shown) témoignage(s) sur \(total)", "\(shown) of \(total) testimony(ies)")
    }

    // MARK: Function-key bar

    static let keySearch = l("Chercher", "Search")
    static let keyFilter = l("Filtrer", "Filter")
    static let keyClear = l("Tout voir", "Show all")
    static let keyCharts = l("Graphiques", "Charts")
    static let keyList = l("Liste", "List")
    static let keyCrosstab = l("Croiser", "Crosstab")
    static let keyProblems = l("Problèmes", "Problems")

    // MARK: Unlock

    static func unlockPrompt(_ name: String) -> Localized {
        l("Phrase de passe de la clé d'équipe « \(name) » :", "Passphrase of the team key “\(name)”:")
    }
    static func keyFingerprint(_ fingerprint: String) -> Localized { l("Empreinte : \(fingerprint)", "Fingerprint: \(fingerprint)") }
    static func keyOf(_ index: Int, _ count: Int) -> Localized { l("clé \(index) sur \(count)", "key \(index) of \(count)") }
    static let unlockExplained = l(
        "Les témoignages s'ouvrent avec la clé secrète de l'équipe. Rien n'est écrit sur le disque : tout reste en mémoire jusqu'à la fermeture.",
        "The testimonies open with the team's secret key. Nothing is written to disk: everything stays in memory until you quit.")

    // MARK: Loading

    static let loadingTitle = l("Ouverture des témoignages", "Opening the testimonies")
    static func loadingCount(_ done: Int, _ total: Int?) -> Localized {
        guard let total else { return l("\(done) enregistrement(s) lus", "\(done) record(s) read") }
        return l("\(done) enregistrement(s) lus sur \(total)", "\(done) of \(total) record(s) read")
    }
    static let loadingExplained = l(
        "Chaque lot est vérifié (signature du poste), puis chaque témoignage déchiffré.",
        "Each bundle is verified (the desk's signature), then each testimony decrypted.")

    // MARK: What loading left out

    static let summaryUnread = l("Non lu :", "Not read:")
    static func summaryRefused(_ n: Int) -> Localized {
        n == 1 ? l("1 lot refusé", "1 bundle refused") : l("\(n) lots refusés", "\(n) bundles refused")
    }
    static func summaryDamaged(_ n: Int) -> Localized {
        n == 1 ? l("1 lot abîmé", "1 damaged bundle") : l("\(n) lots abîmés", "\(n) damaged bundles")
    }
    static func summaryRevoked(_ n: Int) -> Localized {
        n == 1 ? l("1 lot d'un poste révoqué", "1 bundle of a revoked desk") : l("\(n) lots de postes révoqués", "\(n) bundles of revoked desks")
    }
    static func summaryNotOpened(_ n: Int) -> Localized {
        n == 1 ? l("1 témoignage non ouvert", "1 testimony not opened") : l("\(n) témoignages non ouverts", "\(n) testimonies not opened")
    }
    static func summaryUnverified(_ n: Int) -> Localized {
        n == 1 ? l("1 d'origine non vérifiée", "1 of unverified origin") : l("\(n) d'origine non vérifiée", "\(n) of unverified origin")
    }
    static func summaryConflicts(_ n: Int) -> Localized {
        n == 1 ? l("ATTENTION : 1 témoignage en conflit (!, F8)", "WARNING: 1 testimony in conflict (!, F8)")
            : l("ATTENTION : \(n) témoignages en conflit (!, F8)", "WARNING: \(n) testimonies in conflict (!, F8)")
    }
    static func summaryUnknownKeys(_ n: Int) -> Localized {
        n == 1 ? l("ATTENTION : 1 clé destinataire inconnue (F8)", "WARNING: 1 unknown recipient key (F8)")
            : l("ATTENTION : \(n) clés destinataires inconnues (F8)", "WARNING: \(n) unknown recipient keys (F8)")
    }
    static func problemUnknownKey(_ keyID: String, records: Int) -> Localized {
        l("\(records) témoignage(s) aussi scellé(s) pour une clé inconnue \(keyID) : vérifiez les clés d'équipe du poste (temoin desk team-key list) ; la clé d'un membre de l'équipe : --team-pub",
          "\(records) testimony(ies) also sealed to an unknown key id \(keyID): check the desk's team keys (temoin desk team-key list); a team member's key: --team-pub")
    }
    static func summaryNotApproved(_ n: Int) -> Localized {
        n == 1 ? l("1 d'un poste non approuvé (?)", "1 from a desk not approved (?)") : l("\(n) de postes non approuvés (?)", "\(n) from desks not approved (?)")
    }
    static func summaryWithdrawn(_ n: Int) -> Localized { n == 1 ? l("1 retiré", "1 withdrawn") : l("\(n) retirés", "\(n) withdrawn") }
    static func summaryDuplicates(_ n: Int) -> Localized {
        n == 1 ? l("1 doublon ignoré", "1 duplicate skipped") : l("\(n) doublons ignorés", "\(n) duplicates skipped")
    }
    static func summaryRead(_ n: Int) -> Localized {
        n == 1 ? l("1 témoignage lu", "1 testimony read") : l("\(n) témoignages lus", "\(n) testimonies read")
    }
    static let summaryDetails = l("F8 : détails", "F8: details")
    static let loadFailed = l("Le chargement a échoué :", "Loading failed:")
    static let noTestimony = l(
        "Aucun témoignage à afficher. Importez des lots avec « temoin team import LOT… », ou nommez des lots sur la ligne de commande.",
        "No testimony to show. Import bundles with `temoin team import BUNDLE…`, or name bundles on the command line.")

    // MARK: Filter

    static let filterNone = l("Tous les témoignages · F2 : chercher · F3 : filtrer par réponse", "All testimonies · F2: search · F3: filter by answer")
    static let filterLabel = l("Filtre :", "Filter:")
    static let searchLabel = l("Chercher :", "Search:")
    static let searchHint = l("Entrée : valider · Échap : annuler", "Enter: apply · Esc: cancel")
    static let nothingMatches = l(
        "Aucun témoignage ne correspond au filtre. F4 : tout voir.", "No testimony matches the filter. F4: show all.")
    static func filterAdded(_ summary: String) -> Localized { l("Filtre ajouté : \(summary)", "Filter added: \(summary)") }
    static let filterCleared = l("Filtre retiré : tous les témoignages.", "Filter removed: all testimonies.")
    static let pickFieldTitle = l("Filtrer par réponse", "Filter by answer")
    static let pickFieldHint = l("↑↓ puis Entrée : choisir la question · Échap : fermer", "↑↓ then Enter: pick the question · Esc: close")
    static let pickValueHint = l("↑↓ puis Entrée : garder ces témoignages · Échap : revenir", "↑↓ then Enter: keep these testimonies · Esc: go back")

    // MARK: Crosstab

    static let crosstabRowsTitle = l("Croiser : la question en lignes", "Crosstab: the question in rows")
    static let crosstabColumnsTitle = l("Croiser : la question en colonnes", "Crosstab: the question in columns")
    static let crosstabPickHint = l("↑↓ puis Entrée : choisir · Échap : revenir", "↑↓ then Enter: pick · Esc: go back")
    static let crosstabHint = l("Tab : nombres / % ligne / % colonne · ←→↑↓ : défiler · Entrée : autres questions · Échap : liste",
                                "Tab: counts / row % / column % · ←→↑↓: scroll · Enter: other questions · Esc: list")
    static let crosstabCounts = l("Nombres de témoignages", "Numbers of testimonies")
    static let crosstabRowPercent = l("% de la ligne (chaque ligne fait son total)", "% of the row (each row against its total)")
    static let crosstabColumnPercent = l("% de la colonne (chaque colonne fait son total)", "% of the column (each column against its total)")

    // MARK: List

    static let columnDate = l("Date", "Date")
    static let columnCity = l("Ville", "City")

    // MARK: Detail

    static func detailTitle(_ index: Int, _ count: Int) -> Localized { l("Témoignage \(index) sur \(count)", "Testimony \(index) of \(count)") }
    /// The mark before a testimony in the list: `!` when its status or desk is in doubt, `?` for a desk not approved.
    static func trustMark(_ record: DecryptedRecord) -> String? {
        if record.status != .ok || record.deskTrust == .revoked { return "!" }
        return record.deskTrust == .approved ? nil : "?"
    }
    static let otherAnswers = l("Autres réponses (hors de ce questionnaire)", "Other answers (not in this questionnaire)")
    static let detailHint = l("↑↓ Page↑↓ : défiler · ←→ : précédent/suivant · c : recoupements · Échap : liste",
                              "↑↓ PgUp/PgDn: scroll · ←→: previous / next · c: corroboration · Esc: list")
    static let noFiles = l("Ce témoignage n'a pas de fichier remis.", "This testimony has no evidence file.")
    static let extractKey = l("x : extraire un fichier", "x: extract a file")
    static let extractTitle = l("Extraire un fichier remis", "Extract an evidence file")
    static let extractExplained = l(
        "↑↓ : le fichier. Le dossier (créé s'il manque) : le fichier y est écrit déchiffré, sous un nom sûr, une fois son SHA-256 vérifié. Enregistrez-le sur un disque chiffré.",
        "↑↓: the file. The folder (created if missing): the file is written there decrypted, under a safe name, once its SHA-256 is checked. Save it on an encrypted disk.")
    static let extractHint = l("Entrée : extraire · Échap : annuler", "Enter: extract · Esc: cancel")
    static func extracting(_ name: String) -> Localized {
        l("Écriture de « \(name) » et vérification de son SHA-256…", "Writing “\(name)” and checking its SHA-256…")
    }
    static func extractedOf(_ done: String, _ total: String) -> Localized { l("\(done) sur \(total)", "\(done) of \(total)") }
    static let extractWritingHint = l("Échap : masquer (l'écriture continue, le résultat s'affichera en bas)",
                                      "Esc: hide (the writing goes on, the result will show at the bottom)")
    static let extractBusy = l("Un fichier est déjà en cours d'écriture : attendez son résultat, en bas de l'écran.",
                               "A file is already being written: wait for its result, at the bottom of the screen.")
    static let extractNeedsFolder = l("Tapez le dossier où écrire le fichier.", "Type the folder to write the file to.")
    /// The folder offered for the files of the testimony with `receipt`, in the current folder: its ASCII letters,
    /// digits and dashes only (a genuine receipt is all of them). The receipt is a text whoever sealed the testimony
    /// chose: `K7QF/../../.config/autostart` made Enter write a forged `.desktop` file into the session's autostart.
    static func extractFolder(_ receipt: String) -> Localized {
        let safe = String(receipt.filter { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") }.prefix(40))
        return l("fichiers-\(safe)", "files-\(safe)")
    }
    static func extracted(_ path: String) -> Localized {
        l("Fichier écrit, SHA-256 vérifié : \(path)", "File written, SHA-256 checked: \(path)")
    }
    static let extractNoBundle = l(
        "Le lot de ce témoignage n'est plus parmi les lots lus : relancez « temoin team browse » avec ce lot ou depuis la boîte de réception.",
        "This testimony's bundle is no longer among the bundles read: run “temoin team browse” again with that bundle or from the inbox.")
    static func corroborationTitle(_ receipt: String) -> Localized {
        l("Témoignages qui recoupent \(receipt)", "Testimonies corroborating \(receipt)")
    }

    // MARK: Charts

    static let chartsHint = l("↑↓ : choisir une barre · Entrée : filtrer sur cette barre · Échap : liste",
                              "↑↓: pick a bar · Enter: filter on this bar · Esc: list")
    static func percent(_ value: Int) -> Localized { l("\(value) %", "\(value)%") }

    // MARK: Problems

    static let problemsTitle = l("Ce qui n'a pas pu être lu", "What could not be read")
    static let scrollOrClose = l("↑↓ Page↑↓ Début Fin : défiler · une autre touche : fermer", "↑↓ PgUp PgDn Home End: scroll · any other key: close")
    static let problemsNone = l("Tout a été lu : aucun lot refusé, aucun témoignage illisible.", "Everything was read: no bundle refused, no testimony unreadable.")
    static func problemRefused(_ path: String, _ error: Error) -> Localized {
        let reason = refusal(error)
        return l("\(path) : lot refusé — \(reason.fr)", "\(path): bundle refused — \(reason.en)")
    }
    /// Why a bundle was refused, and what to do about it: the words of the layer that refused it.
    private static func refusal(_ error: Error) -> Localized {
        ErrorText.message(for: error)
    }
    static func problemDamaged(_ bundle: DamagedBundle) -> Localized {
        l("\(bundle.path) : lot abîmé — \(bundle.message(in: .fr))", "\(bundle.path): damaged bundle — \(bundle.message(in: .en))")
    }
    static func problemRevoked(_ path: String) -> Localized {
        l("\(path) : laissé de côté — le poste qui l'a signé est révoqué", "\(path): left out — the desk that signed it is revoked")
    }
    static func problemRecord(_ problem: RecordProblem) -> Localized {
        let why = problem.cause
        return l("\(problem.bundle) : témoignage \(problem.recordID) : \(why.message(in: .fr))",
                 "\(problem.bundle): testimony \(problem.recordID): \(why.message(in: .en))")
    }

    // MARK: Help

    static func helpLines(_ language: Language) -> [String] {
        let lines: [Localized] = [
            l("Sans touches de fonction : Échap puis le chiffre (Échap 1 = F1, Échap 0 = F10).",
              "Without function keys: Esc then the digit (Esc 1 = F1, Esc 0 = F10)."),
            l("F1  Ctrl-G   cette aide", "F1  Ctrl-G   this help"),
            l("F2  /        chercher des mots dans les réponses (casse et accents ignorés)",
              "F2  /        search words in the answers (case and accents ignored)"),
            l("F3           filtrer par réponse : une question (toutes sont proposées), puis une valeur",
              "F3           filter by answer: a question (every one is offered), then a value"),
            l("F4           retirer le filtre : tous les témoignages", "F4           remove the filter: all testimonies"),
            l("F5           graphiques / liste (les graphiques suivent le filtre)", "F5           charts / list (the charts follow the filter)"),
            l("F6           croiser deux questions : nombres, % de la ligne, % de la colonne",
              "F6           cross two questions: counts, row %, column %"),
            l("F7  1…5      trier par colonne (la même touche inverse l'ordre)", "F7  1…5      sort by column (the same key reverses the order)"),
            l("F8           ce qui n'a pas pu être lu (lots refusés, témoignages non ouverts)",
              "F8           what could not be read (bundles refused, testimonies not opened)"),
            l("F9  Ctrl-Y   English / français", "F9  Ctrl-Y   français / English"),
            l("F10 Ctrl-Q   revenir ; depuis la liste : quitter", "F10 Ctrl-Q   go back; from the list: quit"),
            l("Liste : ↑↓ Page↑↓ Début/Fin, Entrée : lire le témoignage", "List: ↑↓ PgUp/PgDn Home/End, Enter: read the testimony"),
            l("Liste : e  exporter la liste affichée (filtre compris) en .csv, .xlsx ou .jsonl",
              "List: e  export the list shown (filter included) as .csv, .xlsx or .jsonl"),
            l("Témoignage : n  ajouter une note · s  statut · t  étiquette (-étiquette la retire)",
              "Testimony: n  add a note · s  status · t  tag (-tag removes it)"),
            l("Témoignage : c  les témoignages qui le recoupent (même ville, jour, heure, lieu)",
              "Testimony: c  the testimonies that corroborate it (same city, day, time, place)"),
            l("Témoignage : x  extraire un fichier remis dans un dossier (son SHA-256 est vérifié)",
              "Testimony: x  extract an evidence file into a folder (its SHA-256 is checked)"),
            l("Graphiques : ↑↓ pour choisir une barre, Entrée pour filtrer sur elle",
              "Charts: ↑↓ to pick a bar, Enter to filter on it"),
        ]
        return lines.map { $0(language) }
    }
}
