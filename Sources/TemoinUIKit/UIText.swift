import TemoinForms

/// Every user-facing string of the desk UI, in French and English.
///
/// Use as `UIText.menuNew(language)`; texts with values are functions returning `Localized`.
public enum UIText {
    private static func l(_ fr: String, _ en: String) -> Localized { Localized(fr: fr, en: en) }

    // MARK: General

    public static let appName = l("Témoin — poste d'accueil", "Témoin — desk")
    public static let working = l("Un instant…", "One moment…")
    public static func deskLine(_ name: String) -> Localized { l("Poste « \(name) »", "Desk “\(name)”") }
    public static func deskFingerprintLine(_ fingerprint: String) -> Localized {
        l("Empreinte du poste : \(fingerprint)", "Desk fingerprint: \(fingerprint)")
    }
    public static func teamKeyLine(_ name: String, _ fingerprint: String) -> Localized {
        l("Clé de l'équipe : \(fingerprint) « \(name) »", "Team key: \(fingerprint) “\(name)”")
    }
    /// Said under the team key fingerprint(s): one, or several to compare each.
    public static func compareFingerprints(_ count: Int) -> Localized {
        count > 1
            ? l("Comparez chacune de ces empreintes avec l'équipe juridique, par téléphone : chacune doit être identique, caractère par caractère.",
                "Compare each of these fingerprints with the legal team by phone: each must match character for character.")
            : l("Comparez cette empreinte avec l'équipe juridique, par téléphone : elle doit être identique, caractère par caractère.",
                "Compare this fingerprint with the legal team by phone: it must match character for character.")
    }
    public static let sealingExplained = l(
        "Sceller un témoignage, c'est le chiffrer pour la seule équipe juridique : une fois scellé, même ce poste ne peut plus le lire.",
        "Sealing a testimony encrypts it for the legal team alone: once sealed, not even this desk can read it.")
    public static func stepOf(_ step: Int, _ count: Int) -> Localized { l("étape \(step) sur \(count)", "step \(step) of \(count)") }
    public static func tooSmall(_ minWidth: Int, _ minHeight: Int, _ width: Int, _ height: Int) -> Localized {
        l("Agrandissez la fenêtre : il faut au moins \(minWidth)×\(minHeight) (actuellement \(width)×\(height)). Rien n'est perdu.",
          "Enlarge the window: at least \(minWidth)×\(minHeight) is needed (now \(width)×\(height)). Nothing is lost.")
    }

    // MARK: Function-key bar

    public static let keyHelp = l("Aide", "Help")
    public static let keyNew = l("Nouveau", "New")
    public static let keyPrevious = l("◂Section", "◂Section")
    public static let keyNext = l("Section▸", "Section▸")
    public static let keyReview = l("Relire", "Review")
    public static let keySeal = l("Sceller", "Seal")
    public static let keyExport = l("Exporter", "Export")
    public static let keyLock = l("Verrou", "Lock")
    public static let keyWipe = l("Effacer", "Discard")
    public static let keyLanguage = l("English", "Français")
    public static let keyQuit = l("Quitter", "Quit")
    public static let keyClose = l("Fermer", "Close")
    public static let keyBack = l("Retour", "Back")
    public static let keyHome = l("Accueil", "Home")

    // MARK: First run

