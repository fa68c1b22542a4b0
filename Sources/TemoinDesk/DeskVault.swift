import Foundation
import GRDB
import TemoinCrypto
import TemoinDatabase
import TemoinFormat
import TemoinForms
import TemoinStorage

/// The desk vault: one folder holding `vault.sqlite` (WAL, synchronous FULL) and `vault.lock`.
///
/// It holds the wrapped desk key, the team public keys (bound to the desk secret), encrypted drafts and
/// sealed records stored encrypted — never a plaintext answer, nor a record id a bundle would show.
/// Opening takes an exclusive lock; a second process is refused. Sealing, exporting and changing the
/// team keys need the vault unlocked (`create` or `unlock`): Docs/FORMAT.md, "Desk vault".
public final class DeskVault: @unchecked Sendable {
    /// The vault folder.
    public let directory: String
    let database: DatabaseQueue
    private let lock: VaultLock
    /// The desk secrets while the vault is unlocked.
    private var secrets: DeskSecrets?
    /// Called by an export after each piece of a stream is written into the bundle (its readable path, where
    /// the piece starts, its length) and before it is read back: how tests damage a bundle at that moment.
    var afterStreamPieceWritten: ((_ bundle: String, _ offset: Int, _ count: Int) -> Void)?
    /// Called by an export once the bundle is synced and dropped from the page cache, before it is read back
    /// (its readable path): how tests stand in for a stick that did not keep what it was given.
    var afterBundleSynced: ((_ bundle: String) -> Void)?
    /// The streams this process is writing under a name in `files/`, which the sweep of orphans leaves alone.
    let streamsInFlight = StreamsInFlight()
    /// False only in tests: evidence streams are then written under a temporary name, as on a file system
    /// without unnamed files (`PendingFile`).
    var unnamedStreams = true
    /// Called on the encrypting thread each time a piece of an evidence file was read (the bytes read so far):
    /// how tests hold an encryption half way.
    var afterFilePieceRead: ((_ done: Int) -> Void)?

    private init(directory: String, create: Bool) throws {
        self.directory = directory
        let file = directory + "/vault.sqlite"
        lock = try VaultLock(directory: directory)
        if !create && !FileManager.default.fileExists(atPath: file) { throw VaultError.notFound(path: directory) }
        var configuration = Configuration()
        configuration.prepareDatabase { db in
            try db.execute(sql: "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA secure_delete = ON")
        }
        configuration.label = "temoin-vault"
        do {
            umask(0o077)
            database = try DatabaseQueue(path: file, configuration: configuration)
            try Self.migrator.migrate(database)
        } catch {
            throw DatabaseFailure.translate(error, path: directory, file: file)
        }
    }

    /// Creates a vault in `directory` for a new desk, sealing to `teamKeys`; it is left unlocked.
    ///
    /// `cost` is the Argon2id cost of the desk key: `.desk` for every desk; unit tests that create
    /// many vaults pass a cheaper one.
    public static func create(at directory: String, deskName: String, teamKeys: [TeamPublicKey], passphrase: SecretBytes,
                              cost: PassphraseCost = .desk, random: RandomSource = SystemRandom()) throws -> (DeskVault, DeskSecrets) {
        guard PassphraseRules.length(of: passphrase) >= PassphraseRules.deskMinimum else {
            throw VaultError.passphraseTooShort(minimum: PassphraseRules.deskMinimum)
        }
        guard !teamKeys.isEmpty else { throw VaultError.noTeamKey }
        guard teamKeys.allSatisfy(\.isUsable) else { throw CryptoError.invalidPublicKey }
        if FileManager.default.fileExists(atPath: directory + "/vault.sqlite") { throw VaultError.alreadyExists(path: directory) }
        try FileSystem.createFolder(directory)
        let vault = try DeskVault(directory: directory, create: true)
        let secrets = DeskSecrets(random: random)
        let wrapped = try SecretKeyFile.seal(kind: .desk, publicKey: secrets.publicKey, name: deskName, secret: secrets.material,
                                             passphrase: passphrase, cost: cost, random: random)
        try vault.write { db in
            try db.execute(sql: "INSERT INTO setting (name, value) VALUES ('desk_key', ?)", arguments: [Data(wrapped.bytes)])
            for key in teamKeys {
                try db.execute(sql: "INSERT OR IGNORE INTO team_key (public_key, name) VALUES (?, ?)", arguments: [Data(key.bytes), key.name])
            }
            try TeamKeyBinding.bind(db, secrets: secrets)
        }
        vault.secrets = secrets
        return (vault, secrets)
    }

