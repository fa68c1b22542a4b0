/// How a `Style` is shown by the ncurses backend: text attributes and a colour pair.
struct CellAttributes: Hashable {
    var bold = false
    var underline = false
    var reverse = false
    var dim = false
    /// 0 for the default colours, else one of the pairs below.
    var colorPair: Int16 = 0

    static let accentPair: Int16 = 1
    static let errorPair: Int16 = 2
    static let okPair: Int16 = 3
}

extension CellAttributes {
    /// Maps `style`; without colours the semantic bits become attributes.
    ///
    /// With colours: error (red) wins over ok (green) over accent (cyan).
    /// Without: accent is bold, error bold and underlined, ok underlined.
    init(_ style: Style, colors: Bool) {
        bold = style.contains(.bold)
        underline = style.contains(.underline)
        reverse = style.contains(.reverse)
        dim = style.contains(.dim)
        if colors {
            if style.contains(.error) {
                colorPair = Self.errorPair
            } else if style.contains(.ok) {
                colorPair = Self.okPair
            } else if style.contains(.accent) {
                colorPair = Self.accentPair
            }
        } else {
            if style.contains(.accent) { bold = true }
            if style.contains(.error) { bold = true; underline = true }
            if style.contains(.ok) { underline = true }
        }
    }
}