    public static let setupTitle = l("Témoin — première mise en route", "Témoin — first set-up")
    public static let setupLanguagePrompt = l(
        "Langue du poste / Desk language:", "Desk language / Langue du poste :")
    /// A language's name in itself, as a language menu shows it.
    public static func languageName(_ language: Language) -> String {
        language == .fr ? "Français" : "English"
    }
    public static let setupLanguageHint = l(
        "↑↓ puis Entrée, ou 1 / 2. Modifiable ensuite à l'accueil avec F9 (le choix est gardé dans le coffre).",
        "↑↓ then Enter, or 1 / 2. Change it later on the home screen with F9 (the choice is kept in the vault).")
    public static let setupKeyPrompt = l(
        "Fichier de la clé publique de l'équipe (team.pub), tapé ou choisi dans la liste :",
        "The team's public key file (team.pub), typed or picked from the list:")
    public static let setupKeyHint = l(
        "Entrée : ajouter · Tab : compléter le chemin · ↑↓ : choisir dans la liste",
        "Enter: add this key · Tab: complete the path · ↑↓: pick a file found")
    public static let setupFoundFiles = l("Fichiers de clé trouvés (dossier personnel, clés USB) :", "Key files found (home folder, USB sticks):")
    public static let setupCandidates = l("Possibilités :", "Possible completions:")
    public static let setupContinue = l("Continuer ▸", "Continue ▸")
    public static let setupNeedKey = l("Ajoutez d'abord au moins une clé de l'équipe.", "Add at least one team key first.")
    public static let setupKeyAdded = l("Clé ajoutée. Vérifiez son empreinte, puis « Continuer ».", "Key added. Check its fingerprint, then “Continue”.")
    public static let setupNamePrompt = l(
        "Nom du poste, que l'équipe verra (ex. « Permanence Belleville ») :",
        "A name for this desk, shown to the team (e.g. “Belleville drop-in”):")
    public static func setupPassphrasePrompt(_ minimum: Int) -> Localized {
        l("Phrase de passe du poste (au moins \(minimum) caractères ; plusieurs mots, c'est mieux) :",
          "Desk passphrase (at least \(minimum) characters; several words is best):")
    }
    public static let setupConfirmPrompt = l("Retapez la phrase de passe :", "Type the passphrase again:")
    public static let setupPassphraseAdvice = l(
        "Elle protège les brouillons et signe les exports. Personne ne peut la retrouver si elle est oubliée : gardez-la en lieu sûr.",
        "It protects drafts and signs exports. Nobody can recover it if it is forgotten: keep it somewhere safe.")
    public static let setupNeedName = l("Donnez un nom au poste.", "Give the desk a name.")
    public static func setupPassphraseTooShort(_ minimum: Int) -> Localized {
        l("Phrase de passe trop courte : au moins \(minimum) caractères.", "Passphrase too short: at least \(minimum) characters.")
    }
    public static let setupPassphrasesDiffer = l(
        "Les deux phrases de passe diffèrent. Retapez la seconde.", "The two passphrases differ. Type the second one again.")
    public static let setupDone = l("Le poste est prêt.", "The desk is ready.")
    public static let setupStart = l("Entrée : commencer.", "Enter: start.")

    // MARK: Unlock and lock

    public static let unlockPrompt = l("Phrase de passe du poste :", "Desk passphrase:")
    public static let checkingPassphrase = l("Vérification de la phrase de passe…", "Checking the passphrase…")
    public static let unlockToSave = l(
        "Le témoignage ouvert n'a pas pu être enregistré : déverrouillez pour l'enregistrer avant de quitter.",
        "The open testimony could not be saved: unlock to save it before quitting.")
    public static let wrongPassphrase = l(
        "Phrase de passe incorrecte. Vérifiez le verrouillage des majuscules et la disposition du clavier, puis réessayez.",
        "Wrong passphrase. Check Caps Lock and the keyboard layout, then try again.")
    public static let lockedTitle = l("Verrouillé", "Locked")
    public static let lockedByHand = l(
        "Le poste est verrouillé. Le brouillon en cours est enregistré, chiffré. Tapez la phrase de passe pour reprendre.",
        "The desk is locked. The current draft is saved, encrypted. Type the passphrase to carry on.")
    public static let lockedExplanation = l(
        "Le poste s'est verrouillé. Le brouillon en cours est enregistré, chiffré. Tapez la phrase de passe pour reprendre.",
        "The desk locked itself. The current draft is saved, encrypted. Type the passphrase to carry on.")

    // MARK: Home

