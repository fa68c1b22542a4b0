import Foundation
import TemoinForms
import TemoinTeam
import TemoinTerminal

/// What the team adds to the testimony shown: a note, a tag (or, with a leading `-`, its removal), a status.
enum TeamCaseInput: TeamDialog {
    /// Typing a note.
    case note(TeamPrompt)
    /// Typing a tag.
    case tag(TeamPrompt)
    /// Picking a status in the list, this one highlighted.
    case status(selection: Int)

    /// The input that key `character` opens on a testimony: `n` a note, `t` a tag, `s` the status (on `current`).
    init?(character: Character, current: CaseStatus) {
        switch character {
        case "n", "N": self = .note(TeamPrompt())
        case "t", "T": self = .tag(TeamPrompt())
        case "s", "S": self = .status(selection: CaseStatus.allCases.firstIndex(of: current) ?? 0)
        default: return nil
        }
    }

    /// What a key did.
    enum Outcome: TeamDialogOutcome {
        /// Record this change.
        case record(CaseEvent.Kind, String)
        /// Close without recording anything.
        case cancel
    }

    /// Reacts to a key.
    mutating func handle(_ input: TeamInput) -> Outcome? {
        switch self {
        case var .note(prompt):
            let outcome = prompt.handle(input)
            self = .note(prompt)
            switch outcome {
            case let .submit(text)?: return .record(.note, text)
            case .cancel?: return .cancel
            case nil: return nil
            }
        case var .tag(prompt):
            let outcome = prompt.handle(input)
            self = .tag(prompt)
            switch outcome {
            case let .submit(text)?:
                let trimmed = text.trimmingCharacters(in: .whitespaces)
                return trimmed.hasPrefix("-") ? .record(.untag, String(trimmed.dropFirst())) : .record(.tag, trimmed)
            case .cancel?: return .cancel
            case nil: return nil
            }
        case let .status(selection):
            let count = CaseStatus.allCases.count
            switch input {
            case .back, .action(.quit): return .cancel
            case .key(.up): self = .status(selection: max(0, selection - 1))
            case .key(.down): self = .status(selection: min(count - 1, selection + 1))
            case .key(.home): self = .status(selection: 0)
            case .key(.end): self = .status(selection: count - 1)
            case .key(.enter): return .record(.status, CaseStatus.allCases[max(0, min(selection, count - 1))].rawValue)
            default: break
            }
            return nil
        }
    }

    /// Shows why the change was refused, keeping what was typed; false for the status list, which has
    /// nothing to correct (the caller closes it and says why).
    mutating func refuse(_ reason: Localized) -> Bool {
        switch self {
        case var .note(prompt):
            prompt.error = reason
            self = .note(prompt)
        case var .tag(prompt):
            prompt.error = reason
            self = .tag(prompt)
        case .status:
            return false
        }
        return true
    }

    /// Draws the box over the testimony.
    func draw(over frame: inout Frame, language: Language) {
        switch self {
        case let .note(prompt):
            prompt.draw(over: &frame, title: TeamCaseText.noteTitle(language), lines: [TeamCaseText.noteExplained(language)],
                        footer: TeamCaseText.inputHint(language), language: language)
        case let .tag(prompt):
            prompt.draw(over: &frame, title: TeamCaseText.tagTitle(language), lines: [TeamCaseText.tagExplained(language)],
                        footer: TeamCaseText.inputHint(language), language: language)
        case let .status(selection):
            TeamBox.draw(over: &frame, title: TeamCaseText.statusTitle(language), lines: [],
                         list: CaseStatus.allCases.map { $0.label.text(language) }, selection: selection,
                         footer: TeamCaseText.statusHint(language))
        }
    }
}
