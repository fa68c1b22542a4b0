import Foundation
import TemoinFormat
import TemoinForms
import TemoinTeam
import TemoinTerminal
import TemoinUIKit

/// The box that extracts one evidence file of the testimony shown (`x`): ↑↓ choose the file, the line
/// below names the folder it goes to; Enter asks the services to write it there, checked against its SHA-256.
struct TeamExtractBox: Sendable, Equatable {
    /// What a key did.
    enum Outcome: Sendable, Equatable {
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

    /// The box for `files` (not empty), the folder first `folder`.
    init(files: [EvidenceFile], folder: String) {
        self.files = files
        prompt = TeamPrompt(folder)
    }

    /// Reacts to a key.
    mutating func handle(_ input: TeamInput) -> Outcome? {
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
        prompt.draw(over: &frame, title: TeamText.extractTitle(language), lines: lines + ["", TeamText.extractExplained(language)],
                    footer: TeamText.extractHint(language), language: language)
    }
}
