#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif
internal import CNcursesw

/// A real terminal through ncursesw: alternate screen, raw keys, bracketed paste, signals.
///
/// Ctrl-C, Ctrl-Z, Ctrl-S and Ctrl-Q arrive as `.control` keys (raw mode, no
/// flow control); SIGINT and SIGTERM from elsewhere arrive as `.terminate`,
/// SIGHUP as `.hangup`. On SIGTSTP the terminal is cleared and restored before
/// the process stops, and redrawn on SIGCONT (then `.resize` is reported so the
/// app redraws too). `close()` clears the screen and restores the terminal; it
/// also runs at normal process exit. A crash (trap, SIGKILL) cannot restore it.
public final class NcursesTerminal: Terminal {
    private static let pasteOn = "\u{1B}[?2004h"
    private static let pasteOff = "\u{1B}[?2004l"
    private static let pollSlice: Duration = .milliseconds(100)
    private static let pasteStallLimit: Duration = .seconds(1)
    /// Consecutive reads that fail at once (end of input) before the terminal counts as gone.
    private static let deadInputLimit = 50

    /// Whether semantic styles are shown in colour (else as attributes).
    public let usesColor: Bool
    private let options: TerminalOptions
    private var screen: OpaquePointer?
    private var decoder: InputDecoder
    private var pending: [TerminalEvent] = []
    private var previous: Frame?
    private var needsFullRedraw = true
    private var cursorVisible: Bool?
    private var hungUp = false
    private var lastInput = ContinuousClock.now
    private var quickFailures = 0
    private lazy var attributeTable: [(attributes: attr_t, pair: Int16)] = (0...UInt8.max >> 1).map {
        cursesAttributes(CellAttributes(Style(rawValue: $0), colors: usesColor))
    }

    /// Takes over the terminal on standard input and output.
    ///
    /// Makes `LC_CTYPE` UTF-8 first (see `TerminalLocale.ensureUTF8()`).
    /// Throws `TerminalError` with a message a person can act on.
    public init(options: TerminalOptions = TerminalOptions()) throws {
        guard isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1 else { throw TerminalError.notATerminal }
        guard let type = getenv("TERM"), type.pointee != 0 else { throw TerminalError.terminalTypeNotSet }
        guard TerminalLocale.ensureUTF8() else { throw TerminalError.noUTF8Locale(codeset: TerminalLocale.codeset) }
        // Before newterm, so that ncurses leaves SIGINT, SIGTERM and SIGTSTP to us.
        ProcessHooks.installSignalHandlers()
        guard let screen = newterm(nil, temoin_stdout(), temoin_stdin()) else {
            throw TerminalError.unknownTerminalType(String(cString: type))
        }
        self.screen = screen
        self.options = options
        self.decoder = InputDecoder(pasteLimitBytes: options.pasteLimitBytes)
        self.usesColor = options.colors && has_colors() && Self.startColors()
        ProcessHooks.setScreenActive(true)
        raw()
        noecho()
        nonl()
        intrflush(temoin_stdscr(), false)
        keypad(temoin_stdscr(), true)
        temoin_set_escdelay(Int32(clamping: max(0, options.escapeDelayMilliseconds)))
        enterScreen()
    }

    deinit {
        close()
    }

    public var size: Size {
        Size(width: Int(temoin_cols()), height: Int(temoin_lines()))
    }

    public func draw(_ frame: Frame) {
        guard screen != nil else { return }
        let window = temoin_stdscr()
        let full = needsFullRedraw || previous?.size != frame.size
        if full { werase(window) }
        let rows = min(frame.size.height, size.height)
        let columns = min(frame.size.width, size.width)
        for row in 0..<rows {
            let cells = frame.row(row)
            if !full, let previous, previous.row(row) == cells { continue }
            drawRow(cells, row: row, columns: columns)
        }
        if let cursor = frame.cursor, (0..<rows).contains(cursor.row), (0..<columns).contains(cursor.column) {
            wmove(window, Int32(cursor.row), Int32(cursor.column))
            setCursorVisible(true)
        } else {
            setCursorVisible(false)
        }
        wnoutrefresh(window)
        doupdate()
        previous = frame
        needsFullRedraw = false
    }

