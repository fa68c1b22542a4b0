import Foundation
import TemoinCrypto
import TemoinDesk
import TemoinFormat
import TemoinForms
import TemoinStorage
import TemoinUIKit

/// Carries out the desk model's effects: the vault, the desk secrets, and the file system.
///
/// The only part of the desk UI that touches the disk. Tests use it with a real vault in a
/// temporary folder.
public final class DeskServices {
    /// The vault folder.
    public let directory: String
    /// The default export folder, created on first export.
    let exportFolder: String
    private let formOverride: Questionnaire?
    private let homeDirectory: String
    private let mediaRoots: [String]
    /// Where the desktop mounts phones (MTP): each folder in it is offered as a place to pick files from.
    private let gvfsFolder: String
    private var vault: DeskVault?
    private var secrets: DeskSecrets?
    private var cachedForm: Questionnaire?
    private let deskKeyCost: PassphraseCost
    private let random: RandomSource
    /// The largest volume an export writes (`temoin ui --max-size`); nil: what the destination's file system takes.
    private let maximumVolumeBytes: Int?
    /// Autosaves run here, one after the other, off the runner's thread: encrypting the draft and the
    /// durable SQLite commit took several milliseconds, which the keys typed meanwhile used to wait for.
    private let saver = DispatchQueue(label: "temoin.desk.autosave")
    private let autosaves = AutosaveMailbox()

    /// Creates the services for the vault in `directory`, opening it when it exists.
    ///
    /// `form` replaces the vault's questionnaire for this session (`--form`). Throws when the
    /// vault exists but cannot be opened (e.g. already open elsewhere). `deskKeyCost` is the Argon2id
    /// cost of a desk key made at first run: `.desk`; unit tests pass a cheaper one. `random` feeds keys,
    /// record ids and receipts: a seeded source makes whole-frame snapshot tests reproducible.
    /// `maximumVolumeBytes` splits an export into volumes of at most that size, as `temoin export --max-size`
    /// does; without it, only a bundle larger than the destination takes (4 GiB on a FAT32 stick) is split.
    public init(directory: String, form: Questionnaire? = nil, homeDirectory: String, exportFolder: String,
                mediaRoots: [String] = ["/media", "/run/media"], gvfsFolder: String = "/run/user/\(getuid())/gvfs",
                deskKeyCost: PassphraseCost = .desk, maximumVolumeBytes: Int? = nil,
                random: RandomSource = SystemRandom()) throws {
        self.deskKeyCost = deskKeyCost
        self.maximumVolumeBytes = maximumVolumeBytes
        self.random = random
        self.directory = directory
        self.formOverride = form
        self.homeDirectory = homeDirectory
        self.exportFolder = exportFolder
        self.mediaRoots = mediaRoots
        self.gvfsFolder = gvfsFolder
        if DeskVault.exists(at: directory) {
            vault = try DeskVault.open(at: directory)
        }
    }

    /// The desk's name and fingerprint, readable without the passphrase; nil before first run.
    public func deskIdentity() throws -> (name: String, fingerprint: String)? {
        guard let vault else { return nil }
        return (try vault.deskName(), try vault.deskFingerprint())
    }

    /// The language kept in the vault (first run, F9 on the home screen); nil before first run or when never chosen.
    public func storedLanguage() throws -> Language? {
        try vault?.language()
    }

    /// The questionnaire of this session: `--form`, else the vault's.
    func questionnaire() throws -> Questionnaire {
        // One imported or changed without the passphrase is never asked, and stops this session as sealing would.
        if let vault, secrets != nil { try vault.checkQuestionnaire() }
        if let formOverride { return formOverride }
        if let cachedForm { return cachedForm }
        guard let vault else { return try Questionnaire.builtIn() }
        let form = try vault.questionnaire()
        if secrets != nil { cachedForm = form }
        return form
    }

    /// Whether an autosave is still running in the background.
    var isSaving: Bool { autosaves.isBusy }

    /// The outcomes of the autosaves that ended since the last call.
    func poll() -> [DeskOutcome] {
        autosaves.take()
    }

    /// Waits for the autosaves under way to end (their outcomes are then ready for `poll`).
    func waitForAutosaves() {
        saver.sync {}
    }

