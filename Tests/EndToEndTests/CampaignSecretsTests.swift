import Foundation
import TemoinTestSupport
import XCTest

/// Secrets campaign (issue 5): after a desk session that includes crashes, no byte the desk wrote holds
/// a canary answer; a running temoin has core dumps off and is not dumpable.
final class CampaignSecretsTests: XCTestCase {
    /// Every encoding of `canary` the scan looks for: UTF-8, UTF-16, hexadecimal, base64.
    private func needles(_ canary: String) -> [(String, Data)] {
        let utf8 = Data(canary.utf8)
        return [("UTF-8", utf8), ("UTF-16LE", canary.data(using: .utf16LittleEndian)!), ("UTF-16BE", canary.data(using: .utf16BigEndian)!),
                ("hex", Data(utf8.map { String(format: "%02x", $0) }.joined().utf8)),
                ("HEX", Data(utf8.map { String(format: "%02X", $0) }.joined().utf8)),
                ("base64", Data(utf8.base64EncodedString().dropLast(4).utf8))]
    }

    func testNoCanaryInAnythingTheDeskWroteAfterASessionWithCrashes() throws {
        let cli = try CommandRunner.make(self)
        let started = Date()
        let temporary = cli.folder + "/tmp"
        try FileManager.default.createDirectory(atPath: temporary, withIntermediateDirectories: true)
        let environment = ["TMPDIR": temporary]
        try cli.setUpTeamAndDesk()
        let canary = "CANARI-\(UUID().uuidString)-témoin"
        var random = SeededRandom.fromEnvironment("secrets")
        let kills = CampaignScale.count(short: 4, full: 40)
        var receipts: [String] = []
        // The canary reaches temoin only on standard input: no file of the test holds it.
        let one = try cli.run(["record", "--answers", "-", "--vault", "vault", "--passphrase-file", "desk-pass"], input: Data(CommandRunner.testimonyLine(canary).utf8), environment: environment)
        XCTAssertEqual(one.status, 0, one.stderr)
        receipts += CommandRunner.receipts(in: one.stdout)
        for trial in 0..<kills {
            let run = try BackgroundRun(cli, ["record", "--answers", "-", "--vault", "vault", "--passphrase-file", "desk-pass"], environment: environment)
            try run.send(CommandRunner.testimonies("\(canary) \(trial)", count: 6))
            run.kill(after: random.instant(slice: trial, of: kills, over: 0.4))
            receipts += CommandRunner.receipts(in: run.stdout)
        }
        let export = try cli.run(["export", "--out", "bundle.tmn", "--vault", "vault", "--passphrase-file", "desk-pass"], environment: environment)
        XCTAssertEqual(export.status, 0, export.stderr)
        let killedExport = try BackgroundRun(cli, ["export", "--all", "--out", "killed.tmn", "--vault", "vault", "--passphrase-file", "desk-pass"], environment: environment)
        killedExport.kill(after: 0.1)

        // Everything under HOME (vault, bundles, XDG folders, TMPDIR), and the files that appeared directly in the
        // system's temporary folders during the session (where a program ignoring TMPDIR would write).
        var scanned = cli.files(under: cli.folder)
        for shared in ["/tmp", "/var/tmp", "/dev/shm"] {
            let names = (try? FileManager.default.contentsOfDirectory(atPath: shared)) ?? []
            scanned += names.map { shared + "/" + $0 }.compactMap { path -> (path: String, bytes: Data)? in
                var info = stat()
                guard lstat(path, &info) == 0, info.st_mode & S_IFMT == S_IFREG,
                      TimeInterval(info.st_mtim.tv_sec) >= started.timeIntervalSince1970.rounded(.down) else { return nil }
                return (path, FileManager.default.contents(atPath: path) ?? Data())
            }
        }
        var hits: [String] = []
        for file in scanned {
            for (encoding, needle) in needles(canary) where file.bytes.range(of: needle) != nil { hits.append("\(file.path) (\(encoding))") }
        }
        XCTAssertEqual(hits, [], "the canary answer leaked")

        // The scan means something only if the canary was really sealed: it decrypts with the team key.
        let (records, result) = try cli.decrypt(["bundle.tmn"])
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertTrue(records.contains { ($0["answers"] as? [String: Any])?["account"] as? String == canary })
        XCTAssertTrue(Set(receipts).isSubset(of: Set(records.compactMap { $0["receipt"] as? String })))
        let bytes = scanned.reduce(0) { $0 + $1.bytes.count }
        CampaignScale.report("secrets", "a session of \(receipts.count) sealed testimonies with \(kills) kill -9 of record and 1 of export: "
            + "\(scanned.count) files (\(bytes) bytes) scanned for the canary in 6 encodings, 0 hits")
    }

