import Foundation
import TemoinCrypto
import TemoinFormat
import TemoinForms
import TemoinStorage

/// What happened to one record found in a bundle.
public enum RecordStatus: String, Sendable, Codable, CaseIterable {
    /// Decrypted from a verified bundle.
    case ok
    /// Decrypted, but recovered from a damaged bundle with `--salvage`: its origin is not proven.
    case unverified
    /// Decrypted from a verified bundle, but its record id also comes with another content, or from another
    /// desk: every distinct copy is output under this status, none as `ok` (a forgery, or a desk gone wrong).
    case conflict
    /// Decrypted from a verified bundle, but the payload says another desk sealed it than the one that signed
    /// the bundle: records moved from one desk's bundle into another's.
    case deskMismatch = "desk_mismatch"
    /// Sealed to a team key we do not hold (another team, or a rotated key not given).
    case otherKey = "other_key"
    /// Its envelope or payload is damaged.
    case corrupt
    /// Already seen in an earlier bundle or earlier in this run.
    case duplicate
    /// The witness withdrew it: left out.
    case withdrawn
    /// Its desk is not approved and only approved desks were asked for (`--approved-only`): left out.
    case notApproved = "not_approved"

    /// Whether a record with this status is output (and counted in figures), flagged unless `ok`.
    public var isOutput: Bool { self == .ok || self == .unverified || self == .conflict || self == .deskMismatch }

    /// The status as a person reads it in `language` (outputs keep the raw value).
    public func name(in language: Language) -> String {
        switch self {
        case .ok: "ok"
        case .unverified: language.pick(fr: "non vérifié", en: "unverified")
        case .conflict: language.pick(fr: "conflit", en: "conflict")
        case .deskMismatch: language.pick(fr: "poste différent", en: "desk_mismatch")
        case .otherKey: language.pick(fr: "autre clé", en: "other_key")
        case .corrupt: language.pick(fr: "abîmé", en: "corrupt")
        case .duplicate: language.pick(fr: "doublon", en: "duplicate")
        case .withdrawn: language.pick(fr: "retiré", en: "withdrawn")
        case .notApproved: language.pick(fr: "poste non approuvé", en: "not_approved")
        }
    }
}

/// The signing desk's standing with the team, carried by every testimony (`desk_trust`).
public enum SignerTrust: String, Sendable, CaseIterable {
    /// Approved after a phone check of its fingerprint.
    case approved
    /// Known to the inbox (trust on first use), not approved yet.
    case new
    /// Revoked by the team.
    case revoked
    /// Not in the team inbox (a bundle named on the command line, no inbox), or not proven (`unverified`).
    case unknown

    /// The standing of a desk the inbox knows as `trust`; `unknown` when it does not know it.
    public init(_ trust: DeskTrust?) {
        switch trust {
        case .approved: self = .approved
        case .new: self = .new
        case .revoked: self = .revoked
        case nil: self = .unknown
        }
    }
}

/// A decrypted testimony, ready for JSON Lines or CSV.
public struct DecryptedRecord: Sendable {
    /// `ok` or `unverified`.
    public var status: RecordStatus
    /// The bundle it came from.
    public var bundle: String
    /// The name of the desk that exported it.
    public var deskName: String
    /// The desk fingerprint from the bundle header.
    public var deskFingerprint: String
    /// The signing desk's standing with the team.
    public var deskTrust: SignerTrust = .unknown
    /// The bundle id from the bundle header (lower-case hex), named on exhibits; empty when salvaged (no header proven).
    public var bundleID = ""
    /// The sealed payload: record id, receipt, form, answers.
    public var payload: RecordPayload
}

extension DecryptedRecord {
    /// The desk's name cut at 40 characters (ending with "…"), for where the fingerprint follows it: any desk takes
    /// any name, and a long one pushed the fingerprint and the desk's standing out of sight.
    public var shortDeskName: String { Self.shortDeskName(deskName) }

    /// A desk's `name` cut at 40 characters, as `shortDeskName`.
    public static func shortDeskName(_ name: String) -> String {
        name.count > 40 ? name.prefix(39) + "…" : name
    }
}

/// A testimony just opened, handed to `prepare` on the core that opened it (see
/// `TeamDecryptor.run(…prepare:emit:)`): its payload's bytes, and where it comes from.
public struct OpenedRecord {
    /// `ok`, `conflict` or `unverified` (`decoded()` and the JSON line turn `ok` or `conflict` into
    /// `desk_mismatch` when the payload names another desk).
    public internal(set) var status: RecordStatus
    /// The bundle it came from.
    public let bundle: String
    /// The name of the desk that exported it.
    public let deskName: String
    /// The desk fingerprint from the bundle header; nil when salvaged (the payload's own `desk` counts).
    public let headerDeskFingerprint: String?
    /// The signing desk's standing with the team.
    public let deskTrust: SignerTrust
    /// The bundle id from the bundle header (lower-case hex); empty when salvaged.
    public let bundleID: String
    /// The envelope's record id, lower-case hexadecimal.
    public var recordID: String { Hex.encode(recordIDBytes) }
    /// The envelope's record id (16 bytes): spelled out only when asked, not for every record opened.
    var recordIDBytes: [UInt8]
    /// The payload, UTF-8 JSON; valid only during the call it is given to, then wiped. Empty for a testimony
    /// read back from the inbox cache's compact form: `decoded()` gives it.
    public internal(set) var payload: UnsafeRawBufferPointer

    /// Describes a testimony whose payload is `payload`.
    public init(status: RecordStatus, bundle: String, deskName: String, headerDeskFingerprint: String?, deskTrust: SignerTrust = .unknown,
                bundleID: String = "", recordID: [UInt8], payload: UnsafeRawBufferPointer) {
        (self.status, self.bundle, self.deskName, self.deskTrust, self.bundleID) = (status, bundle, deskName, deskTrust, bundleID)
        (self.headerDeskFingerprint, recordIDBytes, self.payload) = (headerDeskFingerprint, recordID, payload)
        sourceJSON = headerDeskFingerprint.map { JSONLineWriter.source(bundle: bundle, desk: $0, deskName: deskName, trust: deskTrust) }
    }

    /// Where it comes from as its JSON line says it (`JSONLineWriter.source`), written once here — an opener
    /// describes the records of a chunk with one value — rather than for every line; nil when salvaged (the
    /// desk is then the payload's own).
    let sourceJSON: [UInt8]?

    /// The payload's canonical layout, found once by `settle()` for the JSON line to reuse.
    var canonical: CanonicalPayload?

    /// The payload already decoded: read back from the inbox cache's compact form (`payload` is then empty),
    /// or decoded once for the cache being written (`decoded()` then does not decode it again).
    var compact: RecordPayload?

