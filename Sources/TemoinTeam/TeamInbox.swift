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
    /// The bundle id (hexadecimal).
    public var bundleID: String
    /// The path of the inbox copy.
    public var path: String
    /// The signing desk.
    public var deskPublicKey: [UInt8]
    /// How many records it carries.
    public var recordCount: Int
    /// When the desk exported it.
    public var createdAt: Date
}

/// What importing one bundle did.
public struct ImportResult: Sendable, Equatable {
    /// What happened.
    public enum Outcome: Sendable, Equatable {
        /// Copied into the inbox.
        case imported
        /// The same bundle was imported before; nothing changed.
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
    /// Records of this bundle already present in other inbox bundles.
    public var recordsAlreadyKnown: Int
}

/// Why the inbox refused something.
public enum InboxError: TemoinError, Equatable {
    /// The bundle comes from a revoked desk.
    case revokedDesk(name: String, fingerprint: String)
    /// No desk with that fingerprint.
    case unknownDesk(String)

    public func message(in language: Language) -> String {
        switch self {
        case .revokedDesk(let name, let fp):
            return language.pick(
                fr: "Ce lot vient du poste « \(name) » (\(fp)), que l'équipe a révoqué. Il n'a pas été importé. Si le poste redevient digne de confiance, lancez d'abord `temoin team desks approve \(fp)`.",
                en: "This bundle comes from the desk \"\(name)\" (\(fp)), which the team revoked. It was not imported. If the desk is trusted again, run `temoin team desks approve \(fp)` first.")
        case .unknownDesk(let fp):
            return language.pick(fr: "Aucun poste connu n'a l'empreinte \(fp). `temoin team desks` les liste.",
                                 en: "No known desk has the fingerprint \(fp). `temoin team desks` lists them.")
        }
    }
}

/// The team inbox: verified bundle copies under `bundles/`, and `inbox.sqlite` with the known desks,
/// the imported bundles, which records each carries, and the withdrawn records.
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
                try FileManager.default.createDirectory(atPath: directory + "/bundles", withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
                // A rollback journal (not WAL) so that an inbox on read-only media can still be opened read-only.
                configuration.prepareDatabase { db in try db.execute(sql: "PRAGMA journal_mode = DELETE; PRAGMA synchronous = FULL") }
            }
            database = try DatabaseQueue(path: file, configuration: configuration)
            if !readOnly { try Self.exclusively(in: directory) { try Self.migrator.migrate(database) } }
        } catch let error as VaultError {
            throw error
        } catch let error as DatabaseError {
            throw DatabaseFailure.translate(error, path: directory)
        } catch {
            throw VaultError.notWritable(path: directory, reason: .folderNotCreated)
        }
    }

    /// The default inbox folder: `TEMOIN_INBOX`, else `$XDG_DATA_HOME/temoin-inbox`.
    public static func defaultDirectory(_ explicit: String?, environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        if let explicit, !explicit.isEmpty { return explicit }
        if let env = environment["TEMOIN_INBOX"], !env.isEmpty { return env }
        return DataLocation.defaultDirectory("temoin-inbox", environment: environment)
    }

    // MARK: Import

    /// Verifies `path` and copies it into the inbox; importing the same bundle twice changes nothing.
    ///
    /// Imports are serialised by the inbox lock: a second `temoin team import` waits for the first.
    public func importBundle(_ path: String, now: Date = Date()) throws -> ImportResult {
        try Self.exclusively(in: directory) { try importLocked(path, now: now) }
    }

    private func importLocked(_ path: String, now: Date) throws -> ImportResult {
        // The signed header and record list say what the bundle is; its records are proven on the copy.
        let summary = try BundleRecordReader(path: path).manifest
        let header = summary.header
        let bundleID = Hex.encode(header.bundleID)
        let known = try desk(publicKey: header.deskPublicKey)
        if let known, known.trust == .revoked { throw InboxError.revokedDesk(name: known.name, fingerprint: known.fingerprint) }
        let clash = try desks().first { $0.name == header.deskName && $0.publicKey != header.deskPublicKey && $0.trust != .revoked }
        if try bundle(id: bundleID) != nil {
            return ImportResult(outcome: .alreadyImported, header: header, desk: known!, deskIsNew: false, nameClash: clash, recordsAlreadyKnown: header.recordCount)
        }
        let destination = directory + "/bundles/" + bundleID + ".tmn"
        try copyVerified(path, to: destination, expected: summary)
        let alreadyKnown = try write { db -> Int in
            if known == nil {
                try db.execute(sql: "INSERT INTO desk (public_key, name, trust, first_seen) VALUES (?, ?, 'new', ?)",
                               arguments: [Data(header.deskPublicKey), header.deskName, Int64(now.timeIntervalSince1970)])
            } else {
                try db.execute(sql: "UPDATE desk SET name = ? WHERE public_key = ?", arguments: [header.deskName, Data(header.deskPublicKey)])
            }
            try db.execute(sql: "INSERT INTO bundle (bundle_id, file, desk_key, created_at, imported_at, record_count) VALUES (?, ?, ?, ?, ?, ?)",
                           arguments: [bundleID, bundleID + ".tmn", Data(header.deskPublicKey), Int64(header.createdAt), Int64(now.timeIntervalSince1970), header.recordCount])
            var already = 0
            let check = try db.makeStatement(sql: "SELECT 1 FROM record WHERE record_id = ? LIMIT 1")
            let insert = try db.makeStatement(sql: "INSERT INTO record (record_id, bundle_id) VALUES (?, ?)")
            for id in summary.recordIDs {
                if try Bool.fetchOne(check, arguments: [Data(id)]) != nil { already += 1 }
                try insert.execute(arguments: [Data(id), bundleID])
            }
            return already
        }
        let desk = try self.desk(publicKey: header.deskPublicKey)!
        return ImportResult(outcome: .imported, header: header, desk: desk, deskIsNew: known == nil, nameClash: clash, recordsAlreadyKnown: alreadyKnown)
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
        let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw VaultError.writing(path, errno: errno) }
        defer { close(fd) }
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

    private static func desk(from row: Row) -> KnownDesk {
        KnownDesk(publicKey: [UInt8](row["public_key"] as Data), name: row["name"], trust: DeskTrust(rawValue: row["trust"]) ?? .new,
                  firstSeen: Date(timeIntervalSince1970: TimeInterval(row["first_seen"] as Int64)))
    }

    // MARK: Bundles

    /// Every bundle in the inbox, oldest export first.
    public func bundles() throws -> [InboxBundle] {
        try read { db in try Row.fetchAll(db, sql: "SELECT * FROM bundle ORDER BY created_at, rowid").map(bundle(from:)) }
    }

    private func bundle(id: String) throws -> InboxBundle? {
        try read { db in try Row.fetchOne(db, sql: "SELECT * FROM bundle WHERE bundle_id = ?", arguments: [id]).map(bundle(from:)) }
    }

    private func bundle(from row: Row) -> InboxBundle {
        InboxBundle(bundleID: row["bundle_id"], path: directory + "/bundles/" + (row["file"] as String), deskPublicKey: [UInt8](row["desk_key"] as Data),
                    recordCount: row["record_count"], createdAt: Date(timeIntervalSince1970: TimeInterval(row["created_at"] as Int64)))
    }

    /// The bundles to decrypt: all but those of revoked desks (returned apart, to report them).
    public func bundlesToRead() throws -> (accepted: [InboxBundle], fromRevokedDesks: [InboxBundle]) {
        let revoked = Set(try desks().filter { $0.trust == .revoked }.map(\.publicKey))
        let all = try bundles()
        return (all.filter { !revoked.contains($0.deskPublicKey) }, all.filter { revoked.contains($0.deskPublicKey) })
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

    private func read<T>(_ body: (Database) throws -> T) throws -> T {
        do { return try database.read(body) } catch let error as DatabaseError { throw DatabaseFailure.translate(error, path: directory) }
    }

    private func write<T>(_ body: (Database) throws -> T) throws -> T {
        do { return try database.write(body) } catch let error as DatabaseError { throw DatabaseFailure.translate(error, path: directory) }
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
        return m
    }
}
