#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif
import Synchronization
import TemoinLanguage
internal import CNcursesw

/// Signal bits set by the handler, polled by the event loop.
private let pendingSignals = Atomic<UInt32>(0)
/// Whether a curses screen is up (for the exit hook).
private let screenActive = Atomic<Bool>(false)
/// Whether the exit hook is registered.
private let exitHookRegistered = Atomic<Bool>(false)
/// The terminal's mode before curses changed it, restored if the process dies of a signal.
nonisolated(unsafe) private var modeAtStart = termios()
/// Clear the screen, leave the alternate screen, stop bracketed paste, show the cursor.
private let leaveScreen: [UInt8] = Array("\u{1B}[H\u{1B}[2J\u{1B}[?1049l\u{1B}[?2004l\u{1B}[?25h".utf8)
/// The one line a fatal signal prints, in French and in English: fixed, so that nothing of the process's memory is ever shown.
private let stoppedMessage: (fr: [UInt8], en: [UInt8]) = (
    Array("\ntemoin s'est arrêté brutalement. Ce qui était enregistré avant cet instant est gardé.\n".utf8),
    Array("\ntemoin stopped abruptly. What was saved before this moment is kept.\n".utf8))
/// Whether that line is said in French (set at start, read in the handler: an atomic, no lock).
private let stoppedInFrench = Atomic<Bool>(false)

/// The process-wide side of the ncurses backend: signal flags, the exit hook and the fatal-signal handler.
///
/// The handler only sets a bit in a lock-free atomic; `NcursesTerminal` polls
/// the bits between reads, so no terminal work happens in signal context.
public enum ProcessHooks {
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
    /// Signals that end the process at once: a crash, or SIGQUIT.
    private static let fatal: [Int32] = [SIGQUIT, SIGILL, SIGTRAP, SIGABRT, SIGBUS, SIGFPE, SIGSEGV]

    /// Catches SIGHUP, SIGTERM, SIGINT, SIGTSTP and SIGCONT without SA_RESTART, and the fatal signals so
    /// that a crash clears the screen and gives the terminal back before the process dies; returns success.
    ///
    /// Call it before curses changes the terminal's mode. The fatal handlers replace Swift's crash
    /// reporter, which would leave the testimony on screen and offer to attach a debugger.
    @discardableResult
    static func installSignalHandlers() -> Bool {
        // Initialise the globals outside signal context.
        _ = pendingSignals.load(ordering: .relaxed)
        _ = screenActive.load(ordering: .relaxed)
        _ = leaveScreen.count
        tcgetattr(STDIN_FILENO, &modeAtStart)
        return installFatalHandlers() && caught.allSatisfy(catchSignal)
    }

    /// Replaces the Swift runtime's crash reporter for the whole process; returns success.
    ///
    /// On a crash (or SIGQUIT) the runtime's backtracer would print registers and memory bytes, which can
    /// hold a testimony, and it can hang when the disk fails; the Swift documentation (docs/Backtracing.rst)
    /// says that a program that replaces the handlers of these signals no longer runs it. The handler here
    /// gives the terminal back if a screen is up, writes one fixed line with `write(2)`, and dies of the
    /// same signal: nothing else. Call it first thing in `main`.
    @discardableResult
    public static func installFatalHandlers() -> Bool {
        _ = screenActive.load(ordering: .relaxed)
        _ = leaveScreen.count
        _ = stoppedMessage.fr.count + stoppedMessage.en.count
        _ = stoppedInFrench.load(ordering: .relaxed)
        return alternateStack && fatal.allSatisfy(catchFatal)
    }

    /// The language of the line a fatal signal prints (English until this is called).
    public static func sayStopped(in language: Language) {
        stoppedInFrench.store(language == .fr, ordering: .relaxed)
    }

    /// Gives the UI's thread a stack of its own for signal handlers, once: a stack overflow leaves none to
    /// run the fatal handler on, and the testimony would stay on screen. Never freed.
    private static let alternateStack: Bool = {
        let size = 64 << 10
        var stack = stack_t()
        stack.ss_sp = UnsafeMutableRawPointer.allocate(byteCount: size, alignment: 16)
        stack.ss_size = size
        stack.ss_flags = 0
        return sigaltstack(&stack, nil) == 0
    }()

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

    /// On a fatal signal: if a curses screen is up, clears it, leaves it and restores the terminal's
    /// mode, writes the fixed line to standard error (all async-signal-safe calls), then dies of the
    /// same signal.
    private static func catchFatal(_ number: Int32) -> Bool {
        var action = sigaction()
        action.__sigaction_handler.sa_handler = { number in
            if screenActive.load(ordering: .relaxed) {
                leaveScreen.withUnsafeBufferPointer { _ = write(STDOUT_FILENO, $0.baseAddress, $0.count) }
                tcsetattr(STDIN_FILENO, TCSANOW, &modeAtStart)
            }
            if stoppedInFrench.load(ordering: .relaxed) {
                stoppedMessage.fr.withUnsafeBufferPointer { _ = write(STDERR_FILENO, $0.baseAddress, $0.count) }
            } else {
                stoppedMessage.en.withUnsafeBufferPointer { _ = write(STDERR_FILENO, $0.baseAddress, $0.count) }
            }
            _ = signal(number, SIG_DFL)
            _ = raise(number)
        }
        sigemptyset(&action.sa_mask)
        action.sa_flags = Int32(SA_ONSTACK)
        return sigaction(number, &action, nil) == 0
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
