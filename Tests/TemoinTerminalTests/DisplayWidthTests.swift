import XCTest
@testable import TemoinTerminal

final class DisplayWidthTests: XCTestCase {
    func testASCII() {
        XCTAssertEqual(DisplayWidth.of("a"), 1)
        XCTAssertEqual(DisplayWidth.of("Hello, world!"), 13)
        XCTAssertEqual(DisplayWidth.of(""), 0)
    }

    func testAccentsPrecomposedAndCombining() {
        XCTAssertEqual(DisplayWidth.of("\u{E9}" as Character), 1)
        XCTAssertEqual(DisplayWidth.of("e\u{301}" as Character), 1)
        XCTAssertEqual(DisplayWidth.of("Ce\u{301}line et \u{C9}lise"), 15)
        XCTAssertEqual(DisplayWidth.of("\u{301}" as Character), 0)
    }

    func testWideCharacters() {
        XCTAssertEqual(DisplayWidth.of("漢" as Character), 2)
        XCTAssertEqual(DisplayWidth.of("漢字"), 4)
        XCTAssertEqual(DisplayWidth.of("한국어"), 6)
        XCTAssertEqual(DisplayWidth.of("ｶ"), 1, "half-width katakana is narrow")
        XCTAssertEqual(DisplayWidth.of("Ａ"), 2, "fullwidth Latin is wide")
        XCTAssertEqual(DisplayWidth.of("a漢b"), 4)
    }

    func testEmoji() {
        XCTAssertEqual(DisplayWidth.of("😀" as Character), 2)
        XCTAssertEqual(DisplayWidth.of("👍🏽" as Character), 2)
        XCTAssertEqual(DisplayWidth.of("👨‍👩‍👧" as Character), 2)
        XCTAssertEqual(DisplayWidth.of("🇫🇷" as Character), 2)
        XCTAssertEqual(DisplayWidth.of("\u{2764}\u{FE0F}" as Character), 2, "emoji presentation selector")
        XCTAssertEqual(DisplayWidth.of("\u{263A}" as Character), 1, "text presentation by default")
    }

    func testControlCharacters() {
        XCTAssertEqual(DisplayWidth.of("\u{0}" as Character), 0)
        XCTAssertEqual(DisplayWidth.of("\t" as Character), 0)
        XCTAssertEqual(DisplayWidth.of("\u{1B}" as Character), 0)
        XCTAssertEqual(DisplayWidth.of("\u{7F}" as Character), 0)
        XCTAssertEqual(DisplayWidth.of("\u{85}" as Character), 0)
        XCTAssertEqual(DisplayWidth.of("a\nb"), 2)
        XCTAssertEqual(DisplayWidth.of("\u{200B}" as Character), 0, "zero width space")
    }

    func testPrefixFitting() {
        XCTAssertEqual(DisplayWidth.prefix(of: "abcdef", fitting: 3), "abc")
        XCTAssertEqual(DisplayWidth.prefix(of: "漢字かな", fitting: 5), "漢字")
        XCTAssertEqual(DisplayWidth.prefix(of: "e\u{301}te\u{301}", fitting: 2), "e\u{301}t")
        XCTAssertEqual(DisplayWidth.prefix(of: "abc", fitting: 0), "")
        XCTAssertEqual(DisplayWidth.prefix(of: "abc", fitting: 10), "abc")
    }
}
