import XCTest
@testable import TemoinTerminal

final class BackendMappingTests: XCTestCase {
    func testStylesWithColors() {
        XCTAssertEqual(CellAttributes(.accent, colors: true), CellAttributes(colorPair: CellAttributes.accentPair))
        XCTAssertEqual(CellAttributes([.error, .accent, .bold], colors: true),
                       CellAttributes(bold: true, colorPair: CellAttributes.errorPair))
        XCTAssertEqual(CellAttributes(.ok, colors: true), CellAttributes(colorPair: CellAttributes.okPair))
    }

    func testStylesOnMonochrome() {
        XCTAssertEqual(CellAttributes(.accent, colors: false), CellAttributes(bold: true))
        XCTAssertEqual(CellAttributes(.error, colors: false), CellAttributes(bold: true, underline: true))
        XCTAssertEqual(CellAttributes(.ok, colors: false), CellAttributes(underline: true))
        XCTAssertEqual(CellAttributes([.reverse, .dim], colors: false), CellAttributes(reverse: true, dim: true))
    }

    /// A cell is sent as its first character and its combining marks: never a joiner, a variation selector or a
    /// format character, after which a terminal would join the next cell's character or widen the cell.
    func testACellIsSentWithoutJoinersOrVariationSelectors() {
        func sent(_ grapheme: Character) -> String {
            String(String.UnicodeScalarView(NcursesTerminal.cellScalars(grapheme, limit: 5)))
        }
        XCTAssertEqual(sent("\u{1F469}\u{200D}\u{1F467}\u{200D}\u{1F466}"), "\u{1F469}", "a family: the first person")
        XCTAssertEqual(sent("a\u{200D}"), "a")
        XCTAssertEqual(sent("\u{1F3F3}\u{FE0F}\u{200D}\u{1F308}"), "\u{1F3F3}", "a rainbow flag: the white flag")
        XCTAssertEqual(sent("\u{1F44D}\u{1F3FD}"), "\u{1F44D}", "a skin tone is a character of its own")
        XCTAssertEqual(sent("1\u{FE0F}\u{20E3}"), "1\u{20E3}", "a keycap keeps its enclosing mark")
        XCTAssertEqual(sent("e\u{301}"), "e\u{301}")
        XCTAssertEqual(sent("\u{1100}\u{1161}\u{11A8}"), "\u{1100}\u{1161}\u{11A8}", "a Hangul syllable in jamo")
        XCTAssertEqual(sent(Character("Z" + String(repeating: "\u{301}", count: 3000))), "Z" + String(repeating: "\u{301}", count: 4))
    }

    func testSignalFlagsAreSetByTheHandler() {
        XCTAssertTrue(ProcessHooks.installSignalHandlers())
        XCTAssertFalse(ProcessHooks.take(.hangup))
        raise(SIGHUP)
        XCTAssertTrue(ProcessHooks.take(.hangup))
        XCTAssertFalse(ProcessHooks.take(.hangup), "taking clears the flag")
        raise(SIGTERM)
        XCTAssertTrue(ProcessHooks.take(.terminate))
    }

    func testLocaleEndsUpUTF8() {
        XCTAssertTrue(TerminalLocale.ensureUTF8())
        XCTAssertTrue(TerminalLocale.isUTF8, "codeset \(TerminalLocale.codeset)")
    }

    func testNotATerminalIsReported() throws {
        guard isatty(STDIN_FILENO) == 0 || isatty(STDOUT_FILENO) == 0 else {
            throw XCTSkip("running in a terminal")
        }
        XCTAssertThrowsError(try NcursesTerminal()) { error in
            XCTAssertEqual(error as? TerminalError, .notATerminal)
        }
    }
}
