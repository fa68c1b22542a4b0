#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif
import Synchronization
internal import CNcursesw

/// Signal bits set by the handler, polled by the event loop.
private let pendingSignals = Atomic<UInt32>(0)
/// Whether a curses screen is up (for the exit hook).
private let screenActive = Atomic<Bool>(false)
/// Whether the exit hook is registered.
private let exitHookRegistered = Atomic<Bool>(false)

/// The process-wide side of the ncurses backend: signal flags and the exit hook.
///
/// The handler only sets a bit in a lock-free atomic; `NcursesTerminal` polls
/// the bits between reads, so no terminal work happens in signal context.
enum ProcessHooks {
    /// A signal the event loop reacts to.
    enum Signal: CaseIterable {
        /// SIGHUP: the terminal went away.
        case hangup
        /// SIGTERM or SIGINT.
        case terminate
        /// SIGTSTP: stop requested.
        case stop
        /// SIGCONT: resumed after a stop.
        case resume

        fileprivate var bit: UInt32 {
            switch self {
            case .hangup: return 1 << 0
            case .terminate: return 1 << 1
            case .stop: return 1 << 2
            case .resume: return 1 << 3
            }
        }

        fileprivate static func from(number: Int32) -> Signal? {
            switch number {
            case SIGHUP: return .hangup
            case SIGTERM, SIGINT: return .terminate
            case SIGTSTP: return .stop
            case SIGCONT: return .resume
            default: return nil
            }
        }
    }

    private static let caught: [Int32] = [SIGHUP, SIGTERM, SIGINT, SIGTSTP, SIGCONT]

    /// Catches SIGHUP, SIGTERM, SIGINT, SIGTSTP and SIGCONT without SA_RESTART; returns success.
    @discardableResult
    static func installSignalHandlers() -> Bool {
        _ = pendingSignals.load(ordering: .relaxed)  // initialise the global outside signal context
        return caught.allSatisfy(catchSignal)
    }

    /// Whether `signal` arrived since the last call (clears it).
    static func take(_ signal: Signal) -> Bool {
        let before = pendingSignals.bitwiseAnd(~signal.bit, ordering: .acquiringAndReleasing).oldValue
        return before & signal.bit != 0
    }

    /// Stops the process as SIGTSTP's default action would; returns once continued.
    static func stopProcess() {
        _ = signal(SIGTSTP, SIG_DFL)
        _ = raise(SIGTSTP)
        _ = catchSignal(SIGTSTP)
        _ = take(.resume)
    }

    /// Marks whether a curses screen is up; at normal exit an active screen is cleared and ended.
    static func setScreenActive(_ active: Bool) {
        screenActive.store(active, ordering: .releasing)
        if active, !exitHookRegistered.exchange(true, ordering: .acquiringAndReleasing) {
            atexit {
                guard screenActive.exchange(false, ordering: .acquiringAndReleasing) else { return }
                werase(temoin_stdscr())
                wrefresh(temoin_stdscr())
                var pasteOff = Array("\u{1B}[?2004l".utf8)
                _ = write(STDOUT_FILENO, &pasteOff, pasteOff.count)
                endwin()
            }
        }
    }

    private static func catchSignal(_ number: Int32) -> Bool {
        var action = sigaction()
        action.__sigaction_handler.sa_handler = { number in
            guard let signal = Signal.from(number: number) else { return }
            pendingSignals.bitwiseOr(signal.bit, ordering: .relaxed)
        }
        sigemptyset(&action.sa_mask)
        action.sa_flags = 0  // no SA_RESTART: a blocking read returns early
        return sigaction(number, &action, nil) == 0
    }
}
