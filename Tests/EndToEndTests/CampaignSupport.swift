import Foundation
import TemoinTestSupport
import XCTest

/// How hard the campaigns push: the short form inside `make test`, the full form in `make campaign`
/// (`TEMOIN_CAMPAIGN=full`). Docs/RELIABILITY.md records the figures of the last full run.
enum CampaignScale {
    /// True when `TEMOIN_CAMPAIGN=full`.
    static var isFull: Bool { ProcessInfo.processInfo.environment["TEMOIN_CAMPAIGN"] == "full" }

    /// `short` in `make test`, `full` in `make campaign`.
    static func count(short: Int, full: Int) -> Int { isFull ? full : short }

    /// Prints one line of figures, collected by Scripts/campaign.
    static func report(_ campaign: String, _ figures: String) {
        print("CAMPAIGN \(campaign): \(figures)")
    }
}

/// The campaigns' seeds and kill instants.
extension SeededRandom {
    /// A generator from `TEMOIN_TEST_SEED` (as every randomized test), else from the clock; the seed is printed.
    static func fromEnvironment(_ campaign: String) -> SeededRandom {
        let seed = ProcessInfo.processInfo.environment["TEMOIN_TEST_SEED"].flatMap(UInt64.init)
            ?? UInt64(Date().timeIntervalSince1970 * 1000)
        print("CAMPAIGN \(campaign): seed \(seed) (replay with TEMOIN_TEST_SEED=\(seed))")
        return SeededRandom(seed: seed)
    }

    /// A kill instant in the `slice`-th of `count` equal slices of `window`, uniform within it. Callers visit
    /// the slices in a shuffled order, so that every phase of a run gets its share of kills whatever the load.
    mutating func instant(slice: Int, of count: Int, over window: TimeInterval) -> TimeInterval {
        let width = window / Double(count)
        return width * Double(slice) + Double.random(in: 0..<width, using: &self)
    }
}

/// The span over which kills are spread: about the length of an uninterrupted run, followed as the load of
/// the machine changes (runs that finish tell their length; kills landing late in the span stretch it).
struct KillWindow {
    /// The current span, in seconds.
    private(set) var seconds: TimeInterval

    /// A span of `calibration` (the length of a run) plus a margin.
    init(calibration: TimeInterval) { seconds = calibration * 1.2 }

    /// Learns from one trial: the run finished after `elapsed` seconds, or was killed at `instant`.
    mutating func observe(finishedAfter elapsed: TimeInterval?, killedAt instant: TimeInterval) {
        if let elapsed {
            seconds = 0.8 * seconds + 0.2 * elapsed * 1.2
        } else if instant > 0.8 * seconds {
            seconds *= 1.1
        }
    }
}

/// A `temoin` process started in the background, to be killed at a chosen instant.
final class BackgroundRun {
    private let process = Process()
    private let output: OutputFiles
    private let stdin = Pipe()

    /// Starts `temoin ARGS` in `cli`'s folder; standard output and error go to files.
    init(_ cli: CommandRunner, _ arguments: [String], environment extra: [String: String] = [:]) throws {
        output = OutputFiles(of: process)
        process.executableURL = URL(fileURLWithPath: CommandRunner.binary)
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: cli.folder)
        process.environment = cli.environment.merging(extra) { $1 }
        process.standardInput = stdin
        let finished = self.finished
        process.terminationHandler = { _ in finished.set(Date()) }
        try process.run()
    }

    /// The process id.
    var pid: Int32 { process.processIdentifier }

    /// Writes `data` to standard input, then closes it unless `keepOpen`.
    func send(_ data: Data, keepOpen: Bool = false) throws {
        stdin.fileHandleForWriting.write(data)
        if !keepOpen { try stdin.fileHandleForWriting.close() }
    }

    /// Sends SIGKILL after `delay` seconds (if still running), then waits. True when the kill landed.
    @discardableResult
    func kill(after delay: TimeInterval) -> Bool {
        if delay > 0 { usleep(UInt32(delay * 1_000_000)) }
        let landed = process.isRunning && Foundation.kill(process.processIdentifier, SIGKILL) == 0
        process.waitUntilExit()
        return landed && process.terminationReason == .uncaughtSignal
    }

    /// Seconds from the start to the end of a process that ended on its own (nil while running).
    var elapsed: TimeInterval? { finished.value.map { $0.timeIntervalSince(started) } }
    private let started = Date()
    private let finished = Locked<Date?>(nil)

    /// Waits for the end and returns the exit status (or the signal number when killed).
    func wait() -> Int32 {
        try? stdin.fileHandleForWriting.close()
        process.waitUntilExit()
        return process.terminationStatus
    }

    /// Everything written on standard output so far.
    var stdout: String { output.stdout }
    /// Everything written on standard error so far.
    var stderr: String { output.stderr }
}

/// Helpers of the campaigns on top of `CommandRunner`.
extension CommandRunner {
    /// A complete testimony carrying `account` as its free text, as one JSON line.
    static func testimonyLine(_ account: String) -> String {
        let escaped = account.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
        return #"{"answers": {"consent": "yes", "role": "checked", "check_date": "2026-03-14", "city": "Saint-Denis", "account": "\#(escaped)"}}"#
    }

