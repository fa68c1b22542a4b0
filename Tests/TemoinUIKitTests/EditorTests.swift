import TemoinTerminal
@testable import TemoinUIKit
import XCTest

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

    func testLineEditorScrollsInDisplayColumns() {
        let editor = LineEditor(String(repeating: "漢", count: 20))
        var frame = Frame(size: Size(width: 20, height: 1))
        let cursor = editor.draw(into: &frame, at: Position(column: 0, row: 0), width: 10, style: [])
        XCTAssertEqual(cursor.column, 8)  // 漢 is two columns: the last one cannot start at column 9
        XCTAssertTrue(DisplayWidth.of(frame.lines[0]) <= 10)
    }

    func testTextAreaWrapsMovesAndKillsByParagraph() {
        var area = TextArea("")
        _ = area.handle(.paste("un deux trois quatre cinq six"), width: 10)
        XCTAssertEqual(TextWrap.wrap(area.text, width: 10), ["un deux", "trois", "quatre", "cinq six"])
        XCTAssertEqual(area.handle(.up, width: 10), .moved)
        var frame = Frame(size: Size(width: 10, height: 4))
        let drawn = area.draw(into: &frame, at: Position(column: 0, row: 0), width: 10, height: 4, style: [])
        XCTAssertEqual(frame.lines, ["un deux", "trois", "quatre", "cinq six"])
        XCTAssertEqual(drawn.cursor.row, 2)
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

    func testTextAreaKeysReportWhetherTheTextChanged() {
        var area = TextArea("e")
        XCTAssertEqual(area.handle(.character("\u{301}"), width: 10), .changed, "a combining mark changes the text, not the count")
        XCTAssertEqual(area.text, "e\u{301}")
        XCTAssertEqual(area.handle(.delete, width: 10), .moved)
        XCTAssertEqual(area.handle(.control("k"), width: 10), .moved)
        XCTAssertEqual(area.handle(.paste(""), width: 10), .moved)
        _ = area.handle(.home, width: 10)
        XCTAssertEqual(area.handle(.backspace, width: 10), .moved)
        XCTAssertEqual(area.handle(.control("u"), width: 10), .moved)
        XCTAssertEqual(area.handle(.control("w"), width: 10), .moved)
        XCTAssertEqual(area.handle(.control("k"), width: 10), .changed)
        XCTAssertEqual(area.text, "")
    }

    func testTextAreaMovesAcrossParagraphsKeepingTheColumn() {
        var area = TextArea("première ligne\nla deuxième est plus longue\n\nfin")
        XCTAssertEqual(TextWrap.wrap(area.text, width: 16), ["première ligne", "la deuxième est", "plus longue", "", "fin"])
        area.buffer.move(to: 5)  // "premi|ère"
        let downs = (0..<4).map { _ in (area.handle(.down, width: 16), area.buffer.cursor) }
        XCTAssertEqual(downs.map(\.1), [15 + 5, 31 + 5, 43, 44], "column 5 in the next paragraph and its next line; then the empty one")
        XCTAssertEqual(downs.map(\.0), [.moved, .moved, .moved, .moved])
        XCTAssertEqual(area.handle(.down, width: 16), .leftBottom)
        XCTAssertEqual(area.handle(.pageUp, width: 16), .moved)
        XCTAssertEqual(area.buffer.cursor, 0, "Page Up stops at the first line")
        XCTAssertEqual(area.handle(.up, width: 16), .leftTop)
        XCTAssertEqual(area.handle(.pageDown, width: 16), .moved)
        XCTAssertEqual(area.buffer.cursor, 44, "Page Down stops at the last line")
        _ = area.handle(.up, width: 16)
        _ = area.handle(.up, width: 16)
        XCTAssertEqual(area.handle(.end, width: 16), .moved)
        XCTAssertEqual(area.buffer.cursor, 42, "End of a paragraph")
        _ = area.handle(.up, width: 16)
        XCTAssertEqual(area.buffer.cursor, 15 + 11, "column 11 of the line above")
        _ = area.handle(.end, width: 16)
        XCTAssertEqual(area.buffer.cursor, 30, "End of a soft-broken line: before its space")
        _ = area.handle(.home, width: 16)
        XCTAssertEqual(area.buffer.cursor, 15)
    }

    func testTextAreaShowsAndMovesAsTheWholeTextWraps() {
        let text = "Le policier a pris ma photo sans rien dire.\n\nanticonstitutionnellement  deux espaces  \r\n"
            + "漢字かな交じり文 et café écrit e\u{301}crit\n   en tête\rvieux Mac 👩‍👩‍👧 🇫🇷\n"
        for width in [1, 5, 12] {
            let reference = WholeTextLayout(text, width: width)
            for cursor in 0...reference.characters.count {
                var area = TextArea(text)
                area.buffer.move(to: cursor)
                for height in [1, 4] {
                    XCTAssertEqual(shown(area, width: width, height: height),
                                   reference.shown(cursor: cursor, height: height), "width \(width), height \(height), cursor \(cursor)")
                }
                for key: Key in [.up, .down, .pageUp, .pageDown, .home, .end] {
                    var moved = area
                    let outcome = moved.handle(key, width: width)
                    let expected = reference.move(key, cursor: cursor)
                    XCTAssertEqual(outcome, expected.outcome, "\(key), width \(width), cursor \(cursor)")
                    XCTAssertEqual(moved.buffer.cursor, expected.cursor, "\(key), width \(width), cursor \(cursor)")
                }
            }
        }
    }

    func testTextAreaInTheMiddleOfALongTextShowsWhatTheWholeTextWrapShows() {
        let paragraphs = (0..<2_000).map { "Paragraphe \($0) : " + String(repeating: "mot ", count: $0 % 37) + ($0 % 5 == 0 ? "\n" : "") }
        let text = paragraphs.joined(separator: "\n")
        let reference = WholeTextLayout(text, width: 40)
        var area = TextArea(text)
        area.buffer.move(to: reference.characters.count / 2)
        for key: Key in [.pageUp, .pageUp, .up, .pageDown, .down, .down, .end, .pageDown, .home, .pageUp] {
            let expected = reference.move(key, cursor: area.buffer.cursor)
            XCTAssertEqual(area.handle(key, width: 40), expected.outcome)
            XCTAssertEqual(area.buffer.cursor, expected.cursor, "\(key)")
            XCTAssertEqual(shown(area, width: 40, height: 10), reference.shown(cursor: area.buffer.cursor, height: 10), "\(key)")
        }
        XCTAssertEqual(area.handle(.character("x"), width: 40), .changed)
        let edited = WholeTextLayout(area.text, width: 40)
        XCTAssertEqual(shown(area, width: 40, height: 10), edited.shown(cursor: area.buffer.cursor, height: 10))
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
        // Named, or not: C.UTF-8 names no language, and the first run then asks.
        XCTAssertEqual(UILanguage.named(environment: ["LANG": "C.UTF-8"]), nil)
        XCTAssertEqual(UILanguage.named(environment: ["LANG": "en_US.UTF-8"]), .en)
        XCTAssertEqual(UILanguage.named(environment: ["LC_ALL": "", "LANG": "fr_FR.UTF-8"]), .fr)
        XCTAssertEqual(UILanguage.named(environment: [:]), nil)
        XCTAssertEqual(UILanguage.named("FR"), .fr)
        XCTAssertNil(UILanguage.named("de"))
    }

    /// What `area` shows in `width` × `height`.
    private func shown(_ area: TextArea, width: Int, height: Int) -> WholeTextLayout.Shown {
        var frame = Frame(size: Size(width: width, height: height))
        let drawn = area.draw(into: &frame, at: Position(column: 0, row: 0), width: width, height: height, style: [])
        return WholeTextLayout.Shown(rows: frame.lines, cursor: drawn.cursor, above: drawn.above, below: drawn.below)
    }
}

