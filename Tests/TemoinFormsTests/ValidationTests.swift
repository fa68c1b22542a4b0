import Foundation
import XCTest
@testable import TemoinForms

final class ValidationTests: XCTestCase {
    private func form() throws -> Questionnaire {
        try Fixtures.questionnaire(fields: [
            #"{"id": "consent", "kind": "yesno", "required": true, "mustBe": "yes"}"#,
            #"{"id": "name", "kind": "text", "maxLength": 5}"#,
            #"{"id": "story", "kind": "longtext", "required": true}"#,
            #"{"id": "count", "kind": "number", "min": 1, "max": 10}"#,
            #"{"id": "pick", "kind": "choice", "choices": [{"id": "a", "label": {"fr": "A", "en": "A"}}, {"id": "b", "label": {"fr": "B", "en": "B"}}]}"#,
            #"{"id": "ticks", "kind": "multichoice", "max": 2, "choices": [{"id": "a", "label": {"fr": "A", "en": "A"}}, {"id": "b", "label": {"fr": "B", "en": "B"}}, {"id": "c", "label": {"fr": "C", "en": "C"}}]}"#,
            #"{"id": "day", "kind": "date", "required": true}"#,
            #"{"id": "hour", "kind": "time"}"#,
        ])
    }

    private func reasons(_ issues: [ValidationIssue]) -> [String: ValidationIssue.Reason] {
        Dictionary(issues.map { ($0.fieldID, $0.reason) }, uniquingKeysWith: { first, _ in first })
    }

    func testWhileTypingMissingRequiredAnswersAreFine() throws {
        XCTAssertEqual(try form().validate([:], forSealing: false, today: Fixtures.today), [])
        XCTAssertEqual(try form().validate(["count": .number(3)], forSealing: false, today: Fixtures.today), [])
    }

    func testForSealingEveryMissingRequiredAnswerIsListedInOrder() throws {
        let issues = try form().validate(["story": .text(" \n\t ")], forSealing: true, today: Fixtures.today)
        XCTAssertEqual(issues.map(\.fieldID), ["consent", "story", "day"])
        XCTAssertTrue(issues.allSatisfy { $0.reason == .missing })
        XCTAssertEqual(issues[0].description, "consent: This question needs an answer.")
        XCTAssertEqual(issues[0].message.fr, "Cette question demande une réponse.")
    }

    func testFormatProblemsAreReportedInBothModes() throws {
        let answers: Answers = [
            "consent": .yesno(.no),
            "name": .text("Dominique"),
            "count": .number(11),
            "pick": .choice("z"),
            "ticks": .choices(["a", "a", "b"]),
            "day": .date(ApproximateDate(year: 2026, month: 2, day: 30)),
            "hour": .time(TimeOfDay(hour: 24, minute: 0)),
            "story": .text("ok"),
        ]
        for sealing in [false, true] {
            let issues = try form().validate(answers, forSealing: sealing, today: Fixtures.today)
            XCTAssertEqual(issues.map(\.fieldID), ["consent", "name", "count", "pick", "ticks", "ticks", "day", "hour"])
            XCTAssertEqual(reasons(issues)["consent"], .mustBe)
        }
    }

    func testMessagesAreActionableInBothLanguages() throws {
        let form = try form()
        func message(_ id: String, _ value: AnswerValue) throws -> Localized {
            try XCTUnwrap(form.field(id)?.problems(with: value, today: Fixtures.today).first?.message)
        }
        XCTAssertEqual(try message("name", .text("Dominique")).en, "Too long: at most 5 characters (this one has 9). Shorten it.")
        XCTAssertEqual(try message("count", .number(0)).fr, "Le nombre doit être au moins 1.")
        XCTAssertEqual(try message("count", .text("3")).en, "Enter a whole number, for example 3.")
        XCTAssertEqual(try message("count", .text("3")).fr, "Indiquez un nombre entier, par exemple 3.")
        XCTAssertEqual(try message("pick", .choice("z")).en, "“z” is not one of the possible answers: a, b.")
        XCTAssertEqual(try message("consent", .yesno(.unknown)).fr, "Il faut répondre « oui » pour continuer.")
        XCTAssertTrue(try message("day", .date(ApproximateDate(year: 2027, month: 1))).en.contains("future"))
        XCTAssertTrue(try message("ticks", .choices(["a", "b", "c"])).en.contains("at most 2"))
    }

    func testMustBeMessageFromTheFormIsUsed() throws {
        let consent = try XCTUnwrap(Fixtures.builtIn().field("consent"))
        let issue = try XCTUnwrap(consent.problems(with: .yesno(.no)).first)
        XCTAssertEqual(issue.reason, .mustBe)
        XCTAssertTrue(issue.message.fr.contains("on n'enregistre rien"))
        XCTAssertEqual(consent.problems(with: .yesno(.yes)), [])
    }

