import Foundation
import XCTest
@testable import TemoinForms

final class ConditionTests: XCTestCase {
    private let answers: Answers = [
        "seen": .yesno(.yes),
        "device": .choice("tablet"),
        "forces": .choices(["bac", "crs"]),
        "city": .text("Lyon"),
        "blank": .text("  \n"),
        "none": .choices([]),
    ]

    func testEquals() {
        XCTAssertTrue(Condition.equals(field: "seen", value: "yes").holds(in: answers))
        XCTAssertFalse(Condition.equals(field: "seen", value: "no").holds(in: answers))
        XCTAssertTrue(Condition.equals(field: "device", value: "tablet").holds(in: answers))
        XCTAssertFalse(Condition.equals(field: "absent", value: "yes").holds(in: answers), "no answer never equals")
        XCTAssertFalse(Condition.equals(field: "forces", value: "bac").holds(in: answers), "multichoice needs includes")
    }

    func testOneOf() {
        XCTAssertTrue(Condition.oneOf(field: "device", values: ["smartphone", "tablet"]).holds(in: answers))
        XCTAssertFalse(Condition.oneOf(field: "device", values: ["smartphone", "camera"]).holds(in: answers))
        XCTAssertFalse(Condition.oneOf(field: "absent", values: ["yes"]).holds(in: answers))
    }

    func testIncludes() {
        XCTAssertTrue(Condition.includes(field: "forces", choice: "crs").holds(in: answers))
        XCTAssertFalse(Condition.includes(field: "forces", choice: "customs").holds(in: answers))
        XCTAssertFalse(Condition.includes(field: "device", choice: "tablet").holds(in: answers), "only multichoice")
    }

    func testAnsweredTreatsBlankAsUnanswered() {
        XCTAssertTrue(Condition.answered(field: "city", true).holds(in: answers))
        XCTAssertFalse(Condition.answered(field: "blank", true).holds(in: answers))
        XCTAssertFalse(Condition.answered(field: "none", true).holds(in: answers))
        XCTAssertTrue(Condition.answered(field: "absent", false).holds(in: answers))
        XCTAssertFalse(Condition.answered(field: "city", false).holds(in: answers))
    }

    func testCombinators() {
        let yes = Condition.equals(field: "seen", value: "yes")
        let no = Condition.equals(field: "seen", value: "no")
        XCTAssertTrue(Condition.all([yes, .includes(field: "forces", choice: "bac")]).holds(in: answers))
        XCTAssertFalse(Condition.all([yes, no]).holds(in: answers))
        XCTAssertTrue(Condition.any([no, yes]).holds(in: answers))
        XCTAssertFalse(Condition.any([no, .answered(field: "blank", true)]).holds(in: answers))
        XCTAssertTrue(Condition.not(no).holds(in: answers))
        XCTAssertFalse(Condition.not(.any([no, yes])).holds(in: answers))
    }

    func testJSONFormOfEveryCase() throws {
        let json = #"""
        {"all": [{"field": "a", "equals": "yes"}, {"field": "b", "in": ["x", "y"]},
                 {"any": [{"field": "c", "includes": "z"}, {"not": {"field": "d", "answered": true}}]}]}
        """#
        let condition = try JSONDecoder().decode(Condition.self, from: Data(json.utf8))
        XCTAssertEqual(condition, .all([
            .equals(field: "a", value: "yes"), .oneOf(field: "b", values: ["x", "y"]),
            .any([.includes(field: "c", choice: "z"), .not(.answered(field: "d", true))]),
        ]))
        let encoded = try JSONEncoder().encode(condition)
        XCTAssertEqual(try JSONDecoder().decode(Condition.self, from: encoded), condition)
        XCTAssertEqual(condition.referencedFields, ["a", "b", "c", "d"])
    }

    func testMalformedConditionsAreRefused() {
        let bad = [
            #"{"field": "a"}"#,
            #"{"field": "a", "equals": "yes", "in": ["no"]}"#,
            #"{"all": [], "field": "a"}"#,
            #"{"all": []}"#,
            #"{"field": "a", "in": []}"#,
            #"{"field": "a", "equal": "yes"}"#,
        ]
        for json in bad {
            XCTAssertThrowsError(try JSONDecoder().decode(Condition.self, from: Data(json.utf8)), json) { error in
                XCTAssertTrue(error is QuestionnaireError, "\(json): \(error)")
            }
        }
    }
}
