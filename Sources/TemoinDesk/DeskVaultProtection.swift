import Foundation
import GRDB
import TemoinCrypto
import TemoinDatabase
import TemoinStorage

/// The binding of the team keys to the desk secret (Docs/FORMAT.md, "Desk vault").
///
/// Whoever can write the vault file could add a row to `team_key` and receive every later testimony.
/// The active list is therefore tagged with a key derived from the desk secret, and sealing checks the
/// tag first: only a person holding the desk passphrase can change who records are sealed to.
enum TeamKeyBinding {
    static let label: [UInt8] = Array("temoin-team-keys-v1".utf8)

    /// The active team keys, in the order records are sealed to them.
    ///
    /// A row that holds no key's bytes and name (the table edited or damaged) is no key anyone could seal to:
    /// it is left out, and when it took a bound key's place the tag no longer matches (`verifiedKeys`).
    static func activeKeys(_ db: Database) throws -> [TeamPublicKey] {
        try Row.fetchAll(db, sql: "SELECT public_key, name FROM team_key WHERE active = 1 ORDER BY id").compactMap {
            guard let key: Data = $0.checked("public_key"), let name: String = $0.checked("name") else { return nil }
            return try TeamPublicKey(bytes: [UInt8](key), name: name)
        }
    }

    /// The bytes tagged: the label, the number of keys (`u16`), then each key (32 bytes) and its name
    /// (`str16`) in ascending order of the key bytes, so that the row order does not matter.
    static func encode(_ keys: [TeamPublicKey]) -> [UInt8] {
        var w = ByteWriter()
        w.append(label)
        w.u16(UInt16(clamping: keys.count))
        for key in keys.sorted(by: { $0.bytes.lexicographicallyPrecedes($1.bytes) }) {
            w.append(key.bytes)
            w.string16(key.name)
        }
        return w.bytes
    }

    /// Tags the current active list.
    static func bind(_ db: Database, secrets: DeskSecrets) throws {
        let tag = KeyedHash.tag(encode(try activeKeys(db)), key: secrets.derivedKey(.teamKeyList))
        try db.execute(sql: "INSERT INTO setting (name, value) VALUES ('team_keys_mac', ?) ON CONFLICT(name) DO UPDATE SET value = excluded.value",
                       arguments: [Data(tag)])
    }

    /// The active list when its tag holds; `teamKeysUnconfirmed` without a tag, `teamKeysChanged` when it does not match.
    static func verifiedKeys(_ db: Database, secrets: DeskSecrets) throws -> [TeamPublicKey] {
        let keys = try activeKeys(db)
        guard let tag = try Data.fetchOne(db, sql: "SELECT value FROM setting WHERE name = 'team_keys_mac'") else {
            throw VaultError.teamKeysUnconfirmed
        }
        guard KeyedHash.verify([UInt8](tag), message: encode(keys), key: secrets.derivedKey(.teamKeyList)) else {
            throw VaultError.teamKeysChanged
        }
        return keys
    }
}

/// The binding of an imported questionnaire to the desk secret (Docs/FORMAT.md, "Desk vault").
///
/// A questionnaire's labels decide what each answer is recorded as: whoever could write the vault file, or
/// run `temoin form import`, could have every later testimony recorded under labels of their own (the
/// witness picks "Gendarmerie", the record says `police_nationale`) under the same id and version. The
/// stored questionnaire is therefore tagged with a key derived from the desk secret, checked when a session
/// takes it and before every seal.
enum QuestionnaireBinding {
    static let label: [UInt8] = Array("temoin-questionnaire-v1".utf8)

    /// The tag of `stored`, the questionnaire's bytes as the vault keeps them.
    static func tag(_ stored: [UInt8], secrets: DeskSecrets) -> [UInt8] {
        KeyedHash.tag(label + stored, key: secrets.derivedKey(.questionnaire))
    }