    /// Opens the existing vault in `directory`.
    public static func open(at directory: String) throws -> DeskVault {
        guard FileManager.default.fileExists(atPath: directory + "/vault.sqlite") else { throw VaultError.notFound(path: directory) }
        return try DeskVault(directory: directory, create: false)
    }

    /// True when a vault exists in `directory`.
    public static func exists(at directory: String) -> Bool {
        FileManager.default.fileExists(atPath: directory + "/vault.sqlite")
    }

    // MARK: Desk identity

    /// The wrapped desk key (public part readable without the passphrase).
    public func deskKey() throws -> SecretKeyFile {
        let blob = try read { db in try Data.fetchOne(db, sql: "SELECT value FROM setting WHERE name = 'desk_key'") }
        guard let blob else { throw VaultError.incomplete(path: directory) }
        do { return try SecretKeyFile(bytes: [UInt8](blob)) } catch { throw VaultError.deskKeyDamaged(path: directory) }
    }

    /// The desk's name.
    public func deskName() throws -> String { try deskKey().name }

    /// The desk's fingerprint.
    public func deskFingerprint() throws -> String { try deskKey().fingerprint }

    /// Opens the desk secrets with the desk passphrase (`CryptoError.wrongPassphrase` when wrong) and
    /// keeps them until `forgetSecrets()`.
    ///
    /// The first unlock of a vault made by an earlier version also re-stores its sealed records
    /// encrypted, in one transaction (`LegacyRecords`). Evidence streams that no sealed record lists (a
    /// sealing killed half way) are removed.
    public func unlock(passphrase: SecretBytes) throws -> DeskSecrets {
        let secrets = try deskKey().openDeskSecrets(passphrase: passphrase)
        try LegacyRecords.migrate(self, secrets: secrets)
        try read { db in
            try EvidenceFiles.removeOrphans(db, vault: directory, key: secrets.derivedKey(.storage), draftKey: secrets.draftKey, inFlight: streamsInFlight)
        }
        self.secrets = secrets
        return secrets
    }

    /// Locks the vault again: sealing and changing team keys need `unlock` from now on.
    public func forgetSecrets() { secrets = nil }

    /// The secrets of the unlocked vault, or `VaultError.locked`.
    func unlocked() throws -> DeskSecrets {
        guard let secrets else { throw VaultError.locked }
        return secrets
    }

    /// Re-wraps the desk key under a new passphrase (at least `PassphraseRules.deskMinimum` characters).
    public func changePassphrase(secrets: DeskSecrets, to passphrase: SecretBytes, cost: PassphraseCost = .desk) throws {
        guard PassphraseRules.length(of: passphrase) >= PassphraseRules.deskMinimum else {
            throw VaultError.passphraseTooShort(minimum: PassphraseRules.deskMinimum)
        }
        let current = try deskKey()
        let wrapped = try SecretKeyFile.seal(kind: .desk, publicKey: secrets.publicKey, name: current.name, secret: secrets.material,
                                             passphrase: passphrase, cost: cost)
        try write { db in try db.execute(sql: "UPDATE setting SET value = ? WHERE name = 'desk_key'", arguments: [Data(wrapped.bytes)]) }
    }

    // MARK: Team keys

    /// The team public keys in the vault that new records would be sealed to, as stored: not checked
    /// (that needs the desk secret, see `checkTeamKeys`), to show them before unlocking. A name's control
    /// characters are read as U+FFFD, as from a key file (a vault set up before key files were read so).
    public func teamKeys() throws -> [TeamPublicKey] {
        try read { db in try TeamKeyBinding.activeKeys(db) }.map { try TeamPublicKey(bytes: $0.bytes, name: $0.name.replacingControlCharacters()) }
    }

    /// Checks the team keys against their binding to the desk secret: `teamKeysChanged` or
    /// `teamKeysUnconfirmed` when sealing would refuse them.
    public func checkTeamKeys() throws {
        let secrets = try unlocked()
        _ = try read { db in try TeamKeyBinding.verifiedKeys(db, secrets: secrets) }
    }

