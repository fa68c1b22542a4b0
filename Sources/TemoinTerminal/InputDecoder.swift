/// Turns raw terminal input into events: control keys, lone ESC, and bracketed paste.
///
/// ncurses hands over an escape sequence it does not know (such as the paste
/// markers `ESC [200~` … `ESC [201~`) as separate characters. The decoder
/// reassembles them: a paste becomes one `.paste` key; the common xterm, vt100
/// and linux-console sequences for arrows, Home/End, PgUp/PgDn, Delete and F1–F12
/// are recognised even when `TERM` does not describe them (modifiers dropped);
/// other CSI and SS3 sequences are dropped; an ESC followed by anything else
/// (a digit) is `.escape` then that key. It is pure: no ncurses, no clock.
struct InputDecoder {
    /// One unit of raw input.
    enum Input: Equatable {
        /// A character code as `wget_wch` returns it (may be invalid Unicode).
        case scalar(UInt32)
        /// A key ncurses already decoded from a known sequence.
        case key(Key)
    }

    private enum State: Equatable {
        case ground
        case escape
        case controlSequence(String)
        case singleShift
        /// Inside a string sequence (OSC `ESC ]`, DCS `ESC P`, APC, PM, SOS), such as a terminal's
        /// reply to a query: dropped up to BEL or `ESC \`. `introducer` is the character after ESC;
        /// `length` bounds it; `afterEscape` is a pending ESC.
        case string(introducer: UInt32, length: Int, afterEscape: Bool)
        case paste
    }

    /// Introducers of string sequences after ESC: `]` OSC, `P` DCS, `_` APC, `^` PM, `X` SOS.
    private static let stringIntroducers: Set<UInt32> = [0x5D, 0x50, 0x5F, 0x5E, 0x58]
    private static let maxStringLength = 4096

    private static let pasteEnd: [UInt32] = [0x1B, 0x5B, 0x32, 0x30, 0x31, 0x7E]  // ESC [ 2 0 1 ~
    private static let maxSequenceLength = 32

    private var state = State.ground
    private var paste = ""
    private var pasteBytes = 0
    private var pasteEndMatched = 0
    private var afterCarriageReturn = false
    /// Bytes of UTF-8 a paste may hold; the rest is dropped.
    let pasteLimitBytes: Int

    init(pasteLimitBytes: Int = 4 << 20) {
        self.pasteLimitBytes = pasteLimitBytes
    }

    /// Whether an ESC or an unfinished escape sequence waits for more input.
    var isAwaitingSequence: Bool {
        state == .escape || isInControlSequence
    }

    /// Whether an escape sequence has started after `ESC [` (worth waiting a little for).
    var isInControlSequence: Bool {
        switch state {
        case .controlSequence, .singleShift, .string: return true
        case .ground, .escape, .paste: return false
        }
    }

    /// Whether a bracketed paste is being collected.
    var isInPaste: Bool {
        state == .paste
    }

    /// Decodes one input, appending any complete events to `events`.
    mutating func feed(_ input: Input, into events: inout [TerminalEvent]) {
        switch state {
        case .ground:
            decodeGround(input, into: &events)
        case .escape:
            if input == .scalar(0x5B) {
                state = .controlSequence("")
            } else if input == .scalar(0x4F) {
                state = .singleShift
            } else if case .scalar(let code) = input, Self.stringIntroducers.contains(code) {
                state = .string(introducer: code, length: 0, afterEscape: false)
            } else {
                events.append(.key(.escape))
                state = .ground
                decodeGround(input, into: &events)
            }
        case .controlSequence(let body):
            decodeSequence(body, input, into: &events)
        case .singleShift:
            state = .ground
            guard case .scalar(let code) = input, (0x40...0x7E).contains(code) else {
                decodeGround(input, into: &events)
                return
            }
            if let key = Self.singleShiftKeys[code] { events.append(.key(key)) }
        case .string(let introducer, let length, let afterEscape):
            skipString(input, introducer: introducer, length: length, afterEscape: afterEscape, into: &events)
        case .paste:
            collectPaste(input, into: &events)
        }
    }

    /// Drops a string sequence up to its terminator; a key ncurses decoded, or an over-long string, ends it.
    private mutating func skipString(_ input: Input, introducer: UInt32, length: Int, afterEscape: Bool, into events: inout [TerminalEvent]) {
        guard case .scalar(let code) = input else {
            state = .ground
            decodeGround(input, into: &events)
            return
        }
        switch code {
        case 0x07: state = .ground                                        // BEL
        case 0x5C where afterEscape: state = .ground                      // ESC \ (ST)
        case 0x1B: state = .string(introducer: introducer, length: length, afterEscape: true)
        default:
            state = length < Self.maxStringLength ? .string(introducer: introducer, length: length + 1, afterEscape: false) : .ground
        }
    }

    /// Resolves what waits when no more input is immediately available: a lone ESC is `.escape`.
    mutating func endOfBurst(into events: inout [TerminalEvent]) {
        switch state {
        case .escape:
            events.append(.key(.escape))
            state = .ground
        case .controlSequence(let body):
            if body.isEmpty {
                events.append(.key(.escape))
                events.append(.key(.character("[")))
            }
            state = .ground
        case .singleShift:
            events.append(.key(.escape))
            events.append(.key(.character("O")))
            state = .ground
        case .string(let introducer, let length, let afterEscape):
            // A terminal's reply comes in one burst; one left open is the volunteer's own keys (Alt+Shift+P,
            // Esc then P): nothing typed after it may be swallowed.
            if length == 0 {
                events.append(.key(.escape))
                if let key = Self.key(forCode: introducer) { events.append(.key(key)) }
            }
            if afterEscape { events.append(.key(.escape)) }
            state = .ground
        case .ground, .paste:
            break
        }
    }