    public static let menuNew = l("Nouveau témoignage", "New testimony")
    public static let resumeDraftHeading = l("Reprendre un brouillon :", "Resume a draft:")
    /// Where a draft stands: the section reached, then the city and date when known.
    public static func draftWhere(_ section: Int, _ count: Int, _ title: String) -> Localized {
        l("section \(section)/\(count) « \(title) »", "section \(section)/\(count) “\(title)”")
    }
    public static func languageSaved(_ name: String) -> Localized {
        l("Langue du poste : \(name), gardée dans le coffre.", "Desk language: \(name), kept in the vault.")
    }
    public static func menuExport(_ count: Int) -> Localized {
        l("Exporter les témoignages scellés (\(count) en attente)", "Export the sealed testimonies (\(count) waiting)")
    }
    public static let menuLanguage = l("Language: English", "Langue : français")
    public static let menuQuit = l("Quitter", "Quit")
    public static func statusLine(drafts: Int, sealed: Int, exported: Int) -> Localized {
        l("Coffre : \(drafts) brouillon(s) · \(sealed) scellé(s) à exporter · \(exported) exporté(s)",
          "Vault: \(drafts) draft(s) · \(sealed) sealed awaiting export · \(exported) exported")
    }
    public static func formLine(_ title: String, _ version: Int) -> Localized {
        l("Questionnaire : \(title) (version \(version))", "Questionnaire: \(title) (version \(version))")
    }
    public static func unreadableDrafts(_ count: Int) -> Localized {
        l("\(count) brouillon(s) d'un autre questionnaire", "\(count) draft(s) of another questionnaire")
    }
    public static func draftSaved(_ time: String) -> Localized {
        l("Brouillon enregistré, chiffré (\(time)).", "Draft saved, encrypted (\(time)).")
    }
    public static let draftDiscarded = l("Le brouillon a été effacé.", "The draft was discarded.")

    // MARK: Questionnaire

    public static func sectionOf(_ index: Int, _ count: Int) -> Localized { l("section \(index) sur \(count)", "section \(index) of \(count)") }
    public static let progressLegend = l("✓ fait  ! à revoir  * obligatoire", "✓ done  ! to check  * required")
    public static let requiredMissing = l("Réponse obligatoire pour sceller.", "An answer is required to seal.")
    public static func hint(for kind: FieldKind) -> Localized {
        switch kind {
        case .text: l("Tapez la réponse · Entrée ou Tab : question suivante", "Type the answer · Enter or Tab: next question")
        case .longtext: l("Texte libre : Entrée pour un nouveau paragraphe · Tab : question suivante",
                          "Free text: Enter for a new paragraph · Tab: next question")
        case .choice: l("↑↓ puis Espace ou Entrée pour choisir (ou le numéro) · Tab : suivante",
                        "↑↓ then Space or Enter to choose (or the number) · Tab: next")
        case .multichoice: l("↑↓ puis Espace pour cocher ou décocher (plusieurs possibles) · Tab : suivante",
                             "↑↓ then Space to tick or untick (several allowed) · Tab: next")
        case .yesno: l("o : oui · n : non · ? : je ne sais pas · Tab : suivante", "y: yes · n: no · ?: don't know · Tab: next")
        case .number: l("Un nombre entier · Entrée ou Tab : suivante", "A whole number · Enter or Tab: next")
        case .date: l("Ex. 14/03/2026, ou mars 2026 si le jour n'est pas sûr", "E.g. 2026-03-14, or March 2026 if unsure of the day")
        case .time: l("Ex. 18h30, vers 18h30, en fin d'après-midi", "E.g. 18:30, around 6pm, late afternoon")
        case .files: l("Entrée sur « Ajouter un fichier » : choisir un fichier · Suppr : retirer le fichier surligné · Tab : suivante",
                       "Enter on “Add a file”: pick a file · Delete: remove the highlighted file · Tab: next")
        }
    }

    /// Shown when a letter is typed at a question answered by picking: how to answer it (the letter is not kept).
    public static func strayKey(for kind: FieldKind) -> Localized {
        switch kind {
        case .files: l("Ici on ajoute un fichier avec Entrée sur « Ajouter un fichier » ; les lettres ne s'écrivent pas. Tab : question suivante.",
                       "Here you add a file with Enter on “Add a file”; letters are not typed in. Tab: next question.")
        case .yesno: l("Cette question se répond avec o (oui), n (non) ou ? (je ne sais pas) ; les autres lettres ne s'écrivent pas. Tab : question suivante.",
                       "This question is answered with y (yes), n (no) or ? (don't know); other letters are not typed in. Tab: next question.")
        case .multichoice: l("Ici on coche avec ↑↓ et Espace, ou le numéro ; les lettres ne s'écrivent pas. Tab : question suivante.",
                             "Here you tick with ↑↓ and Space, or the number; letters are not typed in. Tab: next question.")
        default: l("Ici on choisit avec ↑↓ et Espace, ou le numéro ; les lettres ne s'écrivent pas. Tab : question suivante.",
                   "Here you choose with ↑↓ and Space, or the number; letters are not typed in. Tab: next question.")
        }
    }
    // MARK: Evidence files

