/// Why `NcursesTerminal` could not start.
public enum TerminalError: Error, Hashable, Sendable, CustomStringConvertible {
    /// Standard input or output is not a terminal (redirected or piped).
    case notATerminal
    /// `TERM` is not set.
    case terminalTypeNotSet
    /// `TERM` names a terminal type with no terminfo entry.
    case unknownTerminalType(String)
    /// The locale could not be made UTF-8; `codeset` is what is in effect.
    case noUTF8Locale(codeset: String)
    /// ncurses refused to start for another reason.
    case initializationFailed(String)

    public var description: String {
        switch self {
        case .notATerminal:
            return "Standard input and output must be a terminal. Run without redirection, or use --plain for line-by-line mode."
        case .terminalTypeNotSet:
            return "TERM is not set. Set it to your terminal type, e.g. TERM=xterm-256color, or use --plain."
        case .unknownTerminalType(let name):
            return "Unknown terminal type TERM=\(name). Try TERM=xterm-256color (or screen, linux, vt100), or install its terminfo entry (ncurses-term)."
        case .noUTF8Locale(let codeset):
            return "No UTF-8 locale is available (codeset \(codeset)). Install the C.UTF-8 or en_US.UTF-8 locale, or use --plain."
        case .initializationFailed(let reason):
            return "The terminal could not be initialised: \(reason). Try another terminal or --plain."
        }
    }
}
