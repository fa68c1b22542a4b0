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
}
