/// What `Terminal.nextEvent(timeout:)` reports.
public enum TerminalEvent: Hashable, Sendable {
    /// A key press or a paste.
    case key(Key)
    /// The terminal changed size (also sent after resuming from a stop, to redraw).
    case resize(Size)
    /// The terminal went away (SIGHUP): save and exit.
    case hangup
    /// The process was asked to stop (SIGTERM or SIGINT): save and exit.
    case terminate
    /// The timeout elapsed with no input.
    case idle
}