    public func nextEvent(timeout: Duration?) -> TerminalEvent {
        let deadline = timeout.map { ContinuousClock.now + $0 }
        while true {
            if hungUp { return .hangup }
            if let event = signalEvent() { return event }
            if !pending.isEmpty { return pending.removeFirst() }
            guard screen != nil else { return timeout == nil ? .hangup : .idle }
            let wait = waitTime(until: deadline)
            if wait == nil, !decoder.isInPaste { return .idle }
            read(waiting: wait ?? .zero)
        }
    }

    public func close() {
        guard let screen else { return }
        leaveScreen()
        ProcessHooks.setScreenActive(false)
        delscreen(screen)
        self.screen = nil
    }

    // MARK: - Screen lifecycle

    private static func startColors() -> Bool {
        guard start_color() == OK, temoin_color_pairs() >= 4 else { return false }
        let background: Int16 = use_default_colors() == OK ? -1 : Int16(COLOR_BLACK)
        init_pair(CellAttributes.accentPair, Int16(COLOR_CYAN), background)
        init_pair(CellAttributes.errorPair, Int16(COLOR_RED), background)
        init_pair(CellAttributes.okPair, Int16(COLOR_GREEN), background)
        return true
    }

    /// Clears the screen (the alternate one where the terminal has it) and turns on bracketed paste.
    private func enterScreen() {
        clearok(temoin_curscr(), true)
        needsFullRedraw = true
        cursorVisible = nil
        setCursorVisible(false)
        if let previous {
            draw(previous)
        } else {
            werase(temoin_stdscr())
            wrefresh(temoin_stdscr())
        }
        if options.bracketedPaste { writeToTerminal(Self.pasteOn) }
    }

    /// Clears what is shown, turns bracketed paste off and gives the terminal back.
    private func leaveScreen() {
        werase(temoin_stdscr())
        wrefresh(temoin_stdscr())
        if options.bracketedPaste { writeToTerminal(Self.pasteOff) }
        endwin()
    }

    private func writeToTerminal(_ sequence: String) {
        var bytes = Array(sequence.utf8)
        _ = write(STDOUT_FILENO, &bytes, bytes.count)
    }

    private func suspend() {
        leaveScreen()
        ProcessHooks.stopProcess()
        resume()
    }

    private func resume() {
        reset_prog_mode()
        enterScreen()
    }

    // MARK: - Input

    /// An event for a signal that arrived, after acting on stop and resume.
    private func signalEvent() -> TerminalEvent? {
        if ProcessHooks.take(.hangup) {
            hungUp = true
            return .hangup
        }
        if ProcessHooks.take(.terminate) { return .terminate }
        guard screen != nil else { return nil }
        if ProcessHooks.take(.stop) {
            suspend()
            return .resize(size)
        }
        if ProcessHooks.take(.resume) {
            resume()
            return .resize(size)
        }
        return nil
    }

    /// How long the next read may block; `nil` when the deadline has passed.
    private func waitTime(until deadline: ContinuousClock.Instant?) -> Duration? {
        if decoder.isInControlSequence { return .milliseconds(max(1, options.escapeDelayMilliseconds)) }
        if decoder.isAwaitingSequence { return .zero }  // ncurses already waited ESCDELAY after ESC
        if decoder.isInPaste { return Self.pollSlice }
        guard let deadline else { return Self.pollSlice }
        let remaining = deadline - ContinuousClock.now
        return remaining > .zero ? min(remaining, Self.pollSlice) : nil
    }

    /// Reads one input (or none within `wait`) and decodes it into `pending`.
    private func read(waiting wait: Duration) {
        let window = temoin_stdscr()
        let milliseconds = wait.components.seconds * 1000 + wait.components.attoseconds / 1_000_000_000_000_000
        wtimeout(window, Int32(clamping: milliseconds))
        let started = ContinuousClock.now
        var code: wint_t = 0
        let status = wget_wch(window, &code)
        switch status {
        case OK:
            quickFailures = 0
            lastInput = .now
            decoder.feed(.scalar(UInt32(code)), into: &pending)
        case KEY_CODE_YES:
            quickFailures = 0
            lastInput = .now
            if Int32(code) == KEY_RESIZE {
                needsFullRedraw = true
                pending.append(.resize(size))
            } else if let key = KeyCodes.key(for: Int32(code)) {
                decoder.feed(.key(key), into: &pending)
            }
        default:
            noInput(waited: ContinuousClock.now - started, wanted: wait)
        }
    }

