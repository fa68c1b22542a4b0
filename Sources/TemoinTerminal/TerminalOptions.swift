#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// How `NcursesTerminal` sets up the terminal.
public struct TerminalOptions: Sendable {
    /// Use colours for the semantic styles; ignored when the terminal has none.
    public var colors: Bool
    /// How long to wait after ESC for the rest of an escape sequence (ncurses ESCDELAY).
    public var escapeDelayMilliseconds: Int
    /// Ask the terminal to bracket pastes so they arrive as one `.paste` key.
    public var bracketedPaste: Bool
    /// Bytes of a single paste kept; the rest is dropped.
    public var pasteLimitBytes: Int

    /// Creates options; `colors` defaults to `environmentAllowsColor`.
    public init(
        colors: Bool = TerminalOptions.environmentAllowsColor,
        escapeDelayMilliseconds: Int = 25,
        bracketedPaste: Bool = true,
        pasteLimitBytes: Int = 4 << 20
    ) {
        self.colors = colors
        self.escapeDelayMilliseconds = escapeDelayMilliseconds
        self.bracketedPaste = bracketedPaste
        self.pasteLimitBytes = pasteLimitBytes
    }

    /// False when `NO_COLOR` is set to a non-empty value (https://no-color.org).
    public static var environmentAllowsColor: Bool {
        guard let value = getenv("NO_COLOR") else { return true }
        return value.pointee == 0
    }
}
