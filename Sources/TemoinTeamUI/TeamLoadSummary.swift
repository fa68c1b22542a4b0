import TemoinForms
import TemoinTeam

/// What the loading read and left out, in words: one line for the status bar and, for F8, one line per problem.
struct TeamLoadSummary: Sendable {
    /// The status line: what could not be read first (with the F8 hint), then what was left out on purpose.
    let line: Localized
    /// Whether something could not be read (a bundle refused or left out, a testimony not opened).
    let hasProblems: Bool
    /// One line per bundle refused or left out and per testimony not opened.
    let problems: [Localized]

    /// Sums up `report` for `shown` testimonies; `skipped` are inbox bundles left out because their desk is revoked.
    init(report: DecryptReport, shown: Int, skipped: [String]) {
        let notOpened = (report.counts[.otherKey] ?? 0) + (report.counts[.corrupt] ?? 0)
        var unread: [Localized] = [], notes: [Localized] = []
        func add(_ count: Int, _ text: (Int) -> Localized, to list: inout [Localized]) {
            if count > 0 { list.append(text(count)) }
        }
        add(report.refusedBundles.count, TeamText.summaryRefused, to: &unread)
        add(report.damagedBundles.count, TeamText.summaryDamaged, to: &unread)
        add(skipped.count, TeamText.summaryRevoked, to: &unread)
        add(notOpened, TeamText.summaryNotOpened, to: &unread)
        add(report.counts[.unverified] ?? 0, TeamText.summaryUnverified, to: &notes)
        add(report.trustCounts.filter { $0.key != .approved }.values.reduce(0, +), TeamText.summaryNotApproved, to: &notes)
        add(report.counts[.withdrawn] ?? 0, TeamText.summaryWithdrawn, to: &notes)
        add(report.counts[.duplicate] ?? 0, TeamText.summaryDuplicates, to: &notes)
        // Read and shown, but in doubt: said first among the notes, and listed by F8.
        let doubtful = (report.counts[.conflict] ?? 0) + (report.counts[.deskMismatch] ?? 0)
        var warnings: [Localized] = []
        add(doubtful, TeamText.summaryConflicts, to: &warnings)
        add(report.unknownRecipients.count, TeamText.summaryUnknownKeys, to: &warnings)
        notes = warnings + notes
        hasProblems = !unread.isEmpty || !warnings.isEmpty
        line = Self.sentence(unread: unread, notes: notes, shown: shown)
        var problems = report.refusedBundles.map { TeamText.problemRefused($0.path, $0.error) }
        problems += report.damagedBundles.map(TeamText.problemDamaged)
        problems += skipped.map(TeamText.problemRevoked)
        problems += report.problems.filter { [.otherKey, .corrupt, .conflict, .deskMismatch].contains($0.status) }.map(TeamText.problemRecord)
        problems += report.unknownRecipients.sorted { $0.key < $1.key }.map { TeamText.problemUnknownKey($0.key, records: $0.value) }
        self.problems = problems
    }

    /// `Non lu : 1 lot refusé · 2 témoignages non ouverts — F8 : détails · 1 retiré`, or `5 témoignages lus · 1 retiré`.
    private static func sentence(unread: [Localized], notes: [Localized], shown: Int) -> Localized {
        func text(_ language: Language) -> String {
            func joined(_ parts: [Localized]) -> String { parts.map { $0.text(language) }.joined(separator: " · ") }
            var text = unread.isEmpty ? TeamText.summaryRead(shown).text(language)
                : TeamText.summaryUnread.text(language) + " " + joined(unread) + " — " + TeamText.summaryDetails.text(language)
            if !notes.isEmpty { text += " · " + joined(notes) }
            return text
        }
        return Localized(fr: text(.fr), en: text(.en))
    }
}