/// The text area as it was when it wrapped the whole text on every key (`TextWrap.lineRanges` on the
/// full text): the reference for the area, which wraps only the paragraphs it needs.
private struct WholeTextLayout {
    /// What the area shows: its rows, the cursor and the ▲ ▼ marks.
    struct Shown: Equatable {
        var rows: [String]
        var cursor: Position
        var above: Bool
        var below: Bool
    }

    let characters: [Character]
    let width: Int
    /// Every wrapped line of the text, as character offsets.
    let lines: [Range<Int>]

    init(_ text: String, width: Int) {
        characters = Array(text)
        self.width = width
        var offset = 0
        var index = text.startIndex
        lines = TextWrap.lineRanges(text, width: width).map { range in
            offset += text.distance(from: index, to: range.lowerBound)
            let start = offset
            offset += text.distance(from: range.lowerBound, to: range.upperBound)
            index = range.upperBound
            return start..<offset
        }
    }

    /// The line of the cursor and its display column.
    func location(of cursor: Int) -> (line: Int, column: Int) {
        let line = lines.lastIndex { $0.lowerBound <= cursor } ?? 0
        return (line, DisplayWidth.of(String(characters[lines[line].lowerBound..<cursor])))
    }

    /// The last cursor offset on line `index`: before the space of a soft break.
    func lastOffset(of index: Int) -> Int {
        let isSoftBreak = index + 1 < lines.count && lines[index + 1].lowerBound == lines[index].upperBound
        return isSoftBreak ? max(lines[index].lowerBound, lines[index].upperBound - 1) : lines[index].upperBound
    }

    /// `height` rows scrolled so that the cursor's line is the last one, unless the text starts above.
    func shown(cursor: Int, height: Int) -> Shown {
        let (line, column) = location(of: cursor)
        let top = max(0, line - height + 1)
        var frame = Frame(size: Size(width: width, height: height))
        for row in 0..<height where top + row < lines.count {
            frame.put(String(characters[lines[top + row]]), at: Position(column: 0, row: row), style: [], maxWidth: width)
        }
        return Shown(rows: frame.lines, cursor: Position(column: min(column, width - 1), row: line - top),
                     above: top > 0, below: top + height < lines.count)
    }

    /// Where Up, Down, Page Up, Page Down, Home or End take the cursor, and what the key returns.
    func move(_ key: Key, cursor: Int) -> (cursor: Int, outcome: EditOutcome) {
        let (line, column) = location(of: cursor)
        let delta: Int
        switch key {
        case .home: return (lines[line].lowerBound, .moved)
        case .end: return (lastOffset(of: line), .moved)
        case .up: delta = -1
        case .down: delta = 1
        case .pageUp: delta = -8
        default: delta = 8
        }
        let target = min(max(0, line + delta), lines.count - 1)
        guard target != line else { return (cursor, delta < 0 ? .leftTop : .leftBottom) }
        var offset = lines[target].lowerBound
        var used = 0
        while offset < lastOffset(of: target), used + DisplayWidth.of(characters[offset]) <= column {
            used += DisplayWidth.of(characters[offset])
            offset += 1
        }
        return (offset, .moved)
    }
}