    public static let filesAdd = l("+ Ajouter un fichier…", "+ Add a file…")
    public static func filesCount(_ count: Int) -> Localized {
        count == 1 ? l("1 fichier", "1 file") : l("\(count) fichiers", "\(count) files")
    }
    public static let pickerTitle = l("Choisir un fichier", "Pick a file")
    public static let pickerWhere = l("Dossier : ", "Folder: ")
    public static let pickerPlaces = l("téléphones et clés branchés, puis dossier personnel", "phones and sticks plugged in, then home folder")
    public static let pickerHome = l("Dossier personnel", "Home folder")
    public static let pickerMedia = l("(téléphone ou clé branché)", "(phone or stick plugged in)")
    public static let pickerNoPlaces = l("Aucun téléphone ni clé trouvé.", "No phone or stick found.")
    public static let pickerEmptyFolder = l("Ce dossier est vide.", "This folder is empty.")
    public static let pickerUnknownType = l("type illisible", "unreadable type")
    public static let pickerKeys = l("↑↓ · Entrée : ouvrir, prendre · Retour arrière : remonter · Échap : fermer",
                                     "↑↓ · Enter: open, take the file · Backspace: parent folder · Esc: close")
    public static let pickerOriginal = l(
        "Le fichier est chiffré dans le poste dès qu'il est pris ; l'original reste tel quel sur l'appareil de la personne.",
        "The file is encrypted into the desk as soon as it is taken; the original stays as it is on the person's device.")
    public static func pickerEncrypting(_ name: String) -> Localized { l("Chiffrement de « \(name) »…", "Encrypting “\(name)”…") }
    public static func pickerLimitCount(_ most: Int) -> Localized {
        most == 1 ? l("un seul fichier", "one file only") : l("au plus \(most) fichiers", "at most \(most) files")
    }
    public static func pickerLimitSize(_ size: String) -> Localized { l("\(size) au plus chacun", "\(size) at most each") }
    public static func pickerTooMany(_ most: Int) -> Localized {
        most == 1
            ? l("Cette question prend un seul fichier : retirez-le avant d'en ajouter un autre.",
                "This question takes one file only: remove it before adding another.")
            : l("Cette question prend au plus \(most) fichiers : retirez-en un avant d'en ajouter un autre.",
                "This question takes at most \(most) files: remove one before adding another.")
    }
    public static func pickerTooLarge(_ size: String, _ largest: String) -> Localized {
        l("Ce fichier fait \(size) : cette question accepte \(largest) au plus par fichier. Il n'a pas été pris.",
          "This file is \(size): this question accepts \(largest) at most per file. It was not taken.")
    }
    public static func pickerWrongType(_ type: String, _ accepted: String) -> Localized {
        l("Ce fichier est de type \(type) (lu dans son contenu, pas dans son nom) : cette question accepte \(accepted). Il n'a pas été pris.",
          "This file's content is \(type) (read from its content, not its name): this question accepts \(accepted). It was not taken.")
    }
    public static let pickerUnreadableFile = l("Ce fichier ne peut pas être lu (droits ?) : il n'a pas été pris.",
                                               "This file cannot be read (permissions?): it was not taken.")
    public static func pickerCannotOpen(_ folder: String, _ reason: Localized) -> Localized {
        l("Impossible d'ouvrir le dossier \(folder) (\(reason(.fr))) : choisissez-en un autre.",
          "Cannot open the folder \(folder) (\(reason(.en))): choose another one.")
    }
    public static let pickerDenied = l("accès refusé", "permission denied")
    public static let pickerGone = l("il n'existe plus : l'appareil a-t-il été débranché ?", "it no longer exists: was the device unplugged?")
    public static let confirmHideTitle = l("Changer cette réponse ?", "Change this answer?")
    public static func confirmHideText(_ answer: String, _ count: Int, _ sections: String) -> Localized {
        l("Répondre « \(answer) » masquera \(count) réponse(s) déjà données (\(sections)). Elles ne seront pas scellées ; elles reviennent si vous remettez la réponse d'avant.",
          "Answering “\(answer)” will hide \(count) answer(s) already given (\(sections)). They will not be sealed; they come back if you put the previous answer back.")
    }
    public static let confirmHideKeys = l("F5 : oui, changer      Échap : ne rien changer", "F5: yes, change it      Esc: change nothing")

    // MARK: Review, sealing, receipt

