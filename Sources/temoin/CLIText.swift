import ArgumentParser
import Foundation
import TemoinCrypto
import TemoinFormat
import TemoinForms
import TemoinStorage
import TemoinTeam
import TemoinTerminal

/// The language of the command line: `--lang fr|en` anywhere before `--`, else `LC_ALL`, `LC_MESSAGES`, `LANG`.
///
/// Read once from the process's arguments and environment, before parsing, so that every message (even a
/// usage error) is said in it. Commands that have an `--lang` of their own (the desk and team UIs, the report,
/// `form show`) keep it: there it also sets the command line's language.
enum CLILanguage {
    /// The language of this run.
    static let current: Language = {
        if let value = option(in: Array(CommandLine.arguments.dropFirst())), let named = Language.named(value) { return named }
        return Language.fromLocale(environment: ProcessInfo.processInfo.environment)
    }()

    /// The value of `--lang VALUE` or `--lang=VALUE` in `arguments`, if any (the last one wins, as for options).
    static func option(in arguments: [String]) -> String? {
        var value: String?
        var index = 0
        while index < arguments.count, arguments[index] != "--" {
            let argument = arguments[index]
            if argument == "--lang", index + 1 < arguments.count {
                value = arguments[index + 1]
                index += 1
            } else if argument.hasPrefix("--lang=") {
                value = String(argument.dropFirst("--lang=".count))
            }
            index += 1
        }
        return value
    }

    /// `arguments` without `--lang VALUE` / `--lang=VALUE`, for the commands that have no `--lang` of their own.
    static func withoutOption(_ arguments: [String]) -> [String] {
        var rest: [String] = []
        var index = 0
        while index < arguments.count {
            let argument = arguments[index]
            if argument == "--" { return rest + arguments[index...] }
            if argument == "--lang" {
                index += 2
                continue
            }
            if !argument.hasPrefix("--lang=") { rest.append(argument) }
            index += 1
        }
        return rest
    }
}

/// A command with a `--lang` of its own, which the global `--lang` sets.
protocol LanguageOption: ParsableCommand {
    /// The command's `--lang` value.
    var language: String? { get set }
}

/// Every message, prompt and error line of the command line, in French and English (the one table of the CLI).
///
/// Errors of the layers below are said by their own tables (`TemoinError.message(in:)`); this holds what only the
/// command line says. `--help` stays in English (swift-argument-parser generates it).
enum CLIText {
    private static func l(_ fr: String, _ en: String) -> String { CLILanguage.current.pick(fr: fr, en: en) }

    /// `error` as one line a person can act on, in the command line's language.
    static func describe(_ error: Error) -> String {
        switch error {
        case let error as TemoinError: error.message(in: CLILanguage.current)
        case let error as QuestionnaireError: error.message(CLILanguage.current)
        case let error as AnswersError: error.issues.map { "\($0.fieldID): \($0.message(CLILanguage.current))" }.joined(separator: "\n")
        case let error as WhereError: error.message(in: CLILanguage.current)
        case let error as CLIError: error.description
        default:
            // A Foundation error is named by the errno it carries, never by its raw `Error Domain=… UserInfo=…` text.
            if let named = VaultError.fromFoundation(error) {
                named.message(in: CLILanguage.current)
            } else if type(of: error) is NSError.Type {
                l("Le système a refusé une opération (\((error as NSError).domain) \((error as NSError).code)).",
                  "The system refused an operation (\((error as NSError).domain) \((error as NSError).code)).")
            } else {
                l("Erreur inattendue : \(error)", "Unexpected error: \(error)")
            }
        }
    }

    /// `error` about the file at `path`.
    static func describe(_ error: Error, file path: String) -> String { l("\(path) : ", "\(path): ") + describe(error) }

    /// Whether a confirmation typed at a prompt says yes: oui, o, yes or y, in any case.
    static func isYes(_ answer: String?) -> Bool {
        guard let answer else { return false }
        return ["oui", "o", "yes", "y"].contains(answer.trimmingCharacters(in: .whitespaces).lowercased())
    }

    // MARK: Usage errors (the lines swift-argument-parser prints around them, and our own)

    /// swift-argument-parser's English frame around a usage error ("Error:", "Usage:", "See … --help"), said in French.
    static func parserMessage(_ english: String) -> String {
        guard CLILanguage.current == .fr else { return english }
        let phrases: [(String, String)] = [
            ("Error: ", "Erreur : "), ("Usage: ", "Utilisation : "), ("  See '", "  Voir « "),
            ("' for more information.", " » pour en savoir plus."),
            ("Missing expected argument ", "Argument attendu manquant : "), ("Unknown option ", "Option inconnue : "),
            ("Unexpected argument ", "Argument inattendu : "), ("Missing value for ", "Valeur manquante pour "),
            ("Unexpected extra arguments: ", "Arguments en trop : "), ("Did you mean ", "Vouliez-vous dire "), ("'?", "' ?"),
            ("The value ", "La valeur "), (" is invalid for ", " n'est pas valable pour "), ("Help:  ", "Aide (en anglais) : "),
        ]
        return phrases.reduce(english) { $0.replacingOccurrences(of: $1.0, with: $1.1) }
    }

    /// A problem found in the value of `option` (`--where`, `--by`).
    static func optionProblem(_ option: String, _ message: String) -> String { l("\(option) : \(message)", "\(option): \(message)") }
    static let langMustBeFrOrEn = l("--lang doit être fr ou en.", "--lang must be fr or en.")
    static let nameABundle = l("Indiquez au moins un fichier de lot.", "Name at least one bundle file.")
    static let giveTeamKey = l("Indiquez au moins une clé publique d'équipe avec --team-key team.pub.", "Give at least one team public key with --team-key team.pub.")
    static let giveSecretKey = l(
        "Indiquez la clé secrète de l'équipe avec --key team.key. Pour la nommer une fois pour toutes les commandes de l'équipe : export TEMOIN_TEAM_KEY=~/temoin-team/team.key",
        "Give the team secret key with --key team.key. To name it once for every team command: export TEMOIN_TEAM_KEY=~/temoin-team/team.key")
    static let idleLockValue = l("--idle-lock doit valoir 0 (jamais) ou un nombre de secondes.", "--idle-lock must be 0 (never) or a number of seconds.")
    static let formatJsonlCsvOrXlsx = l("--format doit être jsonl, csv ou xlsx.", "--format must be jsonl, csv or xlsx.")
    static let xlsxNeedsOut = l("--format xlsx écrit un fichier : indiquez-le avec --out FICHIER.xlsx.", "--format xlsx writes a file: give it with --out FILE.xlsx.")
    static let labelsValue = l("--labels doit être ids, fr ou en.", "--labels must be ids, fr or en.")
    static let formatTableCsvOrJson = l("--format doit être table, csv ou json.", "--format must be table, csv or json.")
    static let byAtMostTwice = l("--by se donne au plus deux fois : les lignes, puis les colonnes.", "--by is given at most twice: rows, then columns.")
    static let separatorValue = l("--separator doit être , ou ; (ou tab).", "--separator must be , or ; (or tab).")
    static func crosstabPair(_ pair: String) -> String {
        l("--crosstab prend deux questions séparées par une virgule, par exemple face_photo,city ; reçu « \(pair) ».",
          "--crosstab takes two questions separated by a comma, such as face_photo,city; got “\(pair)”.")
    }
    /// `temoin team WORD` where WORD is neither a team command nor a file; `nearest` is a team command close to it.
    static func mistypedTeamCommand(_ word: String, nearest: String?) -> String {
        let start = l("« \(word) » n'est ni une commande de l'équipe ni un fichier de lot.", "“\(word)” is neither a team command nor a bundle file.")
        guard let nearest else {
            return start + l(" Vérifiez le chemin du lot ; `temoin team --help` liste les commandes.",
                             " Check the bundle's path; `temoin team --help` lists the commands.")
        }
        return start + l(" Vouliez-vous dire `temoin team \(nearest)` ?", " Did you mean `temoin team \(nearest)`?")
    }

