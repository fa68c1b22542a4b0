import TemoinTerminal

/// The highlighted entry of a choice list (choice, multichoice, yes / no / don't know).
///
/// What is selected lives in the answers; the picker only knows where the highlight is.
public struct OptionPicker: Hashable, Sendable {
    /// The highlighted option, 0-based.
    public var highlight: Int = 0

    /// A picker with option `highlight` highlighted.
    public init(highlight: Int = 0) {
        self.highlight = highlight
    }

    /// What a key did.
    public enum Outcome: Equatable {
        /// Select (or, in a multichoice, toggle) this option.
        case pick(Int)
        /// Clear the answer.
        case clear
        /// The highlight moved, or nothing happened.
        case moved
        /// Moved up (or left) past the first option.
        case leftTop
        /// Moved down (or right) past the last option.
        case leftBottom
        /// Not a key for the list.
        case ignored
    }

    /// Applies a key to a list of `count` options laid out vertically or in one row.
    public mutating func handle(_ key: Key, count: Int, horizontal: Bool) -> Outcome {
        let previous: Set<Key> = horizontal ? [.left] : [.up, .left]
        let next: Set<Key> = horizontal ? [.right] : [.down, .right]
        switch key {
        case _ where previous.contains(key):
            guard highlight > 0 else { return horizontal ? .moved : .leftTop }
            highlight -= 1
            return .moved
        case _ where next.contains(key):
            guard highlight < count - 1 else { return horizontal ? .moved : .leftBottom }
            highlight += 1
            return .moved
        case .up: return .leftTop
        case .down: return .leftBottom
        case .home: highlight = 0; return .moved
        case .end: highlight = max(0, count - 1); return .moved
        case .character(" "), .enter: return count > 0 ? .pick(highlight) : .moved
        case .backspace, .delete: return .clear
        case let .character(digit) where digit.isASCII && digit.isNumber:
            guard let number = digit.wholeNumberValue, number >= 1, number <= count else { return .moved }
            highlight = number - 1
            return .pick(highlight)
        default: return .ignored
        }
    }
}
