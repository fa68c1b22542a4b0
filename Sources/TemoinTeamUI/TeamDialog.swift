/// A box over the team's screens that takes the keys until it gives its answer or is closed: the prompt
/// (`TeamPrompt`), the note, tag and status inputs (`TeamCaseInput`), the extraction box (`TeamExtractBox`).
protocol TeamDialog: Sendable, Equatable {
    /// What a key did: the dialog's own answers, and `cancel`.
    associatedtype Outcome: TeamDialogOutcome
    /// Reacts to a key; nil while the dialog stays open.
    mutating func handle(_ input: TeamInput) -> Outcome?
}

/// What a key did to a dialog: its answers (each dialog has its own) or `cancel`.
protocol TeamDialogOutcome: Sendable, Equatable {
    /// Esc or F10: close without doing anything.
    static var cancel: Self { get }
}