    func testARunningTemoinHasCoreDumpsOffAndIsNotDumpable() throws {
        let cli = try CommandRunner.withTeamAndDesk(self)
        let run = try BackgroundRun(cli, ["record", "--answers", "-", "--vault", "vault", "--passphrase-file", "desk-pass"])
        let limits = try waitForLimits(of: run.pid)
        run.kill(after: 0)
        let core = try XCTUnwrap(limits.split(separator: "\n").first { $0.hasPrefix("Max core file size") })
        XCTAssertEqual(core.split(separator: " ", omittingEmptySubsequences: true).dropFirst(4).prefix(2), ["0", "0"], String(core))

        // A non-dumpable process's /proc entries belong to root, whatever user runs it: run temoin as `nobody` to see it.
        guard getuid() == 0, FileManager.default.isExecutableFile(atPath: "/usr/bin/setpriv") else { throw XCTSkip("needs root (CI runs the tests as root) and /usr/bin/setpriv (util-linux)") }
        XCTAssertEqual(CommandRunner.system("/bin/chown", ["-R", "65534:65534", cli.folder + "/vault"]), 0)
        chmod(cli.folder, 0o755)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/setpriv")
        process.arguments = ["--reuid=65534", "--regid=65534", "--clear-groups", CommandRunner.binary, "record", "--answers", "-", "--vault", cli.folder + "/vault"]
        process.environment = cli.environment
        let stdin = Pipe()
        process.standardInput = stdin
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        defer { kill(process.processIdentifier, SIGKILL); process.waitUntilExit() }
        _ = try waitForLimits(of: process.processIdentifier)
        var info = stat()
        XCTAssertEqual(stat("/proc/\(process.processIdentifier)/status", &info), 0)
        XCTAssertEqual(info.st_uid, 0, "a process of uid 65534 whose /proc entries belong to root is not dumpable")
        let owner = try String(contentsOfFile: "/proc/\(process.processIdentifier)/status", encoding: .utf8)
        XCTAssertTrue(owner.contains("Uid:\t65534"), "it does run as nobody")
        CampaignScale.report("secrets-process", "core file size limit 0/0; non-dumpable (its /proc entries owned by root)")
    }

