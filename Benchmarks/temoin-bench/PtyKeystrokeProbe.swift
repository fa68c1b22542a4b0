import Foundation
import TemoinDeskUI
import TemoinTerminal
import TemoinUIKit

/// Keystroke latency of the real desk UI drawn by ncursesw on a pseudo-terminal, autosave on.
///
/// The probe's standard input and output become the slave side of a new pty (100×30,
/// `TERM=xterm-256color`), so `NcursesTerminal` opens it exactly as it opens a volunteer's terminal.
/// A thread writes the keys' bytes to the master side on a fixed schedule, one every 20 ms (50 a second,
/// faster than anyone types), whatever the desk is doing, as a typist does not wait for the screen; the
/// runner steps on the main thread. A key's latency runs from just before the `write` of its bytes to the end
/// of the `doupdate` of the first frame drawn after the desk took it: so a key that arrives while the desk
/// is busy (an autosave, a slow frame) waits, and that wait counts. A thread drains the master side all
/// along, as an emulator reads what is drawn. The desk's autosave (after 0.5 s of pause or 1 s of continuous
/// typing, `DeskConfiguration`) falls about once a second.
struct PtyKeystrokeProbe {
    /// What one session measured.
    struct Result {
        /// Seconds from writing each key to the pty to the end of its frame's refresh.
        var latencies: [Double]
        /// Drafts saved during the session (distinct save times on the status line).
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

        /// Steps until every key written so far has been taken and drawn.
        func steps(until keys: Int) throws {
            let deadline = ContinuousClock.now + .seconds(60)
            while terminal.keysDrawn < keys {
                guard ContinuousClock.now < deadline else { throw BenchError.failed("keys written to the pty drew no frame") }
                runner.step()
            }
        }
        /// One key, then steps until it is drawn (the set-up, not timed).
        func key(_ bytes: String) throws {
            Thread.sleep(forTimeInterval: gap.seconds)
            pty.write(bytes)
            try steps(until: terminal.keysTaken + 1)
        }
        for character in DataSet.deskPassphrase { try key(String(character)) }
        try key("\r")
        let deadline = ContinuousClock.now + .seconds(30)
        while terminal.lastFrame?.text.contains("exporté(s)") != true, ContinuousClock.now < deadline { runner.step() }
        try terminal.expect("exporté(s)")
        for navigation in ["\u{1B}OQ", "o", "\u{1B}OS", "\t", "\t"] { try key(navigation) }  // F2, o, F4: "When and where", city
        try terminal.expect("Quand et où")

        let typed = "Saint-Denis, devant la gare RER D, sortie rue Jean Jaurès, près de l'arrêt de bus 153"
        let keys = (0..<3).flatMap { _ in typed.map(String.init) + Array(repeating: "\u{7F}", count: typed.count) }
        let first = terminal.keysTaken
        terminal.savesSeen.removeAll()
        let writer = KeyWriter(pty: pty, keys: keys, gap: gap)
        writer.start()
        try steps(until: first + keys.count)
        let written = writer.wait()
        try terminal.expect("Quand et où")
        let latencies = (0..<keys.count).map { (terminal.drawnAt[first + $0] - written[$0]).seconds }
        return Result(latencies: latencies, autosaves: terminal.savesSeen.count)
    }
}

/// Writes keys to the pty on a fixed schedule from a thread of its own, noting when each was written.
private final class KeyWriter: @unchecked Sendable {
    private let pty: Pty
    private let keys: [String]
    private let gap: Duration
    private var written: [ContinuousClock.Instant] = []
    private let done = DispatchSemaphore(value: 0)

    init(pty: Pty, keys: [String], gap: Duration) {
        self.pty = pty
        self.keys = keys
        self.gap = gap
    }

    /// Starts writing: key `i` at `i` gaps from now (later only if the thread itself is held up).
    func start() {
        Thread.detachNewThread { [self] in
            let start = ContinuousClock.now + gap
            for (index, key) in keys.enumerated() {
                let due = start + gap * index
                let now = ContinuousClock.now
                if due > now { Thread.sleep(forTimeInterval: (due - now).seconds) }
                written.append(.now)
                pty.write(key)
            }
            done.signal()
        }
    }

    /// Waits for the last key; when each key was written.
    func wait() -> [ContinuousClock.Instant] {
        done.wait()
        return written
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

/// The ncurses terminal, noting which keys it handed out and when the first frame after each was drawn.
private final class RefreshTimedTerminal: Terminal, ShowsFrames {
    private let inner: NcursesTerminal
    /// Key events handed to the runner so far.
    private(set) var keysTaken = 0
    /// `drawnAt[i]`: the end of the refresh of the first frame drawn after key `i` was taken.
    private(set) var drawnAt: [ContinuousClock.Instant] = []
    /// Keys whose frame has been drawn.
    var keysDrawn: Int { drawnAt.count }
    /// The draft-saved messages seen on the status line (each names the second of its save).
    var savesSeen: Set<String> = []
    private(set) var lastFrame: Frame?

    init(_ inner: NcursesTerminal) { self.inner = inner }

    var size: Size { inner.size }

    func draw(_ frame: Frame) {
        inner.draw(frame)
        let end = ContinuousClock.now
        lastFrame = frame
        guard drawnAt.count == keysTaken else {
            while drawnAt.count < keysTaken { drawnAt.append(end) }
            return
        }
        // Not a key's frame (an autosave's outcome arrives on one of these): worth reading the status line.
        if let saved = frame.lines.first(where: { $0.contains("Brouillon enregistré") }) { savesSeen.insert(saved) }
    }

    func nextEvent(timeout: Duration?) -> TerminalEvent {
        let event = inner.nextEvent(timeout: timeout)
        if case .key = event { keysTaken += 1 }
        return event
    }

    func close() { inner.close() }
}
