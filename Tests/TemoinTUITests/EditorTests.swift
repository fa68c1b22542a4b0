import TemoinTerminal
import XCTest
@testable import TemoinTUI

final class EditorTests: XCTestCase {
    func testLineEditorKeys() {
        var editor = LineEditor("bonjour le monde")
        XCTAssertEqual(editor.handle(.control("w")), .changed)
        XCTAssertEqual(editor.text, "bonjour le ")
        _ = editor.handle(.home)
        _ = editor.handle(.delete)
        XCTAssertEqual(editor.text, "onjour le ")
        _ = editor.handle(.control("e"))
        _ = editor.handle(.character("é"))
        XCTAssertEqual(editor.text, "onjour le é")
        _ = editor.handle(.control("a"))
        _ = editor.handle(.right)
        _ = editor.handle(.control("k"))
        XCTAssertEqual(editor.text, "o")
        _ = editor.handle(.paste("deux\nlignes"))
        XCTAssertEqual(editor.text, "odeux lignes")
        _ = editor.handle(.control("u"))
        XCTAssertEqual(editor.text, "")
        XCTAssertEqual(editor.handle(.tab), .ignored)
    }

    func testLineEditorScrollsInDisplayColumnsAndMasks() {
        let editor = LineEditor(String(repeating: "漢", count: 20))
        var frame = Frame(size: Size(width: 20, height: 1))
        let cursor = editor.draw(into: &frame, at: Position(column: 0, row: 0), width: 10, style: [])
        XCTAssertEqual(cursor.column, 8)  // 漢 is two columns: the last one cannot start at column 9
        XCTAssertTrue(DisplayWidth.of(frame.lines[0]) <= 10)
        let secret = LineEditor("motdepasse", masked: true)
        var masked = Frame(size: Size(width: 20, height: 1))
        _ = secret.draw(into: &masked, at: Position(column: 0, row: 0), width: 20, style: [])
        XCTAssertEqual(masked.lines[0], "••••••••••")
    }

    func testTextAreaWrapsMovesAndKillsByParagraph() {
        var area = TextArea("")
        _ = area.handle(.paste("un deux trois quatre cinq six"), width: 10)
        XCTAssertEqual(TextWrap.wrap(area.text, width: 10), ["un deux", "trois", "quatre", "cinq six"])
        XCTAssertEqual(area.lines(width: 10).count, 4)
        XCTAssertEqual(area.handle(.up, width: 10), .moved)
        XCTAssertEqual(area.cursorLocation(in: area.lines(width: 10)).line, 2)
        _ = area.handle(.home, width: 10)
        _ = area.handle(.enter, width: 10)
        XCTAssertEqual(area.text, "un deux trois \nquatre cinq six")
        XCTAssertEqual(area.handle(.up, width: 10), .moved)
        XCTAssertEqual(area.handle(.up, width: 10), .moved)
        XCTAssertEqual(area.handle(.up, width: 10), .leftTop)
        _ = area.handle(.control("k"), width: 10)
        XCTAssertEqual(area.text, "\nquatre cinq six")
        _ = area.handle(.control("k"), width: 10)
        XCTAssertEqual(area.text, "quatre cinq six")
        _ = area.handle(.end, width: 10)
        XCTAssertEqual(area.handle(.down, width: 10), .moved)
        XCTAssertEqual(area.handle(.down, width: 10), .leftBottom)
        _ = area.handle(.control("e"), width: 10)
        _ = area.handle(.control("u"), width: 10)
        XCTAssertEqual(area.text, "")
    }

    func testTextAreaWithWideAndCombiningCharacters() {
        var area = TextArea("")
        for character in "café 漢字漢字漢字 e" { _ = area.handle(.character(character), width: 8) }
        _ = area.handle(.character("\u{301}"), width: 8)
        XCTAssertEqual(area.text, "café 漢字漢字漢字 é")
        var frame = Frame(size: Size(width: 8, height: 4))
        let drawn = area.draw(into: &frame, at: Position(column: 0, row: 0), width: 8, height: 4, style: [])
        XCTAssertTrue(frame.lines.allSatisfy { DisplayWidth.of($0) <= 8 })
        XCTAssertEqual(frame.lines.joined().replacingOccurrences(of: " ", with: ""), "café漢字漢字漢字é")
        XCTAssertEqual(drawn.cursor.column, DisplayWidth.of(frame.lines[drawn.cursor.row]))
    }

    func testBigTextRendersEveryReceiptSymbol() {
        let rows = BigText.render("23456789-ABCDEFGHJKLMNPQRSTUVWXYZ")
        XCTAssertEqual(rows.count, 5)
        XCTAssertTrue(rows.allSatisfy { $0.count == BigText.width(of: "23456789-ABCDEFGHJKLMNPQRSTUVWXYZ") })
        XCTAssertFalse(rows.joined().contains("#"))
    }

    func testLanguageFromEnvironment() {
        XCTAssertEqual(UILanguage.detect(environment: ["LANG": "fr_FR.UTF-8"]), .fr)
        XCTAssertEqual(UILanguage.detect(environment: ["LC_ALL": "en_GB.UTF-8", "LANG": "fr_FR.UTF-8"]), .en)
        XCTAssertEqual(UILanguage.detect(environment: ["LC_ALL": "", "LC_MESSAGES": "fr_BE", "LANG": "C"]), .fr)
        XCTAssertEqual(UILanguage.detect(environment: ["LANG": "C.UTF-8"]), .en)
        XCTAssertEqual(UILanguage.detect(environment: [:]), .en)
        XCTAssertEqual(UILanguage.named("FR"), .fr)
        XCTAssertNil(UILanguage.named("de"))
    }
}
