import Foundation

/// What a finished child process cost: wall time, processor time and peak resident memory.
struct ChildUsage {
    /// Wall-clock seconds from spawn to exit.
    var seconds: Double
    /// User and system processor seconds, all threads together (less sensitive to a busy machine).
    var cpuSeconds: Double
    /// Peak resident set size of the program, in bytes.
    var peakBytes: Int
}

/// Runs a program to completion under GNU `time`, which reports the program's own peak memory and processor time.
///
/// The peak cannot be taken from our own `wait4`: Linux counts, in a child's `ru_maxrss`, the
/// resident size of the address space it had before `exec` — ours, with `posix_spawn` or `fork`
/// alike. `/usr/bin/time` is a small process, so what it forks from adds almost nothing.
enum ChildProcess {
    private static let time = "/usr/bin/time"

    /// Runs `arguments[0]` (a path) with `arguments`, standard output to `stdout` (a file path,
    /// `/dev/null` by default) and standard error to `stderr`; throws when it cannot start or
    /// does not exit with status 0.
    @discardableResult
    static func run(_ arguments: [String], stdout: String = "/dev/null", stderr: String = "/dev/null",
                    environment: [String: String] = [:]) throws -> ChildUsage {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, stdout, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, stderr, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        var merged = ProcessInfo.processInfo.environment
        merged.merge(environment) { _, new in new }
        let peakFile = NSTemporaryDirectory() + "temoin-bench-usage-\(getpid())"
        defer { unlink(peakFile) }
        let argv = ([time, "-f", "%M %U %S", "-o", peakFile] + arguments).map { strdup($0) } + [nil]
        let envp = merged.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { (argv + envp).forEach { free($0) } }
        var pid: pid_t = 0
        let start = ContinuousClock.now
        let spawned = posix_spawn(&pid, time, &actions, nil, argv, envp)
        guard spawned == 0 else { throw BenchError.failed("cannot start \(time) (Debian package `time`): \(String(cString: strerror(spawned)))") }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 {
            guard errno == EINTR else { throw BenchError.failed("waitpid: \(String(cString: strerror(errno)))") }
        }
        let elapsed = ContinuousClock.now - start
        let signal = status & 0x7f
        let code = signal == 0 ? (status >> 8) & 0xff : 128 + signal
        guard code == 0 else {
            let tail = (try? String(contentsOfFile: stderr, encoding: .utf8)).map { String($0.suffix(800)) } ?? ""
            throw BenchError.failed("\(arguments.map { ($0 as NSString).lastPathComponent }.joined(separator: " ")) exited with \(code)\n\(tail)")
        }
        let report = (try? String(contentsOfFile: peakFile, encoding: .utf8)) ?? ""
        let fields = report.split(whereSeparator: \.isWhitespace)
        guard fields.count == 3, let kib = Int(fields[0]), let user = Double(fields[1]), let system = Double(fields[2]) else {
            throw BenchError.failed("\(time) reported no usage: \(report)")
        }
        return ChildUsage(seconds: elapsed.seconds, cpuSeconds: user + system, peakBytes: kib * 1024)
    }
}

extension Duration {
    /// The duration in seconds, as a `Double`.
    var seconds: Double { Double(components.seconds) + Double(components.attoseconds) * 1e-18 }
}

/// The passphrase on the first line of `file` (the data set's passphrase files); throws when it has none.
func passphrase(inFile file: String) throws -> String {
    guard let line = try String(contentsOfFile: file, encoding: .utf8).split(separator: "\n").first else {
        throw BenchError.failed("\(file) holds no passphrase")
    }
    return String(line)
}

/// A benchmark that could not run.
enum BenchError: Error, CustomStringConvertible {
    case failed(String)

    var description: String {
        switch self {
        case let .failed(message): message
        }
    }
}
