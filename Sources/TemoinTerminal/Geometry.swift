/// A terminal size in display columns and rows.
public struct Size: Hashable, Sendable {
    /// Columns.
    public var width: Int
    /// Rows.
    public var height: Int

    /// Creates a size; negative dimensions are clamped to zero.
    public init(width: Int, height: Int) {
        self.width = max(0, width)
        self.height = max(0, height)
    }

    /// Whether this size is at least `minimum` in both directions.
    public func holds(_ minimum: Size) -> Bool {
        width >= minimum.width && height >= minimum.height
    }
}

/// A cell position: zero-based column and row, from the top-left corner.
public struct Position: Hashable, Sendable {
    /// Zero-based column.
    public var column: Int
    /// Zero-based row.
    public var row: Int

    /// Creates a position.
    public init(column: Int, row: Int) {
        self.column = column
        self.row = row
    }
}
