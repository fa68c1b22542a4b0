import ArgumentParser
import Foundation
import TemoinCrypto
import TemoinFormat
import TemoinForms
import TemoinStorage

/// `temoin team`: the legal team's commands.
struct TeamCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "team",
        abstract: "The legal team: keys, inbox of bundles, known desks, decryption, case notes and follow-up, withdrawal.",
        subcommands: [TeamBrowseCommand.self, TeamInitCommand.self, TeamFingerprintCommand.self, TeamPassphraseCommand.self, TeamRecoverySheetCommand.self,
                      TeamRestoreCommand.self, TeamImportCommand.self, TeamDesksCommand.self, TeamDecryptCommand.self,
                      TeamReportCommand.self, TeamStatsCommand.self, TeamExhibitCommand.self, TeamCorroborateCommand.self, TeamFindCommand.self,
                      TeamNoteCommand.self, TeamStatusCommand.self, TeamTagCommand.self, TeamShareCommand.self, TeamUnshareCommand.self, TeamFollowupCommand.self, TeamWithdrawCommand.self],
        defaultSubcommand: TeamBrowseCommand.self)
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
        let secretPath = out + "/team.key", publicPath = out + "/team.pub"
        for path in [secretPath, publicPath] { try FileSystem.ensureAbsent(path) }
        try FileSystem.createFolder(out)
        let secret = try passphrase.new(CLIText.newTeamKeyPassphrase, minimum: PassphraseRules.teamMinimum)
        let pair = TeamKeyPair(name: name)
        let file = try SecretKeyFile.seal(kind: .team, publicKey: pair.publicKey.bytes, name: name, secret: pair.secretKey,
                                          passphrase: secret, cost: .moderate)
        try FileSystem.writeNew(file.bytes, to: secretPath)
        try FileSystem.writeNew(PublicKeyFile.encode(pair.publicKey), to: publicPath)
        StandardStreams.line(CLIText.teamKeyCreated(name))
        StandardStreams.line(CLIText.secretAt(secretPath))
        StandardStreams.line(CLIText.publicAt(publicPath))
        StandardStreams.line(CLIText.fingerprint(pair.publicKey.fingerprint))
    }
}

/// `temoin team fingerprint`.
struct TeamFingerprintCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "fingerprint", abstract: "Print the fingerprint of a team key file (public or secret; no passphrase needed).")

    @Argument(help: ArgumentHelp("team.pub or team.key", valueName: "FILE"))
    var file: String

    func run() throws {
        let bytes = try readKeyFile(file)
        do {
            // Told apart by their magic, so that a damaged file is said damaged rather than of the other kind.
            if bytes.starts(with: PublicKeyFile.magic) {
                let key = try PublicKeyFile.decode(bytes)
                StandardStreams.line("\(key.fingerprint)  \(key.name) \(CLIText.publicKeyKind)")
            } else if bytes.starts(with: SecretKeyFile.magic) {
                let secret = try SecretKeyFile(bytes: bytes)
                StandardStreams.line("\(secret.fingerprint)  \(secret.name) \(CLIText.secretKeyKind)")
            } else {
                throw CLIError.failed(CLIText.notAKeyFile(file), code: 1)
            }
        } catch let error as CryptoError {
            throw CLIError.failed(CLIText.describe(error, file: file), code: 1)
        }
    }
}

/// Standard output, or a new file that appears only once complete and synced (`PendingFile`): a run
/// stopped half-way (a full disk, a write error) leaves no half-written file to pass for a whole one.
final class OutputSink {
    /// The file being written and the name it will get; nil for standard output.
    private let file: (pending: PendingFile, path: String)?
    /// Standard output's bytes not written yet: one write per 64 KiB rather than one per line.
    private var buffer: [UInt8] = []

    init(path: String?) throws {
        guard let path else { file = nil; return }
        try FileSystem.ensureAbsent(path)   // now, not after the whole run
        file = (try PendingFile(for: path), path)
    }

    func write(_ bytes: [UInt8]) throws {
        if let file { return try file.pending.write(bytes) }
        buffer.append(contentsOf: bytes)
        if buffer.count >= 1 << 16 { try flush() }
    }

    private func flush() throws {
        try StandardStreams.output(bytes: buffer)
        buffer.removeAll(keepingCapacity: true)
    }

    /// Writes what is left and, for a file, syncs it and gives it its name (call it at the end, or
    /// nothing appears).
    func finish() throws {
        guard let file else { return try flush() }
        try file.pending.publish(as: file.path)
    }
}