    public static let reviewTitle = l("Relecture avant de sceller", "Review before sealing")
    public static let reviewReady = l(
        "Tout est prêt. Relisez avec la personne, puis F5 pour sceller. Entrée sur une réponse pour la modifier.",
        "Everything is ready. Read it through with the person, then F5 to seal. Enter on an answer to change it.")
    public static func reviewProblems(_ count: Int) -> Localized {
        l("\(count) réponse(s) à compléter ou corriger avant de sceller. Tab : aller à la suivante · Entrée : la modifier.",
          "\(count) answer(s) to complete or correct before sealing. Tab: go to the next · Enter: change it.")
    }
    public static let reviewNotReady = l(
        "Impossible de sceller : complétez d'abord les réponses marquées ✗.", "Cannot seal yet: first complete the answers marked ✗.")
    public static let confirmSealTitle = l("Sceller ce témoignage ?", "Seal this testimony?")
    public static let confirmSealText = l(
        "Il sera chiffré pour l'équipe juridique. Ce poste ne pourra plus jamais le relire ni le modifier.",
        "It will be encrypted for the legal team. This desk will never be able to read or change it again.")
    public static let confirmSealKeys = l("Entrée ou o : sceller      Échap ou n : revenir", "Enter or y: seal      Esc or n: go back")
    public static let confirmWipeTitle = l("Effacer ce brouillon ?", "Discard this draft?")
    public static let confirmWipeText = l(
        "Tout ce qui a été saisi pour ce témoignage sera effacé du poste, sans retour possible.",
        "Everything typed for this testimony will be erased from the desk, for good.")
    public static let confirmWipeKeys = l("Tapez o : effacer pour de bon      Échap ou n : garder", "Type y: discard for good      Esc or n: keep it")
    public static let receiptTitle = l("Témoignage scellé", "Testimony sealed")
    public static let receiptSealed = l(
        "Le témoignage est scellé : il est chiffré pour l'équipe juridique et enregistré sur le poste, en attente d'export.",
        "The testimony is sealed: encrypted for the legal team and stored on the desk, awaiting export.")
    public static let receiptCode = l("Code du reçu :", "Receipt code:")
    public static let receiptAdvice = l(
        "Recopiez ce code à la main sur le reçu remis à la personne : il permettra à l'équipe de retrouver son témoignage.",
        "Copy this code by hand onto the receipt for the person: it lets the team find their testimony.")
    public static let receiptContinue = l("Entrée : retour à l'accueil.", "Enter: back to the home screen.")

    // MARK: Export