    /// Works out the status to output (`desk_mismatch` when the payload names another desk than the signer)
    /// and keeps the payload's canonical layout for the line writer.
    mutating func settle() -> RecordStatus {
        canonical = CanonicalPayload(payload)
        guard headerDeskFingerprint != nil else { return status }
        if let canonical { return status(sealedBy: UnsafeRawBufferPointer(rebasing: payload[canonical.desk.dropFirst().dropLast()])) }
        guard let decoded = try? compact ?? RecordPayload.decode(json: payload) else { return status }
        return status(sealedBy: decoded.desk.utf8)
    }

    /// The status to output for a payload that names `payloadDesk` as the desk that sealed it.
    func status(sealedBy payloadDesk: some Collection<UInt8>) -> RecordStatus {
        guard let signer = headerDeskFingerprint, !signer.utf8.elementsEqual(payloadDesk) else { return status }
        return .deskMismatch
    }

    /// The same for the payload's own bytes: compared at once (`memcmp`), not byte by byte through
    /// `String.UTF8View` — done for every record opened, twice.
    func status(sealedBy payloadDesk: UnsafeRawBufferPointer) -> RecordStatus {
        guard let signer = headerDeskFingerprint else { return status }
        let same = signer.utf8.withContiguousBytes { signer in
            guard signer.count == payloadDesk.count else { return false }
            guard let a = signer.baseAddress, let b = payloadDesk.baseAddress else { return true }   // both empty
            return memcmp(a, b, signer.count) == 0
        }
        return same ? status : .deskMismatch
    }

    /// The testimony decoded and checked (a version 1 `temoin-record` of this envelope's id).
    ///
    /// Throws `DamagedPayload` when it is not.
    public func decoded() throws -> DecryptedRecord {
        let decoded: RecordPayload
        do { decoded = try compact ?? RecordPayload.decode(json: payload) } catch { throw DamagedPayload(detail: "\(error)") }
        guard decoded.format == "temoin-record", decoded.version == 1 else {
            throw DamagedPayload(detail: "the payload is not a version 1 temoin-record")
        }
        guard decoded.record == recordID else { throw DamagedPayload(detail: "the sealed record id differs from the envelope's") }
        guard SealingTime.isValid(decoded.sealedAt.utf8) else { throw DamagedPayload(detail: "\"sealed_at\" is not a time like 2026-03-14T14:53:20Z") }
        return DecryptedRecord(status: status(sealedBy: decoded.desk.utf8), bundle: bundle, deskName: deskName,
                               deskFingerprint: headerDeskFingerprint ?? decoded.desk, deskTrust: deskTrust, bundleID: bundleID, payload: decoded)
    }
}

/// The form of `sealed_at` (Docs/FORMAT.md): `YYYY-MM-DDTHH:MM:SSZ`, UTC, digits where digits go.
enum SealingTime {
    /// Whether `text` has that form (month 01–12, day 01–31, hour 00–23, minute and second 00–59).
    static func isValid(_ text: some Collection<UInt8>) -> Bool {
        text.withContiguousStorageIfAvailable { isValid(UnsafeRawBufferPointer($0)) } ?? Array(text).withUnsafeBytes { isValid($0) }
    }

    /// The same on bytes in memory: checked in place, for every record opened, without copying them.
    static func isValid(_ bytes: UnsafeRawBufferPointer) -> Bool {
        guard bytes.count == 20, bytes[4] == 0x2D, bytes[7] == 0x2D, bytes[10] == 0x54, bytes[13] == 0x3A, bytes[16] == 0x3A, bytes[19] == 0x5A
        else { return false }
        func number(_ at: Int, _ count: Int) -> Int? {
            var value = 0
            for index in at..<at + count {
                let digit = bytes[index] &- 0x30
                guard digit < 10 else { return nil }
                value = value * 10 + Int(digit)
            }
            return value
        }
        guard number(0, 4) != nil, let month = number(5, 2), let day = number(8, 2), let hour = number(11, 2),
              let minute = number(14, 2), let second = number(17, 2) else { return false }
        return (1...12).contains(month) && (1...31).contains(day) && hour < 24 && minute < 60 && second < 60
    }
}

/// A payload that opened but is not a valid testimony: the record is reported `corrupt`.
public struct DamagedPayload: Error, CustomStringConvertible {
    /// What is wrong with it.
    public let detail: String

    public var description: String { detail }
}

/// A record that could not be output, with the reason.
public struct RecordProblem: Sendable, CustomStringConvertible {
    /// The bundle.
    public var bundle: String
    /// The record id (hexadecimal).
    public var recordID: String
    /// Why.
    public var cause: Cause

    /// Why a record was not output.
    public enum Cause: Sendable, Equatable, CustomStringConvertible {
        /// The witness withdrew it.
        case withdrawn
        /// Already output from an earlier bundle, with the same content from the same desk.
        case duplicate
        /// Output, but flagged: the status says why (`conflict`, `desk_mismatch`, `unverified`); reported so that
        /// a person looks at it.
        case flagged(RecordStatus)
        /// Its desk is not approved (`--approved-only`).
        case notApproved
        /// Sealed to a team key not given.
        case otherKey
        /// Not the record the desk's signed list has at `position` (from 1); `found` is the id in its
        /// place when it is another one.
        case notAsSigned(position: Int, found: String?)
        /// Not read: its bundle broke off before it.
        case notRead
        /// It does not open, or opens to something that is not a testimony: `detail` says how.
        case damaged(String)

        public var description: String { message(in: .en) }

        /// Why, in `language` (a damaged record's detail stays in English: it names bytes and fields).
        public func message(in language: Language) -> String {
            let l = language
            return switch self {
            case .withdrawn: l.pick(fr: "retiré par le témoin ; laissé de côté", en: "withdrawn by the witness; left out")
            case .duplicate: l.pick(fr: "déjà déchiffré depuis un lot précédent (même poste, même contenu) ; ignoré",
                                    en: "already decrypted from an earlier bundle (same desk, same content); skipped")
            case .flagged(.conflict):
                l.pick(fr: "CONFLIT : une autre copie de ce témoignage a un autre contenu ou vient d'un autre poste ; chaque copie est donnée avec le statut conflict, aucune comme ok — révoquez le poste qui l'a forgée",
                       en: "CONFLICT: another copy of this record id has another content or comes from another desk; every copy is output with status conflict, none as ok — revoke the desk that forged it")
            case .flagged(.deskMismatch):
                l.pick(fr: "POSTE DIFFÉRENT : le poste qui a signé le lot n'a pas scellé ce témoignage (il nomme un autre poste) ; donné avec le statut desk_mismatch",
                       en: "DESK MISMATCH: the desk that signed the bundle did not seal this record (the payload names another desk); output with status desk_mismatch")
            case let .flagged(status): l.pick(fr: "donné avec le statut \(status.rawValue)", en: "output with status \(status.rawValue)")
            case .notApproved: l.pick(fr: "son poste n'est pas approuvé ; laissé de côté (--approved-only)", en: "its desk is not approved; left out (--approved-only)")
            case .otherKey: l.pick(fr: "scellé pour une autre clé d'équipe (donnez-la avec une autre option --key)",
                                   en: "sealed to another team key; give that key with another --key")
            case let .notAsSigned(position, nil):
                l.pick(fr: "abîmé ou modifié : ce n'est pas le témoignage n° \(position) signé par le poste",
                       en: "altered or damaged: it is not the record \(position) the desk signed")
            case let .notAsSigned(position, found?):
                l.pick(fr: "le témoignage n° \(position) de la liste du poste manque : \(found) est à sa place",
                       en: "record \(position) of the desk's list is missing: record \(found) is in its place")
            case .notRead: l.pick(fr: "non lu : le lot est abîmé avant lui", en: "not read: the bundle is damaged before it")
            case let .damaged(detail): l.pick(fr: "abîmé — \(detail)", en: detail)
            }
        }
    }