    // MARK: Passphrases

    static let typeItAgain = l("Retapez-la : ", "Type it again: ")
    static let passphrasesDiffer = l("Les deux phrases de passe diffèrent. Rien n'a été changé ; réessayez.", "The two passphrases differ. Nothing was changed; try again.")
    static func passphraseFileUnreadable(_ path: String, errno code: Int32) -> String {
        l("Le fichier de phrase de passe \(path) ne peut pas être lu : \(VaultError.reason(code, in: .fr)).",
          "Cannot read the passphrase file \(path): \(VaultError.reason(code, in: .en)).")
    }
    /// `line` is nil when the file has a single line.
    static func passphraseFileEmpty(_ path: String, line: Int? = nil) -> String {
        guard let line else { return l("Le fichier de phrase de passe \(path) est vide.", "The passphrase file \(path) is empty.") }
        return l("La ligne \(line) du fichier de phrase de passe \(path) est vide.", "Line \(line) of the passphrase file \(path) is empty.")
    }
    static func passphraseLineTooLong(_ path: String, line: Int?, _ bytes: Int) -> String {
        l("La ligne \(line ?? 1) du fichier de phrase de passe \(path) dépasse \(bytes) octets ; rien n'a été fait.",
          "Line \(line ?? 1) of the passphrase file \(path) is longer than \(bytes) bytes; nothing was done.")
    }
    static func passphraseLineMissing(_ path: String, lines: Int, needed: Int) -> String {
        l("Le fichier de phrase de passe \(path) a \(lines) ligne(s) mais la ligne \(needed) est nécessaire : "
            + "une phrase de passe par ligne, dans l'ordre des options --key (ou une seule ligne pour toutes).",
          "The passphrase file \(path) has \(lines) line(s) but line \(needed) is needed: "
            + "put one passphrase per line, in the order of the --key options (or a single line for all).")
    }
    static let noTerminalForPassphrase = l(
        "Aucun terminal pour demander la phrase de passe : donnez-la avec --passphrase-file FICHIER ou TEMOIN_PASSPHRASE_FILE.",
        "No terminal to ask for the passphrase: give it with --passphrase-file FILE or TEMOIN_PASSPHRASE_FILE.")
    /// Said after "wrong passphrase" when the passphrase file's line is not plain UTF-8 text.
    static func passphraseFileMisencoded(_ path: String, byteOrderMark: Bool) -> String {
        byteOrderMark
            ? l("La ligne lue dans \(path) commence par une marque d'ordre des octets (BOM), qui compte dans la phrase de passe : "
                + "enregistrez ce fichier en UTF-8 sans BOM, puis réessayez.",
                "The line read from \(path) starts with a byte order mark (BOM), which counts as part of the passphrase: "
                + "save that file as UTF-8 without BOM, then try again.")
            : l("La ligne lue dans \(path) n'est pas du texte UTF-8 (un autre encodage, ou pas un fichier texte) : "
                + "enregistrez ce fichier en UTF-8, puis réessayez.",
                "The line read from \(path) is not UTF-8 text (another encoding, or not a text file): "
                + "save that file as UTF-8, then try again.")
    }
    /// A new passphrase read from a line that is not plain UTF-8 text: refused, it could not be typed again.
    static func newPassphraseMisencoded(_ path: String, byteOrderMark: Bool) -> String {
        byteOrderMark
            ? l("La phrase de passe lue dans \(path) commence par une marque d'ordre des octets (BOM), qui ne se tape pas au clavier : "
                + "enregistrez ce fichier en UTF-8 sans BOM. Rien n'a été changé.",
                "The passphrase read from \(path) starts with a byte order mark (BOM), which cannot be typed on a keyboard: "
                + "save that file as UTF-8 without BOM. Nothing was changed.")
            : l("La phrase de passe lue dans \(path) n'est pas du texte UTF-8 (un autre encodage, ou pas un fichier texte) : "
                + "elle ne pourrait pas être retapée au clavier. Enregistrez ce fichier en UTF-8. Rien n'a été changé.",
                "The passphrase read from \(path) is not UTF-8 text (another encoding, or not a text file): it could not be "
                + "typed again on a keyboard. Save that file as UTF-8. Nothing was changed.")
    }
    static let noPassphraseTyped = l("Aucune phrase de passe n'a été tapée.", "No passphrase was typed.")
    static func passphraseTooLong(_ bytes: Int) -> String {
        l("La phrase de passe dépasse \(bytes) octets ; rien n'a été fait.", "The passphrase is longer than \(bytes) bytes; nothing was done.")
    }
    static func teamKeyPassphrase(_ name: String, _ fingerprint: String) -> String {
        l("Phrase de passe de la clé d'équipe \(name) (\(fingerprint)) : ", "Passphrase of the team key \(name) (\(fingerprint)): ")
    }
    static let newDeskPassphrase = l("Nouvelle phrase de passe du poste (au moins \(PassphraseRules.deskMinimum) caractères) : ",
                                     "New desk passphrase (at least \(PassphraseRules.deskMinimum) characters): ")
    static let currentDeskPassphrase = l("Phrase de passe actuelle du poste : ", "Current desk passphrase: ")
    static let deskPassphrase = l("Phrase de passe du poste : ", "Desk passphrase: ")
    static let newTeamKeyPassphrase = l("Nouvelle phrase de passe de la clé d'équipe (au moins \(PassphraseRules.teamMinimum) caractères) : ",
                                        "New team key passphrase (at least \(PassphraseRules.teamMinimum) characters): ")
    static let newPassphrase = l("Nouvelle phrase de passe (au moins \(PassphraseRules.teamMinimum) caractères) : ",
                                 "New passphrase (at least \(PassphraseRules.teamMinimum) characters): ")
    static let newRestoredPassphrase = l("Nouvelle phrase de passe pour la clé restaurée (au moins \(PassphraseRules.teamMinimum) caractères) : ",
                                         "New passphrase for the restored key (at least \(PassphraseRules.teamMinimum) characters): ")

