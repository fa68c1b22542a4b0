import TemoinTerminal

/// An action beyond editing, whichever way it was typed: a function key, ESC then a digit, or a Ctrl key.
enum Command: Hashable, Sendable, CaseIterable {
    /// F1, Ctrl-G: the keys of this screen.
    case help
    /// F2, Ctrl-O: a new testimony (home).
    case newTestimony
    /// F3, Page Up, Ctrl-P: the previous section.
    case previousSection
    /// F4, Page Down, Ctrl-N: the next section.
    case nextSection
    /// F5, Ctrl-R: review the testimony; on the review screen, seal it.
    case review
    /// F6, Ctrl-T: export the sealed testimonies (home).
    case export
    /// F7, Ctrl-L: lock the desk now.
    case lock
    /// F8, Ctrl-X: discard the current draft (asks first).
    case wipe
    /// F9, Ctrl-Y: switch between French and English (home).
    case language
    /// F10, Ctrl-Q, Ctrl-C: save and close the testimony; on the home screen, quit.
    case quit

    /// The function key number of this command (1…10).
    var functionKey: Int {
        switch self {
        case .help: 1
        case .newTestimony: 2
        case .previousSection: 3
        case .nextSection: 4
        case .review: 5
        case .export: 6
        case .lock: 7
        case .wipe: 8
        case .language: 9
        case .quit: 10
        }
    }

    /// The Ctrl key that does the same, as shown in the help.
    var controlKey: Character {
        switch self {
        case .help: "g"
        case .newTestimony: "o"
        case .previousSection: "p"
        case .nextSection: "n"
        case .review: "r"
        case .export: "t"
        case .lock: "l"
        case .wipe: "x"
        case .language: "y"
        case .quit: "q"
        }
    }

    /// The command of function key F*n* (ESC *n* arrives here too, ESC 0 as F10).
    init?(functionKey number: Int) {
        guard let command = Self.allCases.first(where: { $0.functionKey == number }) else { return nil }
        self = command
    }

    /// The command of a key, or nil for an editing key.
    ///
    /// Ctrl-P and Ctrl-N are left to the text area when `textArea` is true (line up / down).
    init?(key: Key, textArea: Bool = false) {
        switch key {
        case let .function(number): self.init(functionKey: number)
        case .pageUp where !textArea: self = .previousSection
        case .pageDown where !textArea: self = .nextSection
        case .control("c"): self = .quit
        case .control("p"), .control("n"):
            guard !textArea, case let .control(letter) = key else { return nil }
            self = letter == "p" ? .previousSection : .nextSection
        case let .control(letter):
            guard let command = Self.allCases.first(where: { $0.controlKey == letter }) else { return nil }
            self = command
        default: return nil
        }
    }
}

/// What a screen receives: an editing key, a command, or Esc (confirmed as alone).
enum Input: Hashable, Sendable {
    /// A key that is not a command.
    case key(Key)
    /// A command.
    case command(Command)
    /// Esc pressed on its own: go back.
    case back
}
