import Foundation
import TemoinCrypto
import TemoinDesk
import TemoinFormat
import TemoinForms

/// What the desk model asks the outside world to do; `DeskServices` does it.
enum DeskEffect: Sendable {
    /// Look for team public key files (`*.pub`) under the home folder and mounted media.
    case findKeyFiles
    /// Complete a typed path (Tab).
    case completePath(String)
    /// Read a team public key file.
    case readTeamKey(path: String)
    /// Create the vault (first run).
    case createVault(keys: [TeamPublicKey], deskName: String, passphrase: SecretBytes, language: Language)
    /// Open the desk secrets with the passphrase.
    case unlock(SecretBytes)
    /// Read the counts, drafts and fingerprints for the home screen.
    case loadOverview
    /// Save a draft, encrypted, before anything else happens (leaving the form, locking, quitting).
    case saveDraft(Draft)
    /// Save a draft, encrypted, while the volunteer types on (the autosave): its outcome comes later.
    case autosave(Draft)
    /// Delete a draft, then the encrypted copies of the files picked for it.
    case deleteDraft(id: String, files: [DraftFile])
    /// List where the file picker starts: mounted phones and sticks, then the home folder.
    case listPlaces
    /// List a folder for the file picker.
    case listFolder([UInt8])
    /// Encrypt a witness's file into the vault for `field` at once (reporting progress); nothing is
    /// written in plaintext.
    case attachFile(field: Field, path: [UInt8], name: String, alreadyPicked: Int)
    /// Save the draft without files removed from it, then delete their encrypted copies.
    case removeFiles(Draft, [DraftFile])
    /// Seal a draft and delete it.
    case seal(Draft)
    /// List export destinations: the default folder and mounted removable media.
    case findDestinations
    /// Check a destination and write a bundle there (the default folder is created when missing).
    case export(folder: String, fileName: String, withoutFiles: Bool = false)
    /// Keep the desk's language in the vault (chosen at first run, switched on the home screen).
    case saveLanguage(Language)
    /// Forget the desk secrets (the screen is locked).
    case forgetSecrets
    /// End the program.
    case exit
}

/// What happened when an effect was carried out, fed back to the model.
enum DeskOutcome: Sendable {
    /// Key files found.
    case keyFilesFound([String])
    /// Completions of `typed`: the completed text and the candidates when several remain.
    case completed(typed: String, text: String, candidates: [String])
    /// A team key was read.
    case teamKeyRead(path: String, TeamPublicKey)
    /// The vault was created: the desk fingerprint.
    case vaultCreated(deskFingerprint: String)
    /// The passphrase was right.
    case unlocked
    /// The passphrase was wrong.
    case wrongPassphrase
    /// Fresh counts, drafts and fingerprints.
    case overview(DeskOverview)
    /// A draft was saved.
    case draftSaved(id: String, at: Date)
    /// A draft was deleted.
    case draftDeleted(id: String)
    /// Where the file picker starts.
    case placesListed([PickerEntry])
    /// A folder's entries, for the file picker.
    case folderListed([UInt8], [PickerEntry])
    /// A folder cannot be read: why, for the volunteer.
    case folderUnreadable([UInt8], reason: Localized)
    /// Encryption of a picked file: bytes done, total.
    case attachProgress(done: Int, total: Int)
    /// A picked file is encrypted in the vault.
    case fileAttached(DraftFile)
    /// A testimony was sealed.
    case sealed(SealedRecord)
    /// Destinations found: (folder, is removable media).
    case destinations([ExportDestination])
    /// The destination passed the preflight check: the bundle will carry `records` records.
    case exportChecked(path: String, records: Int, bytes: Int)
    /// Export progress.
    case exportProgress(done: Int, total: Int)
    /// The bundle was written and verified: one file, or its volumes in order.
    case exported([ExportSummary])
    /// The desk's language was kept in the vault.
    case languageSaved(Language)
    /// An effect failed: what to tell the volunteer.
    case failed(DeskFailure)
}

/// A failed effect: which one, and the message for the volunteer.
struct DeskFailure: Sendable, Error {
    /// The effect that failed.
    enum Stage: Sendable {
        case readTeamKey, createVault, unlock, loadOverview, saveDraft, deleteDraft, seal, export, saveLanguage, attachFile
    }

    /// Which effect failed.
    var stage: Stage
    /// What to tell the volunteer, in both languages.
    var message: Localized
}

/// A place to export to.
struct ExportDestination: Hashable, Sendable {
    /// The folder.
    var folder: String
    /// Whether it is removable media (under /media or /run/media).
    var removable: Bool
}

/// What the home screen shows about the vault.
struct DeskOverview: Sendable {
    /// The desk's name.
    var deskName: String
    /// The desk's fingerprint.
    var deskFingerprint: String
    /// The team keys records are sealed to: name and fingerprint.
    var teamKeys: [(name: String, fingerprint: String)]
    /// The counts.
    var status: VaultStatus
    /// The drafts that open with the desk key and this questionnaire or an earlier version of it, newest first.
    var drafts: [Draft]
    /// Drafts that do not open (another questionnaire, damage).
    var unreadableDrafts: Int
    /// The questionnaire of this session.
    var form: Questionnaire
    /// Earlier versions of it that drafts were filled with (built in), which those drafts keep.
    var earlierForms: [Questionnaire] = []

    /// The questionnaire `draft` was filled with: this session's, or the earlier version it names.
    func form(for draft: Draft) -> Questionnaire {
        earlierForms.first { $0.id == draft.form.id && $0.version == draft.form.version } ?? form
    }
}