    // MARK: Desk

    static func vaultCreated(_ path: String) -> String { l("Coffre du poste créé dans \(path)", "Desk vault created at \(path)") }
    static func deskFingerprint(_ name: String, _ fingerprint: String) -> String {
        l("Empreinte du poste « \(name) » : \(fingerprint)", "Desk \"\(name)\" fingerprint: \(fingerprint)")
    }
    static func sealsTo(_ name: String, _ fingerprint: String) -> String {
        l("Scelle pour la clé d'équipe \(fingerprint) « \(name) »", "Seals to team key \(fingerprint) \"\(name)\"")
    }
    static let compareByPhone = l("Comparez ces empreintes avec l'équipe par téléphone avant d'enregistrer des témoignages.",
                                  "Compare these fingerprints with the team by phone before recording testimonies.")
    static func statusVault(_ path: String) -> String { l("Coffre : \(path)", "Vault: \(path)") }
    static func statusDesk(_ name: String, _ fingerprint: String) -> String { l("Poste : \(name) — empreinte \(fingerprint)", "Desk: \(name) — fingerprint \(fingerprint)") }
    static func statusTeamKey(_ name: String, _ fingerprint: String) -> String {
        l("Clé d'équipe : empreinte \(fingerprint) — \(name)", "Team key: fingerprint \(fingerprint) — \(name)")
    }
    static func statusForm(_ id: String, _ version: Int) -> String { l("Questionnaire : \(id) version \(version)", "Questionnaire: \(id) version \(version)") }
    static func statusDrafts(_ count: Int) -> String { l("Brouillons : \(count)", "Drafts: \(count)") }
    static func statusAwaiting(_ count: Int) -> String { l("Scellés, en attente d'export : \(count)", "Sealed, awaiting export: \(count)") }
    static func statusExported(_ count: Int) -> String { l("Exportés : \(count)", "Exported: \(count)") }
    static let deskPassphraseChanged = l("La phrase de passe du poste a été changée.", "The desk passphrase was changed.")
    static func teamKeyAdded(_ name: String, _ fingerprint: String) -> String {
        l("Les nouveaux témoignages sont désormais scellés aussi pour la clé \(fingerprint) « \(name) ». Comparez son empreinte avec l'équipe par téléphone.",
          "New records are now sealed to key \(fingerprint) \"\(name)\" too. Compare its fingerprint with the team by phone.")
    }
    static func noSuchTeamKey(_ fingerprint: String) -> String {
        l("Aucune clé d'équipe en service n'a l'empreinte \(fingerprint) ; `temoin desk team-key` les liste.",
          "No team key in use has the fingerprint \(fingerprint); `temoin desk team-key` lists them.")
    }
    static func teamKeyRetired(_ fingerprint: String) -> String {
        l("Les nouveaux témoignages ne sont plus scellés pour \(fingerprint).", "New records are no longer sealed to \(fingerprint).")
    }
    static let keysLeftUnbound = l(
        "Les clés restantes ne sont pas liées à la phrase de passe du poste : vérifiez-les, puis lancez `temoin desk team-key confirm`.",
        "The keys left are not bound to the desk passphrase: check them, then run `temoin desk team-key confirm`.")
    static let confirmIntro = l(
        "Les nouveaux témoignages seront scellés pour chacune des clés ci-dessous. Comparez chaque empreinte avec l'équipe par téléphone ;\n"
            + "si l'une est inconnue, arrêtez ici (Ctrl-C) et retirez-la d'abord : temoin desk team-key retire EMPREINTE",
        "New records will be sealed to every key below. Compare each fingerprint with the team by phone;\n"
            + "if one is unknown, stop here (Ctrl-C) and retire it first: temoin desk team-key retire FINGERPRINT")
    static let confirmPassphrase = l("Phrase de passe du poste, pour confirmer cette liste : ", "Desk passphrase, to confirm this list: ")
    static func confirmed(_ count: Int) -> String {
        l("Confirmé : les nouveaux témoignages sont scellés pour ces \(count) clé(s) seulement.",
          "Confirmed: new records are sealed to these \(count) key(s) only.")
    }
    /// The desk passphrase prompt of the plain desk, in the desk's own language (`--lang`, else the vault's, else the locale's).
    static func deskPassphrase(in language: Language) -> String { language.pick(fr: "Phrase de passe du poste : ", en: "Desk passphrase: ") }
    static func attachNeedsOneTestimony(_ count: Int) -> String {
        l("--attach va avec un seul témoignage ; l'entrée en contient \(count). Scellez à part celui qui a des fichiers.",
          "--attach goes with one testimony; the input holds \(count). Seal the one with files on its own.")
    }
    static func attachForm(_ given: String) -> String {
        l("--attach prend CHAMP=CHEMIN, par exemple --attach evidence_files=video.mp4 (reçu « \(given) »).",
          "--attach takes FIELD=PATH, for example --attach evidence_files=video.mp4 (got \"\(given)\").")
    }
    static func droppedAnswers(testimony: Int?, _ fields: [String]) -> String {
        let which = testimony.map { l("témoignage \($0) : ", "testimony \($0): ") } ?? ""
        return which + l("les réponses aux questions qui ne s'appliquent pas n'ont pas été gardées : ",
                         "answers to questions that do not apply were not stored: ") + fields.joined(separator: ", ")
    }

    // MARK: Answers given to `temoin record`

