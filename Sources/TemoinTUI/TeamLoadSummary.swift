import TemoinAnalysis
import TemoinForms

/// What the loading read and left out, in words: one line for the status bar and, for F8, one line per problem.
struct TeamLoadSummary: Sendable {
    /// The status line: testimonies shown, then bundles refused, testimonies not opened, and the like.
    let line: Localized
    /// Whether something could not be read (a bundle refused or left out, a testimony not opened).
    let hasProblems: Bool
    /// One line per bundle refused or left out and per testimony not opened.
    let problems: [Localized]

    /// Sums up `report` for `shown` testimonies; `skipped` are inbox bundles left out because their desk is revoked.
    init(report: DecryptReport, shown: Int, skipped: [String]) {
        let notOpened = (report.counts[.otherKey] ?? 0) + (report.counts[.corrupt] ?? 0)
        var parts = [TeamText.testimonies(shown)]
        func add(_ count: Int, _ text: (Int) -> Localized) {
            if count > 0 { parts.append(text(count)) }
        }
        add(report.refusedBundles.count, TeamText.summaryRefused)
        add(skipped.count, TeamText.summaryRevoked)
        add(notOpened, TeamText.summaryNotOpened)
        add(report.counts[.unverified] ?? 0, TeamText.summaryUnverified)
        add(report.counts[.withdrawn] ?? 0, TeamText.summaryWithdrawn)
        add(report.counts[.duplicate] ?? 0, TeamText.summaryDuplicates)
        hasProblems = !report.refusedBundles.isEmpty || !skipped.isEmpty || notOpened > 0
        if hasProblems { parts.append(TeamText.summaryDetails) }
        line = Localized(fr: parts.map(\.fr).joined(separator: " · "), en: parts.map(\.en).joined(separator: " · "))
        var problems = report.refusedBundles.map { TeamText.problemRefused($0.path, $0.reason) }
        problems += skipped.map(TeamText.problemRevoked)
        for problem in report.problems {
            let status: Localized
            switch problem.status {
            case .otherKey: status = TeamText.statusOtherKey
            case .corrupt: status = TeamText.statusCorrupt
            default: continue
            }
            problems.append(TeamText.problemRecord(problem.bundle, problem.recordID, status, problem.detail))
        }
        self.problems = problems
    }
}
