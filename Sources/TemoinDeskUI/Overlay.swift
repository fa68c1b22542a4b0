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
    /// Change an answer although it hides answers already given?
    case confirmHiding(HidingChange)

    /// What the answer to a confirmation is, if the key gives one.
    enum Answer {
        case confirm, cancel
    }

    /// The answer a key gives. Any key closes the help. Sealing: Enter, o, y confirm. Discarding, which
    /// cannot be undone, takes a deliberate o or y, never Enter (the account's new-paragraph key). Hiding
    /// answers, which a stray letter may have asked for, takes F5 only. Esc and F10 cancel; n cancels
    /// but for hiding answers, where it may be part of a sentence typed by mistake.
    func answer(to input: Input) -> Answer? {
        switch self {
        case .help: return .cancel
        case .confirmHiding:
            switch input {
            case .command(.review): return .confirm
            case .back, .command(.quit): return .cancel
            default: return nil
            }
        case .confirmWipe:
            switch input {
            case .key(.character("o")), .key(.character("O")), .key(.character("y")), .key(.character("Y")): return .confirm
            case .back, .command(.quit), .key(.character("n")), .key(.character("N")): return .cancel
            default: return nil
            }
        case .confirmSeal: break
        }
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
        case let .confirmHiding(change):
            title = UIText.confirmHideTitle(language)
            let text = UIText.confirmHideText(change.answer(language), change.hiddenFieldIDs.count, change.sections(language))(language)
            lines = TextWrap.wrap(text, width: width - 4).map { ($0, Style()) }
                + [("", []), (UIText.confirmHideKeys(language), .bold)]
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