    /// Carries out `effect`, reporting what happened (possibly several times, e.g. export progress).
    ///
    /// An autosave is reported later, through `poll`. Any other effect first waits for the autosaves under
    /// way and reports them, so that the vault and the model see everything in the order it was asked.
    func perform(_ effect: DeskEffect, report: (DeskOutcome) -> Void) {
        if case .autosave = effect {} else {
            waitForAutosaves()
            poll().forEach(report)
        }
        switch effect {
        case .findKeyFiles:
            report(.keyFilesFound(FileFinder.keyFiles(home: homeDirectory, media: mediaRoots)))
        case let .completePath(typed):
            let completion = FileFinder.complete(typed, home: homeDirectory)
            report(.completed(typed: typed, text: completion.text, candidates: completion.candidates))
        case let .readTeamKey(path):
            report(Self.attempt(.readTeamKey, file: path) {
                let expanded = FileFinder.expand(path, home: homeDirectory)
                return .teamKeyRead(path: expanded, try PublicKeyFile.decode(Self.keyFileBytes(expanded)))
            })
        case let .createVault(keys, name, passphrase, language):
            report(Self.attempt(.createVault) {
                let (created, secrets) = try DeskVault.create(at: directory, deskName: name, teamKeys: keys, passphrase: passphrase,
                                                              cost: deskKeyCost, random: random)
                try created.setLanguage(language)
                vault = created
                self.secrets = secrets
                return .vaultCreated(deskFingerprint: secrets.fingerprint)
            })
        case let .unlock(passphrase):
            report(Self.attempt(.unlock) {
                do {
                    secrets = try openVault().unlock(passphrase: passphrase)
                    return .unlocked
                } catch CryptoError.wrongPassphrase {
                    return .wrongPassphrase
                }
            })
        case .loadOverview:
            // A team key list that sealing would refuse is said on the home screen, before any testimony.
            if let problem = teamKeysProblem() { report(.failed(DeskFailure(stage: .loadOverview, message: problem))) }
            report(Self.attempt(.loadOverview) { .overview(try overview()) })
        case let .saveDraft(draft):
            report(Self.attempt(.saveDraft) {
                try openVault().saveDraft(draft, secrets: try unlocked())
                return .draftSaved(id: draft.id, at: draft.updatedAt)
            })
        case let .autosave(draft):
            autosave(draft)
        case let .deleteDraft(id, files):
            report(Self.attempt(.deleteDraft) {
                try openVault().deleteDraft(id: id)
                try openVault().removePicked(files)
                return .draftDeleted(id: id)
            })
        case .listPlaces:
            report(.placesListed(FolderListing.places(mediaRoots: mediaRoots, gvfs: gvfsFolder, home: homeDirectory)))
        case let .listFolder(path):
            do {
                report(.folderListed(path, try FolderListing.list(path)))
            } catch {
                let reason = switch error.errno {
                case EACCES, EPERM: UIText.pickerDenied
                case ENOENT, ENODEV, ENXIO: UIText.pickerGone
                default: Localized(fr: VaultError.reason(error.errno, in: .fr), en: String(cString: strerror(error.errno)))
                }
                report(.folderUnreadable(path, reason: reason))
            }
        case let .attachFile(field, path, name, alreadyPicked):
            var percent = -1
            report(Self.attempt(.attachFile) {
                let file = try openVault().attach(path: path, name: name, field: field, alreadyPicked: alreadyPicked) { done, total in
                    // One report per percent: each one redraws the screen.
                    let now = total > 0 ? done * 100 / total : 100
                    guard now != percent else { return }
                    percent = now
                    report(.attachProgress(done: done, total: total))
                }
                return .fileAttached(file)
            })
        case let .removeFiles(draft, files):
            report(Self.attempt(.saveDraft) {
                try openVault().saveDraft(draft, secrets: try unlocked())
                try openVault().removePicked(files)
                return .draftSaved(id: draft.id, at: draft.updatedAt)
            })
        case let .seal(draft):
            report(Self.attempt(.seal) { .sealed(try openVault().seal(draft: draft, form: questionnaire(for: draft), random: random)) })
        case .findDestinations:
            report(.destinations(FileFinder.removableMedia(mediaRoots)))
        case let .export(folder, fileName, withoutFiles):
            export(folder: folder, fileName: fileName, withoutFiles: withoutFiles, report: report)
        case let .saveLanguage(language):
            report(Self.attempt(.saveLanguage) {
                try openVault().setLanguage(language)
                return .languageSaved(language)
            })
        case .forgetSecrets:
            secrets = nil
            vault?.forgetSecrets()
        case .exit:
            break
        }
    }

    /// Saves `draft` on the autosave queue; its outcome waits in the mailbox for `poll`.
    private func autosave(_ draft: Draft) {
        let mailbox = autosaves
        let target = Result { (try openVault(), try unlocked()) }
        mailbox.begin()
        saver.async {
            mailbox.finish(Self.attempt(.saveDraft) {
                let (vault, secrets) = try target.get()
                try vault.saveDraft(draft, secrets: secrets)
                return .draftSaved(id: draft.id, at: draft.updatedAt)
            })
        }
    }

