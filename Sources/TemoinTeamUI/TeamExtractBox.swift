import Foundation
import TemoinFormat
import TemoinForms
import TemoinTeam
import TemoinTerminal
import TemoinUIKit

/// The box that extracts one evidence file of the testimony shown (`x`): ↑↓ choose the file, the line
/// below names the folder it goes to; Enter asks the services to write it there, checked against its SHA-256,
/// in the background: the box then shows the bytes written, and Esc hides it while the writing goes on.
struct TeamExtractBox: TeamDialog {
    /// What a key did.
    enum Outcome: TeamDialogOutcome {
        /// Enter: the file chosen and the folder typed.
        case extract(EvidenceFile, folder: String)
        /// Esc or F10: close.
        case cancel
    }

    /// The testimony's files, in the order given.
    let files: [EvidenceFile]
    /// The file Enter extracts.
    private(set) var highlight = 0
    /// The folder typed, and why the last attempt failed.
    var prompt: TeamPrompt
    /// While the file chosen is being written: the bytes written so far (nil: not known yet).
    private(set) var writing: Int??

    /// The box for `files` (not empty), the folder first `folder`.
    init(files: [EvidenceFile], folder: String) {
        self.files = files
        prompt = TeamPrompt(folder)
    }

    /// Whether the file chosen is being written.
    var isWriting: Bool { writing != nil }

    /// The extraction reported `written` bytes.
    mutating func progress(_ written: Int) {
        if isWriting { writing = .some(written) }
    }

    /// The extraction failed: the box is for correcting the folder again, with the reason.
    mutating func failed(_ reason: Localized) {
        writing = nil
        prompt.error = reason
    }

    /// Reacts to a key.
    mutating func handle(_ input: TeamInput) -> Outcome? {
        if isWriting {   // the file is being written: only hiding the box
            switch input {
            case .back, .action(.quit): return .cancel
            default: return nil
            }
        }
        switch input {
        case .key(.up): highlight = max(0, highlight - 1)
        case .key(.down): highlight = min(files.count - 1, highlight + 1)
        default:
            switch prompt.handle(input) {
            case .cancel?: return .cancel
            case let .submit(text)?:
                let folder = text.trimmingCharacters(in: .whitespaces)
                guard !folder.isEmpty, files.indices.contains(highlight) else {
                    prompt.error = TeamText.extractNeedsFolder
                    return nil
                }
                writing = .some(nil)
                return .extract(files[highlight], folder: folder)
            case nil: break
            }
        }
        return nil
    }

    /// Draws the box: the files, the one chosen marked, then the folder.
    func draw(over frame: inout Frame, language: Language) {
        let lines = files.enumerated().map { index, file in
            (index == highlight ? "▸ " : "  ") + "\(index + 1). " + TestimonyLabels.file(file)(language)
        }
        guard let writing, files.indices.contains(highlight) else {
            prompt.draw(over: &frame, title: TeamText.extractTitle(language), lines: lines + ["", TeamText.extractExplained(language)],
                        footer: TeamText.extractHint(language), language: language)
            return
        }
        let file = files[highlight]
        var progress = [TeamText.extracting(file.name)(language)]
        if let written = writing {
            let done = min(written, file.size), width = 40
            let filled = file.size > 0 ? width * done / file.size : width
            progress.append("[" + String(repeating: "█", count: filled) + String(repeating: "·", count: width - filled) + "] "
                            + (file.size > 0 ? "\(100 * done / file.size) % " : "")
                            + TeamText.extractedOf(language.bytes(done), language.bytes(file.size))(language))
        }
        prompt.draw(over: &frame, title: TeamText.extractTitle(language), lines: lines + [""] + progress,
                    footer: TeamText.extractWritingHint(language), language: language)
    }
}
