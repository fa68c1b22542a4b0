import Foundation
import XCTest
@testable import TemoinForms

final class PruningTests: XCTestCase {
    /// a → b (when a yes) → c (when b yes) → d (when c answered); e shown only while b is not asked.
    private func chain() throws -> Questionnaire {
        try Fixtures.questionnaire(fields: [
            #"{"id": "a", "kind": "yesno"}"#,
            #"{"id": "b", "kind": "yesno", "when": {"field": "a", "equals": "yes"}}"#,
            #"{"id": "c", "kind": "text", "when": {"field": "b", "equals": "yes"}}"#,
            #"{"id": "d", "kind": "number", "when": {"field": "c", "answered": true}}"#,
            #"{"id": "e", "kind": "text", "when": {"not": {"field": "b", "answered": true}}}"#,
        ])
    }

    func testHidingOneQuestionHidesTheQuestionsThatDependOnIt() throws {
        let form = try chain()
        let answers: Answers = ["a": .yesno(.no), "b": .yesno(.yes), "c": .text("x"), "d": .number(2), "e": .text("kept")]
        let (kept, dropped) = form.pruned(answers)
        XCTAssertEqual(kept, ["a": .yesno(.no), "e": .text("kept")])
        XCTAssertEqual(dropped, ["b", "c", "d"])
    }

    func testNothingDroppedWhenEveryConditionHolds() throws {
        let form = try chain()
        let answers: Answers = ["a": .yesno(.yes), "b": .yesno(.yes), "c": .text("x"), "d": .number(2)]
        XCTAssertEqual(form.pruned(answers).kept, answers)
        XCTAssertEqual(form.pruned(answers).dropped, [])
    }

    func testUnknownIDsAreDroppedAfterQuestionnaireOrder() throws {
        let form = try chain()
        let (kept, dropped) = form.pruned(["zz": .text("?"), "a": .yesno(.no), "b": .yesno(.no), "aa": .number(1)])
        XCTAssertEqual(kept, ["a": .yesno(.no)])
        XCTAssertEqual(dropped, ["b", "aa", "zz"])
    }

    func testVisibilityIgnoresAnswersToHiddenQuestions() throws {
        let form = try chain()
        // b still holds an answer (the volunteer went back and changed a), but b is no longer asked.
        let answers: Answers = ["a": .yesno(.no), "b": .yesno(.yes), "c": .text("x")]
        let d = try XCTUnwrap(form.field("d"))
        let e = try XCTUnwrap(form.field("e"))
        XCTAssertFalse(form.isVisible(d, in: answers))
        XCTAssertTrue(form.isVisible(e, in: answers), "b is not asked, so it counts as unanswered")
        XCTAssertEqual(form.visibleFieldIDs(in: answers), ["a", "e"])
    }

    func testSectionConditionHidesAllItsFields() throws {
        let json = #"""
        {"id": "f", "version": 2, "title": {"fr": "T", "en": "T"}, "sections": [
          {"id": "one", "title": {"fr": "1", "en": "1"}, "fields": [
            {"id": "go", "kind": "yesno", "label": {"fr": "?", "en": "?"}}]},
          {"id": "two", "title": {"fr": "2", "en": "2"}, "when": {"field": "go", "equals": "yes"}, "fields": [
            {"id": "x", "kind": "text", "label": {"fr": "x", "en": "x"}, "required": true},
            {"id": "y", "kind": "text", "label": {"fr": "y", "en": "y"}}]}]}
        """#
        let form = try Questionnaire(jsonData: Data(json.utf8))
        XCTAssertEqual(form.visibleFieldIDs(in: ["go": .yesno(.no)]), ["go"])
        XCTAssertFalse(form.isVisible(form.sections[1], in: ["go": .yesno(.no)]))
        XCTAssertTrue(form.isVisible(form.sections[1], in: ["go": .yesno(.yes)]))
        XCTAssertTrue(form.isVisible(form.sections[0], in: [:]))
        XCTAssertEqual(form.pruned(["go": .yesno(.no), "x": .text("1"), "y": .text("2")]).dropped, ["x", "y"])
        XCTAssertEqual(form.validate(["go": .yesno(.no)], forSealing: true), [], "hidden required field is not missing")
        XCTAssertEqual(form.validate(["go": .yesno(.yes)], forSealing: true).map(\.fieldID), ["x"])
    }

    func testBuiltInConsentNoDropsEverythingElse() throws {
        let form = try Fixtures.builtIn()
        let answers: Answers = ["consent": .yesno(.no), "city": .text("Paris"), "face_photo": .yesno(.yes),
                                "photo_how": .choices(["covert"])]
        let (kept, dropped) = form.pruned(answers)
        XCTAssertEqual(kept, ["consent": .yesno(.no)])
        XCTAssertEqual(dropped, ["city", "face_photo", "photo_how"])
    }
}
