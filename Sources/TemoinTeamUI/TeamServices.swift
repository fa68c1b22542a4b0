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

    /// Prepares a session over `bundles`, with `openKeys` already opened and `keyFiles` to open with a typed passphrase.
    ///
    /// Records in `withdrawn` are left out; with `salvage`, intact records of damaged bundles are read, marked unverified.
    /// `settings` gives the desks' standing and the other options of the decryption (its keys are not used).
    public init(keyFiles: [SecretKeyFile], openKeys: [TeamKeyPair] = [], bundles: TeamBundles, withdrawn: Set<[UInt8]> = [],
                salvage: Bool = false, settings: TeamDecryptor = TeamDecryptor(keys: [])) {
        self.settings = settings
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

    /// Whether a decryption is running in the background.
    var isLoading: Bool { loading != nil }

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
        case .exit:
            keys = []
        }
    }

    /// What the background decryption reported since the last call: the progress, then the result.
    func poll() -> [TeamOutcome] {
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
        let decryptor = settings
        keys = []
        let bundles = bundles, withdrawn = withdrawn, salvage = salvage
        DispatchQueue.global(qos: .userInitiated).async {
            var records: [DecryptedRecord] = []
            do {
                let report = try decryptor.run(bundles, salvage: salvage, withdrawn: withdrawn,
                                               progress: { mailbox.progress($0) }) { records.append($0) }
                mailbox.finish(.loaded(TeamLoad(records: records, report: report)))
            } catch {
                mailbox.finish(.loadFailed(ErrorText.message(for: error)))
            }
        }
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
