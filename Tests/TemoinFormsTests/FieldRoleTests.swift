import Foundation
import XCTest
@testable import TemoinForms

/// Field roles: what the team's analysis reads from the questionnaire instead of field ids.
final class FieldRoleTests: XCTestCase {
    private func error(_ fields: [String]) -> QuestionnaireError? {
        Fixtures.error(reading: Fixtures.questionnaireJSON(fields: fields))
    }

    func testRolesLoadAndContactImpliesPrivate() throws {
        let form = try Fixtures.questionnaire(fields: [
            #"{"id": "when_seen", "kind": "date", "roles": ["date", "charted"]}"#,
            #"{"id": "town", "kind": "text", "roles": ["city", "listed"]}"#,
            #"{"id": "phone", "kind": "text", "roles": ["contact"]}"#,
            #"{"id": "wait", "kind": "number", "roles": ["minutes"]}"#,
        ])
        XCTAssertEqual(form.field(withRole: .date)?.id, "when_seen")
        XCTAssertEqual(form.field(withRole: .city)?.id, "town")
        XCTAssertEqual(form.fields(withRole: .private).map(\.id), ["phone"])
        XCTAssertEqual(form.field("wait")?.roles, [.minutes])
        let again = try Questionnaire(jsonData: form.jsonData())
        XCTAssertEqual(again, form, "roles survive the canonical form")
    }

    func testUnknownOrMisplacedRolesAreRefusedWithTheField() {
        let unknown = error([#"{"id": "town", "kind": "text", "roles": ["ville"]}"#])
        XCTAssertEqual(unknown, .unknownRole(field: "town", role: "ville"))
        XCTAssertTrue(unknown?.description.contains("Possible roles: date, city, charted, listed, minutes, contact, private, recontact") == true)
        let kind = error([#"{"id": "town", "kind": "number", "roles": ["city"]}"#])
        XCTAssertEqual(kind?.message.fr, "Question « town », rôle « city » : il ne s'applique qu'au type text, pas à number.")
        let twice = error([#"{"id": "a", "kind": "date", "roles": ["date"]}"#, #"{"id": "b", "kind": "date", "roles": ["date"]}"#])
        XCTAssertEqual(twice?.description, "Field “b”, role “date”: field “a” has it already; only one field may have it.")
    }

    func testTheBuiltInQuestionnaireSaysWhatTheTeamCharts() throws {
        let form = try Questionnaire.builtIn()
        XCTAssertEqual(form.field(withRole: .date)?.id, "check_date")
        XCTAssertEqual(form.field(withRole: .city)?.id, "city")
        XCTAssertEqual(form.fields(withRole: .charted).map(\.id),
                       ["check_date", "city", "forces", "device_kind", "face_photo", "photo_consent", "result_shown", "result_delay", "outcome"])
        XCTAssertEqual(form.fields(withRole: .private).map(\.id),
                       ["consent", "recontact", "recontact_how", "other_witnesses_contact", "volunteer_notes"])
        XCTAssertEqual(form.field(withRole: .recontact)?.id, "recontact")
        XCTAssertEqual(form.followUpChannels.map(\.id), ["recontact_how"], "the contact fields asked only after a yes to recontact")
    }

    func testTheRecontactRoleIsOnOneYesNoField() {
        let kind = error([#"{"id": "call", "kind": "text", "roles": ["recontact"]}"#])
        XCTAssertEqual(kind?.description, "Field “call”, role “recontact”: it only applies to the kind yesno, not text.")
        let twice = error([#"{"id": "a", "kind": "yesno", "roles": ["recontact"]}"#, #"{"id": "b", "kind": "yesno", "roles": ["recontact"]}"#])
        XCTAssertEqual(twice?.description, "Field “b”, role “recontact”: field “a” has it already; only one field may have it.")
    }
}
