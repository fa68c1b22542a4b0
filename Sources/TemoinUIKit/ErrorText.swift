import Foundation
import TemoinCrypto
import TemoinForms
import TemoinStorage

/// Errors of the vault, the crypto layer and questionnaires, said in the volunteer's language.
public enum ErrorText {
    /// What to tell the volunteer about `error`.
    public static func message(for error: Error) -> Localized {
        switch error {
        case let error as VaultError: vault(error)
        case let error as CryptoError: crypto(error)
        case let error as QuestionnaireError: error.message
        default:
            if let named = VaultError.fromFoundation(error) { vault(named) } else {
                Localized(fr: "Erreur inattendue : \(error)", en: "Unexpected error: \(error)")
            }
        }
    }

    /// What to tell the volunteer about `error` in `language`, for messages printed before the UI starts.
    public static func text(for error: Error, in language: Language) -> String {
        message(for: error)(language)
    }

    /// The same, about the file at `path` (a key file).
    public static func message(for error: Error, file path: String) -> Localized {
        let inner = message(for: error)
        return Localized(fr: "\(path) : \(inner.fr)", en: "\(path): \(inner.en)")
    }

    private static func vault(_ error: VaultError) -> Localized {
        switch error {
        case let .notFound(path):
            Localized(fr: "Aucun coffre dans \(path).", en: "No vault in \(path).")
        case let .alreadyExists(path):
            Localized(fr: "Un coffre existe déjà dans \(path) ; il n'a pas été touché.", en: "A vault already exists in \(path); it was left untouched.")
        case let .alreadyOpen(path):
            Localized(fr: "Le coffre \(path) est déjà ouvert dans une autre fenêtre de Témoin. Fermez-la d'abord.",
                      en: "The vault \(path) is already open in another Témoin window. Close it first.")
        case let .diskFull(path):
            Localized(fr: "Le disque de \(path) est plein. Libérez de la place ou choisissez un autre endroit.",
                      en: "The disk holding \(path) is full. Free some space or choose another place.")
        case let .diskError(path):
            Localized(fr: "Le disque a signalé une erreur de lecture ou d'écriture sur \(path) : rien n'a été scellé ni perdu, le brouillon est gardé. Copiez le coffre ailleurs et faites vérifier le disque.",
                      en: "The disk reported a read/write error on \(path): nothing was sealed or lost, the draft is kept. Copy the vault elsewhere and have the disk checked.")
        case let .notWritable(path, code) where VaultError.isPermission(code):
            Localized(fr: "Impossible d'écrire dans \(path) (\(reason(code).fr)). Choisissez un autre endroit ou vérifiez les droits (clé USB protégée en écriture ?).",
                      en: "Cannot write to \(path) (\(reason(code).en)). Choose another place or check its permissions (write-protected USB stick?).")
        case let .notWritable(path, code):
            Localized(fr: "Impossible d'écrire dans \(path) (\(reason(code).fr)). Choisissez un autre endroit.",
                      en: "Cannot write to \(path) (\(reason(code).en)). Choose another place.")
        case let .unreadable(path, code):
            Localized(fr: "Impossible de lire \(path) (\(reason(code).fr)).", en: "Cannot read \(path) (\(reason(code).en)).")
        case let .damaged(path):
            Localized(fr: "La base du coffre \(path) est abîmée (le contrôle d'intégrité de SQLite l'a trouvé). Gardez une copie du dossier et demandez de l'aide avant d'y écrire encore.",
                      en: "The vault database in \(path) is damaged (SQLite's integrity check found it). Keep a copy of the folder and ask for help before writing to it again.")
        case let .fileExists(path):
            Localized(fr: "\(path) existe déjà et n'a pas été remplacé.", en: "\(path) already exists and was not replaced.")
        case let .invalidAnswers(problems):
            Localized(fr: "Le témoignage ne peut pas être scellé : " + problems.joined(separator: " ; "),
                      en: "The testimony cannot be sealed: " + problems.joined(separator: "; "))
        case .noTeamKey:
            Localized(fr: "Le coffre n'a aucune clé d'équipe pour sceller.", en: "The vault has no team key to seal to.")
        case let .bundle(problem):
            Localized(fr: "Le fichier exporté n'a pas passé la vérification : " + bundle(problem).fr,
                      en: "The exported file failed verification: " + bundle(problem).en)
        case .lastTeamKey:
            Localized(fr: "C'est la dernière clé d'équipe : ajoutez d'abord la nouvelle, puis retirez celle-ci.",
                      en: "This is the last team key: add the new one first, then retire this one.")
        case .nothingToExport:
            Localized(fr: "Rien de nouveau à exporter : tous les témoignages scellés sont déjà dans un export.",
                      en: "Nothing new to export: every sealed testimony is already in an export.")
        case let .database(detail):
            Localized(fr: "Erreur du coffre : \(detail)", en: "Vault error: \(detail)")
        case .locked:
            Localized(fr: "Le poste est verrouillé : il faut d'abord la phrase de passe.", en: "The desk is locked: type the passphrase first.")
        case .teamKeysChanged:
            Localized(fr: "La liste des clés d'équipe a été modifiée sans la phrase de passe du poste : Témoin refuse de sceller. "
                          + "Rien n'a été scellé, rien n'est perdu : le brouillon est gardé. " + reviewTeamKeysFr,
                      en: error.description)
        case .teamKeysUnconfirmed:
            Localized(fr: "La liste des clés d'équipe n'est pas encore liée à la phrase de passe du poste (coffre d'une version "
                          + "précédente) : Témoin refuse de sceller. Rien n'a été scellé, rien n'est perdu : le brouillon est gardé. " + reviewTeamKeysFr,
                      en: error.description)
        case let .passphraseTooShort(minimum):
            Localized(fr: "Phrase de passe trop courte : au moins \(minimum) caractères.", en: "Passphrase too short: at least \(minimum) characters.")
        case let .attachmentRefused(path, reason):
            Localized(fr: "Impossible de joindre \(path) : \(reason). Rien n'a été scellé et le fichier est intact.",
                      en: "Cannot attach \(path): \(reason). Nothing was sealed and the file was left untouched.")
        }
    }

