/// The screen the analysis UI shows.
enum TeamScreen: Sendable {
    /// The passphrases of the team keys.
    case unlock(TeamUnlockScreen)
    /// The bundles loading.
    case loading(TeamLoadingScreen)
    /// The list of testimonies (its state is kept by the model while another screen shows).
    case list
    /// One testimony in full.
    case detail(TeamDetailScreen)
    /// The charts (their state is kept by the model).
    case charts
    /// One question by another.
    case crosstab(TeamCrosstabScreen)
}

/// A box over the screen.
enum TeamOverlay: Sendable, Equatable {
    /// The keys (F1).
    case help
    /// What could not be read (F8), scrolled to its line `top`.
    case problems(top: Int)
    /// Filter by answer (F3).
    case picker(TeamFilterPicker)
    /// The testimonies that corroborate the one read (`c`).
    case corroboration(TeamCorroborationBox)
    /// A note, tag or status for the testimony shown (n, t, s).
    case caseInput(TeamCaseInput)
    /// The file to export the list shown to (e).
    case export(TeamPrompt)
    /// An evidence file of the testimony shown to extract, and where (x).
    case extract(TeamExtractBox)
}