    /// The status it is counted under.
    public var status: RecordStatus {
        switch cause {
        case .withdrawn: .withdrawn
        case .duplicate: .duplicate
        case .flagged(let status): status
        case .notApproved: .notApproved
        case .otherKey: .otherKey
        case .notAsSigned, .notRead, .damaged: .corrupt
        }
    }

    public var description: String { message(in: .en) }

    /// The bundle, the record, its status and why, in `language`.
    public func message(in language: Language) -> String {
        language.pick(fr: "\(bundle) : témoignage \(recordID) : \(status.name(in: .fr)) : \(cause.message(in: .fr))",
                      en: "\(bundle): record \(recordID): \(status.rawValue): \(cause)")
    }
}

/// A bundle whose records broke off after its signed record list held (those read before were output), or,
/// with `--salvage`, whose header or list could not be read (nothing of it is proven).
public struct DamagedBundle: Sendable, CustomStringConvertible {
    /// The bundle file.
    public var path: String
    /// What broke.
    public var problem: BundleProblem
    /// Records read and output before it broke, out of those its list names.
    public var recordsRead: Int, recordCount: Int
    /// Whether the records after were salvaged (marked unverified).
    public var salvaged: Bool
    /// Whether the header or the signed list was lost: `recordCount` is then the number of records salvaged.
    public var listLost = false

    public var description: String { message(in: .en) }

    /// What broke and what became of the records, in `language`.
    public func message(in language: Language) -> String {
        let l = language
        let (read, count) = (recordsRead, recordCount)
        if listLost {
            return problem.finding(in: l) + (count == 0
                ? l.pick(fr: " Rien n'a pu en être récupéré.", en: " Nothing could be recovered from it.")
                : l.pick(fr: " Rien n'en est prouvé : \(count) témoignage(s) récupéré(s), non vérifiés.",
                         en: " Nothing of it is proven: \(count) record(s) salvaged, unverified."))
        }
        let rest = read == count ? l.pick(fr: "ses \(count) témoignages ont tous été lus", en: "its \(count) records were all read")
            : salvaged ? l.pick(fr: "les témoignages \(read + 1) à \(count) ont été récupérés, non vérifiés",
                                en: "records \(read + 1) to \(count) were salvaged, unverified")
            : l.pick(fr: "les témoignages \(read + 1) à \(count) n'ont pas été lus : --salvage peut les récupérer",
                     en: "records \(read + 1) to \(count) were not read: `--salvage` may recover them")
        return problem.finding(in: l) + l.pick(fr: " Les témoignages d'avant sont prouvés et lus ; \(rest).",
                                               en: " The records before were proven and output; \(rest).")
    }
}

/// The outcome of a decryption run.
public struct DecryptReport: Sendable {
    /// Count per status.
    public var counts: [RecordStatus: Int] = [:]
    /// Records not output.
    public var problems: [RecordProblem] = []
    /// Bundles refused whole, with the reason.
    public var refusedBundles: [(path: String, error: any Error)] = []
    /// Bundles whose signed record list held but whose records broke off.
    public var damagedBundles: [DamagedBundle] = []
    /// Records output, per standing of their desk.
    public var trustCounts: [SignerTrust: Int] = [:]
    /// Records also sealed to key ids the team did not name (hexadecimal key id → records): a recipient
    /// added at the desk behind its volunteers' back, or a team member's key not given with `--team-pub`.
    public var unknownRecipients: [String: Int] = [:]
    /// How many bundles, the first ones, were read back from the inbox's cache (`InboxCache`) rather than opened.
    public var bundlesFromCache = 0

    /// True when every bundle was accepted and every record decrypted as `ok` (withdrawn records, records
    /// left out with `--approved-only` and duplicates across overlapping bundles are expected, not faults).
    public var isClean: Bool {
        refusedBundles.isEmpty && damagedBundles.isEmpty
            && problems.allSatisfy { [.withdrawn, .duplicate, .notApproved].contains($0.status) }
            && counts.allSatisfy { $0.key == .ok || !$0.key.isOutput || $0.value == 0 }
    }
}

/// The bundles a decryption reads: files named by a person, each verified as it is read, or the team
/// inbox's copies, verified whole when imported.
public enum TeamBundles: Sendable {
    /// Bundle files, in the order given: every record is proven by its hash.
    case files([String])
    /// The inbox's copies, in import order: records are checked by id against the signed list, not hashed again.
    case inbox(InboxCopies)

    /// The bundle files, in reading order.
    public var paths: [String] {
        switch self {
        case .files(let paths): paths
        case .inbox(let copies): copies.bundles.map(\.path)
        }
    }

    var checksRecordHashes: Bool {
        if case .inbox = self { false } else { true }
    }

    /// The first bundle's header and signed list, read and checked on another core from now on, while the
    /// command does the rest of its start-up (the team key's Argon2id, the questionnaire, the output): handed
    /// to `TeamDecryptor.firstOpening`. Nil when there is no bundle.
    public func openingFirst() -> BundleOpening? {
        paths.first.map { BundleOpening(path: $0, keepsHashes: checksRecordHashes) }
    }
}

/// A bundle file opened (`BundleRecordReader`: its header, signed list and signature read and checked) on
/// another core, ahead of the run that reads it: on a single-bundle run, the cores otherwise wait for this
/// check before the first record is opened (about 15 ms per 100,000 records).
///
/// Only what the reader would give (the reader, or the very error it threw) is handed on, once, when the run
/// gets to that bundle: nothing of the bundle is trusted, opened or output earlier than without it.
public final class BundleOpening: @unchecked Sendable {
    /// The bundle file.
    public let path: String
    /// Whether the reader keeps the records' hashes (bundle files) or only their ids (inbox copies).
    let keepsHashes: Bool
    private let done = DispatchGroup()
    private let lock = NSLock()
    /// Written once on the opening thread before `done` is left; read after `done.wait()`.
    private var result: Result<BundleRecordReader, Error>?
    private var taken = false

    /// Starts opening `path` on another thread.
    init(path: String, keepsHashes: Bool) {
        (self.path, self.keepsHashes) = (path, keepsHashes)
        done.enter()
        DispatchQueue.global().async { [self] in
            result = Result { try BundleRecordReader(path: path, keepsHashes: keepsHashes) }
            done.leave()
        }
    }

