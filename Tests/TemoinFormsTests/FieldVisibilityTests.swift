import Foundation
import TemoinTestSupport
import XCTest
@testable import TemoinForms

/// `FieldVisibility`, laid out once for counting many testimonies, asks exactly the questions that
/// `Questionnaire.visibleFieldIDs(in:)` does.
final class FieldVisibilityTests: XCTestCase {
    private func assertSameAsVisibleFieldIDs(_ form: Questionnaire, _ answers: Answers, file: StaticString = #filePath, line: UInt = #line) {
        let visibility = FieldVisibility(form)
        let asked = visibility.asked(in: answers)
        let ids = Set(visibility.ids.indices.filter { asked[$0] }.map { visibility.ids[$0] })
        XCTAssertEqual(ids, form.visibleFieldIDs(in: answers), "\(answers)", file: file, line: line)
    }

    func testAChainOfConditionsAndAnswersToUnknownQuestions() throws {
        let form = try Fixtures.questionnaire(fields: [
            #"{"id": "a", "kind": "yesno"}"#,
            #"{"id": "b", "kind": "yesno", "when": {"field": "a", "equals": "yes"}}"#,
            #"{"id": "c", "kind": "text", "when": {"field": "b", "equals": "yes"}}"#,
            #"{"id": "d", "kind": "number", "when": {"field": "c", "answered": true}}"#,
            #"{"id": "e", "kind": "text", "when": {"not": {"field": "b", "answered": true}}}"#,
        ])
        for a in [nil, YesNo.yes, .no] {
            for b in [nil, YesNo.yes, .no] {
                for c in [nil, "x"] {
                    var answers: Answers = ["d": .number(2), "zz": .text("?")]
                    answers["a"] = a.map(AnswerValue.yesno)
                    answers["b"] = b.map(AnswerValue.yesno)
                    answers["c"] = c.map(AnswerValue.text)
                    assertSameAsVisibleFieldIDs(form, answers)
                }
            }
        }
        XCTAssertNil(FieldVisibility(form).position(of: "zz"))
        XCTAssertEqual(FieldVisibility(form).position(of: "c"), 2)
    }

    /// The built-in questionnaire, with each field answered or not at random (seeded) from its own choices.
    func testTheBuiltInQuestionnaireOnRandomAnswers() throws {
        let form = try Fixtures.builtIn()
        var generator = SystemRandomNumberGenerator()
        let seed = UInt64.random(in: 0..<UInt64.max, using: &generator)
        print("FieldVisibilityTests seed \(seed)")
        var random = SeededRandom(seed: seed)
        for _ in 0..<500 {
            var answers = Answers()
            for field in form.fields where Bool.random(using: &random) {
                let choices = field.choices.map(\.id)
                switch field.kind {
                case .yesno: answers[field.id] = .yesno([YesNo.yes, .no, .unknown].randomElement(using: &random)!)
                case .choice where !choices.isEmpty: answers[field.id] = .choice(choices.randomElement(using: &random)!)
                case .multichoice where !choices.isEmpty: answers[field.id] = .choices(Array(choices.shuffled(using: &random).prefix(2)))
                default: answers[field.id] = .text("réponse")
                }
            }
            assertSameAsVisibleFieldIDs(form, answers)
        }
    }
}

