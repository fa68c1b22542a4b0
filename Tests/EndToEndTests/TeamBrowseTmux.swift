import Foundation
import XCTest

/// `temoin team` running in a detached tmux session on a private socket, driven by keys.
///
/// tmux is started with `posix_spawn` and reaped with `waitpid`: `Process.waitUntilExit` can miss the
/// exit of a child as short-lived as `tmux new-session -d` (the SIGCHLD goes to a thread that does not
/// watch for it) and then waits forever.
final class TeamBrowseTmux {
    private let socket = "temoin-browse-" + UUID().uuidString.prefix(8)
    private static let tmux = ["/usr/bin/tmux", "/usr/local/bin/tmux", "/bin/tmux"].first { FileManager.default.isExecutableFile(atPath: $0) }

    /// Starts `command` with exactly `environment` in a `width`×`height` window; skips the test when tmux is absent.
    init(_ command: [String], environment: [String: String], width: Int = 100, height: Int = 30) throws {
        guard Self.tmux != nil else { throw XCTSkip("tmux is not installed") }
        let assignments = environment.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
        let line = (["env", "-i"] + assignments + command).map(Self.quote).joined(separator: " ")
        try run(["-f", "/dev/null", "new-session", "-d", "-x", "\(width)", "-y", "\(height)", line])
    }

    deinit {
        _ = try? run(["kill-server"])
    }

    /// Types `text` literally.
    func type(_ text: String) throws { try run(["send-keys", "-l", text]) }

    /// Presses keys by tmux name: `Enter`, `F5`, `Escape`…
    func press(_ keys: String...) throws { try run(["send-keys"] + keys) }

    /// Resizes the window.
    func resize(width: Int, height: Int) throws { try run(["resize-window", "-x", "\(width)", "-y", "\(height)"]) }

    /// The visible screen.
    func screen() throws -> String { try run(["capture-pane", "-p"]) }

    /// Polls the screen until it shows `text`, failing after `timeout` seconds with the last screen.
    @discardableResult
    func waitFor(_ text: String, timeout: TimeInterval = 15, file: StaticString = #filePath, line: UInt = #line) throws -> String {
        let deadline = Date() + timeout
        var last = ""
        while Date() < deadline {
            last = (try? screen()) ?? ""
            if last.contains(text) { return last }
            usleep(50_000)
        }
        XCTFail("timed out waiting for “\(text)”; screen:\n\(last)", file: file, line: line)
        throw Failure.timeout(text)
    }

    /// Polls until the program has exited (the session is gone).
    func waitForExit(timeout: TimeInterval = 15) throws {
        let deadline = Date() + timeout
        while Date() < deadline {
            if (try? run(["has-session"])) == nil { return }
            usleep(50_000)
        }
        throw Failure.timeout("the program to exit")
    }

    /// Runs `tmux -L socket ARGS` and returns its standard output.
    @discardableResult
    private func run(_ arguments: [String]) throws -> String {
        let output = NSTemporaryDirectory() + "temoin-tmux-" + UUID().uuidString
        defer { unlink(output) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, output, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        let words = [Self.tmux ?? "tmux", "-L", socket] + arguments
        let environment = ["PATH=/usr/bin:/bin", "TMUX_TMPDIR=" + NSTemporaryDirectory(), "TERM=xterm-256color", "LANG=C.UTF-8"]
        let argv = words.map { strdup($0) } + [nil]
        let envp = environment.map { strdup($0) } + [nil]
        defer { (argv + envp).forEach { free($0) } }
        var pid: pid_t = 0
        guard posix_spawn(&pid, words[0], &actions, nil, argv, envp) == 0 else { throw Failure.failed(arguments) }
        var status: Int32 = 0
        var waited: pid_t
        repeat { waited = waitpid(pid, &status, 0) } while waited < 0 && errno == EINTR
        // WIFEXITED and WEXITSTATUS, which Swift does not import.
        guard waited == pid, status & 0x7F == 0, (status >> 8) & 0xFF == 0 else { throw Failure.failed(arguments) }
        return (try? String(contentsOfFile: output, encoding: .utf8)) ?? ""
    }

    private static func quote(_ word: String) -> String {
        "'" + word.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }

    /// Why driving tmux failed.
    enum Failure: Error {
        case failed([String])
        case timeout(String)
    }
}
