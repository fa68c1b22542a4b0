import Foundation
import TemoinLanguage

/// What can go wrong with the vault, bundles and key files, phrased so that a person can act on it.
public enum VaultError: TemoinError, Equatable {
    /// No vault exists at this place yet.
    case notFound(path: String)
    /// A vault already exists where a new one was asked for.
    case alreadyExists(path: String)
    /// Another Témoin process holds the vault.
    case alreadyOpen(path: String)
    /// The disk is full.
    case diskFull(path: String)
    /// A bundle read back from where it was written, once synced, differs from what was written: the disk or
    /// stick did not keep it.
    case notKept(path: String)
    /// The desk key kept in the vault cannot be read: the vault's database was edited or damaged.
    case deskKeyDamaged(path: String)
    /// The disk reported a read or write error (EIO; SQLite's I/O errors).
    case diskError(path: String)
    /// The place is not writable: `errno` says why (EACCES, EROFS, ENOENT…), kept as a value.
    case notWritable(path: String, errno: Int32)
    /// A file could not be read: `errno` says why.
    case unreadable(path: String, errno: Int32)
    /// The vault folder belongs to another user, or a group or others may write to it.
    case sharedFolder(path: String)
    /// A file that must never be overwritten silently already exists.
    case fileExists(path: String)
    /// The answers cannot be sealed as they are.
    case invalidAnswers([String])
    /// The vault has no team key to seal to.
    case noTeamKey
    /// A bundle failed verification.
    case bundle(BundleProblem)
    /// Retiring this key would leave nothing to seal to.
    case lastTeamKey
    /// Every record was exported already, or, when `all` was asked, the vault holds none.
    case nothingToExport(all: Bool)
    /// The vault's database lacks the desk key: it was never fully created, or was damaged.
    case incomplete(path: String)
    /// SQLite's own integrity check found the database in `path` damaged.
    case damaged(path: String)
    /// Desk secrets were used with a vault they do not belong to.
    case foreignSecrets
    /// The action needs the desk passphrase first.
    case locked
    /// The team keys no longer match their binding to the desk secret: someone changed them without the passphrase.
    case teamKeysChanged
    /// The team keys were never bound to the desk secret (a vault from an earlier version, or the binding was removed).
    case teamKeysUnconfirmed
    /// The questionnaire in the vault does not match its binding to the desk secret: imported or changed without
    /// the passphrase (or by a Témoin from before the binding).
    case questionnaireChanged
    /// A new desk passphrase is shorter than the minimum.
    case passphraseTooShort(minimum: Int)
    /// An evidence file cannot be attached as given (`reason` says why and what to do).
    case attachmentRefused(path: String, reason: AttachmentRefusal)
    /// One testimony with its evidence files takes `bytes`, more than a bundle volume may (`--max-size`, or the
    /// 4 GiB of a FAT32 stick): `record` is the start of its record id, `file` the first 12 hexadecimal digits
    /// of its largest file's id (how the team's `decrypt --files` names that file).
    case recordTooLargeForVolume(record: String, file: String, bytes: Int, maximum: Int)
    /// SQLite reported an error that none of the cases above names: its result code and message.
    case database(code: Int32, message: String)

