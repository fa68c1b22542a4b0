import TemoinForms
import TemoinTerminal
import TemoinUIKit

/// The bundles being verified and decrypted: a progress bar, or why loading stopped.
struct TeamLoadingScreen: Sendable {
    /// How many records the bundles hold, when known.
    let total: Int?
    /// Records handled so far.
    private(set) var done = 0
    /// Why loading stopped, if it did.
    private(set) var failure: Localized?

    /// Starts at zero.
    init(total: Int?) {
        self.total = total
    }

    /// Takes in the progress or the failure.
    mutating func receive(_ outcome: TeamOutcome) {
        switch outcome {
        case let .progress(count): done = count
        case let .loadFailed(message): failure = message
        default: break
        }
    }

    /// `[██████░░░░░░]` for `done` of `total`, `width` cells inside the brackets.
    static func bar(done: Int, total: Int, width: Int) -> String {
        let filled = total > 0 ? min(width, done * width / total) : width
        return "[" + String(repeating: "█", count: filled) + String(repeating: "░", count: max(0, width - filled)) + "]"
    }

    /// Draws the screen.
    func view(size: Size, language: Language) -> Frame {
        var frame = Frame(size: size)
        frame.titleBar(TeamText.appName(language))
        let width = min(size.width - 4, 70)
        let left = max(2, (size.width - width) / 2)
        var row = max(2, size.height / 2 - 4)
        frame.put(TeamText.loadingTitle(language), at: Position(column: left, row: row), style: [.bold, .accent], maxWidth: width)
        row += 2
        if let failure {
            frame.put(TeamText.loadFailed(language), at: Position(column: left, row: row), style: [.error, .bold], maxWidth: width)
            frame.paragraph(failure(language), at: Position(column: left, row: row + 1), width: width, style: .error)
        } else {
            if let total {
                let percent = total > 0 ? min(100, done * 100 / total) : 100
                let figures = " " + TeamText.percent(percent)(language)
                let bar = Self.bar(done: done, total: total, width: max(4, width - 2 - DisplayWidth.of(figures)))
                frame.put(bar + figures, at: Position(column: left, row: row), style: .accent, maxWidth: width)
                row += 1
            }
            frame.put(TeamText.loadingCount(done, total)(language), at: Position(column: left, row: row), maxWidth: width)
            frame.paragraph(TeamText.loadingExplained(language), at: Position(column: left, row: row + 2), width: width, style: .dim)
        }
        frame.keyBar(functionKeys: [(TeamAction.quit.functionKey, UIText.keyQuit(language))])
        return frame
    }
}
