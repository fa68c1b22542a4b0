import Foundation
import TemoinCrypto
import TemoinFormat
import TemoinForms
import TemoinTeam
import TemoinUIKit

/// Carries out the analysis UI's effects: opens team key files, decrypts bundles on a background
/// queue and hands the progress and the result to the runner, which polls for them between frames.
public final class TeamServices {
    private let keyFiles: [SecretKeyFile]
    private var keys: [TeamKeyPair]
    private let bundles: TeamBundles
    private let withdrawn: Set<[UInt8]>
    private let salvage: Bool
    private let settings: TeamDecryptor
    private var loading: TeamLoadMailbox?
    /// The evidence file being extracted, and the byte count last reported.
    private var extraction: (job: TeamExtraction, reported: Int?)?
    /// The inbox folder where case work is kept; nil when the bundles were named (no case work then).
    private let caseInbox: String?
    /// The public halves of the keys opened: the author of case changes (the first) and their recipients.
    private var publicKeys: [TeamPublicKey] = []
    /// Colleagues' keys named with `--team-pub`: case work is sealed to them too.
    private let colleagues: [TeamPublicKey]
    /// The time of a case change (tests pass their own).
    private let now: () -> Date

    /// Prepares a session over `bundles`, with `openKeys` already opened and `keyFiles` to open with a typed passphrase.
    ///
    /// Records in `withdrawn` are left out; with `salvage`, intact records of damaged bundles are read, marked unverified.
    /// `settings` gives the desks' standing and the other options of the decryption (its keys are not used).
    ///
    /// With `caseInbox`, the team's case work is read from that inbox and kept there (`TeamInbox.addCaseEvent`),
    /// sealed to every team key it lists and to `colleagues`. The items written before that the keys open are
    /// sealed again to `colleagues` on loading (named with `--team-pub`, a deliberate act), never to the other
    /// keys the inbox lists: those are only named on the status line (`TeamInbox.reshareCaseEvents`).
    public init(keyFiles: [SecretKeyFile], openKeys: [TeamKeyPair] = [], bundles: TeamBundles, withdrawn: Set<[UInt8]> = [],
                salvage: Bool = false, settings: TeamDecryptor = TeamDecryptor(keys: []), caseInbox: String? = nil,
                colleagues: [TeamPublicKey] = [], now: @escaping () -> Date = Date.init) {
        self.settings = settings
        self.colleagues = colleagues
        self.now = now
        self.caseInbox = caseInbox
        self.keyFiles = keyFiles
        self.keys = openKeys
        self.bundles = bundles
        self.withdrawn = withdrawn
        self.salvage = salvage
    }

    /// The key files whose passphrase the UI asks for, in order: name and fingerprint.
    var lockedKeys: [(name: String, fingerprint: String)] {
        keyFiles.map { ($0.name, $0.fingerprint) }
    }

    /// Whether a decryption or an extraction is running in the background.
    var isWorking: Bool { loading != nil || extraction != nil }

    /// Carries out `effect`, reporting what happened through `deliver` (at once, or later through `poll`).
    func perform(_ effect: TeamEffect, deliver: (TeamOutcome) -> Void) {
        switch effect {
        case let .openKey(index, passphrase):
            do {
                keys.append(try keyFiles[index].openTeamKey(passphrase: passphrase))
                deliver(.keyOpened(index: index))
            } catch CryptoError.wrongPassphrase {
                deliver(.wrongPassphrase)
            } catch {
                deliver(.keyFailed(ErrorText.message(for: error)))
            }
        case .load:
            startLoading()
        case let .recordCase(kind, value, receipt, record):
            deliver(recordCase(kind, value, receipt: receipt, record: record))
        case let .export(records, typed, format, form, language):
            let path = (typed as NSString).expandingTildeInPath   // `~/rapport.csv` as a shell would read it
            do {
                let count = try RecordExport.write(records, to: path, format: format, form: form, labels: language == .fr ? .fr : .en,
                                                   separator: language == .fr ? ";" : ",")
                deliver(.exported(count: count, path: path))
            } catch let error as XLSXWriter.Failure {
                deliver(.exportFailed(Localized(fr: error.description, en: error.description)))
            } catch {
                deliver(.exportFailed(ErrorText.message(for: error)))
            }
        case let .extract(file, record, bundle, folder):
            // Off the UI thread: a file of a gigabyte takes seconds; `poll` reports its progress and its result.
            guard extraction == nil else { return deliver(.extractFailed(TeamText.extractBusy)) }
            let paths = bundles.paths, folder = (folder as NSString).expandingTildeInPath
            extraction = (TeamExtraction { Self.extract(file, record: record, bundle: bundle, from: paths, folder: folder) }, nil)
        case .exit:
            keys = []
        }
    }

