import XCTest
@testable import TemoinTerminal

final class TextWrapTests: XCTestCase {
    func testWrapsAtSpaces() {
        XCTAssertEqual(TextWrap.wrap("le policier a pris ma photo", width: 10), ["le", "policier a", "pris ma", "photo"])
        XCTAssertEqual(TextWrap.wrap("short", width: 10), ["short"])
    }

    func testEmptyText() {
        XCTAssertEqual(TextWrap.wrap("", width: 10), [""])
    }

    func testHardBreaksLongWords() {
        XCTAssertEqual(TextWrap.wrap("abcdefghij", width: 4), ["abcd", "efgh", "ij"])
        XCTAssertEqual(TextWrap.wrap("ab abcdefghij cd", width: 4), ["ab", "abcd", "efgh", "ij", "cd"])
    }

    func testWideCharactersMeasuredInColumns() {
        XCTAssertEqual(TextWrap.wrap("漢字かな交じり", width: 5), ["漢字", "かな", "交じ", "り"])
        XCTAssertEqual(TextWrap.wrap("été à Noël", width: 5), ["été à", "Noël"])
    }

    func testKeepsExplicitNewlines() {
        XCTAssertEqual(TextWrap.wrap("un\n\ndeux trois", width: 5), ["un", "", "deux", "trois"])
        XCTAssertEqual(TextWrap.wrap("a\r\nb\n", width: 5), ["a", "b", ""])
    }

    func testWidthOne() {
        XCTAssertEqual(TextWrap.wrap("ab c", width: 1), ["a", "b", "c"])
        XCTAssertEqual(TextWrap.wrap("漢字", width: 1), ["漢", "字"])
        XCTAssertEqual(TextWrap.wrap("ab", width: 0), ["a", "b"])
    }

    func testLineRangesCoverTheTextExceptNewlines() {
        let text = "un deux trois\nquatre"
        let ranges = TextWrap.lineRanges(text, width: 8)
        XCTAssertEqual(ranges.map { String(text[$0]) }, ["un deux ", "trois", "quatre"])
    }

    func testLongTextIsLinear() {
        let word = String(repeating: "x", count: 200_000)
        let lines = TextWrap.wrap(word + " fin", width: 80)
        XCTAssertEqual(lines.count, 2_500 + 1)
        XCTAssertEqual(lines.last, "fin")
    }

    func testEachParagraphWrapsOnItsOwn() {
        // The text area wraps only the paragraphs it shows: they must wrap as they do in the whole text.
        let text = "un deux trois quatre\r\n\ncinq  six sept\rhuit neuf dix onze douze\n漢字かな交じり文\n"
        let paragraphs = text.split(omittingEmptySubsequences: false, whereSeparator: TextWrap.isNewline)
        XCTAssertEqual(paragraphs.count, 6)
        for width in 1...12 {
            XCTAssertEqual(TextWrap.wrap(text, width: width), paragraphs.flatMap { TextWrap.wrap(String($0), width: width) })
        }
    }

    func testFrenchQuotesAndPunctuationKeepTheirNeighbours() {
        let text = "Il m'a dit : « regardez l'écran » puis il a attendu ! Pourquoi ?"
        for width in 10...30 {  // from 10 columns, the longest glued group fits a line
            let lines = TextWrap.wrap(text, width: width)
            XCTAssertEqual(lines.joined(separator: " "), text, "width \(width)")
            for line in lines {
                XCTAssertFalse(line.hasSuffix("«"), "a line ends with « at width \(width): \(lines)")
                for mark in ["»", ":", "!", "?"] {
                    XCTAssertFalse(line.hasPrefix(mark), "a line starts with \(mark) at width \(width): \(lines)")
                }
            }
        }
        XCTAssertEqual(TextWrap.wrap("dit « oui »", width: 7), ["dit", "« oui »"])
    }
}
