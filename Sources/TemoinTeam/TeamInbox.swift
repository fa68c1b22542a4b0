import Foundation
import GRDB
import TemoinCrypto
import TemoinDatabase
import TemoinLanguage
import TemoinFormat
import TemoinStorage

/// How far the team trusts a desk.
public enum DeskTrust: String, Sendable, Codable, CaseIterable {
    /// Seen for the first time and remembered (trust on first use); its fingerprint still needs a phone check.
    case new
    /// The team compared the fingerprint with the desk and approved it.
    case approved
    /// The team revoked it (lost laptop, compromised key): its bundles are refused and left out.
    case revoked
}

/// A desk the team has received bundles from.
public struct KnownDesk: Sendable, Equatable {
    /// The desk's Ed25519 public key.
    public var publicKey: [UInt8]
    /// The name the desk gave itself (in its latest bundle).
    public var name: String
    /// Trust state.
    public var trust: DeskTrust
    /// When the team first received a bundle from it.
    public var firstSeen: Date
    /// The fingerprint to compare by phone.
    public var fingerprint: String { KeyIdentity.fingerprint(of: publicKey) }
}

/// A bundle kept in the inbox.
public struct InboxBundle: Sendable, Equatable {
    /// The bundle id (hexadecimal); unique per desk only: another desk may sign a bundle with the same id.
    public var bundleID: String
    /// The path of the inbox copy.
    public var path: String
    /// The signing desk.
    public var deskPublicKey: [UInt8]
    /// How many records it carries.
    public var recordCount: Int
    /// When the desk says it exported it (the signer chooses this time: it orders nothing).
    public var createdAt: Date
}

/// What importing one bundle did.
public struct ImportResult: Sendable, Equatable {
    /// What happened.
    public enum Outcome: Sendable, Equatable {
        /// Copied into the inbox.
        case imported
        /// This very bundle (same desk, same id, same signed content) was imported before; nothing changed.
        case alreadyImported
    }
    /// What happened.
    public var outcome: Outcome
    /// The bundle's header.
    public var header: BundleHeader
    /// The desk as the inbox knows it after this import.
    public var desk: KnownDesk
    /// True when this import is the first time the inbox sees the desk.
    public var deskIsNew: Bool
    /// Another known desk already uses this name with a different key (an impostor, or a reinstalled desk).
    public var nameClash: KnownDesk?
    /// Records of this bundle already in the inbox with the same content from the same desk.
    public var recordsAlreadyKnown: Int
    /// Records of this bundle whose id the inbox already holds from another desk, or with another content:
    /// a forgery or a desk gone wrong, reported `conflict` by `temoin team decrypt`.
    public var conflictingRecords = 0
    /// Other desks that signed a bundle with the same id (kept apart: the id is only unique per desk).
    public var bundleIDAlsoUsedBy: [KnownDesk] = []
    /// The latest export time of the desk's bundles already in the inbox, when this bundle says it is older:
    /// an old bundle brought again (a replay), or a copy that waited.
    public var newerBundleExportedAt: Date?
    /// Every record of this bundle was already delivered by earlier bundles of the desk.
    public var allRecordsDelivered: Bool { recordsAlreadyKnown == header.recordCount && header.recordCount > 0 }
}

/// Why the inbox refused something.
public enum InboxError: TemoinError, Equatable {
    /// The bundle comes from a revoked desk.
    case revokedDesk(name: String, fingerprint: String)
    /// No desk with that fingerprint.
    case unknownDesk(String)
    /// The desk already gave a different bundle under this id.
    case bundleIDReused(bundleID: String, fingerprint: String)
    /// The inbox's own records contradict each other.
    case inconsistent(String)

