import CMagic
import Foundation
import GRDB
import Synchronization
import TemoinCrypto
import TemoinDatabase
import TemoinFormat
import TemoinForms
import TemoinStorage

/// An evidence file the volunteer gives with a testimony: the `files` field it answers and where it is.
public struct Attachment: Sendable, Equatable {
    /// The id of a `files` field of the questionnaire.
    public var field: String
    /// The path of the witness's file (read only, never changed).
    public var path: String

    /// The file at `path`, answering `field`.
    public init(field: String, path: String) {
        self.field = field
        self.path = path
    }
}

/// The evidence files of the desk vault: one stream per file under `files/` (Docs/FORMAT.md, "File
/// stream"), named by its random id, whose key is only inside the sealed record.
///
/// A file is read once, in chunks, and only its encryption is written: no plaintext copy reaches the disk.
/// Its stream is written unnamed and linked under its name once complete and synced, the folder synced
/// too, before the record that holds its key is stored.
enum EvidenceFiles {
    /// The folder of the streams.
    static func folder(of vault: String) -> String { vault + "/files" }

    /// The path of file `id`'s stream.
    static func path(of id: [UInt8], in vault: String) -> String { folder(of: vault) + "/" + Hex.encode(id) + ".tmnf" }

    /// A witness's file opened for reading: its descriptor, size and content type, checked against its field,
    /// and what it says about its taking.
    struct Source {
        let attachment: Attachment
        let fd: Int32
        let size: Int
        let type: String
        let capture: CaptureMetadata?

        /// Opens and checks `attachment` against `field` (kind, size, type); throws `attachmentRefused`.
        init(_ attachment: Attachment, field: Field) throws {
            self.attachment = attachment
            let path = attachment.path
            func refuse(_ reason: AttachmentRefusal) -> VaultError { .attachmentRefused(path: path, reason: reason) }
            // Non-blocking: opening a FIFO (or a device) waits for a writer forever; the check below refuses it.
            let fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
            guard fd >= 0 else { throw refuse(.unopenable(errno: errno)) }
            var info = stat()
            guard fstat(fd, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG, fcntl(fd, F_SETFL, O_RDONLY) == 0 else {
                Foundation.close(fd)
                throw refuse(.notRegular)
            }
            let size = Int(info.st_size)
            if let max = field.maxSize, size > max {
                Foundation.close(fd)
                throw refuse(.tooBig(size: size, maximum: max, field: field.id))
            }
            guard size <= EvidenceStream.maximumSize else { Foundation.close(fd); throw refuse(.beyondStreams) }
            let type: String
            do { type = try ContentType.detect(fd: fd) } catch { Foundation.close(fd); throw refuse(.typeUnreadable(detail: "\(error)")) }
            guard field.accepts(type: type) else {
                Foundation.close(fd)
                throw refuse(.typeNotAccepted(type: type, field: field.id, accepted: field.accept ?? []))
            }
            (self.fd, self.size, self.type) = (fd, size, type)
            capture = CaptureReader(fd: fd, size: size).metadata()
        }

        /// Closes the file.
        func close() { _ = Foundation.close(fd) }

        /// Reads from the current position into `buffer`; 0 at the end.
        func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
            while true {
                let n = Foundation.read(fd, buffer.baseAddress, buffer.count)
                if n >= 0 { return n }
                if errno != EINTR { throw VaultError.unreadable(path: attachment.path, errno: errno) }
            }
        }
    }

    /// Encrypts `source` into the vault's `files/` folder, telling `progress` how many bytes are read; the
    /// stream is on disk (file and folder synced) when this returns. A failure leaves no stream behind.
    static func store(_ source: Source, vault: DeskVault, random: RandomSource, progress: (_ done: Int) -> Void = { _ in }) throws -> SealedEvidence {
        let (sealed, pending) = try encrypt(source, vault: vault, pending: "pending.tmnf", random: random, progress: progress)
        defer { vault.streamsInFlight.remove(pending.name) }
        try pending.file.publish(as: path(of: sealed.id, in: vault.directory))
        return sealed
    }

    /// A stream written and synced, not yet named in `files/`: its bytes vanish with it (or with the process)
    /// unless it is published. `name` is its name in `files/` where the file system has no unnamed files,
    /// kept from the sweep of orphans (`StreamsInFlight`) until it is published or given up.
    struct Pending {
        let file: PendingFile
        let name: String
    }

