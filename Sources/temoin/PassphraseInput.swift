import Foundation
import Synchronization
import TemoinCrypto

/// Reads passphrases without echo from the controlling terminal, or from a file for scripts.
///
/// Either way the bytes go straight into guarded memory (`SecretBytes`), never through a `String`,
/// a `Data` or an array.
enum PassphraseInput {
    /// The longest passphrase read, in bytes.
    static let maximumLength = 1024
    /// The most lines a passphrase file may hold (one per `--key`).
    static let maximumLines = 16
    /// The passphrase file last read, when its line is not plain UTF-8 text (a byte order mark, another
    /// encoding): said after "wrong passphrase", as the likelier cause than the keyboard, and refused as a new
    /// passphrase (it could not be typed again). An existing one is still used as read, so that a key made with
    /// that very file keeps opening.
    nonisolated(unsafe) static var misencodedFile: (path: String, byteOrderMark: Bool)?

    /// Line `line` (from 0) of `path` (`-`: standard input), without its line ending; a file of one line gives it for
    /// every `line`, so that several team keys can share one passphrase file or each have their own line.
    static func fromFile(_ path: String, line: Int = 0) throws -> SecretBytes {
        misencodedFile = nil
        var fd = path == "-" ? STDIN_FILENO : open(path, O_RDONLY | O_CLOEXEC)
        while fd < 0 && errno == EINTR { fd = open(path, O_RDONLY | O_CLOEXEC) }   // an interrupted open is tried again
        guard fd >= 0 else {
            throw CLIError.usage(CLIText.passphraseFileUnreadable(path, errno: errno))
        }
        defer { if fd != STDIN_FILENO { close(fd) } }
        let buffer = SecretBytes(count: maximumLines * (maximumLength + 2))
        // Line bounds only: the secret bytes stay in guarded memory.
        let lines = try buffer.withUnsafeMutableBytes { raw -> [Range<Int>] in
            var filled = 0
            while filled < raw.count {
                let n = read(fd, raw.baseAddress! + filled, raw.count - filled)
                if n < 0 && errno == EINTR { continue }
                if n < 0 { throw CLIError.usage(CLIText.passphraseFileUnreadable(path, errno: errno)) }
                if n == 0 { break }
                filled += n
            }
            var lines: [Range<Int>] = []
            var start = 0
            for index in 0..<filled where raw[index] == 10 {
                lines.append(start..<index)
                start = index + 1
            }
            // A final line break ends the last line, it does not start one.
            if start < filled { lines.append(start..<filled) }
            return lines.map { range in
                let end = raw[range].firstIndex(of: 13) ?? range.upperBound
                return range.lowerBound..<end
            }
        }
        guard !lines.isEmpty else { throw CLIError.usage(CLIText.passphraseFileEmpty(path)) }
        let chosen = lines.count == 1 ? 0 : line
        guard chosen < lines.count else { throw CLIError.usage(CLIText.passphraseLineMissing(path, lines: lines.count, needed: line + 1)) }
        let range = lines[chosen]
        guard range.count <= maximumLength else {
            throw CLIError.usage(CLIText.passphraseLineTooLong(path, line: lines.count > 1 ? chosen + 1 : nil, maximumLength))
        }
        guard !range.isEmpty else { throw CLIError.usage(CLIText.passphraseFileEmpty(path, line: lines.count > 1 ? chosen + 1 : nil)) }
        buffer.withUnsafeBytes { raw in
            let line = UnsafeRawBufferPointer(rebasing: raw[range])
            let byteOrderMark = line.starts(with: [0xEF, 0xBB, 0xBF]) || line.starts(with: [0xFF, 0xFE]) || line.starts(with: [0xFE, 0xFF])
            if byteOrderMark || !isUTF8Text(line) { misencodedFile = (path, byteOrderMark) }
        }
        return buffer.slice(range.lowerBound, range.count)
    }