    /// Binds the team keys in the vault as they are now (the volunteer has seen them and compared
    /// their fingerprints with the team): the way out of `teamKeysUnconfirmed` and `teamKeysChanged`.
    public func confirmTeamKeys() throws -> [TeamPublicKey] {
        let secrets = try unlocked()
        return try write { db in
            try TeamKeyBinding.bind(db, secrets: secrets)
            return try TeamKeyBinding.activeKeys(db)
        }
    }

    /// Adds a team public key as a recipient of new records; the vault must be unlocked and its
    /// current list intact (an altered list is never re-bound by adding to it).
    public func addTeamKey(_ key: TeamPublicKey) throws {
        guard key.isUsable else { throw CryptoError.invalidPublicKey }
        let secrets = try unlocked()
        try write { db in
            _ = try TeamKeyBinding.verifiedKeys(db, secrets: secrets)
            try db.execute(sql: "INSERT INTO team_key (public_key, name) VALUES (?, ?) ON CONFLICT(public_key) DO UPDATE SET active = 1",
                           arguments: [Data(key.bytes), key.name])
            try TeamKeyBinding.bind(db, secrets: secrets)
        }
    }

    /// Stops sealing new records to a key (older records keep it); the vault must be unlocked.
    ///
    /// An intact list is bound again without the key. A list that was altered stays unbound: retiring
    /// the key that was slipped in brings back the list as bound, and otherwise `confirmTeamKeys` is
    /// the volunteer's explicit decision.
    public func retireTeamKey(fingerprint: String) throws -> Bool {
        let secrets = try unlocked()
        return try write { db in
            let keys = try TeamKeyBinding.activeKeys(db)
            guard let key = keys.first(where: { $0.fingerprint == fingerprint }) else { return false }
            guard keys.count > 1 else { throw VaultError.lastTeamKey }
            let intact = (try? TeamKeyBinding.verifiedKeys(db, secrets: secrets)) != nil
            try db.execute(sql: "UPDATE team_key SET active = 0 WHERE public_key = ?", arguments: [Data(key.bytes)])
            if intact { try TeamKeyBinding.bind(db, secrets: secrets) }
            return true
        }
    }

    // MARK: Questionnaire

    /// The questionnaire in use: the one imported into the vault, else the built-in one.
    public func questionnaire() throws -> Questionnaire {
        let stored = try read { db in try Data.fetchOne(db, sql: "SELECT value FROM setting WHERE name = 'questionnaire'") }
        if let stored { return try Questionnaire(jsonData: stored) }
        return try Questionnaire.builtIn()
    }

    /// Keeps `questionnaire` in the vault as the one in use, bound to the desk secret; the vault must be unlocked.
    public func importQuestionnaire(_ questionnaire: Questionnaire) throws {
        let secrets = try unlocked()
        let data = try questionnaire.jsonData()
        try write { db in
            for (name, value) in [("questionnaire", data), ("questionnaire_mac", Data(QuestionnaireBinding.tag([UInt8](data), secrets: secrets)))] {
                try db.execute(sql: "INSERT INTO setting (name, value) VALUES (?, ?) ON CONFLICT(name) DO UPDATE SET value = excluded.value",
                               arguments: [name, value])
            }
        }
    }

    /// Goes back to the built-in questionnaire; the vault must be unlocked.
    public func resetQuestionnaire() throws {
        _ = try unlocked()
        try write { db in try db.execute(sql: "DELETE FROM setting WHERE name IN ('questionnaire', 'questionnaire_mac')") }
    }

    /// Checks the vault's questionnaire against its binding to the desk secret: `questionnaireChanged` when
    /// it was imported or changed without the desk passphrase (sealing would refuse it).
    public func checkQuestionnaire() throws {
        let secrets = try unlocked()
        try read { db in try QuestionnaireBinding.verify(db, secrets: secrets) }
    }

    // MARK: Language

    /// The desk's language, chosen at first run and switched on the home screen; nil when never chosen.
    /// Kept in clear like the desk name: it says nothing about any testimony.
    public func language() throws -> Language? {
        let stored = try read { db in try Data.fetchOne(db, sql: "SELECT value FROM setting WHERE name = 'language'") }
        return stored.flatMap { Language(rawValue: String(decoding: $0, as: UTF8.self)) }
    }