    public func message(in language: Language) -> String {
        let l = language
        switch self {
        case .notFound(let p):
            return l.pick(fr: "Aucun coffre de poste dans \(p). Créez-en un avec `temoin desk init --team-key team.pub`, ou indiquez-le avec --vault DOSSIER.",
                          en: "No desk vault at \(p). Create one with `temoin desk init --team-key team.pub`, or point to it with --vault DIR.")
        case .alreadyExists(let p):
            return l.pick(fr: "Un coffre de poste existe déjà dans \(p) ; il n'a pas été touché. Indiquez un autre --vault DOSSIER pour en créer un nouveau.",
                          en: "A desk vault already exists at \(p); it was left untouched. Use another --vault DIR to create a new one.")
        case .alreadyOpen(let p):
            return l.pick(fr: "Le coffre \(p) est déjà ouvert dans une autre fenêtre ou commande Témoin. Fermez-la d'abord, puis réessayez.",
                          en: "The vault at \(p) is already open in another Témoin window or command. Close it first, then try again.")
        case .diskFull(let p):
            return l.pick(fr: "Le disque de \(p) est plein. Rien n'est perdu ; libérez de la place (ou choisissez un autre endroit) et réessayez.",
                          en: "The disk holding \(p) is full. Nothing was lost; free some space (or choose another place) and try again.")
        case .deskKeyDamaged(let p):
            return l.pick(fr: "La clé du poste, gardée dans le coffre \(p), est abîmée : le coffre ne peut pas être ouvert. Rien n'y a été changé. "
                            + "Gardez une copie du dossier et demandez de l'aide avant d'y écrire de nouveau.",
                          en: "The desk key kept in the vault at \(p) is damaged: the vault cannot be opened. Nothing in it was changed. "
                            + "Keep a copy of the folder and ask for help before writing to it again.")
        case .notKept(let p):
            return l.pick(fr: "Relu sur le disque ou la clé USB, \(p) n'est pas ce qui a été écrit : le support ne l'a pas gardé (une clé abîmée, "
                            + "ou qui annonce plus de place qu'elle n'en a). Il a été supprimé et aucun témoignage n'est marqué exporté : exportez "
                            + "de nouveau sur une autre clé.",
                          en: "Read back from the disk or stick, \(p) is not what was written: the medium did not keep it (a faulty stick, or one "
                            + "that claims more room than it has). It was removed and no testimony is marked exported: export again onto another stick.")
        case .diskError(let p):
            // Said by the desk and the team alike (a vault, an inbox, a file given): no word of either's own.
            return l.pick(fr: "Le disque a signalé une erreur de lecture ou d'écriture sur \(p). Ce qui était enregistré avant l'erreur est gardé "
                            + "(un brouillon reste un brouillon) ; ce qui était en cours n'a pas été enregistré. Copiez ailleurs ce que ce disque contient et faites-le vérifier.",
                          en: "The disk reported a read/write error on \(p). What was saved before the error is kept (a draft stays a draft); "
                            + "what was under way was not saved. Copy what this disk holds elsewhere and have it checked.")
        case .notWritable(let p, let r) where Self.isPermission(r):
            return l.pick(fr: "Impossible d'écrire dans \(p) : \(Self.reason(r, in: l)). Choisissez un autre endroit ou corrigez ses droits (clé USB protégée en écriture ?).",
                          en: "Cannot write to \(p): \(Self.reason(r, in: l)). Choose another place or fix its permissions (a write-protected stick?).")
        case .notWritable(let p, let r):
            return l.pick(fr: "Impossible d'écrire dans \(p) : \(Self.reason(r, in: l)). Choisissez un autre endroit.",
                          en: "Cannot write to \(p): \(Self.reason(r, in: l)). Choose another place.")
        case .unreadable(let p, let r) where Self.isPermission(r):
            return l.pick(fr: "Impossible de lire \(p) : \(Self.reason(r, in: l)). Corrigez ses droits.", en: "Cannot read \(p): \(Self.reason(r, in: l)). Fix its permissions.")
        case .unreadable(let p, let r):
            return l.pick(fr: "Impossible de lire \(p) : \(Self.reason(r, in: l)).", en: "Cannot read \(p): \(Self.reason(r, in: l)).")
        case .sharedFolder(let p):
            return l.pick(fr: "Le dossier du coffre \(p) appartient à un autre utilisateur, ou d'autres peuvent y écrire : ils pourraient y effacer "
                            + "ou remplacer les témoignages. Rien n'a été ouvert. Gardez le coffre dans un dossier à vous seul (par défaut "
                            + "~/.local/share/temoin), ou rendez celui-ci privé : chmod 700 \(p)",
                          en: "The vault folder \(p) belongs to another user, or others may write to it: they could delete or replace the "
                            + "testimonies. Nothing was opened. Keep the vault in a folder of your own (by default ~/.local/share/temoin), "
                            + "or make this one private: chmod 700 \(p)")
        case .fileExists(let p):
            return l.pick(fr: "\(p) existe déjà et n'a pas été touché. Choisissez un autre nom ou supprimez-le d'abord.",
                          en: "\(p) already exists and was left untouched. Choose another name or remove it first.")
        case .invalidAnswers(let problems):
            return l.pick(fr: "Le témoignage ne peut pas être scellé :\n", en: "The testimony cannot be sealed:\n")
                + problems.map { "  - \($0)" }.joined(separator: "\n")
        case .noTeamKey:
            return l.pick(fr: "Le coffre n'a aucune clé publique d'équipe pour sceller. Ajoutez-en une avec `temoin desk init --team-key team.pub`.",
                          en: "The vault has no team public key to seal to. Add one with `temoin desk init --team-key team.pub`.")
        case .bundle(let problem):
            return problem.message(in: l)
        case .lastTeamKey:
            return l.pick(fr: "C'est la dernière clé d'équipe : ajoutez d'abord la nouvelle (`temoin desk team-key add NOUVELLE.pub`), puis retirez celle-ci.",
                          en: "This is the last team key: add the new key first (`temoin desk team-key add NEW.pub`), then retire this one.")
        case .nothingToExport(all: true):
            return l.pick(fr: "Rien à exporter : le coffre ne contient encore aucun témoignage scellé.",
                          en: "Nothing to export: the vault holds no sealed testimony yet.")
        case .nothingToExport(all: false):
            return l.pick(fr: "Rien de nouveau à exporter : chaque témoignage scellé est déjà dans un lot. Utilisez --all pour tout exporter de nouveau.",
                          en: "Nothing new to export: every sealed record is already in a bundle. Use --all to export them all again.")
        case .incomplete(let p):
            return l.pick(fr: "Le coffre \(p) est incomplet : la clé du poste manque. Il n'a pas été créé jusqu'au bout ; recréez-le ailleurs avec `temoin desk init`.",
                          en: "The vault at \(p) is incomplete: its desk key is missing. It was not created to the end; create a new one elsewhere with `temoin desk init`.")
        case .damaged(let p):
            return l.pick(fr: "La base de données dans \(p) est abîmée (database disk image is malformed, trouvé par le contrôle d'intégrité de SQLite). "
                            + "Gardez une copie du dossier et demandez de l'aide avant d'y écrire de nouveau.",
                          en: "The database in \(p) is damaged (database disk image is malformed, found by SQLite's integrity check). "
                            + "Keep a copy of the folder and ask for help before writing to it again.")
        case .foreignSecrets:
            return l.pick(fr: "Ces secrets de poste appartiennent à un autre coffre : rien n'a été exporté.",
                          en: "These desk secrets belong to another vault: nothing was exported.")
        case .locked:
            return l.pick(fr: "Le poste est verrouillé : il faut la phrase de passe du poste.", en: "The desk is locked: this needs the desk passphrase.")
        case .teamKeysChanged:
            return l.pick(
                fr: "La liste des clés d'équipe a été modifiée sans la phrase de passe du poste (une clé ajoutée, réactivée "
                    + "ou renommée dans le dos du poste) : Témoin refuse de sceller. Rien n'a été scellé "
                    + "et rien n'est perdu (un brouillon reste un brouillon). ",
                en: "The list of team keys that testimonies are sealed to was changed without the desk passphrase "
                    + "(a key added, re-activated or renamed behind the desk's back), so Témoin will not seal to it. Nothing was sealed "
                    + "and nothing was lost (a draft stays a draft). ") + Self.reviewTeamKeys(l)
        case .teamKeysUnconfirmed:
            return l.pick(
                fr: "La liste des clés d'équipe n'est pas encore liée à la phrase de passe du poste (un coffre fait par un Témoin plus ancien, "
                    + "ou le lien a été retiré) : Témoin ne scelle pas pour elle. Rien n'a été scellé et rien n'est perdu "
                    + "(un brouillon reste un brouillon). ",
                en: "The list of team keys is not bound to the desk passphrase yet (a vault made by an earlier Témoin, "
                    + "or the binding was removed), so Témoin will not seal to it. Nothing was sealed and nothing was lost "
                    + "(a draft stays a draft). ") + Self.reviewTeamKeys(l)
        case .questionnaireChanged:
            return l.pick(
                fr: "Le questionnaire du coffre a été importé ou modifié sans la phrase de passe du poste (ou par un Témoin plus ancien) : "
                    + "Témoin ne s'en sert pas et ne scelle rien. Rien n'est perdu (un brouillon reste un brouillon). Relisez-le avec "
                    + "`temoin form show --lang fr`, puis importez le fichier de l'équipe avec `temoin form import FICHIER` (qui demande "
                    + "la phrase de passe), ou revenez au questionnaire intégré avec `temoin form reset`.",
                en: "The vault's questionnaire was imported or changed without the desk passphrase (or by an earlier Témoin), so "
                    + "Témoin will not use it nor seal anything. Nothing was lost (a draft stays a draft). Read it with `temoin form show`, "
                    + "then import the team's file with `temoin form import FILE` (it asks the passphrase), or go back to the built-in "
                    + "questionnaire with `temoin form reset`.")
        case .passphraseTooShort(let minimum):
            return l.pick(fr: "La phrase de passe est trop courte : au moins \(minimum) caractères (quelques mots, c'est le mieux). Rien n'a été changé.",
                          en: "The passphrase is too short: use at least \(minimum) characters (a few words is best). Nothing was changed.")
        case .database(let code, let m):
            return l.pick(fr: "Erreur de la base de données du coffre (SQLite \(code)) : \(m)", en: "Vault database error (SQLite \(code)): \(m)")
        case let .recordTooLargeForVolume(record, file, bytes, maximum):
            return l.pick(fr: "Avec ses fichiers remis, le témoignage \(record) fait \(bytes) octets (le plus gros fichier : \(file)) : il ne tient pas "
                            + "dans un volume d'au plus \(maximum) octets (une clé FAT32 ne prend aucun fichier de 4 Gio ou plus). Rien n'a été exporté. "
                            + "Exportez sans les fichiers (écran d'export F6 : cochez « Sans les fichiers remis » ; en ligne de commande : `temoin export --out FICHIER --without-files`), "
                            + "puis transmettez ses fichiers par un autre moyen (une clé formatée en exFAT ou ext4).",
                          en: "With its evidence files, testimony \(record) takes \(bytes) bytes (the largest file: \(file)): it cannot fit in a volume "
                            + "of at most \(maximum) bytes (a FAT32 stick takes no file of 4 GiB or more). Nothing was exported. "
                            + "Export without the files (export screen F6: tick \"Without the evidence files\"; on the command line: `temoin export --out FILE --without-files`), "
                            + "then carry its files over another channel (a stick formatted exFAT or ext4).")
        case let .attachmentRefused(path, reason):
            return l.pick(fr: "Impossible de joindre \(path) : \(reason.text(in: l)). Rien n'a été scellé et le fichier est intact.",
                          en: "Cannot attach \(path): \(reason.text(in: l)). Nothing was sealed and the file was left untouched.")
        }
    }
}