    public func message(in language: Language) -> String {
        switch self {
        case .revokedDesk(let name, let fp):
            return language.pick(
                fr: "Ce lot vient du poste « \(name) » (\(fp)), que l'équipe a révoqué. Il n'a pas été importé. Si le poste redevient digne de confiance, lancez d'abord `temoin team desks approve \(fp)`.",
                en: "This bundle comes from the desk \"\(name)\" (\(fp)), which the team revoked. It was not imported. If the desk is trusted again, run `temoin team desks approve \(fp)` first.")
        case .unknownDesk(let fp):
            return language.pick(fr: "Aucun poste connu n'a l'empreinte \(fp). `temoin team desks` les liste.",
                                 en: "No known desk has the fingerprint \(fp). `temoin team desks` lists them.")
        case let .bundleIDReused(id, fp):
            return language.pick(
                fr: "Le poste \(fp) a déjà donné un AUTRE lot avec l'identifiant \(id) : deux lots signés sous un même identifiant veulent dire que sa clé est utilisée par quelqu'un d'autre, ou que son logiciel est défaillant. Rien n'a été importé. Appelez le poste et comparez son journal d'export avant de continuer.",
                en: "The desk \(fp) already gave a DIFFERENT bundle with the id \(id): two bundles signed with one id mean that its key is used by someone else, or that its software is broken. Nothing was imported. Call the desk and compare its export log before going on.")
        case .inconsistent(let detail):
            return language.pick(
                fr: "La boîte de l'équipe est incohérente (\(detail)). Rien n'y a été changé. Restaurez la boîte depuis une sauvegarde, ou importez de nouveau les lots dans une nouvelle boîte.",
                en: "The inbox is inconsistent (\(detail)). Nothing in it was changed. Restore the inbox from a backup, or import the bundles again into a new inbox.")
        }
    }
}

/// The team inbox: verified bundle copies under `bundles/`, and `inbox.sqlite` with the known desks,
/// the imported bundles, which records each carries, the withdrawn records and the team's sealed case
/// work (`TeamInbox+Cases.swift`).
public final class TeamInbox: @unchecked Sendable {
    /// The inbox folder.
    public let directory: String
    private let database: DatabaseQueue

    /// Opens (creating it unless `readOnly`) the inbox in `directory`.
    public init(directory: String, readOnly: Bool = false) throws {
        self.directory = directory
        let file = directory + "/inbox.sqlite"
        var configuration = Configuration()
        configuration.busyMode = .timeout(10)
        configuration.readonly = readOnly
        configuration.label = "temoin-inbox"
        do {
            if readOnly {
                guard FileManager.default.fileExists(atPath: file) else { throw VaultError.notFound(path: directory) }
            } else {
                umask(0o077)
                try FileSystem.createFolder(directory + "/bundles")
                // A rollback journal (not WAL) so that an inbox on read-only media can still be opened read-only.
                configuration.prepareDatabase { db in try db.execute(sql: "PRAGMA journal_mode = DELETE; PRAGMA synchronous = FULL") }
            }
            database = try DatabaseQueue(path: file, configuration: configuration)
            if !readOnly { try Self.exclusively(in: directory) { try Self.migrator.migrate(database) } }
        } catch let error as VaultError {
            throw error
        } catch {
            throw DatabaseFailure.translate(error, path: directory, file: file)
        }
    }

    /// The default inbox folder: `TEMOIN_INBOX`, else `$XDG_DATA_HOME/temoin-inbox`.
    public static func defaultDirectory(_ explicit: String?, environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        if let explicit, !explicit.isEmpty { return explicit }
        if let env = environment["TEMOIN_INBOX"], !env.isEmpty { return env }
        return DataLocation.defaultDirectory("temoin-inbox", environment: environment)
    }

    // MARK: Import

    /// Verifies `path` and copies it into the inbox; importing the same bundle twice changes nothing, and a
    /// different bundle under an id the desk already used is refused (`InboxError.bundleIDReused`).
    ///
    /// Imports are serialised by the inbox lock: a second `temoin team import` waits for the first.
    public func importBundle(_ path: String, now: Date = Date()) throws -> ImportResult {
        try Self.exclusively(in: directory) { try importLocked(path, now: now) }
    }

    /// What two desk names must share to be taken for the same name: their letters and digits, compatibility
    /// forms (full-width, mathematical letters) and Greek or Cyrillic look-alikes read as the Latin letter they
    /// print like, then case and accents folded. An impostor naming a desk `permanence`, `Permanence `,
    /// `Perma\u{200B}nence` (a zero-width space), `Реrmanence` (a Cyrillic `Р` and `е`) or `ＰＥＲＭＡＮＥＮＣＥ` is still
    /// said to clash with a known `Permanence`.
    static func nameKey(_ name: String) -> String {
        let latin = name.precomposedStringWithCompatibilityMapping.unicodeScalars.map { latinLookAlikes[$0] ?? $0 }
        return String(String.UnicodeScalarView(String(String.UnicodeScalarView(latin)).searchKey.unicodeScalars.filter {
            $0.properties.isAlphabetic || $0.properties.numericType != nil
        }))
    }