    /// The reader, or the error opening threw, once the opening is done; nil when already taken (a reader
    /// is read once) or not made for `path` the same way.
    func take(path: String, keepsHashes: Bool) -> Result<BundleRecordReader, Error>? {
        guard path == self.path, keepsHashes == self.keepsHashes else { return nil }
        done.wait()
        return lock.withLock {
            guard !taken else { return nil }
            taken = true
            return result
        }
    }
}

/// Decrypts bundles with the team's key pairs: checks each bundle's signed manifest, then reads its
/// records once, proving and opening them in parallel batches; never stops on one bad record.
///
/// Records are deduplicated by content, never across desks (Docs/FORMAT.md, "Team output"): a record id
/// signed by one desk with one envelope hash is output once (`ok`), further copies counted `duplicate`; an
/// id that comes with two contents or from two desks is a `conflict`, and each distinct copy is output
/// under that status. A batch is proven and opened on every core while the next one is read.
public struct TeamDecryptor: Sendable {
    /// The team key pairs to try (current and rotated ones).
    public var keys: [TeamKeyPair]
    /// Records per parallel batch.
    public var batchSize = 1024
    /// The standing of the desks the team inbox knows, by Ed25519 public key; others are `unknown`.
    public var deskTrust: [[UInt8]: DeskTrust] = [:]
    /// Only records of approved desks are opened and output; the others are counted `not_approved`.
    public var approvedOnly = false
    /// Key ids of other team members' public keys: records sealed to them are not reported as sealed
    /// to an unknown key id (the ids of `keys` are known too).
    public var otherTeamKeyIDs: Set<[UInt8]> = []
    /// Whether a run over the team inbox reads and writes its decryption cache (`InboxCache`); off, every
    /// record is opened (what `team decrypt --no-cache` and the benchmark of decryption measure).
    public var usesCache = true
    /// The first bundle, already being opened on another core (`TeamBundles.openingFirst()`); the run reads it
    /// from there rather than opening it again.
    public var firstOpening: BundleOpening?

    /// Creates a decryptor for `keys`.
    public init(keys: [TeamKeyPair]) {
        self.keys = keys
    }

    /// Decrypts the bundle files `bundles` in order, calling `emit` for every testimony (in bundle order).
    ///
    /// Records whose id is in `withdrawn` are counted but not decrypted; `progress` is called with the
    /// number of records handled so far after each batch.
    public func run(bundles: [String], salvage: Bool = false, withdrawn: Set<[UInt8]> = [],
                    progress: ((Int) -> Void)? = nil, emit: (DecryptedRecord) throws -> Void) throws -> DecryptReport {
        try run(.files(bundles), salvage: salvage, withdrawn: withdrawn, progress: progress, prepare: { try $0.decoded() }, emit: emit)
    }

    /// The same for `bundles`, files or the inbox's copies.
    public func run(_ bundles: TeamBundles, salvage: Bool = false, withdrawn: Set<[UInt8]> = [],
                    progress: ((Int) -> Void)? = nil, emit: (DecryptedRecord) throws -> Void) throws -> DecryptReport {
        try run(bundles, salvage: salvage, withdrawn: withdrawn, progress: progress, prepare: { try $0.decoded() }, emit: emit)
    }

