import Foundation
import XCTest

/// Runs the built `temoin` executable in a pinned environment (LANG, TZ, a temporary HOME).
struct CommandRunner {
    /// The result of one run.
    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// The folder every relative path is resolved in; also HOME.
    let folder: String

    /// The built binary: `TEMOIN_BIN`, else `.build/debug/temoin` of this checkout.
    static var binary: String {
        if let bin = ProcessInfo.processInfo.environment["TEMOIN_BIN"], !bin.isEmpty { return bin }
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        return root.appendingPathComponent(".build/debug/temoin").path
    }

    /// The repository root.
    static var repository: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    }

    /// A runner in a new temporary folder.
    static func make(_ test: XCTestCase) throws -> CommandRunner {
        guard FileManager.default.isExecutableFile(atPath: binary) else {
            throw XCTSkip("build temoin first (\(binary) is missing); `make test` does")
        }
        let folder = NSTemporaryDirectory() + "temoin-e2e-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        test.addTeardownBlock { try? FileManager.default.removeItem(atPath: folder) }
        return CommandRunner(folder: folder)
    }

    /// The pinned environment.
    var environment: [String: String] {
        ["LANG": "C.UTF-8", "TZ": "UTC", "HOME": folder, "PATH": "/usr/bin:/bin", "TERM": "xterm-256color", "XDG_DATA_HOME": folder + "/data"]
    }

    /// Runs `temoin ARGS` with `input` on standard input.
    @discardableResult
    func run(_ arguments: [String], input: Data? = nil, environment extra: [String: String] = [:]) throws -> Result {
        try runTool(Self.binary, arguments, input: input, environment: extra)
    }

    /// Runs another program (such as python3 reading back an output) in the folder.
    func runTool(_ executable: String, _ arguments: [String], input: Data? = nil, environment extra: [String: String] = [:]) throws -> Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: folder)
        process.environment = environment.merging(extra) { $1 }
        let output = OutputFiles(of: process)
        let stdin = Pipe()
        process.standardInput = stdin
        try process.run()
        if let input { stdin.fileHandleForWriting.write(input) }
        try stdin.fileHandleForWriting.close()
        process.waitUntilExit()
        return Result(status: process.terminationStatus, stdout: output.stdout, stderr: output.stderr)
    }

    /// Writes a file in the folder.
    func write(_ name: String, _ text: String) throws { try write(name, Data(text.utf8)) }

    /// Writes a file in the folder.
    func write(_ name: String, _ data: Data) throws {
        try data.write(to: URL(fileURLWithPath: folder + "/" + name))
    }

    /// Reads a file of the folder.
    func read(_ name: String) throws -> Data { try Data(contentsOf: URL(fileURLWithPath: folder + "/" + name)) }

    /// Asserts that `result` is a refusal (exit status 1) saying exactly `message`, and that `name` was not written.
    func assertRefused(_ result: Result, saying message: String, nothingAt name: String, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(result.status, 1, file: file, line: line)
        XCTAssertEqual(result.stderr, "temoin: \(message)\n", file: file, line: line)
        XCTAssertFalse(FileManager.default.fileExists(atPath: folder + "/" + name), file: file, line: line)
    }

    /// The desk passphrase `setUpTeamAndDesk()` gives the vault.
    static let deskPassphrase = "bureau du mardi"

    /// Creates a team key (`team/`) and a desk vault (`vault/`) with passphrase files `team-pass` and `desk-pass`.
    ///
    /// Both keys are stretched with the real Argon2id cost (MODERATE, a second or more each), so they are
    /// made once per test process, by the binary under test, and copied into each test's folder.
    func setUpTeamAndDesk() throws {
        let template = try Self.template.get()
        for name in ["team-pass", "desk-pass", "team", "vault"] {
            try FileManager.default.copyItem(atPath: template.folder + "/" + name, toPath: folder + "/" + name)
        }
    }

    /// A runner in a new temporary folder that holds the team key and the desk vault of `setUpTeamAndDesk()`.
    static func withTeamAndDesk(_ test: XCTestCase) throws -> CommandRunner {
        let cli = try make(test)
        try cli.setUpTeamAndDesk()
        return cli
    }

    /// Records each testimony of `answers` (JSON objects) at the desk `vault/`, each by a command of its own or,
    /// `together`, all by one (as JSON Lines), exports them to `b.tmn` and imports that into the team inbox
    /// `inbox/`; returns the receipts printed, in order.
    @discardableResult
    func recordExportAndImport(_ answers: [String], together: Bool = false, file: StaticString = #filePath, line: UInt = #line) throws -> [String] {
        var receipts: [String] = []
        for input in together ? [answers.joined(separator: "\n")] : answers {
            let result = try run(["record", "--answers", "-", "--vault", "vault", "--passphrase-file", "desk-pass"], input: Data(input.utf8))
            XCTAssertEqual(result.status, 0, result.stderr, file: file, line: line)
            receipts += result.stdout.split(separator: "\n").map(String.init)
        }
        XCTAssertEqual(receipts.count, answers.count, "one receipt per testimony", file: file, line: line)
        XCTAssertEqual(try run(["export", "--out", "b.tmn", "--vault", "vault", "--passphrase-file", "desk-pass"]).status, 0, file: file, line: line)
        XCTAssertEqual(try run(["team", "import", "--inbox", "inbox", "b.tmn"]).status, 0, file: file, line: line)
        return receipts
    }

    /// The team and desk of `setUpTeamAndDesk()`, made once.
    private static let template = Swift.Result { () throws -> CommandRunner in
        let template = CommandRunner(folder: NSTemporaryDirectory() + "temoin-e2e-template-" + UUID().uuidString)
        try FileManager.default.createDirectory(atPath: template.folder, withIntermediateDirectories: true)
        templateFolder = template.folder
        atexit { if let folder = templateFolder { try? FileManager.default.removeItem(atPath: folder) } }
        try template.write("team-pass", "une phrase assez longue pour l'équipe\n")
        try template.write("desk-pass", deskPassphrase + "\n")
        let team = try template.run(["team", "init", "--out", "team", "--name", "Équipe juridique", "--passphrase-file", "team-pass"])
        let desk = try template.run(["desk", "init", "--team-key", "team/team.pub", "--name", "Permanence", "--vault", "vault",
                                     "--passphrase-file", "desk-pass"])
        guard team.status == 0, desk.status == 0 else { throw TemplateError.failed(team.stderr + desk.stderr) }
        return template
    }
    nonisolated(unsafe) private static var templateFolder: String?

    private enum TemplateError: Error { case failed(String) }
}

/// Standard output and error of a child process, written to two temporary files (a pipe would fill up and
/// stall a child that writes much before it is read) and removed when this goes away.
final class OutputFiles {
    private let outPath: String
    private let errPath: String

    /// Sends the standard output and error of `process`, not started yet, to new files.
    init(of process: Process) {
        let id = UUID().uuidString
        outPath = NSTemporaryDirectory() + "temoin-out-" + id
        errPath = NSTemporaryDirectory() + "temoin-err-" + id
        XCTAssertTrue(FileManager.default.createFile(atPath: outPath, contents: nil))
        XCTAssertTrue(FileManager.default.createFile(atPath: errPath, contents: nil))
        process.standardOutput = FileHandle(forWritingAtPath: outPath)
        process.standardError = FileHandle(forWritingAtPath: errPath)
    }

    deinit { unlink(outPath); unlink(errPath) }

    /// Everything written on standard output so far.
    var stdout: String { String(decoding: FileManager.default.contents(atPath: outPath) ?? Data(), as: UTF8.self) }
    /// Everything written on standard error so far.
    var stderr: String { String(decoding: FileManager.default.contents(atPath: errPath) ?? Data(), as: UTF8.self) }
}
