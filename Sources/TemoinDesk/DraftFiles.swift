import CMagic
import Foundation
import GRDB
import TemoinCrypto
import TemoinDatabase
import TemoinFormat
import TemoinForms
import TemoinStorage

/// An evidence file picked at the desk for a draft, encrypted into the vault's `files/` folder the moment
/// it was picked, so that no plaintext copy of it ever reaches the desk's disk.
///
/// Its stream key lives only here, inside the draft (which is encrypted under the desk's draft key),
/// until sealing moves it into the sealed record that only the team can open.
public struct DraftFile: Codable, Sendable, Equatable {
    /// The id of the `files` field it answers.
    public var field: String
    /// The file id, 32 hexadecimal digits: its stream is `files/<id>.tmnf`.
    public var id: String
    /// The stream key, 64 hexadecimal digits.
    public var key: String
    /// The file's name on the witness's device (invalid UTF-8 escaped as `\xNN`), never used as a path.
    public var name: String
    /// The original's size in bytes.
    public var size: Int
    /// SHA-256 of the original, 64 hexadecimal digits.
    public var sha256: String
    /// The media type libmagic read from the content.
    public var type: String
    /// The stream's length in bytes.
    public var streamLength: Int
    /// SHA-256 of the stream, 64 hexadecimal digits (what a bundle manifest lists; BLAKE2b-32 in a draft of a
    /// development build before December 2026, which export also accepts).
    public var streamHash: String
    /// The original's modification time, when the device gave one.
    public var modified: Date?
    /// What the file says about its taking (EXIF, `mvhd`), when it says anything.
    public var capture: CaptureMetadata?

    /// What the sealed record says about the file.
    var evidence: EvidenceFile {
        EvidenceFile(field: field, id: id, key: key, name: name, sha256: sha256, size: size, type: type, capture: capture)
    }

    /// What the vault's stored file list says about its stream; nil when the draft's hexadecimal is damaged.
    var listEntry: StoredFileList.Entry? {
        guard let id = Hex.decode(id), id.count == EvidenceStream.idLength, let hash = Hex.decode(streamHash) else { return nil }
        return StoredFileList.Entry(id: id, length: streamLength, hash: hash)
    }
}

/// Reads the types of files from their content with one libmagic handle (loading its database once for a
/// whole folder listing), never from their names.
public final class ContentTypeReader {
    private let magic: magic_t

    /// Opens libmagic; throws when it cannot start or has no database.
    public init() throws {
        guard let magic = magic_open(temoin_magic_flags()) else { throw InstalledResourceError.contentTypes(detail: "cannot start") }
        guard magic_load(magic, nil) == 0 else {
            let reason = String(cString: magic_error(magic))
            magic_close(magic)
            throw InstalledResourceError.contentTypes(detail: reason)
        }
        self.magic = magic
    }

    deinit { magic_close(magic) }

    /// The MIME type of the file open at `fd` (`image/jpeg`), read from its first bytes with `pread` into
    /// guarded memory; nil when the file cannot be read.
    public func type(fd: Int32) -> String? {
        let head = SecretBytes(count: ContentType.sniffLength)   // the witness's bytes: guarded memory only
        let count = head.withUnsafeMutableBytes { buffer -> Int? in
            guard let base = buffer.baseAddress else { return nil }
            var filled = 0
            while filled < buffer.count {
                let n = pread(fd, base + filled, buffer.count - filled, off_t(filled))
                if n < 0 && errno == EINTR { continue }
                if n < 0 { return nil }
                if n == 0 { break }
                filled += n
            }
            return filled
        }
        guard let count else { return nil }
        return head.withUnsafeBytes { bytes in magic_buffer(magic, bytes.baseAddress, count).map { String(cString: $0) } }
    }
}