    /// Like `run(_:salvage:withdrawn:progress:emit:)`, with `prepare` applied to every testimony on
    /// the core that opened it (e.g. `RecordEncoder.encode`) and `emit` given the results in bundle order.
    ///
    /// A `DamagedPayload` thrown by `prepare` reports the record `corrupt`; any other error thrown by
    /// `prepare` or `emit` ends the run.
    ///
    /// Compiled for JSON Lines and CSV lines (`[UInt8]`, and `[UInt8]?` for `team decrypt`, whose filter may
    /// leave a testimony out) too, with the compiler's underscored but long-standing `@_specialize`: generic
    /// code looks up type metadata and copies through witness tables for every record (`team decrypt` lost
    /// about 1 µs per record that way when its lines became optional).
    @_specialize(exported: true, where Prepared == [UInt8])
    @_specialize(exported: true, where Prepared == [UInt8]?)
    public func run<Prepared>(_ source: TeamBundles, salvage: Bool = false, withdrawn: Set<[UInt8]> = [],
                              progress: ((Int) -> Void)? = nil,
                              prepare: @escaping @Sendable (OpenedRecord) throws -> Prepared,
                              emit: (Prepared) throws -> Void) throws -> DecryptReport {
        var report = DecryptReport()
        let bundles = source.paths, checksRecordHashes = source.checksRecordHashes
        // The inbox's cache, when it holds this very run, is read instead of opening the records; else
        // the run writes it anew (see `InboxCache`).
        let cache = salvage || !usesCache ? nil : InboxCache(source, keys: keys, withdrawn: withdrawn)
        var replay = cache?.replay()
        let whole = replay.map { $0.bundles == bundles.count } ?? false
        let contents = ContentIndex(whole ? [] : bundles)
        // A cache of the bundles imported before the last imports is read back, and the others opened, only when
        // no record id is in conflict: a conflict with a new bundle would change what it says of its records.
        if !whole, !contents.conflictIDs.isEmpty { replay = nil }
        let writer = whole ? nil : cache?.writer()
        var seen = RecordIDSet(), seenUnverified = RecordIDSet(), conflictCopiesOutput = Set<ConflictCopy>()
        let spaces = OpeningSpaces(), openingKeys = OpeningKeys(keys)
        let knownKeyIDs = Set(otherTeamKeyIDs.union(keys.map(\.publicKey.keyID)).map(Self.word))
        var handled = 0
        var name = "", remember = false
        var running: OpeningBatch<Prepared>?
        var batch: [RecordEnvelope] = [], cached: [CachedRecord] = []
        var read = 0
        /// Reports `batch` once it is opened.
        func collect(_ batch: OpeningBatch<Prepared>?) throws {
            guard let done = batch?.wait() else { return }
            defer { done.release() }
            func note(_ cause: RecordProblem.Cause, id: String) {
                let problem = RecordProblem(bundle: name, recordID: id, cause: cause)
                report.counts[problem.status, default: 0] += 1
                report.problems.append(problem)
            }
            let verified = done.opener.status == .ok, records = done.records
            // Counted per batch, not in the report's dictionaries for every record: `ok` testimonies, and all
            // those output (one desk, one standing per batch).
            var ok = 0, output = 0
            for index in 0..<records.count {
                let recordID = records.recordID(at: index)
                var id: String { Hex.encode(recordID) }
                if let writer, writer.isWriting {
                    if let raw = done.raw(at: index) {
                        writer.add(recordID: recordID, outcome: raw, recipients: records.recipients(at: index),
                                   conflictHash: records.conflictHash(at: index, conflicts: contents.conflictIDs))
                    } else {
                        writer.abandon()
                    }
                }
                switch done.outcome(at: index) {
                case .withdrawn:
                    note(.withdrawn, id: id)
                case .notApproved:
                    note(.notApproved, id: id)
                case let .opened(status, prepared):
                    if verified, let hash = records.conflictHash(at: index, conflicts: contents.conflictIDs) {
                        // Each distinct copy of a conflicting id is output once, under `conflict`.
                        let copy = ConflictCopy(recordID: recordID, desk: done.opener.deskFingerprint ?? "", hash: hash)
                        guard conflictCopiesOutput.insert(copy).inserted else { note(.duplicate, id: id); continue }
                        if remember { _ = seen.insert(recordID) }   // so that a salvaged copy after it is skipped
                    } else {
                        // An unverified record must not hide a verified copy in a later bundle: they are remembered apart.
                        guard !seen.contains(recordID), verified || !seenUnverified.contains(recordID) else {
                            note(.duplicate, id: id)
                            continue
                        }
                        if remember { _ = verified ? seen.insert(recordID) : seenUnverified.insert(recordID) }
                    }
                    if status == .ok {
                        ok += 1
                    } else {
                        report.counts[status, default: 0] += 1
                        report.problems.append(RecordProblem(bundle: name, recordID: id, cause: .flagged(status)))
                    }
                    output += 1
                    records.forEachRecipient(at: index) { keyID in
                        guard !knownKeyIDs.contains(keyID) else { return }
                        report.unknownRecipients[String(keyID, radix: 16).leftPadded(to: 16), default: 0] += 1
                    }
                    try emit(try prepared.get())
                case let .failed(failure):
                    note(failure.cause, id: failure.recordID ?? id)
                }
            }
            if ok > 0 { report.counts[.ok, default: 0] += ok }
            if output > 0 { report.trustCounts[done.opener.deskTrust, default: 0] += output }
            handled += records.count
            progress?(handled)
        }
        /// Starts opening the batch read so far with `opener`, then reports the previous one: the cores
        /// never wait for the report.
        func flush(_ opener: BatchOpener<Prepared>) throws {
            let previous = running
            let records: BatchRecords = cached.isEmpty ? .envelopes(batch) : .cached(cached)
            running = records.count == 0 ? nil
                : OpeningBatch(records, first: read - records.count, withdrawn: withdrawn, opener: opener, spaces: spaces,
                               keepsRaw: writer != nil && cached.isEmpty)
            batch.removeAll(keepingCapacity: true)
            cached.removeAll(keepingCapacity: true)
            try collect(previous)
        }
        /// Reports the batch started last.
        func finish() throws {
            let last = running
            running = nil
            try collect(last)
        }
        // Batches grow from `batchSize / 16` records at the start of a bundle to `batchSize`, and shrink again
        // towards its end when its list says how many records are left: the cores start opening after a few
        // records rather than a whole batch, and at the end are not left waiting while one whole batch is reported.
        let smallest = max(1, batchSize / 16)
        var ramp = smallest, target = smallest
        var expected: Int?   // the records of the bundle being read, as its checked list names them
        func startBundle(expecting count: Int?) {
            (ramp, expected) = (smallest, count)
            target = count.map { min(ramp, max(smallest, $0 / 2)) } ?? ramp
        }
        func add(_ envelope: RecordEnvelope, _ opener: BatchOpener<Prepared>) throws {
            batch.append(envelope)
            read += 1
            guard batch.count >= target else { return }
            try flush(opener)
            ramp = min(batchSize, ramp * 2)
            target = expected.map { min(ramp, max(smallest, ($0 - read) / 2)) } ?? ramp
        }
        if let replay {
            var opener: BatchOpener<Prepared>?
            defer { _ = running?.wait() }   // after an error from `emit`, the cores finish the batch they have
            try replay.forEach { item in
                switch item {
                case .bundle(let bundle):
                    if let opener { try flush(opener) }
                    try finish()
                    (name, remember, read) = (bundle.name, true, 0)
                    writer?.add(bundle: bundle)
                    let trust = SignerTrust(deskTrust[bundle.deskPublicKey])
                    opener = BatchOpener(replaying: bundle, trust: trust, leftOut: approvedOnly && trust != .approved, prepare: prepare)
                case .record(let record):
                    guard let opener else { throw CacheUnusable(reason: "a record before its bundle") }
                    cached.append(record)
                    read += 1
                    if cached.count >= batchSize { try flush(opener) }
                }
            }
            if let opener { try flush(opener) }
            try finish()
            report.bundlesFromCache = replay.bundles
            if whole { return report }
        }
        for (index, path) in bundles.enumerated() where index >= report.bundlesFromCache {
            name = (path as NSString).lastPathComponent
            // A bundle never repeats a record id (its manifest cannot, salvage drops repeats): only the ids of
            // bundles still to come need remembering, so decrypting one bundle keeps none.
            remember = index < bundles.count - 1
            read = 0
            var bundle: BundleRecordReader?
            var unreadable: BundleProblem?   // why a bundle to salvage has no list to check its records against
            do {
                let opened = index == 0 ? firstOpening?.take(path: path, keepsHashes: checksRecordHashes) : nil
                bundle = try opened?.get() ?? BundleRecordReader(path: path, keepsHashes: checksRecordHashes)
            } catch {
                writer?.abandon()
                guard salvage, case let VaultError.bundle(problem) = error else {
                    report.refusedBundles.append((path, error))
                    continue
                }
                unreadable = problem
            }
            let header = bundle?.manifest.header
            let trust = header.map { SignerTrust(deskTrust[$0.deskPublicKey]) } ?? .unknown
            let leftOut = approvedOnly && trust != .approved
            if leftOut { writer?.abandon() }   // its records are not opened: nothing to keep of them
            startBundle(expecting: bundle?.manifest.header.recordCount)
            let opener = BatchOpener(keys: openingKeys, manifest: bundle?.manifest, checksHashes: checksRecordHashes, status: bundle != nil ? .ok : .unverified, bundle: name,
                                     bundleID: header.map { Hex.encode($0.bundleID) } ?? "",
                                     deskName: header?.deskName ?? "", deskFingerprint: header?.deskFingerprint, deskTrust: trust,
                                     conflicts: contents.conflictIDs, leftOut: leftOut, prepare: prepare)
            if let header {
                writer?.add(bundle: CachedBundle(name: name, bundleID: opener.bundleID, deskName: header.deskName,
                                                 deskFingerprint: header.deskFingerprint, deskPublicKey: header.deskPublicKey))
            }
            do {
                if let bundle {
                    // Only the reader's own failure means the records broke off; an error from `emit` ends the run.
                    var brokeOff: BundleProblem?
                    while brokeOff == nil {
                        let envelope: RecordEnvelope?
                        do { envelope = try bundle.next() } catch let VaultError.bundle(problem) { brokeOff = problem; break }
                        guard let envelope else { break }
                        try add(envelope, opener)
                    }
                    try flush(opener)
                    if let brokeOff {
                        writer?.abandon()
                        try finish()
                        let unverified = opener.unverified
                        startBundle(expecting: nil)
                        // Added after `salvageRest` returns: reporting a batch changes `report`, which it holds.
                        for envelope in try salvageRest(of: bundle.manifest, path: path, after: read, cause: brokeOff, salvage: salvage,
                                                        report: &report) { try add(envelope, unverified) }
                        try flush(unverified)
                    }
                } else {
                    let salvaged = try BundleReader.salvage(path)
                    for envelope in salvaged { try add(envelope, opener) }
                    try flush(opener)
                    if let unreadable {
                        report.damagedBundles.append(DamagedBundle(path: path, problem: unreadable, recordsRead: 0, recordCount: salvaged.count,
                                                                   salvaged: true, listLost: true))
                    }
                }
                try finish()
            } catch {
                _ = running?.wait()
                throw error
            }
        }
        writer?.publish()
        return report
    }

