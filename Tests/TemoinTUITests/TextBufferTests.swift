import XCTest
@testable import TemoinTUI

final class TextBufferTests: XCTestCase {
    func testCombiningMarkJoinsThePreviousCharacter() {
        var buffer = TextBuffer("e")
        buffer.insert("\u{301}")
        XCTAssertEqual(buffer.characters.count, 1)
        XCTAssertEqual(buffer.text, "e\u{301}")
        XCTAssertEqual(buffer.cursor, 1)
    }

    func testEditsReportWhetherTheTextChanged() {
        var buffer = TextBuffer("un mot")
        XCTAssertFalse(buffer.deleteForward(), "at the end")
        XCTAssertFalse(buffer.delete(to: buffer.characters.count))
        XCTAssertFalse(buffer.insert(""))
        XCTAssertTrue(buffer.insert("\u{301}"), "joins the t: same count, other text")
        XCTAssertEqual(buffer.characters.count, 6)
        XCTAssertTrue(buffer.backspace())
        XCTAssertTrue(buffer.deleteWordBackward())
        XCTAssertEqual(buffer.text, "un ")
        buffer.move(to: 0)
        XCTAssertFalse(buffer.backspace(), "at the start")
        XCTAssertFalse(buffer.delete(from: 0))
        XCTAssertFalse(buffer.deleteWordBackward())
        XCTAssertTrue(buffer.deleteForward())
        XCTAssertTrue(buffer.delete(to: 2))
        XCTAssertEqual(buffer.text, "")
    }
}
