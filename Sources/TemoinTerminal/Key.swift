/// A key press, decoded from the terminal.
public enum Key: Hashable, Sendable {
    /// A printable character (may be a lone combining mark typed on its own).
    case character(Character)
    /// Enter / Return (also Ctrl-M and Ctrl-J).
    case enter
    /// Tab (also Ctrl-I).
    case tab
    /// Shift-Tab.
    case backTab
    /// Backspace (DEL, Ctrl-H or the terminal's backspace key).
    case backspace
    /// The Delete key (forward delete).
    case delete
    /// Left arrow.
    case left
    /// Right arrow.
    case right
    /// Up arrow.
    case up
    /// Down arrow.
    case down
    /// Home.
    case home
    /// End.
    case end
    /// Page Up.
    case pageUp
    /// Page Down.
    case pageDown
    /// Escape pressed on its own (ESC then a digit arrives as `.escape`, `.character`).
    case escape
    /// Function key F*n* (1...63; shifted F-keys arrive as F13 and up on xterm).
    case function(Int)
    /// A control key: `control("a")` for Ctrl-A; also `@`, `\`, `]`, `^`, `_`.
    case control(Character)
    /// Text pasted by the terminal (bracketed paste), newlines normalised to "\n".
    case paste(String)
}
