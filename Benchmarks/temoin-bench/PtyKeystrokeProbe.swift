import Foundation
import TemoinDeskUI
import TemoinTerminal
import TemoinUIKit

/// Keystroke latency of the real desk UI drawn by ncursesw on a pseudo-terminal, autosave on.
///
/// The probe's standard input and output become the slave side of a new pty (100×30,
/// `TERM=xterm-256color`), so `NcursesTerminal` opens it exactly as it opens a volunteer's terminal.
/// The probe writes each key's bytes to the master side, as a terminal emulator does, and times from
/// just before that `write` to the end of the `doupdate` of the key's last frame (after any autosave
/// the key triggered). A thread drains the master side all along, as an emulator reads what is drawn.
/// Keys come 20 ms apart (50 a second, faster than anyone types), so the desk's autosave (after 1 s of
/// continuous typing, `DeskConfiguration.autosaveLimit`) falls on one key in 25 to 50, in that key's step.
struct PtyKeystrokeProbe {
    /// What one session measured.
    struct Result {
        /// Seconds from writing each key to the pty to the end of its frame's refresh.
        var latencies: [Double]
        /// Keys whose step also saved the draft.
        var autosaves: Int
    }

    /// The vault folder.
    var vault: String
    /// Scratch folder for the desk's home and export folder.
    var home: String
    /// Pause between two keys.
    var gap: Duration = .milliseconds(20)

    /// Runs one session with the pty in place of standard input and output, which are restored before it returns.
    func run() throws -> Result {
        let pty = try Pty(columns: 100, rows: 30)
        let savedIn = dup(STDIN_FILENO), savedOut = dup(STDOUT_FILENO)
        guard savedIn >= 0, savedOut >= 0 else { throw BenchError.failed("dup: \(String(cString: strerror(errno)))") }
        dup2(pty.slave, STDIN_FILENO)
        dup2(pty.slave, STDOUT_FILENO)
        defer {
            dup2(savedIn, STDIN_FILENO)
            dup2(savedOut, STDOUT_FILENO)
            close(savedIn)
            close(savedOut)
        }
        setenv("TERM", "xterm-256color", 1)
        pty.startDraining()
        let terminal = RefreshTimedTerminal(try NcursesTerminal())
        defer { terminal.close() }
        let services = try DeskServices(directory: vault, homeDirectory: home, exportFolder: home + "/Temoin-exports", mediaRoots: [])
        let configuration = DeskConfiguration(language: .fr, idleLock: nil, exportFolder: home + "/Temoin-exports")
        let runner = try DeskApp.session(terminal: terminal, services: services, configuration: configuration)
        runner.start()
        try terminal.expect("Témoin")

        var autosaves = 0
        /// Writes `bytes` (one key) to the pty and steps until a frame is drawn; the time from the write to
        /// the end of the last refresh of that step.
        func key(_ bytes: String) throws -> Double {
            Thread.sleep(forTimeInterval: gap.seconds)
            terminal.draws = 0
            let before = ContinuousClock.now
            pty.write(bytes)
            let deadline = before + .seconds(30)
            while terminal.draws == 0 {
                guard ContinuousClock.now < deadline else { throw BenchError.failed("a key written to the pty drew no frame") }
                runner.step()
            }
            if terminal.draws > 1 { autosaves += 1 }
            return (terminal.lastRefreshEnd - before).seconds
        }
        for character in DataSet.deskPassphrase { _ = try key(String(character)) }
        _ = try key("\r")
        let deadline = ContinuousClock.now + .seconds(30)
        while terminal.lastFrame?.text.contains("exporté(s)") != true, ContinuousClock.now < deadline { runner.step() }
        try terminal.expect("exporté(s)")
        for navigation in ["\u{1B}OQ", "o", "\u{1B}OS", "\t", "\t"] { _ = try key(navigation) }  // F2, o, F4: "When and where", city
        try terminal.expect("Quand et où")
        autosaves = 0

        let typed = "Saint-Denis, devant la gare RER D, sortie rue Jean Jaurès, près de l'arrêt de bus 153"
        var latencies: [Double] = []
        for round in 0..<3 {
            for character in typed { latencies.append(try key(String(character))) }
            if round == 0 { try terminal.expect("la gare RER D") }
            for _ in typed { latencies.append(try key("\u{7F}")) }
        }
        return Result(latencies: latencies, autosaves: autosaves)
    }
}

/// A pseudo-terminal pair, its master side drained by a thread (as a terminal emulator reads it).
private final class Pty: @unchecked Sendable {
    let master: Int32
    let slave: Int32

    /// Linux's `TIOCSPTLCK` and `TIOCGPTN` (function-like macros, which Swift does not import; the same
    /// numbers on x86-64 and arm64). Glibc's `grantpt`, `unlockpt` and `ptsname` are hidden from Swift.
    private static let unlockRequest: UInt = 0x4004_5431, numberRequest: UInt = 0x8004_5430

    init(columns: UInt16, rows: UInt16) throws {
        master = open("/dev/ptmx", O_RDWR | O_NOCTTY)
        var unlock: Int32 = 0, number: UInt32 = 0
        guard master >= 0, ioctl(master, Self.unlockRequest, &unlock) == 0, ioctl(master, Self.numberRequest, &number) == 0 else {
            throw BenchError.failed("no pseudo-terminal (/dev/ptmx): \(String(cString: strerror(errno)))")
        }
        slave = open("/dev/pts/\(number)", O_RDWR | O_NOCTTY)
        guard slave >= 0 else { throw BenchError.failed("cannot open /dev/pts/\(number): \(String(cString: strerror(errno)))") }
        var size = winsize(ws_row: rows, ws_col: columns, ws_xpixel: 0, ws_ypixel: 0)
        guard ioctl(slave, UInt(TIOCSWINSZ), &size) == 0 else { throw BenchError.failed("TIOCSWINSZ: \(String(cString: strerror(errno)))") }
    }

    /// Reads and discards everything drawn, until the process ends.
    func startDraining() {
        let master = master
        Thread.detachNewThread {
            var buffer = [UInt8](repeating: 0, count: 65536)
            while read(master, &buffer, buffer.count) > 0 || errno == EINTR {}
        }
    }

    func write(_ text: String) {
        var bytes = Array(text.utf8)
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeMutableBufferPointer { Glibc.write(master, $0.baseAddress! + offset, $0.count - offset) }
            if written > 0 { offset += written } else if errno != EINTR { return }
        }
    }
}

/// The ncurses terminal, noting how many frames were drawn and when the last refresh ended.
private final class RefreshTimedTerminal: Terminal {
    private let inner: NcursesTerminal
    var draws = 0
    var lastRefreshEnd = ContinuousClock.now
    private(set) var lastFrame: Frame?

    init(_ inner: NcursesTerminal) { self.inner = inner }

    var size: Size { inner.size }

    func draw(_ frame: Frame) {
        inner.draw(frame)
        lastRefreshEnd = .now
        lastFrame = frame
        draws += 1
    }

    func nextEvent(timeout: Duration?) -> TerminalEvent { inner.nextEvent(timeout: timeout) }
    func close() { inner.close() }

    func expect(_ text: String) throws {
        guard let screen = lastFrame?.text, screen.contains(text) else {
            throw BenchError.failed("the desk screen lacks “\(text)”:\n\(lastFrame?.text ?? "(no frame)")")
        }
    }
}