    private func export(folder: String, fileName: String, withoutFiles: Bool, report: (DeskOutcome) -> Void) {
        let outcome = Self.attempt(.export) { () -> DeskOutcome in
            let vault = try openVault()
            let secrets = try unlocked()
            let folder = FileFinder.expand(folder, home: homeDirectory)
            if folder == FileFinder.expand(exportFolder, home: homeDirectory), !FileManager.default.fileExists(atPath: folder) {
                try FileSystem.createFolder(folder)
            }
            let path = (folder as NSString).appendingPathComponent(fileName)
            try vault.preflightExport(to: path, all: false)
            let estimate = try vault.exportEstimate(all: false)
            report(.exportChecked(path: path, records: estimate.records, bytes: estimate.bytes))
            // One bar for the whole export: each volume reports its own records, from 0 to its count.
            var earlierVolumes = 0
            let summaries = try withoutActuallyEscaping(report) { report in
                try vault.exportVolumes(to: path, withoutFiles: withoutFiles, maximumBytes: maximumVolumeBytes, secrets: secrets,
                                        random: random) { done, total in
                    report(.exportProgress(done: earlierVolumes + done, total: max(estimate.records, earlierVolumes + total)))
                    if done == total { earlierVolumes += total }
                }
            }
            return .exported(summaries)
        }
        report(outcome)
    }

    private func overview() throws -> DeskOverview {
        let vault = try openVault()
        let form = try questionnaire()
        let earlier = try earlierForms(than: form)
        let drafts = try vault.drafts(secrets: try unlocked(), forms: [form] + earlier)
        let known = [form] + earlier
        let mine = drafts.drafts.filter { draft in known.contains { $0.id == draft.form.id && $0.version == draft.form.version } }
        return DeskOverview(
            deskName: try vault.deskName(), deskFingerprint: try vault.deskFingerprint(),
            teamKeys: try vault.teamKeys().map { ($0.name, $0.fingerprint) }, status: try vault.status(),
            drafts: mine, unreadableDrafts: drafts.unreadable + drafts.drafts.count - mine.count, form: form, earlierForms: earlier)
    }

    /// The built-in earlier versions of `form`, which drafts begun before an update were filled with.
    private func earlierForms(than form: Questionnaire) throws -> [Questionnaire] {
        try (1..<max(1, form.version)).compactMap { try Questionnaire.builtIn(id: form.id, version: $0) }
    }

    /// The questionnaire `draft` was filled with: this session's, or a built-in earlier version (a draft
    /// begun before an update is sealed with the questions it was asked, and says so in its record).
    private func questionnaire(for draft: Draft) throws -> Questionnaire {
        let form = try questionnaire()
        guard draft.form.id != form.id || draft.form.version != form.version else { return form }
        return try Questionnaire.builtIn(id: draft.form.id, version: draft.form.version) ?? form
    }

    /// Why sealing would refuse the vault's team keys, or nil when they are bound to the desk secret.
    private func teamKeysProblem() -> Localized? {
        guard let vault, secrets != nil else { return nil }
        do {
            try vault.checkTeamKeys()
            return nil
        } catch {
            return ErrorText.message(for: error)
        }
    }

    private func openVault() throws -> DeskVault {
        guard let vault else { throw VaultError.notFound(path: directory) }
        return vault
    }

    private func unlocked() throws -> DeskSecrets {
        guard let secrets else {
            throw VaultError.locked // the model never asks this while locked
        }
        return secrets
    }

    /// The bytes of the key file at `path`, read through `FileSource`: a pipe or a device under a key file's name
    /// (on a stick handed over at set-up) is refused at once rather than waited on or read without end, and a
    /// file larger than any public key file is not one.
    private static func keyFileBytes(_ path: String) throws -> [UInt8] {
        let source = try FileSource(path: path)
        let size = try source.size()
        guard size <= 1 << 17 else { throw CryptoError.wrongKind(expected: .publicKeyFile) }
        return try source.read(at: 0, size, "key file")
    }

    private static func attempt(_ stage: DeskFailure.Stage, file: String? = nil, _ body: () throws -> DeskOutcome) -> DeskOutcome {
        do {
            return try body()
        } catch {
            let message = file.map { ErrorText.message(for: error, file: $0) } ?? ErrorText.message(for: error)
            return .failed(DeskFailure(stage: stage, message: message))
        }
    }
}

/// The outcomes of the background autosaves, left for the runner's thread to take.
private final class AutosaveMailbox: @unchecked Sendable {
    private let lock = NSLock()
    private var running = 0
    private var outcomes: [DeskOutcome] = []

    /// Whether an autosave has begun and not yet finished.
    var isBusy: Bool { lock.withLock { running > 0 } }

    /// An autosave is queued.
    func begin() {
        lock.withLock { running += 1 }
    }

    /// An autosave ended with `outcome`.
    func finish(_ outcome: DeskOutcome) {
        lock.withLock {
            running -= 1
            outcomes.append(outcome)
        }
    }

    /// The outcomes not yet taken, in the order the saves ended.
    func take() -> [DeskOutcome] {
        lock.withLock {
            defer { outcomes.removeAll() }
            return outcomes
        }
    }
}
