/// Visual attributes of a cell: text attributes plus semantic colours.
///
/// The semantic bits (`accent`, `error`, `ok`) become colour pairs when the
/// backend uses colours, and text attributes on monochrome terminals or when
/// `NO_COLOR` is set (see `Docs/TERMINAL.md`).
public struct Style: OptionSet, Hashable, Sendable {
    /// The raw bit set.
    public let rawValue: UInt8

    /// Creates a style from raw bits.
    public init(rawValue: UInt8) {
        self.rawValue = rawValue
    }

    /// Bold (or bright) text.
    public static let bold = Style(rawValue: 1 << 0)
    /// Underlined text.
    public static let underline = Style(rawValue: 1 << 1)
    /// Foreground and background swapped.
    public static let reverse = Style(rawValue: 1 << 2)
    /// Dim (half-bright) text.
    public static let dim = Style(rawValue: 1 << 3)
    /// Highlight colour: titles, the focused item, key names.
    public static let accent = Style(rawValue: 1 << 4)
    /// Error colour: validation messages, failures.
    public static let error = Style(rawValue: 1 << 5)
    /// Success colour: completed sections, confirmations.
    public static let ok = Style(rawValue: 1 << 6)
}
