import Foundation
import XCTest

/// A program running in a detached tmux session of its own (a private server socket), driven by keys.
final class TmuxSession {
    /// The private server socket name (`tmux -L`).
    let socket = "temoin-" + UUID().uuidString.prefix(8)

    /// Starts `command` in a `width`×`height` window with `environment`; skips the test when tmux is absent.
    init(_ command: [String], environment: [String: String], width: Int = 100, height: Int = 30) throws {
        guard Self.tmuxPath != nil else { throw XCTSkip("tmux is not installed: `make deps` installs it") }
        let assignments = environment.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
        let line = (["env", "-i"] + assignments + command).map(Self.quote).joined(separator: " ")
        // The server started here outlives the call: it must not inherit a pipe we wait on.
        try tmux(["-f", "/dev/null", "new-session", "-d", "-x", "\(width)", "-y", "\(height)", line], captureOutput: false)
        try tmux(["set-option", "-g", "remain-on-exit", "off"])
    }

    deinit {
        _ = try? tmux(["kill-server"])
    }

    /// Types `text` literally.
    func type(_ text: String) throws {
        try tmux(["send-keys", "-l", text])
    }

    /// Presses keys by tmux name: `Enter`, `Tab`, `F5`, `C-a`, `Down`…
    func press(_ keys: String...) throws {
        try tmux(["send-keys"] + keys)
    }

    /// Answers a prompt: types `text`, presses Enter and polls until the screen shows `expected`.
    func answer(_ text: String, thenWaitFor expected: String, timeout: TimeInterval = 15,
                file: StaticString = #filePath, line: UInt = #line) throws {
        try type(text)
        try press("Enter")
        try waitFor(expected, timeout: timeout, file: file, line: line)
    }

    /// Pastes `text` the way a terminal does when the program asked for bracketed paste.
    func paste(_ text: String) throws {
        try tmux(["set-buffer", "--", text])
        try tmux(["paste-buffer", "-p", "-d"])
    }

    /// The visible screen.
    func screen() throws -> String {
        try tmux(["capture-pane", "-p"])
    }

    /// The screen and every line scrolled off it (what a person could scroll back to).
    func screenAndScrollback() throws -> String {
        try tmux(["capture-pane", "-p", "-S", "-"])
    }

    /// Keeps the pane, and what it shows, after the program ends (see `hasExited`).
    func keepAfterExit() throws {
        try tmux(["set-option", "-w", "remain-on-exit", "on"])
    }

    /// Whether the program has ended, in a pane kept by `keepAfterExit()`.
    var hasExited: Bool {
        (try? tmux(["display-message", "-p", "#{pane_dead}"]))?.hasPrefix("1") == true
    }

    /// Whether the pane shows the alternate screen (a full-screen program's).
    func isOnAlternateScreen() throws -> Bool {
        try tmux(["display-message", "-p", "#{alternate_on}"]).hasPrefix("1")
    }

    /// The process id of the program in the pane.
    func pid() throws -> Int32 {
        Int32(try tmux(["display-message", "-p", "#{pane_pid}"]).trimmingCharacters(in: .whitespacesAndNewlines)) ?? 0
    }

    /// Resizes the window.
    func resize(width: Int, height: Int) throws {
        try tmux(["resize-window", "-x", "\(width)", "-y", "\(height)"])
    }

    /// Closes the window (the program gets SIGHUP).
    func closeWindow() throws {
        try tmux(["kill-session"])
    }

    /// Whether the session is still there (the program has not exited).
    var isRunning: Bool {
        (try? tmux(["has-session"])) != nil
    }

    /// Polls the screen until `predicate` holds, failing after `timeout` seconds with the last screen.
    @discardableResult
    func waitFor(_ description: String, timeout: TimeInterval = 15, file: StaticString = #filePath, line: UInt = #line,
                 _ predicate: (String) -> Bool) throws -> String {
        let deadline = Date() + timeout
        var last = ""
        while Date() < deadline {
            last = (try? screen()) ?? ""
            if predicate(last) { return last }
            usleep(50_000)
        }
        XCTFail("timed out waiting for \(description); screen:\n\(last)", file: file, line: line)
        throw TmuxError.timeout(description)
    }

    /// Polls until the screen shows `text`.
    @discardableResult
    func waitFor(_ text: String, timeout: TimeInterval = 15, file: StaticString = #filePath, line: UInt = #line) throws -> String {
        try waitFor("“\(text)”", timeout: timeout, file: file, line: line) { $0.contains(text) }
    }

    /// Polls until the session has ended.
    func waitForExit(timeout: TimeInterval = 15) throws {
        let deadline = Date() + timeout
        while Date() < deadline {
            if !isRunning { return }
            usleep(50_000)
        }
        throw TmuxError.timeout("the program to exit")
    }

    /// Runs `tmux -L socket ARGUMENTS` and returns its standard output.
    ///
    /// Spawned directly rather than with `Process`: the tmux server that `new-session` leaves
    /// running would inherit what `Process` uses to notice the exit, and the call would never return.
    @discardableResult
    private func tmux(_ arguments: [String], captureOutput: Bool = true) throws -> String {
        let argv = [Self.tmuxPath ?? "/usr/bin/tmux", "-L", socket] + arguments
        let environment = ["PATH=/usr/bin:/bin", "TMUX_TMPDIR=" + NSTemporaryDirectory(), "TERM=xterm-256color", "LANG=C.UTF-8"]
        let outPath = NSTemporaryDirectory() + "tmux-out-" + UUID().uuidString
        defer { unlink(outPath) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, captureOutput ? outPath : "/dev/null", O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        let cArguments = argv.map { strdup($0) } + [nil]
        let cEnvironment = environment.map { strdup($0) } + [nil]
        defer { (cArguments + cEnvironment).forEach { free($0) } }
        var pid: pid_t = 0
        guard posix_spawn(&pid, argv[0], &actions, nil, cArguments, cEnvironment) == 0 else { throw TmuxError.failed(arguments) }
        var status: Int32 = 0, waited: pid_t
        repeat { waited = waitpid(pid, &status, 0) } while waited < 0 && errno == EINTR
        guard waited == pid, status & 0x7f == 0, (status >> 8) & 0xff == 0 else { throw TmuxError.failed(arguments) }
        return captureOutput ? (try? String(contentsOfFile: outPath, encoding: .utf8)) ?? "" : ""
    }

    private static let tmuxPath: String? = ["/usr/bin/tmux", "/usr/local/bin/tmux", "/bin/tmux"]
        .first { FileManager.default.isExecutableFile(atPath: $0) }

    private static func quote(_ word: String) -> String {
        "'" + word.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }

    /// Why driving tmux failed.
    enum TmuxError: Error {
        case failed([String])
        case timeout(String)
    }
}
