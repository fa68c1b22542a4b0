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
