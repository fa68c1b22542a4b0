import XCTest
@testable import TemoinTerminal

final class FrameTests: XCTestCase {
    func testBlankFrameSnapshot() {
        let frame = Frame(size: Size(width: 4, height: 2))
        XCTAssertEqual(frame.lines, ["", ""])
        XCTAssertEqual(frame.text, "\n")
        XCTAssertNil(frame.cursor)
    }

    func testPutAndSnapshot() {
        var frame = Frame(size: Size(width: 10, height: 3))
        frame.put("Témoin", at: Position(column: 2, row: 0), style: .bold)
        frame.put("ok", at: Position(column: 0, row: 2))
        XCTAssertEqual(frame.lines, ["  Témoin", "", "ok"])
        XCTAssertEqual(frame.text, "  Témoin\n\nok")
        XCTAssertEqual(frame.cell(3), Cell(grapheme: "é", style: .bold))
        XCTAssertEqual(frame.cell(0), Cell.blank)
    }

    func testClipsAtRightEdgeAndMaxWidth() {
        var frame = Frame(size: Size(width: 5, height: 2))
        frame.put("abcdefgh", at: Position(column: 2, row: 0))
        frame.put("abcdefgh", at: Position(column: 0, row: 1), maxWidth: 3)
        XCTAssertEqual(frame.lines, ["  abc", "abc"])
    }

    func testOutsideRowsAndNegativeColumnsAreClipped() {
        var frame = Frame(size: Size(width: 4, height: 1))
        frame.put("zzz", at: Position(column: 0, row: 1))
        frame.put("zzz", at: Position(column: 0, row: -1))
        frame.put("abcdef", at: Position(column: -2, row: 0))
        XCTAssertEqual(frame.lines, ["cdef"])
        XCTAssertEqual(frame.cell(at: Position(column: 9, row: 9)), Cell.blank)
    }

    func testWideCharactersTakeTwoCells() {
        let frame = Frame(width: 6, row: "漢字x")
        XCTAssertEqual(frame.lines, ["漢字x"])
        XCTAssertEqual(frame.cell(0).grapheme, "漢")
        XCTAssertTrue(frame.cell(1).isContinuation)
        XCTAssertEqual(frame.cell(4).grapheme, "x")
    }

    func testWideCharacterAtLastColumnBecomesSpace() {
        let frame = Frame(width: 5, row: "ab漢字")
        XCTAssertEqual(frame.lines, ["ab漢"])
        XCTAssertEqual(frame.cell(4), Cell(grapheme: " "))
        var clipped = Frame(size: Size(width: 10, height: 1))
        clipped.put("a漢", at: Position(column: 0, row: 0), style: .reverse, maxWidth: 2)
        XCTAssertEqual(clipped.cell(1), Cell(grapheme: " ", style: .reverse))
        XCTAssertEqual(clipped.cell(2), Cell.blank)
    }

    func testOverwritingHalfOfAWideCharacterBlanksTheOtherHalf() {
        var frame = Frame(width: 6, row: "漢字")
        frame.put("x", at: Position(column: 1, row: 0))
        XCTAssertEqual(frame.lines, [" x字"])
        frame.put("y", at: Position(column: 2, row: 0))
        XCTAssertEqual(frame.lines, [" xy"])
        XCTAssertEqual(frame.cell(3), Cell.blank)
    }

    func testCombiningMarks() {
        var frame = Frame(width: 8, row: "Ce\u{301}line")
        XCTAssertEqual(frame.lines, ["Ce\u{301}line"])
        XCTAssertEqual(frame.cell(1).grapheme, "e\u{301}")
        XCTAssertEqual(frame.cell(2).grapheme, "l")
        // A lone combining mark joins the grapheme already on the left.
        frame.put("\u{301}", at: Position(column: 6, row: 0))
        XCTAssertEqual(frame.cell(5).grapheme, "e\u{301}")
        // With nothing on the left it is dropped.
        frame.put("\u{301}z", at: Position(column: 0, row: 0))
        XCTAssertEqual(frame.lines, ["ze\u{301}line\u{301}"])
    }

    func testControlCharactersAreDropped() {
        let frame = Frame(width: 8, row: "a\tb\u{1B}[31mc\nd")
        XCTAssertEqual(frame.lines, ["ab[31mcd"])
    }

    func testFillKeepsTextAndSetsStyle() {
        var frame = Frame(size: Size(width: 5, height: 2))
        frame.put("Titre", at: Position(column: 0, row: 0))
        frame.fill(row: 0, style: .reverse)
        frame.fill(row: 7, style: .reverse)
        XCTAssertEqual(frame.lines, ["Titre", ""])
        XCTAssertEqual(frame.cell(4), Cell(grapheme: "e", style: .reverse))
        XCTAssertEqual(frame.cell(at: Position(column: 4, row: 1)).style, [])
    }

    func testRowAccess() {
        var frame = Frame(size: Size(width: 3, height: 2))
        frame.put("abc", at: Position(column: 0, row: 1))
        XCTAssertEqual(frame.row(1).compactMap(\.grapheme), ["a", "b", "c"])
        XCTAssertTrue(frame.row(5).isEmpty)
    }
}

private extension Frame {
    /// A frame one row high and `width` columns wide, with `text` put at its start.
    init(width: Int, row text: String) {
        self.init(size: Size(width: width, height: 1))
        put(text, at: Position(column: 0, row: 0))
    }

    /// The cell at `column` of the first row.
    func cell(_ column: Int) -> Cell {
        cell(at: Position(column: column, row: 0))
    }
}
