import Foundation
import XCTest

/// Faults from the system (issue 17): a closed or full standard stream, a crash signal, and I/O errors
/// injected with libfiu (`fiu-run`, Debian's fiu-utils, installed by `make deps`) are each named for what
/// they are, and never turn into a crash.
final class FaultMessageTests: XCTestCase {
    /// Runs `script` with bash in `cli`'s folder and environment (`$TEMOIN` is the binary).
    private func shell(_ cli: CommandRunner, _ script: String) throws -> CommandRunner.Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = ["-c", script]
        process.currentDirectoryURL = URL(fileURLWithPath: cli.folder)
        process.environment = cli.environment.merging(["TEMOIN": CommandRunner.binary]) { $1 }
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let stdout = out.fileHandleForReading.readDataToEndOfFile(), stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return .init(status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self), stderr: String(decoding: stderr, as: UTF8.self))
    }

    /// `fiu-run`, which `make deps` installs.
    static func fiuRun() throws -> String {
        let path = "/usr/bin/fiu-run"
        guard FileManager.default.isExecutableFile(atPath: path) else {
            XCTFail("fiu-run is missing: `make deps` installs fiu-utils")
            throw XCTSkip("fiu-run is missing")
        }
        return path
    }

    /// `command` (a shell line) run by `fiu-run` with every call of libfiu's `posix/io/rw/<call>` failing with EIO (5).
    private static func failing(_ call: String, _ command: String) throws -> String {
        "\(try fiuRun()) -x -c 'enable name=posix/io/rw/\(call),failinfo=5' \(command)"
    }

    /// `result` is the disk error (exit code 7) whose message holds every one of `saying` and none of `notSaying`.
    private func assertDiskError(_ result: CommandRunner.Result, saying: [String], notSaying: [String] = [],
                                 file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(result.status, 7, result.stderr, file: file, line: line)
        for said in saying { XCTAssertTrue(result.stderr.contains(said), result.stderr, file: file, line: line) }
        for wrong in notSaying { XCTAssertFalse(result.stderr.contains(wrong), result.stderr, file: file, line: line) }
    }

    /// A desk with a few sealed testimonies, exported to `b.tmn`.
    private func deskWithBundle(_ cli: CommandRunner, records: Int = 3) throws {
        try cli.setUpTeamAndDesk()
        let input = CommandRunner.testimonies("récit", count: records)
        XCTAssertEqual(try cli.run(["record", "--answers", "-", "--vault", "vault", "--passphrase-file", "desk-pass"], input: input).status, 0)
        XCTAssertEqual(try cli.run(["export", "--out", "b.tmn", "--vault", "vault", "--passphrase-file", "desk-pass"]).status, 0)
    }

    func testAFullStandardErrorKeepsTheErrorsExitCode() throws {
        let cli = try CommandRunner.make(self)
        let full = try shell(cli, #""$TEMOIN" status --vault /nowhere 2>/dev/full"#)
        XCTAssertEqual(full.status, 6, "the error's own code, not a crash")
        let usual = try cli.run(["status", "--vault", "/nowhere"])
        XCTAssertEqual(usual.status, 6)
        XCTAssertTrue(usual.stderr.contains("No desk vault at /nowhere"), usual.stderr)
    }

    func testAFullStandardOutputIsADiskFullError() throws {
        let cli = try CommandRunner.make(self)
        try deskWithBundle(cli)
        let result = try shell(cli, #""$TEMOIN" team decrypt --key team/team.key --passphrase-file team-pass b.tmn >/dev/full"#)
        assertDiskError(result, saying: ["The disk holding standard output is full"])
    }

    /// SIGPIPE is ignored; a reader that went away ends temoin quietly with exit code 8.
    func testAReaderThatGoesAwayEndsTemoinQuietly() throws {
        let cli = try CommandRunner.make(self)
        try deskWithBundle(cli, records: 40)
        // `true` exits before the passphrase is stretched: the first write meets a closed pipe.
        let closed = try shell(cli, #""$TEMOIN" team decrypt --key team/team.key --passphrase-file team-pass b.tmn | true; echo "status ${PIPESTATUS[0]}""#)
        XCTAssertEqual(closed.stdout, "status 8\n")
        XCTAssertEqual(closed.stderr, "", "no message, no crash report")
        let head = try shell(cli, #""$TEMOIN" team decrypt --key team/team.key --passphrase-file team-pass b.tmn | head -1 >/dev/null; echo "status ${PIPESTATUS[0]}""#)
        XCTAssertTrue(["status 0\n", "status 8\n"].contains(head.stdout), head.stdout)
        // Either the whole output fit in the pipe (the usual summary and notes), or temoin stopped quietly.
        if head.stdout == "status 0\n" {
            XCTAssertTrue(head.stderr.contains("Decrypted: 40 ok\n"), head.stderr)
            XCTAssertFalse(head.stderr.contains("temoin:") || head.stderr.contains("stopped abruptly"), head.stderr)
        } else {
            XCTAssertEqual(head.stderr, "")
        }
        let record = try shell(cli, #"printf '%s\n' "$(cat line)" | "$TEMOIN" record --answers - --vault vault --passphrase-file desk-pass | true; echo "status ${PIPESTATUS[1]}""#
            .replacingOccurrences(of: "$(cat line)", with: CommandRunner.testimonyLine("après").replacingOccurrences(of: "\"", with: "\\\"")))
        XCTAssertEqual(record.stdout, "status 8\n", record.stderr)
        XCTAssertEqual(record.stderr, "")
    }

    /// The Swift runtime's crash reporter is replaced: a fatal signal prints one fixed line (no registers,
    /// no memory, no backtrace) and the process ends at once, killed by that signal.
    func testACrashSignalPrintsNoMemoryAndEndsPromptly() throws {
        let cli = try CommandRunner.withTeamAndDesk(self)
        for signal in [SIGSEGV, SIGILL, SIGABRT] {
            let run = try BackgroundRun(cli, ["record", "--answers", "-", "--vault", "vault", "--passphrase-file", "desk-pass"])
            try run.send(Data(CommandRunner.testimonyLine("en cours").prefix(20).utf8), keepOpen: true)
            usleep(300_000)   // started, waiting for the rest of its input
            XCTAssertEqual(kill(run.pid, signal), 0)
            let start = Date()
            let status = run.wait()
            XCTAssertLessThan(Date().timeIntervalSince(start), 5, "ends promptly")
            XCTAssertEqual(status, signal, "dies of the signal itself")
            XCTAssertEqual(run.stderr, "\ntemoin stopped abruptly. What was saved before this moment is kept.\n")
            XCTAssertEqual(run.stdout, "")
        }
    }

    func testAnIOErrorReadingTheVaultIsADiskErrorNotMalformed() throws {
        let cli = try CommandRunner.withTeamAndDesk(self)
        // SQLite reads its file with pread.
        let result = try shell(cli, Self.failing("pread", #""$TEMOIN" status --vault vault"#))
        assertDiskError(result, saying: ["The disk reported a read/write error on vault. What was saved before the error is kept"],
                        notSaying: ["malformed", "permission", "missing"])
        XCTAssertEqual(try cli.integrityCheck(), "ok", "the vault was intact all along")
    }

    /// Reading `/proc/self/mem` from its start fails with EIO: the answers file cannot be read.
    func testAnIOErrorReadingTheAnswersFileSaysIOError() throws {
        let cli = try CommandRunner.withTeamAndDesk(self)
        let result = try cli.run(["record", "--answers", "/proc/self/mem", "--vault", "vault", "--passphrase-file", "desk-pass"])
        assertDiskError(result, saying: ["The disk reported a read/write error on /proc/self/mem"], notSaying: ["permission"])
        // Every read(2) fails: the answers on standard input cannot be read either.
        let stdin = try shell(cli, "echo '{}' | " + Self.failing("read", #""$TEMOIN" record --answers - --vault vault --passphrase-file desk-pass"#))
        assertDiskError(stdin, saying: ["read/write error"], notSaying: ["permission"])
    }

    func testAnIOErrorReadingTheBuiltInQuestionnaireSaysIOError() throws {
        let cli = try CommandRunner.make(self)
        // `form show` without a vault reads only the built-in questionnaire, with read(2).
        let result = try shell(cli, Self.failing("read", #""$TEMOIN" form show --vault nowhere"#))
        assertDiskError(result, saying: ["The disk reported a read/write error on ", "default-form.json"],
                        notSaying: ["missing", "commas", "permission", "Error Domain"])
    }
}
