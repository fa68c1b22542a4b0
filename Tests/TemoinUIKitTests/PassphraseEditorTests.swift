import TemoinCrypto
import TemoinTerminal
import TemoinUIKit
import XCTest

final class PassphraseEditorTests: XCTestCase {
    private func typed(_ keys: [Key]) -> PassphraseEditor {
        var editor = PassphraseEditor()
        for key in keys { _ = editor.handle(key) }
        return editor
    }

    private func string(_ secret: SecretBytes) -> String {
        secret.withUnsafeBytes { String(decoding: $0, as: UTF8.self) }
    }

    func testTypingPastingAndErasingGiveTheExactUTF8Bytes() {
        var editor = typed("mot de passé".map { .character($0) } + [.paste("\tà\nlà")])
        XCTAssertEqual(editor.characterCount, 17)
        XCTAssertEqual(editor.handle(.backspace), .changed)   // "à", two bytes, one character
        XCTAssertEqual(editor.characterCount, 16)
        _ = editor.handle(.character("🙂"))                      // four bytes
        _ = editor.handle(.backspace)
        _ = editor.handle(.character("a"))
        XCTAssertEqual(string(editor.take()), "mot de passé à la")
        XCTAssertTrue(editor.isEmpty)
        XCTAssertEqual(editor.characterCount, 0)
        XCTAssertEqual(string(editor.take()), "")
    }

    func testControlWRemovesTheLastWordAndControlUEverything() {
        var editor = typed("un deux  ".map { .character($0) })
        XCTAssertEqual(editor.handle(.control("w")), .changed)
        XCTAssertEqual(editor.characterCount, 3)
        XCTAssertEqual(editor.handle(.control("u")), .changed)
        XCTAssertTrue(editor.isEmpty)
        XCTAssertEqual(editor.handle(.backspace), .moved)
        XCTAssertEqual(editor.handle(.control("w")), .moved)
    }

    func testTheCursorStaysAtTheEndAndOtherKeysAreLeftToTheScreen() {
        var editor = typed("abc".map { .character($0) })
        for key: Key in [.left, .home, .right, .end, .delete, .control("k")] { XCTAssertEqual(editor.handle(key), .moved) }
        XCTAssertEqual(editor.handle(.enter), .ignored)
        XCTAssertEqual(editor.handle(.tab), .ignored)
        _ = editor.handle(.character("d"))
        XCTAssertEqual(string(editor.take()), "abcd")
    }

    func testItHoldsAtMostItsCapacityAndNeverCutsACharacter() {
        var editor = typed([.paste(String(repeating: "a", count: PassphraseEditor.capacity - 1))])
        XCTAssertEqual(editor.handle(.character("é")), .moved)   // two bytes do not fit in one
        XCTAssertEqual(editor.handle(.character("b")), .changed)
        XCTAssertEqual(editor.handle(.character("c")), .moved)
        XCTAssertEqual(editor.take().count, PassphraseEditor.capacity)
    }

    func testCopiesAreIndependentAndCompareByContent() {
        let first = typed("secret".map { .character($0) })
        var second = first
        XCTAssertEqual(first, second)
        XCTAssertTrue(first.matches(second))
        _ = second.handle(.backspace)
        _ = second.handle(.character("T"))
        XCTAssertFalse(first.matches(second))
        XCTAssertEqual(first.characterCount, second.characterCount)
        var kept = first
        XCTAssertEqual(string(kept.take()), "secret")
        XCTAssertEqual(string(second.take()), "secreT")
        XCTAssertEqual(first.characterCount, 6)   // taking from a copy leaves the original as it was
    }

    func testItDrawsOneDotPerCharacterAndTheCursorAfterThem() {
        let editor = typed("motdepassé".map { .character($0) })
        var frame = Frame(size: Size(width: 20, height: 1))
        let cursor = editor.draw(into: &frame, at: Position(column: 2, row: 0), width: 15, style: [])
        XCTAssertEqual(frame.lines[0], "  ••••••••••")
        XCTAssertEqual(cursor, Position(column: 12, row: 0))
        var narrow = Frame(size: Size(width: 6, height: 1))
        XCTAssertEqual(editor.draw(into: &narrow, at: Position(column: 0, row: 0), width: 6, style: []).column, 5)
        XCTAssertEqual(narrow.lines[0], "•••••")
    }
}