    /// Ends a paste whose closing marker never came, delivering what arrived.
    mutating func finishPaste(into events: inout [TerminalEvent]) {
        guard state == .paste else { return }
        if !paste.isEmpty { events.append(.key(.paste(paste))) }
        paste = ""
        pasteBytes = 0
        pasteEndMatched = 0
        afterCarriageReturn = false
        state = .ground
    }

    private mutating func decodeGround(_ input: Input, into events: inout [TerminalEvent]) {
        switch input {
        case .key(let key):
            events.append(.key(key))
        case .scalar(0x1B):
            state = .escape
        case .scalar(let code):
            if let key = Self.key(forCode: code) { events.append(.key(key)) }
        }
    }

    private mutating func decodeSequence(_ body: String, _ input: Input, into events: inout [TerminalEvent]) {
        guard case .scalar(let code) = input, (0x20...0x7E).contains(code),
              let scalar = Unicode.Scalar(code) else {
            state = .ground  // an unfinished sequence interrupted: drop it
            decodeGround(input, into: &events)
            return
        }
        if code <= 0x3F || (body.isEmpty && code == 0x5B) {  // parameter, intermediate, or linux `ESC [ [`
            state = body.count < Self.maxSequenceLength ? .controlSequence(body + String(scalar)) : .ground
            return
        }
        state = (body == "200" && code == 0x7E) ? .paste : .ground
        if state == .ground, let key = Self.controlSequenceKey(body: body, final: scalar) {
            events.append(.key(key))
        }
    }

    /// Keys of `ESC O x` sequences (vt100 keypad in application mode).
    private static let singleShiftKeys: [UInt32: Key] = [
        0x41: .up, 0x42: .down, 0x43: .right, 0x44: .left, 0x48: .home, 0x46: .end, 0x4D: .enter,
        0x50: .function(1), 0x51: .function(2), 0x52: .function(3), 0x53: .function(4),
    ]

    /// Keys of `ESC [ n ~` sequences, by `n`.
    private static let tildeKeys: [Int: Key] = [
        1: .home, 3: .delete, 4: .end, 5: .pageUp, 6: .pageDown, 7: .home, 8: .end,
        11: .function(1), 12: .function(2), 13: .function(3), 14: .function(4), 15: .function(5),
        17: .function(6), 18: .function(7), 19: .function(8), 20: .function(9), 21: .function(10),
        23: .function(11), 24: .function(12),
    ]

    /// The key a complete CSI sequence stands for; `nil` to drop it.
    static func controlSequenceKey(body: String, final: Unicode.Scalar) -> Key? {
        if body == "[" {  // linux console F1–F5: ESC [ [ A…E
            let letters: [Unicode.Scalar] = ["A", "B", "C", "D", "E"]
            return letters.firstIndex(of: final).map { .function($0 + 1) }
        }
        switch final {
        case "A": return .up
        case "B": return .down
        case "C": return .right
        case "D": return .left
        case "H": return .home
        case "F": return .end
        case "Z": return .backTab
        case "~":
            let number = body.split(separator: ";").first.flatMap { Int($0) }
            return number.flatMap { tildeKeys[$0] }
        default: return nil
        }
    }

    private mutating func collectPaste(_ input: Input, into events: inout [TerminalEvent]) {
        guard case .scalar(let code) = input else {
            flushPartialEnd()
            if input == .key(.enter) { appendToPaste(0x0D) }
            if input == .key(.tab) { appendToPaste(0x09) }
            return
        }
        if code == Self.pasteEnd[pasteEndMatched] {
            pasteEndMatched += 1
            if pasteEndMatched == Self.pasteEnd.count {
                pasteEndMatched = 0
                finishPaste(into: &events)
            }
            return
        }
        flushPartialEnd()
        if code == Self.pasteEnd[0] {
            pasteEndMatched = 1
        } else {
            appendToPaste(code)
        }
    }

    /// Keeps the characters of a closing marker that turned out not to be one (the ESC is dropped).
    private mutating func flushPartialEnd() {
        for code in Self.pasteEnd[1..<max(1, pasteEndMatched)] {
            appendToPaste(code)
        }
        pasteEndMatched = 0
    }

    private mutating func appendToPaste(_ code: UInt32) {
        let wasCarriageReturn = afterCarriageReturn
        afterCarriageReturn = code == 0x0D
        let scalar: Unicode.Scalar
        switch code {
        case 0x0D: scalar = "\n"
        case 0x0A:
            if wasCarriageReturn { return }
            scalar = "\n"
        case 0x09: scalar = "\t"
        case 0..<0x20, 0x7F...0x9F: return
        default: scalar = Unicode.Scalar(code) ?? "\u{FFFD}"
        }
        let bytes = UTF8.width(scalar)
        guard pasteBytes + bytes <= pasteLimitBytes else { return }
        pasteBytes += bytes
        paste.unicodeScalars.append(scalar)
    }

    /// The key for a character code outside escape sequences; `nil` drops it.
    static func key(forCode code: UInt32) -> Key? {
        switch code {
        case 0x0D, 0x0A: return .enter
        case 0x09: return .tab
        case 0x7F, 0x08: return .backspace
        case 0x1B: return .escape
        case 0x00: return .control("@")
        case 0x01...0x1A: return .control(Character(Unicode.Scalar(UInt8(0x60 + code))))
        case 0x1C: return .control("\\")
        case 0x1D: return .control("]")
        case 0x1E: return .control("^")
        case 0x1F: return .control("_")
        case 0x80...0x9F: return nil
        default: return .character(Character(Unicode.Scalar(code) ?? "\u{FFFD}"))
        }
    }
}