    func testTextRefusesControlCharactersButLongtextKeepsNewlinesAndTabs() throws {
        let form = try form()
        let name = try XCTUnwrap(form.field("name"))
        let story = try XCTUnwrap(form.field("story"))
        XCTAssertEqual(name.problems(with: .text("a\nb")).map(\.message), [Messages.lineBreak])
        XCTAssertEqual(name.problems(with: .text("a\tb")).map(\.message), [Messages.controlCharacter])
        XCTAssertEqual(name.problems(with: .text("a\u{1B}[2J")).map(\.message), [Messages.controlCharacter])
        XCTAssertEqual(story.problems(with: .text("ligne 1\nligne 2\tfin")), [])
        XCTAssertEqual(story.problems(with: .text("escape \u{1B}[31m")).map(\.message), [Messages.controlCharacter])
        XCTAssertEqual(story.problems(with: .text("retour\r\nchariot")).map(\.message), [Messages.controlCharacter])
        XCTAssertEqual(story.problems(with: .text("del\u{7F}")).map(\.message), [Messages.controlCharacter])
        XCTAssertEqual(story.problems(with: .text("👩‍👩‍👧 zero\u{200D}width joiners are fine")), [])
        // Control characters are found from the UTF-8 bytes: exactly the scalars of category Cc.
        for scalar in (0..<0x800).compactMap(Unicode.Scalar.init) where scalar != "\n" && scalar != "\t" {
            let isControl = scalar.properties.generalCategory == .control
            XCTAssertEqual(story.problems(with: .text("a\(scalar)b")).map(\.message), isControl ? [Messages.controlCharacter] : [],
                           "U+\(String(scalar.value, radix: 16))")
        }
    }

    func testLengthIsCountedInCharactersNotBytesOrScalars() throws {
        let name = try XCTUnwrap(form().field("name"))
        XCTAssertEqual(name.problems(with: .text("e\u{301}e\u{301}漢字🇫🇷")), [], "5 graphemes, 8 scalars")
        XCTAssertEqual(name.problems(with: .text("👩‍👩‍👧👩‍👩‍👧👩‍👩‍👧👩‍👩‍👧👩‍👩‍👧")), [])
        XCTAssertFalse(name.problems(with: .text("abcdef")).isEmpty)
    }

    func testDefaultMaxLengths() {
        let label = Localized(fr: "x", en: "x")
        let text = Field(id: "t", kind: .text, label: label)
        let long = Field(id: "l", kind: .longtext, label: label)
        XCTAssertEqual(text.effectiveMaxLength, 500)
        XCTAssertEqual(long.effectiveMaxLength, 100_000)
        XCTAssertEqual(text.problems(with: .text(String(repeating: "é", count: 500))), [])
        XCTAssertFalse(text.problems(with: .text(String(repeating: "é", count: 501))).isEmpty)
        XCTAssertEqual(long.problems(with: .text(String(repeating: "漢", count: 100_000))), [])
        XCTAssertFalse(long.problems(with: .text(String(repeating: "漢", count: 100_001))).isEmpty)
    }

    func testFutureDatesDependOnTheInjectedToday() throws {
        let day = try XCTUnwrap(form().field("day"))
        let today = Fixtures.today
        XCTAssertEqual(day.problems(with: .date(today), today: today), [])
        XCTAssertEqual(day.problems(with: .date(ApproximateDate(year: 2026, month: 11)), today: today), [])
        XCTAssertFalse(day.problems(with: .date(ApproximateDate(year: 2026, month: 11, day: 30)), today: today).isEmpty)
        XCTAssertFalse(day.problems(with: .date(ApproximateDate(year: 2026, month: 12)), today: today).isEmpty)
        XCTAssertEqual(day.problems(with: .date(ApproximateDate(year: 2062, month: 1)), today: nil), [], "nil skips the check")
    }

    func testUnknownFieldsAreReportedWithASuggestion() throws {
        let issues = try form().validate(["cont": .number(1), "zzz_nothing": .text("")], forSealing: false)
        XCTAssertEqual(issues.map(\.fieldID), ["cont", "zzz_nothing"])
        XCTAssertEqual(issues.map(\.reason), [.unknownField, .unknownField])
        XCTAssertTrue(issues[0].message.en.hasSuffix("Did you mean “count”?"), issues[0].message.en)
        XCTAssertTrue(issues[1].message.en.hasSuffix("Check the id."), issues[1].message.en)
    }
}