    /// Greek and Cyrillic letters (and a few Latin ones) that print like a Latin letter, to that letter: the
    /// confusables of Unicode's TR39 that a desk name in French could be spoofed with.
    private static let latinLookAlikes: [Unicode.Scalar: Unicode.Scalar] = {
        let pairs = ["АA", "ВB", "ЕE", "ЁE", "КK", "МM", "НH", "ОO", "РP", "СC", "ТT", "ХX", "УY", "ЅS", "ІI", "ЇI", "ЈJ", "ԚQ", "ԜW",
                     "аa", "еe", "ёe", "оo", "рp", "сc", "уy", "хx", "ѕs", "іi", "їi", "јj", "һh", "ԁd", "ԛq", "ԝw", "ӏl", "кk", "мm",
                     "ΑA", "ΒB", "ΕE", "ΖZ", "ΗH", "ΙI", "ΚK", "ΜM", "ΝN", "ΟO", "ΡP", "ΤT", "ΥY", "ΧX",
                     "αa", "ιi", "κk", "νv", "οo", "ρp", "υu", "χx", "ıi", "ɑa", "ℓl"]
        var table: [Unicode.Scalar: Unicode.Scalar] = [:]
        for pair in pairs {
            let scalars = Array(pair.unicodeScalars)
            if scalars.count == 2 { table[scalars[0]] = scalars[1] }
        }
        return table
    }()

    private func importLocked(_ path: String, now: Date) throws -> ImportResult {
        // The signed header and record list say what the bundle is; its records are proven on the copy.
        let summary = try BundleRecordReader(path: path).manifest
        let header = summary.header, deskKey = Data(header.deskPublicKey)
        let bundleID = Hex.encode(header.bundleID)
        let known = try desk(publicKey: header.deskPublicKey)
        if let known, known.trust == .revoked { throw InboxError.revokedDesk(name: known.name, fingerprint: known.fingerprint) }
        let nameKey = Self.nameKey(header.deskName)
        let clash = try desks().first { Self.nameKey($0.name) == nameKey && $0.publicKey != header.deskPublicKey && $0.trust != .revoked }
        // A bundle is this desk's bundle with this id AND this signed content: anything else under a known id is refused.
        if let existing = try storedBundle(desk: header.deskPublicKey, id: bundleID) {
            guard try existing.digest ?? Self.digest(ofCopy: existing.bundle) == summary.signedDigest else {
                throw InboxError.bundleIDReused(bundleID: bundleID, fingerprint: header.deskFingerprint)
            }
            guard let known else { throw InboxError.inconsistent("a bundle of an unknown desk") }
            return ImportResult(outcome: .alreadyImported, header: header, desk: known, deskIsNew: false, nameClash: clash,
                                recordsAlreadyKnown: header.recordCount)
        }
        let sameID = try read { db in
            try Data.fetchAll(db, sql: "SELECT DISTINCT desk_key FROM bundle WHERE bundle_id = ? AND desk_key != ?", arguments: [bundleID, deskKey])
        }
        let file = Hex.encode(KeyIdentity.keyID(of: header.deskPublicKey)) + "-" + bundleID + ".tmn"
        try copyVerified(path, to: directory + "/bundles/" + file, expected: summary)
        let (delivered, conflicting, latest) = try write { db -> (Int, Int, Int64?) in
            if known == nil {
                try db.execute(sql: "INSERT INTO desk (public_key, name, trust, first_seen) VALUES (?, ?, 'new', ?)",
                               arguments: [deskKey, header.deskName, Int64(now.timeIntervalSince1970)])
            } else {
                try db.execute(sql: "UPDATE desk SET name = ? WHERE public_key = ?", arguments: [header.deskName, deskKey])
            }
            let latest = try Int64.fetchOne(db, sql: "SELECT max(created_at) FROM bundle WHERE desk_key = ?", arguments: [deskKey])
            try db.execute(sql: """
                INSERT INTO bundle (desk_key, bundle_id, digest, file, created_at, imported_at, record_count) VALUES (?, ?, ?, ?, ?, ?, ?)
                """, arguments: [deskKey, bundleID, Data(summary.signedDigest), file, Int64(clamping: header.createdAt),
                                 Int64(now.timeIntervalSince1970), header.recordCount])
            let seq = db.lastInsertedRowID
            var delivered = 0, conflicting = 0
            let copies = try db.makeStatement(sql: """
                SELECT b.desk_key, r.envelope_hash FROM record r JOIN bundle b ON b.seq = r.bundle WHERE r.record_id = ?
                """)
            let insert = try db.makeStatement(sql: "INSERT INTO record (record_id, bundle, envelope_hash) VALUES (?, ?, ?)")
            for index in 0..<header.recordCount {
                let id = Data(summary.recordID(at: index)), hash = summary.envelopeHash(at: index).map { Data($0) }
                var same = false, other = false
                for row in try Row.fetchAll(copies, arguments: [id]) {
                    let otherHash: Data? = row.checked("envelope_hash")
                    // An inbox copy of an older build has no hash: the same desk's copy counts as the same content.
                    if row.checked("desk_key") as Data? == deskKey && (otherHash == nil || otherHash == hash) { same = true } else { other = true }
                }
                if other { conflicting += 1 } else if same { delivered += 1 }
                try insert.execute(arguments: [id, seq, hash])
            }
            return (delivered, conflicting, latest)
        }
        guard let desk = try self.desk(publicKey: header.deskPublicKey) else { throw InboxError.inconsistent("the desk just recorded is missing") }
        var result = ImportResult(outcome: .imported, header: header, desk: desk, deskIsNew: known == nil, nameClash: clash,
                                  recordsAlreadyKnown: delivered)
        result.conflictingRecords = conflicting
        result.bundleIDAlsoUsedBy = try desks().filter { sameID.contains(Data($0.publicKey)) }
        if let latest, latest > Int64(clamping: header.createdAt) { result.newerBundleExportedAt = Date(timeIntervalSince1970: TimeInterval(latest)) }
        return result
    }