    static let notUTF8 = l("l'entrée n'est pas du texte UTF-8 valide : enregistrez le fichier en UTF-8 et réessayez",
                           "the input is not valid UTF-8 text: save the file as UTF-8 and try again")
    static let emptyInput = l("l'entrée est vide : donnez un objet JSON, ou des lignes JSON", "the input is empty: give one JSON object, or JSON Lines")
    static func lineLabel(_ line: Int) -> String { l("ligne \(line) : ", "line \(line): ") }
    static let notAnObject = l("pas un objet JSON {\"answers\": {...}}", "not a JSON object {\"answers\": {...}}")
    static func writtenTwice(_ key: String) -> String { l("\(key) : écrit deux fois ; gardez une seule réponse", "\(key): written twice; keep one answer") }
    static func unknownKey(_ key: String) -> String {
        l("clé inconnue « \(key) » (attendu : \"form\" et \"answers\")", "unknown key \"\(key)\" (expected \"form\" and \"answers\")")
    }
    static func otherForm(_ given: String, _ id: String, _ version: Int) -> String {
        l("le questionnaire « \(given) » n'est pas celui en service (\(id) version \(version))",
          "form \"\(given)\" is not the questionnaire in use (\(id) version \(version))")
    }
    static let answersMissing = l("\"answers\" manque ou n'est pas un objet", "\"answers\" is missing or is not an object")
    /// A questionnaire's finding about one answer, with its field id.
    static func issue(_ issue: ValidationIssue) -> String {
        let message = issue.message(CLILanguage.current)
        return issue.fieldID.isEmpty ? message : l("\(issue.fieldID) : \(message)", "\(issue.fieldID): \(message)")
    }

    // MARK: Questionnaire

    static let onlyWhenItApplies = l("  (seulement quand elle s'applique)", "  (only when it applies)")
    static func formInUse(_ id: String, _ version: Int) -> String {
        l("Le questionnaire \(id) version \(version) est désormais en service.", "Questionnaire \(id) version \(version) is now in use.")
    }
    static let builtInFormAgain = l("Le questionnaire intégré est de nouveau en service.", "The built-in questionnaire is in use again.")

    // MARK: Export and verify

    static func exported(_ count: Int, files: Int, _ path: String, _ bytes: Int) -> String {
        let withFiles = files > 0 ? l(" et \(files) fichier(s) remis", " and \(files) evidence file(s)") : ""
        return l("\(count) témoignage(s)\(withFiles) exporté(s) dans \(path) (\(bytes) octets), vérifié.",
                 "Exported \(count) record(s)\(withFiles) to \(path) (\(bytes) bytes), verified.")
    }
    static func exportedInVolumes(_ count: Int) -> String {
        l("Le lot est coupé en \(count) volumes, chacun complet, signé et vérifié : l'équipe importe chacun d'eux.",
          "The bundle is split into \(count) volumes, each complete, signed and verified: the team imports each of them.")
    }
    static let maxSizeValue = l("--max-size doit être une taille d'au moins 1M : des chiffres, puis K, M ou G (par exemple 4G ou 700M).",
                                "--max-size must be a size of at least 1M: digits, then K, M or G (for example 4G or 700M).")
    static func exportDeskFingerprint(_ fingerprint: String) -> String { l("Empreinte du poste : \(fingerprint)", "Desk fingerprint: \(fingerprint)") }
    static func verified(_ file: String, _ count: Int, files: Int, _ desk: String, _ fingerprint: String) -> String {
        let withFiles = files > 0 ? l(", \(files) fichier(s) remis", ", \(files) evidence file(s)") : ""
        return l("\(file) : OK — \(count) témoignage(s)\(withFiles), poste « \(desk) » empreinte \(fingerprint)",
                 "\(file): OK — \(count) record(s)\(withFiles), desk \"\(desk)\" fingerprint \(fingerprint)")
    }
    static func refused(_ file: String, _ error: Error) -> String {
        l("\(file) : REFUSÉ — ", "\(file): REFUSED — ") + describe(error)
    }
    /// The place named in a write error on standard output.
    static let standardOutput = l("la sortie standard", "standard output")
    static func damaged(_ file: String, _ detail: String) -> String { l("\(file) : ABÎMÉ — \(detail)", "\(file): DAMAGED — \(detail)") }

    // MARK: Team keys

    static func teamKeyCreated(_ name: String) -> String { l("Clé d'équipe « \(name) » créée.", "Team key \"\(name)\" created.") }
    static func secretAt(_ path: String) -> String {
        l("  secrète : \(path) (gardez-la hors ligne, avec sa phrase de passe)", "  secret: \(path) (keep it offline, with its passphrase)")
    }
    static func publicAt(_ path: String) -> String { l("  publique : \(path) (donnez-la à chaque poste)", "  public: \(path) (give it to each desk)") }
    static func fingerprint(_ value: String) -> String { l("Empreinte : \(value)", "Fingerprint: \(value)") }
    static let publicKeyKind = l("(clé publique)", "(public key)")
    static let secretKeyKind = l("(clé secrète)", "(secret key)")
    static func notAKeyFile(_ path: String) -> String {
        l("\(path) : Ce n'est pas un fichier de clé Témoin : donnez le fichier de clé publique (team.pub) ou secrète (team.key) de l'équipe.",
          "\(path): This is not a Témoin key file: give the team's public key file (team.pub) or secret key file (team.key).")
    }
    static func passphraseChanged(_ path: String, _ fingerprint: String) -> String {
        l("La phrase de passe de \(path) (\(fingerprint)) a été changée.", "The passphrase of \(path) (\(fingerprint)) was changed.")
    }
    static func sheetWritten(_ path: String) -> String {
        l("Feuille de secours écrite dans \(path) : imprimez-la, puis supprimez le fichier.", "Recovery sheet written to \(path): print it, then delete the file.")
    }
    static let typeSheetLines = l("Tapez les 7 lignes de la feuille (le numéro en début de ligne est facultatif) :",
                                  "Type the 7 lines of the sheet (the line number at the start is optional):")
    static func sheetRefused(_ error: RecoverySheetError) -> String {
        l("Feuille de secours : \(error.french). Rien n'a été écrit.", "Recovery sheet: \(error). Nothing was written.")
    }
    static let sheetNotFinished = l("La feuille n'a pas été tapée jusqu'au bout. Rien n'a été écrit.", "The sheet was not typed to the end. Nothing was written.")
    static func restoredFingerprint(_ fingerprint: String) -> String {
        l("Empreinte de la clé restaurée : \(fingerprint) — comparez-la avec celle imprimée sur la feuille.",
          "Restored key fingerprint: \(fingerprint) — compare it with the one printed on the sheet.")
    }
    static func written(_ first: String, _ second: String) -> String { l("Écrits : \(first) et \(second)", "Written: \(first) and \(second)") }

    // MARK: Team inbox

