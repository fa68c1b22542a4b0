/// A problem with one answer, explained to the volunteer in both languages.
public struct ValidationIssue: Error, Sendable, Hashable, CustomStringConvertible {
    /// The id of the field concerned; empty when the problem concerns the answers as a whole.
    public var fieldID: String
    /// What is wrong and how to fix it.
    public var message: Localized
    /// What kind of problem this is, for callers that react differently (e.g. highlight missing answers).
    public var reason: Reason

    /// Creates an issue.
    public init(fieldID: String, message: Localized, reason: Reason = .invalid) {
        self.fieldID = fieldID
        self.message = message
        self.reason = reason
    }

    /// `fieldID: English message`, or only the message when no field is concerned.
    public var description: String {
        fieldID.isEmpty ? message.en : "\(fieldID): \(message.en)"
    }

    /// What kind of problem an issue is.
    public enum Reason: String, Sendable, Hashable, CaseIterable {
        /// A required question has no answer (or the input was empty).
        case missing
        /// The answers name a field the questionnaire does not have.
        case unknownField
        /// The answer has the wrong type for its field (text where a number is expected…).
        case wrongType
        /// The answer has the right type but a wrong value (impossible date, unknown choice, too long…).
        case invalid
        /// The answer is not the one value the field accepts (`mustBe`).
        case mustBe
        /// The answers as a whole are unreadable (not JSON, not an object).
        case malformed
    }
}
