import TemoinLanguage

/// What can go wrong in the crypto layer, phrased for the person who has to act on it.
public enum CryptoError: TemoinError, Equatable {
    /// The passphrase does not open this key.
    case wrongPassphrase
    /// The bytes are not the kind of file or object expected; `found` names what they are when it is known.
    case wrongKind(expected: ObjectKind, found: ObjectKind? = nil)
    /// The data ends too early or has an impossible length (the detail names bytes and fields, in English).
    case malformed(String)
    /// The format version is newer than this program understands.
    case unsupportedVersion(Int)
    /// Authenticated decryption failed: the data was altered or belongs to another key.
    case authenticationFailed
    /// The record was not sealed to any key we hold.
    case notForThisKey
    /// A public key is unusable (for example a low-order X25519 point).
    case invalidPublicKey
    /// Argon2id could not get the memory it needs, in MiB.
    case outOfMemory(mebibytes: Int)

    /// What to tell a person about this error in `language`.
    public func message(in language: Language) -> String {
        let l = language
        switch self {
        case .wrongPassphrase:
            return l.pick(fr: "Phrase de passe incorrecte : la clé n'a pas pu être ouverte. Vérifiez la disposition du clavier et la touche Verr. Maj, puis réessayez.",
                          en: "Wrong passphrase: the key could not be opened. Check the keyboard layout and Caps Lock, then try again.")
        case .wrongKind(.publicKeyFile, .secretKeyFile?):
            return l.pick(fr: "Ce n'est pas un fichier de clé publique : c'est un fichier de clé SECRÈTE (team.key) ; donnez plutôt le fichier team.pub.",
                          en: "This is not a public key file: this is a SECRET key file (team.key); give the team.pub file instead.")
                + ObjectKind.publicKeyFile.advice(in: l)
        case .wrongKind(.secretKeyFile, .publicKeyFile?):
            return l.pick(fr: "Ce n'est pas un fichier de clé secrète : c'est un fichier de clé PUBLIQUE (team.pub) ; donnez plutôt le fichier team.key.",
                          en: "This is not a secret key file: this is a PUBLIC key file (team.pub); give the team.key file instead.")
        case .wrongKind(.teamKey, .deskKey?):
            return l.pick(fr: "C'est la clé d'un poste, pas une clé d'équipe : donnez le fichier de clé secrète de l'équipe (team.key).",
                          en: "This is a desk's key, not a team key: give the team's secret key file (team.key).")
        case .wrongKind(let expected, _):
            return l.pick(fr: "Ce n'est pas \(expected.name(in: .fr)).", en: "This is not \(expected.name(in: .en)).") + expected.advice(in: l)
        case .malformed(let what):
            return l.pick(fr: "Données abîmées ou tronquées (\(what)) : reprenez une copie intacte.", en: "Damaged data: \(what).")
        case .unsupportedVersion(let v):
            return l.pick(fr: "Le format \(v) est plus récent que ce Témoin : mettez Témoin à jour.",
                          en: "Format version \(v) is newer than this Témoin understands: update Témoin.")
        case .authenticationFailed:
            return l.pick(fr: "Les données ont été modifiées ou abîmées : leur étiquette d'authentification ne correspond pas.",
                          en: "The data was altered or damaged: its authentication tag does not match.")
        case .notForThisKey:
            return l.pick(fr: "Ce témoignage a été scellé pour une autre clé d'équipe.", en: "This record was sealed to another team key.")
        case .invalidPublicKey:
            return l.pick(fr: "La clé publique n'est pas utilisable (pas une clé X25519/Ed25519 valide) : demandez à l'équipe son fichier team.pub.",
                          en: "The public key is invalid (not a usable X25519/Ed25519 key): ask the team for its team.pub file.")
        case .outOfMemory(let mebibytes):
            return l.pick(fr: "Le système a refusé la mémoire dont Argon2id a besoin (\(mebibytes) Mio) : fermez d'autres programmes, puis réessayez.",
                          en: "System error: not enough memory for Argon2id (\(mebibytes) MiB). Close other programs, then try again.")
        }
    }
}

/// The kinds of Témoin object whose magic bytes are checked, named for a person.
public enum ObjectKind: String, Sendable, CaseIterable {
    /// A sealed record.
    case record
    /// A desk draft.
    case draft
    /// A sealed record as the desk vault stores it (wrapped once more with the desk's storage key).
    case storedRecord
    /// A team public key file.
    case publicKeyFile
    /// A team secret key file.
    case secretKeyFile
    /// A team key (rather than a desk key) inside a key file.
    case teamKey
    /// A desk key (rather than a team key) inside a key file.
    case deskKey
    /// The list of evidence files a sealed record points at, as the desk vault stores it.
    case storedFileList

    /// The kind's name in `language`, used in messages and in damaged-field details.
    public func name(in language: Language) -> String {
        let l = language
        switch self {
        case .record: return l.pick(fr: "un témoignage Témoin", en: "a Témoin record")
        case .draft: return l.pick(fr: "un brouillon Témoin", en: "a Témoin draft")
        case .storedRecord: return l.pick(fr: "un témoignage rangé dans le coffre du poste", en: "a record stored in the desk vault")
        case .publicKeyFile: return l.pick(fr: "un fichier de clé publique Témoin (team.pub)", en: "a Témoin public key file (team.pub)")
        case .secretKeyFile: return l.pick(fr: "un fichier de clé secrète Témoin (team.key)", en: "a Témoin secret key file (team.key)")
        case .teamKey: return l.pick(fr: "une clé d'équipe", en: "a team key")
        case .deskKey: return l.pick(fr: "une clé de poste", en: "a desk key")
        case .storedFileList: return l.pick(fr: "une liste de fichiers rangée dans le coffre du poste", en: "a file list stored in the desk vault")
        }
    }

    /// What to do when another file was given in its place.
    fileprivate func advice(in l: Language) -> String {
        switch self {
        case .publicKeyFile:
            return l.pick(fr: " Un poste a besoin de la clé publique de l'équipe (team.pub) ; la clé secrète (team.key) ne va jamais sur un poste.",
                          en: " A desk needs the team's public key (team.pub); the secret key (team.key) never goes on a desk.")
        case .record, .draft, .storedRecord, .secretKeyFile, .teamKey, .deskKey, .storedFileList: return ""
        }
    }
}
