import ArgumentParser
import Foundation
import TemoinAnalysis
import TemoinCrypto
import TemoinForms
import TemoinVault

/// `temoin team`: the legal team's commands.
struct TeamCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "team",
        abstract: "The legal team: create the team key, check fingerprints, decrypt bundles.",
        subcommands: [TeamInitCommand.self, TeamFingerprintCommand.self, TeamDecryptCommand.self])
}

/// `temoin team init`.
struct TeamInitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Create a team key pair: DIR/team.key (secret, passphrase-protected) and DIR/team.pub (give it to the desks).")

    @Option(help: ArgumentHelp("Folder for team.key and team.pub (created if needed).", valueName: "DIR"))
    var out: String

    @Option(help: "A name for this key (a team member or a role).")
    var name: String = "Team"

    @OptionGroup var passphrase: PassphraseOptions

    func run() throws {
        try guarded {
            hardenProcess()
            let secretPath = out + "/team.key", publicPath = out + "/team.pub"
            for path in [secretPath, publicPath] where FileManager.default.fileExists(atPath: path) {
                throw VaultError.fileExists(path: path)
            }
            do {
                try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            } catch { throw VaultError.notWritable(path: out, reason: "the folder cannot be created") }
            let secret = try passphrase.new("New team key passphrase (at least 12 characters): ", minimum: 12)
            let pair = TeamKeyPair(name: name)
            let file = try SecretKeyFile.seal(kind: .team, publicKey: pair.publicKey.bytes, name: name, secret: pair.secretKey,
                                              passphrase: secret, cost: .moderate)
            try KeyFileWriter.writeNew(file.bytes, to: secretPath)
            try KeyFileWriter.writeNew(PublicKeyFile.encode(pair.publicKey), to: publicPath)
            print("Team key \"\(name)\" created.")
            print("  secret: \(secretPath) (keep it offline, with its passphrase)")
            print("  public: \(publicPath) (give it to each desk)")
            print("Fingerprint: \(pair.publicKey.fingerprint)")
        }
    }
}

/// `temoin team fingerprint`.
struct TeamFingerprintCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "fingerprint", abstract: "Print the fingerprint of a team key file (public or secret; no passphrase needed).")

    @Argument(help: ArgumentHelp("team.pub or team.key", valueName: "FILE"))
    var file: String

    func run() throws {
        try guarded {
            let bytes = try readKeyFile(file)
            do {
                if let key = try? PublicKeyFile.decode(bytes) {
                    print("\(key.fingerprint)  \(key.name) (public key)")
                } else {
                    let secret = try SecretKeyFile(bytes: bytes)
                    print("\(secret.fingerprint)  \(secret.name) (secret key)")
                }
            } catch let error as CryptoError {
                throw CLIError.failed("\(file): \(error)", code: 1)
            }
        }
    }
}

/// `temoin team decrypt`.
struct TeamDecryptCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "decrypt",
        abstract: "Verify and decrypt bundles with the team secret key; write JSON Lines or CSV.",
        discussion: """
        Each bundle is verified first; a bundle that fails is refused whole unless --salvage is given, which \
        recovers its intact records marked "unverified". A record sealed to another key or damaged is \
        reported on standard error and the others are still decrypted. A record seen twice is output once. \
        Exit code 5 when anything was refused or skipped.
        """)

    @Option(name: .long, help: ArgumentHelp("A team secret key file; repeat to also open records sealed to older keys.", valueName: "KEY"))
    var key: [String] = []

    @Option(help: "Output format: jsonl or csv.")
    var format: String = "jsonl"

    @Option(help: ArgumentHelp("Write to FILE (created; never replaced) instead of standard output.", valueName: "FILE"))
    var out: String?

    @Flag(help: "Recover the intact records of damaged bundles, marked unverified.")
    var salvage = false

    @Flag(help: "Start the CSV with a UTF-8 byte order mark (for some spreadsheet programs).")
    var bom = false

    @Option(help: ArgumentHelp("The questionnaire file whose fields become CSV columns (default: the built-in one).", valueName: "FILE"))
    var form: String?

    @OptionGroup var passphrase: PassphraseOptions

    @Argument(help: ArgumentHelp("Bundle files.", valueName: "BUNDLE"))
    var bundles: [String] = []

    func validate() throws {
        if key.isEmpty { throw ValidationError("Give the team secret key with --key team.key.") }
        if OutputFormat(rawValue: format) == nil { throw ValidationError("--format must be jsonl or csv.") }
        if bundles.isEmpty { throw ValidationError("Name at least one bundle file.") }
    }

    func run() throws {
        try guarded {
            hardenProcess()
            let keys = try key.map { try openTeamKey($0, passphrases: passphrase) }
            let questionnaire = form.map { try? Questionnaire(jsonData: readInput($0)) } ?? nil
            let fields = try questionnaire ?? Questionnaire.builtIn()
            let sink = try OutputSink(path: out)
            let output = try RecordOutput(format: OutputFormat(rawValue: format)!, form: fields, byteOrderMark: bom, write: sink.write)
            let report = try TeamDecryptor(keys: keys).run(bundles: bundles, salvage: salvage) { try output.append($0) }
            try output.finish()
            try sink.finish()
            for (path, reason) in report.refusedBundles { note("\(path): REFUSED — \(reason)") }
            for problem in report.problems { note(problem.description) }
            let counts = RecordStatus.allCases.compactMap { status in report.counts[status].map { "\($0) \(status.rawValue)" } }
            note("Decrypted: " + (counts.isEmpty ? "no record" : counts.joined(separator: ", ")))
            if !report.isClean { throw ExitCode(5) }
        }
    }
}

/// Standard output or a new file.
final class OutputSink {
    private let handle: FileHandle
    private let path: String?

    init(path: String?) throws {
        self.path = path
        guard let path else { handle = .standardOutput; return }
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard fd >= 0 else {
            if errno == EEXIST { throw VaultError.fileExists(path: path) }
            throw VaultError.notWritable(path: path, reason: String(cString: strerror(errno)))
        }
        handle = FileHandle(fileDescriptor: fd, closeOnDealloc: true)
    }

    func write(_ data: Data) throws {
        do { try handle.write(contentsOf: data) } catch {
            throw VaultError.notWritable(path: path ?? "standard output", reason: "\(error.localizedDescription)")
        }
    }

    func finish() throws {
        if path != nil { try? handle.synchronize() }
    }
}

/// Writes key files: mode 0600, durable, never replacing an existing file.
enum KeyFileWriter {
    static func writeNew(_ bytes: [UInt8], to path: String) throws {
        let partial = path + ".partial"
        unlink(partial)
        let fd = open(partial, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw VaultError.notWritable(path: path, reason: String(cString: strerror(errno))) }
        defer { close(fd); unlink(partial) }
        var offset = 0
        while offset < bytes.count {
            let n = bytes[offset...].withUnsafeBytes { write(fd, $0.baseAddress!, $0.count) }
            if n < 0 { if errno == EINTR { continue }; throw VaultError.notWritable(path: path, reason: String(cString: strerror(errno))) }
            offset += n
        }
        guard fsync(fd) == 0 else { throw VaultError.notWritable(path: path, reason: String(cString: strerror(errno))) }
        guard link(partial, path) == 0 else { throw VaultError.fileExists(path: path) }
    }
}