    /// The first bytes of a PNG file (signature and the start of its header chunk): enough for the desk to
    /// take a file as `image/png`.
    static let pngHead: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D, 0x49, 0x48, 0x44, 0x52]

    /// `count` testimonies as JSON lines, their accounts `label n°0`, `label n°1`…
    static func testimonies(_ label: String, count: Int) -> Data {
        Data((0..<count).map { testimonyLine("\(label) n°\($0)") }.joined(separator: "\n").utf8)
    }

    /// The receipt codes printed on complete lines of `output`.
    static func receipts(in output: String) -> [String] {
        output.split(separator: "\n", omittingEmptySubsequences: false).dropLast().map(String.init)
            .filter { $0.range(of: #"^[2-9A-Z]{4}-[2-9A-Z]{4}$"#, options: .regularExpression) != nil }
    }

    /// The vault's counts from `temoin status --json`, failing the test when the vault does not open.
    func vaultCounts(_ vault: String = "vault", file: StaticString = #filePath, line: UInt = #line) throws -> (awaiting: Int, exported: Int) {
        let status = try run(["status", "--json", "--vault", vault])
        XCTAssertEqual(status.status, 0, "the vault opens: \(status.stderr)", file: file, line: line)
        let counts = try JSONSerialization.jsonObject(with: Data(status.stdout.utf8)) as? [String: Any] ?? [:]
        return (counts["awaiting_export"] as? Int ?? -1, counts["exported"] as? Int ?? -1)
    }

    /// SQLite's own check of the vault file: "ok" when the database is intact.
    func integrityCheck(_ vault: String = "vault") throws -> String {
        let sqlite = Process()
        sqlite.executableURL = URL(fileURLWithPath: "/usr/bin/sqlite3")
        sqlite.arguments = ["-readonly", folder + "/" + vault + "/vault.sqlite", "PRAGMA integrity_check; PRAGMA foreign_key_check;"]
        let out = Pipe()
        sqlite.standardOutput = out
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/sqlite3") else {
            throw XCTSkip("sqlite3 is missing (/usr/bin/sqlite3): `make deps` installs it")
        }
        try sqlite.run()
        let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        sqlite.waitUntilExit()
        return text.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Decrypts `bundles` with the team key; returns the JSON objects and the run's result.
    func decrypt(_ bundles: [String]) throws -> (records: [[String: Any]], result: Result) {
        let result = try run(["team", "decrypt", "--key", "team/team.key", "--passphrase-file", "team-pass"] + bundles)
        let records = result.stdout.split(separator: "\n").compactMap {
            try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]
        }
        return (records, result)
    }

    /// Every regular file under `path`, with its bytes (unreadable files are reported as empty).
    func files(under path: String) -> [(path: String, bytes: Data)] {
        guard let walker = FileManager.default.enumerator(atPath: path) else { return [] }
        return walker.compactMap { $0 as? String }.compactMap { name in
            let full = path + "/" + name
            var info = stat()
            guard lstat(full, &info) == 0, info.st_mode & S_IFMT == S_IFREG else { return nil }
            return (full, FileManager.default.contents(atPath: full) ?? Data())
        }
    }

    /// Mounts a tmpfs of `size` (e.g. "256k") at `folder/name`; skips the test where mounting is not permitted.
    func mountTmpfs(_ name: String, size: String, test: XCTestCase) throws -> String {
        guard getuid() == 0 else { throw XCTSkip("mounting a tmpfs needs root: run the tests as root (CI does)") }
        let point = folder + "/" + name
        try FileManager.default.createDirectory(atPath: point, withIntermediateDirectories: true)
        guard Self.system("/bin/mount", ["-t", "tmpfs", "-o", "size=\(size),mode=0700", "tmpfs", point]) == 0 else {
            throw XCTSkip("mounting a tmpfs is not permitted here: run the tests in a container allowed to mount")
        }
        test.addTeardownBlock { _ = Self.system("/bin/umount", ["-l", point]) }
        return point
    }

    /// Changes the size of a tmpfs mounted by `mountTmpfs`, keeping its files.
    func resizeTmpfs(_ point: String, size: String) {
        XCTAssertEqual(Self.system("/bin/mount", ["-o", "remount,size=\(size)", point]), 0, "remount \(point)")
    }

    /// Runs a system tool and returns its exit status.
    @discardableResult
    static func system(_ tool: String, _ arguments: [String]) -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: tool)
        process.arguments = arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return -1 }
        process.waitUntilExit()
        return process.terminationStatus
    }
}

/// A value shared with a termination handler's thread.
final class Locked<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: Value

    init(_ value: Value) { stored = value }

    /// The current value.
    var value: Value { lock.lock(); defer { lock.unlock() }; return stored }

    /// Replaces the value.
    func set(_ value: Value) { lock.lock(); stored = value; lock.unlock() }
}
