import Foundation
import XCTest
@testable import TemoinForms

final class ParsingTests: XCTestCase {
    private func field(_ id: String) throws -> Field {
        try XCTUnwrap(Fixtures.builtIn().field(id))
    }

    private func parse(_ input: String, _ id: String) throws -> Result<AnswerValue, ValidationIssue> {
        let field = try field(id)
        return field.kind.parse(input, field: field, today: Fixtures.today)
    }

    private func value(_ input: String, _ id: String, file: StaticString = #filePath, line: UInt = #line) throws -> AnswerValue? {
        switch try parse(input, id) {
        case let .success(value): return value
        case let .failure(issue):
            XCTFail("“\(input)” refused: \(issue)", file: file, line: line)
            return nil
        }
    }

    private func issue(_ input: String, _ id: String, file: StaticString = #filePath, line: UInt = #line) throws -> ValidationIssue? {
        switch try parse(input, id) {
        case let .success(value):
            XCTFail("“\(input)” accepted as \(value)", file: file, line: line)
            return nil
        case let .failure(issue): return issue
        }
    }

    func testNumbers() throws {
        XCTAssertEqual(try value("3", "officer_count"), .number(3))
        XCTAssertEqual(try value("  12 ", "officer_count"), .number(12))
        XCTAssertEqual(try value("0", "result_delay"), .number(0))
        XCTAssertEqual(try issue("trois", "officer_count")?.message.fr, "Indiquez un nombre entier, par exemple 3.")
        XCTAssertEqual(try issue("2,5", "officer_count")?.message.en, "Enter a whole number, for example 3.")
        XCTAssertEqual(try issue("0", "officer_count")?.message.en, "The number must be at least 1.")
        XCTAssertNotNil(try issue("99999999999999999999999", "officer_count"))
    }

    func testDates() throws {
        let march14 = AnswerValue.date(ApproximateDate(year: 2026, month: 3, day: 14))
        let march = AnswerValue.date(ApproximateDate(year: 2026, month: 3))
        for input in ["2026-03-14", "14/03/2026", "14/3/2026", "14.03.2026", "14 mars 2026", "14 MARS 2026",
                      "14 March 2026", "March 14, 2026", "14 mar 2026"] {
            XCTAssertEqual(try value(input, "check_date"), march14, input)
        }
        for input in ["2026-03", "03/2026", "3/2026", "mars 2026", "Mars 2026", "march 2026"] {
            XCTAssertEqual(try value(input, "check_date"), march, input)
        }
        XCTAssertEqual(try value("1er mai 2026", "check_date"), .date(ApproximateDate(year: 2026, month: 5, day: 1)))
        XCTAssertEqual(try value("févr. 2024", "check_date"), .date(ApproximateDate(year: 2024, month: 2)))
        XCTAssertEqual(try value("29/02/2024", "check_date"), .date(ApproximateDate(year: 2024, month: 2, day: 29)))
    }

    func testImpossibleAndAmbiguousDates() throws {
        let impossible = Messages.impossibleDate
        XCTAssertEqual(try issue("30/02/2026", "check_date")?.message, impossible)
        XCTAssertEqual(try issue("29/02/2026", "check_date")?.message, impossible, "2026 is not a leap year")
        XCTAssertEqual(try issue("31/04/2026", "check_date")?.message, impossible)
        XCTAssertEqual(try issue("2026-13", "check_date")?.message, impossible)
        XCTAssertEqual(try issue("00/2026", "check_date")?.message, impossible)
        XCTAssertEqual(try issue("01/12/2026", "check_date")?.message, Messages.futureDate)
        let expected = try Messages.expected(field("check_date"))
        for input in ["14/03/26", "hier", "2026", "14 03", "juin juillet 2026", "ju 2026", "14/03/2026/1"] {
            XCTAssertEqual(try issue(input, "check_date")?.message, expected, input)
        }
    }

    func testTimes() throws {
        for input in ["18:30", "18h30", "18H30", "18 h 30", "18.30", " 18:30 "] {
            XCTAssertEqual(try value(input, "check_time"), .time(TimeOfDay(hour: 18, minute: 30)), input)
        }
        XCTAssertEqual(try value("18h", "check_time"), .time(TimeOfDay(hour: 18, minute: 0)))
        XCTAssertEqual(try value("8:05", "check_time"), .time(TimeOfDay(hour: 8, minute: 5)))
        XCTAssertEqual(try value("0h", "check_time"), .time(TimeOfDay(hour: 0, minute: 0)))
        XCTAssertEqual(try issue("25:00", "check_time")?.message, Messages.impossibleTime)
        XCTAssertEqual(try issue("18:60", "check_time")?.message, Messages.impossibleTime)
        for input in ["18:5", "18:", "h30", "183", "vers", "le soir tard 18h", "13pm"] {
            XCTAssertEqual(try issue(input, "check_time")?.message, Messages.expected(try field("check_time")), input)
        }
    }