    public static let exportTitle = l("Exporter les témoignages scellés", "Export the sealed testimonies")
    public static func exportAwaiting(_ count: Int) -> Localized {
        l("\(count) témoignage(s) scellé(s) en attente d'export. Le fichier est signé par le poste ; seule l'équipe peut l'ouvrir.",
          "\(count) sealed testimony(ies) awaiting export. The file is signed by the desk; only the team can open it.")
    }
    public static let exportFolderPrompt = l("Dossier de destination :", "Destination folder:")
    public static func exportFileName(_ name: String) -> Localized { l("Nom du fichier : \(name)", "File name: \(name)") }
    public static let exportPlaces = l("Emplacements proposés (↑↓) :", "Suggested places (↑↓):")
    public static let exportDefaultFolder = l("dossier par défaut", "default folder")
    public static let exportRemovable = l("support amovible", "removable media")
    public static let exportHint = l("Entrée : exporter ici · Échap : retour", "Enter: export here · Esc: back")
    public static let exportWithoutFiles = l("Sans les fichiers remis (les récits seuls ; les témoignages avec fichiers restent à exporter avec eux)",
                                             "Without the evidence files (the testimonies only; those with files stay to export with them)")
    public static let exportWithoutFilesHint = l("Espace : cocher ou décocher · Entrée : exporter · Échap : retour",
                                                 "Space: tick or untick · Enter: export · Esc: back")
    public static let exportFilesLeft = l("Les fichiers remis ne sont pas dans ce lot : les témoignages qui en ont restent à exporter, avec leurs fichiers, au prochain export.",
                                          "The evidence files are not in this bundle: the testimonies that have some stay to export, with their files, at the next export.")
    public static let exportChecking = l("Vérification de la destination…", "Checking the destination…")
    public static let exportWriting = l("Écriture et vérification du fichier…", "Writing and verifying the file…")
    public static let exportDone = l("Export terminé : le fichier a été relu et vérifié.", "Export done: the file was read back and verified.")
    public static func exportResultPath(_ path: String) -> Localized { l("Fichier : \(path)", "File: \(path)") }
    public static func exportResultSize(_ size: String) -> Localized { l("Taille : \(size)", "Size: \(size)") }
    public static func exportResultRecords(_ count: Int) -> Localized { l("Témoignages : \(count)", "Testimonies: \(count)") }
    public static let exportCarry = l(
        "Remettez ce fichier à l'équipe juridique (clé USB ou tout autre moyen). Entrée : retour à l'accueil.",
        "Hand this file to the legal team (USB stick or any other way). Enter: back to the home screen.")
    public static func exportDoneVolumes(_ count: Int) -> Localized {
        l("Export terminé en \(count) volumes (un seul fichier serait trop gros pour cette destination) : chacun a été relu et vérifié.",
          "Export done in \(count) volumes (one file would be too large for this destination): each was read back and verified.")
    }
    public static func exportResultFolder(_ folder: String) -> Localized { l("Dossier : \(folder)", "Folder: \(folder)") }
    public static func exportMoreVolumes(_ count: Int) -> Localized { l("… et \(count) autre(s)", "… and \(count) more") }
    public static func exportCarryVolumes(_ count: Int) -> Localized {
        l("Copiez ces \(count) fichiers ensemble et remettez-les tous à l'équipe juridique : chacun porte une partie des témoignages, "
            + "l'équipe doit tous les importer. Entrée : retour à l'accueil.",
          "Copy these \(count) files together and hand them all to the legal team: each carries part of the testimonies, "
            + "and the team must import every one. Enter: back to the home screen.")
    }
    public static let exportNothingLost = l(
        "Rien n'est perdu : les témoignages restent sur le poste. Entrée : choisir une autre destination.",
        "Nothing is lost: the testimonies stay on the desk. Enter: choose another destination.")

    // MARK: Help

    public static let helpTitle = l("Touches", "Keys")
    public static let helpClose = l("Une touche pour fermer cette aide.", "Press any key to close this help.")
    public static func helpLines(_ language: Language) -> [String] {
        let lines: [Localized] = [
            l("Sans touches de fonction : Échap puis le chiffre (Échap 1 = F1, Échap 0 = F10), ou la touche Ctrl.",
              "Without function keys: Esc then the digit (Esc 1 = F1, Esc 0 = F10), or the Ctrl key."),
            l("F1  Ctrl-G   cette aide", "F1  Ctrl-G   this help"),
            l("F2  Ctrl-O   nouveau témoignage (accueil)", "F2  Ctrl-O   new testimony (home)"),
            l("F3  Ctrl-P   section précédente (aussi Page↑)", "F3  Ctrl-P   previous section (also PgUp)"),
            l("F4  Ctrl-N   section suivante (aussi Page↓)", "F4  Ctrl-N   next section (also PgDn)"),
            l("F5  Ctrl-R   relire le témoignage ; à la relecture : sceller", "F5  Ctrl-R   review the testimony; when reviewing: seal"),
            l("F6  Ctrl-T   exporter (accueil)", "F6  Ctrl-T   export (home)"),
            l("F7  Ctrl-L   verrouiller le poste maintenant", "F7  Ctrl-L   lock the desk now"),
            l("F8  Ctrl-X   effacer le brouillon (confirmer en tapant o)", "F8  Ctrl-X   discard the draft (confirm by typing y)"),
            l("F9  Ctrl-Y   English / français (accueil ; gardé comme langue du poste)",
              "F9  Ctrl-Y   français / English (home; kept as the desk's language)"),
            l("F10 Ctrl-Q   fermer (le brouillon est enregistré) ; à l'accueil : quitter",
              "F10 Ctrl-Q   close (the draft is saved); on the home screen: quit"),
            l("Tab / Maj-Tab : question suivante / précédente · Échap : revenir",
              "Tab / Shift-Tab: next / previous question · Esc: go back"),
            l("Texte : flèches, Début/Fin, Ctrl-A/E, Ctrl-K/U (effacer jusqu'à la fin / au début), Ctrl-W (mot)",
              "Text: arrows, Home/End, Ctrl-A/E, Ctrl-K/U (delete to end / start), Ctrl-W (word)"),
            l("Choix : ↑↓ puis Espace ou Entrée, ou le numéro ; oui/non : o, n, ?",
              "Choices: ↑↓ then Space or Enter, or the number; yes/no: y, n, ?"),
            l("Les brouillons sont enregistrés chiffrés en continu.", "Drafts are saved, encrypted, as you type."),
        ]
        return lines.map { $0(language) }
    }
}