    /// Keeps `language` as the desk's language.
    public func setLanguage(_ language: Language) throws {
        try write { db in
            try db.execute(sql: "INSERT INTO setting (name, value) VALUES ('language', ?) ON CONFLICT(name) DO UPDATE SET value = excluded.value",
                           arguments: [Data(language.rawValue.utf8)])
        }
    }

    // MARK: Sealing

    /// Validates, prunes, seals and durably stores a testimony; returns its receipt.
    ///
    /// Needs the vault unlocked: the team keys are sealed to only if their binding to the desk secret
    /// holds (else `teamKeysChanged` or `teamKeysUnconfirmed`, and nothing changes), and the record is
    /// stored encrypted with the desk's storage key. When this returns, the record is on disk (SQLite
    /// WAL, synchronous FULL), and the draft `replacingDraft` (if any) is deleted in the same transaction.
    ///
    /// `attachments` are evidence files answering `files` fields: each is checked (field, count, size, type
    /// read by libmagic) before anything is written, then encrypted into `files/` and synced, its key, size,
    /// SHA-256, type and name put in the sealed record. If anything fails, the streams already written
    /// are removed: nothing is left half done.
    ///
    /// `picked` are files already encrypted in the vault when they were picked for a draft: sealed with it
    /// when their question is asked, else dropped (like a hidden answer) and their streams removed.
    public func seal(_ answers: Answers, form: Questionnaire, attachments: [Attachment] = [], picked: [DraftFile] = [], sealedAt: Date = Date(),
                     random: RandomSource = SystemRandom(), replacingDraft draftID: String? = nil) throws -> SealedRecord {
        _ = try unlocked()
        let prepared = try prepareSeal(answers, form: form, attachments: attachments, picked: picked, random: random)
        return try seal(prepared, sealedAt: sealedAt, random: random, replacingDraft: draftID)
    }

    /// Checks a testimony and its evidence files as `seal` does, then starts encrypting the files into the
    /// vault on a thread of their own; the vault need not be unlocked yet. Seal it with `seal(_:)` once it
    /// is, or `discard()` it.
    ///
    /// A file's key is random: encrypting it and taking its hashes needs no desk secret, so `temoin record`
    /// derives the desk key (Argon2id) while its files are encrypted. Their streams are named in `files/`
    /// only by `seal(_:)`, after the unlock's sweep of orphans: until then they are unnamed files, which
    /// vanish with the process (`PreparedSeal`).
    public func prepareSeal(_ answers: Answers, form: Questionnaire, attachments: [Attachment] = [], picked: [DraftFile] = [],
                            random: RandomSource = SystemRandom()) throws -> PreparedSeal {
        var (kept, dropped) = form.pruned(answers)
        let fileFields = Set(form.fields.filter { $0.kind == .files }.map(\.id))
        if let typed = kept.values.keys.filter(fileFields.contains).sorted().first {
            throw VaultError.invalidAnswers(["\(typed): files are not written in the answers; give each with --attach \(typed)=PATH"])
        }
        let sources = try Self.openAttachments(attachments, form: form, answers: kept)
        var handedOver = false
        defer { if !handedOver { sources.forEach { $0.close() } } }
        let asked = Set(form.visibleFieldIDs(in: kept))
        let keptPicked = picked.filter { fileFields.contains($0.field) && asked.contains($0.field) }
        let droppedPicked = picked.filter { !(fileFields.contains($0.field) && asked.contains($0.field)) }
        dropped += Set(droppedPicked.map(\.field)).subtracting(dropped).sorted()
        try EvidenceFiles.checkPicked(keptPicked, vault: directory)
        for field in fileFields {
            let count = sources.filter { $0.attachment.field == field }.count + keptPicked.filter { $0.field == field }.count
            if count > 0 { kept[field] = .choices((0..<count).map { String(format: "%032x", $0) }) }   // placeholders, to check the count before writing
        }
        let problems = form.validate(kept, forSealing: true)
        guard problems.isEmpty else { throw VaultError.invalidAnswers(problems.map(\.description)) }
        handedOver = true
        return PreparedSeal(vault: self, answers: kept, dropped: dropped, form: form, sources: sources,
                            keptPicked: keptPicked, droppedPicked: droppedPicked, random: random)
    }