    /// Why a file operation failed, from its errno.
    private static func reason(_ code: Int32) -> Localized {
        switch code {
        case EACCES, EPERM: Localized(fr: "permission refusée", en: "permission denied")
        case EROFS: Localized(fr: "le disque est en lecture seule", en: "the disk is read-only")
        case ENOENT: Localized(fr: "fichier ou dossier introuvable", en: "no such file or folder")
        default: Localized(fr: VaultError.reason(code), en: VaultError.reason(code))
        }
    }

    private static let reviewTeamKeysFr = "Dans un terminal : `temoin desk team-key list`, comparez chaque empreinte avec "
        + "l'équipe par téléphone, retirez toute clé inconnue (`temoin desk team-key retire EMPREINTE`), puis "
        + "`temoin desk team-key confirm` (phrase de passe du poste), et scellez de nouveau."

    /// What is wrong with a bundle (the details in parentheses stay in English: they name bytes and fields).
    public static func bundle(_ problem: BundleProblem) -> Localized {
        switch problem {
        case .notABundle:
            Localized(fr: "Ce fichier n'est pas un lot Témoin.", en: "This file is not a Témoin bundle.")
        case let .unsupportedVersion(v) where problem.isOlderFormat:
            Localized(fr: "Ce lot est au format \(v), écrit par une version d'essai de Témoin que celle-ci ne lit plus : exportez de nouveau les témoignages au poste (temoin export --all).",
                      en: problem.finding)
        case let .unsupportedVersion(v):
            Localized(fr: "Le format de lot \(v) est plus récent que ce Témoin : mettez Témoin à jour.", en: problem.finding)
        case let .truncated(what):
            Localized(fr: "Le lot est tronqué (\(what)).", en: problem.finding)
        case let .malformed(what):
            Localized(fr: "Le lot est abîmé (\(what)).", en: problem.finding)
        case let .manifestMismatch(what):
            Localized(fr: "La liste des témoignages du lot ne correspond pas à ses témoignages (\(what)) : des témoignages ont été retirés, ajoutés, dupliqués ou modifiés.",
                      en: problem.finding)
        case .badSignature:
            Localized(fr: "La signature du poste ne correspond pas : le lot a été modifié ou abîmé après l'export.", en: problem.finding)
        }
    }

    private static func crypto(_ error: CryptoError) -> Localized {
        switch error {
        case .wrongPassphrase:
            UIText.wrongPassphrase
        case .wrongKind:
            Localized(fr: "ce n'est pas le bon type de fichier : un poste a besoin de la clé publique de l'équipe (team.pub) ; la clé secrète (team.key) ne va jamais sur un poste.",
                      en: "this is not the right kind of file: a desk needs the team's public key (team.pub); the secret key (team.key) never goes on a desk.")
        case .malformed, .authenticationFailed:
            Localized(fr: "les données sont abîmées ou tronquées ; reprenez une copie intacte.", en: "the data is damaged or cut short; use an intact copy.")
        case .unsupportedVersion:
            Localized(fr: "ce format vient d'une version plus récente de Témoin : mettez Témoin à jour.",
                      en: "this format comes from a newer Témoin: update Témoin.")
        case .invalidPublicKey:
            Localized(fr: "cette clé publique n'est pas utilisable ; demandez à l'équipe son fichier team.pub.",
                      en: "this public key cannot be used; ask the team for its team.pub file.")
        case .notForThisKey:
            Localized(fr: "scellé pour une autre clé d'équipe.", en: "sealed to another team key.")
        case .system:
            Localized(fr: "le système a refusé de la mémoire ou du hasard : fermez d'autres programmes, puis réessayez.",
                      en: "the system refused memory or randomness: close other programs, then try again.")
        }
    }
}