    /// Throws `questionnaireChanged` unless the vault holds neither a questionnaire nor a tag (the built-in one
    /// is used), or both, matching.
    static func verify(_ db: Database, secrets: DeskSecrets) throws {
        let stored = try Data.fetchOne(db, sql: "SELECT value FROM setting WHERE name = 'questionnaire'")
        let tag = try Data.fetchOne(db, sql: "SELECT value FROM setting WHERE name = 'questionnaire_mac'")
        if stored == nil && tag == nil { return }
        guard let stored, let tag,
              KeyedHash.verify([UInt8](tag), message: label + [UInt8](stored), key: secrets.derivedKey(.questionnaire)) else {
            throw VaultError.questionnaireChanged
        }
    }
}

/// A sealed record as the vault stores it: `TMNV` ‖ version 1 ‖ nonce (24) ‖ XChaCha20-Poly1305 of the
/// envelope under the storage key, with the 5 header bytes as associated data.
///
/// The envelope is already unreadable without a team key, but its header carries the record id that
/// every bundle shows in clear: stored as is, a seized vault would tell which intercepted records came
/// from this laptop. Encrypted, it needs the desk passphrase.
enum StoredRecord {
    static let header: [UInt8] = Array("TMNV".utf8) + [1]

    /// A sealed record's row that holds a value of another type than the schema's: the vault was edited or damaged.
    static var unreadableRow: CryptoError { .malformed("a sealed record's row in the vault holds a value of another type: the vault was edited or damaged") }

    static func seal(_ envelope: [UInt8], key: SecretBytes, random: RandomSource) -> [UInt8] {
        let nonce = random.bytes(AEAD.nonceLength)
        return header + nonce + envelope.withUnsafeBytes { AEAD.seal($0, key: key, nonce: nonce, associatedData: header) }
    }

    static func open(_ bytes: [UInt8], key: SecretBytes) throws -> RecordEnvelope {
        var r = ByteReader(bytes)
        try r.expectMagic(Array(header.prefix(4)), version: 1, kind: .storedRecord)
        let nonce = try r.take(AEAD.nonceLength, "nonce")
        let envelope = try AEAD.open(bytes[r.offset...], key: key, nonce: nonce, associatedData: header)
        return try RecordEnvelope(bytes: envelope.withUnsafeBytes { [UInt8]($0) })
    }
}

/// Sealed records of a vault made before records were stored encrypted (schema v1: `record` with the
/// record id and envelope in clear, and the `export` log with paths and times).
///
/// They can only be encrypted once the passphrase is known: the first unlock moves them into `sealed`,
/// in order, and drops both old tables in the same transaction (secure_delete zeroes the freed pages;
/// the WAL is then checkpointed so that no old page image stays in a file).
enum LegacyRecords {
    static func exists(_ db: Database) throws -> Bool { try db.tableExists("record") }

    /// Records awaiting export and exported in the old table (0, 0 when there is none).
    static func counts(_ db: Database) throws -> (awaiting: Int, exported: Int) {
        guard try exists(db) else { return (0, 0) }
        return (try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM record WHERE export_id IS NULL") ?? 0,
                try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM record WHERE export_id IS NOT NULL") ?? 0)
    }

    /// At schema upgrade: a vault without old records just loses the old tables (and its export log).
    static func dropIfEmpty(_ db: Database) throws {
        guard try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM record") == 0 else { return }
        try db.execute(sql: "DROP TABLE record; DROP TABLE export")
    }

    /// Re-stores every old record encrypted, durably, in one transaction; nothing to do on a new vault.
    static func migrate(_ vault: DeskVault, secrets: DeskSecrets) throws {
        guard try vault.read(exists) else { return }
        let key = secrets.derivedKey(.storage)
        let random = SystemRandom()
        try vault.write { db in
            let rows = try Row.fetchCursor(db, sql: "SELECT envelope, export_id IS NOT NULL AS exported FROM record ORDER BY seq")
            let insert = try db.makeStatement(sql: "INSERT INTO sealed (envelope, exported) VALUES (?, ?)")
            while let row = try rows.next() {
                guard let envelope: Data = row.checked("envelope"), let exported: Int = row.checked("exported") else { throw StoredRecord.unreadableRow }
                let stored = StoredRecord.seal([UInt8](envelope), key: key, random: random)
                try insert.execute(arguments: [Data(stored), exported])
            }
            try db.execute(sql: "DROP TABLE record; DROP TABLE export")
        }
        try vault.database.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA wal_checkpoint(TRUNCATE)") }
    }
}