    /// A key id as one machine word, to compare recipients without an allocation per record.
    fileprivate static func word(_ keyID: some Collection<UInt8>) -> UInt64 {
        keyID.prefix(8).reduce(0) { $0 << 8 | UInt64($1) }
    }

    /// Calls `body` with each of `envelope`'s recipient key ids (Docs/FORMAT.md, "Record envelope") as a word.
    fileprivate static func forEachRecipient(of envelope: RecordEnvelope, _ body: (UInt64) -> Void) {
        let bytes = envelope.bytes, countOffset = 4 + 1 + RecordEnvelope.recordIDLength
        guard bytes.count > countOffset else { return }
        let slot = 8 + RecordEnvelope.sealedKeyLength
        for index in 0..<Int(bytes[countOffset]) {
            let start = countOffset + 1 + index * slot
            guard start + 8 <= bytes.count else { return }
            body(word(bytes[start..<start + 8]))
        }
    }

    /// After the records of a checked bundle broke off at record `read + 1`: reports the bundle damaged and
    /// the records its list names from there, or, with `salvage`, returns what it can recover of them (to be
    /// output unverified).
    private func salvageRest(of manifest: BundleManifest, path: String, after read: Int, cause: BundleProblem,
                             salvage: Bool, report: inout DecryptReport) throws -> [RecordEnvelope] {
        let count = manifest.header.recordCount
        report.damagedBundles.append(DamagedBundle(path: path, problem: cause, recordsRead: read, recordCount: count, salvaged: salvage))
        guard salvage else {
            for index in read..<count {
                report.counts[.corrupt, default: 0] += 1
                report.problems.append(RecordProblem(bundle: (path as NSString).lastPathComponent, recordID: Hex.encode(Array(manifest.recordID(at: index))),
                                                     cause: .notRead))
            }
            return []
        }
        var done = RecordIDSet()
        for index in 0..<read { _ = done.insert(Array(manifest.recordID(at: index))) }
        return try BundleReader.salvage(path).filter { !done.contains($0.recordID) }
    }
}

/// Why a record was not output, as found by a worker.
struct Failure: Error {
    var cause: RecordProblem.Cause
    /// The id to report when it is not the envelope's (the one the bundle's list names).
    var recordID: String?
}

/// What became of one record of a batch.
private enum Outcome<Prepared> {
    /// Opened, to be output under `status`; `prepare`'s result (or the error it threw).
    case opened(RecordStatus, Result<Prepared, Error>)
    /// Withdrawn by the witness: not opened.
    case withdrawn
    /// Its desk is not approved (`approvedOnly`): not opened.
    case notApproved
    /// Not for our keys, or damaged.
    case failed(Failure)
}

/// The records of a batch: envelopes read from a bundle, or records read back from the inbox's cache.
private enum BatchRecords {
    case envelopes([RecordEnvelope])
    case cached([CachedRecord])

    var count: Int {
        switch self {
        case .envelopes(let envelopes): envelopes.count
        case .cached(let records): records.count
        }
    }

    func recordID(at index: Int) -> [UInt8] {
        switch self {
        case .envelopes(let envelopes): envelopes[index].recordID
        case .cached(let records): records[index].recordID
        }
    }

    /// The record's recipients' key ids, as words.
    func recipients(at index: Int) -> [UInt64] {
        switch self {
        case .envelopes:
            var words: [UInt64] = []
            forEachRecipient(at: index) { words.append($0) }
            return words
        case .cached(let records): return records[index].recipients
        }
    }

    /// Calls `body` with each of the record's recipients' key ids, as words, making no array of them.
    func forEachRecipient(at index: Int, _ body: (UInt64) -> Void) {
        switch self {
        case .envelopes(let envelopes): TeamDecryptor.forEachRecipient(of: envelopes[index], body)
        case .cached(let records): records[index].forEachRecipient(body)
        }
    }

    /// The envelope's BLAKE2b-256 (which tells one copy of a record id in conflict from another) when its
    /// id is in `conflicts`; nil for the others (the cache kept it for those only).
    func conflictHash(at index: Int, conflicts: Set<[UInt8]>) -> [UInt8]? {
        switch self {
        case .envelopes(let envelopes):
            !conflicts.isEmpty && conflicts.contains(envelopes[index].recordID) ? Blake2b.hash(envelopes[index].bytes, outputLength: 32) : nil
        case .cached(let records): records[index].conflictHash
        }
    }
}

/// Opens records of one bundle and prepares them: the part of decryption done on every core.
///
/// A class, so that handing it on with each record read costs one reference count, not one per field.
private final class BatchOpener<Prepared>: Sendable {
    let keys: OpeningKeys
    /// The bundle's checked manifest, which proves each record; nil for salvaged records.
    let manifest: BundleManifest?
    /// Whether records are proven by their hash too, not only by their id (see `TeamBundles.inbox`).
    let checksHashes: Bool
    /// `ok`, or `unverified` for salvaged records.
    let status: RecordStatus
    let bundle: String
    /// From the bundle header (hex); empty when salvaged.
    let bundleID: String
    let deskName: String
    /// From the bundle header; nil when salvaged (the payload's own `desk` is used).
    let deskFingerprint: String?
    let deskTrust: SignerTrust
    /// Record ids that come with several contents or from several desks (`ContentIndex`): output as `conflict`.
    let conflicts: Set<[UInt8]>
    /// Whether the bundle's records are left out unopened (`TeamDecryptor.approvedOnly`).
    let leftOut: Bool
    let prepare: @Sendable (OpenedRecord) throws -> Prepared

