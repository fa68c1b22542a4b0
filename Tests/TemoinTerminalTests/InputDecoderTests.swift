import XCTest
@testable import TemoinTerminal

final class InputDecoderTests: XCTestCase {
    /// Feeds `text` as one burst of scalars, then signals the end of the burst.
    private func decode(_ text: String, decoder: inout InputDecoder) -> [TerminalEvent] {
        var events: [TerminalEvent] = []
        for scalar in text.unicodeScalars {
            decoder.feed(.scalar(scalar.value), into: &events)
        }
        decoder.endOfBurst(into: &events)
        return events
    }

    private func decode(_ text: String) -> [TerminalEvent] {
        var decoder = InputDecoder()
        return decode(text, decoder: &decoder)
    }

    func testPlainAndControlKeys() {
        XCTAssertEqual(decode("aé\r\t\u{7F}\u{8}\u{1}\u{3}\u{13}\u{11}\u{1A}"), [
            .key(.character("a")), .key(.character("é")), .key(.enter), .key(.tab),
            .key(.backspace), .key(.backspace), .key(.control("a")), .key(.control("c")),
            .key(.control("s")), .key(.control("q")), .key(.control("z")),
        ])
    }

    func testLoneEscapeAndEscapeDigit() {
        XCTAssertEqual(decode("\u{1B}"), [.key(.escape)])
        XCTAssertEqual(decode("\u{1B}1"), [.key(.escape), .key(.character("1"))])
        XCTAssertEqual(decode("\u{1B}\u{1B}"), [.key(.escape), .key(.escape)])
        XCTAssertEqual(decode("\u{1B}["), [.key(.escape), .key(.character("["))])
    }

    func testUnknownControlSequencesAreDropped() {
        XCTAssertEqual(decode("a\u{1B}[?1;2cb\u{1B}[99~\u{1B}OXc"), [
            .key(.character("a")), .key(.character("b")), .key(.character("c")),
        ])
        XCTAssertEqual(decode("\u{1B}[12"), [])
        XCTAssertEqual(decode("\u{1B}O"), [.key(.escape), .key(.character("O"))])
    }

    func testStringSequencesSuchAsTerminalRepliesAreDropped() {
        XCTAssertEqual(decode("a\u{1B}]0;titre\u{07}b\u{1B}]11;rgb:0000/0000/0000\u{1B}\\c\u{1B}P1$r0m\u{1B}\\d"), [
            .key(.character("a")), .key(.character("b")), .key(.character("c")), .key(.character("d")),
        ])
        let runaway = decode("\u{1B}]" + String(repeating: "x", count: 5000) + "e")
        XCTAssertEqual(runaway.last, .key(.character("e")), "an unterminated string stops being swallowed after 4096 characters")
        XCTAssertEqual(runaway.count, 5000 - 4097 + 1)
        XCTAssertEqual(decode("\u{1B}1"), [.key(.escape), .key(.character("1"))], "ESC then a digit is still F1")

        // A string left open at the end of a burst is the volunteer's keys, not a reply: what follows is typed.
        var decoder = InputDecoder()
        XCTAssertEqual(decode("\u{1B}P", decoder: &decoder), [.key(.escape), .key(.character("P"))], "Alt+Shift+P")
        XCTAssertEqual(decode("abc", decoder: &decoder), [.key(.character("a")), .key(.character("b")), .key(.character("c"))])
        XCTAssertEqual(decode("\u{1B}]0;tit", decoder: &decoder), [])
        XCTAssertEqual(decode("x", decoder: &decoder), [.key(.character("x"))], "nothing after a cut reply is swallowed")
    }

    func testCommonSequencesTheTerminfoEntryLacks() {
        XCTAssertEqual(decode("\u{1B}OQ\u{1B}[1;5C\u{1B}[Z\u{1B}[24~\u{1B}[3~\u{1B}[[B\u{1B}[H"), [
            .key(.function(2)), .key(.right), .key(.backTab), .key(.function(12)), .key(.delete),
            .key(.function(2)), .key(.home),
        ])
    }

    func testDecodedKeysPassThrough() {
        var decoder = InputDecoder()
        var events: [TerminalEvent] = []
        decoder.feed(.scalar(0x1B), into: &events)
        decoder.feed(.key(.function(2)), into: &events)
        XCTAssertEqual(events, [.key(.escape), .key(.function(2))])
    }

    func testInvalidScalarsBecomeReplacementCharacter() {
        var decoder = InputDecoder()
        var events: [TerminalEvent] = []
        decoder.feed(.scalar(0xD800), into: &events)
        decoder.feed(.scalar(0x11_0000), into: &events)
        decoder.feed(.scalar(0x9B), into: &events)
        XCTAssertEqual(events, [.key(.character("\u{FFFD}")), .key(.character("\u{FFFD}"))])
    }

    func testBracketedPasteIsOneEvent() {
        let events = decode("x\u{1B}[200~Bonjour,\r\nj'étais là\r漢\u{1B}[201~y")
        XCTAssertEqual(events, [
            .key(.character("x")), .key(.paste("Bonjour,\nj'étais là\n漢")), .key(.character("y")),
        ])
    }

    func testPasteSpanningBurstsAndKeys() {
        var decoder = InputDecoder()
        var events = decode("\u{1B}[200~ab", decoder: &decoder)
        XCTAssertTrue(decoder.isInPaste)
        decoder.feed(.key(.enter), into: &events)
        decoder.feed(.key(.left), into: &events)
        events += decode("c\u{1B}[201~", decoder: &decoder)
        XCTAssertEqual(events, [.key(.paste("ab\nc"))])
        XCTAssertFalse(decoder.isInPaste)
    }

    func testPasteKeepsAlmostTerminatorsAndDropsControls() {
        XCTAssertEqual(decode("\u{1B}[200~a\u{1B}[20b\u{7}\u{1B}\u{1B}[201~"), [.key(.paste("a[20b"))])
    }

    func testUnterminatedPasteIsDeliveredByFinish() {
        var decoder = InputDecoder()
        var events = decode("\u{1B}[200~texte", decoder: &decoder)
        XCTAssertEqual(events, [])
        decoder.finishPaste(into: &events)
        XCTAssertEqual(events, [.key(.paste("texte"))])
    }

    func testPasteIsCapped() {
        var decoder = InputDecoder(pasteLimitBytes: 5)
        XCTAssertEqual(decode("\u{1B}[200~abcdé漢\u{1B}[201~", decoder: &decoder), [.key(.paste("abcd"))])
    }

    func testMegabytePasteIsFast() {
        let text = String(repeating: "Témoignage ", count: 100_000)
        var decoder = InputDecoder()
        let start = ContinuousClock.now
        let events = decode("\u{1B}[200~" + text + "\u{1B}[201~", decoder: &decoder)
        XCTAssertEqual(events, [.key(.paste(text))])
        XCTAssertLessThan(ContinuousClock.now - start, .seconds(5))
    }
}