    static func deskLabel(_ name: String, _ fingerprint: String) -> String { l("poste « \(name) » \(fingerprint)", "desk \"\(name)\" \(fingerprint)") }
    static func alreadyImported(_ path: String) -> String {
        l("\(path) : déjà dans la boîte — rien n'a changé", "\(path): already in the inbox — nothing changed")
    }
    static func imported(_ path: String, _ count: Int, alreadyKnown: Int, from desk: String) -> String {
        let shared = alreadyKnown == 0 ? "" : l(" (\(alreadyKnown) déjà dans la boîte par d'autres lots)", " (\(alreadyKnown) already in the inbox from other bundles)")
        return l("\(path) : \(count) témoignage(s) importé(s)\(shared) du \(desk)", "\(path): imported \(count) record(s)\(shared) from \(desk)")
    }
    static func newDesk(_ desk: String, _ fingerprint: String) -> String {
        l("  NOUVEAU POSTE : \(desk) n'a jamais été vu. Il est retenu (confiance à la première rencontre).\n"
            + "  Comparez l'empreinte avec le poste par téléphone, puis : temoin team desks approve \(fingerprint)",
          "  NEW DESK: \(desk) was never seen before. It is remembered (trust on first use).\n"
            + "  Compare the fingerprint with the desk by phone, then: temoin team desks approve \(fingerprint)")
    }
    static func notApprovedYet(_ desk: String, _ fingerprint: String) -> String {
        l("  note : le \(desk) n'est pas encore approuvé (`temoin team desks approve \(fingerprint)`)",
          "  note: \(desk) is not approved yet (`temoin team desks approve \(fingerprint)`)")
    }
    static func nameClash(_ name: String, _ fingerprint: String) -> String {
        l("  ATTENTION : un autre poste nommé « \(name) » est connu avec l'empreinte \(fingerprint). Vérifiez par téléphone lequel est authentique, et révoquez l'autre.",
          "  WARNING: another desk named \"\(name)\" is known with fingerprint \(fingerprint). Check by phone which one is genuine, and revoke the other.")
    }
    static func noTeamInbox(_ directory: String) -> String {
        l("Pas encore de boîte de l'équipe dans \(directory) : importez des lots avec `temoin team import LOT…`, "
            + "ou indiquez la boîte avec --inbox DOSSIER (ou TEMOIN_INBOX).",
          "No team inbox at \(directory) yet: import bundles with `temoin team import BUNDLE…`, "
            + "or name the inbox with --inbox DIR (or TEMOIN_INBOX).")
    }
    /// Why `team import` refused a bundle, and what to do: import has no --salvage (the inbox keeps only whole,
    /// verified bundles), so the way to the intact records is `team decrypt --salvage`.
    static func importRefused(_ path: String, _ problem: BundleProblem) -> String {
        let finding = problem.finding(in: CLILanguage.current)
        let advice: String
        switch problem {
        case .notABundle, .unsupportedVersion: advice = ""
        default:
            advice = l(" Rien n'en a été importé : demandez un nouvel export au poste, ou récupérez ses témoignages intacts "
                        + "(marqués non vérifiés) avec `temoin team decrypt --salvage \(path)`.",
                       " Nothing was imported from it: ask the desk for a new export, or recover its intact "
                        + "records (marked unverified) with `temoin team decrypt --salvage \(path)`.")
        }
        return l("\(path) : REFUSÉ — ", "\(path): REFUSED — ") + finding + advice
    }
    /// Why the team browser cannot start, and what works without a terminal (the desk's `--plain` is not offered: the team has none).
    static func browserWithoutTerminal(_ error: TerminalError) -> String {
        let cause = error == .notATerminal
            ? l("Le navigateur de l'équipe a besoin d'un terminal : l'entrée et la sortie standard sont redirigées.",
                "The team browser needs a terminal: standard input and output are redirected.")
            : error.cause(in: CLILanguage.current)
        return cause + l(" Sans terminal, `temoin team decrypt` écrit les témoignages en JSON Lines ou en CSV "
                            + "et `temoin team report --html FICHIER` écrit un rapport.",
                         " Without a terminal, `temoin team decrypt` writes the testimonies as JSON Lines or CSV "
                            + "and `temoin team report --html FILE` writes a report.")
    }
    static let noDeskYet = l("Aucun poste pour l'instant : importez un lot avec `temoin team import LOT`.", "No desk yet: import a bundle with `temoin team import BUNDLE`.")
    static let notApprovedState = l("nouveau, pas encore approuvé", "new, not approved yet")
    static let approvedState = l("approuvé", "approved")
    static let revokedState = l("révoqué", "revoked")
    static func deskLine(_ fingerprint: String, _ name: String, _ state: String, _ count: Int) -> String {
        l("\(fingerprint)  \(name)  [\(state)]  \(count) témoignage(s)", "\(fingerprint)  \(name)  [\(state)]  \(count) record(s)")
    }
    static func deskApproved(_ desk: KnownDesk) -> String {
        l("Poste « \(desk.name) » \(desk.fingerprint) approuvé.", "Desk \"\(desk.name)\" \(desk.fingerprint) approved.")
    }
    static func deskRevoked(_ desk: KnownDesk) -> String {
        l("Poste « \(desk.name) » \(desk.fingerprint) révoqué : ses lots sont refusés et laissés de côté désormais.",
          "Desk \"\(desk.name)\" \(desk.fingerprint) revoked: its bundles are refused and left out from now on.")
    }
    static func noInbox(_ directory: String) -> String {
        l("Aucun lot indiqué et aucune boîte de l'équipe dans \(directory). Indiquez des fichiers de lot, ou importez-les d'abord avec `temoin team import LOT…`.",
          "No bundle named and no inbox at \(directory). Name bundle files, or import them first with `temoin team import BUNDLE…`.")
    }
    static func leftOutRevoked(_ path: String, _ fingerprint: String) -> String {
        l("\(path) : laissé de côté — son poste (\(fingerprint)) est révoqué", "\(path): left out — its desk (\(fingerprint)) is revoked")
    }