/// Why a bundle was refused.
public enum BundleProblem: TemoinError, Equatable {
    /// Not a Témoin bundle at all.
    case notABundle
    /// A newer bundle version.
    case unsupportedVersion(Int)
    /// The file ends early.
    case truncated(String)
    /// A structural field is impossible.
    case malformed(String)
    /// The manifest does not list exactly the records carried.
    case manifestMismatch(String)
    /// The desk signature does not verify.
    case badSignature

    /// What is wrong and what to do, in `language`.
    public func message(in language: Language) -> String {
        switch self {
        case .notABundle, .unsupportedVersion: return finding(in: language)
        default: return finding(in: language) + language.pick(
            fr: " Le lot a été refusé en entier : demandez un nouvel export au poste, ou essayez `--salvage` pour récupérer les témoignages intacts (marqués non vérifiés).",
            en: " The bundle was refused whole: ask the desk for a new export, or try `--salvage` to recover the intact records (marked unverified).")
        }
    }

    /// Whether this is a version older than the one this Témoin writes (a pre-release format).
    public var isOlderFormat: Bool {
        guard case let .unsupportedVersion(v) = self else { return false }
        return v == 1   // version 2 (records only) is still read
    }

    /// The bundle format version this Témoin writes (Docs/FORMAT.md), which tells an older format from a newer one.
    public static let currentVersion: UInt8 = 3

