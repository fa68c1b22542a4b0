import Foundation
import XCTest
@testable import TemoinForms

/// Builds questionnaires from small JSON texts and reads the built-in one.
enum Fixtures {
    /// A fixed "today" so that future-date checks do not depend on the clock.
    static let today = ApproximateDate(year: 2026, month: 11, day: 29)

    static func builtIn() throws -> Questionnaire {
        try Questionnaire.builtIn()
    }

    /// A label usable anywhere a `Localized` is required.
    static let label = #"{"fr": "Question", "en": "Question"}"#

    /// A questionnaire with one section holding `fields` (JSON objects without their labels).
    static func questionnaireJSON(fields: [String], sectionWhen: String? = nil) -> String {
        let withLabels = fields.map { field in
            field.replacingOccurrences(of: "{", with: "{\"label\": \(label), ", options: [.anchored])
        }
        let when = sectionWhen.map { #", "when": \#($0)"# } ?? ""
        return #"""
        {"id": "test-form", "version": 1, "title": \#(label),
         "sections": [{"id": "main", "title": \#(label)\#(when), "fields": [\#(withLabels.joined(separator: ", "))]}]}
        """#
    }

    static func questionnaire(fields: [String]) throws -> Questionnaire {
        try Questionnaire(jsonData: Data(questionnaireJSON(fields: fields).utf8))
    }

    /// The error thrown when reading `json` as a questionnaire, or a test failure.
    static func error(reading json: String, file: StaticString = #filePath, line: UInt = #line) -> QuestionnaireError? {
        do {
            _ = try Questionnaire(jsonData: Data(json.utf8))
            XCTFail("the questionnaire was accepted", file: file, line: line)
        } catch let error as QuestionnaireError {
            return error
        } catch {
            XCTFail("unexpected error \(error)", file: file, line: line)
        }
        return nil
    }
}
