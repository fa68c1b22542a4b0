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
    private var vault: DeskVault?
    private var secrets: DeskSecrets?
    private var cachedForm: Questionnaire?
    private let deskKeyCost: PassphraseCost
    private let random: RandomSource

    /// Creates the services for the vault in `directory`, opening it when it exists.
    ///
    /// `form` replaces the vault's questionnaire for this session (`--form`). Throws when the
    /// vault exists but cannot be opened (e.g. already open elsewhere). `deskKeyCost` is the Argon2id
    /// cost of a desk key made at first run: `.desk`; unit tests pass a cheaper one. `random` feeds keys,
    /// record ids and receipts: a seeded source makes whole-frame snapshot tests reproducible.
    public init(directory: String, form: Questionnaire? = nil, homeDirectory: String, exportFolder: String,
                mediaRoots: [String] = ["/media", "/run/media"], deskKeyCost: PassphraseCost = .desk,
                random: RandomSource = SystemRandom()) throws {
        self.deskKeyCost = deskKeyCost
        self.random = random
        self.directory = directory
        self.formOverride = form
        self.homeDirectory = homeDirectory
        self.exportFolder = exportFolder
        self.mediaRoots = mediaRoots
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
        if let formOverride { return formOverride }
        if let cachedForm { return cachedForm }
        guard let vault else { return try Questionnaire.builtIn() }
        let form = try vault.questionnaire()
        cachedForm = form
        return form
    }

    /// Carries out `effect`, reporting what happened (possibly several times, e.g. export progress).
    func perform(_ effect: DeskEffect, report: (DeskOutcome) -> Void) {
        switch effect {
        case .findKeyFiles:
            report(.keyFilesFound(FileFinder.keyFiles(home: homeDirectory, media: mediaRoots)))
        case let .completePath(typed):
            let completion = FileFinder.complete(typed, home: homeDirectory)
            report(.completed(typed: typed, text: completion.text, candidates: completion.candidates))
        case let .readTeamKey(path):
            report(attempt(.readTeamKey, file: path) {
                let expanded = FileFinder.expand(path, home: homeDirectory)
                return .teamKeyRead(path: expanded, try PublicKeyFile.decode(FileSystem.read(expanded)))
            })
        case let .createVault(keys, name, passphrase, language):
            report(attempt(.createVault) {
                let (created, secrets) = try DeskVault.create(at: directory, deskName: name, teamKeys: keys, passphrase: passphrase,
                                                              cost: deskKeyCost, random: random)
                try created.setLanguage(language)
                vault = created
                self.secrets = secrets
                return .vaultCreated(deskFingerprint: secrets.fingerprint)
            })
        case let .unlock(passphrase):
            report(attempt(.unlock) {
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
            report(attempt(.loadOverview) { .overview(try overview()) })
        case let .saveDraft(draft):
            report(attempt(.saveDraft) {
                try openVault().saveDraft(draft, secrets: try unlocked())
                return .draftSaved(id: draft.id, at: draft.updatedAt)
            })
        case let .deleteDraft(id):
            report(attempt(.deleteDraft) {
                try openVault().deleteDraft(id: id)
                return .draftDeleted(id: id)
            })
        case let .seal(draft):
            report(attempt(.seal) { .sealed(try openVault().seal(draft: draft, form: questionnaire(for: draft), random: random)) })
        case .findDestinations:
            report(.destinations(FileFinder.removableMedia(mediaRoots)))
        case let .export(folder, fileName):
            export(folder: folder, fileName: fileName, report: report)
        case let .saveLanguage(language):
            report(attempt(.saveLanguage) {
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

    private func export(folder: String, fileName: String, report: (DeskOutcome) -> Void) {
        let outcome = attempt(.export) { () -> DeskOutcome in
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
            let summary = try withoutActuallyEscaping(report) { report in
                try vault.export(to: path, secrets: secrets, random: random) { done, total in
                    report(.exportProgress(done: done, total: total))
                }
            }
            return .exported(summary)
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

    private func attempt(_ stage: DeskFailure.Stage, file: String? = nil, _ body: () throws -> DeskOutcome) -> DeskOutcome {
        do {
            return try body()
        } catch {
            let message = file.map { ErrorText.message(for: error, file: $0) } ?? ErrorText.message(for: error)
            return .failed(DeskFailure(stage: stage, message: message))
        }
    }
}