    /// Writes one evidence file into `folder` as `temoin team decrypt --files` does: its stream read from the
    /// bundle named `bundle`, checked against the desk's list and the intake's SHA-256, named safely.
    private static func extract(_ file: EvidenceFile, record: String, bundle: String, from paths: [String], folder: String) -> TeamOutcome {
        guard let path = paths.first(where: { ($0 as NSString).lastPathComponent == bundle }) else {
            return .extractFailed(TeamText.extractNoBundle)
        }
        do {
            var extractor = try EvidenceExtractor(directory: folder)
            guard let outcome = extractor.extract([file], record: record, bundlePath: path).first else { return .extractFailed(TeamText.extractNoBundle) }
            if let written = outcome.path { return .extracted(path: written) }
            return .extractFailed(outcome.error.map(ErrorText.message(for:)) ?? TeamText.extractNoBundle)
        } catch {
            return .extractFailed(ErrorText.message(for: error))
        }
    }

    /// Seals a case change to every team key the inbox knows and to the keys opened, in the name of the first.
    private func recordCase(_ kind: CaseEvent.Kind, _ value: String, receipt: String, record: String) -> TeamOutcome {
        guard let caseInbox, let author = publicKeys.first else { return .caseRefused(TeamCaseText.needsInbox) }
        do {
            let event = try CaseEvent(kind: kind, receipt: receipt, record: record, value: value, author: author.name,
                                      authorKey: author.fingerprint, at: now())
            return .caseRecorded(try TeamInbox(directory: caseInbox).addCaseEvent(event, recipients: publicKeys + colleagues).event)
        } catch let error as CaseError {
            return .caseRefused(error.message)
        } catch {
            return .caseRefused(ErrorText.message(for: error))
        }
    }

    /// What the background work reported since the last call: the progress, then the result.
    func poll() -> [TeamOutcome] {
        pollExtraction() + pollLoading()
    }

    /// The extraction's bytes written when they changed, then its result.
    private func pollExtraction() -> [TeamOutcome] {
        guard let (job, reported) = extraction else { return [] }
        if let result = job.take() {
            extraction = nil
            return [result]
        }
        guard let written = job.written(), written != reported else { return [] }
        extraction = (job, written)
        return [.extracting(written: written)]
    }

    private func pollLoading() -> [TeamOutcome] {
        guard let loading else { return [] }
        let (done, result) = loading.take()
        var outcomes = done.map { [TeamOutcome.progress(done: $0)] } ?? []
        if let result {
            outcomes.append(result)
            self.loading = nil
        }
        return outcomes
    }

    /// Decrypts on a background queue; the keys are let go of once it is started (the decryptor holds them).
    private func startLoading() {
        let mailbox = TeamLoadMailbox()
        loading = mailbox
        var settings = settings
        settings.keys = keys
        let decryptor = settings, opened = keys
        publicKeys = keys.map(\.publicKey)
        keys = []
        let bundles = bundles, withdrawn = withdrawn, salvage = salvage, caseInbox = caseInbox, colleagues = colleagues
        DispatchQueue.global(qos: .userInitiated).async {
            var records: [DecryptedRecord] = []
            do {
                let report = try decryptor.run(bundles, salvage: salvage, withdrawn: withdrawn,
                                               progress: { mailbox.progress($0) }) { records.append($0) }
                var load = TeamLoad(records: records, report: report)
                if let caseInbox {
                    // No inbox file yet: no case work yet (the first change creates it).
                    let exists = FileManager.default.fileExists(atPath: caseInbox + "/inbox.sqlite")
                    if exists, !colleagues.isEmpty { load.sharing = Self.share(caseInbox, opened: opened, colleagues: colleagues) }
                    let found = exists ? try TeamInbox(directory: caseInbox, readOnly: true).caseEvents(openingWith: opened) : nil
                    load.cases = found?.book ?? CaseBook()
                    if let found, found.unshared > 0 { load.unshared = (found.unshared, found.unsharedWith) }
                }
                mailbox.finish(.loaded(load))
            } catch {
                mailbox.finish(.loadFailed(ErrorText.message(for: error)))
            }
        }
    }
}

extension TeamServices {
    /// Seals the case work `opened` reads again to the `colleagues` named, and to them only.
    fileprivate static func share(_ folder: String, opened: [TeamKeyPair], colleagues: [TeamPublicKey]) -> Result<CaseReshare, CaseSharingFailure> {
        Result {
            try TeamInbox(directory: folder).reshareCaseEvents(openingWith: opened, to: colleagues)
        }.mapError { CaseSharingFailure(reason: ErrorText.message(for: $0)) }
    }
}

/// Where the background decryption leaves its progress and result for the UI thread.
private final class TeamLoadMailbox: @unchecked Sendable {
    private let lock = NSLock()
    private var done: Int?
    private var result: TeamOutcome?

    /// Records handled so far (called after each batch).
    func progress(_ count: Int) {
        lock.withLock { done = count }
    }

    /// The decryption ended.
    func finish(_ outcome: TeamOutcome) {
        lock.withLock { result = outcome }
    }

    /// The progress not yet taken, and the result once there is one.
    func take() -> (done: Int?, result: TeamOutcome?) {
        lock.withLock {
            defer { done = nil }
            return (done, result)
        }
    }
}