    static let replayNothingNew = l(
        "  REJEU : chaque témoignage de ce lot a déjà été livré par des lots précédents de ce poste : rien de nouveau.",
        "  REPLAY: every record of this bundle was already delivered by earlier bundles of this desk: nothing new.")
    static func replayOlder(_ exported: String, _ latest: String) -> String {
        l("  REJEU : ce lot dit avoir été exporté le \(exported), avant le dernier lot déjà importé de ce poste (\(latest)) : "
            + "un ancien lot apporté de nouveau, ou une copie qui a attendu. Demandez au poste.",
          "  REPLAY: this bundle says it was exported on \(exported), before the latest bundle already imported from this desk (\(latest)): "
            + "an old bundle brought again, or a copy that waited. Ask the desk.")
    }
    static func importConflict(_ count: Int) -> String {
        l("  CONFLIT : \(count) témoignage(s) portent des identifiants que la boîte a déjà avec un autre contenu ou d'un autre poste : "
            + "une falsification ou un poste défaillant. `temoin team decrypt` donne chaque copie avec le statut \"conflict\" ; "
            + "vérifiez les deux postes par téléphone et révoquez celui qui les a forgés.",
          "  CONFLICT: \(count) record(s) carry ids that the inbox already holds with another content "
            + "or from another desk: a forgery or a desk gone wrong. `temoin team decrypt` outputs every copy as \"conflict\"; "
            + "check both desks by phone and revoke the one that forged them.")
    }
    static func bundleIDAlsoUsed(_ name: String, _ fingerprint: String) -> String {
        l("  ATTENTION : le poste « \(name) » \(fingerprint) a donné un lot avec le même identifiant : les deux sont gardés à part ; "
            + "un poste essaie peut-être de se faire passer pour l'autre.",
          "  WARNING: the desk \"\(name)\" \(fingerprint) gave a bundle with the same id: both are kept apart; "
            + "one desk may be trying to pass for the other.")
    }

    // MARK: Decryption, report, find, withdraw

    static func fromNewDesks(_ count: Int) -> String {
        l("ATTENTION : \(count) témoignage(s) viennent de postes pas encore approuvés (desk_trust \"new\") : comparez leurs empreintes par téléphone "
            + "(`temoin team desks`), puis `temoin team desks approve EMPREINTE` ; --approved-only les laisse de côté.",
          "WARNING: \(count) testimony(ies) come from desks not approved yet (desk_trust \"new\"): compare their fingerprints by phone "
            + "(`temoin team desks`), then `temoin team desks approve FINGERPRINT`; --approved-only leaves them out.")
    }
    static func fromRevokedDesks(_ count: Int) -> String {
        l("ATTENTION : \(count) témoignage(s) viennent de postes révoqués (desk_trust \"revoked\").",
          "WARNING: \(count) testimony(ies) come from revoked desks (desk_trust \"revoked\").")
    }
    static func fromUnknownDesks(_ count: Int) -> String {
        l("note : \(count) témoignage(s) viennent de postes que la boîte de l'équipe ne connaît pas, ou ne sont pas prouvés (desk_trust \"unknown\") : "
            + "importez leurs lots avec `temoin team import` et vérifiez les postes par téléphone.",
          "note: \(count) testimony(ies) come from desks the team inbox does not know, or not proven (desk_trust \"unknown\"): "
            + "import their bundles with `temoin team import` and check the desks by phone.")
    }
    static func notApprovedLeftOut(_ count: Int) -> String {
        l("\(count) témoignage(s) de postes non approuvés ont été laissés de côté (--approved-only).",
          "\(count) testimony(ies) of desks not approved were left out (--approved-only).")
    }
    static func unknownRecipient(_ count: Int, _ keyID: String) -> String {
        l("ATTENTION : \(count) témoignage(s) sont aussi scellés pour une clé inconnue \(keyID) : vérifiez les clés d'équipe du poste "
            + "(`temoin desk team-key list` au poste) ; si c'est la clé d'un membre de l'équipe, donnez son team.pub avec --team-pub.",
          "WARNING: \(count) record(s) also sealed to an unknown key id \(keyID): check the desk's team keys "
            + "(`temoin desk team-key list` at the desk); if it is a team member's key, give its team.pub with --team-pub.")
    }

    static func filterWritten(_ summary: Localized, _ count: Int) -> String {
        l("Filtre : \(summary.fr) — \(count) témoignage(s) écrit(s).", "Filter: \(summary.en) — \(count) testimonies written.")
    }
    static func filterCounted(_ summary: Localized, _ count: Int) -> String {
        l("Filtre : \(summary.fr) — \(count) témoignage(s).", "Filter: \(summary.en) — \(count) testimonies.")
    }
    static func noMatch(_ summary: Localized) -> String {
        l("--where : aucun témoignage ne correspond à \(summary.fr) ; rien n'a été écrit. Voyez les valeurs présentes avec `temoin team stats --by CHAMP`.",
          "--where: no testimony matches \(summary.en); nothing was written. See the values present with `temoin team stats --by FIELD`.")
    }
    // MARK: Case follow-up

