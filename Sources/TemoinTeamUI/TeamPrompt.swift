import TemoinForms
import TemoinTerminal
import TemoinUIKit

/// A box over the screen to type one line (a note, a tag, a file name), with what it is for and, after a
/// refusal, why; the text typed stays so that it can be corrected.
struct TeamPrompt: TeamDialog {
    /// What a key did.
    enum Outcome: TeamDialogOutcome {
        /// Enter: the text typed.
        case submit(String)
        /// Esc or F10: close without doing anything.
        case cancel
    }

    /// The text typed.
    private(set) var editor: LineEditor
    /// Why the last text was refused, shown until the next key.
    var error: Localized?

    /// A prompt holding `text`, the cursor at its end.
    init(_ text: String = "") {
        editor = LineEditor(text)
    }

    /// Reacts to a key.
    mutating func handle(_ input: TeamInput) -> Outcome? {
        switch input {
        case .back, .action(.quit): return .cancel
        case .key(.enter): return .submit(editor.text)
        case let .key(key):
            if editor.handle(key) == .changed { error = nil }
        default: break
        }
        return nil
    }

    /// Draws the box: `title`, the wrapped `lines`, the refusal if any, the field and the `footer`.
    func draw(over frame: inout Frame, title: String, lines: [String], footer: String, language: Language) {
        let size = frame.size
        let width = min(size.width - 4, 78), inner = width - 4
        var text = lines.flatMap { TextWrap.wrap($0, width: inner) }
        let errorLines = error.map { TextWrap.wrap($0(language), width: inner) } ?? []
        let height = min(size.height - 2, text.count + errorLines.count + 7)
        text = Array(text.prefix(max(0, height - 7 - errorLines.count)))
        let origin = Position(column: max(0, (size.width - width) / 2), row: max(1, (size.height - height) / 2))
        frame.box(at: origin, size: Size(width: width, height: height), style: .bold)
        frame.put(" " + title + " ", at: Position(column: origin.column + 2, row: origin.row), style: [.bold, .accent], maxWidth: inner)
        var row = origin.row + 2
        for line in text {
            frame.put(line, at: Position(column: origin.column + 2, row: row), maxWidth: inner)
            row += 1
        }
        for line in errorLines {
            frame.put(line, at: Position(column: origin.column + 2, row: row), style: [.error, .bold], maxWidth: inner)
            row += 1
        }
        frame.cursor = editor.draw(into: &frame, at: Position(column: origin.column + 2, row: row + 1), width: inner,
                                   style: [.underline, .accent])
        frame.put(footer, at: Position(column: origin.column + 2, row: origin.row + height - 2), style: .dim, maxWidth: inner)
    }
}
