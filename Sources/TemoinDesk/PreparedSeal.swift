import Foundation
import Synchronization
import TemoinCrypto
import TemoinFormat
import TemoinForms

/// A testimony checked for sealing whose evidence files are being encrypted into the vault on a thread of
/// their own (`DeskVault.prepareSeal`), to seal with `DeskVault.seal(_:)` once the vault is unlocked.
///
/// A file's key is random, so its encryption and both its hashes need no desk secret: `temoin record`
/// derives the desk key (Argon2id, about 0.4 s of a core) while its files are encrypted on the other core
/// (Docs/PERFORMANCE.md, "Evidence files"). Each stream is written into an unnamed file of `files/` that only
/// `seal(_:)` names, after the unlock's sweep of orphans; where the file system cannot make unnamed files,
/// its temporary name is kept from the sweep (`StreamsInFlight`). A wrong passphrase or any failure ends
/// in `discard()`, which stops the encryption, waits for it and leaves nothing; a killed process leaves
/// nothing either (an unnamed file vanishes with it; a temporary name is swept at the next unlock).
///
/// Only the thread that prepared it calls its methods; the encrypting thread touches the sources, `random`
/// and `outcome` (under its condition), hence `@unchecked Sendable`.
public final class PreparedSeal: @unchecked Sendable {
    let vault: DeskVault
    /// The answers to seal (pruned; a `files` field holds placeholders until its files are named).
    let answers: Answers
    /// The fields dropped from the answers (hidden by an answer, or a picked file's question not asked).
    let dropped: [String]
    let form: Questionnaire
    /// The witness's files, open and checked: closed by `discard()`.
    let sources: [EvidenceFiles.Source]
    /// Files picked for a draft and sealed with it, or dropped with their question.
    let keptPicked: [DraftFile], droppedPicked: [DraftFile]

    /// Each file's stream, written and synced, not yet named.
    typealias Encrypted = [(sealed: SealedEvidence, pending: EvidenceFiles.Pending)]

    /// What the encryption gave: nil while it runs. Apart from `self`, so that the encrypting thread lets go
    /// of `self` (and of the vault, whose lock a test may take again at once) before it says it is done.
    private final class Outcome: @unchecked Sendable {
        let condition = NSCondition()
        var result: Result<Encrypted, any Error>?   // guarded by `condition`
    }
    private let outcome = Outcome()
    /// Set by `discard()`: the encryption stops at its next read.
    private let stopping = Atomic<Bool>(false)
    private var discarded = false

    init(vault: DeskVault, answers: Answers, dropped: [String], form: Questionnaire, sources: [EvidenceFiles.Source],
         keptPicked: [DraftFile], droppedPicked: [DraftFile], random: RandomSource) {
        (self.vault, self.answers, self.dropped, self.form, self.sources) = (vault, answers, dropped, form, sources)
        (self.keptPicked, self.droppedPicked) = (keptPicked, droppedPicked)
        guard !sources.isEmpty else { outcome.result = .success([]); return }
        let outcome = outcome
        let thread = Thread { [weak self] in
            var result: Result<Encrypted, any Error> = .failure(CancellationError())
            if let self { result = Result { try self.encrypt(random: random) } }
            outcome.condition.lock()
            outcome.result = result
            outcome.condition.broadcast()
            outcome.condition.unlock()
        }
        thread.name = "temoin.seal-files"
        thread.start()
    }

    /// Encrypts every source in turn (on the encrypting thread); a failure drops the streams already written.
    private func encrypt(random: RandomSource) throws -> Encrypted {
        var done: Encrypted = []
        do {
            for (index, source) in sources.enumerated() {
                done.append(try EvidenceFiles.encrypt(source, vault: vault, pending: "pending-\(index).tmnf", random: random) { _ in
                    if stopping.load(ordering: .relaxed) { throw CancellationError() }
                })
            }
            return done
        } catch {
            Self.drop(done, vault: vault)
            throw error
        }
    }

    /// Waits for the files' encryption and returns their streams, or throws why it failed.
    func encrypted() throws -> Encrypted {
        outcome.condition.lock()
        defer { outcome.condition.unlock() }
        while true {
            if let result = outcome.result { return try result.get() }
            outcome.condition.wait()
        }
    }

    /// Stops the encryption if it still runs and waits for it, removes every stream not named in `files/`, and
    /// closes the witness's files. Called by `seal(_:)`; call it when the testimony will not be sealed.
    public func discard() {
        guard !discarded else { return }
        discarded = true
        stopping.store(true, ordering: .relaxed)
        let streams = (try? encrypted()) ?? []
        outcome.condition.lock()
        outcome.result = .failure(CancellationError())
        outcome.condition.unlock()
        Self.drop(streams, vault: vault)
        sources.forEach { $0.close() }
    }

    /// Stops keeping the names of `streams` from the sweep: once given up, a stream may be swept. Releasing
    /// its `PendingFile` removes it (an unnamed file vanishes; a temporary name is unlinked) unless it was named.
    private static func drop(_ streams: Encrypted, vault: DeskVault) {
        streams.forEach { vault.streamsInFlight.remove($0.pending.name) }
    }
}
