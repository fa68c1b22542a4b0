import TemoinForms
import TemoinTerminal

/// How an analysis session behaves: language, questionnaire, what the loading left out, timings.
public struct TeamConfiguration: Sendable {
    /// The UI language at start (F9 switches it).
    public var language: Language
    /// The questionnaire giving sections, labels and choices.
    public var form: Questionnaire
    /// How many records the bundles hold, when known (from the inbox), for the progress bar.
    public var expectedRecords: Int?
    /// Inbox bundles left out before loading because their desk is revoked.
    public var skippedBundles: [String]
    /// Below this size the screen asks to be enlarged.
    public var minimumSize = Size(width: 60, height: 18)
    /// How long after Esc a digit still counts as a function key (ESC 1 = F1).
    public var escapeWindow: Double = 0.8

    /// Creates a configuration.
    public init(language: Language, form: Questionnaire, expectedRecords: Int? = nil, skippedBundles: [String] = []) {
        self.language = language
        self.form = form
        self.expectedRecords = expectedRecords
        self.skippedBundles = skippedBundles
    }
}