    /// The signed digest of a bundle kept by an older build, which did not record it.
    private static func digest(ofCopy bundle: InboxBundle) throws -> [UInt8] {
        try BundleRecordReader(path: bundle.path, keepsHashes: false).manifest.signedDigest
    }

    /// Copies a bundle durably into an unnamed (or temporary) file, verifies the copy whole (what is checked
    /// is what is kept), then links it into place.
    private func copyVerified(_ source: String, to destination: String, expected: BundleManifest) throws {
        let pending = try PendingFile(for: destination)
        let input = try FileSource(path: source)
        var remaining = expected.byteCount
        while remaining > 0 {
            let chunk = try input.read(min(remaining, 1 << 16), "bundle")
            try pending.write(chunk)
            remaining -= chunk.count
        }
        try pending.sink.flush()   // read back from the kernel's cache; publishing syncs it
        let copy = try BundleReader.read(pending.readablePath)
        guard copy.header == expected.header, copy.entries == expected.entries else {
            throw VaultError.bundle(.manifestMismatch("the inbox copy differs from the original"))
        }
        do { try pending.publish(as: destination) } catch VaultError.fileExists {}
    }

    /// Runs `body` holding the inbox lock (`inbox.lock`), waiting while another process holds it.
    private static func exclusively<T>(in directory: String, _ body: () throws -> T) throws -> T {
        let path = directory + "/inbox.lock"
        let fd = FileSystem.open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw VaultError.writing(path, errno: errno) }
        defer { flock(fd, LOCK_UN); close(fd) }   // unlocked even if close fails
        while flock(fd, LOCK_EX) != 0 {
            guard errno == EINTR else { throw VaultError.writing(path, errno: errno) }
        }
        return try body()
    }

    // MARK: Desks

    /// Every known desk, in the order first seen.
    public func desks() throws -> [KnownDesk] {
        try read { db in try Row.fetchAll(db, sql: "SELECT * FROM desk ORDER BY first_seen, rowid").map(Self.desk(from:)) }
    }

    /// The desk with this public key, if known.
    public func desk(publicKey: [UInt8]) throws -> KnownDesk? {
        try read { db in try Row.fetchOne(db, sql: "SELECT * FROM desk WHERE public_key = ?", arguments: [Data(publicKey)]).map(Self.desk(from:)) }
    }

    /// Sets a desk's trust, found by its fingerprint (as printed, hyphens optional).
    @discardableResult
    public func setTrust(_ trust: DeskTrust, fingerprint: String) throws -> KnownDesk {
        let wanted = ReadableCode.normalise(fingerprint)
        guard var desk = try desks().first(where: { $0.fingerprint == wanted }) else { throw InboxError.unknownDesk(wanted) }
        try write { db in try db.execute(sql: "UPDATE desk SET trust = ? WHERE public_key = ?", arguments: [trust.rawValue, Data(desk.publicKey)]) }
        desk.trust = trust
        return desk
    }

    private static func desk(from row: Row) throws -> KnownDesk {
        guard let key: Data = row.checked("public_key"), let name: String = row.checked("name"), let firstSeen: Int64 = row.checked("first_seen") else {
            throw InboxError.inconsistent("a desk row lacks its key, name or date, or holds another type of value")
        }
        // An inbox written before bundles' desk names were read safely may hold a name with terminal sequences.
        return KnownDesk(publicKey: [UInt8](key), name: name.replacingControlCharacters(), trust: (row.checked("trust") as String?).flatMap(DeskTrust.init(rawValue:)) ?? .new,
                         firstSeen: Date(timeIntervalSince1970: TimeInterval(firstSeen)))
    }

    // MARK: Bundles

    /// Every bundle in the inbox, in the order imported (not by the export time, which the signer chooses).
    public func bundles() throws -> [InboxBundle] {
        try read { db in try Row.fetchAll(db, sql: "SELECT * FROM bundle ORDER BY seq").map(bundle(from:)) }
    }

    /// The bundle `id` of the desk `deskKey`, with the digest recorded when it was imported (nil for an older build's).
    private func storedBundle(desk deskKey: [UInt8], id: String) throws -> (bundle: InboxBundle, digest: [UInt8]?)? {
        try read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM bundle WHERE desk_key = ? AND bundle_id = ?", arguments: [Data(deskKey), id]).map { row in
                (try bundle(from: row), (row.checked("digest") as Data?).map { [UInt8]($0) })
            }
        }
    }

    private func bundle(from row: Row) throws -> InboxBundle {
        guard let id: String = row.checked("bundle_id"), let file: String = row.checked("file"), let desk: Data = row.checked("desk_key"),
              let count: Int = row.checked("record_count"), let created: Int64 = row.checked("created_at"), !file.contains("/") else {
            throw InboxError.inconsistent("a bundle row lacks a field, holds another type of value, or names a file outside the inbox")
        }
        return InboxBundle(bundleID: id, path: directory + "/bundles/" + file, deskPublicKey: [UInt8](desk), recordCount: count,
                           createdAt: Date(timeIntervalSince1970: TimeInterval(created)))
    }

    /// How many distinct records each desk delivered (a record carried by several bundles counts once), by public key.
    public func recordCounts() throws -> [Data: Int] {
        try read { db in
            var counts: [Data: Int] = [:]
            for row in try Row.fetchAll(db, sql: """
                SELECT b.desk_key, count(DISTINCT r.record_id) AS n FROM record r JOIN bundle b ON b.seq = r.bundle GROUP BY b.desk_key
                """) {
                if let desk: Data = row.checked("desk_key"), let count: Int = row.checked("n") { counts[desk] = count }
            }
            return counts
        }
    }

    /// The bundles to decrypt, in import order: all but those of revoked desks (returned apart, to report them).
    ///
    /// The accepted ones come as `InboxCopies`, the proof that each was verified whole when imported.
    public func bundlesToRead() throws -> (accepted: InboxCopies, fromRevokedDesks: [InboxBundle]) {
        let revoked = Set(try desks().filter { $0.trust == .revoked }.map(\.publicKey))
        let all = try bundles()
        return (InboxCopies(bundles: all.filter { !revoked.contains($0.deskPublicKey) }, directory: directory),
                all.filter { revoked.contains($0.deskPublicKey) })
    }

    /// The trust of every known desk, by public key.
    public func trustByDesk() throws -> [[UInt8]: DeskTrust] {
        Dictionary(try desks().map { ($0.publicKey, $0.trust) }, uniquingKeysWith: { first, _ in first })
    }

    // MARK: Withdrawal

    /// Marks a record withdrawn: left out of every later decryption, export and report, even after re-import.
    public func withdraw(recordID: [UInt8], receipt: String, now: Date = Date()) throws {
        try write { db in
            try db.execute(sql: "INSERT OR IGNORE INTO withdrawn (record_id, receipt, withdrawn_at) VALUES (?, ?, ?)",
                           arguments: [Data(recordID), receipt, Int64(now.timeIntervalSince1970)])
        }
    }

    /// Whether the testimony with `receipt` (normalised) was withdrawn.
    public func isWithdrawn(receipt: String) throws -> Bool {
        try read { db in try Bool.fetchOne(db, sql: "SELECT 1 FROM withdrawn WHERE receipt = ? LIMIT 1", arguments: [receipt]) != nil }
    }

    /// The ids of withdrawn records.
    public func withdrawnRecordIDs() throws -> Set<[UInt8]> {
        try read { db in Set(try Data.fetchAll(db, sql: "SELECT record_id FROM withdrawn").map { [UInt8]($0) }) }
    }

    // MARK: Plumbing

    func read<T>(_ body: (Database) throws -> T) throws -> T {
        do { return try database.read(body) } catch let error as DatabaseError { throw DatabaseFailure.translate(error, path: directory, file: directory + "/inbox.sqlite") }
    }

    func write<T>(_ body: (Database) throws -> T) throws -> T {
        do { return try database.write(body) } catch let error as DatabaseError { throw DatabaseFailure.translate(error, path: directory, file: directory + "/inbox.sqlite") }
    }

    private static var migrator: DatabaseMigrator {
        var m = DatabaseMigrator()
        m.registerMigration("v1") { db in
            try db.execute(sql: """
                CREATE TABLE desk (public_key BLOB PRIMARY KEY, name TEXT NOT NULL, trust TEXT NOT NULL, first_seen INTEGER NOT NULL);
                CREATE TABLE bundle (bundle_id TEXT PRIMARY KEY, file TEXT NOT NULL, desk_key BLOB NOT NULL REFERENCES desk(public_key),
                                     created_at INTEGER NOT NULL, imported_at INTEGER NOT NULL, record_count INTEGER NOT NULL);
                CREATE TABLE record (record_id BLOB NOT NULL, bundle_id TEXT NOT NULL REFERENCES bundle(bundle_id), PRIMARY KEY (record_id, bundle_id));
                CREATE TABLE withdrawn (record_id BLOB PRIMARY KEY, receipt TEXT NOT NULL, withdrawn_at INTEGER NOT NULL);
                """)
        }
        m.registerMigration("v2: bundles keyed by desk and id, with their signed digest; records with their hash") { db in
            try db.execute(sql: """
                CREATE TABLE bundle2 (seq INTEGER PRIMARY KEY AUTOINCREMENT, desk_key BLOB NOT NULL REFERENCES desk(public_key),
                                      bundle_id TEXT NOT NULL, digest BLOB, file TEXT NOT NULL UNIQUE, created_at INTEGER NOT NULL,
                                      imported_at INTEGER NOT NULL, record_count INTEGER NOT NULL, UNIQUE (desk_key, bundle_id));
                INSERT INTO bundle2 (desk_key, bundle_id, file, created_at, imported_at, record_count)
                    SELECT desk_key, bundle_id, file, created_at, imported_at, record_count FROM bundle ORDER BY imported_at, rowid;
                CREATE TABLE record2 (record_id BLOB NOT NULL, bundle INTEGER NOT NULL REFERENCES bundle2(seq), envelope_hash BLOB,
                                      PRIMARY KEY (record_id, bundle));
                INSERT INTO record2 (record_id, bundle) SELECT r.record_id, b.seq FROM record r JOIN bundle2 b ON b.bundle_id = r.bundle_id;
                DROP TABLE record;
                DROP TABLE bundle;
                ALTER TABLE bundle2 RENAME TO bundle;
                ALTER TABLE record2 RENAME TO record;
                """)
        }
        m.registerMigration("v3: the team's case work, sealed event by event, and the team keys it is sealed to") { db in
            try db.execute(sql: """
                CREATE TABLE case_recipient (public_key BLOB PRIMARY KEY, name TEXT NOT NULL);
                CREATE TABLE case_event (seq INTEGER PRIMARY KEY AUTOINCREMENT, id BLOB NOT NULL UNIQUE, envelope BLOB NOT NULL);
                """)
        }
        return m
    }
}

/// The team inbox's bundles, each verified whole (signature, structure, every record's hash) when
/// `temoin team import` kept it: only `TeamInbox` makes this value, so only its copies are read without
/// hashing each record again (`TeamDecryptor`). The inbox is trusted like the team key (Docs/THREAT-MODEL.md).
public struct InboxCopies: Sendable {
    /// The bundles, in import order.
    public let bundles: [InboxBundle]
    /// The inbox folder, where the cache of their decryption is kept (`InboxCache`).
    let directory: String

    fileprivate init(bundles: [InboxBundle], directory: String) {
        self.bundles = bundles
        self.directory = directory
    }
}
