import Foundation
import XCTest
@testable import TemoinForms

final class BuiltInQuestionnaireTests: XCTestCase {
    /// The ids records carry; renaming one would orphan every record that uses it.
    static let expectedIDs = [
        "consent", "role", "anonymous", "recontact", "recontact_how", "interview_language", "interview_language_other",
        "check_date", "check_time", "city", "place", "place_kind", "place_kind_other",
        "forces", "forces_other", "officer_count", "dress", "rio", "vehicle",
        "people_checked", "id_document", "reason_given", "duration",
        "device_kind", "device_model", "face_photo", "photo_how", "photo_how_other", "photo_consent", "fingerprint",
        "app_name", "screen_description", "result_shown", "result_what", "result_what_other", "result_description",
        "result_delay", "officers_words",
        "outcome", "outcome_other", "papers_received", "papers",
        "filmed", "filmed_by", "filmed_by_other", "other_witnesses", "other_witnesses_contact",
        "account", "volunteer_notes",
    ]

    /// Version 1's ids, which its drafts and records carry and which keep their meaning in version 2.
    static let versionOneIDs = [
        "consent", "role", "anonymous", "recontact", "recontact_how", "interview_language",
        "check_date", "check_time", "city", "place", "place_kind",
        "forces", "officer_count", "dress", "rio", "vehicle",
        "people_checked", "id_document", "reason_given", "duration",
        "device_kind", "device_model", "face_photo", "photo_how", "photo_consent", "fingerprint",
        "app_name", "screen_description", "result_shown", "result_what", "result_delay", "officers_words",
        "outcome", "papers",
        "filmed", "other_witnesses", "other_witnesses_contact",
        "account", "volunteer_notes",
    ]

    func testLoadsWithStableIdentityAndEightSections() throws {
        let form = try Fixtures.builtIn()
        XCTAssertEqual(form.id, "temoin-reconnaissance-faciale")
        XCTAssertEqual(form.version, 2)
        XCTAssertEqual(form.sections.map(\.id),
                       ["person", "when_where", "officers", "check", "device", "outcome", "evidence", "account"])
    }

    func testHasExactlyTheExpectedFieldsInOrder() throws {
        XCTAssertEqual(try Fixtures.builtIn().fields.map(\.id), Self.expectedIDs)
    }

    func testVersionOneStillShipsSoThatItsDraftsOpen() throws {
        let one = try XCTUnwrap(try Questionnaire.builtIn(id: "temoin-reconnaissance-faciale", version: 1))
        XCTAssertEqual(one.version, 1)
        XCTAssertEqual(one.fields.map(\.id), Self.versionOneIDs)
        XCTAssertEqual(one.field("place_kind")?.kind, .choice)
        XCTAssertEqual(try Questionnaire.builtIn(id: "temoin-reconnaissance-faciale", version: 2), try Fixtures.builtIn())
        XCTAssertNil(try Questionnaire.builtIn(id: "temoin-reconnaissance-faciale", version: 3))
        XCTAssertNil(try Questionnaire.builtIn(id: "another-form", version: 1))
        // Every version 1 id is still asked in version 2 (a record of either version reads the same way).
        XCTAssertEqual(Set(Self.versionOneIDs).subtracting(Self.expectedIDs), [])
    }

    func testVersionTwoClosesTheGapsTheFirstVolunteerFound() throws {
        let form = try Fixtures.builtIn()
        XCTAssertEqual(form.field("place_kind")?.kind, .multichoice, "a street at a metro exit is both")
        XCTAssertEqual(form.field("papers_received")?.choices.first?.id, "none")
        XCTAssertEqual(form.field("result_description")?.kind, .longtext)
        XCTAssertEqual(form.field("filmed_by")?.choices.map(\.id), ["person", "friend", "passer_by", "journalist", "police", "other"])
        XCTAssertEqual(form.field("interview_language")?.prefill, .deskLanguage)
        // Every "other" choice comes with a text asked only when it is picked (papers: their own text says which).
        for field in form.fields where field.choices.contains(where: { $0.id == "other" }) && field.id != "papers_received" {
            let other = try XCTUnwrap(form.field(field.id + "_other"), field.id)
            XCTAssertEqual(other.kind, .text)
            var answers: Answers = ["consent": .yesno(.yes), "face_photo": .yesno(.yes), "result_shown": .yesno(.yes), "filmed": .yesno(.yes)]
            XCTAssertFalse(form.visibleFieldIDs(in: answers).contains(other.id), other.id)
            answers[field.id] = field.kind == .multichoice ? .choices(["other"]) : .choice("other")
            XCTAssertTrue(form.visibleFieldIDs(in: answers).contains(other.id), other.id)
        }
        // Papers: "none" asks no details.
        XCTAssertFalse(form.visibleFieldIDs(in: ["consent": .yesno(.yes), "papers_received": .choices(["none"])]).contains("papers"))
        XCTAssertTrue(form.visibleFieldIDs(in: ["consent": .yesno(.yes), "papers_received": .choices(["summons"])]).contains("papers"))
        // Anonymity and recontact say the same thing: contact details are sealed and only used to call back.
        for id in ["anonymous", "recontact", "recontact_how"] {
            XCTAssertTrue(form.field(id)?.help?.fr.lowercased().contains("scellé") ?? false, id)
            XCTAssertTrue(form.field(id)?.help?.en.lowercased().contains("sealed") ?? false, id)
        }
    }

    func testUsesEveryFieldKind() throws {
        let kinds = Set(try Fixtures.builtIn().fields.map(\.kind))
        XCTAssertEqual(kinds, Set(FieldKind.allCases))
    }