    /// What is wrong, without the advice on what to do, in English.
    public var finding: String { finding(in: .en) }

    /// What is wrong, without the advice on what to do (the details in parentheses stay in English: they name bytes and fields).
    public func finding(in language: Language) -> String {
        let l = language
        switch self {
        case .notABundle: return l.pick(fr: "Ce fichier n'est pas un lot Témoin.", en: "This file is not a Témoin bundle.")
        case .unsupportedVersion(let v) where isOlderFormat:
            return l.pick(fr: "Ce lot est au format \(v), écrit par une version d'essai de Témoin que celle-ci ne lit plus : exportez de nouveau les témoignages au poste (`temoin export --all`).",
                          en: "This bundle is in format version \(v), written by a pre-release Témoin that this one no longer reads: export the records again from the desk (`temoin export --all`).")
        case .unsupportedVersion(let v):
            return l.pick(fr: "Le format de lot \(v) est plus récent que ce Témoin : mettez Témoin à jour.",
                          en: "Bundle format version \(v) is newer than this Témoin understands: update Témoin.")
        case .truncated(let what): return l.pick(fr: "Le lot est tronqué (\(what)).", en: "The bundle is truncated (\(what)).")
        case .malformed(let what): return l.pick(fr: "Le lot est abîmé (\(what)).", en: "The bundle is damaged (\(what)).")
        case .manifestMismatch(let what):
            return l.pick(fr: "La liste des témoignages du lot ne correspond pas à ses témoignages (\(what)) : des témoignages ont été retirés, ajoutés, dupliqués ou modifiés.",
                          en: "The bundle's record list does not match its records (\(what)): records were removed, added, duplicated or altered.")
        case .badSignature:
            return l.pick(fr: "La signature du poste ne correspond pas : le lot a été modifié ou abîmé après l'export.",
                          en: "The desk signature does not match: the bundle was altered or damaged after export.")
        }
    }
}

