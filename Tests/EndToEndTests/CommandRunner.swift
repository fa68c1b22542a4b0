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
        let id = UUID().uuidString
        let outPath = NSTemporaryDirectory() + "temoin-out-" + id, errPath = NSTemporaryDirectory() + "temoin-err-" + id
        FileManager.default.createFile(atPath: outPath, contents: nil)
        FileManager.default.createFile(atPath: errPath, contents: nil)
        defer { unlink(outPath); unlink(errPath) }
        let stdin = Pipe()
        process.standardOutput = FileHandle(forWritingAtPath: outPath)
        process.standardError = FileHandle(forWritingAtPath: errPath)
        process.standardInput = stdin
        try process.run()
        if let input { stdin.fileHandleForWriting.write(input) }
        try stdin.fileHandleForWriting.close()
        process.waitUntilExit()
        let outData = FileManager.default.contents(atPath: outPath) ?? Data()
        let errData = FileManager.default.contents(atPath: errPath) ?? Data()
        return Result(status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self), stderr: String(decoding: errData, as: UTF8.self))
    }

    /// Writes a file in the folder.
    func write(_ name: String, _ text: String) throws { try write(name, Data(text.utf8)) }

    /// Writes a file in the folder.
    func write(_ name: String, _ data: Data) throws {
        try data.write(to: URL(fileURLWithPath: folder + "/" + name))
    }

    /// Reads a file of the folder.
    func read(_ name: String) throws -> Data { try Data(contentsOf: URL(fileURLWithPath: folder + "/" + name)) }

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
