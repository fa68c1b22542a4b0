/// The kind of answer a field expects, which decides how it is typed, stored and checked.
public enum FieldKind: String, Codable, Sendable, CaseIterable {
    /// One line of text.
    case text
    /// Several lines of text, such as the witness's account.
    case longtext
    /// Exactly one of the field's choices.
    case choice
    /// Any number of the field's choices.
    case multichoice
    /// Yes, no, or don't know.
    case yesno
    /// A whole number.
    case number
    /// A date, exact (`2026-03-14`) or approximate (`2026-03`).
    case date
    /// A time of day (`18:30`).
    case time
    /// Evidence files handed over by the witness (photos, videos, documents), sealed with the testimony;
    /// the answer is the list of their file ids (the files themselves are encrypted apart, Docs/FORMAT.md).
    case files

    /// Whether fields of this kind list their possible answers in `choices`.
    public var hasChoices: Bool {
        self == .choice || self == .multichoice
    }
}
