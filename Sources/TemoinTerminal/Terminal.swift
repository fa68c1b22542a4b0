/// A screen the UI draws frames on and reads events from.
///
/// Implemented by `NcursesTerminal` (a real terminal) and `MemoryTerminal` (tests).
public protocol Terminal: AnyObject {
    /// The current size in columns and rows.
    var size: Size { get }
    /// Shows `frame`; backends may diff it against the previous one.
    func draw(_ frame: Frame)
    /// Blocks until an event arrives or `timeout` elapses (then `.idle`); `nil` waits forever.
    func nextEvent(timeout: Duration?) -> TerminalEvent
    /// Restores the terminal; safe to call more than once.
    func close()
}
