import ArgumentParser
import Foundation
import TemoinCrypto
import TemoinDesk
import TemoinFormat

/// `temoin export`: writes a signed bundle.
struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write the sealed records not yet exported into a signed bundle file.",
        discussion: "The bundle is read back and verified before the records are marked exported. An existing file is never replaced.")

    @Option(name: .long, help: ArgumentHelp("The bundle file to create.", valueName: "FILE"))
    var out: String

    @Flag(help: "Leave the evidence files out: a quick bundle of testimonies only (records with files stay to export with them).")
    var withoutFiles = false

    @Flag(help: "Export every sealed record, including those exported before.")
    var all = false

    @Option(name: .customLong("max-size"), help: ArgumentHelp(
        "Split into complete bundles of at most SIZE bytes each (suffix K, M or G; at least 1M), named FILE-1-of-N…; "
            + "without it, only onto a FAT32 stick (4G).", valueName: "SIZE"))
    var maxSize: String?

    @OptionGroup var vault: VaultOptions
    @OptionGroup var passphrase: PassphraseOptions

    /// The smallest `--max-size`: a testimony's text alone must fit in a volume.
    static let smallestVolume = 1 << 20

    /// `--max-size` in bytes: digits, then an optional K, M or G (powers of 1024); nil when not given.
    static func bytes(_ size: String) -> Int? {
        let units: [Character: Int] = ["K": 1 << 10, "k": 1 << 10, "M": 1 << 20, "m": 1 << 20, "G": 1 << 30, "g": 1 << 30]
        let unit = size.last.flatMap { units[$0] }
        guard let number = Int(unit == nil ? size : String(size.dropLast())), number > 0 else { return nil }
        let (bytes, overflow) = number.multipliedReportingOverflow(by: unit ?? 1)
        return overflow ? nil : bytes
    }

    func validate() throws {
        if let maxSize, (Self.bytes(maxSize) ?? 0) < Self.smallestVolume { throw ValidationError(CLIText.maxSizeValue) }
    }

    func run() throws {
        let desk = try DeskVault.open(at: vault.directory)
        try desk.preflightExport(to: out, all: all)
        let phrase = try passphrase.existing(CLIText.deskPassphrase)
        // The streams are hashed on the other core while Argon2id derives the desk key on this one.
        let hashes = withoutFiles ? nil : VaultStreamHashes.speculative(vault: desk)
        defer { hashes?.stop() }
        let secrets = try desk.unlock(passphrase: phrase)
        let summaries = try desk.exportVolumes(to: out, all: all, withoutFiles: withoutFiles, maximumBytes: maxSize.flatMap(Self.bytes), secrets: secrets,
                                               streamHashes: hashes)
        if summaries.count > 1 { StandardStreams.line(CLIText.exportedInVolumes(summaries.count)) }
        for summary in summaries {
            StandardStreams.line(CLIText.exported(summary.recordCount, files: summary.fileCount, summary.path, summary.byteCount))
        }
        if let summary = summaries.first { StandardStreams.line(CLIText.exportDeskFingerprint(summary.deskFingerprint)) }
    }
}

/// `temoin verify`: checks bundles without any secret.
struct VerifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Check bundles' structure, record list and desk signature (no secret needed).",
        discussion: "Exit code 0 only if every bundle verifies; otherwise that of the first failure: 5 for a bundle that fails verification, 7 for a disk error.")

    @Argument(help: ArgumentHelp("Bundle files.", valueName: "FILE"))
    var files: [String]

    func validate() throws {
        if files.isEmpty { throw ValidationError(CLIText.nameABundle) }
    }

    func run() throws {
        var failure: Int32?
        for file in files {
            do {
                let summary = try BundleReader.read(file)
                StandardStreams.line(CLIText.verified(file, summary.header.recordCount, files: summary.files.count,
                                                      summary.header.deskName, summary.header.deskFingerprint))
            } catch {
                failure = failure ?? refusalCode(for: error)
                StandardStreams.line(CLIText.refused(file, error))
            }
        }
        if let failure { throw ExitCode(failure) }
    }
}
