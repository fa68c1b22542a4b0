import Foundation
import XCTest
@testable import TemoinForms

/// Keeps the example of Docs/FORM-FILE.md true: the legal team will copy it.
final class FormFileDocTests: XCTestCase {
    private func exampleBlocks() throws -> [String] {
        let docs = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Docs/FORM-FILE.md")
        let text = try String(contentsOf: docs, encoding: .utf8)
        let example = try XCTUnwrap(text.components(separatedBy: "## A short example").last)
        return example.components(separatedBy: "```json\n").dropFirst().compactMap {
            $0.components(separatedBy: "```").first
        }
    }

    func testTheExampleQuestionnaireLoadsAndItsAnswersDecode() throws {
        let blocks = try exampleBlocks()
        XCTAssertGreaterThanOrEqual(blocks.count, 2)
        let form = try Questionnaire(jsonData: Data(blocks[0].utf8))
        XCTAssertEqual(form.fields.map(\.id), ["consent", "face_photo", "photo_how", "check_date"])
        let answers = try form.decodeAnswers(fromJSON: Data(blocks[1].utf8), today: Fixtures.today).get()
        XCTAssertEqual(answers["photo_how"], .choices(["covert"]))
        XCTAssertEqual(form.validate(answers, forSealing: true, today: Fixtures.today), [])
        XCTAssertEqual(form.pruned(["consent": .yesno(.yes), "face_photo": .yesno(.no), "photo_how": .choices(["covert"])]).dropped,
                       ["photo_how"])
    }
}
