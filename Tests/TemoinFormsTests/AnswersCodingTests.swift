import Foundation
import XCTest
@testable import TemoinForms

final class AnswersCodingTests: XCTestCase {
    /// Strings that must survive every trip byte for byte: accents precomposed and decomposed,
    /// emoji sequences, CJK, right-to-left text, quotes and backslashes, newlines.
    static let tricky = [
        "Saint-Étienne",
        "Saint-E\u{301}tienne",
        "«\u{a0}Vous êtes fiché\u{a0}» — m’a-t-il dit",
        "👩🏽‍🦱 🇫🇷 👨‍👩‍👧‍👦",
        "漢字とかな、한국어",
        "مرحبا بالعالم",
        #"guillemets "droits" et \barre oblique\"#,
        "ligne 1\nligne 2\ttabulée",
        "/chemin/avec/barres",
    ]

    /// Sample answers carrying `text` in a longtext field and, without its line breaks, in a text field.
    private func sample(text: String) -> Answers {
        let oneLine = String(text.map { $0 == "\n" || $0 == "\t" ? " " : $0 })
        return [
            "consent": .yesno(.yes), "role": .choice("checked"), "forces": .choices(["crs", "bac"]),
            "officer_count": .number(3), "check_date": .date(ApproximateDate(year: 2026, month: 3, day: 14)),
            "check_time": .time(TimeOfDay(hour: 7, minute: 5)), "city": .text(oneLine), "account": .text(text),
        ]
    }