extension DeskVault {
    /// Encrypts the witness's file at `path` (the raw bytes of its path: names need not be UTF-8) for
    /// `field` into the vault at once, calling `progress(done, total)` as it goes; the stream is on disk
    /// (file and folder synced) when this returns, and the returned description, kept in the draft, is
    /// the only place its key lives.
    ///
    /// Refuses (`attachmentRefused`, naming `name` and the limit) a file when `field` already holds its
    /// most files, or the file is too large, of a type the field does not take, or not a regular file.
    /// The original is only read.
    public func attach(path: [UInt8], name: String, field: Field, alreadyPicked: Int,
                       progress: (_ done: Int, _ total: Int) -> Void = { _, _ in }) throws -> DraftFile {
        _ = try unlocked()
        if let most = field.max, alreadyPicked >= most {
            throw VaultError.attachmentRefused(path: name, reason: .tooMany(field: field.id, maximum: most))
        }
        // Non-blocking: the file listed may have been swapped for a pipe since, whose opening waits for a writer.
        let fd = (path + [0]).withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { $0.baseAddress.map { Glibc.open($0, O_RDONLY | O_CLOEXEC | O_NONBLOCK) } ?? -1 }
        }
        guard fd >= 0 else { throw VaultError.attachmentRefused(path: name, reason: .unopenable(errno: errno)) }
        defer { Glibc.close(fd) }
        // Opened again through the descriptor, so that the checks and the encryption read this very file.
        let source: EvidenceFiles.Source
        do {
            source = try EvidenceFiles.Source(Attachment(field: field.id, path: "/proc/self/fd/\(fd)"), field: field)
        } catch let VaultError.attachmentRefused(_, reason) {
            throw VaultError.attachmentRefused(path: name, reason: reason)
        }
        defer { source.close() }
        var info = stat()
        let modified = fstat(fd, &info) == 0 ? Date(timeIntervalSince1970: TimeInterval(info.st_mtim.tv_sec)) : nil
        progress(0, source.size)
        let sealed = try EvidenceFiles.store(source, vault: self, random: SystemRandom()) { progress($0, source.size) }
        return DraftFile(field: field.id, id: Hex.encode(sealed.id), key: sealed.key.withUnsafeBytes { Hex.encode($0) }, name: name,
                         size: sealed.size, sha256: Hex.encode(sealed.sha256), type: source.type, streamLength: sealed.streamLength,
                         streamHash: Hex.encode(sealed.streamHash), modified: modified, capture: source.capture)
    }

    /// Removes the streams of files picked for a draft and then removed from it (or of a discarded
    /// draft): their keys are gone with the draft, so nothing could open them anyway.
    public func removePicked(_ files: [DraftFile]) {
        let ids = files.compactMap { Hex.decode($0.id) }
        guard !ids.isEmpty else { return }
        EvidenceFiles.remove(ids, vault: directory)
    }
}

extension EvidenceFiles {
    /// Checks that the stream of every picked file is in the vault with its length, before a record
    /// that points at them is sealed; throws `attachmentRefused`, naming the file, when one is missing.
    static func checkPicked(_ files: [DraftFile], vault: String) throws {
        for file in files {
            var info = stat()
            guard let entry = file.listEntry, stat(path(of: entry.id, in: vault), &info) == 0, Int(info.st_size) == file.streamLength else {
                throw VaultError.attachmentRefused(path: file.name, reason: .copyMissing)
            }
        }
    }

    /// The stream names that drafts list (files picked but not sealed yet), so that they are not taken for
    /// orphans; nil when a draft cannot be opened with `draftKey` (then nothing may be removed).
    static func pickedStreamNames(_ db: Database, draftKey: SecretBytes) throws -> Set<String>? {
        var names = Set<String>()
        let rows = try Row.fetchCursor(db, sql: "SELECT id, envelope FROM draft")
        while let row = try rows.next() {
            guard let envelope: Data = row.checked("envelope"), let id: String = row.checked("id"),
                  let files = try? DraftCodec.files([UInt8](envelope), id: id, key: draftKey) else { return nil }
            names.formUnion(files.map { $0.id + ".tmnf" })
        }
        return names
    }
}
