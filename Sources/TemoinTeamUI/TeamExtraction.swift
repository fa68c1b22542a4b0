import Foundation

/// One evidence file being written on a background queue (`TeamServices`), so that extracting a file of a
/// gigabyte leaves the browser drawing and answering; the UI thread takes its progress and result between frames.
final class TeamExtraction: @unchecked Sendable {
    private let lock = NSLock()
    private var done: Int?
    private var result: TeamOutcome?

    /// Starts `work` on a background queue; `work` reports the bytes done through the function it is given.
    init(_ work: @escaping @Sendable (_ progress: @escaping (Int) -> Void) -> TeamOutcome) {
        DispatchQueue.global(qos: .userInitiated).async { [self] in
            let outcome = work { bytes in self.lock.withLock { self.done = bytes } }
            lock.withLock {
                done = nil
                result = outcome
            }
        }
    }

    /// Bytes of the file done so far (nil before the work reported any, and once it ended).
    func written() -> Int? {
        lock.withLock { done }
    }

    /// The result, once there is one.
    func take() -> TeamOutcome? {
        lock.withLock { result }
    }
}