    /// Encrypts `source` into an unnamed file of the vault's `files/` folder (`pending`, a name in that folder,
    /// only where the file system cannot make unnamed files), synced, telling `progress` how many bytes are
    /// read (it throws to stop). The caller names it (`PendingFile.publish`), then removes its name from
    /// `vault.streamsInFlight`. A failure leaves nothing behind.
    static func encrypt(_ source: Source, vault: DeskVault, pending name: String, random: RandomSource,
                        progress: (_ done: Int) throws -> Void = { _ in }) throws -> (sealed: SealedEvidence, pending: Pending) {
        let folder = folder(of: vault.directory)
        var isDirectory: ObjCBool = false
        if !FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory) {
            guard mkdir(folder, 0o700) == 0 || errno == EEXIST else { throw VaultError.writing(folder, errno: errno) }
            FileSystem.syncDirectory(vault.directory)
        }
        if let free = FileSystem.freeBytes(at: folder), free < UInt64(EvidenceStream.streamLength(size: source.size)) + (1 << 20) {
            throw VaultError.diskFull(path: vault.directory)
        }
        // Kept from the sweep before the file exists, so that no sweep finds it unprotected.
        let partial = (PendingFile.partialPath(for: folder + "/" + name) as NSString).lastPathComponent
        vault.streamsInFlight.add(partial)
        let pending: PendingFile
        do { pending = try PendingFile(for: folder + "/" + name, unnamed: vault.unnamedStreams) } catch { vault.streamsInFlight.remove(partial); throw error }
        let kept = Pending(file: pending, name: partial)
        do {
            var done = 0
            let sealed = try EvidenceStream.seal(size: source.size, random: random, read: { buffer in
                let count = try source.read(into: buffer)
                done += count
                vault.afterFilePieceRead?(done)
                try progress(done)
                return count
            }, write: { try pending.writeDirect($0) })   // past the page cache: the stream is not read again here
            try pending.sink.sync()
            return (sealed, kept)
        } catch {
            vault.streamsInFlight.remove(partial)
            throw error
        }
    }

    /// The hashes of the stream of file `id` in the vault as it is on disk now, to compare with the one noted
    /// when it was sealed: its SHA-256, and its BLAKE2b-32, which lists and drafts written by development
    /// builds before December 2026 noted instead (Docs/FORMAT.md, "Stored file list"). Nil when the file
    /// changed while it was read, or is no longer `identity` when one is given.
    static func streamHashes(of id: [UInt8], in vault: String, identity: FileIdentity? = nil) throws -> [[UInt8]]? {
        let source = try FileSource(path: path(of: id, in: vault))
        let before = try source.identity()
        guard identity == nil || identity == before else { return nil }
        let sha = SHA256(), blake = Blake2b(outputLength: 32)
        var left = before.byteCount
        while left > 0 {
            let piece = try source.read(min(left, 1 << 20), "evidence file \(Hex.encode(id))")
            piece.withUnsafeBytes { sha.update($0) }
            blake.update(piece)
            left -= piece.count
        }
        guard try source.identity() == before else { return nil }
        return [sha.finish(), blake.finish()]
    }

    /// Removes the streams no sealed record lists: left by a sealing killed between writing its files and
    /// storing its record (their keys died with it, so they can never be opened). Called at unlock, when
    /// the lists can be read; leaves everything in place if any list cannot be read. The streams of files
    /// picked for drafts (listed inside the drafts, under `draftKey`) are not orphans.
    /// Streams this process is writing (`inFlight`, names in `files/` only where the file system has no unnamed
    /// files) are not orphans either.
    static func removeOrphans(_ db: Database, vault: String, key: SecretBytes, draftKey: SecretBytes, inFlight: StreamsInFlight) throws {
        let folder = folder(of: vault)
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder),
              var listed = try pickedStreamNames(db, draftKey: draftKey) else { return }
        let rows = try Row.fetchCursor(db, sql: "SELECT files FROM sealed WHERE files IS NOT NULL")
        while let row = try rows.next() {
            // A list that cannot be read (an edited or damaged vault) could name any stream: none is removed then,
            // and the unlock goes on (its drafts stay reachable).
            guard let list: Data = row.checked("files"), let entries = try? StoredFileList.open([UInt8](list), key: key) else { return }
            for entry in entries { listed.insert(Hex.encode(entry.id) + ".tmnf") }
        }
        let orphans = names.filter { !listed.contains($0) && !inFlight.contains($0) }
        guard !orphans.isEmpty else { return }
        for name in orphans { unlink(folder + "/" + name) }
        FileSystem.syncDirectory(folder)
    }

    /// Removes the streams of `ids` (a sealing that failed after they were written), and syncs the folder.
    static func remove(_ ids: [[UInt8]], vault: String) {
        for id in ids { unlink(path(of: id, in: vault)) }
        FileSystem.syncDirectory(folder(of: vault))
    }
}