    private func noInput(waited: Duration, wanted: Duration) {
        if decoder.isAwaitingSequence {
            decoder.endOfBurst(into: &pending)
            return
        }
        if decoder.isInPaste, ContinuousClock.now - lastInput > Self.pasteStallLimit {
            decoder.finishPaste(into: &pending)
        }
        // A read that fails at once, again and again, means end of input: the terminal is gone.
        if wanted >= .milliseconds(10), waited < wanted / 4 {
            quickFailures += 1
            if quickFailures >= Self.deadInputLimit {
                hungUp = true
            }
        } else {
            quickFailures = 0
        }
    }

    // MARK: - Output

    private func setCursorVisible(_ visible: Bool) {
        guard cursorVisible != visible else { return }
        curs_set(visible ? 1 : 0)
        cursorVisible = visible
    }

    private func drawRow(_ cells: ArraySlice<Cell>, row: Int, columns: Int) {
        var column = 0
        var index = cells.startIndex
        while column < columns {
            let cell = cells[index]
            defer {
                column += 1
                index += 1
            }
            guard let grapheme = cell.grapheme else { continue }
            let (attributes, pair) = attributeTable[Int(cell.style.rawValue & 0x7F)]
            let width = DisplayWidth.of(grapheme)
            if width == 2, column + 1 >= columns {
                put(" ", row: row, column: column, attributes: attributes, pair: pair)
                continue
            }
            let shown = put(grapheme, row: row, column: column, attributes: attributes, pair: pair)
            if width == 2, shown == 1 {
                put(" ", row: row, column: column + 1, attributes: attributes, pair: pair)
            }
        }
    }

    /// Writes one grapheme with `mvwadd_wch`; returns the columns the C library gives it.
    ///
    /// A grapheme the C library would not show in one or two columns is drawn as U+FFFD.
    @discardableResult
    private func put(_ grapheme: Character, row: Int, column: Int, attributes: attr_t, pair: Int16) -> Int {
        var characters = Self.cellScalars(grapheme, limit: Int(temoin_ccharw_max())).map { wchar_t(bitPattern: $0.value) }
        let libraryWidth = Int(temoin_wcwidth(characters[0]))
        let expected = DisplayWidth.of(grapheme)
        if libraryWidth < 1 || libraryWidth > expected {
            characters = [wchar_t(0xFFFD)]
        }
        characters.append(0)
        var cell = cchar_t()
        setcchar(&cell, characters, attributes, pair, nil)
        mvwadd_wch(temoin_stdscr(), Int32(row), Int32(column), &cell)
        return max(1, min(libraryWidth, expected))
    }

    /// The scalars of `grapheme` sent for its cell: the first, then the combining marks after it (at most
    /// `limit` in all).
    ///
    /// Joiners, variation selectors and other format characters are left out: a terminal joins the character
    /// written after a zero-width joiner to the cell before it, and widens a cell whose emoji a variation
    /// selector follows, each its own way (tmux, kitty, VTE do not agree). Its cursor then no longer stands
    /// where ncurses believes, and the rest of the row is drawn askew over stale text: a forged answer of
    /// emoji sequences hid what followed it on the screen. A cell keeps the width the frame gave it.
    static func cellScalars(_ grapheme: Character, limit: Int) -> [Unicode.Scalar] {
        var scalars = grapheme.unicodeScalars.makeIterator()
        guard let first = scalars.next() else { return [] }
        var kept = [first]
        while kept.count < limit, let scalar = scalars.next() {
            let value = scalar.value
            if (0xFE00...0xFE0F).contains(value) || (0xE0100...0xE01EF).contains(value) { continue }  // variation selectors
            switch scalar.properties.generalCategory {
            case .nonspacingMark, .enclosingMark: kept.append(scalar)
            // Hangul medial vowels and final consonants: the syllable they make with the initial before them.
            case _ where (0x1160...0x11FF).contains(value): kept.append(scalar)
            default: continue
            }
        }
        return kept
    }

    private func cursesAttributes(_ cell: CellAttributes) -> (attributes: attr_t, pair: Int16) {
        var attributes = temoin_a_normal()
        if cell.bold { attributes |= temoin_a_bold() }
        if cell.underline { attributes |= temoin_a_underline() }
        if cell.reverse { attributes |= temoin_a_reverse() }
        if cell.dim { attributes |= temoin_a_dim() }
        return (attributes, cell.colorPair)
    }
}