    /// Seals and durably stores a testimony checked by `prepareSeal`, as `seal(_:form:...)` does once its files
    /// are encrypted: waits for them, names their streams in `files/`, then stores the record. Needs the vault
    /// unlocked; `prepared` is discarded when this returns, sealed or not.
    public func seal(_ prepared: PreparedSeal, sealedAt: Date = Date(), random: RandomSource = SystemRandom(),
                     replacingDraft draftID: String? = nil) throws -> SealedRecord {
        precondition(prepared.vault === self, "a testimony prepared for another vault")
        defer { prepared.discard() }
        let secrets = try unlocked()
        let recipients = try read { db in try TeamKeyBinding.verifiedKeys(db, secrets: secrets) }
        guard !recipients.isEmpty else { throw VaultError.noTeamKey }
        let encrypted = try prepared.encrypted()
        var named: [[UInt8]] = []
        do {
            for (sealed, pending) in encrypted {
                try pending.file.publish(as: EvidenceFiles.path(of: sealed.id, in: directory))
                named.append(sealed.id)
            }
            let files = prepared.keptPicked + zip(prepared.sources, encrypted.map(\.sealed)).map { source, sealed in
                DraftFile(field: source.attachment.field, id: Hex.encode(sealed.id), key: sealed.key.withUnsafeBytes { Hex.encode($0) },
                          name: (source.attachment.path as NSString).lastPathComponent, size: sealed.size, sha256: Hex.encode(sealed.sha256),
                          type: source.type, streamLength: sealed.streamLength, streamHash: Hex.encode(sealed.streamHash),
                          capture: source.capture)
            }
            let record = try sealRecord(prepared.answers, dropped: prepared.dropped, files: files, form: prepared.form,
                                        secrets: secrets, recipients: recipients, sealedAt: sealedAt, random: random, replacingDraft: draftID)
            removePicked(prepared.droppedPicked)
            return record
        } catch {
            EvidenceFiles.remove(named, vault: directory)
            throw error
        }
    }

    /// Opens and checks every attachment before anything is written: a `files` field of `form` that is
    /// asked given `answers`, a regular file of an accepted size and type; throws `attachmentRefused` or
    /// `invalidAnswers`, naming the file.
    private static func openAttachments(_ attachments: [Attachment], form: Questionnaire, answers: Answers) throws -> [EvidenceFiles.Source] {
        let visible = Set(form.visibleFieldIDs(in: answers))
        var sources: [EvidenceFiles.Source] = []
        do {
            for attachment in attachments {
                guard let field = form.field(attachment.field), field.kind == .files else {
                    let names = form.fields.filter { $0.kind == .files }.map(\.id)
                    throw VaultError.attachmentRefused(path: attachment.path, reason: .notFilesQuestion(field: attachment.field, questions: names))
                }
                guard visible.contains(field.id) else {
                    throw VaultError.attachmentRefused(path: attachment.path, reason: .notAsked(field: field.id))
                }
                sources.append(try EvidenceFiles.Source(attachment, field: field))
            }
        } catch {
            sources.forEach { $0.close() }
            throw error
        }
        return sources
    }

