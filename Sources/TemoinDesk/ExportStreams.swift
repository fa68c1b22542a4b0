import Foundation
import TemoinCrypto
import TemoinFormat
import TemoinStorage

/// The SHA-256 of the vault's evidence streams, taken on a thread of their own while an export does
/// something else: while the desk key is derived (Argon2id, half a second on one core, before the encrypted
/// lists say which streams the export takes), then while the streams are copied into the bundle.
///
/// Started before unlocking (`speculative`), it hashes the vault's streams newest first: those sealed since
/// the last export, which are the ones an export takes. Once the export knows its files (`want`), it hashes
/// only those, in the export's order, and drops a stream it no longer needs. Each hash comes with the
/// stream's `FileIdentity` before and after it was read: a stream written to meanwhile has no hash.
/// Streams are ciphertext, and this reads them only; memory stays one mebibyte whatever their sizes.
public final class VaultStreamHashes: @unchecked Sendable {
    /// What hashing one stream gave.
    enum Outcome {
        /// Its hash, and its identity, the same before and after it was read.
        case hashed([UInt8], FileIdentity)
        /// Not hashed: unreadable, or changed while it was read (the copy then proves it by the read-back's hash).
        case unproven
    }

    private let folder: String
    private let condition = NSCondition()
    // Guarded by `condition`:
    private var queue: [String]                // stream names still to hash, in order
    private var wanted: Set<String>?           // once the export's files are known
    private var outcomes: [String: Outcome] = [:]
    private var current: String?
    private var stopped = false

    private init(folder: String, names: [String]) {
        self.folder = folder
        queue = names
        let thread = Thread { [self] in run() }
        thread.name = "temoin.vault-stream-hashes"
        thread.start()
    }

    /// Starts hashing the streams of `vault`, newest first, before the export knows which it takes.
    public static func speculative(vault: DeskVault) -> VaultStreamHashes {
        let folder = EvidenceFiles.folder(of: vault.directory)
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).filter { $0.count == 37 && $0.hasSuffix(".tmnf") }
        let dated = names.map { name -> (String, timespec) in
            var info = stat()
            return (name, stat(folder + "/" + name, &info) == 0 ? info.st_mtim : timespec())
        }
        let newestFirst = dated.sorted { ($0.1.tv_sec, $0.1.tv_nsec) > ($1.1.tv_sec, $1.1.tv_nsec) }.map(\.0)
        return VaultStreamHashes(folder: folder, names: newestFirst)
    }

    /// Starts hashing the streams of `ids`, in this order.
    static func of(_ ids: [[UInt8]], vault: String) -> VaultStreamHashes {
        VaultStreamHashes(folder: EvidenceFiles.folder(of: vault), names: ids.map(Self.name))
    }

    private static func name(_ id: [UInt8]) -> String { Hex.encode(id) + ".tmnf" }

    deinit { stop() }

    /// From now on, hashes only the streams of `ids` not hashed yet, in this order.
    func want(_ ids: [[UInt8]]) {
        condition.lock()
        defer { condition.unlock() }
        let names = ids.map(Self.name)
        wanted = Set(names)
        queue = names.filter { outcomes[$0] == nil && $0 != current }
        condition.broadcast()
    }

    /// What hashing the stream of `id` gave, waiting for it; `.unproven` when it is not to be hashed.
    func outcome(for id: [UInt8]) -> Outcome {
        let name = Self.name(id)
        condition.lock()
        defer { condition.unlock() }
        while outcomes[name] == nil && !stopped && (current == name || queue.contains(name)) { condition.wait() }
        return outcomes[name] ?? .unproven
    }

    /// Stops hashing (after the piece being hashed).
    public func stop() {
        condition.lock()
        stopped = true
        condition.broadcast()
        condition.unlock()
    }

    private func run() {
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 20, alignment: 64)
        defer { buffer.deallocate() }
        while let name = next() {
            let outcome = hash(name, buffer: buffer)
            condition.lock()
            current = nil
            if let outcome { outcomes[name] = outcome }
            condition.broadcast()
            condition.unlock()
        }
    }

    /// The next stream to hash, marked current; nil when there is none left or hashing stopped.
    private func next() -> String? {
        condition.lock()
        defer { condition.unlock() }
        guard !stopped, !queue.isEmpty else { return nil }
        current = queue.removeFirst()
        return current
    }

    /// Whether `name` is still to be hashed: not stopped, and wanted if the export's files are known.
    private func stillWanted(_ name: String) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        return !stopped && (wanted?.contains(name) ?? true)
    }

    /// Hashes stream `name`; nil when it was dropped before its end (no longer wanted).
    private func hash(_ name: String, buffer: UnsafeMutableRawBufferPointer) -> Outcome? {
        guard let source = try? FileSource(path: folder + "/" + name), let before = try? source.identity() else { return .unproven }
        let sha = SHA256()
        var done = 0
        while done < before.byteCount {
            guard stillWanted(name) else { return nil }
            let piece = UnsafeMutableRawBufferPointer(rebasing: buffer[0..<min(buffer.count, before.byteCount - done)])
            guard (try? source.read(at: done, into: piece, name)) != nil else { return .unproven }
            sha.update(UnsafeRawBufferPointer(piece))
            done += piece.count
        }
        guard let after = try? source.identity(), after == before else { return .unproven }
        return .hashed(sha.finish(), before)
    }
}

