import Foundation
import GRDB
import TemoinCrypto
import TemoinDatabase
import TemoinFormat
import TemoinForms
import TemoinStorage

/// The desk vault: one folder holding `vault.sqlite` (WAL, synchronous FULL) and `vault.lock`.
///
/// It holds the wrapped desk key, the team public keys, encrypted drafts, sealed records and the
/// export log — never a plaintext answer. Opening takes an exclusive lock; a second process is refused.
public final class DeskVault: @unchecked Sendable {
    /// The vault folder.
    public let directory: String
    let database: DatabaseQueue
    private let lock: VaultLock

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
            throw DatabaseFailure.translate(error, path: directory)
        }
    }

    /// Creates a vault in `directory` for a new desk, sealing to `teamKeys`.
    public static func create(at directory: String, deskName: String, teamKeys: [TeamPublicKey], passphrase: SecretBytes,
                              random: RandomSource = SystemRandom()) throws -> (DeskVault, DeskSecrets) {
        guard !teamKeys.isEmpty else { throw VaultError.noTeamKey }
        guard teamKeys.allSatisfy(\.isUsable) else { throw CryptoError.invalidPublicKey }
        if FileManager.default.fileExists(atPath: directory + "/vault.sqlite") { throw VaultError.alreadyExists(path: directory) }
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        } catch {
            throw VaultError.notWritable(path: directory, reason: .folderNotCreated)
        }
        let vault = try DeskVault(directory: directory, create: true)
        let secrets = DeskSecrets(random: random)
        let wrapped = try SecretKeyFile.seal(kind: .desk, publicKey: secrets.publicKey, name: deskName, secret: secrets.material,
                                             passphrase: passphrase, cost: .interactive, random: random)
        try vault.write { db in
            try db.execute(sql: "INSERT INTO setting (name, value) VALUES ('desk_key', ?)", arguments: [Data(wrapped.bytes)])
            for key in teamKeys {
                try db.execute(sql: "INSERT OR IGNORE INTO team_key (public_key, name) VALUES (?, ?)", arguments: [Data(key.bytes), key.name])
            }
        }
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
        return try SecretKeyFile(bytes: [UInt8](blob))
    }

    /// The desk's name.
    public func deskName() throws -> String { try deskKey().name }

    /// The desk's fingerprint.
    public func deskFingerprint() throws -> String { try deskKey().fingerprint }

    /// Opens the desk secrets with the desk passphrase (`CryptoError.wrongPassphrase` when wrong).
    public func unlock(passphrase: SecretBytes) throws -> DeskSecrets {
        try deskKey().openDeskSecrets(passphrase: passphrase)
    }

    /// Re-wraps the desk key under a new passphrase.
    public func changePassphrase(secrets: DeskSecrets, to passphrase: SecretBytes) throws {
        let current = try deskKey()
        let wrapped = try SecretKeyFile.seal(kind: .desk, publicKey: secrets.publicKey, name: current.name, secret: secrets.material,
                                             passphrase: passphrase, cost: .interactive)
        try write { db in try db.execute(sql: "UPDATE setting SET value = ? WHERE name = 'desk_key'", arguments: [Data(wrapped.bytes)]) }
    }

    // MARK: Team keys

    /// The team public keys every new record is sealed to.
    public func teamKeys() throws -> [TeamPublicKey] {
        try read { db in
            try Row.fetchAll(db, sql: "SELECT public_key, name FROM team_key WHERE active = 1 ORDER BY id").map {
                try TeamPublicKey(bytes: [UInt8]($0["public_key"] as Data), name: $0["name"])
            }
        }
    }

    /// Adds a team public key as a recipient of new records.
    public func addTeamKey(_ key: TeamPublicKey) throws {
        guard key.isUsable else { throw CryptoError.invalidPublicKey }
        try write { db in
            try db.execute(sql: "INSERT INTO team_key (public_key, name) VALUES (?, ?) ON CONFLICT(public_key) DO UPDATE SET active = 1",
                           arguments: [Data(key.bytes), key.name])
        }
    }

    /// Stops sealing new records to a key (older records keep it).
    public func retireTeamKey(fingerprint: String) throws -> Bool {
        let keys = try teamKeys()
        guard let key = keys.first(where: { $0.fingerprint == fingerprint }) else { return false }
        guard keys.count > 1 else { throw VaultError.lastTeamKey }
        try write { db in try db.execute(sql: "UPDATE team_key SET active = 0 WHERE public_key = ?", arguments: [Data(key.bytes)]) }
        return true
    }

    // MARK: Questionnaire

    /// The questionnaire in use: the one imported into the vault, else the built-in one.
    public func questionnaire() throws -> Questionnaire {
        let stored = try read { db in try Data.fetchOne(db, sql: "SELECT value FROM setting WHERE name = 'questionnaire'") }
        if let stored { return try Questionnaire(jsonData: stored) }
        return try Questionnaire.builtIn()
    }

    /// Keeps `questionnaire` in the vault as the one in use.
    public func importQuestionnaire(_ questionnaire: Questionnaire) throws {
        let data = try questionnaire.jsonData()
        try write { db in
            try db.execute(sql: "INSERT INTO setting (name, value) VALUES ('questionnaire', ?) ON CONFLICT(name) DO UPDATE SET value = excluded.value",
                           arguments: [data])
        }
    }

    /// Goes back to the built-in questionnaire.
    public func resetQuestionnaire() throws {
        try write { db in try db.execute(sql: "DELETE FROM setting WHERE name = 'questionnaire'") }
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
    /// Needs no desk secret: sealing only uses the team public keys. When this returns, the record
    /// is on disk (SQLite WAL, synchronous FULL), and the draft `replacingDraft` (if any) is deleted in
    /// the same transaction.
    public func seal(_ answers: Answers, form: Questionnaire, sealedAt: Date = Date(), random: RandomSource = SystemRandom(),
                     replacingDraft draftID: String? = nil) throws -> SealedRecord {
        let (kept, dropped) = form.pruned(answers)
        let problems = form.validate(kept, forSealing: true)
        guard problems.isEmpty else { throw VaultError.invalidAnswers(problems.map(\.description)) }
        let recipients = try teamKeys()
        guard !recipients.isEmpty else { throw VaultError.noTeamKey }
        let recordID = random.bytes(RecordEnvelope.recordIDLength)
        let receipt = ReadableCode.encode(random.bytes(5), symbols: 8)
        let payload = RecordPayload(record: Hex.encode(recordID), receipt: receipt, desk: try deskFingerprint(),
                                    form: .init(id: form.id, version: form.version),
                                    sealedAt: ISO8601DateFormatter().string(from: sealedAt), answers: kept)
        var json = try payload.encoded()
        let plaintext = json.withUnsafeBytes { SecretBytes(copying: $0) }
        json.resetBytes(in: 0..<json.count)
        let envelope = try RecordEnvelope.seal(payload: plaintext, recordID: recordID, recipients: recipients, random: random)
        try write { db in
            try db.execute(sql: "INSERT INTO record (record_id, envelope) VALUES (?, ?)", arguments: [Data(recordID), Data(envelope.bytes)])
            if let draftID { try db.execute(sql: "DELETE FROM draft WHERE id = ?", arguments: [draftID]) }
        }
        return SealedRecord(recordID: Hex.encode(recordID), receipt: receipt, droppedFields: dropped)
    }

    // MARK: Status

    /// Counts for the status screen and `temoin status`.
    public func status() throws -> VaultStatus {
        try read { db in
            VaultStatus(
                drafts: try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM draft") ?? 0,
                awaitingExport: try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM record WHERE export_id IS NULL") ?? 0,
                exported: try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM record WHERE export_id IS NOT NULL") ?? 0,
                exports: try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM export") ?? 0,
                lastExport: try Int64.fetchOne(db, sql: "SELECT MAX(created_at) FROM export").map { Date(timeIntervalSince1970: TimeInterval($0)) })
        }
    }

    // MARK: Database plumbing

    func read<T>(_ body: (Database) throws -> T) throws -> T {
        do { return try database.read(body) } catch { throw DatabaseFailure.translate(error, path: directory) }
    }

    func write<T>(_ body: (Database) throws -> T) throws -> T {
        do { return try database.write(body) } catch { throw DatabaseFailure.translate(error, path: directory) }
    }

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
    /// Bundles written.
    public var exports: Int
    /// When the last bundle was written.
    public var lastExport: Date?
}
