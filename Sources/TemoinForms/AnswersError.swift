/// Everything wrong with a set of answers, each problem listed with its field id.
public struct AnswersError: Error, Sendable, Hashable, CustomStringConvertible {
    /// Every problem found, in questionnaire order, then unknown fields.
    public var issues: [ValidationIssue]

    /// Creates an error from its issues.
    public init(issues: [ValidationIssue]) {
        self.issues = issues
    }

    /// One issue per line, in English.
    public var description: String {
        issues.map(\.description).joined(separator: "\n")
    }
}