extension VaultError {
    /// What to do about a team key list that sealing refuses.
    static func reviewTeamKeys(_ l: Language) -> String {
        l.pick(fr: "Voyez la liste avec `temoin desk team-key list` et comparez chaque empreinte avec l'équipe par téléphone ; "
                + "retirez toute clé inconnue (`temoin desk team-key retire EMPREINTE`) ; puis liez la liste avec "
                + "`temoin desk team-key confirm` (il demande la phrase de passe du poste) et scellez de nouveau.",
               en: "See the list with `temoin desk team-key list` and compare each fingerprint with the team "
                + "by phone; retire any key you do not know (`temoin desk team-key retire FINGERPRINT`); then bind the list "
                + "with `temoin desk team-key confirm` (it asks the desk passphrase) and seal again.")
    }

    /// Maps an errno from a write to the matching error.
    public static func writing(_ path: String, errno code: Int32) -> VaultError {
        switch code {
        case ENOSPC, EDQUOT: return .diskFull(path: path)
        case EIO: return .diskError(path: path)
        default: return .notWritable(path: path, errno: code)
        }
    }

    /// Whether `code` means the place refuses this user (permissions, a read-only disk): then fixing its rights is the way out.
    public static func isPermission(_ code: Int32) -> Bool {
        code == EACCES || code == EPERM || code == EROFS
    }

    /// Why a file operation failed, from its errno (never a text made earlier): the errnos a person meets with
    /// files in words of ours in both languages, the others in the system's English words.
    public static func reason(_ code: Int32, in l: Language) -> String {
        let english = String(cString: strerror(code))
        switch code {
        case ENOENT: return l.pick(fr: "fichier ou dossier introuvable", en: "no such file or folder")
        case EACCES, EPERM: return l.pick(fr: "permission refusée", en: "permission denied")
        case EROFS: return l.pick(fr: "le disque est en lecture seule", en: "the disk is read-only")
        case EISDIR: return l.pick(fr: "c'est un dossier", en: "it is a folder")
        case ENOTDIR: return l.pick(fr: "un élément du chemin n'est pas un dossier", en: "a part of the path is not a folder")
        case ESPIPE: return l.pick(fr: "ce n'est pas un fichier ordinaire (un tube, un périphérique ?)", en: "it is not a regular file (a pipe or a device?)")
        case EIO: return l.pick(fr: "erreur d'entrée-sortie", en: english)
        case EEXIST: return l.pick(fr: "le fichier existe déjà", en: english)
        case ENOSPC, EDQUOT: return l.pick(fr: "plus de place sur le disque", en: english)
        case ENAMETOOLONG: return l.pick(fr: "nom de fichier trop long", en: english)
        default: return l.pick(fr: "erreur système \(code) (\(english))", en: english)
        }
    }

    /// Maps an errno from a read to the matching error.
    public static func reading(_ path: String, errno code: Int32) -> VaultError {
        code == EIO ? .diskError(path: path) : .unreadable(path: path, errno: code)
    }
}

