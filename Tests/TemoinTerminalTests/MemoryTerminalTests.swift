import XCTest
@testable import TemoinTerminal

final class MemoryTerminalTests: XCTestCase {
    func testEventsComeInOrderThenIdle() {
        let terminal = MemoryTerminal(size: Size(width: 80, height: 24), events: [.key(.tab)])
        terminal.enqueue(.key(.function(10)), .hangup)
        XCTAssertEqual(terminal.nextEvent(timeout: .seconds(1)), .key(.tab))
        XCTAssertEqual(terminal.nextEvent(timeout: nil), .key(.function(10)))
        XCTAssertEqual(terminal.nextEvent(timeout: nil), .hangup)
        XCTAssertEqual(terminal.nextEvent(timeout: nil), .idle)
        terminal.press(.escape, .control("a"))
        XCTAssertEqual(terminal.pendingEvents, [.key(.escape), .key(.control("a"))])
    }

    func testTypeEnqueuesCharacters() {
        let terminal = MemoryTerminal(size: Size(width: 80, height: 24))
        terminal.type("é漢\n\t")
        XCTAssertEqual(terminal.pendingEvents, [
            .key(.character("é")), .key(.character("漢")), .key(.enter), .key(.tab),
        ])
    }

    func testResizeChangesSizeAndEnqueues() {
        let terminal = MemoryTerminal(size: Size(width: 80, height: 24))
        terminal.resize(to: Size(width: 20, height: 6))
        XCTAssertEqual(terminal.size, Size(width: 20, height: 6))
        XCTAssertEqual(terminal.nextEvent(timeout: nil), .resize(Size(width: 20, height: 6)))
    }

    func testRecordsFrames() {
        let terminal = MemoryTerminal(size: Size(width: 10, height: 2))
        XCTAssertNil(terminal.lastFrame)
        var frame = Frame(size: terminal.size)
        frame.put("un", at: Position(column: 0, row: 0))
        terminal.draw(frame)
        frame.put("deux", at: Position(column: 0, row: 1))
        terminal.draw(frame)
        XCTAssertEqual(terminal.frames.map(\.text), ["un\n", "un\ndeux"])
        XCTAssertEqual(terminal.lastFrame?.lines, ["un", "deux"])
    }

    func testFrameHistoryLimit() {
        let terminal = MemoryTerminal(size: Size(width: 10, height: 1))
        terminal.frameHistoryLimit = 2
        for word in ["a", "b", "c"] {
            var frame = Frame(size: terminal.size)
            frame.put(word, at: Position(column: 0, row: 0))
            terminal.draw(frame)
        }
        XCTAssertEqual(terminal.frames.map(\.text), ["b", "c"])
        XCTAssertEqual(terminal.drawCount, 3)
    }

    func testCloseIsIdempotent() {
        let terminal = MemoryTerminal(size: Size(width: 10, height: 1))
        terminal.close()
        terminal.close()
        XCTAssertTrue(terminal.isClosed)
    }
}
