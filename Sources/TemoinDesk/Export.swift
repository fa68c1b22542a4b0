import Foundation
import GRDB
import TemoinCrypto
import TemoinFormat
import TemoinStorage

/// The result of an export, for the volunteer.
public struct ExportSummary: Sendable, Equatable {
    /// Where the bundle was written.
    public var path: String
    /// Its size in bytes.
    public var byteCount: Int
    /// How many records it carries.
    public var recordCount: Int
    /// The desk fingerprint the team will see.
    public var deskFingerprint: String
    /// The bundle id (hexadecimal).
    public var bundleID: String
}

/// Export progress: records written so far out of the total.
public typealias ExportProgress = (_ done: Int, _ total: Int) -> Void

extension DeskVault {
    /// Estimated bundle size and record count, for the preflight check.
    public func exportEstimate(all: Bool) throws -> (records: Int, bytes: Int) {
        try read { db in
            var queries = ["SELECT COUNT(*) AS n, COALESCE(SUM(LENGTH(envelope)), 0) AS bytes FROM sealed " + (all ? "" : "WHERE exported = 0")]
            if try LegacyRecords.exists(db) {  // not unlocked since the upgrade: moved at unlock, before the export
                queries.append("SELECT COUNT(*) AS n, COALESCE(SUM(LENGTH(envelope)), 0) AS bytes FROM record " + (all ? "" : "WHERE export_id IS NULL"))
            }
            var (n, bytes) = (0, 0)
            for sql in queries {
                guard let row = try Row.fetchOne(db, sql: sql) else { continue }
                n += row["n"] as Int
                bytes += row["bytes"] as Int
            }
            return (n, bytes + n * 52 + 512)
        }
    }

    /// Checks that `path` can receive the bundle: folder exists and is writable, no file of that name, enough space.
    public func preflightExport(to path: String, all: Bool) throws {
        let folder = FileSystem.folder(of: path)
        var info = stat()
        guard stat(folder, &info) == 0 else { throw VaultError.writing(folder, errno: errno) }
        guard info.st_mode & S_IFMT == S_IFDIR else { throw VaultError.notWritable(path: folder, errno: ENOTDIR) }
        guard access(folder, W_OK) == 0 else { throw VaultError.writing(folder, errno: errno) }
        try FileSystem.ensureAbsent(path)
        let estimate = try exportEstimate(all: all)
        guard estimate.records > 0 else { throw VaultError.nothingToExport }
        if let free = FileSystem.freeBytes(at: folder), free < UInt64(estimate.bytes) {
            throw VaultError.diskFull(path: folder)
        }
    }

    /// Writes a signed bundle of the records not yet exported (or all of them), reads it back to verify it,
    /// and only then marks the records exported.
    ///
    /// No export log is kept: where and when bundles went is metadata a seized laptop would give away,
    /// and the volunteer needs only what is still to export (`status`).
    ///
    /// The bundle is written as an unnamed file (or under a temporary name where the file system has
    /// none) and linked to `path` at the end, so `path` is either complete and verified or absent, even
    /// if the process is killed; an existing file is never replaced.
    public func export(to path: String, all: Bool = false, secrets: DeskSecrets, now: Date = Date(),
                       random: RandomSource = SystemRandom(), progress: ExportProgress? = nil) throws -> ExportSummary {
        try preflightExport(to: path, all: all)
        let deskKey = try deskKey()
        guard secrets.publicKey == deskKey.publicKey else { throw VaultError.foreignSecrets }
        try LegacyRecords.migrate(self, secrets: secrets)
        let storage = secrets.derivedKey(.storage)
        let bundleID = random.bytes(16)
        var selected: [[UInt8]] = []
        var sequence: [Int64] = []
        let deskName = deskKey.name
        let pending = try PendingFile(for: path)
        try read { db in
            let filter = all ? "" : "WHERE exported = 0"
            let total = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM sealed \(filter)") ?? 0
            let writer = try BundleWriter(sink: pending.sink, desk: secrets, deskName: deskName, bundleID: bundleID,
                                          createdAt: UInt64(now.timeIntervalSince1970), recordCount: total)
            let rows = try Row.fetchCursor(db, sql: "SELECT seq, envelope FROM sealed \(filter) ORDER BY seq")
            while let row = try rows.next() {
                let envelope = try StoredRecord.open([UInt8](row["envelope"] as Data), key: storage)
                try writer.append(envelope)
                selected.append(envelope.recordID)
                sequence.append(row["seq"])
                if selected.count % 256 == 0 || selected.count == total { progress?(selected.count, total) }
            }
            try writer.finish()
        }
        let check = try BundleReader.read(pending.readablePath)
        guard check.recordIDs == selected else { throw VaultError.bundle(.manifestMismatch("read-back differs from what was written")) }
        try pending.publish(as: path)
        do {
            try write { db in
                let update = try db.makeStatement(sql: "UPDATE sealed SET exported = 1 WHERE seq = ?")
                for seq in sequence { try update.execute(arguments: [seq]) }
            }
        } catch {
            unlink(path)   // a failed export leaves nothing behind (were the unlink to fail, a verified bundle)
            throw error
        }
        return ExportSummary(path: path, byteCount: check.byteCount, recordCount: selected.count,
                             deskFingerprint: secrets.fingerprint, bundleID: Hex.encode(bundleID))
    }
}