/// Copies vault streams into a bundle being written, reading each piece back from the bundle as soon as it is
/// written and comparing it with the piece of the vault's stream it was copied from.
///
/// That comparison, with the vault stream's hash (`VaultStreamHashes`), proves the stream in the bundle: its
/// bytes are the vault's, whose SHA-256 is the one noted at sealing and listed in the manifest, so theirs is
/// too — the check `BundleReader.read` would make by hashing them again (Docs/PERFORMANCE.md, "Evidence
/// files"). Comparing costs a fraction of hashing; the hash, and the read-back of one piece while the next is
/// copied, run on other threads. Memory: four buffers of a mebibyte.
final class StreamCopier {
    let vault: String
    let hashes: VaultStreamHashes
    /// The bundle being written, opened for reading.
    let readBack: FileSource
    /// Called after each piece is written, before it is read back (`DeskVault.afterStreamPieceWritten`).
    var afterPieceWritten: ((_ bundle: String, _ offset: Int, _ count: Int) -> Void)?
    private static let pieceLength = 1 << 20
    /// Per slot, the piece copied and the same piece read back; a slot is reused once its check is done.
    private let pieces = (0..<2).map { _ in UnsafeMutableRawBufferPointer.allocate(byteCount: pieceLength, alignment: 64) }
    private let backs = (0..<2).map { _ in UnsafeMutableRawBufferPointer.allocate(byteCount: pieceLength, alignment: 64) }
    private let checks = [DispatchGroup(), DispatchGroup()]
    private let checking = DispatchQueue(label: "temoin.export-read-back")

    init(vault: String, hashes: VaultStreamHashes, readBack: FileSource) {
        (self.vault, self.hashes, self.readBack) = (vault, hashes, readBack)
    }

    deinit {
        checking.sync {}
        for buffer in pieces + backs { buffer.deallocate() }
    }

    /// Copies the stream of `file` into `sink`, at `sink.position`; returns its SHA-256 when it is proven (see
    /// above), nil when it is not.
    ///
    /// Throws when the bundle reads back otherwise than written, and when the vault's stream, unchanged since it
    /// was hashed, is not the one sealed (damaged on this disk). A stream written to while it was copied is not
    /// proven: the read-back hashes it in the bundle.
    func copy(_ file: StoredFileList.Entry, into sink: FileSink) throws -> [UInt8]? {
        let what = "evidence file \(Hex.encode(file.id))"
        let source = try FileSource(path: EvidenceFiles.path(of: file.id, in: vault))
        let before = try source.identity()
        let start = sink.position
        let failure = CheckFailure()
        nonisolated(unsafe) let readBack = readBack
        defer { checking.sync {} }
        var done = 0, slot = 0
        while done < file.length {
            checks[slot].wait()
            if let error = failure.error { throw error }
            let count = min(Self.pieceLength, file.length - done)
            let piece = UnsafeMutableRawBufferPointer(rebasing: pieces[slot][0..<count])
            try source.read(at: done, into: piece, what)
            try sink.write(UnsafeRawBufferPointer(piece))
            try sink.flush()
            afterPieceWritten?(readBack.path, start + done, count)
            nonisolated(unsafe) let (written, back) = (piece, UnsafeMutableRawBufferPointer(rebasing: backs[slot][0..<count]))
            let offset = start + done
            checking.async(group: checks[slot]) {
                guard failure.error == nil else { return }
                do {
                    try readBack.read(at: offset, into: back, "bundle")
                    guard let a = written.baseAddress, let b = back.baseAddress, memcmp(a, b, count) == 0 else {
                        throw VaultError.bundle(.manifestMismatch("read-back differs from what was written (\(what))"))
                    }
                } catch { failure.error = error }
            }
            done += count
            slot ^= 1
        }
        checking.sync {}
        if let error = failure.error { throw error }
        let after = try source.identity()
        guard case .hashed(let hash, let hashed) = hashes.outcome(for: file.id), hashed == before, after == before,
              before.byteCount == file.length else { return nil }
        if hash != file.hash {
            // Noted as its BLAKE2b-32 by a development build before December 2026 (Docs/FORMAT.md), or damaged.
            guard let now = try EvidenceFiles.streamHashes(of: file.id, in: vault, identity: before) else { return nil }
            guard now.contains(file.hash) else {
                throw VaultError.bundle(.manifestMismatch("\(what) in the vault is not the one sealed: it was damaged on this disk"))
            }
        }
        return hash
    }
}

/// The first failure of the read-back thread, read by the copying thread once that thread is waited for.
private final class CheckFailure: @unchecked Sendable {
    var error: (any Error)?
}