    static func noSuchReceiptToRecord(_ receipt: String) -> String {
        l("Aucun témoignage de la boîte n'a le reçu \(receipt). Vérifiez le code, ou importez le dernier lot du poste. Rien n'a été enregistré.",
          "No testimony in the inbox has the receipt \(receipt). Check the code, or import the desk's latest bundle. Nothing was recorded.")
    }
    static func sealedTo(_ keys: [String]) -> String {
        l("Scellé pour \(keys.count) clé(s) d'équipe : ", "Sealed to \(keys.count) team key(s): ") + keys.joined(separator: ", ")
    }
    static func noteAdded(_ receipt: String, by author: String, notes: Int) -> String {
        l("Note ajoutée à \(receipt) par \(author) (\(notes) note(s) désormais).", "Note added to \(receipt) by \(author) (\(notes) note(s) now).")
    }
    static func statusSet(_ receipt: String, _ id: String, _ label: Localized, by author: String) -> String {
        l("Statut de \(receipt) : \(id) (\(label.fr)), mis par \(author).", "Status of \(receipt): \(id) (\(label.fr) / \(label.en)), set by \(author).")
    }
    static func tagChanged(removed: Bool, _ receipt: String, _ tag: String, tags: [String]) -> String {
        let now = tags.isEmpty ? l("aucune", "none") : tags.joined(separator: ", ")
        return removed ? l("Étiquette retirée de \(receipt) : \(tag). Étiquettes désormais : \(now).", "Tag removed from \(receipt): \(tag). Tags now: \(now).")
            : l("Étiquette ajoutée à \(receipt) : \(tag). Étiquettes désormais : \(now).", "Tag added to \(receipt): \(tag). Tags now: \(now).")
    }
    static func unreadableCaseEvents(_ count: Int) -> String {
        l("note : \(count) événement(s) de suivi sont scellés pour des clés non ouvertes ici (ou abîmés) : ils ne sont pas montrés.",
          "note: \(count) case event(s) are sealed to keys not opened here (or damaged): they are not shown.")
    }
    static func caseWorkShared(_ count: Int, _ keys: [String]) -> String {
        l("\(count) élément(s) de suivi écrit(s) avant que ces clés soient connues, scellé(s) de nouveau pour qu'elles les lisent aussi : ",
          "\(count) case event(s) written before these keys were known, sealed again so that they read them too: ") + keys.joined(separator: ", ")
    }
    static func caseWorkNotShared(_ count: Int, _ keys: [String], inbox: String) -> String {
        l("note : \(count) élément(s) de suivi que vous lisez ne sont pas scellés pour ces clés que la boîte de réception liste : \(keys.joined(separator: ", ")). "
            + "Si c'est la clé d'un collègue (comparez l'empreinte avec lui), partagez-lui le suivi déjà écrit : "
            + "temoin team share --team-pub SA-CLE.pub --key VOTRE-CLE.key --inbox \(inbox) . "
            + "Une clé que personne dans l'équipe ne reconnaît a pu être ajoutée par quelqu'un qui peut écrire dans la boîte : "
            + "ne partagez rien avec elle et prévenez l'équipe (les nouveaux éléments de suivi lui sont scellés).",
          "note: \(count) case event(s) you read are not sealed to these keys the inbox lists: \(keys.joined(separator: ", ")). "
            + "If a key is a colleague's (compare its fingerprint with them), share the earlier work with it: "
            + "temoin team share --team-pub THEIR-KEY.pub --key YOUR-KEY.key --inbox \(inbox) . "
            + "A key nobody in the team recognises may have been added by someone who can write the inbox: "
            + "share nothing with it and tell the team (new case events are sealed to it).")
    }
    static let shareNeedsTeamPub = l("Donnez la clé publique du collègue : --team-pub collegue.pub (répétez pour plusieurs).",
                                     "Give the colleague's public key: --team-pub colleague.pub (repeat for several).")
    static func caseKeys(_ keys: [String]) -> String {
        l("Le suivi est scellé pour \(keys.count) clé(s) d'équipe : ", "Case work is sealed to \(keys.count) team key(s): ") + keys.joined(separator: ", ")
    }
    static func caseEventsSharedNow(_ count: Int, _ keys: [String]) -> String {
        l("\(count) élément(s) de suivi écrit(s) plus tôt scellé(s) de nouveau pour : ", "\(count) earlier case event(s) sealed again to: ")
            + keys.joined(separator: ", ")
    }
    static func caseKeysRemoved(_ keys: [String], events: Int) -> String {
        l("Retirée(s) du suivi : \(keys.joined(separator: ", ")). Aucun nouvel élément ne lui sera scellé ; \(events) élément(s) écrit(s) plus tôt scellé(s) de nouveau sans elle(s).",
          "Taken off the case work: \(keys.joined(separator: ", ")). No new change will be sealed to it; \(events) earlier case event(s) sealed again without it.")
    }
    static func caseEventsStillSealed(_ count: Int) -> String {
        l("note : \(count) élément(s) de suivi lui restent scellés : ils le sont aussi pour des clés que vous n'ouvrez pas (un membre qui les lit peut lancer la même commande) "
            + "ou pour une clé dont la boîte ne connaît pas le fichier public. Ce que son détenteur a déjà copié ne peut pas être repris.",
          "note: \(count) case event(s) stay sealed to it: they are sealed only to keys you do not open besides (a member who reads them can run the same command), "
            + "or also to a key whose public file the inbox does not know. What its holder already copied cannot be taken back.")
    }
    static func unreadableCaseEventsLeft(_ count: Int) -> String {
        l("note : \(count) élément(s) de suivi sont scellés pour d'autres clés que les vôtres : un membre qui les lit peut les partager par la même commande.",
          "note: \(count) case event(s) are sealed to keys other than yours: a member who reads them can share them with the same command.")
    }
    static func toFollowUp(_ count: Int) -> String { l("\(count) témoin(s) à recontacter.", "\(count) witness(es) to follow up.") }
    static let noRecontactRole = l(
        "Le questionnaire n'a aucune question avec le rôle \"recontact\" (L'équipe peut-elle vous recontacter ?) : "
            + "ajoutez-le à cette question oui/non (Docs/FORM-FILE.md, rôles).",
        "The questionnaire has no question with the role \"recontact\" (May the team contact you again?): "
            + "add it to that yes/no question (Docs/FORM-FILE.md, roles).")
    static func searchFoundNothing(_ text: String, withWhere: Bool) -> String {
        withWhere
            ? l("--search : aucun témoignage parmi ceux de --where ne contient « \(text) » ; rien n'a été écrit. Vérifiez l'orthographe, ou cherchez moins de mots.",
                "--search: no testimony contains \"\(text)\" among those of --where; nothing was written. Check the spelling, or search fewer words.")
            : l("--search : aucun témoignage ne contient « \(text) » ; rien n'a été écrit. Vérifiez l'orthographe, ou cherchez moins de mots.",
                "--search: no testimony contains \"\(text)\"; nothing was written. Check the spelling, or search fewer words.")
    }

    // MARK: Exhibits and corroboration

    static let exhibitOutKind = l("--out doit finir par .html ou .pdf, par exemple --out piece.pdf.", "--out must end in .html or .pdf, such as --out exhibit.pdf.")
    static let formatTableOrJson = l("--format doit être table ou json.", "--format must be table or json.")
    static func withdrawnNoExhibit(_ receipt: String) -> String {
        l("Le témoignage au reçu \(receipt) a été retiré par le témoin : aucune pièce n'est faite.",
          "The testimony with the receipt \(receipt) was withdrawn by the witness: no exhibit is made.")
    }
    static func noSuchExhibit(_ receipt: String, record: String?) -> String {
        let id = record.map { l(" et l'identifiant \($0)", " and the record id \($0)") } ?? ""
        return l("Aucun témoignage n'a le reçu \(receipt)\(id). Vérifiez le code, ou importez le dernier lot du poste.",
                 "No testimony has the receipt \(receipt)\(id). Check the code, or import the desk's latest bundle.")
    }
    static func exhibitWritten(_ receipt: String, _ path: String, _ sha256: String) -> String {
        l("Pièce de \(receipt) écrite dans \(path) (SHA-256 du contenu canonique : \(sha256)).",
          "Exhibit of \(receipt) written to \(path) (SHA-256 of the canonical payload: \(sha256)).")
    }
    static let noChromium = l(
        "Un PDF est imprimé par Chromium sans interface, qui n'est pas installé (pas de chromium dans le PATH). "
            + "Installez-le avec : sudo apt-get install chromium — ou écrivez la pièce en HTML (--out FICHIER.html) et imprimez-la depuis un navigateur.",
        "A PDF is printed by headless Chromium, which is not installed (no chromium on the PATH). "
            + "Install it with: sudo apt-get install chromium — or write the exhibit as HTML (--out FILE.html) and print it from any browser.")
    static func chromiumNotStarted(_ executable: String, _ cause: String) -> String {
        l("Chromium (\(executable)) n'a pas pu démarrer : \(cause) Écrivez plutôt la pièce en HTML (--out FICHIER.html).",
          "Chromium (\(executable)) could not be started: \(cause) Write the exhibit as HTML instead (--out FILE.html).")
    }
    static func chromiumFailed(_ status: Int32, said last: String) -> String {
        l("Chromium n'a pas imprimé le PDF (code \(status)). Écrivez plutôt la pièce en HTML (--out FICHIER.html) et imprimez-la depuis un navigateur. Chromium a dit :\n\(last)",
          "Chromium did not print the PDF (exit \(status)). Write the exhibit as HTML instead (--out FILE.html) and print it from a browser. Chromium said:\n\(last)")
    }