    func testApproximateTimesAreKeptApproximate() throws {
        let around = AnswerValue.approximateTime(.around(TimeOfDay(hour: 18, minute: 30)))
        for input in ["vers 18h30", "Vers 18 h 30", "18h30 environ", "à peu près 18h30", "around 6:30pm", "about 6.30 p.m.", "~18:30"] {
            XCTAssertEqual(try value(input, "check_time"), around, input)
        }
        XCTAssertEqual(try value("around 6pm", "check_time"), .approximateTime(.around(TimeOfDay(hour: 18, minute: 0))))
        XCTAssertEqual(try value("vers midi", "check_time"), .approximateTime(.around(TimeOfDay(hour: 12, minute: 0))))
        XCTAssertEqual(try value("6pm", "check_time"), .time(TimeOfDay(hour: 18, minute: 0)), "said exactly: exact")
        XCTAssertEqual(try value("12am", "check_time"), .time(TimeOfDay(hour: 0, minute: 0)))
        let periods: [(String, DayPeriod)] = [
            ("en fin d'après-midi", .lateAfternoon), ("En fin d’après midi", .lateAfternoon), ("late afternoon", .lateAfternoon),
            ("le soir", .evening), ("soir", .evening), ("dans la soirée", .evening), ("in the evening", .evening),
            ("tôt le matin", .earlyMorning), ("le matin", .morning), ("en début d'après-midi", .earlyAfternoon),
            ("l'après-midi", .afternoon), ("la nuit", .night), ("vers la fin de l'après-midi", .lateAfternoon),
        ]
        for (input, period) in periods {
            XCTAssertEqual(try value(input, "check_time"), .approximateTime(.period(period)), input)
        }
        XCTAssertEqual(try issue("vers 25h", "check_time")?.message, Messages.impossibleTime)
    }

    func testApproximateTimesRoundTripThroughTheirJSONForm() throws {
        let form = try Fixtures.builtIn()
        for (text, value) in [("~07:05", AnswerValue.approximateTime(.around(TimeOfDay(hour: 7, minute: 5)))),
                              ("late-afternoon", .approximateTime(.period(.lateAfternoon))), ("18:30", .time(TimeOfDay(hour: 18, minute: 30)))] {
            XCTAssertEqual(value.description, text)
            let json = Data("{\"check_time\":\"\(text)\"}".utf8)
            XCTAssertEqual(try form.decodeAnswers(fromJSON: json).get()["check_time"], value, text)
            XCTAssertEqual(String(decoding: try JSONEncoder().encode(value), as: UTF8.self), "\"\(text)\"")
        }
        for bad in ["~18h30", "~", "soir", "late afternoon", "~7:05"] {
            XCTAssertThrowsError(try form.decodeAnswers(fromJSON: Data("{\"check_time\":\"\(bad)\"}".utf8)).get(), bad)
        }
        XCTAssertEqual(AnswerValue.approximateTime(.around(TimeOfDay(hour: 18, minute: 30))).description, "~18:30")
        XCTAssertEqual(ApproximateTime.period(.lateAfternoon).spoken(.fr), "en fin d'après-midi")
        XCTAssertEqual(ApproximateTime.around(TimeOfDay(hour: 18, minute: 30)).spoken(.en), "around 18:30")
    }

    func testYesNoInFrenchAndEnglish() throws {
        let cases: [(String, YesNo)] = [
            ("yes", .yes), ("Oui", .yes), ("o", .yes), ("Y", .yes),
            ("no", .no), ("NON", .no), ("n", .no),
            ("unknown", .unknown), ("?", .unknown), ("je ne sais pas", .unknown), ("Je  ne sais   pas", .unknown),
            ("nsp", .unknown), ("don't know", .unknown), ("don’t know", .unknown),
        ]
        for (input, expected) in cases {
            XCTAssertEqual(try value(input, "face_photo"), .yesno(expected), input)
        }
        XCTAssertNotNil(try issue("peut-être", "face_photo"))
        XCTAssertEqual(try issue("non", "consent")?.reason, .mustBe)
    }

    func testChoicesByIDNumberOrLabel() throws {
        XCTAssertEqual(try value("tablet", "device_kind"), .choice("tablet"))
        XCTAssertEqual(try value("2", "device_kind"), .choice("tablet"))
        XCTAssertEqual(try value("une tablette", "device_kind"), .choice("tablet"))
        XCTAssertEqual(try value("A TABLET", "device_kind"), .choice("tablet"))
        XCTAssertEqual(try value("Je ne sais pas", "device_kind"), .choice("unknown"))
        XCTAssertEqual(try issue("6", "device_kind")?.message.en,
                       "“6” is not one of the possible answers: smartphone, tablet, police_terminal, camera, unknown.")
    }

    func testMultichoiceListsAndLabelsWithCommas() throws {
        XCTAssertEqual(try value("bac, crs", "forces"), .choices(["bac", "crs"]))
        XCTAssertEqual(try value("1; 3", "forces"), .choices(["police_nationale", "gendarmerie"]))
        XCTAssertEqual(try value("Gendarmerie", "forces"), .choices(["gendarmerie"]))
        XCTAssertEqual(try value("Sûreté des transports (SUGE, GPSR)", "forces"), .choices(["transport_security"]))
        XCTAssertEqual(try issue("bac, bac", "forces")?.message, Messages.repeatedChoice("bac"))
        XCTAssertEqual(try issue("bac, pompiers", "forces")?.message.fr.hasPrefix("« pompiers »"), true)
    }

    func testTextIsTrimmedAndLongtextKeptWithUnixNewlines() throws {
        XCTAssertEqual(try value("  Saint-Denis \t", "city"), .text("Saint-Denis"))
        XCTAssertEqual(try value("  Il m'a dit :\r\n« photo »\rfin  ", "account"), .text("  Il m'a dit :\n« photo »\nfin  "))
        XCTAssertEqual(try issue("Paris\u{1B}[2J", "city")?.message, Messages.controlCharacter)
    }

    func testEmptyInputIsAMissingAnswer() throws {
        for id in ["city", "account", "check_date", "check_time", "face_photo", "officer_count", "forces", "role"] {
            let issue = try issue("  \n ", id)
            XCTAssertEqual(issue?.reason, .missing, id)
            XCTAssertEqual(issue?.fieldID, id)
        }
    }
}
