import TemoinTerminal

/// A command of the analysis UI, whichever way it was typed: a function key, ESC then a digit, or a Ctrl key.
enum TeamAction: Int, Hashable, Sendable, CaseIterable {
    /// F1, Ctrl-G: the keys.
    case help = 1
    /// F2, Ctrl-F: search words in the answers.
    case search = 2
    /// F3: filter by the answer to a question.
    case filter = 3
    /// F4: remove the filter.
    case clearFilter = 4
    /// F5: the charts, or back to the list.
    case charts = 5
    /// F6: one question by another.
    case crosstab = 6
    /// F7: sort the list by the next column.
    case sort = 7
    /// F8: what could not be read.
    case problems = 8
    /// F9, Ctrl-Y: French / English.
    case language = 9
    /// F10, Ctrl-Q, Ctrl-C: go back; from the list, quit.
    case quit = 10

    /// The function key number (1…10).
    var functionKey: Int { rawValue }

    /// The action of function key F*n* (ESC *n* arrives here too, ESC 0 as F10).
    init?(functionKey number: Int) {
        self.init(rawValue: number)
    }

    /// The action of a key, or nil for any other key.
    init?(key: Key) {
        switch key {
        case let .function(number): self.init(functionKey: number)
        case .control("g"): self = .help
        case .control("f"): self = .search
        case .control("y"): self = .language
        case .control("q"), .control("c"): self = .quit
        default: return nil
        }
    }
}

/// What a team screen receives: a key, an action, or Esc (confirmed as alone).
enum TeamInput: Hashable, Sendable {
    /// A key that is not an action.
    case key(Key)
    /// An action.
    case action(TeamAction)
    /// Esc pressed on its own: go back.
    case back
}
