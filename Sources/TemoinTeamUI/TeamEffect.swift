import TemoinCrypto
import TemoinFormat
import TemoinForms
import TemoinTeam

/// What the analysis model asks the outside world to do; `TeamServices` does it.
enum TeamEffect: Sendable {
    /// Open the team key file at this index (of `TeamServices.lockedKeys`) with the passphrase.
    case openKey(index: Int, passphrase: SecretBytes)
    /// Verify and decrypt the bundles with the keys opened, off the UI thread.
    case load
    /// Seal a change to the case of the testimony `receipt` (record id `record`) to the team's keys and keep it in the inbox.
    case recordCase(kind: CaseEvent.Kind, value: String, receipt: String, record: String)
    /// Write `records` to the new file `path` as `format`, labels in `language`.
    case export(records: [DecryptedRecord], path: String, format: RecordExport.Format, form: Questionnaire, language: Language)
    /// Write the evidence `file` of testimony `record` (its id) read from the bundle named `bundle` into `folder`, checked,
    /// off the UI thread (`.extracting` reports the progress, then `.extracted` or `.extractFailed`).
    case extract(file: EvidenceFile, record: String, bundle: String, folder: String)
    /// End the program.
    case exit
}

/// What happened when an effect was carried out, fed back to the model.
enum TeamOutcome: Sendable {
    /// The key file opened.
    case keyOpened(index: Int)
    /// The passphrase does not open the key.
    case wrongPassphrase
    /// The key file cannot be used: what to tell the team.
    case keyFailed(Localized)
    /// Records handled so far.
    case progress(done: Int)
    /// Everything was read.
    case loaded(TeamLoad)
    /// Loading stopped: what to tell the team.
    case loadFailed(Localized)
    /// The case change was sealed and kept.
    case caseRecorded(CaseEvent)
    /// The case change was refused or could not be kept: why.
    case caseRefused(Localized)
    /// The file was written with this many testimonies.
    case exported(count: Int, path: String)
    /// The file could not be written: why (nothing was left half-written).
    case exportFailed(Localized)
    /// The evidence file being extracted: bytes written so far.
    case extracting(written: Int)
    /// The evidence file was written at `path`, its SHA-256 the intake's.
    case extracted(path: String)
    /// The evidence file was not written: why (nothing was left half-written).
    case extractFailed(Localized)
}

/// The testimonies decrypted and what the decryption could not read.
struct TeamLoad: Sendable {
    /// The testimonies, withdrawn ones already left out.
    var records: [DecryptedRecord]
    /// Counts per status, refused bundles and records not opened.
    var report: DecryptReport
    /// The team's case work that the keys opened; nil when the testimonies do not come from the inbox.
    var cases: CaseBook? = nil
    /// The case work sealed again to the colleagues' keys named (`--team-pub`, `TeamInbox.reshareCaseEvents`), or why it could not be.
    var sharing: Result<CaseReshare, CaseSharingFailure>? = nil
    /// The case items the keys opened that are not sealed to some key the inbox lists, and those keys (named, not shared with).
    var unshared: (count: Int, keys: [TeamPublicKey])? = nil
}

/// Case work that could not be sealed again to the colleagues' keys named: why.
struct CaseSharingFailure: Error, Sendable {
    /// Why (a read-only inbox, a full disk).
    var reason: Localized
}
