import Foundation

/// One evidence file being written on a background queue (`TeamServices`), so that extracting a file of a
/// gigabyte leaves the browser drawing and answering; the UI thread takes its progress and result between frames.
///
/// The progress is what the worker thread has written so far, read from the kernel's count of its writes
/// (`/proc/self/task/TID/io`, `wchar`): the extractor (`EvidenceExtractor`, whose internals are not this
/// type's business) needs no hook for it. Where that count cannot be read, only "in progress" is shown.
final class TeamExtraction: @unchecked Sendable {
    private let lock = NSLock()
    /// The worker's write counter file and the count when it started.
    private var counter: (path: String, start: Int)?
    private var result: TeamOutcome?

    /// Starts `work` on a background queue.
    init(_ work: @escaping @Sendable () -> TeamOutcome) {
        DispatchQueue.global(qos: .userInitiated).async { [self] in
            let path = Self.counterPath()
            let start = path.flatMap(Self.writes(at:))
            lock.withLock { counter = path.flatMap { path in start.map { (path, $0) } } }
            let outcome = work()
            lock.withLock {
                counter = nil
                result = outcome
            }
        }
    }

    /// Bytes written so far, when the kernel says (nil before the worker started, after it ended, or without `/proc`).
    func written() -> Int? {
        guard let counter = lock.withLock({ counter }), let now = Self.writes(at: counter.path) else { return nil }
        return max(0, now - counter.start)
    }

    /// The result, once there is one.
    func take() -> TeamOutcome? {
        lock.withLock { result }
    }

    /// `/proc/PID/task/TID/io` of the calling thread.
    private static func counterPath() -> String? {
        guard let task = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/thread-self") else { return nil }
        return "/proc/" + task + "/io"
    }

    /// The `wchar` line of a thread's I/O counters: the bytes it passed to `write` and its kin.
    private static func writes(at path: String) -> Int? {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return nil }
        for line in text.split(separator: "\n") where line.hasPrefix("wchar:") {
            return Int(line.dropFirst("wchar:".count).trimmingCharacters(in: .whitespaces))
        }
        return nil
    }
}
