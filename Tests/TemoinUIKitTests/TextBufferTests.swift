@testable import TemoinUIKit
import XCTest

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

    /// Characters a deletion makes neighbours join as the text does, so that what is drawn, and where
    /// End and typing go, match what is saved.
    func testCharactersADeletionMakesNeighboursJoinAsTheTextDoes() {
        func buffer(_ parts: [String], cursor: Int) -> TextBuffer {
            var buffer = TextBuffer()
            for part in parts { buffer.insert(part) }
            buffer.move(to: cursor)
            return buffer
        }
        var flag = buffer(["🇫", "x", "🇷"], cursor: 2)
        XCTAssertTrue(flag.backspace())
        XCTAssertEqual(flag.characters, ["🇫🇷"])
        XCTAssertEqual(flag.cursor, 1)
        XCTAssertEqual(flag.characters.count, Array(flag.text).count)

        var pair = buffer(["🇫", "x", "🇷"], cursor: 1)
        XCTAssertTrue(pair.deleteForward())
        XCTAssertEqual(pair.characters, ["🇫🇷"])
        XCTAssertEqual(pair.cursor, 1)

        var lines = buffer(["a", "\r", "bc", "\n", "d"], cursor: 2)
        XCTAssertTrue(lines.delete(to: 4))
        XCTAssertEqual(lines.characters, ["a", "\r\n", "d"])
        XCTAssertEqual(lines.cursor, 2)
        lines.move(to: 3)
        XCTAssertEqual(lines.paragraphStart, 2, "CR LF ends a paragraph")
        lines.move(to: 0)
        XCTAssertEqual(lines.paragraphEnd, 1)

        var word = buffer(["🇫 mot ", "🇷"], cursor: 6)
        XCTAssertTrue(word.delete(from: 1))
        XCTAssertEqual(word.characters, ["🇫🇷"])
        XCTAssertEqual(word.cursor, 1)
    }
}
