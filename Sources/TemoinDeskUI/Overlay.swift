import TemoinForms
import TemoinTerminal
import TemoinUIKit

/// A box drawn over the current screen: the help, or a question to confirm.
enum Overlay: Sendable, Equatable {
    /// The keys (F1).
    case help
    /// Seal the testimony? (the desk will not be able to read it again)
    case confirmSeal
    /// Discard the draft?
    case confirmWipe

    /// What the answer to a confirmation is, if the key gives one.
    enum Answer {
        case confirm, cancel
    }

    /// The answer a key gives: Enter, o, y confirm; Esc, n, F10 cancel. Any key closes the help.
    func answer(to input: Input) -> Answer? {
        if self == .help { return .cancel }
        switch input {
        case .key(.enter), .key(.character("o")), .key(.character("O")), .key(.character("y")), .key(.character("Y")):
            return .confirm
        case .back, .command(.quit), .key(.character("n")), .key(.character("N")):
            return .cancel
        default:
            return nil
        }
    }

    /// Draws the box over `frame`.
    func draw(over frame: inout Frame, language: Language) {
        let size = frame.size
        let width = min(size.width - 4, self == .help ? 76 : 60)
        let lines: [(String, Style)]
        let title: String
        switch self {
        case .help:
            title = UIText.helpTitle(language)
            lines = UIText.helpLines(language).flatMap { line in
                TextWrap.wrap(line, width: width - 4).map { ($0, Style()) }
            } + [("", []), (UIText.helpClose(language), .dim)]
        case .confirmSeal:
            title = UIText.confirmSealTitle(language)
            lines = TextWrap.wrap(UIText.confirmSealText(language), width: width - 4).map { ($0, Style()) }
                + [("", []), (UIText.confirmSealKeys(language), .bold)]
        case .confirmWipe:
            title = UIText.confirmWipeTitle(language)
            lines = TextWrap.wrap(UIText.confirmWipeText(language), width: width - 4).map { ($0, Style()) }
                + [("", []), (UIText.confirmWipeKeys(language), .bold)]
        }
        let height = min(size.height - 2, lines.count + 4)
        let origin = Position(column: max(0, (size.width - width) / 2), row: max(1, (size.height - height) / 2))
        frame.box(at: origin, size: Size(width: width, height: height), style: .bold)
        frame.put(" " + title + " ", at: Position(column: origin.column + 2, row: origin.row), style: [.bold, .accent])
        for (index, line) in lines.prefix(height - 4).enumerated() {
            frame.put(line.0, at: Position(column: origin.column + 2, row: origin.row + 2 + index), style: line.1, maxWidth: width - 4)
        }
        frame.cursor = nil
    }
}