    init(keys: OpeningKeys, manifest: BundleManifest?, checksHashes: Bool, status: RecordStatus, bundle: String, bundleID: String, deskName: String,
         deskFingerprint: String?, deskTrust: SignerTrust, conflicts: Set<[UInt8]>, leftOut: Bool,
         prepare: @escaping @Sendable (OpenedRecord) throws -> Prepared) {
        (self.keys, self.manifest, self.checksHashes, self.status) = (keys, manifest, checksHashes, status)
        (self.bundle, self.deskName, self.deskFingerprint, self.prepare) = (bundle, deskName, deskFingerprint, prepare)
        (self.deskTrust, self.conflicts, self.leftOut, self.bundleID) = (deskTrust, conflicts, leftOut, bundleID)
    }

    /// The opener of a bundle read back from the cache: its records are not opened, only prepared again.
    convenience init(replaying bundle: CachedBundle, trust: SignerTrust, leftOut: Bool, prepare: @escaping @Sendable (OpenedRecord) throws -> Prepared) {
        self.init(keys: OpeningKeys([]), manifest: nil, checksHashes: false, status: .ok, bundle: bundle.name, bundleID: bundle.bundleID,
                  deskName: bundle.deskName, deskFingerprint: bundle.deskFingerprint, deskTrust: trust, conflicts: [], leftOut: leftOut,
                  prepare: prepare)
    }

    /// The same, for records salvaged from the bundle: not proven, marked `unverified`, and not taken for
    /// the signing desk's (each says its own desk, and nothing proves its standing).
    var unverified: BatchOpener {
        BatchOpener(keys: keys, manifest: nil, checksHashes: checksHashes, status: .unverified, bundle: bundle, bundleID: "", deskName: "", deskFingerprint: nil,
                    deskTrust: .unknown, conflicts: [], leftOut: leftOut, prepare: prepare)
    }

    /// A record being prepared, its fields bound once per chunk of records.
    private var blank: OpenedRecord {
        OpenedRecord(status: status, bundle: bundle, deskName: deskName, headerDeskFingerprint: deskFingerprint,
                     deskTrust: deskTrust, bundleID: bundleID, recordID: [], payload: UnsafeRawBufferPointer(start: nil, count: 0))
    }

    /// Opens or reads back `records[range]`, records `first + range.lowerBound`… of the bundle, in `space`
    /// (this thread's), writing each outcome to `slots` at the same index, and what opening gave to `raw`
    /// when it is kept for the cache.
    ///
    /// What the records share is bound once here, not once per record: every core changing the same
    /// reference counts for every record cost more than the rest of this loop.
    func open(_ records: BatchRecords, _ range: Range<Int>, first: Int, withdrawn: Set<[UInt8]>, in space: OpeningSpace,
              into slots: UnsafeMutablePointer<Outcome<Prepared>?>, raw: UnsafeMutablePointer<RawOutcome?>?) {
        let manifest = manifest
        var opened = blank
        switch records {
        case .envelopes(let envelopes):
            for index in range {
                slots[index] = open(envelopes[index], at: first + index, manifest: manifest, withdrawn: withdrawn, in: space, as: &opened,
                                    raw: raw.map { $0 + index })
            }
        case .cached(let cached):
            for index in range { slots[index] = replay(cached[index], as: &opened) }
        }
    }

    /// Proves record `index` (from 0) against `manifest`, then, unless the witness withdrew it, opens it in
    /// `space` and prepares it as `opened`; writes what opening gave to `raw`, when given.
    private func open(_ envelope: RecordEnvelope, at index: Int, manifest: BundleManifest?, withdrawn: Set<[UInt8]>, in space: OpeningSpace,
                      as opened: inout OpenedRecord, raw: UnsafeMutablePointer<RawOutcome?>?) -> Outcome<Prepared> {
        func failed(_ failure: Failure) -> Outcome<Prepared> {
            raw?.pointee = .failed(failure)
            return .failed(failure)
        }
        if let manifest, !(checksHashes ? manifest.proves(envelope, at: index) : manifest.lists(envelope, at: index)) {
            let listed = Hex.encode(Array(manifest.recordID(at: index))), found = Hex.encode(envelope.recordID)
            return failed(Failure(cause: .notAsSigned(position: index + 1, found: listed == found ? nil : found), recordID: listed))
        }
        if !withdrawn.isEmpty, withdrawn.contains(envelope.recordID) {
            raw?.pointee = .withdrawn
            return .withdrawn
        }
        if leftOut { return .notApproved }
        opened.recordIDBytes = envelope.recordID
        opened.status = !conflicts.isEmpty && conflicts.contains(envelope.recordID) ? .conflict : status
        do {
            return try envelope.open(with: keys, in: space) { payload in
                guard let raw else { return prepared(payload, as: &opened) }
                // Decoded once, for the cache's compact form and for `prepare` (`decoded()` takes it).
                opened.compact = try? RecordPayload.decode(json: payload)
                defer { opened.compact = nil }
                raw.pointee = .opened(opened.status, CachedPayload.bytes(json: payload, decoded: opened.compact))
                return prepared(payload, as: &opened)
            }
        } catch CryptoError.notForThisKey {
            return failed(Failure(cause: .otherKey))
        } catch {
            return failed(Failure(cause: .damaged("\(error)")))
        }
    }

    /// What `open` gave for `record` when the cache was written, in the same order of checks: a record not
    /// as signed, then withdrawn, then left out, then opened (and prepared again) or not.
    private func replay(_ record: CachedRecord, as opened: inout OpenedRecord) -> Outcome<Prepared> {
        switch record.outcome {
        case .failed(let failure) where !leftOut: return .failed(failure)
        case .failed(let failure): if case .notAsSigned = failure.cause { return .failed(failure) }
        case .withdrawn: return .withdrawn
        case .opened: break
        }
        if leftOut { return .notApproved }
        let lost = Outcome<Prepared>.failed(Failure(cause: .damaged("the inbox cache lost it")))
        guard case .opened(let status) = record.outcome, let frame = record.frame, !record.payload.isEmpty,
              record.payload.upperBound <= frame.bytes.count else { return lost }
        opened.recordIDBytes = record.recordID
        opened.status = status
        return frame.bytes.withUnsafeBytes { bytes in
            let stored = UnsafeRawBufferPointer(rebasing: bytes[record.payload])
            let body = UnsafeRawBufferPointer(rebasing: stored[1...])
            switch stored[0] {
            case CachedPayload.json:
                return prepared(body, as: &opened)
            case CachedPayload.compact:
                guard let payload = try? CompactPayload.decode(body) else { return lost }
                opened.compact = payload
                defer { opened.compact = nil }
                return prepared(UnsafeRawBufferPointer(start: nil, count: 0), as: &opened)
            default:
                return lost
            }
        }
    }

    /// Prepares `opened` with its payload, valid only during this call.
    private func prepared(_ payload: UnsafeRawBufferPointer, as opened: inout OpenedRecord) -> Outcome<Prepared> {
        opened.payload = payload
        defer { opened.payload = UnsafeRawBufferPointer(start: nil, count: 0) }
        let status = opened.settle()
        do {
            return .opened(status, .success(try prepare(opened)))
        } catch let damaged as DamagedPayload {
            return .failed(Failure(cause: .damaged(damaged.detail)))
        } catch {
            return .opened(status, .failure(error))
        }
    }
}

