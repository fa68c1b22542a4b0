import Dispatch
import Synchronization
import TemoinCrypto

/// The slabs of a file being opened (its plaintext) or sealed (its stream) on their way out: the SHA-256 of
/// each taken on one thread and each handed to `write` on another, both in order, while the caller decrypts
/// or encrypts the next ones into the slabs that are free.
///
/// Two ordered stages rather than one, and several slabs rather than two, because writing a slab waits for
/// the disk: with one stage for both, or two slabs, the thread that decrypts waited for a slab to be hashed
/// *and* written before it could reuse it, and the hashing-and-writing thread set the pace of opening a
/// large file (Docs/PERFORMANCE.md, "Evidence files"). Now hashing slab k + 1 overlaps writing slab k, and
/// decrypting runs up to `depth` slabs ahead. Memory stays constant: `depth` slabs of guarded memory.
///
/// `write` is never called once it has thrown or `stop` was called, and never after `finish` or `stop`
/// returns. Only the opening thread calls its methods; the two queues touch `sha` and `write`, one each, and
/// the slabs only between a slab's `fill` and the end of its group, hence `@unchecked Sendable`.
final class OpenedSlabs: @unchecked Sendable {
    /// The slabs' memory: guarded (`guarded` keeps it; it does not move), or page-aligned heap memory.
    private let slabs: [UnsafeMutableRawBufferPointer]
    private let guarded: [SecretBytes]
    /// Left when the slab's hash and write are done: the slab may be filled again.
    private let busy: [DispatchGroup]
    private let sha = SHA256()
    private let hashing = DispatchQueue(label: "temoin.file-sha256"), writing = DispatchQueue(label: "temoin.file-write")
    private let outcome = Mutex<Outcome>(Outcome())
    private let write: (UnsafeRawBufferPointer) throws -> Void
    private var turn = 0

    private struct Outcome {
        /// The first error `write` threw.
        var error: (any Error)?
        /// The opening failed: what is still queued is not written.
        var stopped = false
    }

    /// `depth` slabs of `length` bytes, whose contents go to `write` (called on a thread of this type's): in
    /// guarded memory when they hold a file's plaintext (`secret`), else (a stream, already encrypted) in
    /// page-aligned memory that counts against no limit on locked memory.
    init(depth: Int, length: Int, secret: Bool = true, write: @escaping (UnsafeRawBufferPointer) throws -> Void) {
        precondition(depth >= 1 && length > 0)
        guarded = secret ? (0..<depth).map { _ in SecretBytes(count: length) } : []
        slabs = secret ? guarded.map { $0.withUnsafeMutableBytes { $0 } }
                       : (0..<depth).map { _ in UnsafeMutableRawBufferPointer.allocate(byteCount: length, alignment: 4096) }
        busy = (0..<depth).map { _ in DispatchGroup() }
        self.write = write
    }

    deinit { if guarded.isEmpty { slabs.forEach { $0.deallocate() } } }

    /// Fills the next free slab with `fill`, which returns how many bytes from the slab's start belong to the
    /// file (0: none), then queues them to be hashed and written. Throws the error of an earlier `write`.
    func fill(_ fill: (UnsafeMutableRawBufferPointer) throws -> Int) throws {
        busy[turn].wait()
        if let error = outcome.withLock({ $0.error }) { throw error }
        let content = try fill(slabs[turn])
        guard content > 0 else { return }
        // A slab does not move: the piece stays valid as long as the slab, which `self` keeps.
        nonisolated(unsafe) let piece = UnsafeRawBufferPointer(rebasing: slabs[turn][0..<content])
        hashing.async(group: busy[turn]) { self.sha.update(piece) }
        writing.async(group: busy[turn]) { self.writeOut(piece) }
        turn = (turn + 1) % slabs.count
    }

    /// Hands `piece` to `write` unless a write failed or the opening stopped (on `writing`).
    private func writeOut(_ piece: UnsafeRawBufferPointer) {
        guard outcome.withLock({ $0.error == nil && !$0.stopped }) else { return }
        do { try write(piece) } catch { outcome.withLock { $0.error = $0.error ?? error } }
    }

    /// Waits for every slab to be hashed and written; returns the SHA-256 of everything filled, or throws
    /// the error `write` threw. Call it once.
    func finish() throws -> [UInt8] {
        hashing.sync {}
        writing.sync {}
        if let error = outcome.withLock({ $0.error }) { throw error }
        return hashing.sync { sha.finish() }
    }

    /// Drops the writes still queued and waits for the slabs to be free (after a failure, before the slabs
    /// are released).
    func stop() {
        outcome.withLock { $0.stopped = true }
        hashing.sync {}
        writing.sync {}
    }
}
