@testable import TemoinFormat
import TemoinForms
@testable import TemoinTeam
@testable import TemoinTeamUI
import TemoinTerminal
import XCTest

/// Key `c` on a testimony: the testimonies that likely describe the same check (issue 13, point 10).
final class TeamCorroborationUITests: XCTestCase {
    private let form = try! Questionnaire.builtIn()

    private func record(_ receipt: String, day: Int, time: String, place: String, desk: String = "DESK-A") -> DecryptedRecord {
        let answers: Answers = ["consent": .yesno(.yes), "role": .choice("checked"), "city": .text("Paris"), "account": .text("Récit."),
                                "check_date": .date(ApproximateDate(year: 2026, month: 3, day: day)), "check_time": .text(time),
                                "place": .text(place)]
        let payload = RecordPayload(record: String(format: "%032x", day * 100 + Int(receipt.utf8.first ?? 0)), receipt: receipt, desk: desk,
                                    form: .init(id: form.id, version: form.version), sealedAt: "2026-03-14T14:53:20Z", answers: answers)
        return DecryptedRecord(status: .ok, bundle: "b.tmn", deskName: desk, deskFingerprint: desk, payload: payload)
    }

    func testTheBoxListsTheCandidatesWithTheirReasons() throws {
        var collection = TeamCollection(records: [
            record("AAAA-1111", day: 12, time: "18:30", place: "Métro Barbès"),
            record("BBBB-2222", day: 12, time: "19:15", place: "sortie barbes", desk: "DESK-B"),
            record("CCCC-3333", day: 20, time: "18:30", place: "Barbès"),
        ], form: form, language: .fr)
        let first = try XCTUnwrap(collection.all.first { $0.record.payload.receipt == "AAAA-1111" }).record
        let matches = collection.corroborations(of: first)
        XCTAssertEqual(matches.map(\.record.payload.receipt), ["BBBB-2222"], "another day is no match; itself is none")
        let box = TeamCorroborationBox(first, matches: matches, form: form)
        XCTAssertEqual(box.lines.first?.fr, "▸ BBBB-2222 · 12 mars 2026 · 19:15 · Paris · sortie barbes [DESK-B] — même ville · le même jour · 45 min d'écart · lieu : barbes")
        XCTAssertEqual(box.lines.last, TestimonyLabels.corroborationRules)
        XCTAssertNotNil(collection.corroborationIndex, "the index is kept for the next key")
    }

    func testKeyCOnATestimonyOpensTheBoxAndAnotherKeyClosesIt() throws {
        let fixture = try TeamFixture()
        defer { fixture.remove() }
        for language in Language.allCases {
            let harness = TeamHarness(fixture, language: language)
            harness.unlock()
            harness.press(.enter)
            harness.type("c")
            let title = language == .fr ? "Témoignages qui recoupent" : "Testimonies corroborating"
            XCTAssertTrue(harness.screen.contains(title), harness.screen)
            XCTAssertTrue(harness.flatScreen.contains(TestimonyLabels.noCorroboration(language)), harness.screen)
            harness.press(.character("x"))
            XCTAssertFalse(harness.screen.contains(title), harness.screen)
        }
    }
}