extension UIText {
    // MARK: Plain mode

    public static let plainRules = l(
        "Mode ligne à ligne. Entrée vide : garder la réponse actuelle ou passer · - : effacer la réponse · :q : enregistrer le brouillon et arrêter.",
        "Line-by-line mode. Empty line: keep the current answer or skip · -: clear the answer · :q: save the draft and stop.")
    public static let plainNoVault = l(
        "Aucun coffre : créez-le d'abord avec « temoin » (sans --plain) ou « temoin desk init ».",
        "No vault: create it first with `temoin` (without --plain) or `temoin desk init`.")
    public static let plainChooseDraft = l(
        "Numéro du brouillon à reprendre, ou Entrée pour un nouveau témoignage :",
        "Number of the draft to resume, or Enter for a new testimony:")
    public static let plainSeveral = l("Plusieurs possibles : numéros séparés par des virgules (ex. 1, 3).",
                                "Several allowed: numbers separated by commas (e.g. 1, 3).")
    public static let plainFiles = l(
        "Tapez le chemin d'un fichier par ligne : il est chiffré aussitôt, l'original n'est pas modifié. Ligne vide : terminer · « - » : retirer les fichiers de cette question.",
        "Type the path of one file per line: it is encrypted at once, the original is not changed. Empty line: done · “-”: remove this question's files.")
    public static func plainFileAdded(_ name: String) -> Localized { l("Fichier ajouté, chiffré : \(name)", "File added, encrypted: \(name)") }
    public static func filesCaptured(_ time: String) -> Localized { l("pris le \(time)", "taken \(time)") }
    public static let plainYesNoDontKnow = l("Répondez oui, non ou ? (je ne sais pas).", "Answer yes, no or ? (don't know).")
    public static let plainLongText = l("Plusieurs lignes possibles ; terminez par une ligne avec un seul point « . » (Entrée seule : passer).",
                                 "Several lines allowed; end with a line holding a single dot “.” (Enter alone: skip).")
    public static func plainCurrent(_ value: String) -> Localized {
        l("Réponse actuelle : \(value) (Entrée pour la garder)", "Current answer: \(value) (Enter to keep it)")
    }
    public static let plainYesNo = l("(oui/non)", "(yes/no)")
    // MARK: Plain mode, first run

    public static let plainSetupIntro = l(
        "Aucun coffre ici : mise en route du poste, ligne à ligne. Il faut le fichier de clé publique de l'équipe (team.pub).",
        "No vault here: setting up the desk, line by line. You need the team's public key file (team.pub).")
    public static let plainSetupKeyPath = l("Chemin du fichier team.pub :", "Path of the team.pub file:")
    public static func plainSetupFingerprint(_ name: String, _ fingerprint: String) -> Localized {
        l("Empreinte de la clé de l'équipe, à lire à l'équipe juridique par téléphone : \(fingerprint) (clé « \(name) »). Est-elle identique, caractère par caractère ? Tapez o pour oui, n pour non.",
          "Fingerprint of the team key, to read to the legal team by phone: \(fingerprint) (key “\(name)”). Does it match, character for character? Type y for yes, n for no.")
    }
    public static let plainSetupMismatch = l(
        "Empreinte différente : cette clé n'est pas celle de l'équipe, elle n'est pas gardée. Demandez le bon fichier et donnez son chemin (:q pour arrêter).",
        "The fingerprint differs: this is not the team's key; it is not kept. Ask for the right file and give its path (:q to stop).")
    public static func plainSetupDone(_ fingerprint: String) -> Localized {
        l("Le poste est prêt. Empreinte du poste : \(fingerprint).", "The desk is ready. Desk fingerprint: \(fingerprint).")
    }
    public static let plainStopped = l("Brouillon enregistré, chiffré. Reprenez-le plus tard avec temoin.",
                                "Draft saved, encrypted. Resume it later with temoin.")
}
