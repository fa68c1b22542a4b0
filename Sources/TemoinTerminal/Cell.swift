/// One cell of a `Frame`.
public struct Cell: Hashable, Sendable {
    /// The grapheme drawn in this cell; `nil` for the right half of a wide character.
    public var grapheme: Character?
    /// The cell's style.
    public var style: Style

    /// Creates a cell.
    public init(grapheme: Character?, style: Style = []) {
        self.grapheme = grapheme
        self.style = style
    }

    /// An empty cell: a space without style.
    public static let blank = Cell(grapheme: " ")

    /// Whether this cell is the right half of a wide character.
    public var isContinuation: Bool { grapheme == nil }
}