extension VaultError {
    /// The `VaultError` named by the errno inside a Foundation error (`Data(contentsOf:)`, `FileManager`),
    /// so that no raw `Error Domain=NSCocoaErrorDomain …` text reaches a person; nil for other errors.
    public static func fromFoundation(_ error: Error) -> VaultError? {
        if let posix = error as? POSIXError { return .reading("a file", errno: posix.code.rawValue) }
        guard let cocoa = error as? CocoaError else { return nil }
        let path = cocoa.filePath ?? cocoa.url?.path ?? "a file"
        if let underlying = cocoa.userInfo[NSUnderlyingErrorKey] as? NSError, underlying.domain == NSPOSIXErrorDomain {
            let code = Int32(underlying.code)
            return cocoa.isWriteError ? .writing(path, errno: code) : .reading(path, errno: code)
        }
        switch cocoa.code {
        case .fileNoSuchFile, .fileReadNoSuchFile: return .unreadable(path: path, errno: ENOENT)
        case .fileReadNoPermission: return .unreadable(path: path, errno: EACCES)
        case .fileWriteNoPermission: return .notWritable(path: path, errno: EACCES)
        case .fileWriteVolumeReadOnly: return .notWritable(path: path, errno: EROFS)
        case .fileWriteOutOfSpace: return .diskFull(path: path)
        default: return cocoa.isWriteError ? .writing(path, errno: EIO) : .reading(path, errno: EIO)
        }
    }
}

private extension CocoaError {
    /// Whether the failed operation was a write (Foundation's write error codes are 512–640).
    var isWriteError: Bool { (512...640).contains(code.rawValue) }
}

/// Why a witness's file cannot be attached to a files question.
public enum AttachmentRefusal: Sendable, Equatable {
    /// It cannot be opened (`errno`).
    case unopenable(errno: Int32)
    /// A folder, a pipe or a device rather than a file.
    case notRegular
    /// Larger than the question accepts.
    case tooBig(size: Int, maximum: Int, field: String)
    /// Larger than a file stream can be (1 TiB).
    case beyondStreams
    /// libmagic could not read its type (`detail` in its own words).
    case typeUnreadable(detail: String)
    /// Its content is of a type the question does not accept.
    case typeNotAccepted(type: String, field: String, accepted: [String])
    /// The field named is not a files question (`questions` are the ones there are).
    case notFilesQuestion(field: String, questions: [String])
    /// The question is not asked with these answers.
    case notAsked(field: String)
    /// The question already holds its most files.
    case tooMany(field: String, maximum: Int)
    /// A picked file's encrypted copy is gone from the vault.
    case copyMissing

    /// The reason in `language`, to follow "Cannot attach FILE:".
    public func text(in l: Language) -> String {
        switch self {
        case let .unopenable(code): return VaultError.reason(code, in: l)
        case .notRegular:
            return l.pick(fr: "ce n'est pas un fichier ordinaire (un dossier, un tube ou un périphérique ?) : donnez le fichier lui-même",
                          en: "it is not a regular file (a folder, a pipe or a device?): give the file itself")
        case let .tooBig(size, maximum, field):
            return l.pick(fr: "il fait \(size) octets, plus que les \(maximum) octets qu'accepte la question « \(field) »",
                          en: "it is \(size) bytes, more than the \(maximum) bytes the question “\(field)” accepts")
        case .beyondStreams: return l.pick(fr: "il dépasse 1 Tio", en: "it is larger than 1 TiB")
        case let .typeUnreadable(detail):
            return l.pick(fr: "son type ne peut pas être lu : \(detail)", en: "its type cannot be read: \(detail)")
        case let .typeNotAccepted(type, field, accepted):
            return l.pick(fr: "son contenu est \(type), que la question « \(field) » n'accepte pas (\(accepted.joined(separator: ", ")))",
                          en: "its content is \(type), which the question “\(field)” does not accept (\(accepted.joined(separator: ", ")))")
        case let .notFilesQuestion(field, questions):
            let names = questions.isEmpty ? l.pick(fr: "aucune", en: "none") : questions.joined(separator: ", ")
            return l.pick(fr: "« \(field) » n'est pas une question à fichiers de ce questionnaire (questions à fichiers : \(names))",
                          en: "“\(field)” is not a files question of this questionnaire (files questions: \(names))")
        case let .notAsked(field):
            return l.pick(fr: "la question « \(field) » n'est pas posée avec ces réponses (vérifiez le consentement)",
                          en: "the question “\(field)” is not asked with these answers (check consent)")
        case let .tooMany(field, maximum):
            return l.pick(fr: "la question « \(field) » prend au plus \(maximum) fichiers", en: "the question “\(field)” takes at most \(maximum) files")
        case .copyMissing:
            return l.pick(fr: "sa copie chiffrée manque dans le coffre : retirez-le du témoignage et choisissez-le de nouveau",
                          en: "its encrypted copy is missing from the vault: remove it from the testimony and pick it again")
        }
    }
}
