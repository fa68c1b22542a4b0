import Foundation
import GRDB
import TemoinCrypto
import TemoinDatabase
@_spi(ExportReadBack) import TemoinFormat
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
        guard estimate.records > 0 else { throw VaultError.nothingToExport(all: all) }
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
    /// encrypted in the vault). One bundle whatever its size: the command line and the desk's screen use
    /// `exportVolumes`, which splits it for a file system that takes smaller files (a FAT32 stick).
    ///
    /// The bundle is written as an unnamed file (or under a temporary name where the file system has
    /// none) and linked to `path` at the end, so `path` is either complete and verified or absent, even
    /// if the process is killed; an existing file is never replaced.
    ///
    /// The streams are hashed on another thread while they are copied, by `streamHashes` when given (started
    /// before unlocking, `VaultStreamHashes.speculative`), and each is compared with what the bundle reads back.
    public func export(to path: String, all: Bool = false, withoutFiles: Bool = false, secrets: DeskSecrets, now: Date = Date(),
                       random: RandomSource = SystemRandom(), streamHashes: VaultStreamHashes? = nil,
                       progress: ExportProgress? = nil) throws -> ExportSummary {
        try preflightExport(to: path, all: all)
        let plan = try exportPlan(all: all, withoutFiles: withoutFiles, secrets: secrets)
        let hashes = hashes(of: plan, given: streamHashes)
        defer { hashes.stop() }
        return try writeBundle(plan.rows, to: path, all: all, withoutFiles: withoutFiles, secrets: secrets, now: now, random: random,
                               hashes: hashes, progress: progress)
    }

    /// `given`, told which streams `plan` takes, or a new hasher of them.
    private func hashes(of plan: ExportPlan, given: VaultStreamHashes?) -> VaultStreamHashes {
        let ids = plan.rows.flatMap { $0.files.map(\.id) }
        guard let given else { return .of(ids, vault: directory) }
        given.want(ids)
        return given
    }

    /// Exports as `export` does, in several complete bundles ("volumes", each signed and verified on its own)
    /// when one would be larger than `maximumBytes`, or, without it, than the destination's file system takes
    /// (4 GiB on a FAT32 stick): `lot.tmn` becomes `lot-1-of-3.tmn`, `lot-2-of-3.tmn`… (Docs/FORMAT.md,
    /// "Volumes"). A testimony is never split from its files; one too large for any volume is refused, naming
    /// it, before anything is written, and so is a destination without room for every volume (a stick full
    /// after the first would leave the team half an export). Each volume's records are marked exported once
    /// it is published.
    public func exportVolumes(to path: String, all: Bool = false, withoutFiles: Bool = false, maximumBytes: Int? = nil, secrets: DeskSecrets,
                              now: Date = Date(), random: RandomSource = SystemRandom(), streamHashes: VaultStreamHashes? = nil,
                              progress: ExportProgress? = nil) throws -> [ExportSummary] {
        try preflightExport(to: path, all: all)
        let plan = try exportPlan(all: all, withoutFiles: withoutFiles, secrets: secrets)
        let hashes = hashes(of: plan, given: streamHashes)
        defer { hashes.stop() }
        guard let maximum = maximumBytes ?? FileSystem.largestFile(at: FileSystem.folder(of: path)), plan.bytes > maximum else {
            return [try writeBundle(plan.rows, to: path, all: all, withoutFiles: withoutFiles, secrets: secrets, now: now, random: random,
                                    hashes: hashes, progress: progress)]
        }
        let volumes: [[ExportPlan.Row]]
        do { volumes = try plan.volumes(maximum: maximum) } catch let tooLarge as ExportPlan.TooLarge {
            throw try refusal(tooLarge, maximum: maximum, secrets: secrets)
        }
        let folder = FileSystem.folder(of: path)
        let bytes = volumes.reduce(0) { $0 + ExportPlan(rows: $1, deskName: plan.deskName).bytes }
        if let free = FileSystem.freeBytes(at: folder), free < UInt64(bytes) { throw VaultError.diskFull(path: folder) }
        let names = volumes.indices.map { ExportPlan.volumeName(path, volume: $0 + 1, of: volumes.count) }
        for name in names { try FileSystem.ensureAbsent(name) }
        return try zip(volumes, names).map { rows, name in
            try writeBundle(rows, to: name, all: all, withoutFiles: withoutFiles, secrets: secrets, now: now, random: random, hashes: hashes,
                            progress: progress)
        }
    }

    /// The refusal of a testimony too large for any volume, naming it by the start of its record id and its
    /// largest file by the start of its file id (how the team's `decrypt --files` names it).
    private func refusal(_ tooLarge: ExportPlan.TooLarge, maximum: Int, secrets: DeskSecrets) throws -> VaultError {
        let stored = try read { db in try Data.fetchOne(db, sql: "SELECT envelope FROM sealed WHERE seq = ?", arguments: [tooLarge.row.seq]) }
        let record = try stored.map { try StoredRecord.open([UInt8]($0), key: secrets.derivedKey(.storage)).recordID } ?? []
        let largest = tooLarge.row.files.max { $0.length < $1.length }
        return .recordTooLargeForVolume(record: String(Hex.encode(record).prefix(8)), file: String(Hex.encode(largest?.id ?? []).prefix(12)),
                                        bytes: tooLarge.bytes, maximum: maximum)
    }

    /// The records to export, in order, with their sizes and files, read from the vault.
    private func exportPlan(all: Bool, withoutFiles: Bool, secrets: DeskSecrets) throws -> ExportPlan {
        let deskKey = try deskKey()
        guard secrets.publicKey == deskKey.publicKey else { throw VaultError.foreignSecrets }
        try LegacyRecords.migrate(self, secrets: secrets)
        let storage = secrets.derivedKey(.storage)
        return try read { db in
            var rows: [ExportPlan.Row] = []
            let cursor = try Row.fetchCursor(db, sql: "SELECT seq, LENGTH(envelope) AS length, files FROM sealed \(all ? "" : "WHERE exported = 0") ORDER BY seq")
            while let row = try cursor.next() {
                guard let seq: Int64 = row.checked("seq"), let length: Int = row.checked("length") else { throw StoredRecord.unreadableRow }
                var files: [StoredFileList.Entry] = []
                if !withoutFiles, !(row["files"] as DatabaseValue).isNull {
                    guard let list: Data = row.checked("files") else { throw StoredRecord.unreadableRow }
                    files = try StoredFileList.open([UInt8](list), key: storage)
                }
                rows.append(ExportPlan.Row(seq: seq, storedLength: length, files: files))
            }
            return ExportPlan(rows: rows, deskName: deskKey.name)
        }
    }

    /// Writes the bundle of `rows` (a run of the records `all` selects, in order) to `path`, verifies it,
    /// publishes it and marks its records exported.
    ///
    /// Each stream is read back as it is copied and compared with the vault's, which `hashes` proves against
    /// the hash noted at sealing: the final read-back does not hash those streams again (`StreamCopier`).
    private func writeBundle(_ rows: [ExportPlan.Row], to path: String, all: Bool, withoutFiles: Bool, secrets: DeskSecrets, now: Date,
                             random: RandomSource, hashes: VaultStreamHashes, progress: ExportProgress?) throws -> ExportSummary {
        guard let first = rows.first?.seq, let last = rows.last?.seq else { throw VaultError.nothingToExport(all: all) }
        let deskKey = try deskKey()
        let storage = secrets.derivedKey(.storage)
        let bundleID = random.bytes(16)
        var selected: [[UInt8]] = []
        var sequence: [Int64] = []
        let deskName = deskKey.name
        let filter = (all ? "WHERE" : "WHERE exported = 0 AND") + " seq BETWEEN \(first) AND \(last)"
        let files = rows.flatMap(\.files)
        let folder = FileSystem.folder(of: path)
        if !files.isEmpty, let free = FileSystem.freeBytes(at: folder), free < UInt64(ExportPlan(rows: rows, deskName: deskName).bytes) {
            throw VaultError.diskFull(path: folder)
        }
        let pending = try PendingFile(for: path)
        var proven: [BundleFileEntry] = []
        try read { db in
            let total = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM sealed \(filter)") ?? 0
            let writer = try BundleWriter(sink: pending.sink, desk: secrets, deskName: deskName, bundleID: bundleID,
                                          createdAt: UInt64(now.timeIntervalSince1970), recordCount: total, fileCount: files.count)
            let rows = try Row.fetchCursor(db, sql: "SELECT seq, envelope, files IS NOT NULL AS has_files FROM sealed \(filter) ORDER BY seq")
            while let row = try rows.next() {
                guard let stored: Data = row.checked("envelope"), let seq: Int64 = row.checked("seq"), let hasFiles: Bool = row.checked("has_files") else {
                    throw StoredRecord.unreadableRow
                }
                let envelope = try StoredRecord.open([UInt8](stored), key: storage)
                try writer.append(envelope)
                selected.append(envelope.recordID)
                // Without its files, a record that has some stays to export.
                if !(withoutFiles && hasFiles) { sequence.append(seq) }
                if selected.count % 256 == 0 || selected.count == total { progress?(selected.count, total) }
            }
            let copier = files.isEmpty ? nil : StreamCopier(vault: directory, hashes: hashes, readBack: try FileSource(path: pending.readablePath))
            copier?.afterPieceWritten = afterStreamPieceWritten
            for file in files {
                var sha256: [UInt8]?   // its SHA-256 once proven; else the final read-back checks the hash noted
                let offset = try writer.appendFile(id: file.id, length: file.length) { sink in
                    sha256 = try copier?.copy(file, into: sink)
                    return sha256 ?? file.hash
                }
                if let sha256 { proven.append(BundleFileEntry(id: file.id, length: file.length, hash: sha256, offset: offset)) }
            }
            try writer.finish()
        }
        // Read back from the medium, not from the page cache: a stick that lost bytes fails the check here.
        try pending.syncAndDropCache()
        afterBundleSynced?(pending.readablePath)
        let check: BundleManifest
        do { check = try BundleReader.read(pending.readablePath, proven: proven) } catch VaultError.bundle {
            // A stream the copy could not prove is hashed here: if it was damaged in the vault, it is named as such.
            if let damaged = files.first(where: { file in (try? EvidenceFiles.streamHashes(of: file.id, in: directory))?.contains(file.hash) != true }) {
                throw VaultError.bundle(.manifestMismatch("evidence file \(Hex.encode(damaged.id)) in the vault is not the one sealed: it was damaged on this disk"))
            }
            throw VaultError.notKept(path: path)
        }
        guard check.recordIDs == selected, check.files.map(\.id) == files.map(\.id) else { throw VaultError.notKept(path: path) }
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

/// The records an export takes, in order, with what each adds to a bundle: enough to check the free space
/// and to cut the export into volumes before anything is written.
struct ExportPlan {
    /// One sealed record to export.
    struct Row {
        let seq: Int64
        /// Its length in the vault, which is more than its envelope's (the vault adds a nonce and a tag).
        let storedLength: Int
        /// The evidence files carried with it (none with `--without-files`).
        let files: [StoredFileList.Entry]

        /// At most what it adds to a bundle (Docs/FORMAT.md): its length prefix, envelope and manifest entry,
        /// and per file its length prefix, stream and manifest entry.
        var bytes: Int { 4 + storedLength + BundleFormat.entryLength + files.reduce(0) { $0 + 8 + $1.length + BundleFormat.fileEntryLength } }
    }

    /// A record of a plan cannot fit in one volume.
    struct TooLarge: Error {
        let row: Row
        /// The size of a bundle of that record alone.
        let bytes: Int
    }

    let rows: [Row]
    let deskName: String

    /// What every bundle has besides its records and files: header, manifest magic and counts, signature.
    var fixedBytes: Int { 71 + deskName.utf8.count + 12 + BundleFormat.signatureLength }

    /// At most the size of the bundle of every row.
    var bytes: Int { fixedBytes + rows.reduce(0) { $0 + $1.bytes } }

    /// The rows cut, in order, into runs whose bundles are at most `maximum` bytes each; throws `TooLarge`
    /// for the first record that no volume can hold.
    func volumes(maximum: Int) throws -> [[Row]] {
        var volumes: [[Row]] = [], current: [Row] = [], size = fixedBytes
        for row in rows {
            guard fixedBytes + row.bytes <= maximum else { throw TooLarge(row: row, bytes: fixedBytes + row.bytes) }
            if size + row.bytes > maximum {
                volumes.append(current)
                (current, size) = ([], fixedBytes)
            }
            current.append(row)
            size += row.bytes
        }
        if !current.isEmpty { volumes.append(current) }
        return volumes
    }

    /// The name of volume `volume` (from 1) of `count`: `lot.tmn` gives `lot-2-of-3.tmn`, `lot` gives `lot-2-of-3`.
    static func volumeName(_ path: String, volume: Int, of count: Int) -> String {
        let folder = (path as NSString).deletingLastPathComponent, name = (path as NSString).lastPathComponent
        let ext = (name as NSString).pathExtension, stem = (name as NSString).deletingPathExtension
        let volumeName = stem + "-\(volume)-of-\(count)" + (ext.isEmpty ? "" : "." + ext)
        return folder.isEmpty ? volumeName : (folder as NSString).appendingPathComponent(volumeName)
    }
}
