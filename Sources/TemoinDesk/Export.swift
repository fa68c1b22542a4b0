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
    /// How many evidence files it carries.
    public var fileCount: Int = 0
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
    /// Evidence files go with their records unless `withoutFiles`: then records that have files stay to
    /// export (the next export carries them with their files), and the others are marked exported. The
    /// free space is checked again with the real size of the files once they are known (their list is
    /// encrypted in the vault).
    ///
    /// The bundle is written as an unnamed file (or under a temporary name where the file system has
    /// none) and linked to `path` at the end, so `path` is either complete and verified or absent, even
    /// if the process is killed; an existing file is never replaced.
    public func export(to path: String, all: Bool = false, withoutFiles: Bool = false, secrets: DeskSecrets, now: Date = Date(),
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
        let filter = all ? "" : "WHERE exported = 0"
        // The files to carry, from the encrypted lists, and the real size they add.
        var files: [StoredFileList.Entry] = []
        if !withoutFiles {
            try read { db in
                let rows = try Row.fetchCursor(db, sql: "SELECT seq, files FROM sealed \(filter) \(all ? "WHERE" : "AND") files IS NOT NULL ORDER BY seq")
                while let row = try rows.next() {
                    files += try StoredFileList.open([UInt8](row["files"] as Data), key: storage)
                }
            }
        }
        let folder = FileSystem.folder(of: path)
        let fileBytes = files.reduce(0) { $0 + 8 + $1.length + BundleFormat.fileEntryLength }
        if fileBytes > 0, let free = FileSystem.freeBytes(at: folder), free < UInt64(try exportEstimate(all: all).bytes + fileBytes) {
            throw VaultError.diskFull(path: folder)
        }
        let pending = try PendingFile(for: path)
        try read { db in
            let total = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM sealed \(filter)") ?? 0
            let writer = try BundleWriter(sink: pending.sink, desk: secrets, deskName: deskName, bundleID: bundleID,
                                          createdAt: UInt64(now.timeIntervalSince1970), recordCount: total, fileCount: files.count)
            let rows = try Row.fetchCursor(db, sql: "SELECT seq, envelope, files IS NOT NULL AS has_files FROM sealed \(filter) ORDER BY seq")
            while let row = try rows.next() {
                let envelope = try StoredRecord.open([UInt8](row["envelope"] as Data), key: storage)
                try writer.append(envelope)
                selected.append(envelope.recordID)
                // Without its files, a record that has some stays to export.
                if !(withoutFiles && (row["has_files"] as Bool)) { sequence.append(row["seq"]) }
                if selected.count % 256 == 0 || selected.count == total { progress?(selected.count, total) }
            }
            for file in files {
                let streamPath = EvidenceFiles.path(of: file.id, in: directory)
                let source = try FileSource(path: streamPath)
                try writer.appendFile(id: file.id, length: file.length, hash: file.hash) { try source.read($0, "evidence file \(Hex.encode(file.id))") }
            }
            try writer.finish()
        }
        let check = try BundleReader.read(pending.readablePath)
        guard check.recordIDs == selected, check.files.map(\.id) == files.map(\.id) else {
            throw VaultError.bundle(.manifestMismatch("read-back differs from what was written"))
        }
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
        return ExportSummary(path: path, byteCount: check.byteCount, recordCount: selected.count, fileCount: files.count,
                             deskFingerprint: secrets.fingerprint, bundleID: Hex.encode(bundleID))
    }
}