/// The names in `files/` of the streams this process is writing, which the sweep of orphans at unlock leaves
/// alone: a stream being written has a name only where the file system cannot make unnamed files
/// (`PendingFile`), and `temoin record` writes its streams while the vault is unlocked (`PreparedSeal`).
final class StreamsInFlight: Sendable {
    private let names = Mutex<Set<String>>([])

    func add(_ name: String) { names.withLock { _ = $0.insert(name) } }
    func remove(_ name: String) { names.withLock { _ = $0.remove(name) } }
    func contains(_ name: String) -> Bool { names.withLock { $0.contains(name) } }
}

/// The type of a file read from its first bytes by libmagic (`image/jpeg`), never from its name.
enum ContentType {
    /// How much of the start of a file libmagic is shown: enough for every type the questionnaire accepts.
    static let sniffLength = 1 << 16

    /// The MIME type of the file open at `fd`, read with `pread` (the file position stays at 0).
    static func detect(fd: Int32) throws -> String {
        let head = SecretBytes(count: sniffLength)   // the witness's bytes: guarded memory only
        let count = try head.withUnsafeMutableBytes { buffer -> Int in
            var filled = 0
            while filled < buffer.count {
                let n = pread(fd, buffer.baseAddress! + filled, buffer.count - filled, off_t(filled))
                if n < 0 && errno == EINTR { continue }
                if n < 0 { throw VaultError.unreadable(path: "/proc/self/fd/\(fd)", errno: errno) }
                if n == 0 { break }
                filled += n
            }
            return filled
        }
        guard let magic = magic_open(temoin_magic_flags()) else { throw InstalledResourceError.contentTypes(detail: "cannot start") }
        defer { magic_close(magic) }
        guard magic_load(magic, nil) == 0 else { throw InstalledResourceError.contentTypes(detail: String(cString: magic_error(magic))) }
        let result = head.withUnsafeBytes { magic_buffer(magic, $0.baseAddress, count) }
        guard let result else { throw InstalledResourceError.contentTypes(detail: String(cString: magic_error(magic))) }
        return String(cString: result)
    }
}

/// The evidence files of one sealed record as the vault keeps them (`sealed.files`): `TMNL` ‖ version 1
/// ‖ nonce (24) ‖ XChaCha20-Poly1305 under the storage key (associated data: the 5 header bytes) of, per
/// file, its id (16) ‖ stream length (`u64`) ‖ SHA-256 of the stream — what export needs to carry
/// and check the streams without opening the record, which only the team can.
enum StoredFileList {
    static let header: [UInt8] = Array("TMNL".utf8) + [1]

    /// One file of the list.
    struct Entry: Equatable {
        var id: [UInt8]
        var length: Int
        var hash: [UInt8]
    }

    static func seal(_ entries: [Entry], key: SecretBytes, random: RandomSource) -> [UInt8] {
        var w = ByteWriter()
        for entry in entries { w.append(entry.id); w.u64(UInt64(entry.length)); w.append(entry.hash) }
        let nonce = random.bytes(AEAD.nonceLength)
        return header + nonce + w.bytes.withUnsafeBytes { AEAD.seal($0, key: key, nonce: nonce, associatedData: header) }
    }

    static func open(_ bytes: [UInt8], key: SecretBytes) throws -> [Entry] {
        var r = ByteReader(bytes)
        try r.expectMagic(Array(header.prefix(4)), version: 1, kind: .storedFileList)
        let nonce = try r.take(AEAD.nonceLength, "nonce")
        let plain = try AEAD.open(bytes[r.offset...], key: key, nonce: nonce, associatedData: header).withUnsafeBytes { [UInt8]($0) }
        var list = ByteReader(plain)
        var entries: [Entry] = []
        while list.offset < plain.count {
            let id = try list.take(EvidenceStream.idLength, "file id")
            guard let length = Int(exactly: try list.u64("file length")) else { throw CryptoError.malformed("impossible file length") }
            entries.append(Entry(id: id, length: length, hash: try list.take(32, "file hash")))
        }
        return entries
    }
}