    static let decrypting = l("Déchiffrement", "Decrypting")
    static let filesNeedJSONLOrCSV = l("--files va avec --format jsonl ou csv.", "--files goes with --format jsonl or csv.")
    /// One evidence file of `team decrypt --files`: written and checked, or why not.
    static func fileOutcome(bundle: String, record: String, _ outcome: EvidenceExtractor.Outcome) -> String {
        let file = outcome.file, type = file.type.replacingControlCharacters()   // chosen by the sealer: no terminal sequence
        let what = l("\(bundle) : témoignage \(record) : fichier \(file.id) (\(type), \(file.size) octets)",
                     "\(bundle): record \(record): file \(file.id) (\(type), \(file.size) bytes)")
        if let path = outcome.path {
            return what + l(" : ok, le SHA-256 \(file.sha256) est celui du poste, écrit dans \(path)",
                            ": ok, SHA-256 \(file.sha256) matches the desk's, written to \(path)")
        }
        return what + l(" : NON ÉCRIT : ", ": NOT WRITTEN: ") + (outcome.error.map(describe) ?? "")
    }
    static func filesWritten(_ written: Int, to folder: String, failed: Int) -> String {
        l("; fichiers remis : \(written) écrit(s) dans \(folder)", "; evidence files: \(written) written to \(folder)")
            + (failed > 0 ? l(", \(failed) NON écrit(s) (voir plus haut)", ", \(failed) NOT written (see above)") : "")
    }
    static func decrypted(_ counts: [String]) -> String {
        l("Déchiffrés : ", "Decrypted: ") + (counts.isEmpty ? l("aucun témoignage", "no record") : counts.joined(separator: ", "))
    }
    static func reportWritten(_ path: String, _ count: Int) -> String {
        l("Rapport écrit dans \(path) : \(count) témoignage(s).", "Report written to \(path): \(count) testimonies.")
    }
    static func withdrawnReceipt(_ receipt: String) -> String {
        l("Le témoignage au reçu \(receipt) a été retiré par le témoin : il reste laissé de côté.",
          "The testimony with the receipt \(receipt) was withdrawn by the witness: it stays left out.")
    }
    static func noSuchReceipt(_ receipt: String) -> String {
        l("Aucun témoignage de la boîte n'a le reçu \(receipt). Vérifiez le code, ou importez le dernier lot du poste.",
          "No testimony in the inbox has the receipt \(receipt). Check the code, or import the desk's latest bundle.")
    }
    static func noSuchReceiptToWithdraw(_ receipt: String) -> String {
        l("Aucun témoignage de la boîte n'a le reçu \(receipt). Rien n'a été retiré.", "No testimony in the inbox has the receipt \(receipt). Nothing was withdrawn.")
    }
    static func receiptLine(_ receipt: String, date: String, city: String, sealedAt: String, desk: String, fingerprint: String, record: String) -> String {
        let (receipt, date, city) = (receipt.replacingControlCharacters(), date.replacingControlCharacters(), city.replacingControlCharacters())
        return l("\(receipt) : contrôle du \(date) à \(city), scellé le \(sealedAt) au poste « \(desk) » \(fingerprint) (témoignage \(record))",
                 "\(receipt): check on \(date) in \(city), sealed \(sealedAt) at desk \"\(desk)\" \(fingerprint) (record \(record))")
    }
    static func found(_ line: String) -> String { l("Trouvé ", "Found ") + line }
    static func receiptShared(_ receipt: String, _ lines: [String]) -> String {
        l("\(lines.count) témoignages ont le reçu \(receipt) (un lot forgé peut copier un reçu ; comparez les postes et leurs empreintes avec temoin team desks). "
            + "Rien n'a été fait : choisissez-en un avec --record ID (son identifiant, « témoignage … »).\n",
          "\(lines.count) testimonies have the receipt \(receipt) (a forged bundle can copy a receipt; compare their desks and fingerprints with temoin team desks). "
            + "Nothing was done: choose one with --record ID (its record id, \"record …\").\n")
            + lines.joined(separator: "\n")
    }
    static let confirmWithYes = l("Confirmez avec --yes (aucun terminal pour demander). Rien n'a été retiré.", "Confirm with --yes (no terminal to ask). Nothing was withdrawn.")
    static func withdrawQuestion(_ count: Int) -> String {
        count == 1 ? l("Retirer ce témoignage ? Tapez oui : ", "Withdraw this testimony? Type yes: ")
            : l("Retirer ces \(count) témoignages ? Tapez oui : ", "Withdraw these \(count) testimonies? Type yes: ")
    }
    static let nothingWithdrawn = l("Rien n'a été retiré.", "Nothing was withdrawn.")
    static func withdrawn(_ count: Int) -> String {
        l("Retiré(s) : \(count) témoignage(s). Ils sont laissés de côté au déchiffrement et dans les rapports désormais.",
          "Withdrawn: \(count) testimony(ies). They are left out of decryption and reports from now on.")
    }
}

// The commands with a `--lang` of their own: the global one sets it too.
extension DeskUICommand: LanguageOption {
    var language: String? { get { lang.lang } set { lang.lang = newValue } }
}

extension TeamBrowseCommand: LanguageOption {
    var language: String? { get { lang.lang } set { lang.lang = newValue } }
}

/// A team command whose output's language is its `--lang` (`OutputLanguageOption`).
protocol OutputLanguageCommand: LanguageOption {
    var lang: OutputLanguageOption { get set }
}

extension OutputLanguageCommand {
    var language: String? { get { lang.lang } set { lang.lang = newValue ?? lang.lang } }
}

extension TeamReportCommand: OutputLanguageCommand {}
extension TeamStatsCommand: OutputLanguageCommand {}
extension TeamExhibitCommand: OutputLanguageCommand {}
extension TeamCorroborateCommand: OutputLanguageCommand {}
extension TeamFollowupCommand: OutputLanguageCommand {}

extension FormShowCommand: LanguageOption {
    var language: String? { get { lang } set { lang = newValue ?? lang } }
}