    /// Hardening is done once for every command, before parsing: commands that never asked for it are hardened too.
    func testEveryCommandIsHardenedBeforeReadingItsInput() throws {
        let cli = try CommandRunner.withTeamAndDesk(self)
        for arguments in [["form", "import", "-", "--vault", "vault"], ["team", "fingerprint", "-"]] {
            let run = try BackgroundRun(cli, arguments)
            let limits = try waitForLimits(of: run.pid)
            run.kill(after: 0)
            XCTAssertNotNil(limits.range(of: #"Max core file size\s+0\s+0"#, options: .regularExpression), "\(arguments): \(limits)")
        }
    }

    /// `/proc/PID/limits` once temoin has hardened itself (it does so before reading its input).
    private func waitForLimits(of pid: Int32) throws -> String {
        for _ in 0..<100 {
            let limits = (try? String(contentsOfFile: "/proc/\(pid)/limits", encoding: .utf8)) ?? ""
            if limits.range(of: #"Max core file size\s+0\s+0"#, options: .regularExpression) != nil { return limits }
            usleep(50_000)
        }
        return try String(contentsOfFile: "/proc/\(pid)/limits", encoding: .utf8)
    }

    /// A crash (or SIGQUIT) of the desk while a testimony is on screen clears it and gives the terminal
    /// back: nothing of it stays on screen or in the scrollback, and no crash reporter takes over.
    func testACrashLeavesNoTestimonyOnScreenNorInTheScrollback() throws {
        let cli = try CommandRunner.withTeamAndDesk(self)
        for (number, name) in [(SIGQUIT, "QUIT"), (SIGSEGV, "SEGV"), (SIGABRT, "ABRT")] {
            let session = try cli.startDesk()
            try session.keepAfterExit()
            try session.startTestimony(city: "CANARI-\(name)")
            XCTAssertEqual(kill(try session.pid(), number), 0)
            let deadline = Date() + 15
            while !session.hasExited && Date() < deadline { usleep(50_000) }
            XCTAssertTrue(session.hasExited, "SIG\(name): the desk did not end")
            XCTAssertFalse(try session.isOnAlternateScreen(), "SIG\(name): the terminal was not given back")
            let shown = try session.screenAndScrollback()
            XCTAssertFalse(shown.contains("CANARI"), "SIG\(name): the testimony stayed visible:\n\(shown)")
            XCTAssertFalse(shown.contains("crashed"), "SIG\(name): a crash reporter took over:\n\(shown)")
        }
    }

    /// Issue 11, last point: a crash in the desk UI gives the terminal back in the mode it had (the shell
    /// that ran temoin echoes and reads lines again) and prints one fixed line: no register, memory or
    /// backtrace dump, nothing of the testimony (in the locale's language, French here). SIGILL is what a Swift trap
    /// (a failed check) raises.
    func testACrashRestoresTheTerminalModeAndPrintsOnlyAFixedLine() throws {
        let cli = try CommandRunner.withTeamAndDesk(self)
        var environment = cli.environment
        environment["LANG"] = "fr_FR.UTF-8"
        let before = cli.folder + "/mode-before", after = cli.folder + "/mode-after"
        // The shell records the terminal's mode, runs the desk, then records the mode the crash left.
        let script = #"stty -g > "$3"; "$1" --vault "$2"; status=$?; stty -g > "$4"; echo "exit $status"; sleep 60"#
        let session = try TmuxSession(["/bin/sh", "-c", script, "sh", CommandRunner.binary, cli.folder + "/vault", before, after],
                                      environment: environment)
        try session.waitFor("Phrase de passe du poste")
        try session.answer(CommandRunner.deskPassphrase, thenWaitFor: "Nouveau témoignage")
        try session.startTestimony(city: "CANARI-ILL")
        let desk = try XCTUnwrap(Self.child(of: session.pid()), "the desk runs under the shell")
        XCTAssertEqual(kill(desk, SIGILL), 0)
        let shown = try session.waitFor("exit 132", timeout: 20)
        XCTAssertTrue(shown.contains("temoin s'est arrêté brutalement. Ce qui était enregistré avant cet instant est gardé."), shown)
        XCTAssertFalse(try session.isOnAlternateScreen(), "the terminal was not given back")
        let mode = try String(contentsOfFile: after, encoding: .utf8)
        XCTAssertEqual(mode, try String(contentsOfFile: before, encoding: .utf8), "the terminal's mode was not restored")
        let all = try session.screenAndScrollback()
        for dump in ["CANARI", "crashed", "Registers", "rax", "Backtrace", "Thread 0", "0x"] {
            XCTAssertFalse(all.contains(dump), "“\(dump)” shown after the crash:\n\(all)")
        }
    }

    /// The one child process of `parent`, from /proc.
    private static func child(of parent: Int32) -> Int32? {
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        for entry in entries {
            guard let pid = Int32(entry), let stat = try? String(contentsOfFile: "/proc/\(entry)/stat", encoding: .utf8),
                  let close = stat.lastIndex(of: ")") else { continue }
            let fields = stat[stat.index(after: close)...].split(separator: " ")
            if fields.count > 1, Int32(fields[1]) == parent { return pid }
        }
        return nil
    }
}