/// A batch being opened in the background, on every core, while the caller reads the next one.
private final class OpeningBatch<Prepared>: @unchecked Sendable {
    /// The records; emptied by `release()`.
    private(set) var records: BatchRecords
    /// How many records the batch was made with (its slots).
    private let count: Int
    let opener: BatchOpener<Prepared>
    /// One slot per record, each written by exactly one worker (raw memory, so concurrent writes
    /// to distinct slots need no exclusive access to an array); read after `wait()`.
    private let slots: UnsafeMutablePointer<Outcome<Prepared>?>
    /// What opening each record gave, kept when the inbox cache is being written.
    private let raw: UnsafeMutablePointer<RawOutcome?>?
    private let done = DispatchGroup()

    /// Records a worker takes at a time: small enough that the cores finish a batch together.
    private static var chunk: Int { 32 }

    /// Starts opening `records`, records `first`, `first + 1`… of their bundle, in guarded memory from
    /// `spaces`; with `keepsRaw`, what opening gave is kept for the cache too.
    init(_ records: BatchRecords, first: Int, withdrawn: Set<[UInt8]>, opener: BatchOpener<Prepared>, spaces: OpeningSpaces, keepsRaw: Bool) {
        self.records = records
        self.opener = opener
        let count = records.count
        self.count = count
        slots = .allocate(capacity: count)
        slots.initialize(repeating: nil, count: count)
        if keepsRaw {
            let raw = UnsafeMutablePointer<RawOutcome?>.allocate(capacity: count)
            raw.initialize(repeating: RawOutcome?.none, count: count)
            self.raw = raw
        } else {
            raw = nil
        }
        done.enter()
        DispatchQueue.global().async { [self] in
            // Chunks are handed to whichever core is free, each opened in one guarded space.
            DispatchQueue.concurrentPerform(iterations: (count + Self.chunk - 1) / Self.chunk) { chunk in
                spaces.use { space in
                    opener.open(self.records, chunk * Self.chunk..<min(count, (chunk + 1) * Self.chunk), first: first,
                                withdrawn: withdrawn, in: space, into: self.slots, raw: self.raw)
                }
            }
            done.leave()
        }
    }

    deinit {
        slots.deinitialize(count: count)
        slots.deallocate()
        if let raw {
            for index in 0..<count {
                guard case .opened(_, var payload) = raw[index] else { continue }
                raw[index] = nil   // the payload's only reference now: wiped in place
                payload.withUnsafeMutableBytes { _ = $0.initializeMemory(as: UInt8.self, repeating: 0) }
            }
            raw.deinitialize(count: count)
            raw.deallocate()
        }
    }

    /// Frees the envelopes and what was made of them (`raw` is wiped at `deinit`), once reported: at once, on
    /// the reporting thread. Left to the last reference, held a moment longer by the worker that ran the
    /// batch, a batch could still be in memory while the next one was read — a third batch at the peak.
    func release() {
        slots.update(repeating: nil, count: count)
        records = .envelopes([])
    }

    /// Waits until every record is opened; returns self, whose `outcomes` are then complete.
    func wait() -> OpeningBatch {
        done.wait()
        return self
    }

    /// The outcome of record `index` of the batch (after `wait()`).
    func outcome(at index: Int) -> Outcome<Prepared> { slots[index] ?? .failed(Failure(cause: .damaged("it was not opened"))) }

    /// What opening record `index` gave, when kept or read back from the cache (nil when not opened: its
    /// desk left out).
    func raw(at index: Int) -> RawOutcome? {
        if case .cached(let records) = records { return records[index].raw }
        return raw?[index]
    }
}

/// Guarded spaces for opening records, reused from chunk to chunk (each `sodium_malloc` costs system
/// calls that also stall the other threads): one per thread opening at the same time.
private final class OpeningSpaces: @unchecked Sendable {
    private let lock = NSLock()
    private var free: [OpeningSpace] = []

    /// Runs `body` with a space no other thread is using.
    func use<R>(_ body: (OpeningSpace) throws -> R) rethrows -> R {
        let space = lock.withLock { free.popLast() } ?? OpeningSpace()
        defer { lock.withLock { free.append(space) } }
        return try body(space)
    }
}

/// Which record ids come with more than one content — another envelope hash, or another signing desk —
/// among the bundles' signed lists: read from every list before any record is opened, so that a conflict
/// is found whatever order the bundles come in.
private struct ContentIndex {
    /// The ids in conflict.
    private(set) var conflictIDs: Set<[UInt8]> = []

    /// Reads the signed lists of the bundles at `paths` (none when there is only one: a bundle never repeats
    /// an id). A bundle refused here is refused again, and reported, when it is read.
    init(_ paths: [String]) {
        guard paths.count > 1 else { return }
        /// A record's content: its signing desk (by index) and 16 bytes of its signed hash.
        struct Content: Equatable { var desk: Int32, high: UInt64, low: UInt64 }
        var first: [IDKey: Content] = [:]
        var desks: [[UInt8]: Int32] = [:]
        for path in paths {
            guard let manifest = try? BundleRecordReader(path: path).manifest else { continue }
            let deskKey = manifest.header.deskPublicKey
            let desk = desks[deskKey] ?? Int32(desks.count)
            desks[deskKey] = desk
            for index in 0..<manifest.header.recordCount {
                guard let hash = manifest.envelopeHash(at: index) else { continue }
                let id = manifest.recordID(at: index), hashKey = IDKey(hash.prefix(16))
                let content = Content(desk: desk, high: hashKey.high, low: hashKey.low)
                if let earlier = first.updateValue(content, forKey: IDKey(id)), earlier != content { conflictIDs.insert(Array(id)) }
            }
        }
    }
}

/// One distinct copy of a conflicting record id: its id, its signing desk and its envelope's hash.
private struct ConflictCopy: Hashable {
    let recordID: [UInt8]
    let desk: String
    let hash: [UInt8]
}

/// 16 bytes as two machine words: a dictionary key without an allocation per record.
private struct IDKey: Hashable {
    let high: UInt64, low: UInt64

    /// The first 16 bytes of `bytes` (zeros past its end).
    init(_ bytes: some Collection<UInt8>) {
        var words: (UInt64, UInt64) = (0, 0)
        for (index, byte) in bytes.prefix(16).enumerated() {
            if index < 8 { words.0 = words.0 << 8 | UInt64(byte) } else { words.1 = words.1 << 8 | UInt64(byte) }
        }
        (high, low) = words
    }

    /// The 16 bytes again.
    var bytes: [UInt8] { (0..<16).map { UInt8(truncatingIfNeeded: ($0 < 8 ? high : low) >> (8 * (7 - $0 % 8))) } }
}

private extension String {
    /// The string with zeros before it up to `width` characters.
    func leftPadded(to width: Int) -> String { String(repeating: "0", count: max(0, width - count)) + self }
}
