import Foundation
import XCTest
@testable import TemoinForms

final class DecodeAnswersTests: XCTestCase {
    private func decode(_ json: String) throws -> Result<Answers, AnswersError> {
        try Fixtures.builtIn().decodeAnswers(fromJSON: Data(json.utf8), today: Fixtures.today)
    }

    private func issues(_ json: String, file: StaticString = #filePath, line: UInt = #line) throws -> [ValidationIssue] {
        guard case let .failure(error) = try decode(json) else {
            XCTFail("accepted", file: file, line: line)
            return []
        }
        return error.issues
    }

    func testEveryValueType() throws {
        let json = #"""
        {"consent": "yes", "role": "witness", "forces": ["bac", "unknown"], "officer_count": 4,
         "check_date": "2026-03", "check_time": "18:30", "city": "Saint-Étienne",
         "account": "Ligne 1\nLigne 2", "face_photo": "unknown", "place": null}
        """#
        let answers = try decode(json).get()
        XCTAssertEqual(answers, [
            "consent": .yesno(.yes), "role": .choice("witness"), "forces": .choices(["bac", "unknown"]),
            "officer_count": .number(4), "check_date": .date(ApproximateDate(year: 2026, month: 3)),
            "check_time": .time(TimeOfDay(hour: 18, minute: 30)), "city": .text("Saint-Étienne"),
            "account": .text("Ligne 1\nLigne 2"), "face_photo": .yesno(.unknown),
        ])
        XCTAssertNil(answers["place"], "null means no answer")
    }

    func testEveryProblemIsCollectedAtOnce() throws {
        let json = #"""
        {"consent": "oui", "role": "bystander", "forces": ["bac", 3], "officer_count": "4",
         "people_checked": 2.5, "duration": 0, "check_date": "2026-02-30", "check_time": "25:00",
         "result_delay": true, "city": "Paris\u0007", "account": 12, "cty": "Paris", "interview_language": ["fr"],
         "device_kind": "tablet", "photo_how": ["covert", "teleport"], "filmed": "maybe", "rio": "1234567",
         "volunteer_notes": "ok", "fingerprint": "no", "check": "x"}
        """#
        let found = try issues(json)
        let expected: [(String, ValidationIssue.Reason)] = [
            ("consent", .invalid), ("role", .invalid), ("interview_language", .wrongType),
            ("check_date", .invalid), ("check_time", .invalid), ("city", .invalid),
            ("forces", .wrongType), ("officer_count", .wrongType),
            ("people_checked", .invalid), ("duration", .invalid),
            ("photo_how", .invalid), ("result_delay", .wrongType),
            ("filmed", .invalid), ("account", .wrongType),
            ("check", .unknownField), ("cty", .unknownField),
        ]
        XCTAssertEqual(found.map(\.fieldID), expected.map(\.0))
        XCTAssertEqual(found.map(\.reason), expected.map(\.1))
        let byField = Dictionary(found.map { ($0.fieldID, $0.message.en) }, uniquingKeysWith: { a, _ in a })
        XCTAssertEqual(byField["consent"], #"Write "yes", "no" or "unknown"."#)
        XCTAssertEqual(byField["officer_count"], "Write a whole number without quotes, for example 3.")
        XCTAssertEqual(byField["check_date"], "This date does not exist. Check the day, the month (1 to 12) and the 4-digit year.")
        XCTAssertEqual(byField["photo_how"], "“teleport” is not one of the possible answers: asked_to_face, covert, id_document_photo, video, other.")
        XCTAssertEqual(byField["duration"], "The number must be at least 1.")
        XCTAssertTrue(byField["cty"]?.contains("Did you mean “city”?") ?? false)
    }

    func testValuesInNonCanonicalFormsAreRefused() throws {
        for (field, value) in [("check_date", "14/03/2026"), ("check_date", "2026-3-14"), ("check_time", "18h30"),
                               ("check_time", "8:30"), ("consent", "YES"), ("officer_count", "\"3\"")] {
            let literal = value.hasPrefix("\"") ? value : "\"\(value)\""
            let found = try issues("{\"\(field)\": \(literal)}")
            XCTAssertEqual(found.map(\.fieldID), [field], value)
        }
    }

    func testFutureDateAndMustBeAreFormatProblems() throws {
        let found = try issues(#"{"consent": "no", "check_date": "2027-01-05"}"#)
        XCTAssertEqual(found.map(\.fieldID), ["consent", "check_date"])
        XCTAssertEqual(found.map(\.reason), [.mustBe, .invalid])
    }

    func testMissingRequiredAnswersAreLeftToValidate() throws {
        let answers = try decode(#"{"consent": "yes"}"#).get()
        let missing = try Fixtures.builtIn().validate(answers, forSealing: true, today: Fixtures.today)
        XCTAssertEqual(missing.map(\.fieldID), ["check_date", "city", "account"])
    }

    func testUnreadableInput() throws {
        for json in ["", "{", "[1, 2]", "\"text\""] {
            let found = try issues(json)
            XCTAssertEqual(found.count, 1, json)
            XCTAssertEqual(found.first?.reason, .malformed, json)
            XCTAssertEqual(found.first?.fieldID, "", json)
        }
        var invalidUTF8 = Data(#"{"city": "Par"#.utf8)
        invalidUTF8.append(contentsOf: [0xFF, 0xFE])
        invalidUTF8.append(contentsOf: Data(#"is"}"#.utf8))
        let result = try Fixtures.builtIn().decodeAnswers(fromJSON: invalidUTF8)
        guard case let .failure(error) = result else { return XCTFail("invalid UTF-8 accepted") }
        XCTAssertEqual(error.issues.map(\.reason), [.malformed])
        XCTAssertTrue(error.description.contains("not valid UTF-8 JSON"), error.description)
    }

    func testAFieldAnsweredTwiceIsRefusedRatherThanSilentlyCollapsed() throws {
        let found = try issues(#"{"consent": "no", "city": "Lyon", "consent": "yes", "nested": {"a": [{"b": 1, "b": 2}]}}"#)
        XCTAssertEqual(found.map(\.fieldID), ["consent", "b"])
        XCTAssertEqual(found.first?.message.en, "This field is answered twice in the file. Keep only one answer.")
        XCTAssertEqual(DuplicateKeys.find(in: Data(#"{"a": "{\"a\": 1, \"a\"", "b": [{"a": 1}, {"a": 2}]}"#.utf8)), [])
    }

    func testErrorDescriptionListsOneProblemPerLine() throws {
        guard case let .failure(error) = try decode(#"{"consent": "no", "role": "x"}"#) else { return XCTFail() }
        let lines = error.description.split(separator: "\n")
        XCTAssertEqual(lines.count, 2)
        XCTAssertTrue(lines[0].hasPrefix("consent: "))
        XCTAssertTrue(lines[1].hasPrefix("role: "))
    }
}