    /// Seals and stores the record of `kept`, whose files are already in `files/`.
    private func sealRecord(_ answers: Answers, dropped: [String], files: [DraftFile], form: Questionnaire,
                            secrets: DeskSecrets, recipients: [TeamPublicKey], sealedAt: Date, random: RandomSource,
                            replacingDraft draftID: String?) throws -> SealedRecord {
        var kept = answers
        for field in Set(files.map(\.field)) {
            kept[field] = .choices(files.filter { $0.field == field }.map(\.id))
        }
        let entries = files.map(\.evidence)
        let listed = files.compactMap(\.listEntry)
        guard listed.count == files.count else { throw CryptoError.malformed("a picked file's id in the draft") }
        let fileList = files.isEmpty ? nil : StoredFileList.seal(listed, key: secrets.derivedKey(.storage), random: random)
        let recordID = random.bytes(RecordEnvelope.recordIDLength)
        let receipt = ReadableCode.encode(random.bytes(5), symbols: 8)
        let payload = RecordPayload(record: Hex.encode(recordID), receipt: receipt, desk: try deskFingerprint(),
                                    form: .init(id: form.id, version: form.version),
                                    sealedAt: RecordPayload.timestamp(sealedAt), answers: kept, files: entries.isEmpty ? nil : entries)
        var json = try payload.encoded()
        let plaintext = json.withUnsafeBytes { SecretBytes(copying: $0) }
        json.resetBytes(in: 0..<json.count)
        let envelope = try RecordEnvelope.seal(payload: plaintext, recordID: recordID, recipients: recipients, random: random)
        let stored = StoredRecord.seal(envelope.bytes, key: secrets.derivedKey(.storage), random: random)
        try write { db in
            // The list is checked again in the transaction that stores: nothing may change it in between.
            guard try TeamKeyBinding.verifiedKeys(db, secrets: secrets) == recipients else { throw VaultError.teamKeysChanged }
            try QuestionnaireBinding.verify(db, secrets: secrets)
            try db.execute(sql: "INSERT INTO sealed (envelope, files) VALUES (?, ?)", arguments: [Data(stored), fileList.map { Data($0) }])
            if let draftID { try db.execute(sql: "DELETE FROM draft WHERE id = ?", arguments: [draftID]) }
        }
        return SealedRecord(recordID: Hex.encode(recordID), receipt: receipt, droppedFields: dropped)
    }

    // MARK: Status

    /// Counts for the status screen and `temoin status`.
    public func status() throws -> VaultStatus {
        try read { db in
            let legacy = try LegacyRecords.counts(db)
            return VaultStatus(
                drafts: try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM draft") ?? 0,
                awaitingExport: (try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM sealed WHERE exported = 0") ?? 0) + legacy.awaiting,
                exported: (try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM sealed WHERE exported = 1") ?? 0) + legacy.exported)
        }
    }

    // MARK: Database plumbing

    func read<T>(_ body: (Database) throws -> T) throws -> T {
        do { return try database.read(body) } catch { throw DatabaseFailure.translate(error, path: directory, file: file) }
    }

    func write<T>(_ body: (Database) throws -> T) throws -> T {
        do { return try database.write(body) } catch { throw DatabaseFailure.translate(error, path: directory, file: file) }
    }

    /// The SQLite database file of the vault.
    private var file: String { directory + "/vault.sqlite" }

    static var migrator: DatabaseMigrator {
        var m = DatabaseMigrator()
        m.registerMigration("v1") { db in
            try db.execute(sql: """
                CREATE TABLE setting (name TEXT PRIMARY KEY, value BLOB NOT NULL);
                CREATE TABLE team_key (id INTEGER PRIMARY KEY, public_key BLOB NOT NULL UNIQUE, name TEXT NOT NULL,
                                       active INTEGER NOT NULL DEFAULT 1);
                CREATE TABLE draft (id TEXT PRIMARY KEY, envelope BLOB NOT NULL);
                CREATE TABLE export (id INTEGER PRIMARY KEY, bundle_id BLOB NOT NULL, path TEXT NOT NULL,
                                     created_at INTEGER NOT NULL, record_count INTEGER NOT NULL, byte_count INTEGER NOT NULL);
                CREATE TABLE record (seq INTEGER PRIMARY KEY AUTOINCREMENT, record_id BLOB NOT NULL UNIQUE,
                                     envelope BLOB NOT NULL, export_id INTEGER REFERENCES export(id));
                CREATE INDEX record_unexported ON record(export_id) WHERE export_id IS NULL;
                """)
        }
        m.registerMigration("v2: sealed records stored encrypted, no export log") { db in
            try db.execute(sql: """
                CREATE TABLE sealed (seq INTEGER PRIMARY KEY AUTOINCREMENT, envelope BLOB NOT NULL, exported INTEGER NOT NULL DEFAULT 0);
                CREATE INDEX sealed_unexported ON sealed(exported) WHERE exported = 0;
                """)
            try LegacyRecords.dropIfEmpty(db)
        }
        m.registerMigration("v3: evidence files of sealed records") { db in
            try db.execute(sql: "ALTER TABLE sealed ADD COLUMN files BLOB")
        }
        return m
    }
}

/// Vault counts.
public struct VaultStatus: Sendable, Equatable, Codable {
    /// Drafts in progress.
    public var drafts: Int
    /// Sealed records not exported yet.
    public var awaitingExport: Int
    /// Sealed records already exported at least once.
    public var exported: Int
}