    /// Whether `bytes` are valid UTF-8 without NUL, checked in place (the secret never becomes a `String`).
    private static func isUTF8Text(_ bytes: UnsafeRawBufferPointer) -> Bool {
        var iterator = bytes.makeIterator(), decoder = UTF8()
        while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let scalar) where scalar.value == 0: return false
            case .scalarValue: continue
            case .emptyInput: return true
            case .error: return false
            }
        }
    }

    /// Asks on /dev/tty with echo off; echo comes back even if SIGINT, SIGTERM, SIGHUP or SIGQUIT
    /// ends the process at the prompt.
    static func ask(_ prompt: String) throws -> SecretBytes {
        let fd = open("/dev/tty", O_RDWR | O_CLOEXEC)
        guard fd >= 0 else {
            throw CLIError.usage(CLIText.noTerminalForPassphrase)
        }
        defer { close(fd) }
        _ = prompt.withCString { write(fd, $0, strlen($0)) }
        let restore = EchoGuard(fd: fd)
        defer {
            restore.end()
            _ = write(fd, "\n", 1)
        }
        guard let typed = try line(fromTerminal: true, next: { byte(from: fd) }), typed.count > 0 else {
            throw CLIError.usage(CLIText.noPassphraseTyped)
        }
        return typed
    }

    /// A line of standard input in guarded memory (`temoin --plain` at set-up): read from the terminal with
    /// echo off, or through the standard input stream (a script). Nil when the input has ended.
    static func standardInputLine() throws -> SecretBytes? {
        guard isatty(STDIN_FILENO) == 1 else {
            return try line(fromTerminal: false) {
                let character = getchar()
                return character == EOF ? nil : UInt8(truncatingIfNeeded: character)
            }
        }
        // A terminal gives one line per read(2): the standard input stream holds nothing of this one yet.
        let restore = EchoGuard(fd: STDIN_FILENO)
        defer {
            restore.end()
            StandardStreams.output("\n")
        }
        return try line(fromTerminal: true, next: { byte(from: STDIN_FILENO) })
    }

    /// One byte of `fd`, nil at the end of input or on an error other than an interruption.
    private static func byte(from fd: Int32) -> UInt8? {
        var byte: UInt8 = 0
        var n = read(fd, &byte, 1)
        while n < 0 && errno == EINTR { n = read(fd, &byte, 1) }
        return n == 1 ? byte : nil
    }

    /// Reads bytes from `next` up to the end of the line into guarded memory; nil when the input ended
    /// before any byte. A terminal's line also ends at a carriage return (Enter in raw mode); a file's
    /// ends at a line feed, a carriage return before it dropped (CRLF).
    private static func line(fromTerminal: Bool, next: () -> UInt8?) throws -> SecretBytes? {
        let buffer = SecretBytes(count: maximumLength + 1)
        var length = 0
        var ended = false
        try buffer.withUnsafeMutableBytes { raw in
            while true {
                guard let byte = next() else { ended = length == 0; break }
                if byte == 10 || (fromTerminal && byte == 13) { break }
                guard length < raw.count else { throw CLIError.usage(CLIText.passphraseTooLong(maximumLength)) }
                raw[length] = byte
                length += 1
            }
            if !fromTerminal && length > 0 && raw[length - 1] == 13 { length -= 1 }
        }
        guard length <= maximumLength else { throw CLIError.usage(CLIText.passphraseTooLong(maximumLength)) }
        return ended ? nil : buffer.slice(0, length)
    }
}

/// The terminal descriptor whose echo a signal handler must turn back on (-1: none).
private let promptTerminal = Atomic<Int32>(-1)
/// The terminal's mode before echo was turned off, for the signal handler.
nonisolated(unsafe) private var modeBeforePrompt = termios()

/// Turns echo off on a terminal for the time of a prompt, and back on when the prompt ends or when a
/// signal that ends the process arrives (the handler only makes async-signal-safe calls, then lets
/// the signal's default action end the process).
private struct EchoGuard {
    private static let endingSignals: [Int32] = [SIGINT, SIGTERM, SIGHUP, SIGQUIT]
    private let fd: Int32
    private let previous: [sigaction]

    init(fd: Int32) {
        self.fd = fd
        tcgetattr(fd, &modeBeforePrompt)
        var quiet = modeBeforePrompt
        quiet.c_lflag &= ~tcflag_t(ECHO)
        promptTerminal.store(fd, ordering: .releasing)
        previous = Self.endingSignals.map { number in
            var action = sigaction()
            action.__sigaction_handler.sa_handler = { number in
                let fd = promptTerminal.load(ordering: .acquiring)
                if fd >= 0 {
                    tcsetattr(fd, TCSANOW, &modeBeforePrompt)
                    _ = write(fd, "\n", 1)
                }
                _ = signal(number, SIG_DFL)
                _ = raise(number)
            }
            sigemptyset(&action.sa_mask)
            action.sa_flags = 0
            var old = sigaction()
            sigaction(number, &action, &old)
            return old
        }
        tcsetattr(fd, TCSAFLUSH, &quiet)
    }

    /// Puts echo back and the previous signal handlers.
    func end() {
        tcsetattr(fd, TCSAFLUSH, &modeBeforePrompt)
        promptTerminal.store(-1, ordering: .releasing)
        for (number, old) in zip(Self.endingSignals, previous) {
            var old = old
            sigaction(number, &old, nil)
        }
    }
}