    func testEncodedShapeIsTheContract() throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let json = String(decoding: try encoder.encode(sample(text: "Lyon")), as: UTF8.self)
        XCTAssertEqual(json, #"""
        {"account":"Lyon","check_date":"2026-03-14","check_time":"07:05","city":"Lyon","consent":"yes","forces":["crs","bac"],"officer_count":3,"role":"checked"}
        """#)
        XCTAssertEqual(try encoder.encode(Answers(values: ["check_date": .date(ApproximateDate(year: 2026, month: 3))])),
                       Data(#"{"check_date":"2026-03"}"#.utf8))
    }

    func testRoundTripThroughTheQuestionnaireKeepsExactStrings() throws {
        let form = try Fixtures.builtIn()
        for text in Self.tricky {
            let answers = sample(text: text)
            let data = try JSONEncoder().encode(answers)
            let decoded = try form.decodeAnswers(fromJSON: data, today: Fixtures.today).get()
            XCTAssertEqual(decoded, answers, text)
            guard case let .text(account)? = decoded["account"] else { return XCTFail("no account") }
            XCTAssertEqual(Array(account.utf8), Array(text.utf8), "same bytes, not just canonically equivalent")
        }
    }

    func testDecodableWithTheQuestionnaireInUserInfo() throws {
        let form = try Fixtures.builtIn()
        let answers = sample(text: Self.tricky[3])
        let decoder = JSONDecoder()
        decoder.userInfo[.questionnaire] = form
        XCTAssertEqual(try decoder.decode(Answers.self, from: JSONEncoder().encode(answers)), answers)

        let wrapped = Data(#"{"form": "x", "answers": {"consent": "maybe", "cty": "Lyon"}}"#.utf8)
        struct Record: Decodable { var answers: Answers }
        XCTAssertThrowsError(try decoder.decode(Record.self, from: wrapped)) { error in
            let text = String(describing: error)
            XCTAssertTrue(text.contains("consent: "), text)
            XCTAssertTrue(text.contains("cty: "), text)
        }
    }

    func testWithoutQuestionnaireDecodingPreservesTheJSONExactly() throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        for text in Self.tricky {
            let original = try encoder.encode(sample(text: text))
            let loose = try JSONDecoder().decode(Answers.self, from: original)
            XCTAssertEqual(loose["role"], .text("checked"), "kinds are unknown without the questionnaire")
            XCTAssertEqual(loose["officer_count"], .number(3))
            XCTAssertEqual(try encoder.encode(loose), original, text)
        }
    }

    func testDescriptionAndAnsweredness() {
        XCTAssertEqual(AnswerValue.choices(["crs", "bac"]).description, "crs, bac")
        XCTAssertEqual(AnswerValue.date(ApproximateDate(year: 2026, month: 3)).description, "2026-03")
        XCTAssertEqual(AnswerValue.time(TimeOfDay(hour: 7, minute: 5)).description, "07:05")
        XCTAssertFalse(AnswerValue.text(" \n").isAnswered)
        XCTAssertFalse(AnswerValue.choices([]).isAnswered)
        XCTAssertTrue(AnswerValue.yesno(.unknown).isAnswered, "“don't know” is an answer")
    }

    func testSubscriptAndLiteral() {
        var answers = Answers()
        XCTAssertTrue(answers.isEmpty)
        answers["city"] = .text("Nantes")
        XCTAssertEqual(answers, ["city": .text("Nantes")])
        answers["city"] = nil
        XCTAssertTrue(answers.isEmpty)
    }

    func testCanonicalDateAndTimeForms() {
        XCTAssertEqual(ApproximateDate(iso: "2024-02-29"), ApproximateDate(year: 2024, month: 2, day: 29))
        XCTAssertNil(ApproximateDate(iso: "2100-02-29"), "2100 is not a leap year")
        XCTAssertNotNil(ApproximateDate(iso: "2000-02-29"), "2000 is")
        XCTAssertNil(ApproximateDate(iso: "2026-3"))
        XCTAssertNil(ApproximateDate(iso: "2026-03-1"))
        XCTAssertNil(ApproximateDate(iso: "2026-03-٠١"), "Arabic-Indic digits are not ASCII digits")
        XCTAssertNil(TimeOfDay(iso: "7:05"))
        XCTAssertEqual(TimeOfDay(iso: "23:59"), TimeOfDay(hour: 23, minute: 59))
        XCTAssertLessThan(ApproximateDate(year: 2026, month: 3), ApproximateDate(year: 2026, month: 3, day: 1))
    }

    func testDatesAndTimesAreTheirCanonicalStringInJSONAndAnyOtherIsRefusedByName() throws {
        let json = try JSONEncoder().encode([ApproximateDate(year: 2026, month: 3), ApproximateDate(year: 2026, month: 3, day: 14)])
        XCTAssertEqual(String(decoding: json, as: UTF8.self), #"["2026-03","2026-03-14"]"#)
        XCTAssertEqual(try JSONDecoder().decode([TimeOfDay].self, from: Data(#"["18:30"]"#.utf8)), [TimeOfDay(hour: 18, minute: 30)])
        XCTAssertThrowsError(try JSONDecoder().decode([ApproximateDate].self, from: Data(#"["2026-02-30"]"#.utf8))) {
            XCTAssertEqual(Self.corruption($0), "“2026-02-30” is not a date like 2026-03-14 or 2026-03")
        }
        XCTAssertThrowsError(try JSONDecoder().decode([TimeOfDay].self, from: Data(#"["25:00"]"#.utf8))) {
            XCTAssertEqual(Self.corruption($0), "“25:00” is not a time like 18:30")
        }
    }

    private static func corruption(_ error: any Error) -> String? {
        guard case let DecodingError.dataCorrupted(context) = error else { return nil }
        return context.debugDescription
    }

    func testTodayFollowsTheGivenTimeZone() throws {
        let instant = Date(timeIntervalSince1970: 1_798_761_600 - 1800)  // 2026-12-31 23:30 UTC
        XCTAssertEqual(ApproximateDate.today(in: TimeZone(identifier: "UTC")!, now: instant),
                       ApproximateDate(year: 2026, month: 12, day: 31))
        XCTAssertEqual(ApproximateDate.today(in: TimeZone(identifier: "Europe/Paris")!, now: instant),
                       ApproximateDate(year: 2027, month: 1, day: 1))
    }
}
