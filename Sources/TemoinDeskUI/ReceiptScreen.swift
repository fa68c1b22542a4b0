import TemoinFormat
import TemoinForms
import TemoinTerminal
import TemoinUIKit

/// After sealing: the receipt code, large, to copy by hand for the witness.
struct ReceiptScreen: Sendable {
    /// The sealed record.
    let record: SealedRecord

    /// Whether a key closes the screen (Enter, Esc, F10).
    func closes(_ input: Input) -> Bool {
        switch input {
        case .key(.enter), .back, .command(.quit): true
        default: false
        }
    }

    /// Draws the screen.
    func view(size: Size, language: Language) -> Frame {
        var frame = Frame(size: size)
        frame.titleBar(UIText.receiptTitle(language))
        let width = size.width - 4
        var row = 2
        row += frame.paragraph(UIText.receiptSealed(language), at: Position(column: 2, row: row), width: width, style: [.ok, .bold])
        row += 1
        let code = record.receipt
        let big = BigText.render(code)
        let bigWidth = BigText.width(of: code)
        if bigWidth + 4 <= size.width, row + BigText.height + 6 < size.height {
            let left = (size.width - bigWidth - 4) / 2
            frame.box(at: Position(column: left, row: row), size: Size(width: bigWidth + 4, height: BigText.height + 2), style: .bold)
            for (offset, line) in big.enumerated() {
                frame.put(line, at: Position(column: left + 2, row: row + 1 + offset), style: .bold)
            }
            row += BigText.height + 2
        }
        let spaced = code.map(String.init).joined(separator: " ")
        frame.centered(UIText.receiptCode(language) + "  " + spaced, row: row, style: [.bold, .accent])
        row += 2
        row += frame.paragraph(UIText.receiptAdvice(language), at: Position(column: 2, row: row), width: width)
        row += 1
        frame.paragraph(UIText.receiptContinue(language), at: Position(column: 2, row: row), width: width, style: .dim)
        frame.keyBar([(.help, UIText.keyHelp(language)), (.quit, UIText.keyHome(language))])
        return frame
    }
}
