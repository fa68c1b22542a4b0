import Dispatch

/// The ciphertext of a file being opened, read one slab ahead on a thread of its own: copying a slab from
/// the page cache (about 0.1 s per GiB) then overlaps decrypting the slab before it, instead of adding to
/// the decrypting thread, which sets the pace of opening a large file (Docs/PERFORMANCE.md, "Evidence files").
///
/// `read` is called in order, one call at a time, on that thread; never again once it has thrown, and
/// never after `drain` returns. Only the opening thread calls `take` and `drain`; the queue touches `read`
/// and `failure` between a slab's start and the end of `group`, hence `@unchecked Sendable`.
final class SlabReader: @unchecked Sendable {
    private let buffers: UnsafeMutableRawBufferPointer
    /// The largest slab: where the second buffer starts.
    private let capacity: Int
    private let count: Int, length: (Int) -> Int
    private let read: (UnsafeMutableRawBufferPointer) throws -> Void
    private let queue = DispatchQueue(label: "temoin.file-read")
    /// Left when the read under way is done; `failure` is read only after waiting for it.
    private let group = DispatchGroup()
    private var failure: (any Error)?
    private var next = 0

    /// Reads `count` slabs of `length(index)` bytes each (at most `capacity`) with `read`, starting with the first.
    init(count: Int, capacity: Int, length: @escaping (Int) -> Int, read: @escaping (UnsafeMutableRawBufferPointer) throws -> Void) {
        buffers = .allocate(byteCount: 2 * capacity, alignment: 16)
        (self.count, self.capacity, self.length, self.read) = (count, capacity, length, read)
        if count > 0 { start(0) }
    }

    deinit { buffers.deallocate() }

    /// The buffer of slab `index`: the two buffers in turn.
    private func slot(_ index: Int) -> UnsafeMutableRawBufferPointer {
        let at = index % 2 * capacity
        return UnsafeMutableRawBufferPointer(rebasing: buffers[at..<at + length(index)])
    }

    /// Queues the read of slab `index` into its buffer, which nobody reads until `take` gives it.
    private func start(_ index: Int) {
        nonisolated(unsafe) let slot = slot(index)
        queue.async(group: group) { [self] in
            guard failure == nil else { return }
            do { try read(slot) } catch { failure = error }
        }
    }

    /// The next slab's ciphertext, valid until the next call, and starts reading the one after it; throws
    /// what `read` threw for it.
    func take() throws -> UnsafeRawBufferPointer {
        precondition(next < count)
        group.wait()
        if let failure { throw failure }
        let index = next
        next += 1
        if next < count { start(next) }
        return UnsafeRawBufferPointer(slot(index))
    }

    /// Waits for the read under way, if any (before `read` or the buffers go away).
    func drain() { queue.sync {} }
}