    func testEveryFieldHasLabelAndHelpInBothLanguages() throws {
        for field in try Fixtures.builtIn().fields {
            for language in Language.allCases {
                XCTAssertFalse(field.label.text(language).isEmpty, "\(field.id) label \(language)")
                XCTAssertFalse(field.help?.text(language).isEmpty ?? true, "\(field.id) help \(language)")
            }
            XCTAssertNotEqual(field.label.fr, field.label.en, "\(field.id) looks untranslated")
        }
    }

    func testRequiredFieldsAreTheOnesTheTeamNeeds() throws {
        let form = try Fixtures.builtIn()
        XCTAssertEqual(form.fields.filter(\.required).map(\.id), ["consent", "check_date", "city", "account"])
        XCTAssertEqual(form.field("consent")?.mustBe, "yes")
        XCTAssertEqual(form.field("account")?.kind, .longtext)
        XCTAssertEqual(form.field("check_date")?.kind, .date)
    }

    func testListedChoicesAndDontKnowOptions() throws {
        let form = try Fixtures.builtIn()
        func ids(_ field: String) -> [String] { form.field(field)?.choices.map(\.id) ?? [] }
        XCTAssertEqual(ids("role"), ["checked", "witness", "reported"])
        XCTAssertEqual(ids("forces"), [
            "police_nationale", "police_municipale", "gendarmerie", "crs", "bac",
            "transport_security", "customs", "other", "unknown",
        ])
        XCTAssertEqual(ids("device_kind"), ["smartphone", "tablet", "police_terminal", "camera", "unknown"])
        XCTAssertEqual(ids("photo_how"), ["asked_to_face", "covert", "id_document_photo", "video", "other"])
        XCTAssertEqual(ids("outcome"), ["released", "fined", "police_station", "id_verification", "custody", "other"])
        XCTAssertEqual(ids("place_kind"), ["street", "transport", "demonstration", "school_stadium_event", "road_check", "other"])
        XCTAssertEqual(form.field("face_photo")?.kind, .yesno, "yes / no / don't know")
    }

    func testWithoutConsentOnlyTheConsentQuestionIsAsked() throws {
        let form = try Fixtures.builtIn()
        XCTAssertEqual(form.visibleFieldIDs(in: ["consent": .yesno(.no)]), ["consent"])
        XCTAssertEqual(form.visibleFieldIDs(in: [:]), ["consent"])
    }

    func testSkipLogicOfTheDeviceSection() throws {
        let form = try Fixtures.builtIn()
        var answers: Answers = ["consent": .yesno(.yes), "face_photo": .yesno(.no), "result_shown": .yesno(.unknown)]
        var visible = form.visibleFieldIDs(in: answers)
        for hidden in ["photo_how", "photo_consent", "result_what", "recontact_how", "other_witnesses_contact"] {
            XCTAssertFalse(visible.contains(hidden), hidden)
        }
        answers["face_photo"] = .yesno(.yes)
        answers["result_shown"] = .yesno(.yes)
        answers["recontact"] = .yesno(.yes)
        answers["other_witnesses"] = .yesno(.yes)
        answers["filmed"] = .yesno(.yes)
        answers["papers_received"] = .choices(["report"])
        for id in ["interview_language", "outcome"] { answers[id] = .choice("other") }
        for id in ["place_kind", "forces", "photo_how", "result_what", "filmed_by"] { answers[id] = .choices(["other"]) }
        visible = form.visibleFieldIDs(in: answers)
        XCTAssertEqual(visible, Set(Self.expectedIDs))
    }

    func testMinimalCompleteTestimonyCanBeSealed() throws {
        let form = try Fixtures.builtIn()
        let answers: Answers = [
            "consent": .yesno(.yes), "check_date": .date(ApproximateDate(year: 2026, month: 3)),
            "city": .text("Saint-Denis"), "account": .text("Ils m'ont pris en photo."),
        ]
        XCTAssertEqual(form.validate(answers, forSealing: true, today: Fixtures.today), [])
    }

    func testCanonicalJSONRoundTripsAndIsStable() throws {
        let form = try Fixtures.builtIn()
        let data = try form.jsonData()
        let reread = try Questionnaire(jsonData: data)
        XCTAssertEqual(reread, form)
        XCTAssertEqual(try reread.jsonData(), data)
        let text = String(decoding: data, as: UTF8.self)
        XCTAssertTrue(text.contains("\"fields\" : ["), "pretty-printed")
        XCTAssertTrue(text.contains("l'équipe juridique"), "accents written as is")
    }

    func testCanonicalJSONHasTheShapeTheCommandLinePrints() throws {
        let data = try Fixtures.builtIn().jsonData()
        let object = try XCTUnwrap(JSONSerialization.jsonObject(with: data) as? [String: Any])
        let sections = try XCTUnwrap(object["sections"] as? [[String: Any]])
        let device = try XCTUnwrap(sections.first { $0["id"] as? String == "device" })
        let fields = try XCTUnwrap(device["fields"] as? [[String: Any]])
        let photoHow = try XCTUnwrap(fields.first { $0["id"] as? String == "photo_how" })
        XCTAssertEqual(photoHow["kind"] as? String, "multichoice")
        XCTAssertEqual(photoHow["required"] as? Bool, false)
        XCTAssertEqual((photoHow["choices"] as? [[String: Any]])?.first?["id"] as? String, "asked_to_face")
        XCTAssertEqual(photoHow["when"] as? [String: String], ["field": "face_photo", "equals": "yes"])
    }
}
